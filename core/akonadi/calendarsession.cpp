// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "calendarsession.h"
#include "akonadi/collectionlocator.h"
#include "akonadi/indexkeeper.h"

#include <Akonadi/Session>
#include <KLocalizedString>

#include <QCoreApplication>

namespace Crm
{

namespace
{
/// The session the calendar index lists in (see
/// AkonadiItemStorage::setListingSession): its refresh, a listing of up to
/// 500,000 items the server reads through, then runs beside the directory's
/// work instead of after it. Kept for the thread's life, as Akonadi keeps its
/// default session: one deleted with the application waits for its
/// connection's thread at exit.
Akonadi::Session *calendarListingSession()
{
    thread_local Akonadi::Session *session = nullptr;
    if (!session) {
        session = new Akonadi::Session("crm-calendar-" + QByteArray::number(QCoreApplication::applicationPid()));
    }
    return session;
}
} // namespace

void CalendarSession::open(OpenMode mode, const std::function<void(const QString &error)> &done)
{
    auto locator = new CollectionLocator(CollectionLocator::Store::Calendar,
                                         mode == OpenMode::CreateIfMissing ? CollectionLocator::Mode::CreateIfMissing : CollectionLocator::Mode::FindOnly,
                                         this);
    connect(locator, &KJob::result, this, [this, locator, done] {
        if (locator->error()) {
            done(locator->errorText());
            return;
        }
        m_calendar = locator->calendar();
        m_storage.setListingSession(calendarListingSession);
        m_cache = std::make_unique<CalendarIndexCache>(m_calendar, m_storage);
        // The reminder agent keeps this index when it runs (IndexKeeper).
        m_cache->setKeeper(IndexKeeper::asker(CalendarIndexCache::keeperName()));
        m_cache->open(done);
    });
    locator->start();
}

const CalendarIndex &CalendarSession::index() const
{
    return m_cache->index();
}

ItemStorage &CalendarSession::storage()
{
    return m_storage;
}

CalendarIndexCache &CalendarSession::cache()
{
    return *m_cache;
}

Akonadi::Collection CalendarSession::collection() const
{
    return m_calendar;
}

void CalendarSession::load(qint64 itemId, const LoadDone &done)
{
    StorageJob *job = m_storage.fetch({itemId});
    connect(job, &KJob::result, this, [job, itemId, done] {
        const auto items = job->items();
        if (items.isEmpty() || !items.constFirst().hasPayload<KCalendarCore::Incidence::Ptr>()) {
            done({}, {}, job->error() ? job->errorString() : i18n("item %1 holds no calendar entry the CRM can read", itemId));
            return;
        }
        done(items.constFirst().payload<KCalendarCore::Incidence::Ptr>(), items.constFirst(), {});
    });
}

void CalendarSession::save(const KCalendarCore::Incidence::Ptr &incidence, const Akonadi::Item &existing, const SaveDone &done)
{
    Akonadi::Item item = existing;
    item.setMimeType(incidence->mimeType());
    item.setPayload<KCalendarCore::Incidence::Ptr>(incidence);
    StorageJob *job = m_storage.write({{item, m_calendar}});
    connect(job, &KJob::result, this, [this, job, incidence, done] {
        const auto written = job->written();
        if (job->error() || written.isEmpty() || !written.constFirst().item.isValid()) {
            done({}, job->error() ? job->errorString() : written.value(0).error);
            return;
        }
        // The index learns it now, without a round trip.
        Akonadi::Item stored = written.constFirst().item;
        stored.setPayload<KCalendarCore::Incidence::Ptr>(incidence);
        m_cache->applyChange(stored, m_calendar);
        done(stored, {});
    });
}

std::optional<CalendarEntry> CalendarSession::find(const QString &idOrUid) const
{
    // "42" or "#42", as the lists print the number.
    const QString key = idOrUid.trimmed();
    bool isNumber = false;
    const qint64 id = (key.startsWith(u'#') ? key.mid(1) : key).toLongLong(&isNumber);
    if (isNumber) {
        return index().entry(id);
    }
    const auto byUid = index().byUid(key);
    return byUid.isEmpty() ? std::nullopt : std::optional(byUid.constFirst());
}

} // namespace Crm
