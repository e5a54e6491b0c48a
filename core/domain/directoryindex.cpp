// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "directoryindex.h"

#include "mappedfile.h"
#include "packeddirectory.h"

#include "counterparty.h"
#include "searchkeys.h"

#include <QBuffer>
#include <QCollator>
#include <QTemporaryFile>
#include <algorithm>
#include <array>
#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

namespace
{
QStringList normalizedPhones(const QStringList &phones)
{
    QStringList out;
    for (const QString &p : phones) {
        const QString n = SearchKeys::phone(p);
        if (!n.isEmpty() && !out.contains(n)) {
            out << n;
        }
    }
    return out;
}

QStringList normalizedEmails(const QStringList &emails)
{
    QStringList out;
    for (const QString &e : emails) {
        const QString n = SearchKeys::email(e);
        if (!n.isEmpty() && !out.contains(n)) {
            out << n;
        }
    }
    return out;
}
} // namespace

namespace
{
/// The folded names a record goes by, each once, the first name first.
QStringList foldedNames(const QStringList &names)
{
    QStringList keys;
    for (const QString &name : names) {
        const QString key = SearchKeys::name(name);
        if (!key.isEmpty() && !keys.contains(key)) {
            keys << key;
        }
    }
    return keys;
}
} // namespace

DirectoryEntry DirectoryEntry::from(const Counterparty &c, qint64 itemId)
{
    DirectoryEntry e;
    e.itemId = itemId;
    e.kind = Kind::Counterparty;
    e.uid = c.uid;
    e.displayName = c.name.isEmpty() ? c.shortName : c.name;
    // Each name folded on its own, so each matches exactly.
    e.nameKeys = foldedNames({c.name, c.shortName});
    e.taxCode = SearchKeys::taxCode(c.taxCode);
    e.phones = normalizedPhones(c.phones);
    e.emails = normalizedEmails(c.emails);
    e.groups = c.groups;
    return e;
}

DirectoryEntry DirectoryEntry::from(const ContactPerson &p, qint64 itemId)
{
    DirectoryEntry e;
    e.itemId = itemId;
    e.kind = Kind::Person;
    e.uid = p.uid;
    e.counterpartyUid = p.counterpartyUid;
    e.displayName = p.name;
    e.nameKeys = foldedNames({p.name});
    e.phones = normalizedPhones(p.phones);
    e.emails = normalizedEmails(p.emails);
    return e;
}

DirectoryEntry DirectoryEntry::from(const Employee &emp, qint64 itemId)
{
    DirectoryEntry e;
    e.itemId = itemId;
    e.kind = Kind::Employee;
    e.uid = emp.uid;
    e.displayName = emp.name;
    e.nameKeys = foldedNames({emp.name});
    e.phones = normalizedPhones(emp.phones);
    e.emails = normalizedEmails(emp.emails);
    return e;
}

/// A packed block and which of its records were replaced or removed since.
struct DirectoryIndex::Level {
    PackedDirectory packed;
    QSet<qint64> superseded;

    bool isCurrent(int record) const
    {
        return superseded.isEmpty() || !superseded.contains(packed.itemIdAt(record));
    }
    int liveCount() const
    {
        return packed.size() - int(superseded.size());
    }
    /// Marks @p itemId replaced or removed, if this level holds it.
    void supersede(qint64 itemId)
    {
        if (packed.find(itemId) >= 0) {
            superseded.insert(itemId);
        }
    }
    void clear()
    {
        packed = {};
        superseded.clear();
    }
};

/// The base (everything packed when the index was read or last packed
/// whole) and the recent block (the changes since, packed among
/// themselves): changes go into the recent block 8,192 at a time, so the
/// changes held as DirectoryEntry (a kilobyte each) do not grow with the
/// index; the recent block goes into
/// the base once it is an eighth of it, so the base is packed about nine
/// times over while an index fills from empty, not once per thousand.
struct DirectoryIndex::Levels {
    Level base;
    Level recent;
    std::array<Level *, 2> all()
    {
        return {&base, &recent};
    }
    std::array<const Level *, 2> all() const
    {
        return {&base, &recent};
    }
};

