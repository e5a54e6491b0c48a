// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "packeddirectory.h"

#include "mappedfile.h"
#include "searchkeys.h"

#include <QBuffer>
#include <QHash>
#include <QStringEncoder>
#include <QTemporaryFile>
#include <QtEndian>

#include <algorithm>
#include <cstring>
#include <ranges>

namespace Crm
{

// The block, little-endian throughout:
//   header    u32 count, u32 lists size, u32 text size, u32 names size, u32 key count × 6,
//             u32 gram count, u32 postings size
//   records   count × 64 bytes, by item id: i64 item id, u32 kind, then (u32 offset,
//             u32 length) into the text for uid, counterparty uid, display name,
//             tax code and the folded names ("key\n" each), then u32 offsets into
//             the lists for phones, e-mails and groups
//   lists     u32 n, n × (offset, length) into the text; offset 0 is the empty list
//   text      UTF-8: first every record's names, in record order and touching
//             (the name-part search scans this stretch), then the other strings,
//             each distinct one once
//   keys      per lookup, its count × (offset, length, u32 record), sorted by key
//   grams     every three bytes that follow each other in a record's names:
//             count × (u32 gram, u32 offset into the postings, u32 records), sorted
//             by gram, offsets rising
//   postings  per gram, the records whose names hold it, rising, each as its
//             distance from the one before (the first from -1) in LEB128
namespace
{
constexpr qsizetype headerSize = 4 * (4 + PackedDirectory::KeyCount + 2);
constexpr qsizetype gramRowSize = 12;
constexpr qsizetype recordSize = 64;
constexpr qsizetype keySize = 12;
enum Field {
    Uid,
    CounterpartyUid,
    DisplayName,
    TaxCode,
    Names,
};
constexpr qsizetype fieldAt(int field)
{
    return 12 + 8 * field;
}
constexpr qsizetype phonesAt = 52;
constexpr qsizetype emailsAt = 56;
constexpr qsizetype groupsAt = 60;

void putU32(QByteArray &out, quint32 value)
{
    char bytes[4];
    qToLittleEndian(value, bytes);
    out.append(bytes, 4);
}

/// Bytes written in order: kept in memory, or, when a block is packed
/// into a file, in a temporary file a mebibyte at a time (so that packing
/// 400,000 entries does not hold a second copy of the block), read back
/// through a mapping when the keys are sorted.
class Spool
{
public:
    explicit Spool(const QString &folder)
    {
        if (!folder.isEmpty()) {
            m_file = std::make_unique<QTemporaryFile>(folder + QStringLiteral("/directory-pack-XXXXXX"));
            m_ok = m_file->open();
        }
    }
    /// Where to append; spill() afterwards.
    QByteArray &tail()
    {
        return m_tail;
    }
    void spill()
    {
        if (m_file && m_tail.size() >= (1 << 20)) {
            flush();
        }
    }
    qsizetype size() const
    {
        return m_flushed + m_tail.size();
    }
    bool ok() const
    {
        return m_ok;
    }
    /// Everything written, where it can be read while the spool lives.
    QByteArrayView view()
    {
        if (!m_file) {
            return m_tail;
        }
        flush();
        if (!m_mapped && m_ok && m_flushed > 0) {
            m_ok = m_file->flush();
            m_mapped = MappedFile::open(m_file->fileName());
            m_ok = m_ok && m_mapped;
        }
        return m_mapped ? m_mapped->bytes() : QByteArrayView();
    }
    /// Copies everything written to @p out and lets it go.
    bool copyTo(QIODevice *out)
    {
        if (!m_file) {
            const bool written = out->write(m_tail) == m_tail.size();
            m_tail = {};
            return written;
        }
        const QByteArrayView all = view();
        for (qsizetype at = 0; at < all.size() && m_ok; at += 1 << 20) {
            const QByteArrayView part = all.sliced(at, std::min<qsizetype>(1 << 20, all.size() - at));
            m_ok = out->write(part.data(), part.size()) == part.size();
            m_mapped->releasePages(part);
        }
        return m_ok;
    }
    void releasePages()
    {
        if (m_mapped) {
            m_mapped->releasePages();
        }
    }

private:
    void flush()
    {
        if (m_file && !m_tail.isEmpty()) {
            m_ok = m_ok && m_file->write(m_tail) == m_tail.size();
            m_flushed += m_tail.size();
            m_tail.clear(); // keeps its capacity for the next mebibyte
        }
    }

