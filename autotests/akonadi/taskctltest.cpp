// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "crmtestutils.h"

#include <Akonadi/Control>
#include <KConfigGroup>
#include <KSharedConfig>
#include <akonadi/qtest_akonadi.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

/// crmctl task … as a user runs it, against the test's own Akonadi server.
class TaskctlTest : public QObject
{
    Q_OBJECT

private:
    CrmTest::CrmctlRun crmctl(const QStringList &args, const QString &user = u"olena@firm.example"_s, const QString &now = u"2026-12-01T12:00:00Z"_s)
    {
        return CrmTest::crmctl(args, {{u"CRM_USER_EMAIL"_s, user}, {u"CRM_NOW"_s, now}, {u"LANG"_s, u"C.UTF-8"_s}});
    }

    QString addTask(const QStringList &args)
    {
        const CrmTest::CrmctlRun run = crmctl(QStringList{u"task"_s, u"add"_s, u"--json"_s} + args);
        if (run.exitCode != 0) {
            qWarning() << run.err;
            return {};
        }
        return QJsonDocument::fromJson(run.out.toUtf8()).object().value(u"uid"_s).toString();
    }

    int taskCount()
    {
        const CrmTest::CrmctlRun run = crmctl({u"task"_s, u"list"_s, u"--json"_s});
        return run.exitCode == 0 ? int(QJsonDocument::fromJson(run.out.toUtf8()).array().size()) : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        AkonadiTest::checkTestIsIsolated();
        QVERIFY(Akonadi::Control::start());
    }

    void shouldPrintHelpForEveryTaskCommand_data()
    {
        QTest::addColumn<QString>("command");
        for (const char *c : {"add", "list", "show", "move", "log-resource"}) {
            QTest::newRow(c) << QString::fromLatin1(c);
        }
    }

    void shouldPrintHelpForEveryTaskCommand()
    {
        QFETCH(QString, command);
        const CrmTest::CrmctlRun run = crmctl({u"task"_s, command, u"--help"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(u"Usage:"_s) && run.out.contains(u"--as <email>"_s), qPrintable(run.out));
    }

    void shouldRefuseBadInputAndStoreNothing_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("errorPart");
        QTest::newRow("no identity") << QStringList{u"Call"_s} << QString() << u"--as EMAIL"_s;
        QTest::newRow("bad date") << QStringList{u"Call"_s, u"--due"_s, u"2026-13-45"_s} << u"olena@firm.example"_s << u"\"2026-13-45\" is not a date"_s;
        QTest::newRow("bad direction") << QStringList{u"Call"_s, u"--direction"_s, u"sideways"_s} << u"olena@firm.example"_s << u"\"sideways\""_s;
        QTest::newRow("bad priority") << QStringList{u"Call"_s, u"--priority"_s, u"11"_s} << u"olena@firm.example"_s << u"--priority"_s;
        QTest::newRow("unknown counterparty") << QStringList{u"Call"_s, u"--counterparty"_s, u"Nobody Ltd"_s} << u"olena@firm.example"_s
                                              << u"counterparty \"Nobody Ltd\" is unknown"_s;
        QTest::newRow("no subject") << QStringList{} << u"olena@firm.example"_s << u"subject"_s;
    }

