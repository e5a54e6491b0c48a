// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "calendarsession.h"
#include "akonadi/collectionlocator.h"
#include "akonadi/writebarrier.h"

#include "storage/blockingstorage.h"

#include <KLocalizedString>

namespace Crm
{

void CalendarSession::open(OpenMode mode, const std::function<void(const QString &error)> &done)
{
    auto locator = new CollectionLocator(CollectionLocator::Store::Calendar,
                                         mode == OpenMode::CreateIfMissing ? CollectionLocator::Mode::CreateIfMissing : CollectionLocator::Mode::FindOnly,
                                         this);
    connect(locator, &KJob::result, this, [this, locator, mode, done] {
        if (locator->error()) {
            done(locator->errorText());
            return;
        }
        m_calendar = locator->calendar();
        if (mode == OpenMode::CreateIfMissing) {
            WriteBarrier::repairAtStart({m_calendar});
        }
        m_cache = std::make_unique<CalendarIndexCache>(m_calendar, m_storage);
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

const ItemStore &CalendarSession::store() const
{
    return m_store;
}

CalendarIndexCache &CalendarSession::cache()
{
    return *m_cache;
}

Akonadi::Collection CalendarSession::collection() const
{
    return m_calendar;
}

KCalendarCore::Incidence::Ptr CalendarSession::load(qint64 itemId, Akonadi::Item *item, QString *error) const
{
    QString fetchError;
    const auto items = m_store.fetch({itemId}, &fetchError);
    if (items.isEmpty() || !items.constFirst().hasPayload<KCalendarCore::Incidence::Ptr>()) {
        if (error) {
            *error = fetchError.isEmpty() ? i18n("item %1 holds no calendar entry the CRM can read", itemId) : fetchError;
        }
        return {};
    }
    if (item) {
        *item = items.constFirst();
    }
    return items.constFirst().payload<KCalendarCore::Incidence::Ptr>();
}

qint64 CalendarSession::save(const KCalendarCore::Incidence::Ptr &incidence, const Akonadi::Item &existing, QString *error)
{
    const Akonadi::Item item = ItemStore::withPayload(existing, incidence, incidence->mimeType());
    const auto written = m_store.write({ItemStore::Write{item, m_calendar}});
    if (written.isEmpty() || !written.constFirst().error.isEmpty()) {
        if (error) {
            *error = written.isEmpty() ? QString() : written.constFirst().error;
        }
        return -1;
    }
    waitForDone([this](const DoneCallback &done) {
        m_cache->refresh(done);
    });
    return written.constFirst().item.id();
}

const CalendarEntry *CalendarSession::find(const QString &idOrUid) const
{
    // "42" or "#42", as the lists print the number.
    const QString key = idOrUid.trimmed();
    bool isNumber = false;
    const qint64 id = (key.startsWith(u'#') ? key.mid(1) : key).toLongLong(&isNumber);
    if (isNumber) {
        return index().entry(id);
    }
    const auto byUid = index().byUid(key);
    return byUid.isEmpty() ? nullptr : index().entry(byUid.constFirst().itemId);
}

} // namespace Crm
