// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "itemmembers.h"
#include "packedblock.h"

#include <QtEndian>

#include <algorithm>

namespace Crm
{

namespace
{
struct Row {
    qint64 id;
    ItemMembers::Member member;
};

void putRow(char *at, const Row &row)
{
    qToLittleEndian<qint64>(row.id, at);
    qToLittleEndian<qint64>(row.member.collection, at + 8);
    qToLittleEndian<quint32>(quint32(row.member.revision), at + 16);
}
} // namespace

qint64 ItemMembers::idAt(qsizetype record) const
{
    return qFromLittleEndian<qint64>(m_records.constData() + headerSize + record * recordSize);
}

ItemMembers::Member ItemMembers::memberAt(qsizetype record) const
{
    const char *at = m_records.constData() + headerSize + record * recordSize;
    return {qFromLittleEndian<qint64>(at + 8), int(qFromLittleEndian<quint32>(at + 16))};
}

bool ItemMembers::fromBytes(const QByteArray &bytes)
{
    clear();
    // As CompactWriter wrote them before: an empty string table, the count.
    if (bytes.size() < headerSize || qFromLittleEndian<quint32>(bytes.constData()) != 0) {
        return false;
    }
    const quint32 count = qFromLittleEndian<quint32>(bytes.constData() + 4);
    if (quint64(bytes.size()) != headerSize + quint64(count) * recordSize) {
        return false;
    }
    m_records = bytes;
    m_count = count;
    bool sorted = true;
    for (qsizetype r = 1; r < m_count && sorted; ++r) {
        sorted = idAt(r - 1) < idAt(r);
    }
    if (!sorted) {
        // An older file, written in a hash's order: sorted once, a later
        // record of one id replacing an earlier one.
        QList<Row> rows;
        rows.reserve(m_count);
        for (qsizetype r = 0; r < m_count; ++r) {
            rows.append({idAt(r), memberAt(r)});
        }
        std::stable_sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) {
            return a.id < b.id;
        });
        QByteArray records(headerSize, Qt::Uninitialized);
        records.reserve(headerSize + rows.size() * recordSize);
        qsizetype kept = 0;
        for (qsizetype i = 0; i < rows.size(); ++i) {
            if (i + 1 < rows.size() && rows.at(i + 1).id == rows.at(i).id) {
                continue;
            }
            records.resize(headerSize + (kept + 1) * recordSize);
            putRow(records.data() + headerSize + kept * recordSize, rows.at(i));
            ++kept;
        }
        qToLittleEndian<quint32>(0, records.data());
        qToLittleEndian<quint32>(quint32(kept), records.data() + 4);
        m_records = records;
        m_count = kept;
    }
    m_size = m_count;
    return true;
}

QByteArray ItemMembers::toBytes() const
{
    QList<Row> changed;
    changed.reserve(m_changes.size());
    for (auto it = m_changes.cbegin(); it != m_changes.cend(); ++it) {
        if (it.value()) {
            changed.append({it.key(), *it.value()});
        }
    }
    std::sort(changed.begin(), changed.end(), [](const Row &a, const Row &b) {
        return a.id < b.id;
    });
    QByteArray out(headerSize + m_size * recordSize, Qt::Uninitialized);
    qsizetype written = 0;
    auto put = [&](const Row &row) {
        putRow(out.data() + headerSize + written * recordSize, row);
        ++written;
    };
    qsizetype c = 0;
    for (qsizetype r = 0; r < m_count; ++r) {
        const qint64 id = idAt(r);
        for (; c < changed.size() && changed.at(c).id < id; ++c) {
            put(changed.at(c));
        }
        if (!m_changes.contains(id)) {
            put({id, memberAt(r)});
        }
    }
    for (; c < changed.size(); ++c) {
        put(changed.at(c));
    }
    Q_ASSERT(written == m_size);
    qToLittleEndian<quint32>(0, out.data());
    qToLittleEndian<quint32>(quint32(written), out.data() + 4);
    return out;
}

void ItemMembers::clear()
{
    m_records.clear();
    m_count = 0;
    m_changes.clear();
    m_size = 0;
}

qsizetype ItemMembers::size() const
{
    return m_size;
}

qsizetype ItemMembers::findRecord(qint64 itemId) const
{
    const qsizetype low = PackedBlock::firstNotBelow(quint32(m_count), [this, itemId](quint32 at) {
        return idAt(at) < itemId;
    });
    return low < m_count && idAt(low) == itemId ? low : -1;
}

std::optional<ItemMembers::Member> ItemMembers::find(qint64 itemId) const
{
    const auto changed = m_changes.constFind(itemId);
    if (changed != m_changes.cend()) {
        return changed.value();
    }
    const qsizetype record = findRecord(itemId);
    return record >= 0 ? std::optional(memberAt(record)) : std::nullopt;
}

bool ItemMembers::contains(qint64 itemId) const
{
    return find(itemId).has_value();
}

void ItemMembers::insert(qint64 itemId, Member member)
{
    m_size += contains(itemId) ? 0 : 1;
    m_changes.insert(itemId, member);
    mergeIfMany();
}

void ItemMembers::remove(qint64 itemId)
{
    if (!contains(itemId)) {
        return;
    }
    --m_size;
    if (findRecord(itemId) >= 0) {
        m_changes.insert(itemId, std::nullopt);
    } else {
        m_changes.remove(itemId);
    }
    mergeIfMany();
}

void ItemMembers::mergeIfMany()
{
    constexpr qsizetype fewest = 4096;
    if (m_changes.size() < std::max<qsizetype>(fewest, m_count / 8)) {
        return;
    }
    m_records = toBytes();
    m_count = m_size;
    m_changes.clear();
}

template<typename Visit>
void ItemMembers::forEach(Visit visit) const
{
    for (qsizetype r = 0; r < m_count; ++r) {
        const qint64 id = idAt(r);
        if (!m_changes.contains(id)) {
            visit(id, memberAt(r));
        }
    }
    for (auto it = m_changes.cbegin(); it != m_changes.cend(); ++it) {
        if (it.value()) {
            visit(it.key(), *it.value());
        }
    }
}

QList<qint64> ItemMembers::idsIn(qint64 collection) const
{
    QList<qint64> ids;
    forEach([&](qint64 id, const Member &m) {
        if (m.collection == collection) {
            ids.append(id);
        }
    });
    return ids;
}

int ItemMembers::countIn(qint64 collection) const
{
    int n = 0;
    forEach([&](qint64, const Member &m) {
        n += m.collection == collection;
    });
    return n;
}

} // namespace Crm
