// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "domain/taskjournal.h"
#include "domain/businesscycle.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Crm;
using namespace Qt::Literals::StringLiterals;

/// The journal of task changes made on this machine and their merge into a
/// server's copy that overtook them (two machines offline on one CalDAV
/// account): no history entry lost or doubled, the later valid move wins,
/// a field both sides changed kept with both values.
class TaskJournalTest : public QObject
{
    Q_OBJECT

    static QDateTime at(const char *iso)
    {
        return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
    }

    static const BusinessCycle &cycle()
    {
        static const BusinessCycle c = BusinessCycle::defaultCycle();
        return c;
    }

    /// The task Оксана gave Дмитро, as both machines had it before going offline.
    static Task given()
    {
        Task t;
        t.uid = u"task-1"_s;
        t.subject = u"Офлайн"_s;
        t.issuer = u"oksana@firm.example"_s;
        t.responsible = u"dmytro@firm.example"_s;
        t.due = at("2026-12-01T17:00:00Z");
        t.state = u"new"_s;
        t.history = {StateChange{at("2026-11-26T09:00:00Z"), QString(), u"new"_s, u"oksana@firm.example"_s, QString()}};
        return t;
    }

    static Task moved(Task t, const char *when, const QString &to, const QString &by, const QString &note = {})
    {
        t.history << StateChange{at(when), t.state, to, by, note};
        t.state = to;
        return t;
    }

    static QStringList moves(const Task &t)
    {
        QStringList out;
        for (const StateChange &c : t.history) {
            out << c.to + u" by "_s + c.by;
        }
        return out;
    }

private Q_SLOTS:
    void shouldPutBackMovesTheServersCopyDropped()
    {
        // GIVEN she accepted it on her machine (sent first: the server's copy, ETag "a")
        const Task base = given();
        const Task server = moved(base, "2026-11-26T10:00:00Z", u"accepted"_s, u"oksana@firm.example"_s);
        // AND he accepted it and started on it on his, on ETag "0"
        const Task his1 = moved(base, "2026-11-26T10:05:00Z", u"accepted"_s, u"dmytro@firm.example"_s, u"беру"_s);
        const Task his2 = moved(his1, "2026-11-26T10:06:00Z", u"in-progress"_s, u"dmytro@firm.example"_s);
        const QList<TaskLocalChange> changes{TaskLocalChange::between(base, his1, u"0"_s, at("2026-11-26T10:05:00Z"), u"dmytro@firm.example"_s),
                                             TaskLocalChange::between(his1, his2, u"0"_s, at("2026-11-26T10:06:00Z"), u"dmytro@firm.example"_s)};
        // WHEN his resource has put the server's copy in his Akonadi
        const TaskMergeResult r = mergeLocalChanges(server, u"a"_s, changes, cycle());
        // THEN both histories are there, in time order, none doubled
        QVERIFY(r.write);
        QCOMPARE(moves(r.task),
                 (QStringList{u"new by oksana@firm.example"_s,
                              u"accepted by oksana@firm.example"_s,
                              u"accepted by dmytro@firm.example"_s,
                              u"in-progress by dmytro@firm.example"_s}));
        QCOMPARE(r.restoredEntries, 2);
        // AND the state is the one the latest valid move reached
        QCOMPARE(r.task.state, u"in-progress"_s);
        QVERIFY(r.newConflicts.isEmpty());
        // AND the journal keeps it all until the server holds it
        QVERIFY(!r.remaining.isEmpty());

        // WHEN the merge is stored but not sent yet (same ETag)
        const TaskMergeResult stillHere = mergeLocalChanges(r.task, u"a"_s, r.remaining, cycle());
        QVERIFY(!stillHere.write);
        QVERIFY(stillHere.pending > 0);
        QVERIFY(!stillHere.remaining.isEmpty());
        // AND once the server has it (a new ETag), everything is forgotten
        const TaskMergeResult sent = mergeLocalChanges(r.task, u"b"_s, stillHere.remaining, cycle());
        QVERIFY(!sent.write);
        QVERIFY(sent.remaining.isEmpty());
        QVERIFY(sent.confirmed > 0);
    }

    void shouldKeepTheLaterValidMoveAtEqualTimes()
    {
        // GIVEN both moves at the same second (a fixed clock on both machines)
        const Task base = given();
        const Task server = moved(base, "2026-11-26T12:00:00Z", u"accepted"_s, u"oksana@firm.example"_s);
        const Task his1 = moved(base, "2026-11-26T12:00:00Z", u"accepted"_s, u"dmytro@firm.example"_s);
        const Task his2 = moved(his1, "2026-11-26T12:00:00Z", u"in-progress"_s, u"dmytro@firm.example"_s);
        const auto r =
            mergeLocalChanges(server, u"a"_s, {TaskLocalChange::between(base, his2, u"0"_s, at("2026-11-26T12:00:00Z"), u"dmytro@firm.example"_s)}, cycle());
        QCOMPARE(r.task.state, u"in-progress"_s);
        QCOMPARE(r.task.history.size(), 4);
    }

