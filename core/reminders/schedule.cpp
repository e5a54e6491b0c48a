// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "schedule.h"

#include <QTimeZone>

namespace Crm::Reminders
{

namespace
{
QDateTime fromMs(qint64 ms)
{
    return ms == invalidMs ? QDateTime() : QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC);
}
} // namespace

QDateTime Schedule::cursor() const
{
    return fromMs(m_cursorMs);
}

QDateTime Schedule::storedCursor() const
{
    return fromMs(m_storedCursorMs);
}

void Schedule::setCursor(const QDateTime &cursor)
{
    const qint64 ms = cursor.isValid() ? cursor.toMSecsSinceEpoch() : invalidMs;
    const bool backwards = ms < m_cursorMs;
    m_cursorMs = ms;
    if (backwards) {
        // Reminders between the new and the old cursor may not have been
        // shown (the log says so): compute every item again from here.
        for (Slot &slot : m_slots) {
            reschedule(slot, floorMs());
        }
    }
}

void Schedule::setLookback(qint64 seconds)
{
    m_lookbackMs = seconds * 1000;
}

qint64 Schedule::floorMs() const
{
    return m_cursorMs == invalidMs ? invalidMs : m_cursorMs - m_lookbackMs;
}

void Schedule::unqueue(const Slot &slot)
{
    if (slot.hasDue) {
        m_queue.erase({slot.dueMs, slot.source.itemId});
    }
}

void Schedule::reschedule(Slot &slot, qint64 afterMs)
{
    unqueue(slot);
    // Before any cursor, "after" is the beginning of time.
    const QList<Reminder> next =
        slot.source.nextAfter(afterMs == invalidMs ? QDateTime::fromMSecsSinceEpoch(0, QTimeZone::UTC).addYears(-100) : fromMs(afterMs));
    slot.hasDue = !next.isEmpty();
    if (slot.hasDue) {
        slot.dueMs = next.constFirst().due.toMSecsSinceEpoch();
        m_queue.insert({slot.dueMs, slot.source.itemId});
    }
}

void Schedule::set(Source source)
{
    const qint64 id = source.itemId;
    auto it = m_slots.find(id);
    if (source.isEmpty()) {
        if (it != m_slots.end()) {
            unqueue(*it);
            m_slots.erase(it);
        }
        return;
    }
    if (it == m_slots.end()) {
        it = m_slots.insert(id, Slot{});
    }
    unqueue(*it);
    it->hasDue = false;
    it->source = std::move(source);
    reschedule(*it, floorMs());
}

void Schedule::remove(qint64 itemId)
{
    auto it = m_slots.find(itemId);
    if (it != m_slots.end()) {
        unqueue(*it);
        m_slots.erase(it);
    }
}

void Schedule::clear()
{
    // The cursor stays: it says what was handed out, whatever the items.
    m_slots.clear();
    m_queue.clear();
}

bool Schedule::contains(qint64 itemId) const
{
    return m_slots.contains(itemId);
}

const Source *Schedule::source(qint64 itemId) const
{
    auto it = m_slots.constFind(itemId);
    return it == m_slots.cend() ? nullptr : &it->source;
}

int Schedule::size() const
{
    return m_slots.size();
}

int Schedule::pending() const
{
    return int(m_queue.size());
}

QDateTime Schedule::nextDue() const
{
    return m_queue.empty() ? QDateTime() : fromMs(m_queue.begin()->first);
}

QList<Reminder> Schedule::takeDue(const QDateTime &now)
{
    QList<Reminder> out;
    const qint64 nowMs = now.toMSecsSinceEpoch();
    while (!m_queue.empty() && m_queue.begin()->first <= nowMs) {
        const auto [dueMs, id] = *m_queue.begin();
        Slot &slot = m_slots[id];
        if (m_cursorMs != invalidMs && dueMs <= floorMs()) {
            // Computed before the cursor moved (a schedule read from disk,
            // the catch-up window): handed out already or too old.
            reschedule(slot, floorMs());
            continue;
        }
        const QList<Reminder> due = slot.source.nextAfter(fromMs(dueMs - 1));
        for (const Reminder &r : due) {
            if (r.due.toMSecsSinceEpoch() == dueMs) {
                out.append(r);
            }
        }
        reschedule(slot, dueMs);
    }
    m_cursorMs = std::max(m_cursorMs, nowMs);
    return out;
}

QList<Reminder> Schedule::upcoming(const QDateTime &until, int limit) const
{
    QList<Reminder> out;
    const qint64 untilMs = until.toMSecsSinceEpoch();
    // Strictly after the cursor: what lies before it was handed out (the
    // lookback only guards late change notifications).
    const QDateTime from = m_cursorMs == invalidMs ? QDateTime() : fromMs(m_cursorMs);
    for (auto it = m_queue.begin(); it != m_queue.end() && it->first <= untilMs; ++it) {
        const Source &source = m_slots.value(it->second).source;
        // An item may remind several times before @p until (deadline soon,
        // then passed); a queued time before the cursor is a stale one.
        QDateTime after = from.isValid() ? from : fromMs(it->first - 1);
        for (int guard = 0; guard < 100; ++guard) {
            const QList<Reminder> next = source.nextAfter(after);
            if (next.isEmpty() || next.constFirst().due.toMSecsSinceEpoch() > untilMs) {
                break;
            }
            out += next;
            after = next.constFirst().due;
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const Reminder &a, const Reminder &b) {
        return a.due < b.due;
    });
    if (limit > 0 && out.size() > limit) {
        out.resize(limit);
    }
    return out;
}

void Schedule::write(QDataStream &out) const
{
    out << m_cursorMs << qint32(m_slots.size());
    for (const Slot &slot : m_slots) {
        out << slot.source << slot.hasDue << slot.dueMs;
    }
}

void Schedule::read(QDataStream &in)
{
    clear();
    qint32 n = 0;
    qint64 storedMs = invalidMs;
    in >> storedMs >> n;
    if (n < 0) {
        in.setStatus(QDataStream::ReadCorruptData);
        return;
    }
    m_slots.reserve(n);
    for (qint32 i = 0; i < n && in.status() == QDataStream::Ok; ++i) {
        Slot slot;
        in >> slot.source >> slot.hasDue >> slot.dueMs;
        const qint64 id = slot.source.itemId;
        if (slot.hasDue) {
            m_queue.insert({slot.dueMs, id});
        }
        m_slots.insert(id, std::move(slot));
    }
    // The cursor set before (the delivery log's watermark) wins over the
    // stored one, which is only as new as the last save: restoring it would
    // hand out again what fell due since. Stored due times lying before the
    // cursor move on lazily (takeDue); if the stored cursor is later (the
    // clock went back), every item is computed again from the cursor.
    m_storedCursorMs = storedMs;
    if (m_cursorMs == invalidMs) {
        m_cursorMs = storedMs;
    } else if (storedMs != invalidMs && storedMs > m_cursorMs) {
        for (Slot &slot : m_slots) {
            reschedule(slot, floorMs());
        }
    }
}

} // namespace Crm::Reminders