    std::unique_ptr<QTemporaryFile> m_file;
    std::shared_ptr<const MappedFile> m_mapped;
    QByteArray m_tail;
    qsizetype m_flushed = 0;
    bool m_ok = true;
};

/// The text while packing: the names first, then the other strings.
/// Written straight into the buffers (no QByteArray per string); only the
/// strings many entries share (a person's counterparty, groups) are looked
/// up to be written once: hashing every string made packing 400,000
/// entries take seconds.
class TextWriter
{
public:
    struct Ref {
        quint32 offset = 0;
        quint32 length = 0;
    };
    explicit TextWriter(const QString &folder)
        : m_names(folder)
        , m_other(folder)
    {
    }
    Ref name(const QStringList &keys, QList<quint32> *lengths)
    {
        const auto start = quint32(m_names.size());
        for (const QString &k : keys) {
            lengths->append(quint32(append(m_names, k)));
            m_names.tail() += '\n';
        }
        m_names.spill();
        return {start, quint32(m_names.size()) - start};
    }
    /// Offsets of these are relative to the end of the names.
    Ref string(QStringView s)
    {
        const auto offset = quint32(m_other.size());
        const auto length = quint32(append(m_other, s));
        m_other.spill();
        return {offset, length};
    }
    Ref shared(const QString &s)
    {
        if (s.isEmpty()) {
            return {};
        }
        const auto it = m_shared.constFind(s);
        if (it != m_shared.cend()) {
            return *it;
        }
        const Ref r = string(s);
        m_shared.insert(s, r);
        return r;
    }
    quint32 namesSize() const
    {
        return quint32(m_names.size());
    }
    qsizetype size() const
    {
        return m_names.size() + m_other.size();
    }
    /// The text at @p r (offsets as in the block), once every string is written.
    QByteArrayView at(Ref r)
    {
        if (r.length == 0) {
            return {};
        }
        return r.offset < namesSize() ? m_names.view().sliced(r.offset, r.length) : m_other.view().sliced(r.offset - namesSize(), r.length);
    }
    bool ok() const
    {
        return m_names.ok() && m_other.ok();
    }
    /// Copies the text to @p out, names first, and lets it go.
    bool copyTo(QIODevice *out)
    {
        m_shared.clear();
        return m_names.copyTo(out) && m_other.copyTo(out);
    }
    void releasePages()
    {
        m_names.releasePages();
        m_other.releasePages();
    }

private:
    qsizetype append(Spool &spool, QStringView s)
    {
        QByteArray &to = spool.tail();
        const qsizetype before = to.size();
        const qsizetype most = before + 3 * s.size();
        if (to.capacity() < most) {
            to.reserve(std::max(most, 2 * to.capacity()));
        }
        to.resize(most);
        char *end = m_encoder.appendToBuffer(to.data() + before, s);
        to.resize(end - to.constData());
        return to.size() - before;
    }

