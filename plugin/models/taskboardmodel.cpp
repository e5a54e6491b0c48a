// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "taskboardmodel.h"
#include "domain/dateformat.h"
#include "models/schemebrushes.h"

#include <KLocalizedString>

#include <QIcon>
#include <QLocale>
#include <QMimeData>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

namespace
{
// A task row's internal id is its column + 1; a column's is 0.
constexpr quintptr ColumnRow = 0;
} // namespace

TaskBoardModel::TaskBoardModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_now(QDateTime::currentDateTimeUtc())
{
}

void TaskBoardModel::setIndex(const CalendarIndex *index, const BusinessCycles *cycles)
{
    m_index = index;
    m_cycles = cycles;
    refresh();
}

void TaskBoardModel::setKind(const QString &kind)
{
    m_kind = kind;
    refresh();
}

QString TaskBoardModel::kind() const
{
    return m_kind;
}

void TaskBoardModel::setFilter(const TaskQuery &filter)
{
    m_filter = filter;
    refresh();
}

void TaskBoardModel::setNow(const QDateTime &now)
{
    m_now = now;
    refresh();
}

const BusinessCycle &TaskBoardModel::cycle() const
{
    static const BusinessCycles fallback;
    return (m_cycles ? *m_cycles : fallback).cycleFor(m_kind);
}

int TaskBoardModel::columnOf(const CalendarEntry &entry) const
{
    const BusinessCycle &c = cycle();
    const CycleState *state = c.state(entry.state);
    const std::optional<CycleState> byStatus = state ? std::optional<CycleState>() : c.stateForStatus(entry.status, entry.state);
    const QString name = state ? state->name : byStatus ? byStatus->name : QString();
    for (int i = 0; i < m_columns.size(); ++i) {
        if (m_columns[i].state.name == name) {
            return i;
        }
    }
    return -1;
}

void TaskBoardModel::refresh()
{
    beginResetModel();
    m_columns.clear();
    if (m_index && m_cycles) {
        const BusinessCycle &c = cycle();
        const auto states = c.states();
        for (const CycleState &s : states) {
            m_columns << Column{s, {}};
        }
        // The board of a kind shows the tasks that follow that kind's cycle:
        // for the default board, those of kinds without a cycle of their own.
        const QStringList ownKinds = m_cycles->kinds();
        TaskQuery query = m_filter;
        // A kind's board asks the query for that kind alone (a third of
        // 50,000 tasks is copied and sorted, not all); the default board
        // picks its tasks below.
        query.kind = m_kind;
        query.state.clear();
        const auto tasks = query.run(*m_index, *m_cycles, m_now);
        for (const CalendarEntry &e : tasks) {
            const bool ofThisBoard = m_kind.isEmpty() ? !ownKinds.contains(e.kind, Qt::CaseInsensitive) : e.kind.compare(m_kind, Qt::CaseInsensitive) == 0;
            if (!ofThisBoard) {
                continue;
            }
            if (const int column = columnOf(e); column >= 0) {
                m_columns[column].tasks << e;
            }
        }
    }
    endResetModel();
}

const CalendarEntry *TaskBoardModel::task(qint64 itemId, int *column) const
{
    for (int c = 0; c < m_columns.size(); ++c) {
        for (const CalendarEntry &e : m_columns[c].tasks) {
            if (e.itemId == itemId) {
                if (column) {
                    *column = c;
                }
                return &e;
            }
        }
    }
    return nullptr;
}

QString TaskBoardModel::refusal(qint64 itemId, const QString &toState) const
{
    int from = -1;
    if (!task(itemId, &from)) {
        return i18nc("@info", "The task is no longer on this board.");
    }
    const CycleState &fromState = m_columns[from].state;
    if (fromState.name == toState) {
        return i18nc("@info", "The task is already in the state \"%1\".", fromState.label);
    }
    const BusinessCycle &c = cycle();
    if (c.allows(fromState.name, toState)) {
        return {};
    }
    // As BusinessCycle::checkMove says it, with the labels the board shows.
    const CycleState *to = c.state(toState);
    const QString toLabel = to ? to->label : toState;
    QStringList allowed;
    const auto next = c.next(fromState.name);
    for (const QString &name : next) {
        const CycleState *s = c.state(name);
        allowed << (s ? s->label : name);
    }
    if (allowed.isEmpty()) {
        return i18nc("@info", "A task in the end state \"%1\" cannot move to \"%2\".", fromState.label, toLabel);
    }
    return i18nc("@info",
                 "A task cannot move from \"%1\" to \"%2\". From \"%1\" it can move to: %3.",
                 fromState.label,
                 toLabel,
                 QLocale().createSeparatedList(allowed));
}

QModelIndex TaskBoardModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column != 0 || row < 0) {
        return {};
    }
    if (!parent.isValid()) {
        return row < m_columns.size() ? createIndex(row, 0, ColumnRow) : QModelIndex();
    }
    if (parent.internalId() != ColumnRow || parent.row() >= m_columns.size() || row >= m_columns[parent.row()].tasks.size()) {
        return {};
    }
    return createIndex(row, 0, quintptr(parent.row()) + 1);
}