    void shouldTakeTheStateOfTheLaterMove()
    {
        // GIVEN she rejected it at 11:00; he had started on it at 10:00
        const Task base = moved(given(), "2026-11-26T09:30:00Z", u"accepted"_s, u"dmytro@firm.example"_s);
        const Task server = moved(base, "2026-11-26T11:00:00Z", u"rejected"_s, u"oksana@firm.example"_s);
        const Task his = moved(base, "2026-11-26T10:00:00Z", u"in-progress"_s, u"dmytro@firm.example"_s);
        const auto r =
            mergeLocalChanges(server, u"a"_s, {TaskLocalChange::between(base, his, u"0"_s, at("2026-11-26T10:00:00Z"), u"dmytro@firm.example"_s)}, cycle());
        // THEN his move is in the history, in time order, and hers, the later, holds
        QCOMPARE(moves(r.task),
                 (QStringList{u"new by oksana@firm.example"_s,
                              u"accepted by dmytro@firm.example"_s,
                              u"in-progress by dmytro@firm.example"_s,
                              u"rejected by oksana@firm.example"_s}));
        QCOMPARE(r.task.state, u"rejected"_s);
        // AND a move that is none of the cycle (a hand-edited history) decides nothing
        Task odd = his;
        odd.history << StateChange{at("2026-11-26T12:00:00Z"), u"new"_s, u"done"_s, u"dmytro@firm.example"_s, QString()};
        const auto skipped =
            mergeLocalChanges(server, u"a"_s, {TaskLocalChange::between(base, odd, u"0"_s, at("2026-11-26T12:00:00Z"), u"dmytro@firm.example"_s)}, cycle());
        QCOMPARE(skipped.task.state, u"rejected"_s);
        QCOMPARE(skipped.task.history.size(), 5);
    }

    void shouldForgetAChangeAkonadiNeverStored()
    {
        const Task base = given();
        const Task his = moved(base, "2026-11-26T10:00:00Z", u"accepted"_s, u"dmytro@firm.example"_s);
        const auto r =
            mergeLocalChanges(base, u"0"_s, {TaskLocalChange::between(base, his, u"0"_s, at("2026-11-26T10:00:00Z"), u"dmytro@firm.example"_s)}, cycle());
        QVERIFY(!r.write);
        QVERIFY(r.remaining.isEmpty());
    }

    void shouldSetAFieldTheServerLeftAsItWas()
    {
        const Task base = given();
        Task server = moved(base, "2026-11-26T10:00:00Z", u"accepted"_s, u"oksana@firm.example"_s);
        Task his = base;
        his.due = at("2026-12-04T18:00:00Z");
        const auto r =
            mergeLocalChanges(server, u"a"_s, {TaskLocalChange::between(base, his, u"0"_s, at("2026-11-26T10:00:00Z"), u"dmytro@firm.example"_s)}, cycle());
        QVERIFY(r.write);
        QCOMPARE(r.task.due, at("2026-12-04T18:00:00Z"));
        QCOMPARE(r.restoredFields, QStringList{u"due"_s});
        QCOMPARE(r.task.editedBy.value(u"due"_s), u"dmytro@firm.example"_s);
        QCOMPARE(r.task.state, u"accepted"_s);
        QVERIFY(r.task.conflicts.isEmpty());
    }

    void shouldKeepBothValuesOfAFieldBothChanged()
    {
        // GIVEN she moved the deadline to the 5th, he to the 6th, apart
        const Task base = given();
        Task server = base;
        server.due = at("2026-12-05T18:00:00Z");
        server.editedBy.insert(u"due"_s, u"oksana@firm.example"_s);
        Task his = base;
        his.due = at("2026-12-06T18:00:00Z");
        const auto change = TaskLocalChange::between(base, his, u"0"_s, at("2026-11-26T10:00:00Z"), u"dmytro@firm.example"_s);
        const auto r = mergeLocalChanges(server, u"a"_s, {change}, cycle());
        // THEN the server's value stays, and the conflict keeps both with who set them
        QVERIFY(r.write);
        QCOMPARE(r.task.due, at("2026-12-05T18:00:00Z"));
        QCOMPARE(r.newConflicts.size(), 1);
        const TaskConflict c = r.newConflicts.constFirst();
        QCOMPARE(c.field, u"due"_s);
        QCOMPARE(c.kept, u"2026-12-05T18:00:00Z"_s);
        QCOMPARE(c.keptBy, u"oksana@firm.example"_s);
        QCOMPARE(c.lost, u"2026-12-06T18:00:00Z"_s);
        QCOMPARE(c.lostBy, u"dmytro@firm.example"_s);
        QCOMPARE(r.task.conflicts, QList<TaskConflict>{c});
        const QString line = describeConflict(c);
        QVERIFY2(line.contains(u"oksana@firm.example"_s) && line.contains(u"dmytro@firm.example"_s) && line.contains(u"2026-12-06T18:00:00Z"_s),
                 qPrintable(line));
        // AND merging again does not double it; once the server holds it, it is forgotten
        const auto again = mergeLocalChanges(r.task, u"b"_s, r.remaining, cycle());
        QVERIFY(!again.write);
        QCOMPARE(again.task.conflicts.size(), 1);
        QVERIFY(again.remaining.isEmpty());
    }

