// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "akonadiitemstorage.h"

#include "akonadi/categorytags.h"
#include "akonadi/recordgid.h"
#include "akonadi/writebarrier.h"
#include "crmcore_debug.h"
#include "storage/payloadfetch.h"

#include <Akonadi/CollectionFetchJob>
#include <Akonadi/CollectionFetchScope>
#include <Akonadi/CollectionStatistics>
#include <Akonadi/ItemCreateJob>
#include <Akonadi/ItemDeleteJob>
#include <Akonadi/ItemFetchJob>
#include <Akonadi/ItemFetchScope>
#include <Akonadi/ItemModifyJob>
#include <Akonadi/Monitor>
#include <Akonadi/Session>
#include <Akonadi/TransactionSequence>

#include <KLocalizedString>

#include <QHash>
#include <QSet>
#include <QTimer>

#include <algorithm>

namespace Crm
{

namespace
{
/// A listing of a collection's items that asks for no payload is answered
/// from the server's database, and cache-only keeps it from asking the
/// resource to synchronize the collection too (which the server does for a
/// folder whose cache policy syncs on demand, as a maildir's). Such a sync
/// races the resource's own queue: listing the register's archive right
/// after a letter was moved there made the maildir resource read the new
/// folder before it had moved the file, and drop the letter from Akonadi.
void avoidSync(Akonadi::ItemFetchScope &scope)
{
    scope.setCacheOnly(true);
}
} // namespace

AkonadiItemStorage::AkonadiItemStorage(const QSet<QByteArray> &payloadParts)
    : m_payloadParts(payloadParts)
{
}

void AkonadiItemStorage::setListingSession(const std::function<Akonadi::Session *()> &session)
{
    m_makeListingSession = session;
    m_listingSession = nullptr;
}

Akonadi::Session *AkonadiItemStorage::listingSession() const
{
    if (!m_listingSession && m_makeListingSession) {
        m_listingSession = m_makeListingSession();
    }
    return m_listingSession;
}

QObject *AkonadiItemStorage::listingParent(QObject *fallback) const
{
    // An Akonadi job runs in the session that is its parent, and in the
    // default session under any other parent.
    Akonadi::Session *session = listingSession();
    return session ? static_cast<QObject *>(session) : fallback;
}

void AkonadiItemStorage::setPayloadScope(Akonadi::ItemFetchScope &scope, const QSet<QByteArray> &payloadParts)
{
    if (payloadParts.isEmpty()) {
        scope.fetchFullPayload();
        return;
    }
    for (const QByteArray &part : payloadParts) {
        scope.fetchPayloadPart(part);
    }
}

std::function<void(Akonadi::ItemFetchScope &)> AkonadiItemStorage::fetchScope() const
{
    return [payloadParts = m_payloadParts](Akonadi::ItemFetchScope &scope) {
        setPayloadScope(scope, payloadParts);
        scope.setFetchModificationTime(true);
        scope.setFetchGid(true);
        // Ids that no longer exist are left out rather than failing the lot.
        scope.setIgnoreRetrievalErrors(true);
    };
}

namespace
{
Akonadi::Job *writeJob(const ItemStorage::Write &w, const CategoryTags::Tags &tags, QObject *parent)
{
    if (w.item.isValid()) {
        return new Akonadi::ItemModifyJob(CategoryTags::applied(w.item, tags), parent);
    }
    return new Akonadi::ItemCreateJob(RecordGid::withGid(CategoryTags::applied(w.item, tags)), w.collection, parent);
}

StorageJob::Written writtenBy(KJob *job)
{
    if (job->error()) {
        return {{}, job->errorString()};
    }
    if (auto create = qobject_cast<Akonadi::ItemCreateJob *>(job)) {
        return {create->item(), {}};
    }
    if (auto modify = qobject_cast<Akonadi::ItemModifyJob *>(job)) {
        return {modify->item(), {}};
    }
    return {};
}

/// Writes one batch after the other in a transaction each; a batch whose
/// transaction fails is written again item by item. Reports the writes
/// once their resources have written them to their files or server (see
/// WriteBarrier). Lives as a child of the job it fills in.
class BatchWriter : public QObject
{
public:
    BatchWriter(StorageJob *job, const QList<ItemStorage::Write> &writes, int batchSize)
        : QObject(job)
        , m_job(job)
        , m_writes(writes)
        , m_batchSize(std::max(1, batchSize))
        , m_results(writes.size())
    {
        QSet<Akonadi::Collection::Id> collections;
        for (const ItemStorage::Write &w : writes) {
            collections.insert(w.item.isValid() ? w.item.parentCollection().id() : w.collection.id());
        }
        // Should this process die before its resources have written
        // everything, its next start repairs these collections.
        m_unconfirmed = std::make_unique<WriteBarrier::UnconfirmedWrites>(collections);
    }

