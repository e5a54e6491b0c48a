// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "domain/crmpropertiesloss.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

/// What an interaction or an event lost when a phone dropped the CRM's
/// X-properties, and the file that keeps it until it is settled.
class CrmPropertiesLossTest : public QObject
{
    Q_OBJECT

private:
    static Crm::CalendarEntry entry(Crm::CalendarEntry::Type type, const QString &counterparty, const QString &kind)
    {
        Crm::CalendarEntry e;
        e.itemId = 7;
        e.uid = u"urn:uuid:call"_s;
        e.summary = u"Prices for 2027"_s;
        e.type = type;
        e.counterpartyUid = counterparty;
        e.kind = kind;
        return e;
    }

private Q_SLOTS:
    void shouldNameWhatAnInteractionLost()
    {
        // GIVEN an interaction with a counterparty, come back as a plain event that kept its category
        const auto before = entry(Crm::CalendarEntry::Type::Interaction, u"urn:uuid:sonyakh"_s, u"call"_s);
        const auto after = entry(Crm::CalendarEntry::Type::Other, {}, u"call"_s);
        // WHEN the two are compared
        const auto loss = Crm::CrmPropertiesLoss::between(before, after, QDateTime(QDate(2026, 11, 27), QTime(9, 0), QTimeZone::UTC));
        // THEN the type and the counterparty are lost, the kind (kept as the category) is not
        QVERIFY(loss.has_value());
        QCOMPARE(loss->lost, (QStringList{u"X-KDE-CRM-TYPE"_s, u"X-KDE-CRM-COUNTERPARTY"_s}));
        QCOMPARE(loss->formerTypeName(), u"interaction"_s);
        QCOMPARE(loss->counterpartyUid, u"urn:uuid:sonyakh"_s);
        QCOMPARE(loss->kind, u"call"_s);
    }

    void shouldNameAKindThatWentWithTheProperties()
    {
        const auto loss = Crm::CrmPropertiesLoss::between(entry(Crm::CalendarEntry::Type::Event, {}, u"Звірка"_s),
                                                          entry(Crm::CalendarEntry::Type::Other, {}, {}),
                                                          QDateTime::currentDateTimeUtc());
        QVERIFY(loss.has_value());
        QCOMPARE(loss->lost, (QStringList{u"X-KDE-CRM-TYPE"_s, u"X-KDE-CRM-KIND"_s}));
        QCOMPARE(loss->formerTypeName(), u"event"_s);
    }

    void shouldSeeNoLossWhereNothingWasLost_data()
    {
        QTest::addColumn<int>("beforeType");
        QTest::addColumn<int>("afterType");
        QTest::addColumn<QString>("afterUid");
        QTest::newRow("still an interaction") << int(Crm::CalendarEntry::Type::Interaction) << int(Crm::CalendarEntry::Type::Interaction) << u"urn:uuid:call"_s;
        QTest::newRow("a plain event before") << int(Crm::CalendarEntry::Type::Other) << int(Crm::CalendarEntry::Type::Other) << u"urn:uuid:call"_s;
        QTest::newRow("a task") << int(Crm::CalendarEntry::Type::Task) << int(Crm::CalendarEntry::Type::Task) << u"urn:uuid:call"_s;
        QTest::newRow("another UID") << int(Crm::CalendarEntry::Type::Interaction) << int(Crm::CalendarEntry::Type::Other) << u"urn:uuid:other"_s;
    }

    void shouldSeeNoLossWhereNothingWasLost()
    {
        QFETCH(int, beforeType);
        QFETCH(int, afterType);
        QFETCH(QString, afterUid);
        auto after = entry(Crm::CalendarEntry::Type(afterType), {}, {});
        after.uid = afterUid;
        QVERIFY(!Crm::CrmPropertiesLoss::between(entry(Crm::CalendarEntry::Type(beforeType), u"urn:uuid:sonyakh"_s, {}), after, QDateTime::currentDateTimeUtc())
                     .has_value());
    }

    void shouldKeepOneRecordPerItemInItsFile()
    {
        // GIVEN a log file
        QTemporaryDir dir;
        const Crm::CrmPropertiesLossLog log(dir.filePath(u"sub/losses.json"_s));
        QVERIFY(log.read().isEmpty());
        const QDateTime seen(QDate(2026, 11, 27), QTime(9, 0), QTimeZone::UTC);
        auto loss = *Crm::CrmPropertiesLoss::between(entry(Crm::CalendarEntry::Type::Interaction, u"urn:uuid:sonyakh"_s, u"call"_s),
                                                     entry(Crm::CalendarEntry::Type::Other, {}, u"call"_s),
                                                     seen);
        // WHEN the same item's loss is recorded twice
        QVERIFY(log.record(loss));
        QVERIFY(log.record(loss));
        // THEN the file holds it once, as recorded
        QCOMPARE(log.read(), QList<Crm::CrmPropertiesLoss>{loss});
        // AND writing none removes the file
        QVERIFY(log.write({}));
        QVERIFY(!QFile::exists(log.filePath()));
    }

    void shouldReadADamagedFileAsEmpty()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(u"losses.json"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("[{\"itemId\": \"x\"}, 12, {");
        file.close();
        QVERIFY(Crm::CrmPropertiesLossLog(file.fileName()).read().isEmpty());
    }
};

QTEST_GUILESS_MAIN(CrmPropertiesLossTest)

#include "crmpropertieslosstest.moc"
