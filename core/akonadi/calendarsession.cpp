// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "calendarsession.h"
#include "akonadi/writebarrier.h"

#include "storage/blockingstorage.h"

#include <KLocalizedString>

namespace Crm
{

bool CalendarSession::open(OpenMode mode, QString *error)
{
    const bool found = mode == OpenMode::CreateIfMissing ? m_calendar.ensure() : m_calendar.find();
    if (!found) {
        if (error) {
            *error = m_calendar.errorString();
        }
        return false;
    }
    if (mode == OpenMode::CreateIfMissing) {
        WriteBarrier::repairAtStart({m_calendar.collection()});
    }
    m_cache = std::make_unique<CalendarIndexCache>(m_calendar.collection(), m_storage);
    return waitForDone(
        [this](const DoneCallback &done) {
            m_cache->open(done);
        },
        error);
}

const CalendarIndex &CalendarSession::index() const
{
    return m_cache->index();
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
    return m_calendar.collection();
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
    const auto written = m_store.write({ItemStore::Write{item, m_calendar.collection()}});
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
