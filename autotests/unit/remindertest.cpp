// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "domain/clock.h"
#include "ical/incidenceentry.h"
#include "reminders/deliverylog.h"
#include "reminders/reminderrules.h"
#include "reminders/schedule.h"

#include <KCalendarCore/Alarm>
#include <KCalendarCore/Event>
#include <KCalendarCore/Todo>
#include <KContacts/Addressee>

#include <QBuffer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;
using namespace Crm::Reminders;

/// The reminder rules, the incremental schedule and the delivery log, at a
/// fixed "now": Thursday 26 November 2026, noon UTC.
class ReminderTest : public QObject
{
    Q_OBJECT

    const QDateTime now{QDate(2026, 11, 26), QTime(12, 0), QTimeZone::UTC};
    const QString me = u"oksana@our-firm.example"_s;

    Settings settings() const
    {
        Settings s;
        s.userEmail = me;
        s.deadlineLeadMinutes = 60;
        s.birthdayLeadDays = 2;
        return s;
    }

    KCalendarCore::Todo::Ptr task(const QString &uid, const QString &responsible, const QDateTime &due) const
    {
        auto todo = KCalendarCore::Todo::Ptr::create();
        todo->setUid(uid);
        todo->setSummary(u"Prepare the offer"_s);
        Crm::IncidenceEntry::setCrmProperty(todo, "TYPE", u"task"_s);
        todo->addAttendee(KCalendarCore::Attendee(u"Responsible"_s, responsible));
        todo->setDtDue(due);
        todo->setLastModified(now.addSecs(-600));
        return todo;
    }

    static QStringList kinds(const QList<Reminder> &list)
    {
        QStringList out;
        for (const Reminder &r : list) {
            out << kindName(r.kind) + u'@' + r.due.toUTC().toString(Qt::ISODate);
        }
        return out;
    }

    QTemporaryDir m_clockDir;

    /// The user's zone, as Crm::Clock reads it from CRM_NOW_FILE.
    void setZone(const QByteArray &zone)
    {
        QFile f(m_clockDir.filePath(u"clock"_s));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("2026-11-26T12:00:00Z " + zone);
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("CRM_NOW_FILE", m_clockDir.filePath(u"clock"_s).toLocal8Bit());
        setZone("UTC");
        Crm::Clock::setNow(now);
    }

    void shouldRemindOfMyTaskWhenAssignedBeforeAndAtItsDeadline()
    {
        // GIVEN a task of mine due tomorrow at 10:00
        const QDateTime due = now.addSecs(22 * 3600);
        Schedule schedule;
        schedule.setCursor(now.addSecs(-3600));
        schedule.set(Rules::fromIncidence(task(u"t1"_s, me, due), 1, settings()));

        // WHEN time passes to the day after
        const auto reminders = schedule.takeDue(now.addDays(2));

        // THEN assigned (at its last change), an hour before, and at the deadline
        QCOMPARE(kinds(reminders),
                 QStringList(
                     {u"task-assigned@2026-11-26T11:50:00Z"_s, u"task-deadline-soon@2026-11-27T09:00:00Z"_s, u"task-deadline-passed@2026-11-27T10:00:00Z"_s}));
    }

    void shouldListWhatIsStillDueWithoutTakingIt()
    {
        // GIVEN a task of mine due tomorrow at 10:00
        const QDateTime due = now.addSecs(22 * 3600);
        Schedule schedule;
        schedule.setCursor(now.addSecs(-3600));
        schedule.set(Rules::fromIncidence(task(u"t1"_s, me, due), 1, settings()));
        // WHEN the summary asks what comes until tomorrow noon, at most 2
        const auto listed = schedule.upcoming(now.addDays(1), 2);
        // THEN the first two, in time order, and asking took nothing
        QCOMPARE(kinds(listed), QStringList({u"task-assigned@2026-11-26T11:50:00Z"_s, u"task-deadline-soon@2026-11-27T09:00:00Z"_s}));
        QCOMPARE(kinds(schedule.upcoming(now.addDays(1), 0)).size(), 3);
        QCOMPARE(kinds(schedule.takeDue(now.addDays(2))).size(), 3);
        QVERIFY(schedule.upcoming(now.addDays(3), 0).isEmpty());
    }

