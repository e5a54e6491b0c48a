// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "akonadi/crmcollections.h"
#include "akonadi/directoryindexcache.h"
#include "domain/counterparty.h"
#include "kontactcrmcore_export.h"
#include "storage/akonadiitemstorage.h"

#include <QObject>

#include <functional>
#include <optional>

namespace Crm
{

/// A counterparty with its contact persons, as the card shows it.
struct KONTACTCRMCORE_EXPORT CounterpartyCard {
    qint64 itemId = -1;
    Counterparty counterparty;
    QList<ContactPerson> persons;
};

/// The counterparty directory: the address books, the store and the index
/// wired together. What crmctl, the agents and the plugin talk to.
class KONTACTCRMCORE_EXPORT Directory : public QObject
{
    Q_OBJECT
public:
    enum class OpenMode {
        Existing, ///< fail when the address books do not exist yet
        CreateIfMissing, ///< create them on first use
    };
    /// Finds (or creates) the address books and loads the index, without
    /// waiting; reports to @p done (an empty error when it worked).
    void open(OpenMode mode, const std::function<void(const QString &error)> &done);

    const DirectoryIndex &index() const;
    /// The asynchronous storage the services work on.
    ItemStorage &storage();
    DirectoryIndexCache &cache();
    const CrmCollections &collections() const;

    /// The counterparty of an index entry: itself, or the one a person belongs to.
    /// Reads it from the storage (one round trip) and reports to @p done.
    using CardDone = std::function<void(const std::optional<CounterpartyCard> &card, const QString &error)>;
    void card(const DirectoryEntry &entry, const CardDone &done);
    /// The counterparties of a group (all when @p group is empty), by name.
    QList<DirectoryEntry> counterparties(const QString &group = {}) const;

private:
    CrmCollections m_collections;
    AkonadiItemStorage m_storage;
    std::unique_ptr<DirectoryIndexCache> m_cache;
};

} // namespace Crm
