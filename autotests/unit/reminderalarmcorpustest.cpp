// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "reminders/reminderrules.h"
#include "reminders/schedule.h"

#include <KCalendarCore/ICalFormat>
#include <KCalendarCore/MemoryCalendar>

#include <QDir>
#include <QTest>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;

/// The schedule fires recurring and one-off alarms exactly when
/// KCalendarCore's own alarm computation (Calendar::alarms, what
/// KOrganizer's reminder daemon asks every minute) says they fire. One
/// case per file under autotests/data/alarms/.
class ReminderAlarmCorpusTest : public QObject
{
    Q_OBJECT

    using Firing = std::pair<QString, QDateTime>; ///< (incidence UID, time)

    /// Every firing time in [from, to] according to Calendar::alarms, found
    /// by halving the window down to one second wherever an alarm fires.
    static void bisect(const KCalendarCore::MemoryCalendar::Ptr &calendar, const QDateTime &from, const QDateTime &to, QList<Firing> &out)
    {
        const KCalendarCore::Alarm::List alarms = calendar->alarms(from, to);
        if (alarms.isEmpty()) {
            return;
        }
        if (from.secsTo(to) <= 0) {
            for (const KCalendarCore::Alarm::Ptr &alarm : alarms) {
                out.append({alarm->parentUid(), from});
            }
            return;
        }
        const QDateTime mid = from.addSecs(from.secsTo(to) / 2);
        bisect(calendar, from, mid, out);
        bisect(calendar, mid.addSecs(1), to, out);
    }

    static QList<Firing> sorted(QList<Firing> list)
    {
        std::sort(list.begin(), list.end(), [](const Firing &a, const Firing &b) {
            return a.second != b.second ? a.second < b.second : a.first < b.first;
        });
        return list;
    }

private Q_SLOTS:
    void shouldFireWhenCalendarAlarmsSays_data()
    {
        QTest::addColumn<QString>("path");
        const QDir dir(QStringLiteral(CRM_DATA_DIR "/alarms"));
        const auto files = dir.entryList({u"*.ics"_s}, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 5);
        for (const QString &name : files) {
            QTest::newRow(qPrintable(name)) << dir.filePath(name);
        }
    }

    void shouldFireWhenCalendarAlarmsSays()
    {
        QFETCH(QString, path);
        // GIVEN the file in a memory calendar, and the same incidences in the schedule
        auto calendar = KCalendarCore::MemoryCalendar::Ptr::create(QTimeZone::utc());
        QVERIFY(KCalendarCore::ICalFormat().load(calendar, path));
        const QDateTime from(QDate(2026, 1, 1), QTime(0, 0), QTimeZone::UTC);
        const QDateTime to(QDate(2027, 1, 2), QTime(0, 0), QTimeZone::UTC);
        Crm::Reminders::Schedule schedule;
        schedule.setCursor(from.addSecs(-1));
        qint64 id = 0;
        const auto incidences = calendar->incidences();
        QVERIFY(!incidences.isEmpty());
        for (const auto &incidence : incidences) {
            schedule.set(Crm::Reminders::Rules::fromIncidence(incidence, ++id, {}));
        }

        // WHEN the schedule is asked for everything due up to the window's end
        QList<Firing> fired;
        const auto reminders = schedule.takeDue(to);
        for (const auto &r : reminders) {
            fired.append({r.uid, r.due});
        }
        QList<Firing> expected;
        bisect(calendar, from, to, expected);

        // THEN the same times, the same number of times
        QVERIFY(!expected.isEmpty());
        const auto got = sorted(fired);
        const auto want = sorted(expected);
        if (got != want) {
            for (const auto &f : got) {
                qWarning() << "schedule" << f.first << f.second;
            }
            for (const auto &f : want) {
                qWarning() << "Calendar::alarms" << f.first << f.second;
            }
        }
        QCOMPARE(got, want);
    }

    void shouldFireTheSameWhenAskedMinuteByMinuteOrAtOnce()
    {
        // GIVEN a recurring event with a repeated alarm, in a schedule
        auto calendar = KCalendarCore::MemoryCalendar::Ptr::create(QTimeZone::utc());
        QVERIFY(KCalendarCore::ICalFormat().load(calendar, QStringLiteral(CRM_DATA_DIR "/alarms/repeated-alarm.ics")));
        const QDateTime from(QDate(2026, 6, 1), QTime(0, 0), QTimeZone::UTC);
        Crm::Reminders::Schedule stepped;
        Crm::Reminders::Schedule atOnce;
        for (auto *s : {&stepped, &atOnce}) {
            s->setCursor(from);
            s->set(Crm::Reminders::Rules::fromIncidence(calendar->incidences().constFirst(), 1, {}));
        }

        // WHEN one is ticked every minute for four days and the other asked once
        QList<QDateTime> a;
        for (QDateTime t = from; t <= from.addDays(4); t = t.addSecs(60)) {
            const auto due = stepped.takeDue(t);
            for (const auto &r : due) {
                a << r.due;
            }
        }
        QList<QDateTime> b;
        const auto due = atOnce.takeDue(from.addDays(4));
        for (const auto &r : due) {
            b << r.due;
        }

        // THEN both hand out the same reminders, each once
        QCOMPARE(a.size(), 6); // two occurrences, each with an alarm repeated twice
        QCOMPARE(a, b);
    }
};

QTEST_GUILESS_MAIN(ReminderAlarmCorpusTest)
#include "reminderalarmcorpustest.moc"
