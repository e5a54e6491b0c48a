// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "calendarindexcache.h"

#include "ical/incidenceentry.h"

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

CalendarIndexCache::CalendarIndexCache(const Akonadi::Collection &calendar, ItemStorage &storage)
    // 6: a to-do without X-KDE-CRM-TYPE is a task; 7: compact (CalendarIndex::toCompact)
    : ItemIndexCache({calendar}, storage, u"calendar-index"_s, 7)
{
}

const CalendarIndex &CalendarIndexCache::index() const
{
    return m_index;
}

bool CalendarIndexCache::indexItem(const Akonadi::Item &item, const Akonadi::Collection &)
{
    if (!item.hasPayload<KCalendarCore::Incidence::Ptr>() || !item.payload<KCalendarCore::Incidence::Ptr>()) {
        return false;
    }
    m_index.insert(IncidenceEntry::from(item.payload<KCalendarCore::Incidence::Ptr>(), item.id()));
    return true;
}

void CalendarIndexCache::unindexItem(qint64 itemId)
{
    m_index.remove(itemId);
}

void CalendarIndexCache::clearIndex()
{
    m_index.clear();
}

void CalendarIndexCache::writeIndex(QDataStream &out) const
{
    out << m_index.toCompact();
}

void CalendarIndexCache::readIndex(QDataStream &in)
{
    QByteArray compact;
    in >> compact;
    if (in.status() == QDataStream::Ok && !m_index.fromCompact(compact)) {
        in.setStatus(QDataStream::ReadCorruptData);
    }
}

} // namespace Crm
