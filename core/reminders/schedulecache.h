// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "akonadi/itemindexcache.h"
#include "kontactcrmcore_export.h"
#include "reminders/schedule.h"

namespace Crm::Reminders
{

/// The reminder schedule kept on disk and brought up to date from Akonadi
/// on open (see ItemIndexCache): a start with 100,000 incidences reads one
/// file and the items changed since, not every item. Items are the CRM
/// calendar's incidences and the counterparty address book's persons.
/// A file written under other settings is not used (rebuilt instead).
class KONTACTCRMCORE_EXPORT ScheduleCache : public ItemIndexCache
{
public:
    ScheduleCache(const Akonadi::Collection::List &collections, ItemStorage &storage, const Settings &settings);

    Schedule &schedule();
    const Settings &settings() const;
    /// What an item says now (a change notification): replaces its entry.
    /// Returns false, and leaves the item out, when its payload is unreadable.
    bool update(const Akonadi::Item &item);
    void forget(qint64 itemId);

protected:
    bool indexItem(const Akonadi::Item &item, const Akonadi::Collection &collection) override;
    void unindexItem(qint64 itemId) override;
    void clearIndex() override;
    void writeIndex(QDataStream &out) const override;
    void readIndex(QDataStream &in) override;

private:
    Settings m_settings;
    Schedule m_schedule;
    QDateTime m_arrived; ///< set while a change notification is applied
};

} // namespace Crm::Reminders
