// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "akonadi/calendarindexcache.h"
#include "kontactcrmcore_export.h"
#include "storage/akonadiitemstorage.h"

#include <KCalendarCore/Incidence>

#include <QObject>

#include <functional>
#include <memory>

namespace Crm
{

/// The CRM calendar, its store and its index wired together: what the
/// task, interaction and event services and the card timeline use.
class KONTACTCRMCORE_EXPORT CalendarSession : public QObject
{
    Q_OBJECT
public:
    enum class OpenMode {
        Existing, ///< fail when the calendar does not exist yet
        CreateIfMissing,
    };
    /// Finds (or creates) the calendar and loads the index, without
    /// waiting; reports to @p done (an empty error when it worked).
    void open(OpenMode mode, const std::function<void(const QString &error)> &done);

    const CalendarIndex &index() const;
    /// The asynchronous storage the services work on.
    ItemStorage &storage();
    CalendarIndexCache &cache();
    Akonadi::Collection collection() const;

    /// The incidence of an item, with the item (for a later update).
    using LoadDone = std::function<void(const KCalendarCore::Incidence::Ptr &incidence, const Akonadi::Item &item, const QString &error)>;
    void load(qint64 itemId, const LoadDone &done);
    /// Creates (@p existing invalid) or replaces an incidence, then brings
    /// the index up to date. Reports the stored item (invalid on failure, with @p error); the
    /// index has it by then.
    using SaveDone = std::function<void(const Akonadi::Item &stored, const QString &error)>;
    void save(const KCalendarCore::Incidence::Ptr &incidence, const Akonadi::Item &existing, const SaveDone &done);
    /// The item of an index entry named by item id or UID.
    std::optional<CalendarEntry> find(const QString &idOrUid) const;

private:
    Akonadi::Collection m_calendar;
    AkonadiItemStorage m_storage;
    std::unique_ptr<CalendarIndexCache> m_cache;
};

} // namespace Crm
