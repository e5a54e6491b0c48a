// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "storage/itemstorage.h"

namespace Crm
{

/// ItemStorage over the Akonadi server: Akonadi jobs chained on their
/// result signals, so an agent or a view never runs a nested event loop.
class KONTACTCRMCORE_EXPORT AkonadiItemStorage : public ItemStorage
{
public:
    StorageJob *fetch(const QList<Akonadi::Item::Id> &ids) override;
    StorageJob *
    visit(const Akonadi::Collection &collection, const QDateTime &changedSince, const std::function<void(const Akonadi::Item::List &)> &batch) override;
    StorageJob *write(const QList<Write> &writes, int batchSize = 200) override;
    StorageJob *remove(const QList<Akonadi::Item::Id> &ids) override;
    StorageJob *count(const Akonadi::Collection::List &collections) override;
    std::unique_ptr<StorageMonitor> monitor(const Akonadi::Collection::List &collections) override;
};

} // namespace Crm