    Spool m_names;
    Spool m_other;
    QHash<QString, Ref> m_shared;
    QStringEncoder m_encoder{QStringEncoder::Utf8};
};

struct KeyRow {
    TextWriter::Ref key;
    quint32 record;
};

quint32 gramAt(const char *at)
{
    return quint32(uchar(at[0])) << 16 | quint32(uchar(at[1])) << 8 | quint32(uchar(at[2]));
}

void putVarint(QByteArray &out, quint32 value)
{
    while (value >= 0x80) {
        out.append(char((value & 0x7f) | 0x80));
        value >>= 7;
    }
    out.append(char(value));
}

/// The trigram table of the names, so that a search by a name part reads
/// the records that may hold it rather than every name (at 400,000
/// entries the scan of the names alone took 5–8 ms). The (gram, record)
/// pairs are sorted a range of grams at a time, each range holding about
/// two million of them, so that packing 400,000 entries holds 16 MiB for
/// them rather than a hundred.
class NameGrams
{
public:
    /// @p names: each record's names in @p text.
    NameGrams(const QList<TextWriter::Ref> &names, TextWriter &text, const QString &spoolFolder)
        : m_table(spoolFolder)
        , m_postings(spoolFolder)
    {
        if (text.namesSize() == 0) {
            return;
        }
        const QByteArrayView all = text.at({0, text.namesSize()});
        // How many grams begin with each two bytes: where to cut the ranges.
        std::vector<quint32> perPrefix(1 << 16, 0);
        forEachGram(names, all, [&perPrefix](quint32 gram, quint32) {
            ++perPrefix[gram >> 8];
        });
        constexpr quint64 pairsPerRange = 1 << 21;
        std::vector<quint64> pairs;
        std::vector<quint64> sorted;
        std::vector<quint32> fill(perPrefix.size());
        for (quint32 first = 0; first < perPrefix.size();) {
            quint32 last = first;
            quint64 inRange = perPrefix[first];
            while (last + 1 < perPrefix.size() && inRange + perPrefix[last + 1] <= pairsPerRange) {
                inRange += perPrefix[++last];
            }
            if (inRange > 0) {
                // Sorted without comparing: the records come rising, so
                // placing each pair in its prefix's bucket, then each bucket
                // by the gram's last byte (a stable counting sort), sorts by
                // gram and then record.
                pairs.resize(inRange);
                for (quint32 p = first, at = 0; p <= last; at += perPrefix[p++]) {
                    fill[p] = at;
                }
                const quint32 low = first << 8;
                const quint32 high = (last + 1) << 8;
                forEachGram(names, all, [&](quint32 gram, quint32 record) {
                    if (gram >= low && gram < high) {
                        pairs[fill[gram >> 8]++] = quint64(gram) << 32 | record;
                    }
                });
                for (quint32 p = first, at = 0; p <= last; at += perPrefix[p++]) {
                    sortByLastByte(pairs.data() + at, perPrefix[p], sorted);
                }
                write(pairs);
                text.releasePages();
            }
            first = last + 1;
        }
    }
    quint32 count() const
    {
        return m_count;
    }
    Spool &table()
    {
        return m_table;
    }
    Spool &postings()
    {
        return m_postings;
    }
    bool ok() const
    {
        return m_table.ok() && m_postings.ok();
    }

private:
    template<typename Visit>
    static void forEachGram(const QList<TextWriter::Ref> &names, QByteArrayView all, Visit visit)
    {
        for (qsizetype r = 0; r < names.size(); ++r) {
            const TextWriter::Ref n = names.at(r);
            const char *at = all.data() + n.offset;
            for (quint32 i = 0; i + 3 <= n.length; ++i) {
                visit(gramAt(at + i), quint32(r));
            }
        }
    }
    /// Sorts @p n pairs of one prefix by the gram's last byte, keeping the
    /// order of those with the same.
    static void sortByLastByte(quint64 *pairs, quint32 n, std::vector<quint64> &scratch)
    {
        if (n < 2) {
            return;
        }
        quint32 starts[257] = {};
        for (quint32 i = 0; i < n; ++i) {
            ++starts[((pairs[i] >> 32) & 0xff) + 1];
        }
        for (int b = 0; b < 256; ++b) {
            starts[b + 1] += starts[b];
        }
        scratch.resize(n);
        for (quint32 i = 0; i < n; ++i) {
            scratch[starts[(pairs[i] >> 32) & 0xff]++] = pairs[i];
        }
        std::copy(scratch.begin(), scratch.begin() + n, pairs);
    }
    /// Writes the sorted @p pairs, each once.
    void write(const std::vector<quint64> &pairs)
    {
        for (size_t i = 0; i < pairs.size();) {
            const auto gram = quint32(pairs[i] >> 32);
            putU32(m_table.tail(), gram);
            putU32(m_table.tail(), quint32(m_postings.size()));
            qint64 previous = -1;
            quint32 records = 0;
            for (; i < pairs.size() && quint32(pairs[i] >> 32) == gram; ++i) {
                const auto record = quint32(pairs[i]);
                if (record != previous) { // a gram twice in one record's names
                    putVarint(m_postings.tail(), quint32(record - previous));
                    previous = record;
                    ++records;
                }
            }
            putU32(m_table.tail(), records);
            m_table.spill();
            m_postings.spill();
            ++m_count;
        }
    }

