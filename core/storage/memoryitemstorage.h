// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "storage/itemstorage.h"

#include <QHash>
#include <QMap>
#include <QPointer>
#include <QSet>

namespace Crm
{

/// An in-memory ItemStorage for unit tests: answers from the event loop,
/// as the server does, gives ids, revisions, modification times and a remote
/// id (as if a resource had written each item at once). The storage contract
/// test runs against it and against a real Akonadi server.
class KONTACTCRMCORE_EXPORT MemoryItemStorage : public ItemStorage
{
public:
    /// Makes @p collection known: writes into any other collection fail.
    void addCollection(const Akonadi::Collection &collection);

    StorageJob *fetch(const QList<Akonadi::Item::Id> &ids) override;
    using ItemStorage::visit;
    StorageJob *visit(const Akonadi::Collection &collection,
                      const QDateTime &changedSince,
                      const ItemFilter &wanted,
                      const std::function<void(const Akonadi::Item::List &)> &batch) override;
    StorageJob *revisions(const Akonadi::Collection &collection) override;
    StorageJob *write(const QList<Write> &writes, int batchSize = 200) override;
    StorageJob *remove(const QList<Akonadi::Item::Id> &ids) override;
    StorageJob *count(const Akonadi::Collection::List &collections) override;
    std::unique_ptr<StorageMonitor> monitor(const Akonadi::Collection::List &collections) override;

    /// How many items are stored now (tests).
    qsizetype size() const;
    /// How many items were handed out with their payload so far (tests).
    qsizetype payloadsRead() const;

    /// Stores a change to @p item as a resource merges what it read from
    /// its files or its server (Akonadi::ItemSync): a new revision, the
    /// modification time kept, so "changed since" does not return it
    /// (tests). False when the item does not exist.
    bool mergeKeepingModificationTime(const Akonadi::Item &item);

private:
    StorageJob::Written store(const Write &w);
    /// Tells the monitors, from the event loop as the server's notifications come.
    void notifyChanged(const Akonadi::Item &item);
    void notifyRemoved(const Akonadi::Item &item);

    struct Watch {
        QPointer<StorageMonitor> monitor;
        QSet<Akonadi::Collection::Id> collections;
    };
    QList<Watch> m_watches;

    QHash<Akonadi::Collection::Id, bool> m_collections;
    QMap<Akonadi::Item::Id, Akonadi::Item> m_items; ///< ordered like the server's ids
    Akonadi::Item::Id m_nextId = 1;
    qsizetype m_payloadsRead = 0;
};

} // namespace Crm
