// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "counterpartyresolver.h"

#include "searchkeys.h"

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

CounterpartyMatch CounterpartyMatch::resolve(const DirectoryIndex &index, const QString &text)
{
    CounterpartyMatch match;
    // The hits may be a counterparty and its own persons: they are one card.
    const auto hits = index.find(text);
    QList<DirectoryEntry> owners;
    QStringList ownerUids;
    for (const auto &hit : hits) {
        if (hit.entry.kind == DirectoryEntry::Kind::Employee) {
            continue;
        }
        const QString uid = hit.entry.kind == DirectoryEntry::Kind::Person ? hit.entry.counterpartyUid : hit.entry.uid;
        if (!ownerUids.contains(uid)) {
            ownerUids << uid;
            owners << hit.entry;
        }
    }
    if (owners.isEmpty()) {
        return match;
    }
    if (owners.size() > 1) {
        // An exact name wins over names that merely contain the text.
        const QString key = SearchKeys::name(text);
        QList<DirectoryEntry> exact;
        for (const DirectoryEntry &e : std::as_const(owners)) {
            if (e.kind == DirectoryEntry::Kind::Counterparty && e.nameKey.split(u" | "_s).contains(key)) {
                exact << e;
            }
        }
        if (exact.size() != 1) {
            match.outcome = Outcome::Ambiguous;
            match.candidates = owners;
            return match;
        }
        match.outcome = Outcome::Found;
        match.counterparty = exact.constFirst();
        return match;
    }
    const DirectoryEntry &only = owners.constFirst();
    if (only.kind == DirectoryEntry::Kind::Person) {
        const auto owner = index.byUid(only.counterpartyUid);
        if (owner.isEmpty()) {
            match.outcome = Outcome::OrphanPerson;
            match.candidates = {only};
            return match;
        }
        match.outcome = Outcome::Found;
        match.counterparty = owner.constFirst();
        return match;
    }
    match.outcome = Outcome::Found;
    match.counterparty = only;
    return match;
}

} // namespace Crm