    void shouldCarryAReminderOverOneLineOfText()
    {
        const Reminder r{42, u"uid-1"_s, Kind::TaskDeadlineSoon, now, now.addDays(1), u"Offer\twith a tab\nand a line"_s};
        const auto back = Reminder::fromLine(r.toLine());
        QVERIFY(back);
        QCOMPARE(back->itemId, 42);
        QCOMPARE(back->kind, Kind::TaskDeadlineSoon);
        QCOMPARE(back->due, now);
        QCOMPARE(back->occurrence, now.addDays(1));
        QCOMPARE(back->title, u"Offer with a tab and a line"_s);
        QVERIFY(!Reminder::fromLine(u"garbage"_s));
        QVERIFY(!Reminder::fromLine(u"2026-11-26T12:00:00Z\tno-such-kind\t\t1\tu\tt"_s));
    }

    void shouldNotRemindOfSomeoneElsesOrACompletedTask()
    {
        // GIVEN a task of a colleague and a completed task of mine
        auto done = task(u"t3"_s, me, now.addDays(1));
        done->setCompleted(true);
        Schedule schedule;
        schedule.setCursor(now.addDays(-1));
        schedule.set(Rules::fromIncidence(task(u"t2"_s, u"dmytro@our-firm.example"_s, now.addDays(1)), 2, settings()));
        schedule.set(Rules::fromIncidence(done, 3, settings()));

        // WHEN / THEN nothing is ever due
        QCOMPARE(schedule.size(), 0);
        QVERIFY(schedule.takeDue(now.addYears(1)).isEmpty());
    }

    void shouldRemindOfAPlannedInteractionDaysBeforeAndAtItsTime()
    {
        // GIVEN a call planned on 3 December at 10:00, reminded 2 days before
        auto e = KCalendarCore::Event::Ptr::create();
        e->setUid(u"i1"_s);
        e->setSummary(u"Call Соняшник"_s);
        Crm::IncidenceEntry::setCrmProperty(e, "TYPE", u"interaction"_s);
        e->setOrganizer(KCalendarCore::Person(u"Oksana"_s, me));
        e->setDtStart(QDateTime(QDate(2026, 12, 3), QTime(10, 0), QTimeZone::UTC));
        auto alarm = e->newAlarm();
        alarm->setDisplayAlarm(e->summary());
        alarm->setStartOffset(KCalendarCore::Duration(-2 * 24 * 3600));
        alarm->setEnabled(true);
        Schedule schedule;
        schedule.setCursor(now);
        schedule.set(Rules::fromIncidence(e, 7, settings()));

        // WHEN time passes beyond the call
        const auto reminders = schedule.takeDue(now.addDays(10));

        // THEN two reminders, each once
        QCOMPARE(kinds(reminders), QStringList({u"interaction-before@2026-12-01T10:00:00Z"_s, u"interaction-at@2026-12-03T10:00:00Z"_s}));
    }

    void shouldRemindOfABirthdayLeadDaysBeforeEveryYear()
    {
        // GIVEN a contact person born on 5 December
        KContacts::Addressee person;
        person.setUid(u"p1"_s);
        person.setFormattedName(u"Олена Коваль"_s);
        person.setBirthday(QDate(1985, 12, 5));
        Schedule schedule;
        schedule.setCursor(now);
        schedule.set(Rules::fromPerson(person, 9, settings()));

        // WHEN two years pass
        const auto reminders = schedule.takeDue(now.addYears(2));

        // THEN on 3 December at 09:00 local time, in 2026 and 2027
        QCOMPARE(reminders.size(), 2);
        QCOMPARE(reminders.at(0).due.toLocalTime(), QDateTime(QDate(2026, 12, 3), QTime(9, 0)));
        QCOMPARE(reminders.at(1).due.toLocalTime(), QDateTime(QDate(2027, 12, 3), QTime(9, 0)));
        QVERIFY(reminders.at(0).key() != reminders.at(1).key());
    }

