// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "ical/occurrences.h"

#include <KCalendarCore/ICalFormat>
#include <KCalendarCore/MemoryCalendar>
#include <KCalendarCore/Recurrence>

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
        QElapsedTimer timer;
        timer.start();
        const auto expansion = Crm::Occurrences::between(incidence, from, to);
        const QString problem = Crm::Occurrences::problem(incidence);

        // THEN it never takes long, whatever the rule
        QVERIFY2(timer.elapsed() < 5000, "expansion must be bounded");
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
};

QTEST_GUILESS_MAIN(RecurrenceTest)

#include "recurrencetest.moc"
