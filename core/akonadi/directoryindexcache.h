// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "akonadi/itemindexcache.h"
#include "domain/directoryindex.h"
#include "kontactcrmcore_export.h"

#include <optional>

namespace Crm
{

/// The directory index (counterparties, contact persons, employees), kept
/// on disk and refreshed from Akonadi (see ItemIndexCache).
class KONTACTCRMCORE_EXPORT DirectoryIndexCache : public ItemIndexCache
{
public:
    DirectoryIndexCache(const Akonadi::Collection &counterparties, const Akonadi::Collection &employees, ItemStorage &storage);

    const DirectoryIndex &index() const;
    /// The name its keeper in the reminder agent answers to (IndexKeeper).
    static QString keeperName();
    /// The index entry an item would have (an invalid payload gives none).
    static std::optional<DirectoryEntry> entryFor(const Akonadi::Item &item, bool isEmployee);

protected:
    bool indexItem(const Akonadi::Item &item, const Akonadi::Collection &collection) override;
    void unindexItem(qint64 itemId) override;
    void clearIndex() override;
    void writeIndex(QDataStream &out) const override;
    void readIndex(QDataStream &in) override;
    bool readsIndexInPlace() const override;

private:
    Akonadi::Collection m_employees;
    DirectoryIndex m_index;
};

} // namespace Crm
