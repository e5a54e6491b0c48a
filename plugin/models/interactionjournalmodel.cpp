// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "interactionjournalmodel.h"
#include "models/schemebrushes.h"

#include "crmplugin_debug.h"
#include "domain/clock.h"
#include "domain/dateformat.h"
#include "domain/directoryindex.h"
#include "domain/searchkeys.h"
#include "editors/editorutils.h"

#include <KLocalizedString>

#include <QHash>
#include <QIcon>
#include <QLocale>
#include <QTimer>

#include <algorithm>
#include <chrono>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

InteractionJournalModel::InteractionJournalModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_refreshTimer(new QTimer(this))
    , m_clockTimer(new QTimer(this))
{
    m_clockTimer->setSingleShot(true);
    connect(m_clockTimer, &QTimer::timeout, this, &InteractionJournalModel::clockChanged);
    // Well under the second a change made elsewhere may take to show.
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(100);
    connect(m_refreshTimer, &QTimer::timeout, this, &InteractionJournalModel::refresh);
}

InteractionJournalModel::~InteractionJournalModel() = default;

void InteractionJournalModel::setSources(const CalendarIndex *calendar, InteractionService *service, const DirectoryIndex *directory)
{
    m_calendar = calendar;
    m_service = service;
    m_directory = directory;
    refresh();
}

void InteractionJournalModel::setDirectory(const DirectoryIndex *directory)
{
    m_directory = directory;
    directoryChanged();
}

void InteractionJournalModel::setFilter(const Filter &filter)
{
    m_filter = filter;
    refresh();
}

InteractionJournalModel::Filter InteractionJournalModel::filter() const
{
    return m_filter;
}

bool InteractionJournalModel::isLoading() const
{
    return m_loading;
}

qint64 InteractionJournalModel::itemId(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].itemId : -1;
}

Interaction InteractionJournalModel::interaction(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].interaction : Interaction();
}

int InteractionJournalModel::rowOf(qint64 itemId) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows[row].itemId == itemId) {
            return row;
        }
    }
    return -1;
}

QString InteractionJournalModel::counterpartyName(const QString &uid) const
{
    if (uid.isEmpty()) {
        return {};
    }
    const std::optional<DirectoryEntry> entry = m_directory ? m_directory->firstByUid(uid) : std::nullopt;
    return entry ? entry->displayName : uid;
}

QString InteractionJournalModel::employeeName(const Participant &employee) const
{
    // crmctl stores the e-mail alone: the directory knows the name.
    if (employee.name.isEmpty() && m_directory && !employee.email.isEmpty()) {
        const auto found = m_directory->byEmail(SearchKeys::email(employee.email));
        for (const DirectoryEntry &e : found) {
            if (e.kind == DirectoryEntry::Kind::Employee) {
                return e.displayName;
            }
        }
    }
    return employee.name.isEmpty() ? employee.email : employee.name;
}

QList<CalendarEntry> InteractionJournalModel::candidates() const
{
    // The index narrows to a counterparty without a scan; the core's
    // select() (inside list()) does the rest.
    if (!m_filter.counterpartyUid.isEmpty()) {
        return m_calendar->byCounterparty(m_filter.counterpartyUid);
    }
    return m_calendar->ofType(CalendarEntry::Type::Interaction);
}

void InteractionJournalModel::scheduleRefresh()
{
    m_refreshTimer->start();
}

void InteractionJournalModel::refresh()
{
    m_refreshTimer->stop();
    const quint64 generation = ++m_generation;
    if (!m_calendar || !m_service) {
        m_loading = false;
        apply({});
        Q_EMIT loaded();
        return;
    }
    m_loading = true;
    m_service->list(candidates(), m_filter.interactions, [this, generation](const InteractionService::Listed &listed) {
        // A newer listing (another filter, a later change) is under way.
        if (generation != m_generation) {
            return;
        }
        m_loading = false;
        if (!listed.error.isEmpty()) {
            qCWarning(CRM_PLUGIN_LOG) << "cannot list the interactions:" << listed.error;
            Q_EMIT failed(listed.error);
            return;
        }
        apply(listed.interactions);
        scheduleClock();
        Q_EMIT loaded();
    });
}

