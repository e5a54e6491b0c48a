// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "schedulecache.h"

#include "domain/clock.h"
#include "mime/lettermapping.h"

#include <KCalendarCore/Incidence>
#include <KContacts/Addressee>

#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;

namespace Crm::Reminders
{

namespace
{
constexpr quint32 formatVersion = 1;
} // namespace

ScheduleCache::ScheduleCache(const Akonadi::Collection::List &collections, ItemStorage &storage, const Settings &settings)
    // The settings' fingerprint is part of the format: other settings, other file contents.
    : ItemIndexCache(collections, storage, u"reminder-schedule"_s, (formatVersion << 24) ^ (settings.fingerprint() & 0xffffff))
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
    // A change notification: the item reaches us now.
    m_arrived = Clock::now();
    const bool ok = applyChange(item, item.parentCollection());
    m_arrived = {};
    return ok;
}

void ScheduleCache::forget(qint64 itemId)
{
    applyRemoval(itemId);
}

bool ScheduleCache::indexItem(const Akonadi::Item &item, const Akonadi::Collection &)
{
    if (item.hasPayload<KCalendarCore::Incidence::Ptr>()) {
        const auto incidence = item.payload<KCalendarCore::Incidence::Ptr>();
        if (!incidence) {
            return false;
        }
        // A task new to the schedule (or newly assigned to the user) is
        // announced from when it reached Akonadi, however old its
        // LAST-MODIFIED; one known already keeps its first announcement.
        QDateTime arrived;
        const Source *known = m_schedule.source(item.id());
        const bool assignedBefore = known && std::any_of(known->fixed.cbegin(), known->fixed.cend(), [](const FixedTime &f) {
                                        return f.kind == Kind::TaskAssigned;
                                    });
        if (!assignedBefore) {
            arrived = m_arrived.isValid() ? m_arrived : item.modificationTime();
        }
        m_schedule.set(Rules::fromIncidence(incidence, item.id(), m_settings, arrived));
        return true;
    }
    if (item.hasPayload<KMime::Message::Ptr>()) {
        const auto message = item.payload<KMime::Message::Ptr>();
        if (!LetterMapping::isLetter(message)) {
            return false;
        }
        // Announced from when it reached Akonadi; a letter known already
        // (edited, restored from the archive) keeps its first announcement.
        QDateTime arrived = m_arrived.isValid() ? m_arrived : item.modificationTime();
        if (const Source *known = m_schedule.source(item.id())) {
            for (const FixedTime &f : known->fixed) {
                if (f.kind == Kind::LetterArrived) {
                    arrived = QDateTime::fromMSecsSinceEpoch(f.dueMs, QTimeZone::UTC);
                }
            }
        }
        m_schedule.set(Rules::fromLetter(LetterMapping::letterFrom(message), item.id(), m_settings, arrived));
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
