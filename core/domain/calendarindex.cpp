// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "calendarindex.h"

#include "mappedfile.h"

#include <QTimeZone>

#include <algorithm>
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

void CalendarChanges::insert(const CalendarEntry &entry)
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

void CalendarChanges::remove(qint64 itemId)
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

void CalendarChanges::buildSecondary(Secondary &secondary, QString CalendarEntry::*key) const
{
    if (secondary.built) {
        return;
    }
    for (const CalendarEntry &e : m_entries) {
        addTo(secondary.sets, e.*key, e.itemId);
    }
    secondary.built = true;
}

const QMultiMap<qint64, qint64> &CalendarChanges::tasksByDue() const
{
    if (!m_dueBuilt) {
        for (const CalendarEntry &e : m_entries) {
            if (hasDue(e)) {
                m_tasksByDue.insert(e.due.toMSecsSinceEpoch(), e.itemId);
            }
        }
        m_dueBuilt = true;
    }
    return m_tasksByDue;
}

void CalendarChanges::clear()
{
    *this = {};
}

int CalendarChanges::size() const
{
    return m_entries.size();
}

const CalendarEntry *CalendarChanges::entry(qint64 itemId) const
{
    const auto it = m_entries.constFind(itemId);
    return it == m_entries.cend() ? nullptr : &*it;
}

const QHash<qint64, CalendarEntry> &CalendarChanges::all() const
{
    return m_entries;
}

QList<CalendarEntry> CalendarChanges::byCounterparty(const QString &counterpartyUid, const CalendarFilter &filter) const
{
    buildSecondary(m_byCounterparty, &CalendarEntry::counterpartyUid);
    return collect(m_byCounterparty.sets, counterpartyUid, filter);
}

QList<CalendarEntry> CalendarChanges::byResponsible(const QString &email, const CalendarFilter &filter) const
{
    buildSecondary(m_byResponsible, &CalendarEntry::responsible);
    return collect(m_byResponsible.sets, email, filter);
}

QList<CalendarEntry> CalendarChanges::collect(const IdSets &sets, const QString &key, const CalendarFilter &filter) const
{
    QList<CalendarEntry> out;
    const auto set = sets.constFind(key);
    if (set == sets.cend()) {
        return out;
    }
    for (const qint64 id : *set) {
        const CalendarEntry &e = *m_entries.constFind(id);
        if (filter.accepts(e.type, e.status)) {
            out << e;
        }
    }
    return out;
}

QList<CalendarEntry> CalendarChanges::byUid(const QString &uid) const
{
    if (!m_uidBuilt) {
        m_byUid.reserve(m_entries.size());
        for (const CalendarEntry &e : m_entries) {
            if (!e.uid.isEmpty()) {
                m_byUid.insert(e.uid, e.itemId);
            }
        }
        m_uidBuilt = true;
    }
    QList<CalendarEntry> out;
    for (auto it = m_byUid.constFind(uid); it != m_byUid.cend() && it.key() == uid; ++it) {
        out << m_entries.value(it.value());
    }
    return out;
}

void CalendarIndex::insert(const CalendarEntry &entry)
{
    if (m_packed.find(entry.itemId) >= 0) {
        m_hidden.insert(entry.itemId);
    }
    m_changes.insert(entry);
}

void CalendarIndex::remove(qint64 itemId)
{
    m_changes.remove(itemId);
    if (m_packed.find(itemId) >= 0) {
        m_hidden.insert(itemId);
    }
}

void CalendarIndex::clear()
{
    m_packed = {};
    m_hidden.clear();
    m_changes.clear();
}

int CalendarIndex::size() const
{
    return m_packed.size() - int(m_hidden.size()) + m_changes.size();
}

int CalendarIndex::heldApart() const
{
    return m_changes.size();
}

bool CalendarIndex::packedCurrent(int record) const
{
    return m_hidden.isEmpty() || !m_hidden.contains(m_packed.itemIdAt(record));
}

bool CalendarIndex::contains(qint64 itemId) const
{
    if (m_changes.entry(itemId)) {
        return true;
    }
    const int record = m_packed.find(itemId);
    return record >= 0 && packedCurrent(record);
}

std::optional<CalendarEntry> CalendarIndex::entry(qint64 itemId) const
{
    if (const CalendarEntry *changed = m_changes.entry(itemId)) {
        return *changed;
    }
    const int record = m_packed.find(itemId);
    if (record < 0 || !packedCurrent(record)) {
        return std::nullopt;
    }
    return m_packed.entryAt(record);
}

QList<CalendarEntry> CalendarIndex::entries() const
{
    QList<CalendarEntry> out;
    out.reserve(size());
    visit({}, [&out](const CalendarEntry &e) {
        out << e;
    });
    return out;
}