namespace
{
/// Changes held as DirectoryEntry (about 1.3 KB each, with their keys)
/// before they are packed into the recent block: each packing costs the
/// recent block's size, so fewer packings of more changes fill an index
/// faster (400,000 entries, looked up as an import does: 52 s with
/// 1,024, 16 s with 8,192).
constexpr qsizetype mostChanges = 8192;
/// The recent block goes into the base at an eighth of it, and at least at this size.
constexpr int fewestRecent = 2048;
/// A base of this many entries is packed into a file when the index has a
/// spool folder (5 MiB of block).
constexpr qsizetype fewestInFile = 20000;
} // namespace

DirectoryIndex::DirectoryIndex()
    : m_levels(std::make_unique<Levels>())
{
}

DirectoryIndex::~DirectoryIndex() = default;

DirectoryIndex::DirectoryIndex(const DirectoryIndex &other)
    : m_levels(std::make_unique<Levels>(*other.m_levels))
    , m_changed(other.m_changed)
    , m_changedKeys(other.m_changedKeys)
    , m_spoolFolder(other.m_spoolFolder)
{
}

DirectoryIndex &DirectoryIndex::operator=(const DirectoryIndex &other)
{
    if (this != &other) {
        *m_levels = *other.m_levels;
        m_changed = other.m_changed;
        m_changedKeys = other.m_changedKeys;
        m_spoolFolder = other.m_spoolFolder;
    }
    return *this;
}

void DirectoryIndex::insert(const DirectoryEntry &entry)
{
    for (Level *level : m_levels->all()) {
        level->supersede(entry.itemId);
    }
    forgetChange(entry.itemId);
    m_changed.insert(entry.itemId, entry);
    for (int k = 0; k < DirectoryKeyCount; ++k) {
        for (const QString &value : keysOf(Key(k), entry)) {
            m_changedKeys[k].insert(value, entry.itemId);
        }
    }
    packIfMany();
}

void DirectoryIndex::clearChanges()
{
    m_changed.clear();
    for (auto &keys : m_changedKeys) {
        keys.clear();
    }
}

void DirectoryIndex::forgetChange(qint64 itemId)
{
    const auto it = m_changed.constFind(itemId);
    if (it == m_changed.cend()) {
        return;
    }
    for (int k = 0; k < DirectoryKeyCount; ++k) {
        for (const QString &value : keysOf(Key(k), *it)) {
            m_changedKeys[k].remove(value, itemId);
        }
    }
    m_changed.erase(it);
}

void DirectoryIndex::remove(qint64 itemId)
{
    forgetChange(itemId);
    for (Level *level : m_levels->all()) {
        level->supersede(itemId);
    }
}

void DirectoryIndex::packIfMany()
{
    if (m_changed.size() < mostChanges) {
        return;
    }
    // Packing the recent block with the changes costs its size, at most an
    // eighth of the base: a tenth of a second at 400,000 entries.
    Level &recent = m_levels->recent;
    PackedDirectory packed;
    packed.open(merge({&recent}));
    recent.packed = std::move(packed);
    recent.superseded.clear();
    clearChanges();
    Level &base = m_levels->base;
    if (recent.packed.size() < std::max(fewestRecent, base.packed.size() / 8)) {
        return;
    }
    const qsizetype total = base.liveCount() + recent.liveCount();
    std::optional<PackedDirectory> inFile;
    if (!m_spoolFolder.isEmpty() && total >= fewestInFile) {
        inFile = packedInFile({&base, &recent});
    }
    if (inFile) {
        base.packed = *std::move(inFile);
    } else {
        packed.open(merge({&base, &recent}));
        base.packed = std::move(packed);
    }
    base.superseded.clear();
    recent.clear();
}

std::optional<PackedDirectory> DirectoryIndex::packedInFile(std::initializer_list<const Level *> levels) const
{
    // Unlinked when this returns; the mapping keeps the file until the
    // block is packed again or the index goes. When the file cannot be
    // written (a full disk), the caller packs in memory as before.
    QTemporaryFile file(m_spoolFolder + u"/directory-block-XXXXXX"_s);
    if (!file.open() || !merge(levels, &file, m_spoolFolder) || !file.flush()) {
        return std::nullopt;
    }
    const auto mapped = MappedFile::open(file.fileName());
    PackedDirectory packed;
    if (!mapped || !packed.open(mapped, mapped->bytes())) {
        return std::nullopt;
    }
    packed.releasePages(); // opening checked every page; lookups read back the few they need
    return packed;
}

