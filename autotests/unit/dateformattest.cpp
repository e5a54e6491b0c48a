// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "domain/dateformat.h"

#include <QLocale>
#include <QTest>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;

/// Date-times as the CRM writes them for people: the locale's short
/// format in the user's zone, never with seconds.
class DateFormatTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldShowHoursAndMinutesInTheUsersZone_data()
    {
        QTest::addColumn<QString>("locale");
        QTest::addColumn<QString>("expected");
        // The C locale's short format has seconds; they go.
        QTest::newRow("C") << u"C"_s << u"26 Nov 2026 14:30"_s;
        QTest::newRow("uk") << u"uk_UA"_s << u"26.11.26 14:30"_s;
        QTest::newRow("en_US") << u"en_US"_s << u"11/26/26 2:30\u202fPM"_s;
    }

    void shouldShowHoursAndMinutesInTheUsersZone()
    {
        QFETCH(QString, locale);
        QFETCH(QString, expected);
        qputenv("TZ", "Europe/Kyiv");
        QLocale::setDefault(QLocale(locale));
        const QDateTime utc(QDate(2026, 11, 26), QTime(12, 30, 45), QTimeZone::UTC);
        QCOMPARE(Crm::DateFormat::shortDateTime(utc), expected);
        QVERIFY(!Crm::DateFormat::shortTime(QTime(14, 30, 45)).contains(u"45"_s));
        QVERIFY(Crm::DateFormat::shortDateTime({}).isEmpty());
    }
};

QTEST_GUILESS_MAIN(DateFormatTest)
#include "dateformattest.moc"