QList<CalendarEntry> CalendarIndex::packedBy(PackedCalendar::Lookup lookup, const QString &key, const CalendarFilter &filter) const
{
    QList<CalendarEntry> out;
    if (key.isEmpty() || m_packed.size() == 0) {
        return out;
    }
    const QList<int> records = m_packed.records(lookup, key.toUtf8());
    for (const int record : records) {
        if (filter.accepts(m_packed.typeAt(record), m_packed.statusAt(record)) && packedCurrent(record)) {
            out << m_packed.entryAt(record);
        }
    }
    return out;
}

QList<CalendarEntry> CalendarIndex::byCounterparty(const QString &counterpartyUid, const CalendarFilter &filter) const
{
    return packedBy(PackedCalendar::Lookup::Counterparty, counterpartyUid, filter) + m_changes.byCounterparty(counterpartyUid, filter);
}

QList<CalendarEntry> CalendarIndex::byResponsible(const QString &email, const CalendarFilter &filter) const
{
    return packedBy(PackedCalendar::Lookup::Responsible, email, filter) + m_changes.byResponsible(email, filter);
}

QList<CalendarEntry> CalendarIndex::byUid(const QString &uid) const
{
    return packedBy(PackedCalendar::Lookup::Uid, uid, {}) + m_changes.byUid(uid);
}

QList<CalendarEntry> CalendarIndex::ofType(CalendarEntry::Type type) const
{
    QList<CalendarEntry> out;
    visit({type}, [&out](const CalendarEntry &e) {
        out << e;
    });
    return out;
}

void CalendarIndex::visit(const CalendarFilter &filter, const std::function<void(const CalendarEntry &)> &visit) const
{
    // A scan; a packed record is made an entry only when the filter takes it.
    for (int r = 0; r < m_packed.size(); ++r) {
        if (filter.accepts(m_packed.typeAt(r), m_packed.statusAt(r)) && packedCurrent(r)) {
            visit(m_packed.entryAt(r));
        }
    }
    for (const CalendarEntry &e : m_changes.all()) {
        if (filter.accepts(e.type, e.status)) {
            visit(e);
        }
    }
}

void CalendarIndex::visitTasksDueBefore(qint64 msSinceEpoch, const CalendarFilter &filter, const std::function<void(const CalendarEntry &)> &visit) const
{
    // Both in deadline order, merged: the packed table and the changes' map.
    const QMultiMap<qint64, qint64> &changed = m_changes.tasksByDue();
    auto next = changed.cbegin();
    auto visitChangedBefore = [&](qint64 limit, qint64 limitId) {
        for (; next != changed.cend() && (next.key() < limit || (next.key() == limit && next.value() < limitId)); ++next) {
            const CalendarEntry *e = m_changes.entry(next.value());
            if (e && filter.accepts(e->type, e->status)) {
                visit(*e);
            }
        }
    };
    for (int i = 0; i < m_packed.dueCount(); ++i) {
        const int record = m_packed.dueRecordAt(i);
        const qint64 due = m_packed.dueAt(record);
        if (due >= msSinceEpoch) {
            break;
        }
        visitChangedBefore(due, m_packed.itemIdAt(record));
        if (filter.accepts(m_packed.typeAt(record), m_packed.statusAt(record)) && packedCurrent(record)) {
            visit(m_packed.entryAt(record));
        }
    }
    visitChangedBefore(msSinceEpoch, std::numeric_limits<qint64>::min());
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
    if (m_changes.size() == 0 && m_hidden.isEmpty() && m_packed.size() > 0) {
        return m_packed.bytes();
    }
    // The packed records still current and the changes, merged by item id.
    QList<qint64> changedIds = m_changes.all().keys();
    std::sort(changedIds.begin(), changedIds.end());
    QList<std::pair<qint64, int>> order; // (item id, packed record or -1)
    order.reserve(size());
    auto changed = changedIds.cbegin();
    for (int r = 0; r < m_packed.size(); ++r) {
        if (!packedCurrent(r)) {
            continue;
        }
        const qint64 id = m_packed.itemIdAt(r);
        for (; changed != changedIds.cend() && *changed < id; ++changed) {
            order.append({*changed, -1});
        }
        order.append({id, r});
    }
    for (; changed != changedIds.cend(); ++changed) {
        order.append({*changed, -1});
    }
    return PackedCalendar::pack(order.size(), [&](qsizetype i) {
        const auto [id, record] = order.at(i);
        return record >= 0 ? m_packed.entryAt(record) : *m_changes.entry(id);
    });
}

bool CalendarIndex::fromCompact(const QByteArray &bytes)
{
    clear();
    return m_packed.open(bytes);
}

bool CalendarIndex::fromCompact(std::shared_ptr<const MappedFile> file, QByteArrayView block, PackedBlockChecks checks)
{
    clear();
    return m_packed.open(std::move(file), block, checks);
}

QDataStream &operator<<(QDataStream &out, const CalendarIndex &index)
{
    out << quint32(index.size());
    index.visit({}, [&out](const CalendarEntry &e) {
        out << e;
    });
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