void DirectoryIndex::setSpoolFolder(const QString &folder)
{
    m_spoolFolder = folder;
}

QByteArray DirectoryIndex::packAll() const
{
    return merge({&m_levels->base, &m_levels->recent});
}

QByteArray DirectoryIndex::merge(std::initializer_list<const Level *> levels) const
{
    QByteArray block;
    QBuffer out(&block);
    out.open(QIODevice::WriteOnly);
    merge(levels, &out, {});
    return block;
}

bool DirectoryIndex::merge(std::initializer_list<const Level *> levels, QIODevice *out, const QString &spoolFolder) const
{
    // The current records of @p levels and the changes, merged in the order
    // of their item ids and handed to pack() one at a time: all the entries
    // as DirectoryEntry would take four times the packed block. An id is
    // current in one place at most (a change supersedes the packed records).
    QList<const DirectoryEntry *> changed;
    changed.reserve(m_changed.size());
    for (const DirectoryEntry &e : m_changed) {
        changed.append(&e);
    }
    std::sort(changed.begin(), changed.end(), [](const DirectoryEntry *a, const DirectoryEntry *b) {
        return a->itemId < b->itemId;
    });
    struct Cursor {
        const Level *level;
        int record;
    };
    QList<Cursor> cursors;
    for (const Level *level : levels) {
        cursors.append({level, 0});
    }
    auto skipStale = [](Cursor &c) {
        while (c.record < c.level->packed.size() && !c.level->isCurrent(c.record)) {
            ++c.record;
        }
    };
    // Each entry: (level, record), or a change (level -1, its place in changed).
    struct Source {
        qint32 level;
        qint32 at;
    };
    QList<Source> order;
    qsizetype total = changed.size();
    for (Cursor &c : cursors) {
        total += c.level->liveCount();
        skipStale(c);
    }
    order.reserve(total);
    qsizetype nextChange = 0;
    while (true) {
        int lowest = -1;
        qint64 lowestId = std::numeric_limits<qint64>::max();
        for (int i = 0; i < cursors.size(); ++i) {
            const Cursor &c = cursors.at(i);
            if (c.record < c.level->packed.size() && c.level->packed.itemIdAt(c.record) < lowestId) {
                lowest = i;
                lowestId = c.level->packed.itemIdAt(c.record);
            }
        }
        if (nextChange < changed.size() && changed.at(nextChange)->itemId < lowestId) {
            order.append({-1, qint32(nextChange++)});
            continue;
        }
        if (lowest < 0) {
            break;
        }
        Cursor &c = cursors[lowest];
        order.append({qint32(lowest), qint32(c.record++)});
        skipStale(c);
    }
    return PackedDirectory::pack(
        order.size(),
        [&](qsizetype i) {
            if (i % 8192 == 0) {
                // A block in a file is read through once per pass: what
                // was read need not stay resident.
                for (const Level *level : levels) {
                    level->packed.releasePages();
                }
            }
            const Source s = order.at(i);
            return s.level >= 0 ? cursors.at(s.level).level->packed.entryAt(s.at) : *changed.at(s.at);
        },
        out,
        spoolFolder);
}

void DirectoryIndex::clear()
{
    for (Level *level : m_levels->all()) {
        level->clear();
    }
    clearChanges();
}

int DirectoryIndex::size() const
{
    return m_levels->base.liveCount() + m_levels->recent.liveCount() + int(m_changed.size());
}

bool DirectoryIndex::contains(qint64 itemId) const
{
    return entryPlace(itemId).has_value();
}

std::optional<DirectoryIndex::Place> DirectoryIndex::entryPlace(qint64 itemId) const
{
    if (m_changed.contains(itemId)) {
        return Place{nullptr, -1};
    }
    for (const Level *level : m_levels->all()) {
        const int record = level->packed.find(itemId);
        if (record >= 0 && !level->superseded.contains(itemId)) {
            return Place{level, record};
        }
    }
    return std::nullopt;
}