    void shouldRemindOfAnEventOnlyTheEmployeesListedOnIt()
    {
        // GIVEN an event for a colleague and one for me, both with an alarm
        auto make = [&](const QString &uid, const QString &attendee) {
            auto e = KCalendarCore::Event::Ptr::create();
            e->setUid(uid);
            e->setSummary(uid);
            Crm::IncidenceEntry::setCrmProperty(e, "TYPE", u"event"_s);
            e->setDtStart(now.addDays(1));
            e->addAttendee(KCalendarCore::Attendee(QString(), attendee));
            auto a = e->newAlarm();
            a->setDisplayAlarm(uid);
            a->setStartOffset(KCalendarCore::Duration(-900));
            a->setEnabled(true);
            return e;
        };
        Schedule schedule;
        schedule.setCursor(now);
        schedule.set(Rules::fromIncidence(make(u"theirs"_s, u"dmytro@our-firm.example"_s), 1, settings()));
        schedule.set(Rules::fromIncidence(make(u"mine"_s, u"OKSANA@our-firm.example"_s), 2, settings()));

        // WHEN the day passes
        const auto reminders = schedule.takeDue(now.addDays(2));

        // THEN only mine (e-mails compared without case)
        QCOMPARE(reminders.size(), 1);
        QCOMPARE(reminders.constFirst().uid, u"mine"_s);
    }

    void shouldGiveNothingForAMissingPayload()
    {
        // GIVEN / WHEN a null incidence
        const Source s = Rules::fromIncidence({}, 5, settings());
        // THEN an empty source that the schedule does not keep
        QVERIFY(s.isEmpty());
        Schedule schedule;
        schedule.set(s);
        QCOMPARE(schedule.size(), 0);
    }

    void shouldTakeOnlyWhatIsDueAndMoveTheItemOn()
    {
        // GIVEN three tasks due in 1, 2 and 3 days
        Schedule schedule;
        schedule.setCursor(now);
        for (int i = 1; i <= 3; ++i) {
            schedule.set(Rules::fromIncidence(task(u"t%1"_s.arg(i), me, now.addDays(i)), i, settings()));
        }
        QCOMPARE(schedule.nextDue(), now.addDays(1).addSecs(-3600));

        // WHEN ticking at a time when nothing is due, then a day later
        QVERIFY(schedule.takeDue(now.addSecs(60)).isEmpty());
        const auto due = schedule.takeDue(now.addDays(1));

        // THEN only the first task's two reminders, and the first task's schedule moved on
        QCOMPARE(due.size(), 2);
        QCOMPARE(due.at(0).itemId, 1);
        QCOMPARE(due.at(1).itemId, 1);
        QCOMPARE(schedule.nextDue(), now.addDays(2).addSecs(-3600));
        QCOMPARE(schedule.pending(), 2);
    }

    void shouldRescheduleAnItemWhenItChangesOrGoes()
    {
        // GIVEN a task due in two days
        Schedule schedule;
        schedule.setCursor(now);
        schedule.set(Rules::fromIncidence(task(u"t"_s, me, now.addDays(2)), 1, settings()));

        // WHEN its deadline moves to tomorrow
        schedule.set(Rules::fromIncidence(task(u"t"_s, me, now.addDays(1)), 1, settings()));
        // THEN the next due time follows
        QCOMPARE(schedule.nextDue(), now.addDays(1).addSecs(-3600));
        QCOMPARE(schedule.size(), 1);

        // WHEN it is deleted
        schedule.remove(1);
        // THEN nothing is due
        QVERIFY(!schedule.nextDue().isValid());
        QVERIFY(schedule.takeDue(now.addYears(1)).isEmpty());
    }

