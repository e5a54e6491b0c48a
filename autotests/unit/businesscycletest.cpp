// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "domain/businesscycle.h"
#include "domain/task.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Crm;

class BusinessCycleTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldShipAValidDefaultCycle()
    {
        // GIVEN the default cycle
        const BusinessCycle cycle = BusinessCycle::defaultCycle();
        // WHEN it is validated
        QString error;
        const bool valid = cycle.validate(&error);
        // THEN it is valid, starts at "new" and has "done" and "rejected" as end states
        QVERIFY2(valid, qPrintable(error));
        QCOMPARE(cycle.initial().name, u"new"_s);
        QVERIFY(cycle.isEnd(u"done"));
        QVERIFY(cycle.isEnd(u"rejected"));
        QVERIFY(!cycle.isEnd(u"postponed"));
        QCOMPARE(cycle.state(u"done")->status, CycleState::Status::Completed);
        QCOMPARE(cycle.state(u"done")->percent, 100);
        QCOMPARE(cycle.state(u"rejected")->status, CycleState::Status::Cancelled);
        QCOMPARE(cycle.state(u"in-progress")->status, CycleState::Status::InProcess);
    }

    void shouldAllowOnlyTheTransitionsOfTheCycle_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<bool>("allowed");
        QTest::addColumn<QString>("errorPart");
        QTest::newRow("new to accepted") << u"new"_s << u"accepted"_s << true << QString();
        QTest::newRow("case does not matter") << u"NEW"_s << u"Accepted"_s << true << QString();
        QTest::newRow("labels name states too") << u"In progress"_s << u"Done"_s << true << QString();
        QTest::newRow("accepted to in-progress") << u"accepted"_s << u"in-progress"_s << true << QString();
        QTest::newRow("in-progress to done") << u"in-progress"_s << u"done"_s << true << QString();
        QTest::newRow("postponed back to accepted") << u"postponed"_s << u"accepted"_s << true << QString();
        QTest::newRow("new straight to done") << u"new"_s << u"done"_s << false
                                              << u"cannot move from \"new\" to \"done\"; from \"new\" it can move to: accepted, rejected, postponed"_s;
        QTest::newRow("out of an end state") << u"done"_s << u"in-progress"_s << false << u"end state \"done\""_s;
        QTest::newRow("to an unknown state") << u"new"_s << u"finished"_s << false << u"\"finished\" is not a state"_s;
        QTest::newRow("from an unknown state") << u"lost"_s << u"done"_s << false << u"\"lost\""_s;
        QTest::newRow("to itself") << u"new"_s << u"new"_s << false << u"from \"new\" to \"new\""_s;
    }

    void shouldAllowOnlyTheTransitionsOfTheCycle()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(bool, allowed);
        QFETCH(QString, errorPart);
        // GIVEN the default cycle
        const BusinessCycle cycle = BusinessCycle::defaultCycle();
        // WHEN a move is checked
        QString error;
        const bool ok = cycle.checkMove(from, to, &error);
        // THEN it is allowed, or refused with a message naming the states
        QCOMPARE(ok, allowed);
        QCOMPARE(cycle.allows(from, to), allowed);
        if (!allowed) {
            QVERIFY2(error.contains(errorPart), qPrintable(error));
        }
    }

    void shouldRefuseABrokenCycleDefinition_data()
    {
        QTest::addColumn<QStringList>("states");
        QTest::addColumn<QStringList>("transitions");
        QTest::addColumn<QString>("errorPart"); // empty: the definition is valid
        const QStringList ok{u"open|NEEDS-ACTION|0"_s, u"doing|IN-PROCESS|50"_s, u"closed|COMPLETED|100|end"_s};
        QTest::newRow("valid") << ok << QStringList{u"open>doing"_s, u"doing>closed"_s} << QString();
        QTest::newRow("duplicate names") << QStringList{ok[0], ok[1], ok[2], u"Open|NEEDS-ACTION|0"_s} << QStringList{u"open>doing"_s, u"doing>closed"_s}
                                         << u"\"Open\" is defined twice"_s;
        QTest::newRow("transition to an unknown state") << ok << QStringList{u"open>doing"_s, u"doing>finished"_s} << u"unknown state \"finished\""_s;
        QTest::newRow("transition from an unknown state")
            << ok << QStringList{u"open>doing"_s, u"doing>closed"_s, u"lost>closed"_s} << u"unknown state \"lost\""_s;
        QTest::newRow("no end state reachable") << ok << QStringList{u"open>doing"_s, u"doing>open"_s}
                                                << u"no end state can be reached from the state \"open\""_s;
        QTest::newRow("no end state at all") << QStringList{ok[0], ok[1]} << QStringList{u"open>doing"_s} << u"no end state can be reached"_s;
        QTest::newRow("a dead end") << QStringList{ok[0], ok[1], ok[2], u"stuck|NEEDS-ACTION|0"_s}
                                    << QStringList{u"open>doing"_s, u"doing>closed"_s, u"open>stuck"_s} << u"from the state \"stuck\""_s;
        QTest::newRow("unknown status") << QStringList{u"open|WAITING|0"_s, ok[2]} << QStringList{u"open>closed"_s} << u"unknown status \"WAITING\""_s;
        QTest::newRow("bad percentage") << QStringList{u"open|NEEDS-ACTION|150"_s, ok[2]} << QStringList{u"open>closed"_s} << u"\"150\""_s;
        QTest::newRow("garbled state") << QStringList{u"open"_s, ok[2]} << QStringList{u"open>closed"_s} << u"name|STATUS|percent"_s;
        QTest::newRow("garbled transition") << ok << QStringList{u"open->doing->closed"_s} << u"from>to"_s;
        QTest::newRow("leaves an end state") << ok << QStringList{u"open>doing"_s, u"doing>closed"_s, u"closed>open"_s} << u"leaves the end state \"closed\""_s;
        QTest::newRow("no states") << QStringList{} << QStringList{} << u"no states"_s;
        QTest::newRow("end state that looks open") << QStringList{ok[0], ok[1], u"closed|NEEDS-ACTION|100|end"_s}
                                                   << QStringList{u"open>doing"_s, u"doing>closed"_s} << u"end state \"closed\" has the status NEEDS-ACTION"_s;
        QTest::newRow("open state that looks finished") << QStringList{ok[0], u"doing|COMPLETED|50"_s, ok[2]} << QStringList{u"open>doing"_s, u"doing>closed"_s}
                                                        << u"\"doing\" has the status COMPLETED but is not an end state"_s;
    }

    void shouldRefuseABrokenCycleDefinition()
    {
        QFETCH(QStringList, states);
        QFETCH(QStringList, transitions);
        QFETCH(QString, errorPart);
        // WHEN the definition is parsed
        QString error;
        const auto cycle = BusinessCycle::parse(u"repair"_s, states, transitions, &error);
        // THEN a valid one reads back the same, a broken one is refused naming the kind and the problem
        if (errorPart.isEmpty()) {
            QVERIFY2(cycle.has_value(), qPrintable(error));
            QCOMPARE(cycle->stateSpecs(), states);
            QCOMPARE(cycle->transitionSpecs(), transitions);
        } else {
            QVERIFY(!cycle.has_value());
            QVERIFY2(error.contains(u"\"repair\""_s), qPrintable(error));
            QVERIFY2(error.contains(errorPart), qPrintable(error));
        }
    }

    void shouldKeepThePreviousCycleWhenANewDefinitionIsBroken()
    {
        // GIVEN a valid cycle for "repair"
        BusinessCycles cycles;
        QStringList problems = cycles.load({{u"repair"_s, {{u"open|NEEDS-ACTION|0"_s, u"closed|COMPLETED|100|end"_s}, {u"open>closed"_s}}}});
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        QCOMPARE(cycles.cycleFor(u"Repair").initial().name, u"open"_s);
        // WHEN a broken definition of it is loaded
        problems = cycles.load({{u"repair"_s, {{u"open|NEEDS-ACTION|0"_s, u"closed|COMPLETED|100|end"_s}, {u"open>gone"_s}}}});
        // THEN it is refused with a message, and the previous cycle stays in force
        QCOMPARE(problems.size(), 1);
        QVERIFY2(problems.constFirst().contains(u"\"gone\""_s), qPrintable(problems.constFirst()));
        QVERIFY(cycles.cycleFor(u"repair").allows(u"open", u"closed"));
        // AND a kind without its own cycle uses the default
        QCOMPARE(cycles.cycleFor(u"call").initial().name, u"new"_s);
    }

    void shouldMapAStatusSetElsewhereToAState_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("current");
        QTest::addColumn<QString>("expected");
        QTest::newRow("completed from in-progress") << int(CycleState::Status::Completed) << u"in-progress"_s << u"done"_s;
        QTest::newRow("cancelled from new") << int(CycleState::Status::Cancelled) << u"new"_s << u"rejected"_s;
        QTest::newRow("in-process from accepted") << int(CycleState::Status::InProcess) << u"accepted"_s << u"in-progress"_s;
        QTest::newRow("needs-action keeps postponed") << int(CycleState::Status::NeedsAction) << u"postponed"_s << u"postponed"_s;
        QTest::newRow("needs-action reopens done") << int(CycleState::Status::NeedsAction) << u"done"_s << u"new"_s;
        QTest::newRow("unknown current state") << int(CycleState::Status::Completed) << u"garbage"_s << u"done"_s;
    }

    void shouldMapAStatusSetElsewhereToAState()
    {
        QFETCH(int, status);
        QFETCH(QString, current);
        QFETCH(QString, expected);
        const auto state = BusinessCycle::defaultCycle().stateForStatus(CycleState::Status(status), current);
        QVERIFY(state.has_value());
        QCOMPARE(state->name, expected);
    }

    void shouldCallATaskOverdueOnlyPastItsDeadlineAndNotEnded()
    {
        // GIVEN a task due yesterday
        const QDateTime now(QDate(2026, 12, 1), QTime(12, 0));
        Task task;
        task.due = now.addDays(-1);
        task.state = u"in-progress"_s;
        const BusinessCycle cycle = BusinessCycle::defaultCycle();
        // THEN it is overdue while open, and not once done or rejected, nor before its deadline
        QVERIFY(task.isOverdue(cycle, now));
        task.state = u"done"_s;
        QVERIFY(!task.isOverdue(cycle, now));
        task.state = u"rejected"_s;
        QVERIFY(!task.isOverdue(cycle, now));
        task.state = u"new"_s;
        task.due = now.addSecs(60);
        QVERIFY(!task.isOverdue(cycle, now));
        task.due = QDateTime();
        QVERIFY(!task.isOverdue(cycle, now));
    }

    void shouldAddUpResourcesByNameAndUnit()
    {
        const QList<ResourceUse> uses{{u"labour"_s, u"h"_s, 8, 2}, {u"cement"_s, u"kg"_s, 50, 0}, {u"Labour"_s, u"h"_s, 0, 3.5}, {u"cement"_s, u"bag"_s, 1, 1}};
        const auto totals = ResourceUse::totals(uses);
        QCOMPARE(totals.size(), 3);
        QCOMPARE(totals[0], (ResourceUse{u"labour"_s, u"h"_s, 8, 5.5}));
        QCOMPARE(totals[1].planned, 50.0);
        QCOMPARE(totals[2].unit, u"bag"_s);
    }

    void shouldRefuseGarbledHistoryInsteadOfGuessing()
    {
        QString problem;
        QVERIFY(!Task::historyFromJson(u"[{\"at\":\"yesterday\",\"to\":\"done\"}]"_s, &problem));
        QVERIFY(!problem.isEmpty());
        QVERIFY(!Task::historyFromJson(u"[{\"at\":"_s, &problem));
        QVERIFY(!Task::resourcesFromJson(u"{}"_s, &problem));
        const QList<StateChange> history{{QDateTime(QDate(2026, 1, 2), QTime(3, 4), QTimeZone::UTC), u"a"_s, u"b"_s, u"x@y"_s, u"note, with; \"quotes\"\n"_s}};
        QCOMPARE(Task::historyFromJson(Task::historyToJson(history), &problem).value_or(QList<StateChange>{}), history);
    }
};

QTEST_GUILESS_MAIN(BusinessCycleTest)
#include "businesscycletest.moc"
