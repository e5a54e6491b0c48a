// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/businesscycle.h"
#include "domain/calendarindex.h"
#include "domain/taskquery.h"

#include <QAbstractItemModel>

namespace Crm
{

/// The task board of one kind: a top-level row per state of the kind's
/// business cycle (a column of the board), under it the tasks in that
/// state, by deadline. Answered from the calendar index (TaskQuery), no
/// payload read. Dragging a task onto another state asks for the move only
/// when the cycle allows it; otherwise the drop is refused with the reason.
class TaskBoardModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Roles {
        ItemIdRole = Qt::UserRole + 1,
        StateRole, ///< the state name, on states and tasks
        DueRole,
        OverdueRole,
        ResponsibleRole,
    };
    static constexpr const char *MimeType = "application/x-kontactcrm-task";

    explicit TaskBoardModel(QObject *parent = nullptr);

    /// The index and cycles to show; both must outlive the model or be reset.
    void setIndex(const CalendarIndex *index, const BusinessCycles *cycles);
    /// The kind whose cycle makes the columns; empty for tasks of no kind
    /// of their own (the default cycle).
    void setKind(const QString &kind);
    QString kind() const;
    /// Further filters: responsible, counterparty (kind and state are the board's).
    void setFilter(const TaskQuery &filter);
    /// "Now", for overdue marks.
    void setNow(const QDateTime &now);

    /// Why the task @p itemId may not move to @p toState, or empty when it may.
    QString refusal(qint64 itemId, const QString &toState) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDropActions() const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column, const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column, const QModelIndex &parent) override;

public Q_SLOTS:
    /// Reads the index again (it changed).
    void refresh();

Q_SIGNALS:
    /// The user dropped task @p itemId on @p toState and the cycle allows it:
    /// the view asks the task service, which records the move.
    void moveRequested(qint64 itemId, const QString &toState);
    /// A drop the cycle forbids, with the reason to show.
    void moveRefused(const QString &reason);

private:
    struct Column {
        CycleState state;
        QList<CalendarEntry> tasks;
    };
    const BusinessCycle &cycle() const;
    /// The state of the cycle a task is in (another program may have set
    /// only its STATUS); -1 when none fits.
    int columnOf(const CalendarEntry &entry) const;
    const CalendarEntry *task(qint64 itemId, int *column = nullptr) const;
    /// The state named by a drop target: a column, or a task in it.
    int targetColumn(const QModelIndex &parent) const;
    qint64 draggedId(const QMimeData *data) const;

    const CalendarIndex *m_index = nullptr;
    const BusinessCycles *m_cycles = nullptr;
    QString m_kind;
    TaskQuery m_filter;
    QDateTime m_now;
    QList<Column> m_columns;
};

} // namespace Crm
