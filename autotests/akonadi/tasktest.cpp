// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "blocking/blockingstorage.h"
#include "domain/clock.h"
#include "tasks/taskservice.h"
#include "testbuilders.h"

#include <Akonadi/Control>
#include <Akonadi/ItemFetchJob>
#include <Akonadi/ItemFetchScope>
#include <Akonadi/ItemModifyJob>
#include <akonadi/qtest_akonadi.h>

#include <KConfigGroup>
#include <KSharedConfig>

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Crm;

/// Tasks stored in a real, isolated Akonadi: the VTODO mapping, the cycle
/// rules on the stored item, the index queries and foreign edits.
class TaskTest : public QObject
{
    Q_OBJECT

private:
    const QDateTime now{QDate(2026, 12, 1), QTime(12, 0), QTimeZone::UTC};

    QByteArray storedPayload(const QString &uid)
    {
        const auto entries = m_service->index().byUid(uid);
        if (entries.isEmpty()) {
            return {};
        }
        auto job = new Akonadi::ItemFetchJob(Akonadi::Item(entries.constFirst().itemId));
        job->fetchScope().fetchFullPayload();
        if (!job->exec() || job->items().isEmpty()) {
            return {};
        }
        return job->items().constFirst().payloadData();
    }

    // Made in initTestCase and dropped in cleanupTestCase, while the
    // Akonadi session is still alive.
    std::unique_ptr<Crm::CalendarSession> m_session;
    std::unique_ptr<TaskService> m_service;

private Q_SLOTS:
    void initTestCase()
    {
        AkonadiTest::checkTestIsIsolated();
        QVERIFY(Akonadi::Control::start());
        Clock::setNow(now);
        m_session = std::make_unique<Crm::CalendarSession>();
        m_service = std::make_unique<TaskService>(*m_session);
        QString error;
        QVERIFY2(Crm::openNow(*m_session, Crm::CalendarSession::OpenMode::CreateIfMissing, &error), qPrintable(error));
    }

    void cleanupTestCase()
    {
        m_service.reset();
        m_session.reset();
    }

    void shouldStoreATaskAndReadItBackUnchanged()
    {
        // GIVEN a task with every field filled in
        Task task = CrmTest::task(u"Sign the contract; send, file"_s, u"olena@firm.example"_s, now.addDays(3), u"contract"_s);
        task.description = u"Two copies\nstamped"_s;
        task.counterpartyUid = u"urn:uuid:00000000-0000-4000-8000-00000000abcd"_s;
        task.start = now;
        task.priority = 2;
        task.direction = Task::Direction::Outgoing;
        task.resources = {{u"labour"_s, u"h"_s, 4, 0}};
        task.attachments = {{u"scan.pdf"_s, QString(), QByteArray("%PDF-1.4\n\x01\x02,;", 14), u"application/pdf"_s},
                            {QString(), u"https://example.org/deal"_s, {}, {}}};
        task.remindersMinutesBeforeDue = {120};
        // WHEN it is added and read back from Akonadi
        QString error;
        const auto added = Crm::addNow(*m_service, task, u"boss@firm.example"_s, &error);
        QVERIFY2(added, qPrintable(error));
        const auto loaded = Crm::loadNow(*m_service, added->uid, &error);
        // THEN it is the same task, in the first state, with that state in its history
        QVERIFY2(loaded, qPrintable(error));
        QVERIFY2(loaded->read.problems.isEmpty(), qPrintable(loaded->read.problems.join(u'\n')));
        QCOMPARE(loaded->read.task, *added);
        QCOMPARE(loaded->read.task.state, u"new"_s);
        QCOMPARE(loaded->read.task.history.size(), 1);
        QCOMPARE(loaded->read.task.history.constFirst().by, u"boss@firm.example"_s);
        QCOMPARE(loaded->read.task.attachments, task.attachments);
        // AND the stored item is a VTODO other programs understand
        const QByteArray ics = storedPayload(added->uid);
        QVERIFY2(ics.contains("X-KDE-CRM-TYPE:task"), ics.constData());
        QVERIFY(ics.contains("STATUS:NEEDS-ACTION"));
        QVERIFY(ics.contains("CATEGORIES:contract"));
        QVERIFY(ics.contains("BEGIN:VALARM"));
    }