std::optional<DirectoryEntry> DirectoryIndex::entry(qint64 itemId) const
{
    const auto changed = m_changed.constFind(itemId);
    if (changed != m_changed.cend()) {
        return *changed;
    }
    const auto place = entryPlace(itemId);
    if (!place) {
        return std::nullopt;
    }
    return place->level->packed.entryAt(place->record);
}

QList<DirectoryEntry> DirectoryIndex::entries() const
{
    QList<DirectoryEntry> out;
    out.reserve(size());
    for (const Level *level : m_levels->all()) {
        for (int r = 0; r < level->packed.size(); ++r) {
            if (level->isCurrent(r)) {
                out.append(level->packed.entryAt(r));
            }
        }
    }
    for (const DirectoryEntry &e : m_changed) {
        out.append(e);
    }
    return out;
}

QStringList DirectoryIndex::keysOf(Key key, const DirectoryEntry &e)
{
    QStringList keys;
    switch (key) {
    case Key::Uid:
        keys = {e.uid};
        break;
    case Key::TaxCode:
        keys = {e.taxCode};
        break;
    case Key::PhoneSuffix:
        for (const QString &p : e.phones) {
            keys << SearchKeys::phoneSuffix(p);
        }
        break;
    case Key::Email:
        keys = e.emails;
        break;
    case Key::Counterparty:
        keys = {e.counterpartyUid};
        break;
    case Key::ExactName:
        keys = e.nameKeys;
        break;
    }
    // As packed: an empty key is no key, and an entry is found once.
    keys.removeAll(QString());
    keys.removeDuplicates();
    return keys;
}

QList<qint64> DirectoryIndex::idsFor(Key key, const QString &value) const
{
    QList<qint64> ids;
    const QByteArray utf8 = value.toUtf8();
    for (const Level *level : m_levels->all()) {
        for (const int record : level->packed.records(key, utf8)) {
            if (level->isCurrent(record)) {
                ids.append(level->packed.itemIdAt(record));
            }
        }
    }
    ids += m_changedKeys[int(key)].values(value);
    return ids;
}

QList<DirectoryEntry> DirectoryIndex::collect(Key key, const QString &value) const
{
    QList<DirectoryEntry> out;
    const QList<qint64> ids = idsFor(key, value);
    out.reserve(ids.size());
    for (const qint64 id : ids) {
        if (auto e = entry(id)) {
            out << *std::move(e);
        }
    }
    return out;
}

QList<DirectoryEntry> DirectoryIndex::byUid(const QString &uid) const
{
    return collect(Key::Uid, uid);
}

QList<DirectoryEntry> DirectoryIndex::byTaxCode(QStringView taxCode) const
{
    const QString key = SearchKeys::taxCode(taxCode);
    return key.isEmpty() ? QList<DirectoryEntry>{} : collect(Key::TaxCode, key);
}

QList<DirectoryEntry> DirectoryIndex::byPhone(QStringView phone) const
{
    const QString normalized = SearchKeys::phone(phone);
    if (normalized.isEmpty()) {
        return {};
    }
    // The suffix bucket may hold numbers of other countries that end alike;
    // keep those whose full number agrees, or that were typed short.
    QList<DirectoryEntry> out;
    const QString suffix = SearchKeys::phoneSuffix(normalized);
    for (const DirectoryEntry &e : collect(Key::PhoneSuffix, suffix)) {
        const bool same = std::any_of(e.phones.cbegin(), e.phones.cend(), [&](const QString &p) {
            return p == normalized || (normalized.size() <= 9 && p.endsWith(normalized)) || (p.size() <= 9 && normalized.endsWith(p));
        });
        if (same) {
            out << e;
        }
    }
    return out;
}

QList<DirectoryEntry> DirectoryIndex::byEmail(QStringView email) const
{
    const QString key = SearchKeys::email(email);
    return key.isEmpty() ? QList<DirectoryEntry>{} : collect(Key::Email, key);
}

