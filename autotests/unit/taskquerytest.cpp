// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "domain/taskquery.h"

#include <QTest>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;
using Crm::CalendarEntry;
using Crm::TaskQuery;

// The task lists of crmctl and the plugin's board, answered from an
// in-memory calendar index: no storage, milliseconds.
class TaskQueryTest : public QObject
{
    Q_OBJECT

private:
    const QDateTime now{QDate(2026, 11, 27), QTime(12, 0), QTimeZone::UTC};
    const Crm::BusinessCycles cycles;
    Crm::CalendarIndex index;

    void add(qint64 id, const QString &summary, const QString &responsible, int dueInDays, const QString &state, const QString &kind = {})
    {
        CalendarEntry e;
        e.itemId = id;
        e.type = CalendarEntry::Type::Task;
        e.summary = summary;
        e.responsible = responsible;
        e.due = now.addDays(dueInDays);
        e.state = state;
        e.kind = kind;
        e.counterpartyUid = id % 2 ? u"urn:uuid:odd"_s : u"urn:uuid:even"_s;
        if (state == u"done") {
            e.status = Crm::CycleState::Status::Completed;
        }
        index.insert(e);
    }

    QStringList run(const TaskQuery &q) const
    {
        QStringList out;
        const auto entries = q.run(index, cycles, now);
        for (const CalendarEntry &e : entries) {
            out << e.summary;
        }
        return out;
    }

private Q_SLOTS:
    void init()
    {
        index.clear();
        add(1, u"Late offer"_s, u"olena@firm.example"_s, -2, u"in-progress"_s);
        add(2, u"Done long ago"_s, u"olena@firm.example"_s, -30, u"done"_s);
        add(3, u"Next week"_s, u"olena@firm.example"_s, 7, u"new"_s, u"delivery"_s);
        add(4, u"Someone else's"_s, u"petro@firm.example"_s, -1, u"new"_s);
        CalendarEntry meeting;
        meeting.itemId = 5;
        meeting.type = CalendarEntry::Type::Interaction;
        meeting.summary = u"A meeting, not a task"_s;
        meeting.responsible = u"olena@firm.example"_s;
        index.insert(meeting);
    }

    void shouldListMyOpenTasksByDeadline()
    {
        TaskQuery mine;
        mine.responsible = u"Olena@Firm.example"_s; // as typed
        mine.openOnly = true;
        QCOMPARE(run(mine), (QStringList{u"Late offer"_s, u"Next week"_s}));
    }

    void shouldListOnlyOpenTasksPastTheirDeadlineAsOverdue()
    {
        TaskQuery overdue;
        overdue.overdueOnly = true;
        QCOMPARE(run(overdue), (QStringList{u"Late offer"_s, u"Someone else's"_s}));
        QVERIFY(TaskQuery::isOverdue(*index.entry(1), cycles, now));
        QVERIFY(!TaskQuery::isOverdue(*index.entry(2), cycles, now));
        QVERIFY(!TaskQuery::isOpen(*index.entry(2), cycles));
    }

    void shouldFilterByKindStateAndCounterparty()
    {
        TaskQuery byKind;
        byKind.kind = u"Delivery"_s;
        QCOMPARE(run(byKind), QStringList{u"Next week"_s});
        TaskQuery byState;
        byState.state = u"done"_s;
        QCOMPARE(run(byState), QStringList{u"Done long ago"_s});
        TaskQuery byCounterparty;
        byCounterparty.counterpartyUid = u"urn:uuid:odd"_s;
        QCOMPARE(run(byCounterparty), (QStringList{u"Late offer"_s, u"Next week"_s}));
    }
};

QTEST_GUILESS_MAIN(TaskQueryTest)

#include "taskquerytest.moc"