    void shouldRecordEveryMoveInTheHistory()
    {
        // GIVEN a new task
        QString error;
        const auto added = Crm::addNow(*m_service, CrmTest::task(u"Call back"_s, u"olena@firm.example"_s, now.addDays(1)), u"boss@firm.example"_s, &error);
        QVERIFY2(added, qPrintable(error));
        // WHEN it is accepted, started and finished
        for (const QString &state : {u"accepted"_s, u"in-progress"_s, u"done"_s}) {
            QVERIFY2(Crm::moveNow(*m_service, added->uid, state, u"olena@firm.example"_s, {}, &error), qPrintable(error));
        }
        // THEN the history holds every change with who made it, and STATUS is COMPLETED
        const auto loaded = Crm::loadNow(*m_service, added->uid, &error);
        QVERIFY(loaded);
        const auto &history = loaded->read.task.history;
        QCOMPARE(history.size(), 4);
        QCOMPARE(history[3].from, u"in-progress"_s);
        QCOMPARE(history[3].to, u"done"_s);
        QCOMPARE(history[3].by, u"olena@firm.example"_s);
        QCOMPARE(history[3].at, now);
        QVERIFY(storedPayload(added->uid).contains("STATUS:COMPLETED"));
    }

    void shouldRefuseAMoveTheCycleDoesNotAllowAndChangeNothing()
    {
        // GIVEN a new task
        QString error;
        const auto added = Crm::addNow(*m_service, CrmTest::task(u"Not yet"_s, u"olena@firm.example"_s, now.addDays(1)), u"boss@firm.example"_s, &error);
        QVERIFY(added);
        const QByteArray before = storedPayload(added->uid);
        // WHEN it is moved straight to done, or to a state that does not exist
        QVERIFY(!Crm::moveNow(*m_service, added->uid, u"done"_s, u"olena@firm.example"_s, {}, &error));
        // THEN the error names both states, and the stored item is untouched
        QVERIFY2(error.contains(u"\"new\""_s) && error.contains(u"\"done\""_s), qPrintable(error));
        QVERIFY(!Crm::moveNow(*m_service, added->uid, u"finished"_s, u"olena@firm.example"_s, {}, &error));
        QVERIFY2(error.contains(u"\"finished\""_s), qPrintable(error));
        QCOMPARE(storedPayload(added->uid), before);
    }

    void shouldStoreWhatTheEditorChangedAndKeepTheHistory()
    {
        // GIVEN an accepted task
        QString error;
        const auto added = Crm::addNow(*m_service, CrmTest::task(u"Draft contract"_s, u"olena@firm.example"_s, now.addDays(1)), u"boss@firm.example"_s, &error);
        QVERIFY2(added, qPrintable(error));
        QVERIFY(Crm::moveNow(*m_service, added->uid, u"accepted"_s, u"olena@firm.example"_s, {}, &error));
        // WHEN the editor changes its fields and moves it on
        Crm::Task edited = Crm::loadNow(*m_service, added->uid, &error)->read.task;
        edited.subject = u"Draft the supply contract"_s;
        edited.priority = 2;
        edited.responsible = u"maria@firm.example"_s;
        edited.due = now.addDays(5);
        edited.resources = {ResourceUse{u"labour"_s, u"h"_s, 4, 1.5}};
        edited.history.clear(); // an editor cannot rewrite the history
        edited.state = u"in-progress"_s;
        const auto updated = Crm::updateNow(*m_service, added->uid, edited, u"olena@firm.example"_s, &error);
        QVERIFY2(updated, qPrintable(error));
        // THEN every field is stored, the history kept and the move recorded
        const auto loaded = Crm::loadNow(*m_service, added->uid, &error);
        QVERIFY(loaded);
        const Crm::Task &task = loaded->read.task;
        QCOMPARE(task.subject, u"Draft the supply contract"_s);
        QCOMPARE(task.priority, 2);
        QCOMPARE(task.responsible, u"maria@firm.example"_s);
        QCOMPARE(task.due, now.addDays(5));
        QCOMPARE(task.resources, edited.resources);
        QCOMPARE(task.state, u"in-progress"_s);
        QCOMPARE(task.history.size(), 3);
        QCOMPARE(task.history[2].from, u"accepted"_s);
        QCOMPARE(task.history[2].by, u"olena@firm.example"_s);
    }

