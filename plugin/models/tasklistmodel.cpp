// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "tasklistmodel.h"
#include "models/schemebrushes.h"

#include "domain/clock.h"
#include "domain/dateformat.h"

#include <KLocalizedString>

#include <QLocale>

namespace Crm
{

TaskListModel::TaskListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void TaskListModel::setIndex(const CalendarIndex *index, const BusinessCycles *cycles)
{
    m_index = index;
    m_cycles = cycles;
    refresh();
}

void TaskListModel::setNameLookup(const NameLookup &lookup)
{
    m_names = lookup;
    if (!m_rows.isEmpty()) {
        Q_EMIT dataChanged(index(0, CounterpartyColumn), index(m_rows.size() - 1, CounterpartyColumn));
    }
}

void TaskListModel::setFilter(const TaskQuery &filter)
{
    m_filter = filter;
    refresh();
}

TaskQuery TaskListModel::filter() const
{
    return m_filter;
}

void TaskListModel::setNow(const QDateTime &now)
{
    m_now = now;
    refresh();
}

QDateTime TaskListModel::now() const
{
    return m_now.isValid() ? m_now : Clock::now();
}

void TaskListModel::refresh()
{
    const QList<CalendarEntry> rows = (m_index && m_cycles) ? m_filter.run(*m_index, *m_cycles, now()) : QList<CalendarEntry>();
    // A change made elsewhere mostly edits rows in place: then only those
    // rows are repainted and the selection stays where it is.
    const bool sameRows = rows.size() == m_rows.size() && std::equal(rows.cbegin(), rows.cend(), m_rows.cbegin(), [](const auto &a, const auto &b) {
                              return a.itemId == b.itemId;
                          });
    if (!sameRows) {
        beginResetModel();
        m_rows = rows;
        endResetModel();
        return;
    }
    for (int r = 0; r < rows.size(); ++r) {
        if (!(rows[r] == m_rows[r])) {
            m_rows[r] = rows[r];
            Q_EMIT dataChanged(index(r, 0), index(r, ColumnCount - 1));
        }
    }
}

QString TaskListModel::stateLabel(const CalendarEntry &entry) const
{
    const CycleState *state = m_cycles ? m_cycles->cycleFor(entry.kind).state(entry.state) : nullptr;
    return state ? state->label : entry.state;
}

int TaskListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows.size();
}

int TaskListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TaskListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const CalendarEntry &e = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SubjectColumn:
            return e.summary;
        case StateColumn:
            return stateLabel(e);
        case KindColumn:
            return e.kind;
        case ResponsibleColumn:
            return e.responsible;
        case CounterpartyColumn:
            return m_names ? m_names(e.counterpartyUid) : e.counterpartyUid;
        case DueColumn:
            return e.due.isValid() ? DateFormat::shortDateTime(e.due) : QString();
        }
        return {};
    case Qt::ForegroundRole:
        if (m_cycles && TaskQuery::isOverdue(e, *m_cycles, now())) {
            return SchemeBrushes::foreground(KColorScheme::NegativeText);
        }
        return {};
    case Qt::ToolTipRole:
        if (m_cycles && TaskQuery::isOverdue(e, *m_cycles, now())) {
            return i18nc("@info:tooltip", "Overdue: the deadline has passed");
        }
        return {};
    case ItemIdRole:
        return e.itemId;
    case OverdueRole:
        return m_cycles && TaskQuery::isOverdue(e, *m_cycles, now());
    case StateRole:
        return e.state;
    case KindRole:
        return e.kind;
    }
    return {};
}

QVariant TaskListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case SubjectColumn:
        return i18nc("@title:column", "Subject");
    case StateColumn:
        return i18nc("@title:column", "State");
    case KindColumn:
        return i18nc("@title:column", "Kind");
    case ResponsibleColumn:
        return i18nc("@title:column", "Responsible");
    case CounterpartyColumn:
        return i18nc("@title:column", "Counterparty");
    case DueColumn:
        return i18nc("@title:column", "Deadline");
    }
    return {};
}

} // namespace Crm
