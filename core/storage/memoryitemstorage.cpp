// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "memoryitemstorage.h"

#include "akonadi/recordgid.h"

#include <KLocalizedString>

#include <QTimer>

namespace Crm
{

namespace
{
/// Reports from the event loop, never inside the call: callers connect
/// after the call returns, as with the server.
StorageJob *later(const std::function<void(StorageJob *)> &work)
{
    auto job = new StorageJob;
    QTimer::singleShot(0, job, [job, work] {
        work(job);
    });
    return job;
}

/// An item as a listing without payload shows it.
Akonadi::Item listed(const Akonadi::Item &stored)
{
    Akonadi::Item item(stored.id());
    item.setRevision(stored.revision());
    item.setParentCollection(stored.parentCollection());
    return item;
}
} // namespace

void MemoryItemStorage::addCollection(const Akonadi::Collection &collection)
{
    m_collections.insert(collection.id(), true);
}

qsizetype MemoryItemStorage::size() const
{
    return m_items.size();
}

StorageJob *MemoryItemStorage::fetch(const QList<Akonadi::Item::Id> &ids)
{
    return later([this, ids](StorageJob *job) {
        Akonadi::Item::List items;
        for (const auto id : ids) {
            const auto it = m_items.constFind(id);
            if (it != m_items.cend()) {
                items << *it;
            }
        }
        m_payloadsRead += items.size();
        job->setItems(items);
        job->finish();
    });
}

StorageJob *MemoryItemStorage::visit(const Akonadi::Collection &collection,
                                     const QDateTime &changedSince,
                                     const ItemFilter &wanted,
                                     const std::function<void(const Akonadi::Item::List &)> &batch)
{
    return later([this, collection, changedSince, wanted, batch](StorageJob *job) {
        if (!m_collections.contains(collection.id())) {
            job->finish(i18n("Collection %1 does not exist.", collection.id()));
            return;
        }
        Akonadi::Item::List items;
        for (const Akonadi::Item &item : std::as_const(m_items)) {
            if (item.parentCollection().id() == collection.id() && (!changedSince.isValid() || item.modificationTime() >= changedSince)
                && (!wanted || wanted(listed(item)))) {
                items << item;
            }
        }
        m_payloadsRead += items.size();
        if (!items.isEmpty()) {
            batch(items);
        }
        job->finish();
    });
}

qsizetype MemoryItemStorage::payloadsRead() const
{
    return m_payloadsRead;
}

StorageJob *MemoryItemStorage::revisions(const Akonadi::Collection &collection)
{
    return later([this, collection](StorageJob *job) {
        if (!m_collections.contains(collection.id())) {
            job->finish(i18n("Collection %1 does not exist.", collection.id()));
            return;
        }
        Akonadi::Item::List items;
        for (const Akonadi::Item &stored : std::as_const(m_items)) {
            if (stored.parentCollection().id() == collection.id()) {
                items << listed(stored);
            }
        }
        job->setItems(items);
        job->finish();
    });
}

StorageJob::Written MemoryItemStorage::store(const Write &w)
{
    Akonadi::Item item = w.item;
    if (!item.isValid()) {
        if (!m_collections.contains(w.collection.id())) {
            return {{}, i18n("Collection %1 does not exist.", w.collection.id())};
        }
        item = RecordGid::withGid(item);
        item.setId(m_nextId++);
        item.setRevision(0);
        item.setParentCollection(w.collection);
        item.setRemoteId(QStringLiteral("memory-%1").arg(item.id()));
    } else {
        const auto it = m_items.constFind(item.id());
        if (it == m_items.cend()) {
            return {{}, i18n("Item %1 does not exist.", item.id())};
        }
        // The server refuses a change based on an older revision.
        if (item.revision() != it->revision()) {
            return {{}, i18n("The item %1 was changed by someone else (revision %2, stored %3).", item.id(), item.revision(), it->revision())};
        }
        item.setRevision(it->revision() + 1);
        item.setParentCollection(it->parentCollection());
        item.setRemoteId(it->remoteId());
    }
    item.setModificationTime(QDateTime::currentDateTimeUtc());
    m_items.insert(item.id(), item);
    return {item, {}};
}

bool MemoryItemStorage::mergeKeepingModificationTime(const Akonadi::Item &item)
{
    const auto it = m_items.constFind(item.id());
    if (it == m_items.cend()) {
        return false;
    }
    Akonadi::Item merged = item;
    merged.setRevision(it->revision() + 1);
    merged.setParentCollection(it->parentCollection());
    merged.setRemoteId(it->remoteId());
    merged.setModificationTime(it->modificationTime());
    m_items.insert(merged.id(), merged);
    notifyChanged(merged);
    return true;
}

StorageJob *MemoryItemStorage::write(const QList<Write> &writes, int batchSize)
{
    Q_UNUSED(batchSize) // nothing here can fail half-way through a batch
    return later([this, writes](StorageJob *job) {
        QList<StorageJob::Written> results;
        results.reserve(writes.size());
        for (const Write &w : writes) {
            results << store(w);
            if (results.constLast().item.isValid()) {
                notifyChanged(results.constLast().item);
            }
        }
        job->setWritten(results);
        job->finish();
    });
}

StorageJob *MemoryItemStorage::remove(const QList<Akonadi::Item::Id> &ids)
{
    return later([this, ids](StorageJob *job) {
        for (const auto id : ids) {
            if (!m_items.contains(id)) {
                job->finish(i18n("Item %1 does not exist.", id));
                return;
            }
        }
        for (const auto id : ids) {
            notifyRemoved(m_items.take(id));
        }
        job->finish();
    });
}

StorageJob *MemoryItemStorage::count(const Akonadi::Collection::List &collections)
{
    return later([this, collections](StorageJob *job) {
        QHash<Akonadi::Collection::Id, qint64> counts;
        for (const Akonadi::Collection &c : collections) {
            if (m_collections.contains(c.id())) {
                counts.insert(c.id(), 0);
            }
        }
        for (const Akonadi::Item &item : std::as_const(m_items)) {
            const auto it = counts.find(item.parentCollection().id());
            if (it != counts.end()) {
                ++*it;
            }
        }
        job->setCounts(counts);
        job->finish();
    });
}

std::unique_ptr<StorageMonitor> MemoryItemStorage::monitor(const Akonadi::Collection::List &collections)
{
    auto monitor = std::make_unique<StorageMonitor>();
    Watch watch{monitor.get(), {}};
    for (const Akonadi::Collection &c : collections) {
        watch.collections.insert(c.id());
    }
    m_watches << watch;
    return monitor;
}

void MemoryItemStorage::notifyChanged(const Akonadi::Item &item)
{
    for (const Watch &w : std::as_const(m_watches)) {
        if (w.monitor && w.collections.contains(item.parentCollection().id())) {
            QTimer::singleShot(0, w.monitor.data(), [monitor = w.monitor, item] {
                Q_EMIT monitor->itemChanged(item, item.parentCollection());
            });
        }
    }
}

void MemoryItemStorage::notifyRemoved(const Akonadi::Item &item)
{
    for (const Watch &w : std::as_const(m_watches)) {
        if (w.monitor && w.collections.contains(item.parentCollection().id())) {
            QTimer::singleShot(0, w.monitor.data(), [monitor = w.monitor, id = item.id()] {
                Q_EMIT monitor->itemRemoved(id);
            });
        }
    }
}

} // namespace Crm