    /// Finds the tags of every category written first (see CategoryTags).
    void start()
    {
        QStringList names;
        for (const ItemStorage::Write &w : std::as_const(m_writes)) {
            names << CategoryTags::of(w.item);
        }
        CategoryTags::resolve(names, this, [this](const CategoryTags::Tags &tags) {
            m_tags = tags;
            nextBatch();
        });
    }

    void nextBatch()
    {
        if (m_start >= m_writes.size()) {
            waitForResources();
            return;
        }
        const qsizetype end = std::min<qsizetype>(m_start + m_batchSize, m_writes.size());
        auto sequence = new Akonadi::TransactionSequence(this);
        sequence->setAutomaticCommittingEnabled(true);
        for (qsizetype i = m_start; i < end; ++i) {
            Akonadi::Job *job = writeJob(m_writes[i], m_tags, sequence);
            // Read while the sequence is alive: it deletes its children.
            connect(job, &KJob::result, this, [this, i](KJob *j) {
                m_results[i] = writtenBy(j);
            });
        }
        connect(sequence, &KJob::result, this, [this, end](KJob *j) {
            if (j->error()) {
                writeOneByOne(m_start, end);
            } else {
                m_start = end;
                nextBatch();
            }
        });
    }

private:
    void waitForResources()
    {
        Akonadi::Item::List stored;
        for (const StorageJob::Written &w : std::as_const(m_results)) {
            if (w.error.isEmpty() && w.item.isValid()) {
                stored << w.item;
            }
        }
        WriteBarrier::waitCommitted(stored, this, [this](const QHash<Akonadi::Item::Id, Akonadi::Item> &committed, const Akonadi::Item::List &stalled) {
            for (StorageJob::Written &w : m_results) {
                if (const auto it = committed.constFind(w.item.id()); w.error.isEmpty() && it != committed.cend()) {
                    w.item.setRemoteId(it->remoteId());
                }
            }
            if (stalled.isEmpty()) {
                report();
            } else {
                rewriteStalled(stalled);
            }
        });
    }

    /// Their change notification was lost (the server or the resource
    /// stopped): get them written again, once.
    void rewriteStalled(const Akonadi::Item::List &stalled)
    {
        QSet<Akonadi::Item::Id> stalledIds;
        for (const Akonadi::Item &item : stalled) {
            stalledIds.insert(item.id());
        }
        WriteBarrier::rewrite(stalled, this, [this, stalledIds](const QHash<Akonadi::Item::Id, Akonadi::Item> &rewritten, const QStringList &failures) {
            for (const QString &f : failures) {
                qCWarning(CRM_CORE_LOG) << f;
            }
            for (StorageJob::Written &w : m_results) {
                if (!w.error.isEmpty() || !stalledIds.contains(w.item.id())) {
                    continue;
                }
                if (const auto it = rewritten.constFind(w.item.id()); it != rewritten.cend()) {
                    w.item = *it;
                } else {
                    // Not done: Akonadi has it, its file does not (yet).
                    w = StorageJob::Written{Akonadi::Item(),
                                            i18n("Akonadi stored it, but its resource did not write it to disk; \"crmctl store sync\" tries again")};
                }
            }
            report();
        });
    }

    void report()
    {
        m_unconfirmed.reset();
        m_job->setWritten(m_results);
        m_job->finish();
    }

    void writeOneByOne(qsizetype at, qsizetype end)
    {
        if (at >= end) {
            m_start = end;
            nextBatch();
            return;
        }
        Akonadi::Job *job = writeJob(m_writes[at], m_tags, this);
        connect(job, &KJob::result, this, [this, at, end](KJob *j) {
            m_results[at] = writtenBy(j);
            writeOneByOne(at + 1, end);
        });
    }

