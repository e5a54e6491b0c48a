// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "directory.h"
#include "akonadi/collectionlocator.h"
#include "akonadi/writebarrier.h"

#include "vcard/vcardmapping.h"

#include <KLocalizedString>

namespace Crm
{

void Directory::open(OpenMode mode, const std::function<void(const QString &error)> &done)
{
    auto locator = new CollectionLocator(CollectionLocator::Store::AddressBooks,
                                         mode == OpenMode::CreateIfMissing ? CollectionLocator::Mode::CreateIfMissing : CollectionLocator::Mode::FindOnly,
                                         this);
    connect(locator, &KJob::result, this, [this, locator, mode, done] {
        if (locator->error()) {
            done(locator->errorText());
            return;
        }
        m_collections = CrmCollections(locator->counterparties(), locator->employees());
        if (mode == OpenMode::CreateIfMissing) {
            WriteBarrier::repairAtStart({m_collections.counterparties(), m_collections.employees()});
        }
        m_cache = std::make_unique<DirectoryIndexCache>(m_collections.counterparties(), m_collections.employees(), m_storage);
        m_cache->open(done);
    });
    locator->start();
}

const DirectoryIndex &Directory::index() const
{
    return m_cache->index();
}

ItemStorage &Directory::storage()
{
    return m_storage;
}

const ItemStore &Directory::store() const
{
    return m_store;
}

DirectoryIndexCache &Directory::cache()
{
    return *m_cache;
}

const CrmCollections &Directory::collections() const
{
    return m_collections;
}

QList<DirectoryEntry> Directory::counterparties(const QString &group) const
{
    QList<DirectoryEntry> out = index().ofKind(DirectoryEntry::Kind::Counterparty);
    if (!group.isEmpty()) {
        out.removeIf([&group](const DirectoryEntry &e) {
            return !e.groups.contains(group, Qt::CaseInsensitive);
        });
    }
    return out;
}

std::optional<CounterpartyCard> Directory::card(const DirectoryEntry &entry, QString *error) const
{
    qint64 counterpartyId = entry.itemId;
    if (entry.kind == DirectoryEntry::Kind::Person) {
        const auto owners = index().byUid(entry.counterpartyUid);
        if (owners.isEmpty()) {
            if (error) {
                *error = i18n("The contact person \"%1\" names a counterparty (%2) that is not in the directory.", entry.displayName, entry.counterpartyUid);
            }
            return std::nullopt;
        }
        counterpartyId = owners.constFirst().itemId;
    } else if (entry.kind == DirectoryEntry::Kind::Employee) {
        if (error) {
            *error = i18n("\"%1\" is an employee, not a counterparty.", entry.displayName);
        }
        return std::nullopt;
    }
    const DirectoryEntry *counterpartyEntry = index().entry(counterpartyId);
    QList<Akonadi::Item::Id> ids{counterpartyId};
    const auto persons = index().personsOf(counterpartyEntry ? counterpartyEntry->uid : QString());
    for (const DirectoryEntry &p : persons) {
        ids << p.itemId;
    }
    // One round trip for the counterparty and all its persons.
    QString fetchError;
    const auto items = m_store.fetch(ids, &fetchError);
    CounterpartyCard card;
    for (const Akonadi::Item &item : items) {
        if (!item.hasPayload<KContacts::Addressee>()) {
            continue;
        }
        const auto a = item.payload<KContacts::Addressee>();
        if (item.id() == counterpartyId) {
            card.itemId = item.id();
            card.counterparty = VCardMapping::counterpartyFrom(a);
        } else {
            card.persons << VCardMapping::personFrom(a);
        }
    }
    if (card.itemId < 0) {
        if (error) {
            *error = fetchError.isEmpty() ? i18n("The counterparty \"%1\" is no longer in Akonadi.", entry.displayName) : fetchError;
        }
        return std::nullopt;
    }
    std::sort(card.persons.begin(), card.persons.end(), [](const ContactPerson &a, const ContactPerson &b) {
        return a.name.localeAwareCompare(b.name) < 0;
    });
    return card;
}

} // namespace Crm
