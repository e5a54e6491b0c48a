// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/calendarindex.h"
#include "services/eventservice.h"

#include <QAbstractTableModel>
#include <QPointer>

class QTimer;

namespace Crm
{
class DirectoryIndex;

/// The event occurrences of the Interactions page, in its period (and for
/// its counterparty), by start: expanded by the core (EventService, i.e.
/// KCalendarCore's recurrence), so they are the dates KOrganizer and phones
/// show. A listing replaces the rows only when they differ.
class EventOccurrenceModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        WhenColumn,
        SubjectColumn,
        CounterpartyColumn,
        ColumnCount
    };
    enum Roles {
        ItemIdRole = Qt::UserRole + 1,
    };
    explicit EventOccurrenceModel(QObject *parent = nullptr);

    void setSources(const CalendarIndex *calendar, EventService *service, const DirectoryIndex *directory);
    void setDirectory(const DirectoryIndex *directory);
    /// The period (both ends included) and the counterparty (empty: all).
    void setFilter(const QDateTime &from, const QDateTime &to, const QString &counterpartyUid);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

public Q_SLOTS:
    void refresh();
    /// Lists again a moment later: changes come in bursts (a sync, an import).
    void scheduleRefresh();

Q_SIGNALS:
    void loaded();
    void failed(const QString &error);

private:
    struct Row {
        EventService::Occurrence occurrence;
        QString counterpartyUid;
        bool operator==(const Row &other) const
        {
            return occurrence.itemId == other.occurrence.itemId && occurrence.start == other.occurrence.start && occurrence.allDay == other.occurrence.allDay
                && occurrence.subject == other.occurrence.subject && counterpartyUid == other.counterpartyUid;
        }
    };
    const CalendarIndex *m_calendar = nullptr;
    QPointer<EventService> m_service;
    const DirectoryIndex *m_directory = nullptr;
    QDateTime m_from;
    QDateTime m_to;
    QString m_counterpartyUid;
    QList<Row> m_rows;
    quint64 m_generation = 0;
    QTimer *m_refreshTimer;
};

} // namespace Crm
