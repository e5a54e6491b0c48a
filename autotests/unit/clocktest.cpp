// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "domain/clock.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

/// The clock a test sets through CRM_NOW_FILE and a running agent reads at
/// every call: read while it is being rewritten, it must not jump.
class ClockTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    bool write(const QByteArray &content)
    {
        QFile f(m_dir.filePath(u"clock"_s));
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            return false;
        }
        return f.write(content) == content.size();
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("CRM_NOW_FILE", m_dir.filePath(u"clock"_s).toLocal8Bit());
    }

    void shouldKeepTheLastTimeWhileTheFileIsRewritten()
    {
        // GIVEN the file says noon in Kyiv
        QVERIFY(write("2026-11-26T12:00:00Z Europe/Kyiv"));
        const QDateTime noon(QDate(2026, 11, 26), QTime(12, 0), QTimeZone::UTC);
        QCOMPARE(Crm::Clock::now(), noon);
        QCOMPARE(Crm::Clock::zone().id(), QByteArray("Europe/Kyiv"));

        // WHEN it is read truncated (a rewrite under way), or half written
        QVERIFY(write(""));
        QCOMPARE(Crm::Clock::now(), noon);
        QCOMPARE(Crm::Clock::zone().id(), QByteArray("Europe/Kyiv"));
        QVERIFY(write("2026-1"));
        QCOMPARE(Crm::Clock::now(), noon);

        // THEN once rewritten it follows the file again
        QVERIFY(write("2026-12-01T08:00:00Z UTC"));
        QCOMPARE(Crm::Clock::now(), QDateTime(QDate(2026, 12, 1), QTime(8, 0), QTimeZone::UTC));
    }

    void shouldTakeZonesThatAreUtcAllYearAsUtc_data()
    {
        QTest::addColumn<QByteArray>("zone");
        QTest::addColumn<bool>("utc");
        QTest::newRow("UTC") << QByteArray("UTC") << true;
        // Qt's tz backend says Etc/UTC "has transitions" though it has none:
        // stored with TZID=Etc/UTC and an empty VTIMEZONE, Radicale refused
        // every task ("at least one component is needed").
        QTest::newRow("Etc/UTC") << QByteArray("Etc/UTC") << true;
        QTest::newRow("Etc/GMT") << QByteArray("Etc/GMT") << true;
        QTest::newRow("Europe/Kyiv") << QByteArray("Europe/Kyiv") << false;
        // GMT in winter, not in summer.
        QTest::newRow("Europe/London") << QByteArray("Europe/London") << false;
    }

    void shouldTakeZonesThatAreUtcAllYearAsUtc()
    {
        QFETCH(QByteArray, zone);
        QFETCH(bool, utc);
        QVERIFY(write("2026-12-01T08:00:00Z " + zone));
        QCOMPARE(Crm::Clock::zone() == QTimeZone::utc(), utc);
    }
};

QTEST_GUILESS_MAIN(ClockTest)
#include "clocktest.moc"
