// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "packedcalendar.h"

#include "mappedfile.h"

#include <QHash>
#include <QTimeZone>
#include <QtEndian>

#include <algorithm>
#include <limits>
#include <numeric>

namespace Crm
{

// The block, little-endian throughout:
//   header    u32 count, u32 text size, u32 row count of each table × 4
//   records   count × 92 bytes, by item id: i64 item id, i64 start and i64 due
//             (ms since the epoch; i64 minimum: none), u8 type, u8 status,
//             u8 recurring, u8 0, then (u32 offset, u32 length) into the text
//             for uid, summary, counterparty uid, kind, state, responsible,
//             issuer and related-to
//   text      UTF-8; the strings that repeat (counterparty, kind, state,
//             responsible, issuer) each once
//   tables    counterparty, responsible, UID: u32 record numbers of the
//             records with that key, sorted by key, then by item id; then
//             the tasks with a deadline, sorted by deadline, then by item id
namespace
{
constexpr int tableCount = PackedCalendar::LookupCount + 1;
constexpr qsizetype headerSize = 4 * (2 + tableCount);
constexpr qsizetype recordSize = 92;
constexpr qsizetype startOffset = 8;
constexpr qsizetype dueOffset = 16;
constexpr qsizetype typeOffset = 24;
constexpr qsizetype statusOffset = 25;
constexpr qsizetype recurringOffset = 26;
enum Field {
    Uid,
    Summary,
    CounterpartyUid,
    Kind,
    State,
    Responsible,
    Issuer,
    RelatedTo,
    FieldCount,
};
constexpr qsizetype fieldAt(int field)
{
    return 28 + 8 * field;
}
constexpr qint64 noTime = std::numeric_limits<qint64>::min();
constexpr int lookupField(PackedCalendar::Lookup lookup)
{
    switch (lookup) {
    case PackedCalendar::Lookup::Counterparty:
        return CounterpartyUid;
    case PackedCalendar::Lookup::Responsible:
        return Responsible;
    case PackedCalendar::Lookup::Uid:
        break;
    }
    return Uid;
}

qint64 toMs(const QDateTime &dt)
{
    return dt.isValid() ? dt.toMSecsSinceEpoch() : noTime;
}

QDateTime fromMs(qint64 ms)
{
    return ms == noTime ? QDateTime() : QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC);
}

template<typename T>
void put(QByteArray &out, T value)
{
    char bytes[sizeof(T)];
    qToLittleEndian(value, bytes);
    out.append(bytes, sizeof(T));
}

/// Builds the block's records and text, the strings that repeat once each.
class Packer
{
public:
    explicit Packer(qsizetype count)
    {
        m_records.reserve(count * recordSize);
    }

    void add(const CalendarEntry &e)
    {
        put<qint64>(m_records, e.itemId);
        put<qint64>(m_records, toMs(e.start));
        put<qint64>(m_records, toMs(e.due));
        m_records.append(char(e.type));
        m_records.append(char(e.status));
        m_records.append(char(e.recurring ? 1 : 0));
        m_records.append(char(0));
        for (int f = 0; f < FieldCount; ++f) {
            const QString &s = field(e, f);
            const bool repeats = f == CounterpartyUid || f == Kind || f == State || f == Responsible || f == Issuer;
            const auto [offset, length] = repeats ? shared(s) : append(s);
            put<quint32>(m_records, offset);
            put<quint32>(m_records, length);
        }
        const int record = m_count++;
        if (!e.counterpartyUid.isEmpty()) {
            m_byCounterparty.append({rankOf(e.counterpartyUid), record});
        }
        if (!e.responsible.isEmpty()) {
            m_byResponsible.append({rankOf(e.responsible), record});
        }
        if (!e.uid.isEmpty()) {
            m_byUid.append(quint32(record));
        }
        if (e.type == CalendarEntry::Type::Task && e.due.isValid()) {
            m_byDue.append({e.due.toMSecsSinceEpoch(), record});
        }
    }

    QByteArray finish()
    {
        // The shared strings were numbered as met; their order by UTF-8
        // bytes (what a lookup's binary search compares) is worked out once
        // for the few thousand of them, not per record.
        QList<qsizetype> order(m_sharedStrings.size());
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(), [this](qsizetype a, qsizetype b) {
            return m_sharedStrings.at(a) < m_sharedStrings.at(b);
        });
        QList<int> rank(order.size());
        for (qsizetype i = 0; i < order.size(); ++i) {
            rank[order.at(i)] = int(i);
        }
        const auto sortedRecords = [&rank](QList<std::pair<int, int>> &rows) {
            for (auto &row : rows) {
                row.first = rank.at(row.first);
            }
            std::sort(rows.begin(), rows.end());
            QList<quint32> records;
            records.reserve(rows.size());
            for (const auto &row : rows) {
                records.append(quint32(row.second));
            }
            rows = {};
            return records;
        };
        const QList<quint32> byCounterparty = sortedRecords(m_byCounterparty);
        const QList<quint32> byResponsible = sortedRecords(m_byResponsible);
        std::stable_sort(m_byUid.begin(), m_byUid.end(), [this](quint32 a, quint32 b) {
            return textOf(a, Uid).compare(textOf(b, Uid)) < 0;
        });
        std::sort(m_byDue.begin(), m_byDue.end());
        QList<quint32> byDue;
        byDue.reserve(m_byDue.size());
        for (const auto &row : std::as_const(m_byDue)) {
            byDue.append(quint32(row.second));
        }

