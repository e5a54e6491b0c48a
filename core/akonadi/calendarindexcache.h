// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "akonadi/itemindexcache.h"
#include "domain/calendarindex.h"
#include "domain/crmpropertiesloss.h"
#include "kontactcrmcore_export.h"

namespace Crm
{

/// The index of the CRM calendar (tasks, interactions, events), kept on
/// disk and refreshed from Akonadi (see ItemIndexCache).
class KONTACTCRMCORE_EXPORT CalendarIndexCache : public ItemIndexCache
{
public:
    CalendarIndexCache(const Akonadi::Collection &calendar, ItemStorage &storage);

    const CalendarIndex &index() const;
    /// The name its keeper in the reminder agent answers to (IndexKeeper).
    static QString keeperName();

    /// Interactions and events a program saved without the CRM's
    /// X-properties (they are plain events now), seen by this index or by
    /// another program's, and not settled: the item still exists and still
    /// has no CRM type. Settled ones are dropped from the record.
    QList<CrmPropertiesLoss> unsettledLosses() const;

protected:
    bool indexItem(const Akonadi::Item &item, const Akonadi::Collection &collection) override;
    void unindexItem(qint64 itemId) override;
    void clearIndex() override;
    void writeIndex(QDataStream &out) const override;
    void readIndex(QDataStream &in) override;
    bool readsIndexInPlace() const override;

private:
    CrmPropertiesLossLog lossLog() const;

    CalendarIndex m_index;
    /// Interactions and events taken out of the index and not read again
    /// yet, by item id (see unindexItem()).
    QHash<qint64, CalendarEntry> m_unindexed;
};

} // namespace Crm