    void shouldKeepChangesInFilesAcrossRuns()
    {
        QTemporaryDir dir;
        const Task base = given();
        const Task his = moved(base, "2026-11-26T10:00:00Z", u"accepted"_s, u"dmytro@firm.example"_s, u"note, \"quoted\""_s);
        const auto change = TaskLocalChange::between(base, his, u"etag-0"_s, at("2026-11-26T10:00:00Z"), u"dmytro@firm.example"_s);
        {
            TaskJournal journal(dir.path());
            QVERIFY(journal.record(u"task/1 ü"_s, change));
            QVERIFY(journal.record(u"task/1 ü"_s, change));
        }
        TaskJournal journal(dir.path());
        const auto all = journal.all();
        QCOMPARE(all.size(), 1);
        QCOMPARE(all.constFirst().uid, u"task/1 ü"_s);
        QCOMPARE(all.constFirst().changes, (QList<TaskLocalChange>{change, change}));
        QVERIFY(journal.replace(u"task/1 ü"_s, {}));
        QVERIFY(journal.all().isEmpty());
    }

    void shouldSetADamagedFileAsideAndGoOn_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("garbage") << QByteArray("\x01\x02not json");
        QTest::newRow("torn") << TaskJournal::serialize(u"task-1"_s, {TaskLocalChange{u"e"_s, at("2026-11-26T10:00:00Z"), u"d@x"_s, {}, {}, {}}}).left(40);
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("no uid") << QByteArray("{\"changes\":[]}");
        QTest::newRow("bad field") << QByteArray("{\"uid\":\"task-1\",\"changes\":[{\"at\":\"2026-11-26T10:00:00Z\",\"fields\":[{\"field\":\"x\"}]}]}");
        QTest::newRow("bad history") << QByteArray("{\"uid\":\"task-1\",\"changes\":[{\"at\":\"2026-11-26T10:00:00Z\",\"history\":\"[{]\"}]}");
    }

    void shouldSetADamagedFileAsideAndGoOn()
    {
        QFETCH(QByteArray, content);
        QTemporaryDir dir;
        TaskJournal journal(dir.path());
        // GIVEN a good file and a damaged one
        const Task base = given();
        const auto change =
            TaskLocalChange::between(base, moved(base, "2026-11-26T10:00:00Z", u"accepted"_s, u"d@x"_s), u"e"_s, at("2026-11-26T10:00:00Z"), u"d@x"_s);
        QVERIFY(journal.record(u"task-2"_s, change));
        QVERIFY(journal.record(u"task-1"_s, change));
        const QStringList files = QDir(dir.path()).entryList({u"*.json"_s}, QDir::Files);
        QCOMPARE(files.size(), 2);
        QString damaged;
        for (const QString &f : files) {
            QFile file(dir.filePath(f));
            QVERIFY(file.open(QIODevice::ReadOnly));
            if (TaskJournal::parse(file.readAll(), nullptr)->uid == u"task-1"_s) {
                damaged = dir.filePath(f);
            }
        }
        QFile file(damaged);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(content);
        file.close();
        // WHEN the journal is read
        QStringList problems;
        const auto all = journal.all(&problems);
        // THEN the good one is read, the damaged one reported and kept aside
        QCOMPARE(all.size(), 1);
        QCOMPARE(all.constFirst().uid, u"task-2"_s);
        QCOMPARE(problems.size(), 1);
        QVERIFY2(problems.constFirst().contains(u".bad"_s), qPrintable(problems.constFirst()));
        QVERIFY(QFile::exists(damaged + u".bad"_s));
        QCOMPARE(QFile(damaged + u".bad"_s).size(), content.size());
        // AND new changes of that task are kept again
        QVERIFY(journal.record(u"task-1"_s, change));
        QCOMPARE(journal.all().size(), 2);
    }
};

QTEST_GUILESS_MAIN(TaskJournalTest)

#include "taskjournaltest.moc"