QList<DirectoryEntry> DirectoryIndex::byNamePart(QStringView text, int limit) const
{
    const QString needle = SearchKeys::name(text);
    QList<DirectoryEntry> out;
    const QList<qint64> ids = idsByNamePart(text);
    out.reserve(ids.size());
    for (const qint64 id : ids) {
        if (auto e = entry(id)) {
            out << *std::move(e);
        }
    }
    // Names that start with what was typed come first; then alphabetical.
    std::sort(out.begin(), out.end(), [&needle](const DirectoryEntry &a, const DirectoryEntry &b) {
        const bool pa = a.nameKeys.value(0).startsWith(needle);
        const bool pb = b.nameKeys.value(0).startsWith(needle);
        if (pa != pb) {
            return pa;
        }
        if (a.kind != b.kind) {
            return a.kind < b.kind;
        }
        return a.nameKeys < b.nameKeys;
    });
    if (limit > 0 && out.size() > limit) {
        out.resize(limit);
    }
    return out;
}

QList<DirectoryEntry> DirectoryIndex::byExactName(QStringView text) const
{
    const QString key = SearchKeys::name(text);
    return key.isEmpty() ? QList<DirectoryEntry>{} : collect(Key::ExactName, key);
}

QList<DirectoryEntry> DirectoryIndex::personsOf(const QString &counterpartyUid) const
{
    QList<DirectoryEntry> out = collect(Key::Counterparty, counterpartyUid);
    std::sort(out.begin(), out.end(), [](const DirectoryEntry &a, const DirectoryEntry &b) {
        return a.nameKeys < b.nameKeys;
    });
    return out;
}

QList<DirectoryEntry> DirectoryIndex::ofKind(DirectoryEntry::Kind kind) const
{
    QList<DirectoryEntry> out;
    for (const Level *level : m_levels->all()) {
        for (int r = 0; r < level->packed.size(); ++r) {
            if (level->packed.kindAt(r) == kind && level->isCurrent(r)) {
                out << level->packed.entryAt(r);
            }
        }
    }
    for (const DirectoryEntry &e : m_changed) {
        if (e.kind == kind) {
            out << e;
        }
    }
    std::sort(out.begin(), out.end(), [](const DirectoryEntry &a, const DirectoryEntry &b) {
        return a.nameKeys < b.nameKeys;
    });
    return out;
}

QList<DirectoryIndex::Hit> DirectoryIndex::findExact(QStringView text) const
{
    QList<Hit> hits;
    QList<qint64> seen;
    auto add = [&](const QList<DirectoryEntry> &entries, Match how) {
        for (const DirectoryEntry &e : entries) {
            if (!seen.contains(e.itemId)) {
                seen << e.itemId;
                hits << Hit{e, how};
            }
        }
    };
    const QStringView t = text.trimmed();
    if (t.isEmpty()) {
        return hits;
    }
    add(byUid(t.toString()), Match::Uid);
    if (!t.startsWith(u"urn:uuid:")) {
        add(byUid(u"urn:uuid:"_s + t.toString()), Match::Uid);
    }
    add(byTaxCode(t), Match::TaxCode);
    if (t.contains(u'@')) {
        add(byEmail(t), Match::Email);
    }
    if (SearchKeys::looksLikePhone(t)) {
        add(byPhone(t), Match::Phone);
    }
    return hits;
}

QList<DirectoryIndex::Hit> DirectoryIndex::find(QStringView text, int limit) const
{
    QList<Hit> hits = findExact(text);
    const QStringView t = text.trimmed();
    if (hits.isEmpty() && !t.isEmpty()) {
        const auto named = byNamePart(t, limit);
        for (const DirectoryEntry &e : named) {
            hits << Hit{e, Match::Name};
        }
    }
    if (limit > 0 && hits.size() > limit) {
        hits.resize(limit);
    }
    return hits;
}

