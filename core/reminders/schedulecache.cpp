// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "schedulecache.h"

#include <KCalendarCore/Incidence>
#include <KContacts/Addressee>

using namespace Qt::Literals::StringLiterals;

namespace Crm::Reminders
{

namespace
{
constexpr quint32 formatVersion = 1;
} // namespace

ScheduleCache::ScheduleCache(const Akonadi::Collection::List &collections, const ItemStore &store, const Settings &settings)
    // The settings' fingerprint is part of the format: other settings, other file contents.
    : ItemIndexCache(collections, store, u"reminder-schedule"_s, (formatVersion << 24) ^ (settings.fingerprint() & 0xffffff))
    , m_settings(settings)
{
}

Schedule &ScheduleCache::schedule()
{
    return m_schedule;
}

const Settings &ScheduleCache::settings() const
{
    return m_settings;
}

bool ScheduleCache::update(const Akonadi::Item &item)
{
    if (!indexItem(item, {})) {
        m_schedule.remove(item.id());
        return false;
    }
    return true;
}

void ScheduleCache::forget(qint64 itemId)
{
    m_schedule.remove(itemId);
}

bool ScheduleCache::indexItem(const Akonadi::Item &item, const Akonadi::Collection &)
{
    if (item.hasPayload<KCalendarCore::Incidence::Ptr>()) {
        const auto incidence = item.payload<KCalendarCore::Incidence::Ptr>();
        if (!incidence) {
            return false;
        }
        m_schedule.set(Rules::fromIncidence(incidence, item.id(), m_settings));
        return true;
    }
    if (item.hasPayload<KContacts::Addressee>()) {
        m_schedule.set(Rules::fromPerson(item.payload<KContacts::Addressee>(), item.id(), m_settings));
        return true;
    }
    return false;
}

void ScheduleCache::unindexItem(qint64 itemId)
{
    m_schedule.remove(itemId);
}

void ScheduleCache::clearIndex()
{
    m_schedule.clear();
}

void ScheduleCache::writeIndex(QDataStream &out) const
{
    m_schedule.write(out);
}

void ScheduleCache::readIndex(QDataStream &in)
{
    m_schedule.read(in);
}

} // namespace Crm::Reminders
