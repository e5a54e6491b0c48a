// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "calendarindexcache.h"

#include "crmcore_debug.h"
#include "domain/clock.h"
#include "domain/mappedfile.h"
#include "ical/incidenceentry.h"

#include <optional>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

CalendarIndexCache::CalendarIndexCache(const Akonadi::Collection &calendar, ItemStorage &storage)
    // 6: a to-do without X-KDE-CRM-TYPE is a task; 7: compact (CompactWriter);
    // 8: packed (PackedCalendar), read in place.
    : ItemIndexCache({calendar}, storage, u"calendar-index"_s, 8)
{
}

QString CalendarIndexCache::keeperName()
{
    return QStringLiteral("calendar");
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
    const std::optional<CalendarEntry> unindexed = m_unindexed.contains(item.id()) ? std::optional(m_unindexed.take(item.id())) : std::nullopt;
    std::optional<CalendarEntry> before = m_index.entry(item.id());
    if (!before) {
        before = unindexed;
    }
    if (before) {
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
        const std::optional<CalendarEntry> now = m_index.entry(loss.itemId);
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
    // A collection read again (its count disagreed) is taken out of the
    // index item by item first: what the index knew of an interaction or
    // an event is kept until the item comes back, so indexItem() still
    // sees what it lost. (Akonadi never gives an id twice: the entry of an
    // item removed for good is never compared with another item.)
    if (const std::optional<CalendarEntry> before = m_index.entry(itemId);
        before && (before->type == CalendarEntry::Type::Interaction || before->type == CalendarEntry::Type::Event)) {
        m_unindexed.insert(itemId, *before);
    }
    m_index.remove(itemId);
}

void CalendarIndexCache::clearIndex()
{
    m_index.clear();
    m_unindexed.clear();
}

void CalendarIndexCache::writeIndex(QDataStream &out) const
{
    out << m_index.toCompact();
}

bool CalendarIndexCache::readsIndexInPlace() const
{
    return true;
}

void CalendarIndexCache::readIndex(QDataStream &in)
{
    // Kept where it lies in the mapped file: a cold crmctl card at 500,000
    // incidences then reads one counterparty's records, not 100 MB.
    std::shared_ptr<const MappedFile> file;
    QByteArrayView block;
    const auto checks = loadingCheckedFile() ? PackedBlockChecks::SizesOnly : PackedBlockChecks::Everything;
    if (blockInFile(in, &file, &block) && !m_index.fromCompact(std::move(file), block, checks)) {
        in.setStatus(QDataStream::ReadCorruptData);
    }
}

} // namespace Crm
