// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "models/taskboardmodel.h"

#include <QAbstractItemModelTester>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;
using Crm::CalendarEntry;
using Crm::TaskBoardModel;

/// The task board over an in-memory calendar index: a column per state of
/// the kind's cycle, the tasks in their columns, and the drag rules (a move
/// the cycle allows is asked for, one it forbids is refused with the
/// reason). No Akonadi, milliseconds.
class TaskBoardModelTest : public QObject
{
    Q_OBJECT

private:
    const QDateTime now{QDate(2026, 11, 27), QTime(12, 0), QTimeZone::UTC};
    Crm::BusinessCycles cycles;
    Crm::CalendarIndex index;

    void add(qint64 id, const QString &summary, const QString &state, const QString &kind = {}, int dueInDays = 3)
    {
        CalendarEntry e;
        e.itemId = id;
        e.type = CalendarEntry::Type::Task;
        e.summary = summary;
        e.state = state;
        e.kind = kind;
        e.responsible = u"olena@firm.example"_s;
        e.due = now.addDays(dueInDays);
        index.insert(e);
    }

    static QStringList column(const TaskBoardModel &model, const QString &state)
    {
        for (int c = 0; c < model.rowCount(); ++c) {
            const QModelIndex col = model.index(c, 0);
            if (col.data(TaskBoardModel::StateRole).toString() == state) {
                QStringList out;
                for (int r = 0; r < model.rowCount(col); ++r) {
                    out << model.index(r, 0, col).data().toString();
                }
                return out;
            }
        }
        return {u"no column"_s};
    }

    static QModelIndex columnIndex(const TaskBoardModel &model, const QString &state)
    {
        for (int c = 0; c < model.rowCount(); ++c) {
            if (model.index(c, 0).data(TaskBoardModel::StateRole).toString() == state) {
                return model.index(c, 0);
            }
        }
        return {};
    }

    static std::unique_ptr<QMimeData> dragged(qint64 id)
    {
        auto data = std::make_unique<QMimeData>();
        data->setData(QString::fromLatin1(TaskBoardModel::MimeType), QByteArray::number(id));
        return data;
    }

private Q_SLOTS:
    void init()
    {
        index.clear();
        cycles = Crm::BusinessCycles();
        add(1, u"Call back Acme"_s, u"new"_s, {}, -1);
        add(2, u"Prepare the offer"_s, u"in-progress"_s);
        add(3, u"Ship pallets"_s, u"new"_s, u"delivery"_s);
    }

    void shouldShowAColumnPerStateWithItsTasks()
    {
        TaskBoardModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setNow(now);
        model.setIndex(&index, &cycles);
        // The default cycle: New, Accepted, In progress, Postponed, Done, Rejected
        QCOMPARE(model.rowCount(), 6);
        QCOMPARE(column(model, u"new"_s), (QStringList{u"Call back Acme"_s, u"Ship pallets"_s}));
        QCOMPARE(column(model, u"in-progress"_s), QStringList{u"Prepare the offer"_s});
        QCOMPARE(column(model, u"done"_s), QStringList());
        QVERIFY(model.index(0, 0, columnIndex(model, u"new"_s)).data(TaskBoardModel::OverdueRole).toBool());
    }

    void shouldShowOnlyTheTasksOfTheChosenKind()
    {
        // GIVEN deliveries with a cycle of their own
        QString error;
        const auto delivery = Crm::BusinessCycle::parse(u"delivery"_s,
                                                        {u"ordered|NEEDS-ACTION|0"_s, u"shipped|IN-PROCESS|50"_s, u"delivered|COMPLETED|100|end"_s},
                                                        {u"ordered>shipped"_s, u"shipped>delivered"_s},
                                                        &error);
        QVERIFY2(delivery, qPrintable(error));
        QVERIFY(cycles.set(*delivery, &error));
        index.remove(3);
        add(3, u"Ship pallets"_s, u"ordered"_s, u"delivery"_s);
        TaskBoardModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setIndex(&index, &cycles);
        // WHEN the board shows deliveries
        model.setKind(u"Delivery"_s);
        // THEN its columns are that cycle's, and only the delivery is on it
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(column(model, u"ordered"_s), QStringList{u"Ship pallets"_s});
        // AND the default board no longer shows the delivery
        model.setKind({});
        QCOMPARE(column(model, u"new"_s), QStringList{u"Call back Acme"_s});
    }

    void shouldAskForAMoveTheCycleAllows()
    {
        TaskBoardModel model;
        model.setIndex(&index, &cycles);
        QSignalSpy requested(&model, &TaskBoardModel::moveRequested);
        QSignalSpy refused(&model, &TaskBoardModel::moveRefused);
        const auto data = dragged(1);
        const QModelIndex accepted = columnIndex(model, u"accepted"_s);
        QVERIFY(model.canDropMimeData(data.get(), Qt::MoveAction, -1, -1, accepted));
        QVERIFY(model.dropMimeData(data.get(), Qt::MoveAction, -1, -1, accepted));
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.first().at(0).toLongLong(), 1);
        QCOMPARE(requested.first().at(1).toString(), u"accepted"_s);
        QCOMPARE(refused.size(), 0);
        // The card stays where it is until the store has the move.
        QCOMPARE(column(model, u"new"_s).size(), 2);
    }

    void shouldRefuseADragTheCycleForbidsWithTheReason()
    {
        TaskBoardModel model;
        model.setIndex(&index, &cycles);
        QSignalSpy requested(&model, &TaskBoardModel::moveRequested);
        QSignalSpy refused(&model, &TaskBoardModel::moveRefused);
        // GIVEN a new task dragged straight to Done (the cycle wants it accepted and worked on first)
        const auto data = dragged(1);
        const QModelIndex done = columnIndex(model, u"done"_s);
        // THEN the board does not accept the drop, and a forced drop is refused with why
        QVERIFY(!model.canDropMimeData(data.get(), Qt::MoveAction, -1, -1, done));
        QVERIFY(!model.dropMimeData(data.get(), Qt::MoveAction, -1, -1, done));
        QCOMPARE(requested.size(), 0);
        QCOMPARE(refused.size(), 1);
        const QString reason = refused.first().at(0).toString();
        // named as the board shows the states, with where it may go instead
        QVERIFY2(reason.contains(u"\"New\""_s) && reason.contains(u"\"Done\""_s), qPrintable(reason));
        QVERIFY2(reason.contains(u"Accepted"_s) && reason.contains(u"Postponed"_s), qPrintable(reason));
    }

    void shouldFollowTheIndexWhenItChanges()
    {
        TaskBoardModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setIndex(&index, &cycles);
        // WHEN another program moves task 1 to Accepted and the index says so
        index.remove(1);
        add(1, u"Call back Acme"_s, u"accepted"_s);
        model.refresh();
        QCOMPARE(column(model, u"accepted"_s), QStringList{u"Call back Acme"_s});
        QCOMPARE(column(model, u"new"_s), QStringList{u"Ship pallets"_s});
    }
};

QTEST_MAIN(TaskBoardModelTest)

#include "taskboardmodeltest.moc"
