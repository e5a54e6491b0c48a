// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "directory.h"
#include "akonadi/collectionlocator.h"
#include "akonadi/indexkeeper.h"

#include "vcard/vcardmapping.h"

#include <KLocalizedString>

#include <QTimer>

namespace Crm
{

void Directory::open(OpenMode mode, const std::function<void(const QString &error)> &done)
{
    auto locator = new CollectionLocator(CollectionLocator::Store::AddressBooks,
                                         mode == OpenMode::CreateIfMissing ? CollectionLocator::Mode::CreateIfMissing : CollectionLocator::Mode::FindOnly,
                                         this);
    connect(locator, &KJob::result, this, [this, locator, done] {
        if (locator->error()) {
            done(locator->errorText());
            return;
        }
        m_collections = CrmCollections(locator->counterparties(), locator->employees());
        m_cache = std::make_unique<DirectoryIndexCache>(m_collections.counterparties(), m_collections.employees(), m_storage);
        // The reminder agent keeps this index when it runs (IndexKeeper):
        // what it vouches for spares asking the server what changed.
        m_cache->setKeeper(IndexKeeper::asker(DirectoryIndexCache::keeperName()));
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

void Directory::card(const DirectoryEntry &entry, const CardDone &done)
{
    // Answered from the event loop, also when the index alone says no.
    auto refuse = [this, done](const QString &error) {
        QTimer::singleShot(0, this, [done, error] {
            done(std::nullopt, error);
        });
    };
    qint64 counterpartyId = entry.itemId;
    if (entry.kind == DirectoryEntry::Kind::Person) {
        const auto owners = index().byUid(entry.counterpartyUid);
        if (owners.isEmpty()) {
            refuse(i18n("The contact person \"%1\" names a counterparty (%2) that is not in the directory.", entry.displayName, entry.counterpartyUid));
            return;
        }
        counterpartyId = owners.constFirst().itemId;
    } else if (entry.kind == DirectoryEntry::Kind::Employee) {
        refuse(i18n("\"%1\" is an employee, not a counterparty.", entry.displayName));
        return;
    }
    const std::optional<DirectoryEntry> counterpartyEntry = index().entry(counterpartyId);
    QList<Akonadi::Item::Id> ids{counterpartyId};
    const auto persons = index().personsOf(counterpartyEntry ? counterpartyEntry->uid : QString());
    for (const DirectoryEntry &p : persons) {
        ids << p.itemId;
    }
    // One round trip for the counterparty and all its persons.
    StorageJob *job = m_storage.fetch(ids);
    connect(job, &KJob::result, this, [job, counterpartyId, name = entry.displayName, done] {
        CounterpartyCard card;
        const auto items = job->items();
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
            done(std::nullopt, job->error() ? job->errorString() : i18n("The counterparty \"%1\" is no longer in Akonadi.", name));
            return;
        }
        std::sort(card.persons.begin(), card.persons.end(), [](const ContactPerson &a, const ContactPerson &b) {
            return a.name.localeAwareCompare(b.name) < 0;
        });
        done(card, {});
    });
}

} // namespace Crm
