// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "akonadi/itemindexcache.h"
#include "domain/calendarindex.h"
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

protected:
    bool indexItem(const Akonadi::Item &item, const Akonadi::Collection &collection) override;
    void unindexItem(qint64 itemId) override;
    void clearIndex() override;
    void writeIndex(QDataStream &out) const override;
    void readIndex(QDataStream &in) override;

private:
    CalendarIndex m_index;
};

} // namespace Crm
