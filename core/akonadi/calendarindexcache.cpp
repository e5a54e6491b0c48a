// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "calendarindexcache.h"

#include "crmcore_debug.h"
#include "domain/clock.h"
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
    const CalendarEntry entry = IncidenceEntry::from(item.payload<KCalendarCore::Incidence::Ptr>(), item.id());
    // The same item come back without its CRM type: what the index knew is
    // recorded, since the item no longer says it (nothing is written back:
    // see unsettledLosses()).
    if (const CalendarEntry *before = m_index.entry(item.id())) {
        if (const auto loss = CrmPropertiesLoss::between(*before, entry, Clock::now())) {
            qCWarning(CRM_CORE_LOG) << "item" << item.id() << loss->uid << "lost" << loss->lost;
            if (!lossLog().record(*loss)) {
                qCWarning(CRM_CORE_LOG) << "could not write" << lossLog().filePath();
            }
        }
    }
    m_index.insert(entry);
    return true;
}

CrmPropertiesLossLog CalendarIndexCache::lossLog() const
{
    QString path = filePath();
    path.chop(4); // ".bin"
    return CrmPropertiesLossLog(path + u"-losses.json"_s);
}

QList<CrmPropertiesLoss> CalendarIndexCache::unsettledLosses() const
{
    const CrmPropertiesLossLog log = lossLog();
    const QList<CrmPropertiesLoss> recorded = log.read();
    QList<CrmPropertiesLoss> unsettled;
    for (const CrmPropertiesLoss &loss : recorded) {
        const CalendarEntry *now = m_index.entry(loss.itemId);
        if (now && now->uid == loss.uid && now->type == CalendarEntry::Type::Other) {
            unsettled << loss;
        }
    }
    if (unsettled.size() != recorded.size()) {
        log.write(unsettled);
    }
    return unsettled;
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
