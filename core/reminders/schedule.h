// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmcore_export.h"
#include "reminders/reminderrules.h"

#include <QHash>

#include <set>

namespace Crm::Reminders
{

/// The incremental reminder schedule: per item its next due time, in a
/// time-ordered set. Setting or removing an item costs O(log n); taking
/// what is due touches only the items due, never all of them.
///
/// The cursor is the time up to which reminders were handed out: nothing
/// due at or before it is handed out again.
class KONTACTCRMCORE_EXPORT Schedule
{
public:
    QDateTime cursor() const;
    /// The cursor read() found in the file (how far it had handed out then).
    QDateTime storedCursor() const;
    /// Moves the cursor (forward at start, for the catch-up window). Items
    /// whose due time falls at or before it are moved on lazily.
    void setCursor(const QDateTime &cursor);

    /// How far before the cursor an item's reminders are still looked for
    /// when it is set: a change notification that arrives a moment after a
    /// tick must not lose a reminder that fell due in between (the delivery
    /// log keeps the ones shown from being shown twice). Default 0.
    void setLookback(qint64 seconds);

    /// Puts @p source in the schedule, replacing what its item had.
    void set(Source source);
    void remove(qint64 itemId);
    void clear();
    bool contains(qint64 itemId) const;
    const Source *source(qint64 itemId) const;
    int size() const;
    /// The number of items that have a next due time.
    int pending() const;

    /// The earliest due time, or invalid when nothing is scheduled.
    QDateTime nextDue() const;
    /// Every reminder due in (cursor, @p now], in time order; moves the
    /// cursor to @p now.
    QList<Reminder> takeDue(const QDateTime &now);
    /// The reminders still to be handed out up to @p until, in time order,
    /// at most @p limit: what the Kontact summary lists for today. Reads
    /// only; touches the items due by then, not all of them.
    QList<Reminder> upcoming(const QDateTime &until, int limit) const;

    void write(QDataStream &out) const;
    /// Reads the items; a cursor set before is kept (see schedule.cpp).
    void read(QDataStream &in);

private:
    struct Slot {
        Source source;
        qint64 dueMs = 0; ///< in m_queue when hasDue
        bool hasDue = false;
    };
    void reschedule(Slot &slot, qint64 afterMs);
    void unqueue(const Slot &slot);

    QHash<qint64, Slot> m_slots;
    std::set<std::pair<qint64, qint64>> m_queue; ///< (due ms, item id)
    qint64 floorMs() const;
    qint64 m_cursorMs = invalidMs;
    qint64 m_storedCursorMs = invalidMs;
    qint64 m_lookbackMs = 0;
};

} // namespace Crm::Reminders