    Spool m_table;
    Spool m_postings;
    quint32 m_count = 0;
};
} // namespace

QByteArray PackedDirectory::pack(const QList<DirectoryEntry> &input)
{
    QList<const DirectoryEntry *> entries;
    entries.reserve(input.size());
    for (const DirectoryEntry &e : input) {
        entries.append(&e);
    }
    std::sort(entries.begin(), entries.end(), [](const DirectoryEntry *a, const DirectoryEntry *b) {
        return a->itemId < b->itemId;
    });
    return pack(entries.size(), [&entries](qsizetype i) {
        return *entries.at(i);
    });
}

QByteArray PackedDirectory::pack(qsizetype count, const std::function<DirectoryEntry(qsizetype i)> &entryAt)
{
    QByteArray block;
    QBuffer out(&block);
    out.open(QIODevice::WriteOnly);
    pack(count, entryAt, &out, {});
    return block;
}

bool PackedDirectory::pack(qsizetype count, const std::function<DirectoryEntry(qsizetype i)> &entryAt, QIODevice *out, const QString &spoolFolder)
{
    TextWriter text(spoolFolder);
    QList<TextWriter::Ref> names;
    QList<quint32> nameLengths; // of each folded name, in order
    names.reserve(count);
    for (qsizetype i = 0; i < count; ++i) {
        names.append(text.name(entryAt(i).nameKeys, &nameLengths));
    }
    const quint32 namesSize = text.namesSize();
    auto shifted = [namesSize](TextWriter::Ref r) {
        // Empty strings stay at offset 0, wherever that is.
        return r.length == 0 ? r : TextWriter::Ref{r.offset + namesSize, r.length};
    };

    Spool records(spoolFolder);
    Spool lists(spoolFolder);
    if (spoolFolder.isEmpty()) {
        records.tail().reserve(count * recordSize);
    }
    putU32(lists.tail(), 0); // the empty list
    QList<KeyRow> keys[KeyCount];
    auto putRef = [&records](TextWriter::Ref r) {
        putU32(records.tail(), r.offset);
        putU32(records.tail(), r.length);
    };
    // A list's strings, and where each was written.
    QList<TextWriter::Ref> written;
    auto putList = [&](const QStringList &strings, bool shared) -> quint32 {
        written.clear();
        if (strings.isEmpty()) {
            return 0;
        }
        const auto at = quint32(lists.size());
        putU32(lists.tail(), quint32(strings.size()));
        for (const QString &s : strings) {
            const TextWriter::Ref r = shifted(shared ? text.shared(s) : text.string(s));
            written.append(r);
            putU32(lists.tail(), r.offset);
            putU32(lists.tail(), r.length);
        }
        lists.spill();
        return at;
    };
    qsizetype nameAt = 0;
    for (qsizetype i = 0; i < count; ++i) {
        const DirectoryEntry e = entryAt(i);
        const auto record = quint32(i);
        auto addKey = [&](Key key, TextWriter::Ref r) {
            if (r.length > 0) {
                keys[int(key)].append({r, record});
            }
        };
        char id[8];
        qToLittleEndian(e.itemId, id);
        records.tail().append(id, 8);
        putU32(records.tail(), quint32(e.kind));
        // A counterparty's UID is shared by each of its persons.
        const TextWriter::Ref uid = shifted(e.kind == DirectoryEntry::Kind::Counterparty ? text.shared(e.uid) : text.string(e.uid));
        const TextWriter::Ref counterparty = shifted(text.shared(e.counterpartyUid));
        const TextWriter::Ref taxCode = shifted(text.string(e.taxCode));
        putRef(uid);
        putRef(counterparty);
        putRef(shifted(text.string(e.displayName)));
        putRef(taxCode);
        putRef(names.at(i));
        putU32(records.tail(), putList(e.phones, false));
        for (qsizetype p = 0; p < written.size(); ++p) {
            // Normalized numbers are ASCII digits: the suffix is the last bytes.
            const TextWriter::Ref phone = written.at(p);
            const QString suffix = SearchKeys::phoneSuffix(e.phones.at(p));
            if (suffix.size() <= qsizetype(phone.length) && e.phones.at(p).size() == qsizetype(phone.length)) {
                addKey(Key::PhoneSuffix, {phone.offset + phone.length - quint32(suffix.size()), quint32(suffix.size())});
            } else {
                addKey(Key::PhoneSuffix, shifted(text.string(suffix)));
            }
        }
        putU32(records.tail(), putList(e.emails, false));
        for (const TextWriter::Ref &m : std::as_const(written)) {
            addKey(Key::Email, m);
        }
        putU32(records.tail(), putList(e.groups, true));
        records.spill();

        addKey(Key::Uid, uid);
        addKey(Key::TaxCode, taxCode);
        addKey(Key::Counterparty, counterparty);
        // Each folded name is a stretch of the record's names.
        quint32 at = names.at(i).offset;
        for (qsizetype k = 0; k < e.nameKeys.size(); ++k) {
            const quint32 length = nameLengths.at(nameAt++);
            addKey(Key::ExactName, {at, length});
            at += length + 1;
        }
    }
    NameGrams grams(names, text, spoolFolder);
    names = {};
    nameLengths = {};

    QByteArray header;
    putU32(header, quint32(count));
    putU32(header, quint32(lists.size()));
    putU32(header, quint32(text.size()));
    putU32(header, namesSize);
    qsizetype keyRows = 0;
    for (auto &rows : keys) {
        std::sort(rows.begin(), rows.end(), [&text](const KeyRow &a, const KeyRow &b) {
            const int c = text.at(a.key).compare(text.at(b.key));
            return c != 0 ? c < 0 : a.record < b.record;
        });
        putU32(header, quint32(rows.size()));
        keyRows += rows.size();
    }
    putU32(header, grams.count());
    putU32(header, quint32(grams.postings().size()));
    text.releasePages(); // read while sorting; they are copied below, a part at a time
    if (auto *buffer = qobject_cast<QBuffer *>(out)) {
        buffer->buffer().reserve(header.size() + records.size() + lists.size() + text.size() + keyRows * keySize + grams.table().size()
                                 + grams.postings().size());
    }
    // Each part is let go once in the block: a large index is not held twice.
    bool ok = text.ok() && records.ok() && lists.ok() && out->write(header) == header.size() && records.copyTo(out) && lists.copyTo(out) && text.copyTo(out);
    QByteArray rowBytes;
    for (auto &rows : keys) {
        for (const KeyRow &row : std::as_const(rows)) {
            putU32(rowBytes, row.key.offset);
            putU32(rowBytes, row.key.length);
            putU32(rowBytes, row.record);
            if (rowBytes.size() >= (1 << 20)) {
                ok = ok && out->write(rowBytes) == rowBytes.size();
                rowBytes.clear();
            }
        }
        rows = {};
    }
    return ok && out->write(rowBytes) == rowBytes.size() && grams.ok() && grams.table().copyTo(out) && grams.postings().copyTo(out);
}

bool PackedDirectory::open(const QByteArray &bytes)
{
    return open(bytes, 0, bytes.size());
}

bool PackedDirectory::open(const QByteArray &holder, qsizetype offset, qsizetype size)
{
    *this = {};
    m_block = PackedBlock(holder, offset, size);
    return check(Checks::Everything);
}

bool PackedDirectory::open(std::shared_ptr<const MappedFile> file, QByteArrayView block, Checks checks)
{
    *this = {};
    m_block = PackedBlock(std::move(file), block);
    return check(checks);
}

bool PackedDirectory::check(Checks checks)
{
    const qsizetype size = m_block.size();
    if (size < headerSize) {
        *this = {};
        return false;
    }
    const auto u32 = [this](qsizetype at) {
        return m_block.u32(at);
    };
    const quint64 count = u32(0);
    const quint64 listsSize = u32(4);
    const quint64 textSize = u32(8);
    const quint64 namesSize = u32(12);
    quint64 total = headerSize + count * recordSize + listsSize + textSize;
    for (int k = 0; k < KeyCount; ++k) {
        m_keyCounts[k] = u32(16 + 4 * k);
        total += quint64(m_keyCounts[k]) * keySize;
    }
    m_gramCount = u32(16 + 4 * KeyCount);
    const quint64 postingsSize = u32(20 + 4 * KeyCount);
    total += quint64(m_gramCount) * gramRowSize + postingsSize;
    if (total != quint64(size) || namesSize > textSize || listsSize < 4) {
        *this = {};
        return false;
    }
    m_count = int(count);
    m_records = headerSize;
    m_lists = m_records + qsizetype(count) * recordSize;
    m_listsEnd = m_lists + qsizetype(listsSize);
    m_text = m_listsEnd;
    m_nameTextEnd = m_text + qsizetype(namesSize);
    m_textEnd = m_text + qsizetype(textSize);
    qsizetype at = m_textEnd;
    for (int k = 0; k < KeyCount; ++k) {
        m_keys[k] = at;
        at += qsizetype(m_keyCounts[k]) * keySize;
    }
    m_grams = at;
    m_postings = m_grams + qsizetype(m_gramCount) * gramRowSize;
    if (checks == Checks::SizesOnly) {
        return true;
    }

    // Every reference is checked once here, so that reads need no checks.
    auto textFits = [textSize](quint32 offset, quint32 length) {
        return quint64(offset) + length <= textSize;
    };
    auto listFits = [&](quint32 offset) {
        if (quint64(offset) + 4 > listsSize) {
            return false;
        }
        const quint64 n = u32(m_lists + offset);
        if (quint64(offset) + 4 + n * 8 > listsSize) {
            return false;
        }
        for (quint64 i = 0; i < n; ++i) {
            const qsizetype ref = m_lists + offset + 4 + qsizetype(i) * 8;
            if (!textFits(u32(ref), u32(ref + 4))) {
                return false;
            }
        }
        return true;
    };
    qint64 lastId = 0;
    quint32 namesEnd = 0;
    bool ok = u32(m_lists) == 0;
    for (int r = 0; r < m_count && ok; ++r) {
        if (r % 32768 == 0) {
            releasePages(); // checking reads the whole block once: a cold start need not keep it
        }
        const qsizetype rec = m_records + qsizetype(r) * recordSize;
        const qint64 id = m_block.i64(rec);
        ok = (r == 0 || id > lastId) && u32(rec + 8) <= quint32(DirectoryEntry::Kind::Employee);
        lastId = id;
        for (int f = Uid; f <= TaxCode && ok; ++f) {
            ok = textFits(u32(rec + fieldAt(f)), u32(rec + fieldAt(f) + 4));
        }
        // The names touch, in record order, within the names' stretch: a
        // hit found there belongs to the record whose stretch holds it.
        ok = ok && u32(rec + fieldAt(Names)) == namesEnd;
        namesEnd += u32(rec + fieldAt(Names) + 4);
        ok = ok && namesEnd <= namesSize && listFits(u32(rec + phonesAt)) && listFits(u32(rec + emailsAt)) && listFits(u32(rec + groupsAt));
    }
    ok = ok && namesEnd == namesSize;
    for (int k = 0; k < KeyCount && ok; ++k) {
        for (quint32 i = 0; i < m_keyCounts[k] && ok; ++i) {
            if (i % 262144 == 0) {
                releasePages();
            }
            const qsizetype row = m_keys[k] + qsizetype(i) * keySize;
            ok = textFits(u32(row), u32(row + 4)) && u32(row + 8) < count;
        }
    }
    // The postings themselves are read with their bounds checked (see
    // gramRecords()): checking them here would read all of them at open.
    for (quint32 g = 0; g < m_gramCount && ok; ++g) {
        const qsizetype row = m_grams + qsizetype(g) * gramRowSize;
        ok = u32(row) < (1u << 24) && (g == 0 || u32(row) > u32(row - gramRowSize)) && u32(row + 4) < postingsSize
            && (g == 0 ? u32(row + 4) == 0 : u32(row + 4) > u32(row + 4 - gramRowSize)) && u32(row + 8) > 0 && u32(row + 8) <= count;
    }
    if (!ok) {
        *this = {};
    }
    return ok;
}

QByteArray PackedDirectory::bytes() const
{
    return m_block.bytes();
}

QByteArrayView PackedDirectory::view() const
{
    return m_block.view();
}

void PackedDirectory::releasePages() const
{
    m_block.releasePages();
}

int PackedDirectory::size() const
{
    return m_count;
}

qint64 PackedDirectory::itemIdAt(int record) const
{
    return m_block.i64(m_records + qsizetype(record) * recordSize);
}

int PackedDirectory::find(qint64 itemId) const
{
    const auto low = int(PackedBlock::firstNotBelow(quint32(m_count), [this, itemId](quint32 r) {
        return itemIdAt(int(r)) < itemId;
    }));
    return low < m_count && itemIdAt(low) == itemId ? low : -1;
}

DirectoryEntry::Kind PackedDirectory::kindAt(int record) const
{
    return DirectoryEntry::Kind(m_block.u32(m_records + qsizetype(record) * recordSize + 8));
}

PackedDirectory::Text PackedDirectory::textField(int record, int field) const
{
    const qsizetype at = m_records + qsizetype(record) * recordSize + fieldAt(field);
    return {m_block.u32(at), m_block.u32(at + 4)};
}

QByteArrayView PackedDirectory::text(Text t) const
{
    return QByteArrayView(m_block.data() + m_text + t.offset, t.length);
}

QStringList PackedDirectory::list(quint32 listOffset) const
{
    const qsizetype at = m_lists + listOffset;
    const quint32 n = m_block.u32(at);
    QStringList out;
    out.reserve(n);
    for (quint32 i = 0; i < n; ++i) {
        const qsizetype ref = at + 4 + qsizetype(i) * 8;
        out.append(QString::fromUtf8(text({m_block.u32(ref), m_block.u32(ref + 4)})));
    }
    return out;
}

DirectoryEntry PackedDirectory::entryAt(int record) const
{
    const qsizetype rec = m_records + qsizetype(record) * recordSize;
    DirectoryEntry e;
    e.itemId = itemIdAt(record);
    e.kind = kindAt(record);
    e.uid = QString::fromUtf8(text(textField(record, Uid)));
    e.counterpartyUid = QString::fromUtf8(text(textField(record, CounterpartyUid)));
    e.displayName = QString::fromUtf8(text(textField(record, DisplayName)));
    e.taxCode = QString::fromUtf8(text(textField(record, TaxCode)));
    QByteArrayView names = text(textField(record, Names));
    while (!names.isEmpty()) {
        const qsizetype end = names.indexOf('\n');
        const qsizetype length = end < 0 ? names.size() : end;
        e.nameKeys.append(QString::fromUtf8(names.first(length)));
        names = names.sliced(qMin(names.size(), length + 1));
    }
    e.phones = list(m_block.u32(rec + phonesAt));
    e.emails = list(m_block.u32(rec + emailsAt));
    e.groups = list(m_block.u32(rec + groupsAt));
    return e;
}

QList<int> PackedDirectory::records(Key key, QByteArrayView utf8Key) const
{
    const int k = int(key);
    auto keyAt = [this, k](quint32 i) {
        const qsizetype row = m_keys[k] + qsizetype(i) * keySize;
        return text({m_block.u32(row), m_block.u32(row + 4)});
    };
    const quint32 low = PackedBlock::firstNotBelow(m_keyCounts[k], [&keyAt, utf8Key](quint32 i) {
        return keyAt(i).compare(utf8Key) < 0;
    });
    QList<int> out;
    for (quint32 i = low; i < m_keyCounts[k] && keyAt(i) == utf8Key; ++i) {
        out.append(int(m_block.u32(m_keys[k] + qsizetype(i) * keySize + 8)));
    }
    return out;
}

QList<int> PackedDirectory::recordsByNamePart(QByteArrayView utf8Needle) const
{
    QList<int> out;
    if (utf8Needle.isEmpty()) {
        return out;
    }
    // The rarest gram of the needle names the records that may hold it;
    // when even that one is common, reading every name costs less.
    if (utf8Needle.size() >= 3) {
        qsizetype rarest = -1;
        for (qsizetype i = 0; i + 3 <= utf8Needle.size(); ++i) {
            const qsizetype row = gramRow(gramAt(utf8Needle.data() + i));
            if (row < 0) {
                return out;
            }
            if (rarest < 0 || m_block.u32(row + 8) < m_block.u32(rarest + 8)) {
                rarest = row;
            }
        }
        if (m_block.u32(rarest + 8) <= quint32(m_count / 16)) {
            for (const int record : gramRecords(rarest)) {
                if (text(textField(record, Names)).contains(utf8Needle)) {
                    out.append(record);
                }
            }
            return out;
        }
    }
    const QByteArrayView names(m_block.data() + m_text, m_nameTextEnd - m_text);
    auto recordHolding = [this](quint32 offset) {
        // The last record whose names begin at or before offset.
        return int(PackedBlock::firstNotBelow(quint32(m_count),
                                              [this, offset](quint32 r) {
                                                  return textField(int(r), Names).offset <= offset;
                                              }))
            - 1;
    };
    for (qsizetype pos = names.indexOf(utf8Needle); pos >= 0;) {
        const int record = recordHolding(quint32(pos));
        out.append(record);
        const Text held = textField(record, Names);
        pos = names.indexOf(utf8Needle, qsizetype(held.offset) + held.length);
    }
    return out;
}

qsizetype PackedDirectory::gramRow(quint32 gram) const
{
    const quint32 low = PackedBlock::firstNotBelow(m_gramCount, [this, gram](quint32 g) {
        return m_block.u32(m_grams + qsizetype(g) * gramRowSize) < gram;
    });
    const qsizetype row = m_grams + qsizetype(low) * gramRowSize;
    return low < m_gramCount && m_block.u32(row) == gram ? row : -1;
}

QList<int> PackedDirectory::gramRecords(qsizetype row) const
{
    // A gram's postings end where the next one's begin.
    const qsizetype end = m_postings + (row + gramRowSize < m_postings ? qsizetype(m_block.u32(row + gramRowSize + 4)) : m_block.size() - m_postings);
    qsizetype at = m_postings + m_block.u32(row + 4);
    const quint32 n = m_block.u32(row + 8);
    QList<int> out;
    out.reserve(n);
    qint64 record = -1;
    while (quint32(out.size()) < n && at < end && at < m_block.size()) {
        quint32 delta = 0;
        int shift = 0;
        uchar byte = 0;
        do {
            byte = uchar(m_block.data()[at++]);
            delta |= quint32(byte & 0x7f) << shift;
            shift += 7;
        } while (byte & 0x80 && at < end && shift < 32);
        record += delta;
        if (delta == 0 || record >= m_count) {
            break; // damaged: what was read so far is still each a record
        }
        out.append(int(record));
    }
    return out;
}

} // namespace Crm