QModelIndex TaskBoardModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == ColumnRow) {
        return {};
    }
    return createIndex(int(child.internalId() - 1), 0, ColumnRow);
}

int TaskBoardModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid()) {
        return m_columns.size();
    }
    if (parent.internalId() == ColumnRow && parent.column() == 0 && parent.row() < m_columns.size()) {
        return m_columns[parent.row()].tasks.size();
    }
    return 0;
}

int TaskBoardModel::columnCount(const QModelIndex &) const
{
    return 1;
}

QVariant TaskBoardModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    if (index.internalId() == ColumnRow) {
        const Column &c = m_columns[index.row()];
        switch (role) {
        case Qt::DisplayRole:
            return i18nc("@title board column: state (number of tasks)", "%1 (%2)", c.state.label, c.tasks.size());
        case StateRole:
            return c.state.name;
        default:
            return {};
        }
    }
    const Column &c = m_columns[int(index.internalId() - 1)];
    const CalendarEntry &e = c.tasks[index.row()];
    const bool overdue = TaskQuery::isOverdue(e, m_cycles ? *m_cycles : BusinessCycles(), m_now);
    switch (role) {
    case Qt::DisplayRole:
        return e.summary;
    case Qt::DecorationRole:
        return QIcon::fromTheme(u"view-task"_s);
    case Qt::ForegroundRole:
        // Overdue in the colour scheme's "negative" text, as KOrganizer marks it.
        return overdue ? QVariant(SchemeBrushes::foreground(KColorScheme::NegativeText)) : QVariant();
    case Qt::ToolTipRole:
        return e.due.isValid() ? i18nc("@info:tooltip", "%1\nDue %2", e.summary, DateFormat::shortDateTime(e.due)) : e.summary;
    case ItemIdRole:
        return e.itemId;
    case StateRole:
        return c.state.name;
    case DueRole:
        return e.due;
    case OverdueRole:
        return overdue;
    case ResponsibleRole:
        return e.responsible;
    default:
        return {};
    }
}

Qt::ItemFlags TaskBoardModel::flags(const QModelIndex &index) const
{
    if (!index.isValid()) {
        return Qt::NoItemFlags;
    }
    const Qt::ItemFlags base = Qt::ItemIsEnabled | Qt::ItemIsDropEnabled;
    return index.internalId() == ColumnRow ? base : base | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled;
}

QHash<int, QByteArray> TaskBoardModel::roleNames() const
{
    auto names = QAbstractItemModel::roleNames();
    names.insert(ItemIdRole, "itemId");
    names.insert(StateRole, "state");
    names.insert(DueRole, "due");
    names.insert(OverdueRole, "overdue");
    names.insert(ResponsibleRole, "responsible");
    return names;
}

QStringList TaskBoardModel::mimeTypes() const
{
    return {QString::fromLatin1(MimeType)};
}

QMimeData *TaskBoardModel::mimeData(const QModelIndexList &indexes) const
{
    for (const QModelIndex &i : indexes) {
        if (i.isValid() && i.internalId() != ColumnRow) {
            auto data = new QMimeData;
            data->setData(QString::fromLatin1(MimeType), QByteArray::number(i.data(ItemIdRole).toLongLong()));
            return data;
        }
    }
    return nullptr;
}

Qt::DropActions TaskBoardModel::supportedDropActions() const
{
    return Qt::MoveAction;
}

qint64 TaskBoardModel::draggedId(const QMimeData *data) const
{
    bool ok = false;
    const qint64 id = data ? data->data(QString::fromLatin1(MimeType)).toLongLong(&ok) : -1;
    return ok ? id : -1;
}

int TaskBoardModel::targetColumn(const QModelIndex &parent) const
{
    if (!parent.isValid()) {
        return -1;
    }
    return parent.internalId() == ColumnRow ? parent.row() : int(parent.internalId() - 1);
}

bool TaskBoardModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int, int, const QModelIndex &parent) const
{
    const int column = targetColumn(parent);
    const qint64 id = draggedId(data);
    return action == Qt::MoveAction && column >= 0 && id >= 0 && refusal(id, m_columns[column].state.name).isEmpty();
}

bool TaskBoardModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int, int, const QModelIndex &parent)
{
    const int column = targetColumn(parent);
    const qint64 id = draggedId(data);
    if (action != Qt::MoveAction || column < 0 || id < 0) {
        return false;
    }
    const QString to = m_columns[column].state.name;
    if (const QString why = refusal(id, to); !why.isEmpty()) {
        Q_EMIT moveRefused(why);
        return false;
    }
    // The row moves when the index hears of the stored move, not before:
    // the board never shows a move the store refused.
    Q_EMIT moveRequested(id, to);
    return true;
}

} // namespace Crm