        QByteArray block;
        const QList<quint32> *tables[tableCount] = {&byCounterparty, &byResponsible, &m_byUid, &byDue};
        qsizetype size = headerSize + m_records.size() + m_text.size();
        for (const auto *table : tables) {
            size += table->size() * 4;
        }
        block.reserve(size);
        put<quint32>(block, quint32(m_count));
        put<quint32>(block, quint32(m_text.size()));
        for (const auto *table : tables) {
            put<quint32>(block, quint32(table->size()));
        }
        block.append(m_records);
        m_records = {};
        block.append(m_text);
        m_text = {};
        for (const auto *table : tables) {
            for (const quint32 record : *table) {
                put<quint32>(block, record);
            }
        }
        return block;
    }

private:
    static const QString &field(const CalendarEntry &e, int f)
    {
        switch (Field(f)) {
        case Uid:
            return e.uid;
        case Summary:
            return e.summary;
        case CounterpartyUid:
            return e.counterpartyUid;
        case Kind:
            return e.kind;
        case State:
            return e.state;
        case Responsible:
            return e.responsible;
        case Issuer:
            return e.issuer;
        case RelatedTo:
        case FieldCount:
            break;
        }
        return e.relatedTo;
    }

    std::pair<quint32, quint32> append(const QString &s)
    {
        const QByteArray utf8 = s.toUtf8();
        const auto at = std::make_pair(quint32(m_text.size()), quint32(utf8.size()));
        m_text.append(utf8);
        return at;
    }

    std::pair<quint32, quint32> shared(const QString &s)
    {
        if (s.isEmpty()) {
            return {0, 0};
        }
        const auto it = m_shared.constFind(s);
        if (it != m_shared.cend()) {
            return it->text;
        }
        const auto text = append(s);
        m_shared.insert(s, {text, int(m_sharedStrings.size())});
        m_sharedStrings.append(QByteArrayView(m_text).sliced(text.first, text.second).toByteArray());
        return text;
    }

    int rankOf(const QString &s) const
    {
        return m_shared.value(s).number;
    }

    QByteArrayView textOf(quint32 record, int f) const
    {
        const qsizetype at = qsizetype(record) * recordSize + fieldAt(f);
        return QByteArrayView(m_text).sliced(qFromLittleEndian<quint32>(m_records.constData() + at),
                                             qFromLittleEndian<quint32>(m_records.constData() + at + 4));
    }

    struct Shared {
        std::pair<quint32, quint32> text;
        int number = 0;
    };
    QByteArray m_records;
    QByteArray m_text;
    QHash<QString, Shared> m_shared;
    QList<QByteArray> m_sharedStrings; ///< by number
    int m_count = 0;
    QList<std::pair<int, int>> m_byCounterparty; ///< (string number, record)
    QList<std::pair<int, int>> m_byResponsible;
    QList<quint32> m_byUid;
    QList<std::pair<qint64, int>> m_byDue; ///< (deadline, record)
};
} // namespace

QByteArray PackedCalendar::pack(qsizetype count, const std::function<CalendarEntry(qsizetype i)> &entryAt)
{
    Packer packer(count);
    for (qsizetype i = 0; i < count; ++i) {
        packer.add(entryAt(i));
    }
    return packer.finish();
}

bool PackedCalendar::open(const QByteArray &bytes)
{
    *this = {};
    m_block = PackedBlock(bytes, 0, bytes.size());
    return check(Checks::Everything);
}

bool PackedCalendar::open(std::shared_ptr<const MappedFile> file, QByteArrayView block, Checks checks)
{
    *this = {};
    m_block = PackedBlock(std::move(file), block);
    return check(checks);
}

