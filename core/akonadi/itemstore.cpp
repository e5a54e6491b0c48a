// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "itemstore.h"

#include "crmcore_debug.h"
#include "recordgid.h"
#include "resourcesetup.h"
#include "writebarrier.h"

#include <Akonadi/ItemCreateJob>
#include <Akonadi/ItemDeleteJob>
#include <Akonadi/ItemFetchJob>
#include <Akonadi/ItemFetchScope>
#include <Akonadi/ItemModifyJob>
#include <Akonadi/TransactionSequence>
#include <KLocalizedString>

namespace Crm
{

namespace
{
Akonadi::Job *writeJob(const ItemStore::Write &w, QObject *parent, bool retry = false)
{
    if (w.item.isValid()) {
        return new Akonadi::ItemModifyJob(w.item, parent);
    }
    auto job = new Akonadi::ItemCreateJob(RecordGid::withGid(w.item), w.collection, parent);
    if (retry) {
        // A batch that failed because the server went away may have been
        // stored before the reply was lost: a record already there (same
        // UID) is updated, never created twice.
        job->setMerge(Akonadi::ItemCreateJob::GID);
    }
    return job;
}

Akonadi::Item writtenItem(KJob *job)
{
    if (auto create = qobject_cast<Akonadi::ItemCreateJob *>(job)) {
        return create->item();
    }
    if (auto modify = qobject_cast<Akonadi::ItemModifyJob *>(job)) {
        return modify->item();
    }
    return {};
}
} // namespace

Akonadi::Item::List ItemStore::fetch(const QList<Akonadi::Item::Id> &ids, QString *error) const
{
    if (ids.isEmpty()) {
        return {};
    }
    Akonadi::Item::List items;
    items.reserve(ids.size());
    for (const auto id : ids) {
        items << Akonadi::Item(id);
    }
    auto job = new Akonadi::ItemFetchJob(items);
    job->fetchScope().fetchFullPayload();
    job->fetchScope().setIgnoreRetrievalErrors(true);
    if (!job->exec()) {
        if (error) {
            *error = job->errorString();
        }
        return {};
    }
    return job->items();
}

bool ItemStore::visitCollection(const Akonadi::Collection &collection,
                                const QDateTime &changedSince,
                                const std::function<void(const Akonadi::Item &)> &visit,
                                QString *error) const
{
    auto job = new Akonadi::ItemFetchJob(collection);
    job->fetchScope().fetchFullPayload();
    job->fetchScope().setFetchModificationTime(true);
    job->fetchScope().setIgnoreRetrievalErrors(true);
    if (changedSince.isValid()) {
        job->fetchScope().setFetchChangedSince(changedSince);
    }
    job->setDeliveryOption(Akonadi::ItemFetchJob::EmitItemsInBatches);
    QObject::connect(job, &Akonadi::ItemFetchJob::itemsReceived, job, [&visit](const Akonadi::Item::List &items) {
        for (const Akonadi::Item &item : items) {
            visit(item);
        }
    });
    if (!job->exec()) {
        if (error) {
            *error = job->errorString();
        }
        return false;
    }
    return true;
}

void ItemStore::waitUntilWritten(QList<Written> &results)
{
    // Reported done only once the resource has written it (see WriteBarrier):
    // one wait for the whole call, not a round trip per item.
    Akonadi::Item::List stored;
    for (const Written &w : std::as_const(results)) {
        if (w.error.isEmpty() && w.item.isValid()) {
            stored << w.item;
        }
    }
    if (stored.isEmpty()) {
        return;
    }
    const auto stalled = WriteBarrier::waitCommitted(stored);
    if (stalled.isEmpty()) {
        return;
    }
    // Its change notification was lost (the server or the resource stopped):
    // get it written again, once.
    QStringList failures;
    const auto rewritten = WriteBarrier::rewrite(stalled, &failures);
    for (const QString &f : std::as_const(failures)) {
        qCWarning(CRM_CORE_LOG) << f;
    }
    QSet<Akonadi::Item::Id> stalledIds;
    for (const Akonadi::Item &item : stalled) {
        stalledIds.insert(item.id());
    }
    for (Written &w : results) {
        if (!w.error.isEmpty() || !stalledIds.contains(w.item.id())) {
            continue;
        }
        const auto it = rewritten.constFind(w.item.id());
        if (it != rewritten.cend()) {
            w.item = *it;
        } else {
            // Not done: Akonadi has it, its file does not (yet).
            w.item = Akonadi::Item();
            w.error = i18n("Akonadi stored it, but its resource did not write it to disk; \"crmctl store sync\" tries again");
        }
    }
}

QList<ItemStore::Written> ItemStore::write(const QList<Write> &writes, int batchSize) const
{
    QSet<Akonadi::Collection::Id> collections;
    for (const Write &w : writes) {
        collections.insert(w.item.isValid() ? w.item.parentCollection().id() : w.collection.id());
    }
    // Should this process die before its resources have written everything,
    // the next start repairs these collections.
    const WriteBarrier::UnconfirmedWrites unconfirmed(collections);
    QList<Written> results(writes.size());
    for (qsizetype start = 0; start < writes.size(); start += batchSize) {
        const qsizetype end = std::min<qsizetype>(start + batchSize, writes.size());
        auto sequence = new Akonadi::TransactionSequence;
        sequence->setAutomaticCommittingEnabled(true);
        QList<Akonadi::Job *> jobs;
        for (qsizetype i = start; i < end; ++i) {
            jobs << writeJob(writes[i], sequence);
        }
        // Results are read while the sequence is alive: it deletes its
        // children when it finishes, so collect them on each child's result.
        QHash<KJob *, qsizetype> position;
        for (qsizetype i = 0; i < jobs.size(); ++i) {
            position.insert(jobs[i], start + i);
            QObject::connect(jobs[i], &KJob::result, sequence, [&results, &position](KJob *job) {
                const qsizetype at = position.value(job);
                if (job->error()) {
                    results[at].error = job->errorString();
                } else {
                    results[at].item = writtenItem(job);
                }
            });
        }
        const bool committed = sequence->exec();
        ResourceSetup::collectFinishedJobs();
        if (committed) {
            continue;
        }
        qCDebug(CRM_CORE_LOG) << "batch failed, writing its items one by one:" << sequence->errorString();
        for (qsizetype i = start; i < end; ++i) {
            Akonadi::Job *job = writeJob(writes[i], nullptr, true);
            if (job->exec()) {
                results[i] = Written{writtenItem(job), {}};
            } else {
                results[i] = Written{{}, job->errorString()};
            }
        }
    }
    waitUntilWritten(results);
    return results;
}

bool ItemStore::remove(const QList<Akonadi::Item::Id> &ids, QString *error) const
{
    Akonadi::Item::List items;
    for (const auto id : ids) {
        items << Akonadi::Item(id);
    }
    auto job = new Akonadi::ItemDeleteJob(items);
    if (!job->exec()) {
        if (error) {
            *error = job->errorString();
        }
        return false;
    }
    return true;
}

} // namespace Crm
