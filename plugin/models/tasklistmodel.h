// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/businesscycle.h"
#include "domain/calendarindex.h"
#include "domain/taskquery.h"

#include <QAbstractTableModel>

#include <functional>

namespace Crm
{

/// The task list: the tasks a TaskQuery selects (the filters of `crmctl
/// task list`), one row each, by deadline. Answered from the calendar index
/// alone, so a filter over 50,000 tasks costs milliseconds; overdue tasks
/// are marked.
class TaskListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        SubjectColumn,
        StateColumn,
        KindColumn,
        ResponsibleColumn,
        CounterpartyColumn,
        DueColumn,
        ColumnCount
    };
    enum Roles {
        ItemIdRole = Qt::UserRole + 1,
        OverdueRole,
        StateRole, ///< the state's name in the cycle
        KindRole,
    };
    using NameLookup = std::function<QString(const QString &counterpartyUid)>;

    explicit TaskListModel(QObject *parent = nullptr);

    /// The index and cycles to show; both must outlive the model or be reset.
    void setIndex(const CalendarIndex *index, const BusinessCycles *cycles);
    /// How a counterparty's UID becomes the name shown.
    void setNameLookup(const NameLookup &lookup);
    void setFilter(const TaskQuery &filter);
    TaskQuery filter() const;
    /// "Now", for the overdue filter and marks.
    void setNow(const QDateTime &now);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

public Q_SLOTS:
    /// Reads the index again (it changed).
    void refresh();

private:
    QDateTime now() const;
    QString stateLabel(const CalendarEntry &entry) const;

    const CalendarIndex *m_index = nullptr;
    const BusinessCycles *m_cycles = nullptr;
    NameLookup m_names;
    TaskQuery m_filter;
    QDateTime m_now;
    QList<CalendarEntry> m_rows;
};

} // namespace Crm
