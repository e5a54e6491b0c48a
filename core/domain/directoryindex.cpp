// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "directoryindex.h"

#include "compactbytes.h"

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

void DirectoryIndex::insert(const DirectoryEntry &entry)
{
    remove(entry.itemId);
    m_nameTextDirty = true;
    m_entries.insert(entry.itemId, entry);
    addKeys(entry);
}

void DirectoryIndex::remove(qint64 itemId)
{
    const auto it = m_entries.constFind(itemId);
    if (it == m_entries.cend()) {
        return;
    }
    removeKeys(*it);
    m_entries.erase(it);
    m_nameTextDirty = true;
}

void DirectoryIndex::clear()
{
    m_entries.clear();
    for (Lookup &l : m_lookups) {
        l = {};
    }
    m_nameTextDirty = true;
}

int DirectoryIndex::size() const
{
    return m_entries.size();
}

bool DirectoryIndex::contains(qint64 itemId) const
{
    return m_entries.contains(itemId);
}

const DirectoryEntry *DirectoryIndex::entry(qint64 itemId) const
{
    const auto it = m_entries.constFind(itemId);
    return it == m_entries.cend() ? nullptr : &*it;
}

QList<DirectoryEntry> DirectoryIndex::entries() const
{
    return m_entries.values();
}

QStringList DirectoryIndex::keysOf(Key key, const DirectoryEntry &e)
{
    auto one = [](const QString &k) {
        return k.isEmpty() ? QStringList() : QStringList{k};
    };
    switch (key) {
    case Key::Uid:
        return one(e.uid);
    case Key::TaxCode:
        return one(e.taxCode);
    case Key::PhoneSuffix: {
        QStringList suffixes;
        suffixes.reserve(e.phones.size());
        for (const QString &p : e.phones) {
            suffixes.append(SearchKeys::phoneSuffix(p));
        }
        return suffixes;
    }
    case Key::Email:
        return e.emails;
    case Key::Counterparty:
        return one(e.counterpartyUid);
    case Key::ExactName:
        return e.nameKeys;
    }
    return {};
}

