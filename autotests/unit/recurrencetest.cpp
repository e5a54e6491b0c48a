// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "ical/occurrences.h"

#include <KCalendarCore/ICalFormat>
#include <KCalendarCore/MemoryCalendar>
#include <KCalendarCore/Recurrence>
#include <KCalendarCore/RecurrenceRule>

#include <QDir>
#include <QFile>
#include <QTest>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;

/// Each autotests/data/recurrence/NAME.ics has NAME.ref beside it: the
/// window, then the expected occurrence starts (UTC), or "count N",
/// "truncated" and "problem <words of the error>".
class RecurrenceTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldExpandLikeTheReferenceFile_data()
    {
        QTest::addColumn<QString>("ics");
        const QDir dir(QStringLiteral(CRM_DATA_DIR "/recurrence"));
        const auto files = dir.entryList({u"*.ics"_s}, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 10);
        for (const QString &f : files) {
            QTest::newRow(qPrintable(f)) << dir.filePath(f);
        }
    }

    void shouldExpandLikeTheReferenceFile()
    {
        QFETCH(QString, ics);
        // GIVEN the event and what a careful reader expects of it
        auto calendar = KCalendarCore::MemoryCalendar::Ptr(new KCalendarCore::MemoryCalendar(QTimeZone::utc()));
        KCalendarCore::ICalFormat format;
        QVERIFY(format.load(calendar, ics));
        const auto incidences = calendar->incidences();
        QCOMPARE(incidences.size(), 1);
        const auto incidence = incidences.constFirst();
        QFile refFile(ics.chopped(4) + u".ref"_s);
        QVERIFY(refFile.open(QIODevice::ReadOnly));
        const QStringList ref = QString::fromUtf8(refFile.readAll()).split(u'\n', Qt::SkipEmptyParts);
        const QStringList window = ref.constFirst().split(u' ');
        const QDateTime from = QDateTime::fromString(window.at(1), Qt::ISODate);
        const QDateTime to = QDateTime::fromString(window.at(2), Qt::ISODate);

        // WHEN it is expanded over the window, and checked for storing
        const auto expansion = Crm::Occurrences::between(incidence, from, to);
        const QString problem = Crm::Occurrences::problem(incidence);

        // THEN the expansion is bounded, whatever the rule (how long it takes
        // is measured by the fuzzers and benchmarks, not asserted here)
        QVERIFY(expansion.starts.size() <= Crm::Occurrences::defaultLimit);
        QStringList starts;
        for (const QDateTime &d : expansion.starts) {
            starts << d.toUTC().toString(Qt::ISODate);
        }
        QStringList expectedStarts;
        bool expectTruncated = false;
        QString expectedProblem;
        int expectedCount = -1;
        for (const QString &line : ref.mid(1)) {
            if (line.startsWith(u"count ")) {
                expectedCount = line.mid(6).toInt();
            } else if (line == u"truncated") {
                expectTruncated = true;
            } else if (line.startsWith(u"problem ")) {
                expectedProblem = line.mid(8);
            } else {
                expectedStarts << line;
            }
        }
        // AND the occurrences are the expected ones
        if (expectedCount >= 0) {
            QCOMPARE(starts.size(), expectedCount);
        } else {
            QCOMPARE(starts, expectedStarts);
        }
        QCOMPARE(expansion.truncated, expectTruncated);
        // AND a rule that cannot be stored says why
        if (expectedProblem.isEmpty()) {
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        } else {
            QVERIFY2(problem.contains(expectedProblem), qPrintable(problem));
        }
        // AND where the window is small enough, KCalendarCore's own expansion agrees
        if (!expectTruncated && expectedProblem.isEmpty() && incidence->recurs()) {
            QStringList theirs;
            const auto times = incidence->recurrence()->timesInInterval(from, to);
            for (const QDateTime &d : times) {
                theirs << d.toUTC().toString(Qt::ISODate);
            }
            QCOMPARE(starts, theirs);
        }
    }

    // The KCalendarCore fault behind roundTripProblem, for the upstream
    // report (autotests/data/upstream/kcalendarcore-byhour-roundtrip.md):
    // this starts to XPASS, failing the suite, once KCalendarCore is fixed.
    void upstreamKCalendarCoreStillDoublesByHour()
    {
        // GIVEN a rule KCalendarCore reads right
        KCalendarCore::ICalFormat format;
        KCalendarCore::RecurrenceRule rule;
        QVERIFY(format.fromString(&rule, u"FREQ=DAILY;BYHOUR=8,9,10,11,12,13,14"_s));
        QCOMPARE(rule.byHours(), (QList<int>{8, 9, 10, 11, 12, 13, 14}));
        // WHEN it writes it
        const QString written = format.toString(&rule).trimmed();
        // THEN it should write it as given
        QEXPECT_FAIL("", "KCalendarCore 6.13 writes BYHOUR=8,8,9,9,…", Continue);
        QCOMPARE(written, u"RRULE:FREQ=DAILY;BYHOUR=8,9,10,11,12,13,14"_s);
        // AND our check refuses it until then
        rule.setStartDt(QDateTime(QDate(2026, 1, 1), QTime(0, 0), QTimeZone::UTC));
        QVERIFY(!Crm::Occurrences::roundTripProblem(&rule).isEmpty());
    }

    void shouldAcceptRulesThatComeBackTheSame_data()
    {
        QTest::addColumn<QString>("rrule");
        QTest::newRow("weekly") << u"FREQ=WEEKLY;BYDAY=MO,FR"_s;
        QTest::newRow("monthly") << u"FREQ=MONTHLY;BYMONTHDAY=15"_s;
        QTest::newRow("until") << u"FREQ=WEEKLY;INTERVAL=2;UNTIL=20270601T000000Z"_s;
        QTest::newRow("count") << u"FREQ=DAILY;COUNT=10"_s;
        QTest::newRow("last friday") << u"FREQ=MONTHLY;BYDAY=-1FR"_s;
        QTest::newRow("yearly") << u"FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=8"_s;
    }
    void shouldAcceptRulesThatComeBackTheSame()
    {
        QFETCH(QString, rrule);
        KCalendarCore::ICalFormat format;
        KCalendarCore::RecurrenceRule rule;
        QVERIFY(format.fromString(&rule, rrule));
        rule.setStartDt(QDateTime(QDate(2026, 1, 1), QTime(9, 0), QTimeZone::UTC));
        const QString problem = Crm::Occurrences::roundTripProblem(&rule);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
};

QTEST_GUILESS_MAIN(RecurrenceTest)

#include "recurrencetest.moc"