void InteractionJournalModel::apply(const QList<InteractionService::Stored> &listed)
{
    // Both lists are in the core's order (newest first). Rows that left the
    // list or moved (another start) go first; the rows left are then in the
    // new order, so the new list is walked once, inserting what is missing
    // and updating what changed.
    QHash<qint64, qsizetype> positionOf;
    for (qsizetype at = 0; at < listed.size(); ++at) {
        positionOf.insert(listed[at].itemId, at);
    }
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        const auto it = positionOf.constFind(m_rows[row].itemId);
        if (it == positionOf.cend() || listed[*it].interaction.start != m_rows[row].interaction.start) {
            beginRemoveRows({}, row, row);
            m_rows.removeAt(row);
            endRemoveRows();
        }
    }
    // Should another program's edit have reordered rows some other way
    // (the index and the payload disagreeing for a moment), start over.
    for (int row = 1; row < m_rows.size(); ++row) {
        if (positionOf.value(m_rows[row - 1].itemId) >= positionOf.value(m_rows[row].itemId)) {
            beginResetModel();
            m_rows.clear();
            for (const InteractionService::Stored &s : listed) {
                m_rows << Row{s.itemId, s.interaction};
            }
            endResetModel();
            return;
        }
    }
    for (int row = 0; row < listed.size(); ++row) {
        const InteractionService::Stored &s = listed[row];
        if (row < m_rows.size() && m_rows[row].itemId == s.itemId) {
            if (!(m_rows[row].interaction == s.interaction)) {
                m_rows[row].interaction = s.interaction;
                Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
            }
            continue;
        }
        beginInsertRows({}, row, row);
        m_rows.insert(row, Row{s.itemId, s.interaction});
        endInsertRows();
    }
}

QDateTime InteractionJournalModel::nextStateChange() const
{
    const QDateTime now = Clock::now();
    QDateTime next;
    for (const Row &r : m_rows) {
        if (!r.interaction.cancelled && r.interaction.start > now && (!next.isValid() || r.interaction.start < next)) {
            next = r.interaction.start;
        }
    }
    return next;
}

void InteractionJournalModel::scheduleClock()
{
    m_clockTimer->stop();
    const QDateTime next = nextStateChange();
    if (!next.isValid()) {
        return;
    }
    // A day at most: a sleeping laptop's timers come late, the next listing sets it again.
    const qint64 ms = std::clamp<qint64>(Clock::now().msecsTo(next) + 1000, 0, qint64(24) * 3600 * 1000);
    m_clockTimer->start(std::chrono::milliseconds(ms));
}

void InteractionJournalModel::clockChanged()
{
    if (!m_rows.isEmpty()) {
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
    }
    // The held/planned filter is the core's, at the new "now".
    refresh();
}

void InteractionJournalModel::directoryChanged()
{
    if (!m_rows.isEmpty()) {
        Q_EMIT dataChanged(index(0, CounterpartyColumn), index(int(m_rows.size()) - 1, EmployeeColumn), {Qt::DisplayRole});
    }
}

int InteractionJournalModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int InteractionJournalModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

static QString stateLabel(Interaction::State state)
{
    switch (state) {
    case Interaction::State::Planned:
        return i18nc("@item interaction state", "Planned");
    case Interaction::State::Held:
        return i18nc("@item interaction state", "Held");
    case Interaction::State::Cancelled:
        return i18nc("@item interaction state", "Cancelled");
    }
    return {};
}

QVariant InteractionJournalModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row &r = m_rows[index.row()];
    const Interaction &i = r.interaction;
    const Interaction::State state = i.stateAt(Clock::now());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case StartColumn:
            return DateFormat::shortDateTime(i.start);
        case KindColumn:
            return EditorUtils::kindLabel(i.kind);
        case SubjectColumn:
            return i.subject;
        case CounterpartyColumn:
            return counterpartyName(i.counterpartyUid);
        case EmployeeColumn:
            return employeeName(i.employee);
        case StateColumn:
            return stateLabel(state);
        case ResultColumn:
            return i.result;
        case NextContactColumn:
            return i.nextContact.isValid() ? QLocale().toString(i.nextContact, QLocale::ShortFormat) : QString();
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == ResultColumn || index.column() == SubjectColumn) {
            return index.column() == ResultColumn ? i.result : i.subject;
        }
        return {};
    case Qt::DecorationRole:
        if (index.column() == StartColumn) {
            return QIcon::fromTheme(state == Interaction::State::Planned ? u"appointment-new"_s : u"view-calendar-journal"_s);
        }
        return {};
    case Qt::ForegroundRole:
        // Cancelled ones greyed, as KOrganizer shows cancelled incidences.
        if (state == Interaction::State::Cancelled) {
            return SchemeBrushes::foreground(KColorScheme::InactiveText, QPalette::Disabled);
        }
        return {};
    case ItemIdRole:
        return r.itemId;
    case StateRole:
        return int(state);
    case CounterpartyUidRole:
        return i.counterpartyUid;
    case StartRole:
        return i.start;
    }
    return {};
}

QVariant InteractionJournalModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case StartColumn:
        return i18nc("@title:column", "Start");
    case KindColumn:
        return i18nc("@title:column", "Kind");
    case SubjectColumn:
        return i18nc("@title:column", "Subject");
    case CounterpartyColumn:
        return i18nc("@title:column", "Counterparty");
    case EmployeeColumn:
        return i18nc("@title:column", "Employee");
    case StateColumn:
        return i18nc("@title:column", "State");
    case ResultColumn:
        return i18nc("@title:column", "Result");
    case NextContactColumn:
        return i18nc("@title:column", "Next Contact");
    }
    return {};
}

} // namespace Crm
