// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "ical/incidenceentry.h"

#include <KCalendarCore/ICalFormat>
#include <KCalendarCore/Todo>

#include <QRegularExpression>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

/// The X-KDE-CRM-* values as other programs read them. RFC 5545 reads an
/// unescaped comma in a TEXT value as the end of one value: Radicale (python's
/// vobject) keeps only the text before it, and stored it so. The CRM's values
/// must carry no unescaped comma, and read back exactly.
class CrmPropertyTest : public QObject
{
    Q_OBJECT

    /// The value of @p name as it stands in @p ical, lines unfolded.
    static QString rawValue(const QString &ical, const QString &name)
    {
        QString unfolded = ical;
        unfolded.replace(QRegularExpression(u"\r?\n[ \t]"_s), QString());
        const QRegularExpression line(u"^"_s + QRegularExpression::escape(name) + u"(;[^:]*)?:(.*)$"_s, QRegularExpression::MultilineOption);
        const auto match = line.match(unfolded);
        return match.hasMatch() ? match.captured(2).trimmed() : QString();
    }

    static KCalendarCore::Incidence::Ptr parse(const QByteArray &property)
    {
        return KCalendarCore::ICalFormat().fromString(
            QString::fromUtf8("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\nBEGIN:VTODO\r\nUID:1\r\n"
                              "DTSTAMP:20261128T000000Z\r\n"
                              + property + "\r\nEND:VTODO\r\nEND:VCALENDAR\r\n"));
    }

private Q_SLOTS:
    void shouldWriteNoUnescapedCommaAndReadTheValueBack_data()
    {
        QTest::addColumn<QString>("value");
        QTest::newRow("history") << u"[{\"at\":\"2026-11-26T12:00:00Z\",\"by\":\"oksana@our-firm.example\",\"note\":\"беру, 5%\",\"to\":\"new\"}]"_s;
        QTest::newRow("result") << u"Погодили знижку 5%, оплата; до 1 грудня"_s;
        QTest::newRow("percent codes typed") << u"%2C and %25 and %"_s;
        QTest::newRow("backslashes") << u"C:\\dir\\, a\\nb"_s;
        QTest::newRow("plain") << u"call"_s;
    }

    void shouldWriteNoUnescapedCommaAndReadTheValueBack()
    {
        QFETCH(QString, value);
        // GIVEN a to-do with the value, written as the resources write it
        KCalendarCore::Todo::Ptr todo(new KCalendarCore::Todo);
        todo->setUid(u"urn:uuid:1"_s);
        Crm::IncidenceEntry::setCrmProperty(todo, "RESULT", value);
        const QString ical = KCalendarCore::ICalFormat().toICalString(todo);
        // THEN no comma stands unescaped in its value
        const QString raw = rawValue(ical, u"X-KDE-CRM-RESULT"_s);
        QVERIFY2(!raw.isEmpty(), qPrintable(ical));
        QVERIFY2(!raw.contains(QRegularExpression(u"(^|[^\\\\])(\\\\\\\\)*,"_s)), qPrintable(raw));
        // AND it reads back exactly
        const auto read = KCalendarCore::ICalFormat().fromString(ical);
        QVERIFY(read);
        QCOMPARE(Crm::IncidenceEntry::crmProperty(read, "RESULT"), value);
    }

    void shouldReadValuesWrittenBeforeOrByOtherClients_data()
    {
        QTest::addColumn<QByteArray>("property");
        QTest::addColumn<QString>("value");
        // As the CRM wrote them before: commas unescaped.
        QTest::newRow("plain commas") << QByteArray("X-KDE-CRM-RESULT:agreed, signed") << u"agreed, signed"_s;
        // As an RFC 5545 client writes them back (Radicale, python's icalendar).
        QTest::newRow("escaped commas") << QByteArray("X-KDE-CRM-RESULT:agreed\\, signed\\; paid") << u"agreed, signed; paid"_s;
        QTest::newRow("percent") << QByteArray("X-KDE-CRM-RESULT:5% off") << u"5% off"_s;
        QTest::newRow("encoded") << QByteArray("X-KDE-CRM-RESULT:agreed%2C 5%25 off") << u"agreed, 5% off"_s;
    }

    void shouldReadValuesWrittenBeforeOrByOtherClients()
    {
        QFETCH(QByteArray, property);
        QFETCH(QString, value);
        const auto incidence = parse(property);
        QVERIFY(incidence);
        QCOMPARE(Crm::IncidenceEntry::crmProperty(incidence, "RESULT"), value);
    }
};

QTEST_GUILESS_MAIN(CrmPropertyTest)
#include "crmpropertytest.moc"