    void shouldContinueFromAScheduleReadBack()
    {
        // GIVEN a schedule with a task and a recurring event, written out
        Schedule schedule;
        schedule.setCursor(now);
        schedule.set(Rules::fromIncidence(task(u"t"_s, me, now.addDays(1)), 1, settings()));
        auto e = KCalendarCore::Event::Ptr::create();
        e->setUid(u"weekly"_s);
        e->setDtStart(now.addSecs(3600));
        e->recurrence()->setWeekly(1);
        auto a = e->newAlarm();
        a->setDisplayAlarm(u"weekly"_s);
        a->setStartOffset(KCalendarCore::Duration(-600));
        a->setEnabled(true);
        schedule.set(Rules::fromIncidence(e, 2, settings()));
        QBuffer buffer;
        buffer.open(QIODevice::ReadWrite);
        QDataStream out(&buffer);
        schedule.write(out);

        // WHEN read into a new schedule and run three weeks
        buffer.seek(0);
        QDataStream in(&buffer);
        Schedule back;
        back.read(in);
        QCOMPARE(in.status(), QDataStream::Ok);

        // THEN the same reminders as the original gives
        QCOMPARE(kinds(back.takeDue(now.addDays(21))), kinds(schedule.takeDue(now.addDays(21))));
        QCOMPARE(back.size(), 2);
    }

    void shouldRecordEachReminderOnceAcrossReloads()
    {
        // GIVEN a delivery log in which one reminder was confirmed
        QTemporaryDir dir;
        const QString path = dir.filePath(u"log.bin"_s);
        const Reminder shown{1, u"t1"_s, Kind::TaskDeadlinePassed, now, now, u"Offer"_s};
        const Reminder crashed{2, u"t2"_s, Kind::TaskDeadlinePassed, now, now, u"Call"_s};
        {
            DeliveryLog log(path);
            QVERIFY(log.load());
            QVERIFY(log.begin(shown));
            QVERIFY(log.confirm(shown));
            // and one begun but never confirmed: the process died while showing it
            QVERIFY(log.begin(crashed));
        }

        // WHEN read again, as after a restart
        DeliveryLog log(path);
        QVERIFY(log.load());

        // THEN the confirmed one is not shown again, the other one is
        QVERIFY(log.isDelivered(shown.key()));
        QVERIFY(!log.isDelivered(crashed.key()));
        QVERIFY(log.isBegun(crashed.key()));
    }

    void shouldKeepTheWatermarkAndPruneWhatCannotComeBack()
    {
        // GIVEN a log with reminders delivered before and after a watermark
        QTemporaryDir dir;
        DeliveryLog log(dir.filePath(u"log.bin"_s));
        QVERIFY(log.load());
        const Reminder old{1, u"a"_s, Kind::EventAlarm, now.addDays(-3), now.addDays(-3), u"a"_s};
        const Reminder assigned{2, u"b"_s, Kind::TaskAssigned, now.addDays(-3), {}, u"b"_s};
        const Reminder recent{3, u"c"_s, Kind::EventAlarm, now, now, u"c"_s};
        for (const auto &r : {old, assigned, recent}) {
            log.begin(r);
            log.confirm(r);
        }
        QVERIFY(log.setWatermark(now.addDays(-1)));
        log.setWatermark(now.addDays(-2));
        QCOMPARE(log.watermark(), now.addDays(-1)); // never backwards

        // WHEN pruned
        log.prune(now.addDays(-1), now.addDays(-400));

        // THEN what lies before the watermark is forgotten, except the assignment
        DeliveryLog back(log.filePath());
        QVERIFY(back.load());
        QCOMPARE(back.watermark(), now.addDays(-1));
        QVERIFY(!back.isDelivered(old.key()));
        QVERIFY(back.isDelivered(assigned.key()));
        QVERIFY(back.isDelivered(recent.key()));
    }