    StorageJob *m_job;
    QList<ItemStorage::Write> m_writes;
    int m_batchSize;
    QList<StorageJob::Written> m_results;
    qsizetype m_start = 0;
    std::unique_ptr<WriteBarrier::UnconfirmedWrites> m_unconfirmed;
    CategoryTags::Tags m_tags;
};
} // namespace

StorageJob *AkonadiItemStorage::fetch(const QList<Akonadi::Item::Id> &ids)
{
    auto job = new StorageJob;
    if (ids.isEmpty()) {
        QTimer::singleShot(0, job, [job] {
            job->finish();
        });
        return job;
    }
    Akonadi::Item::List items;
    items.reserve(ids.size());
    for (const auto id : ids) {
        items << Akonadi::Item(id);
    }
    PayloadFetch::start(items, fetchScope(), job, [job](const Akonadi::Item::List &found, const QString &) {
        // (Akonadi fails a fetch by id when none of the ids exists: that is
        // no error here.) The server names each item's collection as its
        // storage collection; asking for the parent collection as an
        // ancestor instead costs a collection look-up per fetch.
        Akonadi::Item::List items = found;
        for (Akonadi::Item &item : items) {
            item.setParentCollection(Akonadi::Collection(item.storageCollectionId()));
        }
        job->setItems(items);
        job->finish();
    });
    return job;
}

namespace
{
/// visit() a page at a time: first the ids of the items (no payload), then
/// their payloads in pages, one page after the other. One fetch of the
/// whole collection would have the session queue every answer the server
/// sends while the caller is still working on the first ones: memory would
/// grow with the collection (5 KB a vCard), not with the page.
class PagedVisit : public QObject
{
public:
    static constexpr qsizetype pageSize = 500;

    PagedVisit(StorageJob *job,
               QObject *listingParent,
               const Akonadi::Collection &collection,
               const QDateTime &changedSince,
               ItemStorage::ItemFilter wanted,
               std::function<void(const Akonadi::Item::List &)> batch,
               std::function<void(Akonadi::ItemFetchScope &)> payloadScope)
        : QObject(job)
        , m_job(job)
        , m_collection(collection)
        , m_wanted(std::move(wanted))
        , m_batch(std::move(batch))
        , m_payloadScope(std::move(payloadScope))
    {
        auto list = new Akonadi::ItemFetchJob(collection, listingParent ? listingParent : this);
        list->fetchScope().fetchFullPayload(false);
        list->fetchScope().setFetchRemoteIdentification(false);
        list->fetchScope().setIgnoreRetrievalErrors(true);
        avoidSync(list->fetchScope());
        if (changedSince.isValid()) {
            list->fetchScope().setFetchChangedSince(changedSince);
        }
        list->setDeliveryOption(Akonadi::ItemFetchJob::EmitItemsInBatches);
        connect(list, &Akonadi::ItemFetchJob::itemsReceived, this, [this](const Akonadi::Item::List &items) {
            for (const Akonadi::Item &item : items) {
                if (!m_wanted || m_wanted(item)) {
                    m_ids << item.id();
                }
            }
        });
        connect(list, &KJob::result, this, [this, list] {
            if (list->error()) {
                m_job->finish(list->errorString());
                return;
            }
            nextPage();
        });
    }

private:
    void nextPage()
    {
        if (m_at >= m_ids.size()) {
            m_job->finish();
            return;
        }
        Akonadi::Item::List page;
        const qsizetype end = std::min(m_at + pageSize, m_ids.size());
        page.reserve(end - m_at);
        for (; m_at < end; ++m_at) {
            page << Akonadi::Item(m_ids.at(m_at));
        }
        PayloadFetch::start(page, m_payloadScope, this, [this](const Akonadi::Item::List &found, const QString &error) {
            // A fetch by ids fails only when none of them is found: taken
            // as the server gone rather than 500 items removed meanwhile.
            if (!error.isEmpty()) {
                m_job->finish(error);
                return;
            }
            Akonadi::Item::List items = found;
            for (Akonadi::Item &item : items) {
                item.setParentCollection(m_collection);
            }
            if (!items.isEmpty()) {
                m_batch(items);
            }
            nextPage();
        });
    }

