// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "counterpartyresolver.h"

#include "searchkeys.h"

#include <algorithm>

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
            if (e.kind == DirectoryEntry::Kind::Counterparty && e.nameKeys.contains(key)) {
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

Participant ContactPersonMatch::participant() const
{
    return Participant{person.uid, person.name, person.emails.value(0)};
}

ContactPersonMatch ContactPersonMatch::resolve(const QList<ContactPerson> &persons, const QString &text)
{
    ContactPersonMatch match;
    const QString key = SearchKeys::name(text);
    const QString email = SearchKeys::email(text);
    QList<ContactPerson> exact;
    for (const ContactPerson &p : persons) {
        const bool byEmail = !email.isEmpty() && std::any_of(p.emails.cbegin(), p.emails.cend(), [&email](const QString &e) {
            return SearchKeys::email(e) == email;
        });
        const QString name = SearchKeys::name(p.name);
        if (byEmail || (!key.isEmpty() && name.contains(key))) {
            match.candidates << p;
        }
        if (byEmail || (!key.isEmpty() && name == key)) {
            exact << p;
        }
    }
    // "Olena" among Olena and Olena Petrenko is Olena: an exact name or an
    // e-mail wins over names that merely contain the text.
    if (match.candidates.size() > 1 && exact.size() == 1) {
        match.candidates = exact;
    }
    if (match.candidates.size() == 1) {
        match.outcome = Outcome::Found;
        match.person = match.candidates.takeFirst();
    } else if (!match.candidates.isEmpty()) {
        match.outcome = Outcome::Ambiguous;
    }
    return match;
}

EmployeeMatch EmployeeMatch::resolve(const DirectoryIndex &index, const QString &email)
{
    EmployeeMatch match;
    match.employees = index.ofKind(DirectoryEntry::Kind::Employee);
    if (match.employees.isEmpty()) {
        return match;
    }
    const QString key = SearchKeys::email(email);
    for (const DirectoryEntry &e : std::as_const(match.employees)) {
        if (!key.isEmpty() && e.emails.contains(key)) {
            match.outcome = Outcome::Found;
            match.employee = e;
            return match;
        }
    }
    std::sort(match.employees.begin(), match.employees.end(), [](const DirectoryEntry &a, const DirectoryEntry &b) {
        return a.displayName.localeAwareCompare(b.displayName) < 0;
    });
    match.outcome = Outcome::NotAnEmployee;
    return match;
}

} // namespace Crm