    void shouldBringASnoozedReminderBackOnceEvenAfterACrash()
    {
        // GIVEN a reminder snoozed for 15 minutes
        QTemporaryDir dir;
        const QString path = dir.filePath(u"log.bin"_s);
        const Reminder r{1, u"t1"_s, Kind::TaskDeadlinePassed, now, now, u"Offer"_s};
        {
            DeliveryLog log(path);
            QVERIFY(log.load());
            QVERIFY(log.snooze(r, now.addSecs(900)));
            QVERIFY(log.dueSnoozes(now.addSecs(899)).isEmpty());
            // WHEN its time comes and the process dies while showing it
            const auto due = log.dueSnoozes(now.addSecs(900));
            QCOMPARE(due.size(), 1);
            log.begin(due.constFirst());
        }
        DeliveryLog log(path);
        QVERIFY(log.load());

        // THEN it is still due after the restart; once confirmed, it is gone
        const auto due = log.dueSnoozes(now.addSecs(900));
        QCOMPARE(due.size(), 1);
        QCOMPARE(due.constFirst().kind, Kind::Snoozed);
        QVERIFY(log.confirm(due.constFirst()));
        QVERIFY(log.dueSnoozes(now.addDays(1)).isEmpty());
        QVERIFY(log.isDelivered(due.constFirst().key()));
    }

    void shouldSetAsideADamagedLog()
    {
        // GIVEN a log file with garbage in it
        QTemporaryDir dir;
        const QString path = dir.filePath(u"log.bin"_s);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a log at all");
        f.close();

        // WHEN loaded
        DeliveryLog log(path);
        QString error;
        const bool ok = log.load(&error);

        // THEN it is reported and set aside, and the log starts empty
        QVERIFY(!ok);
        QVERIFY(!error.isEmpty());
        QCOMPARE(log.size(), 0);
        QVERIFY(QFile::exists(path + u".damaged"_s));
        QVERIFY(log.begin(Reminder{1, u"x"_s, Kind::EventAlarm, now, now, u"x"_s}));
    }
    void shouldKeepACursorSetBeforeReadingASavedSchedule()
    {
        // GIVEN a schedule saved two days ago, its cursor then
        Schedule old;
        old.setCursor(now.addDays(-2));
        old.set(Rules::fromIncidence(task(u"t"_s, me, now.addDays(-1)), 1, settings()));
        QBuffer buffer;
        buffer.open(QIODevice::ReadWrite);
        QDataStream out(&buffer);
        old.write(out);

        // WHEN read at a start whose cursor (the delivery log's watermark) is now
        buffer.seek(0);
        QDataStream in(&buffer);
        Schedule back;
        back.setCursor(now);
        back.read(in);

        // THEN the cursor stays, and nothing handed out before it comes again
        QCOMPARE(back.cursor(), now);
        QVERIFY(back.takeDue(now.addSecs(60)).isEmpty());
    }

    void shouldKeyABirthdayTheSameInEveryZone()
    {
        // GIVEN a person born on 2 December
        KContacts::Addressee person;
        person.setUid(u"p"_s);
        person.setFormattedName(u"Марія Ткач"_s);
        person.setBirthday(QDate(1979, 12, 2));
        const Source source = Rules::fromPerson(person, 1, settings());

        // WHEN its reminder is computed in Kyiv and in New York
        setZone("Europe/Kyiv");
        const QList<Reminder> kyiv = source.nextAfter(now);
        setZone("America/New_York");
        const QList<Reminder> newYork = source.nextAfter(now);
        setZone("UTC");

        // THEN it falls at 09:00 in each, and is the same reminder (shown once)
        QCOMPARE(kyiv.size(), 1);
        QCOMPARE(newYork.size(), 1);
        QCOMPARE(kyiv.constFirst().due, QDateTime(QDate(2026, 11, 30), QTime(7, 0), QTimeZone::UTC));
        QCOMPARE(newYork.constFirst().due, QDateTime(QDate(2026, 11, 30), QTime(14, 0), QTimeZone::UTC));
        QCOMPARE(kyiv.constFirst().key(), newYork.constFirst().key());
        QCOMPARE(newYork.constFirst().occurrence.date(), QDate(2026, 12, 2));
    }