    void shouldRefuseBadInputAndStoreNothing()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, user);
        QFETCH(QString, errorPart);
        // WHEN a task is added with bad input
        const CrmTest::CrmctlRun run = crmctl(QStringList{u"task"_s, u"add"_s} + args, user);
        // THEN crmctl says what is wrong, exits with 1 and no task is stored
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(errorPart), qPrintable(run.err));
        const int count = taskCount();
        QVERIFY(count <= 0);
    }

    void shouldFollowATaskThroughItsCycle()
    {
        // GIVEN a task the boss gives Olena, due yesterday
        const QString uid = addTask({u"Prepare the offer"_s,
                                     u"--responsible"_s,
                                     u"olena@firm.example"_s,
                                     u"--due"_s,
                                     u"2026-11-30"_s,
                                     u"--kind"_s,
                                     u"offer"_s,
                                     u"--direction"_s,
                                     u"outgoing"_s,
                                     u"--link"_s,
                                     u"https://example.org/offer"_s,
                                     u"--remind"_s,
                                     u"60"_s,
                                     u"--as"_s,
                                     u"boss@firm.example"_s});
        QVERIFY(!uid.isEmpty());
        QVERIFY(!addTask({u"Somebody else's"_s, u"--responsible"_s, u"ivan@firm.example"_s, u"--due"_s, u"2026-12-24 10:00"_s}).isEmpty());

        // WHEN Olena lists her tasks and the overdue ones
        CrmTest::CrmctlRun run = crmctl({u"task"_s, u"list"_s, u"--mine"_s});
        // THEN she sees hers only, marked overdue
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.out.contains(u"Prepare the offer"_s));
        QVERIFY(!run.out.contains(u"Somebody else's"_s));
        QVERIFY(run.out.contains(u"[overdue]"_s));
        run = crmctl({u"task"_s, u"list"_s, u"--overdue"_s, u"--json"_s});
        QCOMPARE(QJsonDocument::fromJson(run.out.toUtf8()).array().size(), 1);
        run = crmctl({u"task"_s, u"list"_s, u"--responsible"_s, u"ivan@firm.example"_s, u"--json"_s});
        QCOMPARE(QJsonDocument::fromJson(run.out.toUtf8()).array().size(), 1);

        // WHEN she tries to finish it at once
        run = crmctl({u"task"_s, u"move"_s, uid, u"done"_s});
        // THEN the error names the states and where it can go
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"cannot move from \"new\" to \"done\""_s), qPrintable(run.err));
        QVERIFY2(run.err.contains(u"accepted"_s), qPrintable(run.err));
        run = crmctl({u"task"_s, u"move"_s, uid, u"finished"_s});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"\"finished\" is not a state"_s), qPrintable(run.err));

        // WHEN she accepts it, works on it, logs hours and finishes it
        for (const QString &state : {u"accepted"_s, u"in-progress"_s}) {
            run = crmctl({u"task"_s, u"move"_s, uid, state, u"--note"_s, u"on it"_s}, u"olena@firm.example"_s, u"2026-12-01T13:00:00Z"_s);
            QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        }
        run = crmctl({u"task"_s, u"log-resource"_s, uid, u"labour"_s, u"3.5"_s, u"--unit"_s, u"h"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        run = crmctl({u"task"_s, u"log-resource"_s, uid, u"labour"_s, u"8"_s, u"--unit"_s, u"h"_s, u"--planned"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        run = crmctl({u"task"_s, u"log-resource"_s, uid, u"labour"_s, u"lots"_s});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"\"lots\""_s), qPrintable(run.err));
        // A negative amount is read as a value (and refused as one), not as
        // an unknown option "-5"; nan is no amount either.
        for (const QString &amount : {u"-5"_s, u"nan"_s}) {
            run = crmctl({u"task"_s, u"log-resource"_s, uid, u"labour"_s, amount});
            QCOMPARE(run.exitCode, 1);
            QVERIFY2(run.err.contains(u"\"%1\" is not a number"_s.arg(amount)), qPrintable(run.err));
        }
        run = crmctl({u"task"_s, u"move"_s, uid, u"done"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));

        // THEN show prints the whole history, the resources, and it is no longer overdue
        run = crmctl({u"task"_s, u"show"_s, uid, u"--json"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject task = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(task.value(u"state"_s).toString(), u"done"_s);
        QCOMPARE(task.value(u"overdue"_s).toBool(), false);
        const QJsonArray history = task.value(u"history"_s).toArray();
        QCOMPARE(history.size(), 4);
        QCOMPARE(history.at(0).toObject().value(u"by"_s).toString(), u"boss@firm.example"_s);
        QCOMPARE(history.at(1).toObject().value(u"note"_s).toString(), u"on it"_s);
        QCOMPARE(history.at(3).toObject().value(u"to"_s).toString(), u"done"_s);
        const QJsonObject labour = task.value(u"resources"_s).toArray().at(0).toObject();
        QCOMPARE(labour.value(u"planned"_s).toDouble(), 8.0);
        QCOMPARE(labour.value(u"actual"_s).toDouble(), 3.5);
        run = crmctl({u"task"_s, u"show"_s, uid});
        QVERIFY(run.out.contains(u"History:"_s));
        QVERIFY2(run.out.contains(u"in-progress → done"_s), qPrintable(run.out));
        run = crmctl({u"task"_s, u"list"_s, u"--overdue"_s, u"--json"_s});
        QCOMPARE(QJsonDocument::fromJson(run.out.toUtf8()).array().size(), 0);
        run = crmctl({u"task"_s, u"list"_s, u"--state"_s, u"done"_s, u"--json"_s});
        QCOMPARE(QJsonDocument::fromJson(run.out.toUtf8()).array().size(), 1);
        run = crmctl({u"task"_s, u"list"_s, u"--state"_s, u"nowhere"_s});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"\"nowhere\""_s), qPrintable(run.err));
    }

    void shouldNeverWriteWhenShowingATaskWhileItsCycleIsBroken()
    {
        // GIVEN a kind with its own cycle and a task moved to a state only that cycle has
        KSharedConfig::Ptr config = KSharedConfig::openConfig(u"kontactcrmrc"_s);
        KConfigGroup cycle = config->group(u"TaskCycle"_s).group(u"call"_s);
        cycle.writeEntry("States", u"planned|NEEDS-ACTION|0,calling|IN-PROCESS|50,called|COMPLETED|100|end"_s);
        cycle.writeEntry("Transitions", u"planned>calling,calling>called"_s);
        config->sync();
        const QString uid = addTask({u"Call back"_s, u"--kind"_s, u"call"_s});
        QVERIFY(!uid.isEmpty());
        QCOMPARE(crmctl({u"task"_s, u"move"_s, uid, u"calling"_s}).exitCode, 0);
        const QString before = crmctl({u"task"_s, u"show"_s, uid, u"--json"_s}).out;
        const int historyBefore = int(QJsonDocument::fromJson(before.toUtf8()).object().value(u"history"_s).toArray().size());
        QCOMPARE(historyBefore, 2);

        // WHEN the cycle is broken (refused, the default cycle stands in) and the task is shown and listed
        cycle.writeEntry("Transitions", u"planned>calling,calling>nowhere"_s);
        config->sync();
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(crmctl({u"task"_s, u"show"_s, uid}).exitCode, 0);
            QCOMPARE(crmctl({u"task"_s, u"list"_s}).exitCode, 0);
        }
        // ... and then fixed again
        cycle.writeEntry("Transitions", u"planned>calling,calling>called"_s);
        config->sync();

        // THEN nothing was written: the state and the history are what they were
        const QJsonObject after = QJsonDocument::fromJson(crmctl({u"task"_s, u"show"_s, uid, u"--json"_s}).out.toUtf8()).object();
        QCOMPARE(after.value(u"state"_s).toString(), u"calling"_s);
        QCOMPARE(after.value(u"history"_s).toArray().size(), historyBefore);
        config->deleteGroup(u"TaskCycle"_s);
        config->sync();
    }

    void shouldTieTasksToACounterpartyAndTotalItsResources()
    {
        // GIVEN the sample counterparties
        CrmTest::CrmctlRun run = crmctl({u"counterparty"_s, u"import"_s, CrmTest::sampleFile("counterparties-ua.csv")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        // WHEN two tasks about one counterparty log resources
        const QString a = addTask({u"Deliver seeds"_s, u"--counterparty"_s, u"32456711"_s, u"--kind"_s, u"delivery"_s});
        const QString b = addTask({u"Deliver more seeds"_s, u"--counterparty"_s, u"32456711"_s, u"--kind"_s, u"delivery"_s});
        QVERIFY(!a.isEmpty() && !b.isEmpty());
        QCOMPARE(crmctl({u"task"_s, u"log-resource"_s, a, u"seeds"_s, u"100"_s, u"--unit"_s, u"kg"_s}).exitCode, 0);
        QCOMPARE(crmctl({u"task"_s, u"log-resource"_s, b, u"seeds"_s, u"50"_s, u"--unit"_s, u"kg"_s}).exitCode, 0);
        // THEN the counterparty's list shows both and the total
        run = crmctl({u"task"_s, u"list"_s, u"--counterparty"_s, u"32456711"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.out.contains(u"Deliver seeds"_s));
        QVERIFY(run.out.contains(u"Deliver more seeds"_s));
        QVERIFY2(run.out.contains(QRegularExpression(u"seeds\\s+0 / 150 kg"_s)), qPrintable(run.out));
        run = crmctl({u"task"_s, u"list"_s, u"--kind"_s, u"delivery"_s, u"--json"_s});
        QCOMPARE(QJsonDocument::fromJson(run.out.toUtf8()).array().size(), 2);
    }
};

QTEST_AKONADIMAIN(TaskctlTest)
#include "taskctltest.moc"