bool PackedCalendar::check(Checks checks)
{
    const qsizetype size = m_block.size();
    if (size < headerSize) {
        *this = {};
        return false;
    }
    const auto u32 = [this](qsizetype at) {
        return m_block.u32(at);
    };
    const auto i64 = [this](qsizetype at) {
        return m_block.i64(at);
    };
    const quint64 count = u32(0);
    m_textSize = u32(4);
    quint64 total = headerSize + count * recordSize + m_textSize;
    for (int t = 0; t < tableCount; ++t) {
        m_tableCounts[t] = u32(8 + 4 * t);
        total += quint64(m_tableCounts[t]) * 4;
    }
    if (total != quint64(size) || count > quint64(std::numeric_limits<int>::max())) {
        *this = {};
        return false;
    }
    m_count = int(count);
    m_text = headerSize + qsizetype(count) * recordSize;
    qsizetype at = m_text + qsizetype(m_textSize);
    for (int t = 0; t < tableCount; ++t) {
        m_tables[t] = at;
        at += qsizetype(m_tableCounts[t]) * 4;
    }
    if (checks == Checks::SizesOnly) {
        return true;
    }

    // Every reference is checked once here, so that reads need no checks.
    bool ok = true;
    for (int r = 0; r < m_count && ok; ++r) {
        const qsizetype rec = headerSize + qsizetype(r) * recordSize;
        ok = (r == 0 || i64(rec) > i64(rec - recordSize)) && quint8(m_block.data()[rec + typeOffset]) <= quint8(CalendarEntry::Type::Other)
            && quint8(m_block.data()[rec + statusOffset]) <= quint8(CycleState::Status::Cancelled);
        for (int f = 0; f < FieldCount && ok; ++f) {
            ok = quint64(u32(rec + fieldAt(f))) + u32(rec + fieldAt(f) + 4) <= m_textSize;
        }
    }
    for (int t = 0; t < tableCount && ok; ++t) {
        for (quint32 i = 0; i < m_tableCounts[t] && ok; ++i) {
            ok = u32(m_tables[t] + qsizetype(i) * 4) < count;
        }
    }
    if (!ok) {
        *this = {};
    }
    return ok;
}

QByteArray PackedCalendar::bytes() const
{
    return m_block.bytes();
}

int PackedCalendar::size() const
{
    return m_count;
}

int PackedCalendar::find(qint64 itemId) const
{
    const auto low = int(PackedBlock::firstNotBelow(quint32(m_count), [this, itemId](quint32 r) {
        return itemIdAt(int(r)) < itemId;
    }));
    return low < m_count && itemIdAt(low) == itemId ? low : -1;
}

qint64 PackedCalendar::itemIdAt(int record) const
{
    return m_block.i64(headerSize + qsizetype(record) * recordSize);
}

CalendarEntry::Type PackedCalendar::typeAt(int record) const
{
    return CalendarEntry::Type(m_block.data()[headerSize + qsizetype(record) * recordSize + typeOffset]);
}

CycleState::Status PackedCalendar::statusAt(int record) const
{
    return CycleState::Status(m_block.data()[headerSize + qsizetype(record) * recordSize + statusOffset]);
}

PackedCalendar::Text PackedCalendar::textField(int record, int field) const
{
    const qsizetype at = headerSize + qsizetype(record) * recordSize + fieldAt(field);
    return {m_block.u32(at), m_block.u32(at + 4)};
}

QString PackedCalendar::string(int record, int field) const
{
    const Text t = textField(record, field);
    return QString::fromUtf8(m_block.data() + m_text + t.offset, t.length);
}

CalendarEntry PackedCalendar::entryAt(int record) const
{
    const qsizetype rec = headerSize + qsizetype(record) * recordSize;
    CalendarEntry e;
    e.itemId = m_block.i64(rec);
    e.start = fromMs(m_block.i64(rec + startOffset));
    e.due = fromMs(m_block.i64(rec + dueOffset));
    e.type = CalendarEntry::Type(m_block.data()[rec + typeOffset]);
    e.status = CycleState::Status(m_block.data()[rec + statusOffset]);
    e.recurring = m_block.data()[rec + recurringOffset] != 0;
    e.uid = string(record, Uid);
    e.summary = string(record, Summary);
    e.counterpartyUid = string(record, CounterpartyUid);
    e.kind = string(record, Kind);
    e.state = string(record, State);
    e.responsible = string(record, Responsible);
    e.issuer = string(record, Issuer);
    e.relatedTo = string(record, RelatedTo);
    return e;
}

QList<int> PackedCalendar::records(Lookup lookup, QByteArrayView utf8Key) const
{
    const int t = int(lookup);
    const int field = lookupField(lookup);
    auto keyAt = [this, t, field](quint32 i) {
        const Text text = textField(int(m_block.u32(m_tables[t] + qsizetype(i) * 4)), field);
        return QByteArrayView(m_block.data() + m_text + text.offset, text.length);
    };
    const quint32 low = PackedBlock::firstNotBelow(m_tableCounts[t], [&keyAt, utf8Key](quint32 i) {
        return keyAt(i).compare(utf8Key) < 0;
    });
    QList<int> out;
    for (quint32 i = low; i < m_tableCounts[t] && keyAt(i) == utf8Key; ++i) {
        out.append(int(m_block.u32(m_tables[t] + qsizetype(i) * 4)));
    }
    return out;
}

int PackedCalendar::dueCount() const
{
    return int(m_tableCounts[LookupCount]);
}

int PackedCalendar::dueRecordAt(int i) const
{
    return int(m_block.u32(m_tables[LookupCount] + qsizetype(i) * 4));
}

qint64 PackedCalendar::dueAt(int record) const
{
    return m_block.i64(headerSize + qsizetype(record) * recordSize + dueOffset);
}

} // namespace Crm
