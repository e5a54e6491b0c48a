// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "calendarindex.h"

#include <QTimeZone>

#include <limits>

namespace Crm
{

void CalendarIndex::insert(const CalendarEntry &entry)
{
    remove(entry.itemId);
    m_entries.insert(entry.itemId, entry);
    if (!entry.counterpartyUid.isEmpty()) {
        m_byCounterparty[entry.counterpartyUid].insert(entry.itemId);
    }
    if (!entry.uid.isEmpty()) {
        m_byUid[entry.uid].insert(entry.itemId);
    }
    if (entry.type == CalendarEntry::Type::Task && entry.due.isValid()) {
        m_tasksByDue.insert(entry.due.toMSecsSinceEpoch(), entry.itemId);
    }
    if (!entry.responsible.isEmpty()) {
        m_byResponsible[entry.responsible].insert(entry.itemId);
    }
}

void CalendarIndex::remove(qint64 itemId)
{
    const auto it = m_entries.constFind(itemId);
    if (it == m_entries.cend()) {
        return;
    }
    auto drop = [itemId](IdSets &sets, const QString &key) {
        const auto set = sets.find(key);
        if (set != sets.end()) {
            set->remove(itemId);
            if (set->isEmpty()) {
                sets.erase(set);
            }
        }
    };
    drop(m_byCounterparty, it->counterpartyUid);
    drop(m_byUid, it->uid);
    if (it->type == CalendarEntry::Type::Task && it->due.isValid()) {
        m_tasksByDue.remove(it->due.toMSecsSinceEpoch(), itemId);
    }
    drop(m_byResponsible, it->responsible);
    m_entries.erase(it);
}

void CalendarIndex::clear()
{
    m_entries.clear();
    m_byCounterparty.clear();
    m_byUid.clear();
    m_tasksByDue.clear();
    m_byResponsible.clear();
}

int CalendarIndex::size() const
{
    return m_entries.size();
}

bool CalendarIndex::contains(qint64 itemId) const
{
    return m_entries.contains(itemId);
}

const CalendarEntry *CalendarIndex::entry(qint64 itemId) const
{
    const auto it = m_entries.constFind(itemId);
    return it == m_entries.cend() ? nullptr : &*it;
}

QList<CalendarEntry> CalendarIndex::entries() const
{
    return m_entries.values();
}

QList<CalendarEntry> CalendarIndex::byCounterparty(const QString &counterpartyUid) const
{
    return collect(m_byCounterparty, counterpartyUid);
}

QList<CalendarEntry> CalendarIndex::ofType(CalendarEntry::Type type) const
{
    // A scan: a hash keyed by three types would make removals linear.
    QList<CalendarEntry> out;
    for (const CalendarEntry &e : m_entries) {
        if (e.type == type) {
            out << e;
        }
    }
    return out;
}

QList<CalendarEntry> CalendarIndex::collect(const IdSets &sets, const QString &key) const
{
    QList<CalendarEntry> out;
    const auto set = sets.constFind(key);
    if (set == sets.cend()) {
        return out;
    }
    out.reserve(set->size());
    for (const qint64 id : *set) {
        out << m_entries.value(id);
    }
    return out;
}

void CalendarIndex::visit(CalendarEntry::Type type, const std::function<void(const CalendarEntry &)> &visit) const
{
    for (const CalendarEntry &e : m_entries) {
        if (e.type == type) {
            visit(e);
        }
    }
}

void CalendarIndex::visitTasksDueBefore(qint64 msSinceEpoch, const std::function<void(const CalendarEntry &)> &visit) const
{
    for (auto it = m_tasksByDue.cbegin(); it != m_tasksByDue.cend() && it.key() < msSinceEpoch; ++it) {
        const auto entry = m_entries.constFind(it.value());
        if (entry != m_entries.cend()) {
            visit(*entry);
        }
    }
}

QList<CalendarEntry> CalendarIndex::byResponsible(const QString &email) const
{
    return collect(m_byResponsible, email);
}

QList<CalendarEntry> CalendarIndex::byUid(const QString &uid) const
{
    return collect(m_byUid, uid);
}

namespace
{
// Times are kept as milliseconds since the epoch and read back in UTC: a
// QDateTime streamed with its time zone costs a zone look-up each when read,
// and one in local time a conversion each time a query compares it.
qint64 toMs(const QDateTime &dt)
{
    return dt.isValid() ? dt.toMSecsSinceEpoch() : std::numeric_limits<qint64>::min();
}

QDateTime fromMs(qint64 ms)
{
    return ms == std::numeric_limits<qint64>::min() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC);
}
} // namespace

QDataStream &operator<<(QDataStream &out, const CalendarEntry &e)
{
    return out << e.itemId << quint8(e.type) << e.uid << e.summary << e.counterpartyUid << e.kind << e.state << quint8(e.status) << e.responsible << e.issuer
               << toMs(e.start) << toMs(e.due) << e.recurring << e.relatedTo;
}

QDataStream &operator>>(QDataStream &in, CalendarEntry &e)
{
    quint8 type = 0;
    quint8 status = 0;
    qint64 start = 0;
    qint64 due = 0;
    in >> e.itemId >> type >> e.uid >> e.summary >> e.counterpartyUid >> e.kind >> e.state >> status >> e.responsible >> e.issuer >> start >> due >> e.recurring
        >> e.relatedTo;
    e.start = fromMs(start);
    e.due = fromMs(due);
    if (type > quint8(CalendarEntry::Type::Other) || status > quint8(CycleState::Status::Cancelled)) {
        in.setStatus(QDataStream::ReadCorruptData);
    }
    e.type = CalendarEntry::Type(type);
    e.status = CycleState::Status(status);
    return in;
}

QDataStream &operator<<(QDataStream &out, const CalendarIndex &index)
{
    out << quint32(index.m_entries.size());
    for (const CalendarEntry &e : index.m_entries) {
        out << e;
    }
    return out;
}

QDataStream &operator>>(QDataStream &in, CalendarIndex &index)
{
    index.clear();
    quint32 count = 0;
    in >> count;
    for (quint32 i = 0; i < count && in.status() == QDataStream::Ok; ++i) {
        CalendarEntry e;
        in >> e;
        if (in.status() == QDataStream::Ok) {
            index.insert(e);
        }
    }
    return in;
}

} // namespace Crm
