// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/directoryindex.h"
#include "kontactcrmcore_export.h"

#include <Akonadi/Collection>
#include <Akonadi/Item>

#include <QDateTime>
#include <QHash>

namespace Crm
{

class ItemStore;

/// The directory index, kept on disk between runs so that a cold `crmctl
/// card` does not read 40,000 vCards. On open it asks Akonadi only for what
/// changed since the last run (by modification time) and for each address
/// book's item count; a count that disagrees (items deleted elsewhere) makes
/// it re-read that address book. Edits made in KAddressBook or on a phone
/// are therefore seen on the next open.
class KONTACTCRMCORE_EXPORT DirectoryIndexCache
{
public:
    DirectoryIndexCache(const Akonadi::Collection &counterparties, const Akonadi::Collection &employees, const ItemStore &store);

    /// Loads the file and brings it up to date with Akonadi.
    bool open(QString *error = nullptr);
    /// Applies what changed in Akonadi since the last refresh and saves.
    bool refresh(QString *error = nullptr);

    const DirectoryIndex &index() const;
    /// The index entry an item would have (an invalid payload gives none).
    static std::optional<DirectoryEntry> entryFor(const Akonadi::Item &item, bool isEmployee);

    QString filePath() const;
    /// How the last open went, for benchmarks and --verbose output.
    struct Stats {
        bool loadedFromFile = false;
        int changedItems = 0;
        int rebuiltCollections = 0;
    };
    Stats lastStats() const;

private:
    bool load();
    bool save() const;
    bool rebuild(const Akonadi::Collection &collection, QString *error);
    int countOf(bool employees) const;

    Akonadi::Collection m_counterparties;
    Akonadi::Collection m_employees;
    const ItemStore &m_store;
    DirectoryIndex m_index;
    QDateTime m_watermark;
    /// Items whose payload is not a vCard we can read, by id (true: employees),
    /// so that they count towards the address book's item count.
    QHash<qint64, bool> m_unreadable;
    Stats m_stats;
};

} // namespace Crm
