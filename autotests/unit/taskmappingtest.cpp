// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "ical/taskmapping.h"
#include "domain/calendarindex.h"
#include "ical/incidenceentry.h"

#include <KCalendarCore/ICalFormat>
#include <KCalendarCore/MemoryCalendar>

#include <QDir>
#include <QFile>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Crm;

// Each .ics file in autotests/data/tasks is a to-do as another program (or
// a hand) left it; its .ref holds what the CRM must make of it. On a
// mismatch the actual text is written beside the build as <file>.out.

namespace
{
const QDateTime fixedNow(QDate(2026, 12, 1), QTime(12, 0), QTimeZone::UTC);

QString describe(const TaskMapping::TaskRead &read)
{
    const Task &t = read.task;
    QStringList lines;
    lines << u"subject: "_s + t.subject;
    lines << u"kind: "_s + t.kind;
    lines << u"state: "_s + t.state;
    lines << u"reconciled: "_s + (read.reconciled ? u"yes"_s : u"no"_s);
    lines << u"direction: "_s + Task::directionName(t.direction);
    lines << u"responsible: "_s + t.responsible;
    lines << u"due: "_s + t.due.toUTC().toString(Qt::ISODate);
    lines << u"resources: "_s + QString::number(t.resources.size());
    for (const StateChange &c : t.history) {
        lines << u"history: "_s + c.at.toUTC().toString(Qt::ISODate) + u' ' + c.from + u" -> "_s + c.to + u" by "_s + (c.by.isEmpty() ? u"-"_s : c.by)
                + (c.note.isEmpty() ? QString() : u" ("_s + c.note + u')');
    }
    for (const QString &p : read.problems) {
        lines << u"problem: "_s + p;
    }
    return lines.join(u'\n') + u'\n';
}

KCalendarCore::Todo::Ptr firstTodo(const QByteArray &ics)
{
    auto calendar = KCalendarCore::MemoryCalendar::Ptr(new KCalendarCore::MemoryCalendar(QTimeZone::UTC));
    KCalendarCore::ICalFormat format;
    if (!format.fromRawString(calendar, ics)) {
        return {};
    }
    const auto todos = calendar->rawTodos();
    return todos.isEmpty() ? KCalendarCore::Todo::Ptr() : todos.constFirst();
}

Task sampleTask()
{
    Task t;
    t.uid = u"urn:uuid:7d1b6a2e-0000-4000-8000-000000000001"_s;
    t.subject = u"Підготувати договір, додаток; рахунок"_s;
    t.description = u"Line one\nline two, with comma; and semicolon"_s;
    t.counterpartyUid = u"urn:uuid:11111111-2222-4333-8444-555555555555"_s;
    t.issuer = u"boss@firm.example"_s;
    t.issuerName = u"Ірина Бос"_s;
    t.responsible = u"olena@firm.example"_s;
    t.responsibleName = u"Олена"_s;
    t.start = QDateTime(QDate(2026, 11, 20), QTime(9, 0), QTimeZone::UTC);
    t.due = QDateTime(QDate(2026, 11, 30), QTime(18, 0), QTimeZone::UTC);
    t.priority = 3;
    t.kind = u"contract"_s;
    t.direction = Task::Direction::Outgoing;
    t.state = u"in-progress"_s;
    t.history = {
        {QDateTime(QDate(2026, 11, 20), QTime(9, 0), QTimeZone::UTC), QString(), u"new"_s, u"boss@firm.example"_s, QString()},
        {QDateTime(QDate(2026, 11, 21), QTime(10, 0), QTimeZone::UTC), u"new"_s, u"accepted"_s, u"olena@firm.example"_s, u"ok, will do; \"soon\"\nreally"_s},
        {QDateTime(QDate(2026, 11, 22), QTime(11, 0), QTimeZone::UTC), u"accepted"_s, u"in-progress"_s, u"olena@firm.example"_s, QString()}};
    t.resources = {{u"labour"_s, u"h"_s, 8, 2.5}, {u"paper, A4; white"_s, u"sheet"_s, 100, 20}};
    t.attachments = {{u"draft.txt"_s, QString(), QByteArray("draft,\n;text\0bytes", 18), u"text/plain"_s},
                     {u"spec"_s, u"https://example.org/spec?a=1,b=2"_s, QByteArray(), QString()}};
    t.remindersMinutesBeforeDue = {60, 1440};
    return t;
}
} // namespace

class TaskMappingTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldRoundTripATaskThroughICalendarText()
    {
        // GIVEN a task whose text, history and resources hold commas, semicolons, quotes and newlines
        const Task task = sampleTask();
        const BusinessCycles cycles;
        // WHEN it is written as iCalendar text and read back
        const auto todo = TaskMapping::toTodo(task, cycles.cycleFor(task.kind));
        KCalendarCore::ICalFormat format;
        const QString text = format.toICalString(todo);
        const auto back = firstTodo(text.toUtf8());
        QVERIFY(back);
        const auto read = TaskMapping::fromTodo(back, cycles, fixedNow);
        // THEN every field is as it was, nothing is reported, nothing reconciled
        QVERIFY2(read.problems.isEmpty(), qPrintable(read.problems.join(u'\n')));
        QVERIFY(!read.reconciled);
        QCOMPARE(read.task.history, task.history);
        QCOMPARE(read.task.resources, task.resources);
        QCOMPARE(read.task.attachments, task.attachments);
        QCOMPARE(read.task.remindersMinutesBeforeDue, task.remindersMinutesBeforeDue);
        QCOMPARE(read.task.start, task.start);
        QCOMPARE(read.task.due, task.due);
        QCOMPARE(read.task, task);
        // AND other programs see a sensible to-do
        QVERIFY(text.contains(u"STATUS:IN-PROCESS"_s));
        QVERIFY(text.contains(u"PERCENT-COMPLETE:50"_s));
        QVERIFY(text.contains(u"X-KDE-CRM-TYPE:task"_s));
        QVERIFY(text.contains(u"X-KDE-CRM-STATE:in-progress"_s));
        QVERIFY(text.contains(u"CATEGORIES:contract"_s));
        QVERIFY(text.contains(u"ORGANIZER"_s));
        QVERIFY(text.contains(u"mailto:olena@firm.example"_s));
        QVERIFY(text.contains(u"BEGIN:VALARM"_s));
    }

    void shouldKeepTheResponsibleOfATaskGivenToOneself()
    {
        // GIVEN a task its issuer gives to herself
        Task task = sampleTask();
        task.responsible = task.issuer;
        task.responsibleName = task.issuerName;
        // WHEN it goes through iCalendar text
        const BusinessCycles cycles;
        const auto back = firstTodo(KCalendarCore::ICalFormat().toICalString(TaskMapping::toTodo(task, cycles.cycleFor(task.kind))).toUtf8());
        // THEN she is still the responsible
        QVERIFY(back);
        QCOMPARE(TaskMapping::fromTodo(back, cycles, fixedNow).task.responsible, task.issuer);
    }

    void shouldWriteTheStatusOfEachStateOfTheCycle_data()
    {
        QTest::addColumn<QString>("state");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("percent");
        QTest::newRow("new") << u"new"_s << int(KCalendarCore::Incidence::StatusNeedsAction) << 0;
        QTest::newRow("accepted") << u"accepted"_s << int(KCalendarCore::Incidence::StatusNeedsAction) << 10;
        QTest::newRow("in-progress") << u"in-progress"_s << int(KCalendarCore::Incidence::StatusInProcess) << 50;
        QTest::newRow("done") << u"done"_s << int(KCalendarCore::Incidence::StatusCompleted) << 100;
        QTest::newRow("rejected") << u"rejected"_s << int(KCalendarCore::Incidence::StatusCanceled) << 0;
    }

    void shouldWriteTheStatusOfEachStateOfTheCycle()
    {
        QFETCH(QString, state);
        QFETCH(int, status);
        QFETCH(int, percent);
        Task task = sampleTask();
        task.state = state;
        const BusinessCycles cycles;
        const auto todo = TaskMapping::toTodo(task, cycles.cycleFor(task.kind));
        const auto back = firstTodo(KCalendarCore::ICalFormat().toICalString(todo).toUtf8());
        QCOMPARE(int(back->status()), status);
        QCOMPARE(back->percentComplete(), percent);
        QCOMPARE(back->isCompleted(), state == u"done");
        const auto read = TaskMapping::fromTodo(back, cycles, fixedNow);
        QCOMPARE(read.task.state, state);
        QVERIFY(!read.reconciled);
    }

    void shouldReconcileForeignEdits_data()
    {
        QTest::addColumn<QString>("file");
        const QDir dir(QStringLiteral(TASK_DATA_DIR));
        const auto files = dir.entryList({u"*.ics"_s}, QDir::Files, QDir::Name);
        QVERIFY(!files.isEmpty());
        for (const QString &f : files) {
            QTest::newRow(qPrintable(f)) << dir.filePath(f);
        }
    }

    void shouldReconcileForeignEdits()
    {
        QFETCH(QString, file);
        // GIVEN a to-do edited elsewhere
        QFile in(file);
        QVERIFY(in.open(QIODevice::ReadOnly));
        const auto todo = firstTodo(in.readAll());
        // WHEN the CRM reads it
        const QString actual = todo ? describe(TaskMapping::fromTodo(todo, BusinessCycles(), fixedNow)) : u"no to-do\n"_s;
        // THEN it makes of it what the .ref says, without a crash
        QFile ref(file + u".ref"_s);
        const QString expected = ref.open(QIODevice::ReadOnly) ? QString::fromUtf8(ref.readAll()) : QString();
        if (actual != expected) {
            QFile out(QFileInfo(file).fileName() + u".out"_s);
            if (out.open(QIODevice::WriteOnly)) {
                out.write(actual.toUtf8());
            }
        }
        QCOMPARE(actual, expected);
    }

    void shouldKeepATaskWhoseCrmPropertiesAPhoneDropped()
    {
        // GIVEN a task the CRM wrote, from which a phone dropped every
        // X-property it does not know (the X-KDE-CRM-* lines, folded or not)
        const Task task = sampleTask();
        const BusinessCycles cycles;
        const QString text = KCalendarCore::ICalFormat().toICalString(TaskMapping::toTodo(task, cycles.cycleFor(task.kind)));
        QStringList kept;
        bool dropping = false;
        const QStringList lines = text.split(u"\n"_s);
        for (const QString &line : lines) {
            if (line.startsWith(u' ') || line.startsWith(u'\t')) {
                if (!dropping) {
                    kept << line;
                }
                continue;
            }
            dropping = line.startsWith(u"X-KDE-CRM-"_s);
            if (!dropping) {
                kept << line;
            }
        }
        QVERIFY(text.contains(u"X-KDE-CRM-HISTORY"_s));
        const auto stripped = firstTodo(kept.join(u"\n"_s).toUtf8());
        QVERIFY(stripped);
        QVERIFY(Crm::IncidenceEntry::crmProperty(stripped, "TYPE").isEmpty());
        // WHEN the CRM indexes and reads it
        const Crm::CalendarEntry entry = Crm::IncidenceEntry::from(stripped, 7);
        const auto read = TaskMapping::fromTodo(stripped, cycles, fixedNow);
        // THEN it is still a task, listed with the tasks, with what every
        // calendar keeps: subject, deadline, priority, kind, people, state
        QCOMPARE(int(entry.type), int(Crm::CalendarEntry::Type::Task));
        QCOMPARE(entry.due, task.due);
        QCOMPARE(entry.responsible, task.responsible);
        QCOMPARE(read.task.subject, task.subject);
        QCOMPARE(read.task.description, task.description);
        QCOMPARE(read.task.due, task.due);
        QCOMPARE(read.task.priority, task.priority);
        QCOMPARE(read.task.kind, task.kind);
        QCOMPARE(read.task.issuer, task.issuer);
        QCOMPARE(read.task.responsible, task.responsible);
        QCOMPARE(read.task.state, u"in-progress"_s);
        QCOMPARE(read.task.attachments, task.attachments);
        // AND nothing is invented: no counterparty, no earlier history, no resources
        QVERIFY(read.task.counterpartyUid.isEmpty());
        QVERIFY(read.task.resources.isEmpty());
        QCOMPARE(read.task.history.size(), 1);
        QVERIFY(read.reconciled);
        // AND what was lost is reported, naming the properties
        const QString problems = read.problems.join(u'\n');
        for (const QString &property : {u"X-KDE-CRM-TYPE"_s, u"X-KDE-CRM-DIRECTION"_s, u"X-KDE-CRM-STATE"_s}) {
            QVERIFY2(problems.contains(property), qPrintable(problems));
        }
    }

    void shouldNotCrashOnAnEmptyTodo()
    {
        const auto read = TaskMapping::fromTodo(KCalendarCore::Todo::Ptr(new KCalendarCore::Todo), BusinessCycles(), fixedNow);
        QCOMPARE(read.task.state, u"new"_s);
        QVERIFY(read.reconciled);
        QVERIFY(read.problems.join(u'\n').contains(u"X-KDE-CRM-STATE is missing"_s));
        const auto none = TaskMapping::fromTodo({}, BusinessCycles(), fixedNow);
        QCOMPARE(none.problems.size(), 1);
    }

    void shouldIndexTheStatusAsTheRulesReadIt_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("indexed");
        QTest::addColumn<bool>("closed");
        using S = Crm::CycleState::Status;
        QTest::newRow("none") << int(KCalendarCore::Incidence::StatusNone) << int(S::NeedsAction) << false;
        QTest::newRow("in process") << int(KCalendarCore::Incidence::StatusInProcess) << int(S::InProcess) << false;
        QTest::newRow("completed") << int(KCalendarCore::Incidence::StatusCompleted) << int(S::Completed) << true;
        QTest::newRow("cancelled") << int(KCalendarCore::Incidence::StatusCanceled) << int(S::Cancelled) << true;
        QTest::newRow("confirmed (an event)") << int(KCalendarCore::Incidence::StatusConfirmed) << int(S::NeedsAction) << false;
    }

    void shouldIndexTheStatusAsTheRulesReadIt()
    {
        // GIVEN a task with a STATUS set by any program
        QFETCH(int, status);
        QFETCH(int, indexed);
        QFETCH(bool, closed);
        KCalendarCore::Todo::Ptr todo(new KCalendarCore::Todo);
        todo->setSummary(u"Offer"_s);
        todo->setStatus(KCalendarCore::Incidence::Status(status));
        // WHEN it is indexed and the index is written and read back
        const Crm::CalendarEntry entry = Crm::IncidenceEntry::from(todo, 42);
        QByteArray bytes;
        {
            QDataStream out(&bytes, QIODevice::WriteOnly);
            out << entry;
        }
        QDataStream in(bytes);
        Crm::CalendarEntry back;
        in >> back;
        // THEN the status is the cycle's enum, the same after the round trip
        QCOMPARE(int(entry.status), indexed);
        QCOMPARE(entry.closed(), closed);
        QCOMPARE(in.status(), QDataStream::Ok);
        QCOMPARE(back, entry);
    }

    void shouldRefuseAnIndexEntryWithAnUnknownStatus()
    {
        Crm::CalendarEntry entry;
        entry.itemId = 7;
        QByteArray bytes;
        {
            QDataStream out(&bytes, QIODevice::WriteOnly);
            out << entry;
        }
        // The status byte follows the item id, type, four strings and the state.
        QDataStream probe(bytes);
        qint64 id = 0;
        quint8 type = 0;
        QString text;
        probe >> id >> type >> text >> text >> text >> text >> text;
        const qsizetype at = probe.device()->pos();
        bytes[at] = char(99);
        QDataStream in(bytes);
        Crm::CalendarEntry back;
        in >> back;
        QCOMPARE(in.status(), QDataStream::ReadCorruptData);
    }
};

QTEST_GUILESS_MAIN(TaskMappingTest)
#include "taskmappingtest.moc"
