// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "models/tasklistmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;
using Crm::CalendarEntry;
using Crm::TaskListModel;

/// The task list over an in-memory calendar index: the filters `crmctl task
/// list` has, overdue marks, counterparty names, and a change that edits a
/// row in place without resetting the list. No Akonadi, milliseconds.
class TaskListModelTest : public QObject
{
    Q_OBJECT

private:
    const QDateTime now{QDate(2026, 11, 27), QTime(12, 0), QTimeZone::UTC};
    Crm::BusinessCycles cycles;
    Crm::CalendarIndex index;

    CalendarEntry add(qint64 id, const QString &summary, const QString &state, int dueInDays, const QString &responsible, const QString &counterparty = {})
    {
        CalendarEntry e;
        e.itemId = id;
        e.type = CalendarEntry::Type::Task;
        e.summary = summary;
        e.state = state;
        e.responsible = responsible;
        e.counterpartyUid = counterparty;
        e.due = now.addDays(dueInDays);
        if (state == u"done"_s) {
            e.status = Crm::CycleState::Status::Completed;
        }
        index.insert(e);
        return e;
    }

    static QStringList subjects(const TaskListModel &model)
    {
        QStringList out;
        for (int r = 0; r < model.rowCount(); ++r) {
            out << model.index(r, TaskListModel::SubjectColumn).data().toString();
        }
        return out;
    }

private Q_SLOTS:
    void init()
    {
        index.clear();
        add(1, u"Call back Acme"_s, u"new"_s, -2, u"olena@firm.example"_s, u"acme"_s);
        add(2, u"Prepare the offer"_s, u"in-progress"_s, 3, u"ivan@firm.example"_s, u"acme"_s);
        add(3, u"Ship pallets"_s, u"done"_s, -5, u"olena@firm.example"_s, u"beta"_s);
        add(4, u"Sign the contract"_s, u"accepted"_s, 1, u"olena@firm.example"_s);
    }

    void shouldFilterAsCrmctlTaskList()
    {
        TaskListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setNow(now);
        model.setIndex(&index, &cycles);
        // Every task, by deadline
        QCOMPARE(subjects(model), (QStringList{u"Ship pallets"_s, u"Call back Acme"_s, u"Sign the contract"_s, u"Prepare the offer"_s}));

        Crm::TaskQuery filter;
        filter.openOnly = true;
        model.setFilter(filter);
        QCOMPARE(subjects(model), (QStringList{u"Call back Acme"_s, u"Sign the contract"_s, u"Prepare the offer"_s}));

        filter.responsible = u"olena@firm.example"_s;
        model.setFilter(filter);
        QCOMPARE(subjects(model), (QStringList{u"Call back Acme"_s, u"Sign the contract"_s}));

        filter = {};
        filter.overdueOnly = true;
        model.setFilter(filter);
        QCOMPARE(subjects(model), QStringList{u"Call back Acme"_s}); // the finished one is not overdue

        filter = {};
        filter.counterpartyUid = u"acme"_s;
        model.setFilter(filter);
        QCOMPARE(subjects(model), (QStringList{u"Call back Acme"_s, u"Prepare the offer"_s}));

        filter = {};
        filter.state = u"accepted"_s;
        model.setFilter(filter);
        QCOMPARE(subjects(model), QStringList{u"Sign the contract"_s});
    }

    void shouldMarkOverdueTasksAndShowNames()
    {
        TaskListModel model;
        model.setNow(now);
        model.setNameLookup([](const QString &uid) {
            return uid == u"acme"_s ? u"Acme Ltd"_s : uid;
        });
        model.setIndex(&index, &cycles);
        const int acme = subjects(model).indexOf(u"Call back Acme"_s);
        QVERIFY(model.index(acme, 0).data(TaskListModel::OverdueRole).toBool());
        QVERIFY(model.index(acme, 0).data(Qt::ForegroundRole).isValid());
        QCOMPARE(model.index(acme, TaskListModel::CounterpartyColumn).data().toString(), u"Acme Ltd"_s);
        QCOMPARE(model.index(acme, TaskListModel::StateColumn).data().toString(), u"New"_s);
        const int later = subjects(model).indexOf(u"Prepare the offer"_s);
        QVERIFY(!model.index(later, 0).data(TaskListModel::OverdueRole).toBool());
        QVERIFY(!model.index(later, 0).data(Qt::ForegroundRole).isValid());
    }

    void shouldUpdateAChangedRowInPlace()
    {
        TaskListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setNow(now);
        model.setIndex(&index, &cycles);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
        // WHEN another program moves a task on (same rows, one changed)
        CalendarEntry moved = *index.entry(4);
        moved.state = u"in-progress"_s;
        index.insert(moved);
        model.refresh();
        // THEN only that row is repainted
        QCOMPARE(resets.count(), 0);
        QCOMPARE(changes.count(), 1);
        const int row = subjects(model).indexOf(u"Sign the contract"_s);
        QCOMPARE(changes.constFirst().at(0).value<QModelIndex>().row(), row);
        QCOMPARE(model.index(row, TaskListModel::StateColumn).data().toString(), u"In progress"_s);
        // AND a new task changes the rows
        add(5, u"New one"_s, u"new"_s, 0, u"olena@firm.example"_s);
        model.refresh();
        QCOMPARE(model.rowCount(), 5);
    }
};

QTEST_MAIN(TaskListModelTest)
#include "tasklistmodeltest.moc"