    void shouldRefuseAnEditTheRulesForbidAndChangeNothing()
    {
        // GIVEN a new task
        QString error;
        const auto added = Crm::addNow(*m_service, CrmTest::task(u"Keep me"_s, u"olena@firm.example"_s, now.addDays(1)), u"boss@firm.example"_s, &error);
        QVERIFY(added);
        const QByteArray before = storedPayload(added->uid);
        Crm::Task edited = *added;
        // WHEN the editor empties the subject, jumps to done, or puts the deadline before the start
        edited.subject.clear();
        QVERIFY(!Crm::updateNow(*m_service, added->uid, edited, u"olena@firm.example"_s, &error));
        QVERIFY2(error.contains(u"subject"_s), qPrintable(error));
        edited = *added;
        edited.state = u"done"_s;
        QVERIFY(!Crm::updateNow(*m_service, added->uid, edited, u"olena@firm.example"_s, &error));
        QVERIFY2(error.contains(u"\"done\""_s), qPrintable(error));
        edited = *added;
        edited.start = now.addDays(2);
        edited.due = now.addDays(1);
        QVERIFY(!Crm::updateNow(*m_service, added->uid, edited, u"olena@firm.example"_s, &error));
        QVERIFY2(error.contains(u"deadline"_s), qPrintable(error));
        // THEN the stored task is untouched
        QCOMPARE(storedPayload(added->uid), before);
    }

    void shouldReconcileAStatusSetByAnotherProgram()
    {
        // GIVEN a task in progress
        QString error;
        const auto added =
            Crm::addNow(*m_service, CrmTest::task(u"Done on the phone"_s, u"olena@firm.example"_s, now.addDays(1)), u"boss@firm.example"_s, &error);
        QVERIFY(added);
        QVERIFY(Crm::moveNow(*m_service, added->uid, u"accepted"_s, u"olena@firm.example"_s, {}, &error));
        QVERIFY(Crm::moveNow(*m_service, added->uid, u"in-progress"_s, u"olena@firm.example"_s, {}, &error));
        // WHEN a phone marks it completed by the standard field only
        auto loaded = Crm::loadNow(*m_service, added->uid, &error);
        QVERIFY(loaded);
        auto todo = KCalendarCore::Todo::Ptr(loaded->item.payload<KCalendarCore::Incidence::Ptr>().staticCast<KCalendarCore::Todo>()->clone());
        todo->setCompleted(now);
        todo->setStatus(KCalendarCore::Incidence::StatusCompleted);
        Akonadi::Item item = loaded->item;
        item.setPayload<KCalendarCore::Incidence::Ptr>(todo);
        auto modify = new Akonadi::ItemModifyJob(item);
        QVERIFY2(modify->exec(), qPrintable(modify->errorString()));
        QVERIFY(Crm::waitForDone(
            [&](const Crm::DoneCallback &done) {
                m_service->cache().refresh(done);
            },
            &error));
        // THEN the CRM reads it as done and says why, but reading writes nothing
        const QByteArray asThePhoneLeftIt = storedPayload(added->uid);
        loaded = Crm::loadNow(*m_service, added->uid, &error);
        QVERIFY(loaded);
        QCOMPARE(loaded->read.task.state, u"done"_s);
        QVERIFY(loaded->read.reconciled);
        QCOMPARE(loaded->read.task.history.constLast().from, u"in-progress"_s);
        QVERIFY(loaded->read.task.history.constLast().by.isEmpty());
        const auto again = Crm::loadNow(*m_service, added->uid, &error);
        QVERIFY(again);
        QVERIFY(again->read.reconciled);
        QCOMPARE(again->read.task.history.size(), loaded->read.task.history.size());
        QCOMPARE(storedPayload(added->uid), asThePhoneLeftIt);
        // WHEN the task changes next, the reconciliation is stored with the change, once
        QVERIFY2(Crm::logResourceNow(*m_service, added->uid, ResourceUse{u"labour"_s, u"h"_s, 0, 1}, &error), qPrintable(error));
        const auto after = Crm::loadNow(*m_service, added->uid, &error);
        QVERIFY(after);
        QVERIFY(!after->read.reconciled);
        QCOMPARE(after->read.task.history.size(), loaded->read.task.history.size());
        QVERIFY(storedPayload(added->uid).contains("X-KDE-CRM-STATE:done"));
    }

