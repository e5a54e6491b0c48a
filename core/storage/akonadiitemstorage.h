// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include <functional>

#include "storage/itemstorage.h"

#include <QSet>

namespace Akonadi
{
class ItemFetchScope;
class Session;
}

namespace Crm
{

/// ItemStorage over the Akonadi server: Akonadi jobs chained on their
/// result signals, so an agent or a view never runs a nested event loop.
class KONTACTCRMCORE_EXPORT AkonadiItemStorage : public ItemStorage
{
public:
    AkonadiItemStorage() = default;
    /// Items are read with only @p payloadParts of their payload (for
    /// messages, Akonadi::MessagePart::Header): an index of a mail folder
    /// need not carry every attachment through the server.
    explicit AkonadiItemStorage(const QSet<QByteArray> &payloadParts);

    /// Lists (visit(), revisions(), count()) in the session @p session
    /// gives, which must outlive this, instead of the thread's default
    /// session. Akonadi runs one job of a session at a time: a second
    /// index's listings in a session of their own run beside the first's in
    /// the server. Asked for at the first listing only: a session made and
    /// never used was still connecting when a short process (a cold crmctl
    /// whose index needed no listing) exited, and its thread crashed then.
    void setListingSession(const std::function<Akonadi::Session *()> &session);

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

private:
    static void setPayloadScope(Akonadi::ItemFetchScope &scope, const QSet<QByteArray> &payloadParts);
    /// What a read by id asks for: the payload (or its parts), the
    /// modification time and the GID.
    std::function<void(Akonadi::ItemFetchScope &)> fetchScope() const;

    /// Where listing jobs go: @p fallback (their owner) in the default session.
    QObject *listingParent(QObject *fallback) const;

    QSet<QByteArray> m_payloadParts; ///< empty: the full payload
    Akonadi::Session *listingSession() const;
    std::function<Akonadi::Session *()> m_makeListingSession;
    mutable Akonadi::Session *m_listingSession = nullptr;
};

} // namespace Crm