    StorageJob *m_job;
    Akonadi::Collection m_collection;
    ItemStorage::ItemFilter m_wanted;
    std::function<void(const Akonadi::Item::List &)> m_batch;
    std::function<void(Akonadi::ItemFetchScope &)> m_payloadScope;
    QList<Akonadi::Item::Id> m_ids;
    qsizetype m_at = 0;
};
} // namespace

StorageJob *AkonadiItemStorage::visit(const Akonadi::Collection &collection,
                                      const QDateTime &changedSince,
                                      const ItemFilter &wanted,
                                      const std::function<void(const Akonadi::Item::List &)> &batch)
{
    auto job = new StorageJob;
    new PagedVisit(job, listingSession(), collection, changedSince, wanted, batch, fetchScope());
    return job;
}

StorageJob *AkonadiItemStorage::revisions(const Akonadi::Collection &collection)
{
    auto job = new StorageJob;
    auto list = new Akonadi::ItemFetchJob(collection, listingParent(job));
    list->fetchScope().fetchFullPayload(false);
    list->fetchScope().setFetchRemoteIdentification(false);
    list->fetchScope().setIgnoreRetrievalErrors(true);
    avoidSync(list->fetchScope());
    QObject::connect(list, &KJob::result, job, [job, list] {
        if (!list->error()) {
            job->setItems(list->items());
        }
        job->finish(list->error() ? list->errorString() : QString());
    });
    return job;
}

StorageJob *AkonadiItemStorage::write(const QList<Write> &writes, int batchSize)
{
    auto job = new StorageJob;
    auto writer = new BatchWriter(job, writes, batchSize);
    // Started from the event loop, so the caller can connect first.
    QTimer::singleShot(0, writer, [writer] {
        writer->start();
    });
    return job;
}

StorageJob *AkonadiItemStorage::remove(const QList<Akonadi::Item::Id> &ids)
{
    auto job = new StorageJob;
    Akonadi::Item::List items;
    for (const auto id : ids) {
        items << Akonadi::Item(id);
    }
    auto remove = new Akonadi::ItemDeleteJob(items, job);
    QObject::connect(remove, &KJob::result, job, [job, remove] {
        job->finish(remove->error() ? remove->errorString() : QString());
    });
    return job;
}

StorageJob *AkonadiItemStorage::count(const Akonadi::Collection::List &collections)
{
    auto job = new StorageJob;
    auto fetch = new Akonadi::CollectionFetchJob(collections, Akonadi::CollectionFetchJob::Base, listingParent(job));
    fetch->fetchScope().setIncludeStatistics(true);
    QObject::connect(fetch, &KJob::result, job, [job, fetch] {
        QHash<Akonadi::Collection::Id, qint64> counts;
        const auto found = fetch->error() ? Akonadi::Collection::List() : fetch->collections();
        for (const Akonadi::Collection &c : found) {
            counts.insert(c.id(), c.statistics().count());
        }
        job->setCounts(counts);
        job->finish(fetch->error() ? fetch->errorString() : QString());
    });
    return job;
}

namespace
{
/// An Akonadi::Monitor on some collections, their items fetched with what
/// the indexes read (payload, modification time, GID).
class AkonadiStorageMonitor : public StorageMonitor
{
public:
    AkonadiStorageMonitor(const Akonadi::Collection::List &collections, const std::function<void(Akonadi::ItemFetchScope &)> &payloadScope)
    {
        auto monitor = new Akonadi::Monitor(this);
        // Told now, before it connects: the subscription it creates then
        // holds them. Told while it connects, Akonadi may never send the
        // change (see monitorsubscriptiontest), so nothing is added later.
        QSet<Akonadi::Collection::Id> watched;
        for (const Akonadi::Collection &c : collections) {
            monitor->setCollectionMonitored(c);
            watched.insert(c.id());
        }
        payloadScope(monitor->itemFetchScope());
        monitor->itemFetchScope().setFetchModificationTime(true);
        monitor->itemFetchScope().setFetchGid(true);
        connect(monitor, &Akonadi::Monitor::itemAdded, this, &StorageMonitor::itemChanged);
        connect(monitor, &Akonadi::Monitor::itemChanged, this, [this](const Akonadi::Item &item) {
            Q_EMIT itemChanged(item, item.parentCollection());
        });
        connect(monitor, &Akonadi::Monitor::itemRemoved, this, [this](const Akonadi::Item &item) {
            Q_EMIT itemRemoved(item.id());
        });
        connect(monitor,
                &Akonadi::Monitor::itemMoved,
                this,
                [this, watched](const Akonadi::Item &item, const Akonadi::Collection &, const Akonadi::Collection &destination) {
                    if (watched.contains(destination.id())) {
                        Q_EMIT itemChanged(item, destination);
                    } else {
                        Q_EMIT itemRemoved(item.id());
                    }
                });
    }
};
} // namespace

std::unique_ptr<StorageMonitor> AkonadiItemStorage::monitor(const Akonadi::Collection::List &collections)
{
    return std::make_unique<AkonadiStorageMonitor>(collections, [this](Akonadi::ItemFetchScope &scope) {
        setPayloadScope(scope, m_payloadParts);
    });
}

} // namespace Crm