    void shouldAnswerTheListQueriesFromTheIndex()
    {
        // GIVEN tasks of two employees, one overdue, one of another kind and counterparty
        QString error;
        const QString counterparty = u"urn:uuid:00000000-0000-4000-8000-0000000000cc"_s;
        Task late = CrmTest::task(u"Late one"_s, u"ivan@firm.example"_s, now.addDays(-2));
        late.counterpartyUid = counterparty;
        QVERIFY(Crm::addNow(*m_service, late, u"boss@firm.example"_s, &error));
        QVERIFY(Crm::addNow(*m_service, CrmTest::task(u"Future one"_s, u"Ivan@Firm.example"_s, now.addDays(2), u"delivery"_s), u"boss@firm.example"_s, &error));
        const auto doneLate =
            Crm::addNow(*m_service, CrmTest::task(u"Late but rejected"_s, u"ivan@firm.example"_s, now.addDays(-3)), u"boss@firm.example"_s, &error);
        QVERIFY(doneLate);
        QVERIFY(Crm::moveNow(*m_service, doneLate->uid, u"rejected"_s, u"ivan@firm.example"_s, {}, &error));
        // WHEN the lists are asked
        auto subjects = [this](const TaskService::Query &q) {
            QStringList out;
            const auto entries = m_service->query(q, now);
            for (const CalendarEntry &e : entries) {
                out << e.summary;
            }
            return out;
        };
        TaskService::Query mine;
        mine.responsible = u"IVAN@firm.example"_s;
        TaskService::Query mineOpen = mine;
        mineOpen.openOnly = true;
        TaskService::Query overdue;
        overdue.overdueOnly = true;
        overdue.responsible = u"ivan@firm.example"_s;
        TaskService::Query byKind;
        byKind.kind = u"Delivery"_s;
        TaskService::Query byCounterparty;
        byCounterparty.counterpartyUid = counterparty;
        TaskService::Query rejected;
        rejected.state = u"rejected"_s;
        // THEN each holds exactly the tasks it should, by deadline
        QCOMPARE(subjects(mine), (QStringList{u"Late but rejected"_s, u"Late one"_s, u"Future one"_s}));
        QCOMPARE(subjects(mineOpen), (QStringList{u"Late one"_s, u"Future one"_s}));
        QCOMPARE(subjects(overdue), (QStringList{u"Late one"_s}));
        QCOMPARE(subjects(byKind), (QStringList{u"Future one"_s}));
        QCOMPARE(subjects(byCounterparty), (QStringList{u"Late one"_s}));
        QCOMPARE(subjects(rejected), (QStringList{u"Late but rejected"_s}));
    }

    void shouldReadCyclesFromTheConfigurationAndRefuseBrokenOnes()
    {
        // GIVEN kontactcrmrc with a valid cycle for "call" and a broken one for "visit"
        KSharedConfig::Ptr config = KSharedConfig::openConfig(u"kontactcrmrc"_s);
        KConfigGroup call = config->group(u"TaskCycle"_s).group(u"call"_s);
        call.writeEntry("States", QStringList{u"planned|NEEDS-ACTION|0"_s, u"called|COMPLETED|100|end"_s});
        call.writeEntry("Transitions", QStringList{u"planned>called"_s});
        KConfigGroup visit = config->group(u"TaskCycle"_s).group(u"visit"_s);
        visit.writeEntry("States", QStringList{u"planned|NEEDS-ACTION|0"_s, u"planned|COMPLETED|100|end"_s});
        visit.writeEntry("Transitions", QStringList{u"planned>planned"_s});
        config->sync();
        // WHEN the cycles are loaded
        QStringList problems;
        const BusinessCycles cycles = loadBusinessCycles(&problems);
        // THEN "call" has its own cycle, "visit" is refused by name and keeps the default
        QCOMPARE(cycles.cycleFor(u"call").initial().name, u"planned"_s);
        QCOMPARE(problems.size(), 1);
        QVERIFY2(problems.constFirst().contains(u"\"visit\""_s) && problems.constFirst().contains(u"defined twice"_s), qPrintable(problems.constFirst()));
        QCOMPARE(cycles.cycleFor(u"visit").initial().name, u"new"_s);
        config->deleteGroup(u"TaskCycle"_s);
        config->sync();
    }

    void shouldFollowTheCycleOfTheTasksKind()
    {
        // GIVEN a two-step cycle for "call"
        BusinessCycles cycles;
        QVERIFY(cycles.load({{u"call"_s, {{u"planned|NEEDS-ACTION|0"_s, u"called|COMPLETED|100|end"_s}, {u"planned>called"_s}}}}).isEmpty());
        m_service->setCycles(cycles);
        QString error;
        const auto added =
            Crm::addNow(*m_service, CrmTest::task(u"Ring the supplier"_s, u"olena@firm.example"_s, now.addDays(1), u"call"_s), u"boss@firm.example"_s, &error);
        QVERIFY2(added, qPrintable(error));
        // THEN it starts in that cycle's first state and moves only along it
        QCOMPARE(added->state, u"planned"_s);
        QVERIFY(!Crm::moveNow(*m_service, added->uid, u"accepted"_s, u"olena@firm.example"_s, {}, &error));
        QVERIFY(Crm::moveNow(*m_service, added->uid, u"called"_s, u"olena@firm.example"_s, {}, &error));
        QVERIFY(storedPayload(added->uid).contains("STATUS:COMPLETED"));
        m_service->setCycles(BusinessCycles());
    }
};

QTEST_AKONADIMAIN(TaskTest)
#include "tasktest.moc"
