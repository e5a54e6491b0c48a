// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "directoryindex.h"

#include "packeddirectory.h"

#include "counterparty.h"
#include "searchkeys.h"

#include <QCollator>
#include <algorithm>

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

DirectoryIndex::DirectoryIndex()
    : m_packed(std::make_unique<PackedDirectory>())
{
}

DirectoryIndex::~DirectoryIndex() = default;

DirectoryIndex::DirectoryIndex(const DirectoryIndex &other)
    : m_packed(std::make_unique<PackedDirectory>(*other.m_packed))
    , m_changed(other.m_changed)
    , m_superseded(other.m_superseded)
{
}

DirectoryIndex &DirectoryIndex::operator=(const DirectoryIndex &other)
{
    if (this != &other) {
        *m_packed = *other.m_packed;
        m_changed = other.m_changed;
        m_superseded = other.m_superseded;
    }
    return *this;
}

void DirectoryIndex::insert(const DirectoryEntry &entry)
{
    if (m_packed->find(entry.itemId) >= 0) {
        m_superseded.insert(entry.itemId);
    }
    m_changed.insert(entry.itemId, entry);
    packIfMany();
}

void DirectoryIndex::remove(qint64 itemId)
{
    m_changed.remove(itemId);
    if (m_packed->find(itemId) >= 0) {
        m_superseded.insert(itemId);
    }
}

void DirectoryIndex::packIfMany()
{
    // An eighth of the packed entries: filling an empty index packs every
    // time it grows by an eighth, about nine times the work of packing once
    // (a second at 400,000 entries), while the changes, held as
    // DirectoryEntry at four times their packed size, stay a small part of
    // the memory and a scan of them short beside the binary searches.
    constexpr qsizetype fewest = 2048;
    if (m_changed.size() < std::max<qsizetype>(fewest, m_packed->size() / 8)) {
        return;
    }
    PackedDirectory packed;
    packed.open(packAll());
    *m_packed = std::move(packed);
    m_changed.clear();
    m_superseded.clear();
}

QByteArray DirectoryIndex::packAll() const
{
    // The packed records still current and the changes, merged in the
    // order of their item ids and handed to pack() one at a time: all the
    // entries as DirectoryEntry would take four times the packed block.
    QList<const DirectoryEntry *> changed;
    changed.reserve(m_changed.size());
    for (const DirectoryEntry &e : m_changed) {
        changed.append(&e);
    }
    std::sort(changed.begin(), changed.end(), [](const DirectoryEntry *a, const DirectoryEntry *b) {
        return a->itemId < b->itemId;
    });
    // Each entry: a packed record (>= 0), or a change (-1 - its place in changed).
    QList<qint32> order;
    order.reserve(size());
    qsizetype c = 0;
    for (int r = 0; r < m_packed->size(); ++r) {
        if (!isCurrent(r)) {
            continue;
        }
        const qint64 id = m_packed->itemIdAt(r);
        for (; c < changed.size() && changed.at(c)->itemId < id; ++c) {
            order.append(qint32(-1 - c));
        }
        order.append(r);
    }
    for (; c < changed.size(); ++c) {
        order.append(qint32(-1 - c));
    }
    return PackedDirectory::pack(order.size(), [&](qsizetype i) {
        const qint32 at = order.at(i);
        return at >= 0 ? m_packed->entryAt(at) : *changed.at(-1 - at);
    });
}

void DirectoryIndex::clear()
{
    *m_packed = {};
    m_changed.clear();
    m_superseded.clear();
}

bool DirectoryIndex::isCurrent(int record) const
{
    return m_superseded.isEmpty() || !m_superseded.contains(m_packed->itemIdAt(record));
}

int DirectoryIndex::size() const
{
    return m_packed->size() - m_superseded.size() + m_changed.size();
}

bool DirectoryIndex::contains(qint64 itemId) const
{
    return m_changed.contains(itemId) || (!m_superseded.contains(itemId) && m_packed->find(itemId) >= 0);
}

std::optional<DirectoryEntry> DirectoryIndex::entry(qint64 itemId) const
{
    const auto changed = m_changed.constFind(itemId);
    if (changed != m_changed.cend()) {
        return *changed;
    }
    const int record = m_superseded.contains(itemId) ? -1 : m_packed->find(itemId);
    if (record < 0) {
        return std::nullopt;
    }
    return m_packed->entryAt(record);
}

QList<DirectoryEntry> DirectoryIndex::entries() const
{
    QList<DirectoryEntry> out;
    out.reserve(size());
    for (int r = 0; r < m_packed->size(); ++r) {
        if (isCurrent(r)) {
            out.append(m_packed->entryAt(r));
        }
    }
    for (const DirectoryEntry &e : m_changed) {
        out.append(e);
    }
    return out;
}

bool DirectoryIndex::hasKey(Key key, const DirectoryEntry &e, const QString &value)
{
    switch (key) {
    case Key::Uid:
        return e.uid == value;
    case Key::TaxCode:
        return e.taxCode == value;
    case Key::PhoneSuffix:
        return std::any_of(e.phones.cbegin(), e.phones.cend(), [&value](const QString &p) {
            return SearchKeys::phoneSuffix(p) == value;
        });
    case Key::Email:
        return e.emails.contains(value);
    case Key::Counterparty:
        return e.counterpartyUid == value;
    case Key::ExactName:
        return e.nameKeys.contains(value);
    }
    return false;
}

QList<qint64> DirectoryIndex::idsFor(Key key, const QString &value) const
{
    QList<qint64> ids;
    for (const int record : m_packed->records(key, value.toUtf8())) {
        if (isCurrent(record)) {
            ids.append(m_packed->itemIdAt(record));
        }
    }
    for (const DirectoryEntry &e : m_changed) {
        if (hasKey(key, e, value)) {
            ids.append(e.itemId);
        }
    }
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
    for (int r = 0; r < m_packed->size(); ++r) {
        if (m_packed->kindAt(r) == kind && isCurrent(r)) {
            out << m_packed->entryAt(r);
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
    for (const int record : m_packed->recordsByNamePart(needle.toUtf8())) {
        if (isCurrent(record)) {
            out << m_packed->itemIdAt(record);
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
    if (m_changed.isEmpty() && m_superseded.isEmpty() && m_packed->size() > 0) {
        return m_packed->bytes();
    }
    return packAll();
}

bool DirectoryIndex::fromCompact(const QByteArray &bytes)
{
    clear();
    return m_packed->open(bytes);
}

bool DirectoryIndex::fromCompact(const QByteArray &holder, qsizetype offset, qsizetype size)
{
    clear();
    return m_packed->open(holder, offset, size);
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
    index.m_packed->open(PackedDirectory::pack(all.values()));
    return in;
}

} // namespace Crm