    void shouldNotAnnounceATaskIGaveMyself()
    {
        // GIVEN a task I created for myself
        auto todo = task(u"own"_s, me, now.addDays(3));
        todo->setOrganizer(KCalendarCore::Person(u"Oksana"_s, me));

        // THEN its deadline reminds me, but no "new task for you"
        const QStringList got = kinds(Rules::fromIncidence(todo, 1, settings()).nextAfter(now.addDays(-30)));
        QVERIFY2(!got.join(u' ').contains(u"task-assigned"_s), qPrintable(got.join(u' ')));
    }

    void shouldNotRemindOfAContactLoggedAfterTheFact()
    {
        // GIVEN a call held five minutes ago, logged now with its result
        auto e = KCalendarCore::Event::Ptr::create();
        e->setUid(u"held"_s);
        Crm::IncidenceEntry::setCrmProperty(e, "TYPE", u"interaction"_s);
        e->setOrganizer(KCalendarCore::Person(u"Oksana"_s, me));
        e->setDtStart(now.addSecs(-300));
        e->setCreated(now);
        Crm::IncidenceEntry::setCrmProperty(e, "RESULT", u"Agreed"_s);

        // THEN no "contact now"
        QVERIFY(Rules::fromIncidence(e, 1, settings()).nextAfter(now.addDays(-1)).isEmpty());
    }

    void shouldKeepTheRecordsBeforeATruncation()
    {
        // GIVEN a log with three reminders delivered
        QTemporaryDir dir;
        const QString path = dir.filePath(u"log.bin"_s);
        const Reminder a{1, u"a"_s, Kind::EventAlarm, now.addSecs(-7200), now, u"a"_s};
        const Reminder b{2, u"b"_s, Kind::EventAlarm, now.addSecs(-3600), now, u"b"_s};
        const Reminder c{3, u"c"_s, Kind::EventAlarm, now, now, u"c"_s};
        {
            DeliveryLog log(path);
            QVERIFY(log.load());
            for (const auto &r : {a, b, c}) {
                QVERIFY(log.begin(r));
                QVERIFY(log.confirm(r));
            }
            QVERIFY(log.setWatermark(now));
        }

        // WHEN its last bytes are lost
        QFile f(path);
        QVERIFY(f.resize(f.size() - 5));

        // THEN it is reported, and what came before the cut is still known
        DeliveryLog log(path);
        QString error;
        QVERIFY(!log.load(&error));
        QVERIFY(!error.isEmpty());
        QVERIFY(log.isDelivered(a.key()));
        QVERIFY(log.isDelivered(b.key()));
        QVERIFY(QFile::exists(path + u".damaged"_s));
    }
    void shouldAnnounceATaskFromWhenItArrived()
    {
        // GIVEN a task for me last modified two hours ago (on a phone that was offline)
        auto todo = task(u"late"_s, me, now.addDays(3));
        todo->setLastModified(now.addSecs(-7200));

        // WHEN it reaches Akonadi now
        const Source source = Rules::fromIncidence(todo, 1, settings(), now);

        // THEN "new task for you" is due now, not two hours ago
        QCOMPARE(kinds(source.nextAfter(now.addSecs(-600))), QStringList{u"task-assigned@2026-11-26T12:00:00Z"_s});
    }

    void shouldPresumeShownWhatFellDueBeforeDamage()
    {
        // GIVEN a log told, after damage, that everything due until now counts as shown
        QTemporaryDir dir;
        DeliveryLog log(dir.filePath(u"log.bin"_s));
        QVERIFY(log.load());
        QVERIFY(log.presumeShownUntil(now));

        // THEN a reminder due before is not shown again, one due after is; also after a reload
        const Reminder before{1, u"a"_s, Kind::EventAlarm, now.addSecs(-60), now, u"a"_s};
        const Reminder after{2, u"b"_s, Kind::EventAlarm, now.addSecs(60), now, u"b"_s};
        DeliveryLog back(log.filePath());
        QVERIFY(back.load());
        QVERIFY(back.isDelivered(before));
        QVERIFY(!back.isDelivered(after));
    }
};

QTEST_GUILESS_MAIN(ReminderTest)
#include "remindertest.moc"