QList<qint64> DirectoryIndex::idsByNamePart(QStringView text) const
{
    const QString needle = SearchKeys::name(text);
    QList<qint64> out;
    if (needle.isEmpty()) {
        return out;
    }
    const QByteArray utf8 = needle.toUtf8();
    for (const Level *level : m_levels->all()) {
        for (const int record : level->packed.recordsByNamePart(utf8)) {
            if (level->isCurrent(record)) {
                out << level->packed.itemIdAt(record);
            }
        }
    }
    for (const DirectoryEntry &e : m_changed) {
        if (std::any_of(e.nameKeys.cbegin(), e.nameKeys.cend(), [&needle](const QString &k) {
                return k.contains(needle);
            })) {
            out << e.itemId;
        }
    }
    return out;
}

std::optional<DirectoryEntry> DirectoryIndex::firstByUid(const QString &uid) const
{
    const QList<qint64> ids = idsFor(Key::Uid, uid);
    return ids.isEmpty() ? std::nullopt : entry(ids.constFirst());
}

QDataStream &operator<<(QDataStream &out, const DirectoryEntry &e)
{
    return out << e.itemId << quint8(e.kind) << e.uid << e.counterpartyUid << e.displayName << e.nameKeys << e.taxCode << e.phones << e.emails << e.groups;
}

QDataStream &operator>>(QDataStream &in, DirectoryEntry &e)
{
    quint8 kind = 0;
    in >> e.itemId >> kind >> e.uid >> e.counterpartyUid >> e.displayName >> e.nameKeys >> e.taxCode >> e.phones >> e.emails >> e.groups;
    if (kind > quint8(DirectoryEntry::Kind::Employee)) {
        in.setStatus(QDataStream::ReadCorruptData);
    }
    e.kind = DirectoryEntry::Kind(kind);
    return in;
}

QByteArray DirectoryIndex::toCompact() const
{
    const Level &base = m_levels->base;
    if (m_changed.isEmpty() && base.superseded.isEmpty() && m_levels->recent.packed.size() == 0 && base.packed.size() > 0) {
        return base.packed.bytes();
    }
    return packAll();
}

bool DirectoryIndex::fromCompact(const QByteArray &bytes)
{
    clear();
    return m_levels->base.packed.open(bytes);
}

bool DirectoryIndex::fromCompact(const QByteArray &holder, qsizetype offset, qsizetype size)
{
    clear();
    return m_levels->base.packed.open(holder, offset, size);
}

bool DirectoryIndex::fromCompact(std::shared_ptr<const MappedFile> file, QByteArrayView block, PackedBlockChecks checks)
{
    clear();
    return m_levels->base.packed.open(std::move(file), block, checks);
}

void DirectoryIndex::writeCompact(QDataStream &out) const
{
    const Level &base = m_levels->base;
    if (m_changed.isEmpty() && base.superseded.isEmpty() && m_levels->recent.packed.size() == 0 && base.packed.size() > 0) {
        const QByteArrayView block = base.packed.view();
        out << QByteArray::fromRawData(block.data(), block.size()); // written at once, while the block is there
        return;
    }
    if (!m_spoolFolder.isEmpty() && size() >= fewestInFile) {
        // Packed into a file first, then copied: a large index is not held
        // twice in memory while it is saved.
        if (const auto packed = packedInFile({&base, &m_levels->recent})) {
            const QByteArrayView block = packed->view();
            out << QByteArray::fromRawData(block.data(), block.size());
            packed->releasePages();
            return;
        }
    }
    out << packAll();
}

void DirectoryIndex::releasePages() const
{
    m_levels->base.packed.releasePages();
}

QDataStream &operator<<(QDataStream &out, const DirectoryIndex &index)
{
    const QList<DirectoryEntry> all = index.entries();
    out << quint32(all.size());
    for (const DirectoryEntry &e : all) {
        out << e;
    }
    return out;
}

QDataStream &operator>>(QDataStream &in, DirectoryIndex &index)
{
    index.clear();
    quint32 count = 0;
    in >> count;
    QHash<qint64, DirectoryEntry> all; // a later entry of one id replaces the earlier
    for (quint32 i = 0; i < count && in.status() == QDataStream::Ok; ++i) {
        DirectoryEntry e;
        in >> e;
        if (in.status() == QDataStream::Ok) {
            all.insert(e.itemId, e);
        }
    }
    index.m_levels->base.packed.open(PackedDirectory::pack(all.values()));
    return in;
}

} // namespace Crm
