// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "counterpartysearch.h"

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
    QSet<qint64> seen;
    // No limit: the list shows every match, the view scrolls.
    const auto hits = index.find(text, 0);
    for (const auto &hit : hits) {
        Hit h{hit.entry, hit.match, {}};
        if (hit.entry.kind == DirectoryEntry::Kind::Employee) {
            continue;
        }
        if (hit.entry.kind == DirectoryEntry::Kind::Person) {
            const auto owners = index.byUid(hit.entry.counterpartyUid);
            if (owners.isEmpty()) {
                continue;
            }
            h.counterparty = owners.constFirst();
            h.viaPerson = hit.entry.displayName;
        }
        if (!inGroup(h.counterparty) || seen.contains(h.counterparty.itemId)) {
            continue;
        }
        seen.insert(h.counterparty.itemId);
        out << h;
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
