// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "calendarindex.h"

#include "compactbytes.h"

#include <QTimeZone>

#include <limits>

namespace Crm
{

namespace
{
void addTo(QHash<QString, QSet<qint64>> &sets, const QString &key, qint64 id)
{
    if (!key.isEmpty()) {
        sets[key].insert(id);
    }
}

void dropFrom(QHash<QString, QSet<qint64>> &sets, const QString &key, qint64 id)
{
    const auto set = sets.find(key);
    if (set != sets.end()) {
        set->remove(id);
        if (set->isEmpty()) {
            sets.erase(set);
        }
    }
}

bool hasDue(const CalendarEntry &e)
{
    return e.type == CalendarEntry::Type::Task && e.due.isValid();
}
} // namespace

void CalendarIndex::insert(const CalendarEntry &entry)
{
    remove(entry.itemId);
    m_entries.insert(entry.itemId, entry);
    if (m_uidBuilt && !entry.uid.isEmpty()) {
        m_byUid.insert(entry.uid, entry.itemId);
    }
    if (m_byCounterparty.built) {
        addTo(m_byCounterparty.sets, entry.counterpartyUid, entry.itemId);
    }
    if (m_byResponsible.built) {
        addTo(m_byResponsible.sets, entry.responsible, entry.itemId);
    }
    if (m_dueBuilt && hasDue(entry)) {
        m_tasksByDue.insert(entry.due.toMSecsSinceEpoch(), entry.itemId);
    }
}

void CalendarIndex::remove(qint64 itemId)
{
    const auto it = m_entries.constFind(itemId);
    if (it == m_entries.cend()) {
        return;
    }
    if (m_uidBuilt) {
        m_byUid.remove(it->uid, itemId);
    }
    if (m_byCounterparty.built) {
        dropFrom(m_byCounterparty.sets, it->counterpartyUid, itemId);
    }
    if (m_byResponsible.built) {
        dropFrom(m_byResponsible.sets, it->responsible, itemId);
    }
    if (m_dueBuilt && hasDue(*it)) {
        m_tasksByDue.remove(it->due.toMSecsSinceEpoch(), itemId);
    }
    m_entries.erase(it);
}

void CalendarIndex::buildSecondary(Secondary &secondary, QString CalendarEntry::*key) const
{
    if (secondary.built) {
        return;
    }
    for (const CalendarEntry &e : m_entries) {
        addTo(secondary.sets, e.*key, e.itemId);
    }
    secondary.built = true;
}

void CalendarIndex::buildDue() const
{
    if (m_dueBuilt) {
        return;
    }
    for (const CalendarEntry &e : m_entries) {
        if (hasDue(e)) {
            m_tasksByDue.insert(e.due.toMSecsSinceEpoch(), e.itemId);
        }
    }
    m_dueBuilt = true;
}

void CalendarIndex::buildUid() const
{
    if (m_uidBuilt) {
        return;
    }
    m_byUid.reserve(m_entries.size());
    for (const CalendarEntry &e : m_entries) {
        if (!e.uid.isEmpty()) {
            m_byUid.insert(e.uid, e.itemId);
        }
    }
    m_uidBuilt = true;
}

void CalendarIndex::clear()
{
    m_entries.clear();
    m_byUid.clear();
    m_uidBuilt = false;
    m_byCounterparty = {};
    m_byResponsible = {};
    m_tasksByDue.clear();
    m_dueBuilt = false;
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
    buildSecondary(m_byCounterparty, &CalendarEntry::counterpartyUid);
    return collect(m_byCounterparty.sets, counterpartyUid);
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
    buildDue();
    for (auto it = m_tasksByDue.cbegin(); it != m_tasksByDue.cend() && it.key() < msSinceEpoch; ++it) {
        const auto entry = m_entries.constFind(it.value());
        if (entry != m_entries.cend()) {
            visit(*entry);
        }
    }
}

QList<CalendarEntry> CalendarIndex::byResponsible(const QString &email) const
{
    buildSecondary(m_byResponsible, &CalendarEntry::responsible);
    return collect(m_byResponsible.sets, email);
}

QList<CalendarEntry> CalendarIndex::byUid(const QString &uid) const
{
    buildUid();
    QList<CalendarEntry> out;
    for (auto it = m_byUid.constFind(uid); it != m_byUid.cend() && it.key() == uid; ++it) {
        out << m_entries.value(it.value());
    }
    return out;
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

QByteArray CalendarIndex::toCompact() const
{
    CompactWriter out;
    out.putU32(quint32(m_entries.size()));
    for (const CalendarEntry &e : m_entries) {
        out.putI64(e.itemId);
        out.putU8(quint8(e.type));
        out.putU8(quint8(e.status));
        out.putU8(e.recurring ? 1 : 0);
        for (const QString *s : {&e.uid, &e.summary, &e.counterpartyUid, &e.kind, &e.state, &e.responsible, &e.issuer, &e.relatedTo}) {
            out.putString(*s);
        }
        out.putI64(toMs(e.start));
        out.putI64(toMs(e.due));
    }
    return out.bytes();
}

bool CalendarIndex::fromCompact(QByteArrayView bytes)
{
    clear();
    CompactReader in(bytes);
    const quint32 count = in.u32();
    m_entries.reserve(qsizetype(qMin<quint32>(count, quint32(bytes.size() / 59)))); // an entry takes at least 59 bytes
    for (quint32 i = 0; i < count && in.ok(); ++i) {
        CalendarEntry e;
        e.itemId = in.i64();
        const quint8 type = in.u8();
        const quint8 status = in.u8();
        e.recurring = in.u8() != 0;
        for (QString *s : {&e.uid, &e.summary, &e.counterpartyUid, &e.kind, &e.state, &e.responsible, &e.issuer, &e.relatedTo}) {
            *s = in.string();
        }
        e.start = fromMs(in.i64());
        e.due = fromMs(in.i64());
        if (type > quint8(CalendarEntry::Type::Other) || status > quint8(CycleState::Status::Cancelled)) {
            break;
        }
        e.type = CalendarEntry::Type(type);
        e.status = CycleState::Status(status);
        if (in.ok()) {
            insert(e);
        }
    }
    if (!in.ok() || !in.atEnd() || m_entries.size() != qsizetype(count)) {
        clear();
        return false;
    }
    return true;
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