bool DirectoryIndex::hasKey(Key key, const DirectoryEntry &e, const QString &value)
{
    // What keysOf() would list, compared without making the list: a scan
    // calls this for every entry.
    switch (key) {
    case Key::Uid:
        return e.uid == value;
    case Key::TaxCode:
        return e.taxCode == value;
    case Key::PhoneSuffix:
        return std::any_of(e.phones.cbegin(), e.phones.cend(), [&value](const QString &p) {
            return QStringView(p).right(9) == value;
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

const QMultiHash<QString, qint64> &DirectoryIndex::lookup(Key key) const
{
    Lookup &l = m_lookups[int(key)];
    if (!l.built) {
        for (const DirectoryEntry &e : m_entries) {
            for (const QString &k : keysOf(key, e)) {
                l.hash.insert(k, e.itemId);
            }
        }
        l.built = true;
    }
    return l.hash;
}

void DirectoryIndex::addKeys(const DirectoryEntry &e)
{
    for (int k = 0; k < KeyCount; ++k) {
        if (m_lookups[k].built) {
            for (const QString &key : keysOf(Key(k), e)) {
                m_lookups[k].hash.insert(key, e.itemId);
            }
        }
    }
}

void DirectoryIndex::removeKeys(const DirectoryEntry &e)
{
    for (int k = 0; k < KeyCount; ++k) {
        if (m_lookups[k].built) {
            for (const QString &key : keysOf(Key(k), e)) {
                m_lookups[k].hash.remove(key, e.itemId);
            }
        }
    }
}

QList<qint64> DirectoryIndex::idsFor(Key key, const QString &value) const
{
    QList<qint64> ids;
    Lookup &l = m_lookups[int(key)];
    if (!l.built && l.scans < ScansBeforeHash) {
        // The first questions are answered by a scan (tens of milliseconds
        // at 400,000 entries, where the hash takes about a second to build):
        // a cold crmctl asks one or two. Later ones build the hash.
        ++l.scans;
        for (const DirectoryEntry &e : m_entries) {
            if (hasKey(key, e, value)) {
                ids.append(e.itemId);
            }
        }
        return ids;
    }
    const auto &hash = lookup(key);
    for (auto it = hash.constFind(value); it != hash.cend() && it.key() == value; ++it) {
        ids.append(it.value());
    }
    return ids;
}

QList<DirectoryEntry> DirectoryIndex::collect(Key key, const QString &value) const
{
    QList<DirectoryEntry> out;
    const QList<qint64> ids = idsFor(key, value);
    out.reserve(ids.size());
    for (const qint64 id : ids) {
        out << m_entries.value(id);
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

void DirectoryIndex::buildNameText() const
{
    m_nameText.clear();
    m_nameStarts.clear();
    m_nameIds.clear();
    qsizetype total = 0;
    for (const DirectoryEntry &e : m_entries) {
        for (const QString &name : e.nameKeys) {
            total += name.size() + 1;
        }
    }
    m_nameText.reserve(total);
    m_nameStarts.reserve(m_entries.size());
    m_nameIds.reserve(m_entries.size());
    for (const DirectoryEntry &e : m_entries) {
        m_nameStarts << m_nameText.size();
        m_nameIds << e.itemId;
        // A separator no folded key contains, so no match spans two names.
        for (const QString &name : e.nameKeys) {
            m_nameText += name;
            m_nameText += QChar(u'\n');
        }
    }
    m_nameTextDirty = false;
}

QList<DirectoryEntry> DirectoryIndex::byNamePart(QStringView text, int limit) const
{
    const QString needle = SearchKeys::name(text);
    QList<DirectoryEntry> out;
    const QList<qint64> ids = idsByNamePart(text);
    out.reserve(ids.size());
    for (const qint64 id : ids) {
        out << m_entries.value(id);
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
    for (const DirectoryEntry &e : m_entries) {
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
    if (m_nameTextDirty) {
        buildNameText();
    }
    // Each hit is the entry whose key holds the match: the last key start at or before it.
    for (qsizetype pos = m_nameText.indexOf(needle); pos >= 0;) {
        const auto at = std::upper_bound(m_nameStarts.cbegin(), m_nameStarts.cend(), pos) - m_nameStarts.cbegin() - 1;
        out << m_nameIds[at];
        const qsizetype next = at + 1 < m_nameStarts.size() ? m_nameStarts[at + 1] : m_nameText.size();
        pos = m_nameText.indexOf(needle, next);
    }
    return out;
}

const DirectoryEntry *DirectoryIndex::firstByUid(const QString &uid) const
{
    const QList<qint64> ids = idsFor(Key::Uid, uid);
    if (ids.isEmpty()) {
        return nullptr;
    }
    const auto entry = m_entries.constFind(ids.constFirst());
    return entry == m_entries.constEnd() ? nullptr : &*entry;
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
    CompactWriter out;
    auto putList = [&out](const QStringList &list) {
        out.putU32(quint32(list.size()));
        for (const QString &s : list) {
            out.putString(s);
        }
    };
    out.putU32(quint32(m_entries.size()));
    for (const DirectoryEntry &e : m_entries) {
        out.putI64(e.itemId);
        out.putU8(quint8(e.kind));
        out.putString(e.uid);
        out.putString(e.counterpartyUid);
        out.putString(e.displayName);
        putList(e.nameKeys);
        out.putString(e.taxCode);
        putList(e.phones);
        putList(e.emails);
        putList(e.groups);
    }
    return out.bytes();
}

bool DirectoryIndex::fromCompact(QByteArrayView bytes)
{
    clear();
    CompactReader in(bytes);
    auto getList = [&in](QStringList &list) {
        const quint32 n = in.u32();
        // Each string takes its 4-byte number: more than the bytes left is damage.
        if (n > quint32(in.left() / 4)) {
            in.fail();
            return;
        }
        list.reserve(n);
        for (quint32 i = 0; i < n && in.ok(); ++i) {
            list.append(in.string());
        }
    };
    const quint32 count = in.u32();
    m_entries.reserve(qsizetype(qMin<quint32>(count, quint32(bytes.size() / 37)))); // an entry takes at least 37 bytes
    for (quint32 i = 0; i < count && in.ok(); ++i) {
        DirectoryEntry e;
        e.itemId = in.i64();
        const quint8 kind = in.u8();
        e.uid = in.string();
        e.counterpartyUid = in.string();
        e.displayName = in.string();
        getList(e.nameKeys);
        e.taxCode = in.string();
        getList(e.phones);
        getList(e.emails);
        getList(e.groups);
        if (kind > quint8(DirectoryEntry::Kind::Employee)) {
            break;
        }
        e.kind = DirectoryEntry::Kind(kind);
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

QDataStream &operator<<(QDataStream &out, const DirectoryIndex &index)
{
    out << quint32(index.m_entries.size());
    for (const DirectoryEntry &e : index.m_entries) {
        out << e;
    }
    return out;
}

QDataStream &operator>>(QDataStream &in, DirectoryIndex &index)
{
    index.clear();
    quint32 count = 0;
    in >> count;
    for (quint32 i = 0; i < count && in.status() == QDataStream::Ok; ++i) {
        DirectoryEntry e;
        in >> e;
        if (in.status() == QDataStream::Ok) {
            index.insert(e);
        }
    }
    return in;
}

} // namespace Crm
