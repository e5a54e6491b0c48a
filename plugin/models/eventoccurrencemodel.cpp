// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "eventoccurrencemodel.h"

#include "crmplugin_debug.h"
#include "domain/dateformat.h"
#include "domain/directoryindex.h"

#include <KLocalizedString>

#include <QIcon>
#include <QLocale>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

EventOccurrenceModel::EventOccurrenceModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_refreshTimer(new QTimer(this))
{
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(100);
    connect(m_refreshTimer, &QTimer::timeout, this, &EventOccurrenceModel::refresh);
}

void EventOccurrenceModel::scheduleRefresh()
{
    m_refreshTimer->start();
}

void EventOccurrenceModel::setSources(const CalendarIndex *calendar, EventService *service, const DirectoryIndex *directory)
{
    m_calendar = calendar;
    m_service = service;
    m_directory = directory;
    refresh();
}

void EventOccurrenceModel::setDirectory(const DirectoryIndex *directory)
{
    m_directory = directory;
    if (!m_rows.isEmpty()) {
        Q_EMIT dataChanged(index(0, CounterpartyColumn), index(int(m_rows.size()) - 1, CounterpartyColumn), {Qt::DisplayRole});
    }
}

void EventOccurrenceModel::setFilter(const QDateTime &from, const QDateTime &to, const QString &counterpartyUid)
{
    m_from = from;
    m_to = to;
    m_counterpartyUid = counterpartyUid;
    refresh();
}

void EventOccurrenceModel::refresh()
{
    m_refreshTimer->stop();
    const quint64 generation = ++m_generation;
    if (!m_calendar || !m_service || !m_from.isValid() || !m_to.isValid()) {
        return;
    }
    QList<qint64> ids;
    QHash<qint64, QString> counterparties;
    const auto entries = m_counterpartyUid.isEmpty() ? m_calendar->ofType(CalendarEntry::Type::Event) : m_calendar->byCounterparty(m_counterpartyUid);
    for (const CalendarEntry &e : entries) {
        if (e.type == CalendarEntry::Type::Event) {
            ids << e.itemId;
            counterparties.insert(e.itemId, e.counterpartyUid);
        }
    }
    m_service->occurrences(ids, m_from, m_to, [this, generation, counterparties](const EventService::OccurrenceList &list) {
        if (generation != m_generation) {
            return;
        }
        if (!list.error.isEmpty()) {
            qCWarning(CRM_PLUGIN_LOG) << "cannot list the events:" << list.error;
            Q_EMIT failed(list.error);
            return;
        }
        QList<Row> rows;
        for (const EventService::Occurrence &o : list.occurrences) {
            rows << Row{o, counterparties.value(o.itemId)};
        }
        if (rows.size() == m_rows.size() && rows == m_rows) {
            Q_EMIT loaded();
            return;
        }
        // Occurrences shift together when a rule changes: one reset, and only then.
        beginResetModel();
        m_rows = rows;
        endResetModel();
        Q_EMIT loaded();
    });
}

int EventOccurrenceModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EventOccurrenceModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventOccurrenceModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row &r = m_rows[index.row()];
    if (role == ItemIdRole) {
        return r.occurrence.itemId;
    }
    if (role == Qt::DecorationRole && index.column() == WhenColumn) {
        return QIcon::fromTheme(u"view-calendar-upcoming-events"_s);
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (index.column()) {
    case WhenColumn:
        return r.occurrence.allDay ? QLocale().toString(r.occurrence.start.date(), QLocale::ShortFormat) : DateFormat::shortDateTime(r.occurrence.start);
    case SubjectColumn:
        return r.occurrence.subject;
    case CounterpartyColumn: {
        const std::optional<DirectoryEntry> entry = m_directory && !r.counterpartyUid.isEmpty() ? m_directory->firstByUid(r.counterpartyUid) : std::nullopt;
        return entry ? entry->displayName : r.counterpartyUid;
    }
    }
    return {};
}

QVariant EventOccurrenceModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case WhenColumn:
        return i18nc("@title:column", "When");
    case SubjectColumn:
        return i18nc("@title:column", "Event");
    case CounterpartyColumn:
        return i18nc("@title:column", "Counterparty");
    }
    return {};
}

} // namespace Crm
