// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/crmevent.h"
#include "kontactcrmcore_export.h"
#include "storage/itemstorage.h"

#include <KCalendarCore/Event>

#include <QObject>

#include <functional>
#include <optional>

namespace Crm
{

/// Events (one-off or recurring, optionally about a counterparty) for
/// crmctl, the plugin and the agents: the one place where an event's RRULE,
/// RDATEs and EXDATEs become its iCalendar recurrence (checked before
/// anything is stored), cancelling, and expanding occurrences. Works on an
/// ItemStorage, so it never waits: each call reports once to its callback.
class KONTACTCRMCORE_EXPORT EventService : public QObject
{
    Q_OBJECT
public:
    EventService(ItemStorage &storage, const Akonadi::Collection &calendar, QObject *parent = nullptr);

    struct Stored {
        qint64 itemId = -1;
        CrmEvent event;
        QList<QDateTime> nextOccurrences; ///< the first few, from its start on
    };
    struct Outcome {
        std::optional<Stored> stored; ///< set when it worked
        QString error; ///< why not
    };
    using Done = std::function<void(const Outcome &)>;

    /// Stores a new event; a rule that is not iCalendar or that cannot be
    /// expanded safely (see build) stores nothing.
    void add(const CrmEvent &event, const Done &done);
    /// Marks the event cancelled (STATUS:CANCELLED, as KOrganizer does): the
    /// record is kept, and none of its occurrences are listed any more.
    void cancel(qint64 itemId, const Done &done);

    struct Occurrence {
        qint64 itemId = -1;
        QDateTime start;
        bool allDay = false;
        QString subject;
    };
    struct OccurrenceList {
        QList<Occurrence> occurrences; ///< by start, then item id
        QList<qint64> truncated; ///< events with more occurrences than listed
        QString error;
    };
    /// The occurrences in [@p from, @p to] of the events @p itemIds.
    void occurrences(const QList<qint64> &itemIds, const QDateTime &from, const QDateTime &to, const std::function<void(const OccurrenceList &)> &done);

    /// The event as a VEVENT with its recurrence applied, or nullptr and why
    /// in @p error (a rule that is not iCalendar, ends before it starts, or
    /// repeats too often: Occurrences::problem). For views that check before they ask.
    static KCalendarCore::Event::Ptr build(const CrmEvent &event, QString *error);
    /// The occurrences of @p items (events, with payload) in [@p from, @p to],
    /// at most @p limit per event; cancelled events have none.
    static OccurrenceList expand(const Akonadi::Item::List &items, const QDateTime &from, const QDateTime &to, int limit);

    /// How many occurrences Stored::nextOccurrences holds.
    static constexpr int nextCount = 5;

private:
    ItemStorage &m_storage;
    Akonadi::Collection m_calendar;
};

} // namespace Crm
