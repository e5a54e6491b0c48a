// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "counterpartysearch.h"

#include "searchkeys.h"

#include <QCollator>
#include <QHash>
#include <QSet>

#include <algorithm>

namespace Crm
{

QList<CounterpartySearch::Hit> CounterpartySearch::run(const DirectoryIndex &index, QStringView text, const QString &group)
{
    auto inGroup = [&group](const DirectoryEntry &e) {
        return group.isEmpty() || e.groups.contains(group, Qt::CaseInsensitive);
    };
    QList<Hit> out;
    if (text.trimmed().isEmpty()) {
        const auto all = index.ofKind(DirectoryEntry::Kind::Counterparty);
        for (const DirectoryEntry &e : all) {
            if (inGroup(e)) {
                out << Hit{e, DirectoryIndex::Match::Name, {}};
            }
        }
        return out;
    }
    // Exact keys (UID, tax code, e-mail, phone) first; a name part only when none matched.
    QSet<qint64> seen;
    const QList<DirectoryIndex::Hit> exact = index.findExact(text);
    for (const auto &hit : exact) {
        Hit h{hit.entry, hit.match, {}};
        if (hit.entry.kind == DirectoryEntry::Kind::Employee) {
            continue;
        }
        if (hit.entry.kind == DirectoryEntry::Kind::Person) {
            const auto owner = index.firstByUid(hit.entry.counterpartyUid);
            if (!owner) {
                continue;
            }
            h.counterparty = *owner;
            h.viaPerson = hit.entry.displayName;
        }
        if (!inGroup(h.counterparty) || seen.contains(h.counterparty.itemId)) {
            continue;
        }
        seen.insert(h.counterparty.itemId);
        out << h;
    }
    if (!exact.isEmpty()) {
        return out;
    }
    return byNamePart(index, text, group);
}

QList<CounterpartySearch::Hit> CounterpartySearch::byNamePart(const DirectoryIndex &index, QStringView text, const QString &group)
{
    // A letter typed can match tens of thousands of names (every "Person…"
    // for "p"): each counterparty is made from the index once.
    struct Found {
        DirectoryEntry counterparty;
        QString person; ///< the name of the person whose name matched, if it was one
        bool viaPerson = false;
        bool prefix = false; ///< the matching name starts with the text
    };
    auto firstKey = [](const DirectoryEntry &e) {
        return e.nameKeys.isEmpty() ? QString() : e.nameKeys.constFirst();
    };
    const QString needle = SearchKeys::name(text);
    QHash<qint64, Found> found;
    QHash<QString, std::optional<DirectoryEntry>> owners; // a counterparty's persons share it
    const QList<qint64> ids = index.idsByNamePart(text);
    found.reserve(ids.size());
    for (const qint64 id : ids) {
        const std::optional<DirectoryEntry> e = index.entry(id);
        if (!e || e->kind == DirectoryEntry::Kind::Employee) {
            continue;
        }
        Found f;
        f.prefix = firstKey(*e).startsWith(needle);
        if (e->kind == DirectoryEntry::Kind::Person) {
            auto owner = owners.find(e->counterpartyUid);
            if (owner == owners.end()) {
                owner = owners.insert(e->counterpartyUid, index.firstByUid(e->counterpartyUid));
            }
            if (!*owner) {
                continue;
            }
            f.counterparty = **owner;
            f.person = e->displayName;
            f.viaPerson = true;
        } else {
            f.counterparty = *e;
        }
        if (!group.isEmpty() && !f.counterparty.groups.contains(group, Qt::CaseInsensitive)) {
            continue;
        }
        // The counterparty's own name beats one of its people's.
        auto it = found.find(f.counterparty.itemId);
        if (it == found.end()) {
            found.insert(f.counterparty.itemId, f);
        } else if (it->viaPerson && (!f.viaPerson || (f.prefix && !it->prefix))) {
            *it = f;
        }
    }
    QList<Found> sorted = found.values();
    // As DirectoryIndex::find: names that start with the text first, then
    // counterparties found by their own name, then alphabetical.
    std::sort(sorted.begin(), sorted.end(), [&firstKey](const Found &a, const Found &b) {
        if (a.prefix != b.prefix) {
            return a.prefix;
        }
        if (a.viaPerson != b.viaPerson) {
            return !a.viaPerson;
        }
        return firstKey(a.counterparty) < firstKey(b.counterparty);
    });
    QList<Hit> out;
    out.reserve(sorted.size());
    for (const Found &f : std::as_const(sorted)) {
        out << Hit{f.counterparty, DirectoryIndex::Match::Name, f.person};
    }
    return out;
}

QStringList CounterpartySearch::groups(const DirectoryIndex &index)
{
    QHash<QString, QString> byFolded;
    const auto all = index.ofKind(DirectoryEntry::Kind::Counterparty);
    for (const DirectoryEntry &e : all) {
        for (const QString &g : e.groups) {
            const QString key = g.toCaseFolded();
            // Of the spellings of one group, the same one every time.
            if (!g.isEmpty() && (!byFolded.contains(key) || g < byFolded.value(key))) {
                byFolded.insert(key, g);
            }
        }
    }
    QStringList out = byFolded.values();
    QCollator collator;
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    std::sort(out.begin(), out.end(), [&collator](const QString &a, const QString &b) {
        return collator.compare(a, b) < 0;
    });
    return out;
}

} // namespace Crm
