// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmcore_export.h"

#include <Akonadi/Collection>
#include <Akonadi/Item>
#include <KJob>

#include <QDateTime>
#include <QHash>
#include <QObject>

#include <functional>
#include <memory>

namespace Crm
{

/// One call to an ItemStorage: started by the storage, reports once through
/// KJob::result. What it read or wrote is read from it in the result slot.
class KONTACTCRMCORE_EXPORT StorageJob : public KJob
{
    Q_OBJECT
public:
    using KJob::KJob;
    void start() override;

    /// One write of a write call: the item as stored, or why it was not.
    struct Written {
        Akonadi::Item item; ///< valid when it was written
        QString error;
    };

    /// fetch(): the items found, with payload; ids that do not exist are left out.
    Akonadi::Item::List items() const;
    /// write(): one result per write, in the order given.
    QList<Written> written() const;
    /// count(): how many items each collection holds, by collection id.
    QHash<Akonadi::Collection::Id, qint64> counts() const;

    // For the storages that fill the job in.
    void setItems(const Akonadi::Item::List &items);
    void setWritten(const QList<Written> &written);
    void setCounts(const QHash<Akonadi::Collection::Id, qint64> &counts);
    void finish(const QString &error = {});

private:
    Akonadi::Item::List m_items;
    QList<Written> m_written;
    QHash<Akonadi::Collection::Id, qint64> m_counts;
};

/// Tells what changes in some collections, whoever changes them (this
/// process, KOrganizer, a phone): what keeps an index live. Changed and
/// added items come with their payload.
class KONTACTCRMCORE_EXPORT StorageMonitor : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
Q_SIGNALS:
    void itemChanged(const Akonadi::Item &item, const Akonadi::Collection &collection);
    void itemRemoved(Akonadi::Item::Id id);
};

/// The seam between the CRM and where its items live (DESIGN.md §2,
/// zanshin's StorageInterface): every call starts work and returns at once;
/// the job reports when it is done. AkonadiItemStorage talks to the server,
/// MemoryItemStorage stands in for it in unit tests; one contract test suite
/// runs against both, so the fake cannot drift from the server.
class KONTACTCRMCORE_EXPORT ItemStorage
{
public:
    virtual ~ItemStorage();

    /// Items by id, with their payload; missing ids are left out, not an error.
    virtual StorageJob *fetch(const QList<Akonadi::Item::Id> &ids) = 0;
    /// Says from an item as listed (id and revision, no payload) whether
    /// its payload is to be read.
    using ItemFilter = std::function<bool(const Akonadi::Item &listed)>;
    /// Every item of @p collection (or those changed since @p changedSince)
    /// with payload and modification time, handed to @p batch as they arrive
    /// and kept by nobody.
    StorageJob *visit(const Akonadi::Collection &collection, const QDateTime &changedSince, const std::function<void(const Akonadi::Item::List &)> &batch)
    {
        return visit(collection, changedSince, {}, batch);
    }
    /// The same, reading only the items @p wanted accepts (all when it is
    /// empty): an index that knows an item's revision need not read it again.
    virtual StorageJob *visit(const Akonadi::Collection &collection,
                              const QDateTime &changedSince,
                              const ItemFilter &wanted,
                              const std::function<void(const Akonadi::Item::List &)> &batch) = 0;

    /// Every item of @p collection by id with its revision, without payload
    /// (items() of the job): what tells an index which items changed when
    /// their modification time does not (see ItemIndexCache).
    virtual StorageJob *revisions(const Akonadi::Collection &collection) = 0;

    /// One item to create (invalid item id) in @p collection, or to replace
    /// (a modification based on an older revision is refused).
    struct Write {
        Akonadi::Item item;
        Akonadi::Collection collection;
    };
    /// @p base (an item read before, or a new one) carrying @p payload.
    template<typename T>
    static Akonadi::Item withPayload(Akonadi::Item base, const T &payload, const QString &mimeType)
    {
        base.setMimeType(mimeType);
        base.setPayload<T>(payload);
        return base;
    }
    /// Writes in transactions of @p batchSize; a failed transaction is
    /// retried item by item, so one bad record costs only itself.
    virtual StorageJob *write(const QList<Write> &writes, int batchSize = 200) = 0;
    /// Removes items; removing one that does not exist is an error.
    virtual StorageJob *remove(const QList<Akonadi::Item::Id> &ids) = 0;
    /// How many items each of @p collections holds. Deletions leave no
    /// modification time behind; a count that disagrees reveals them.
    virtual StorageJob *count(const Akonadi::Collection::List &collections) = 0;
    /// Reports every later change to the items of @p collections; an item
    /// moved out of them is reported removed.
    virtual std::unique_ptr<StorageMonitor> monitor(const Akonadi::Collection::List &collections) = 0;
};

} // namespace Crm
