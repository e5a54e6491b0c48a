// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "calendarentry.h"
#include "kontactcrmdomain_export.h"
#include "packedblock.h"
#include "packedcalendar.h"

#include <QDataStream>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMap>
#include <QMultiHash>
#include <QSet>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace Crm
{

class MappedFile;

/// Which entries a lookup gives, told by what a packed record says without
/// making it an entry: "my open tasks" of someone who also holds 150,000
/// interactions makes only the open tasks.
struct CalendarFilter {
    std::optional<CalendarEntry::Type> type;
    bool notClosed = false; ///< leaves out completed and cancelled ones
    bool accepts(CalendarEntry::Type t, CycleState::Status s) const
    {
        return (!type || *type == t) && (!notClosed || (s != CycleState::Status::Completed && s != CycleState::Status::Cancelled));
    }
};

/// Entries held in hashes, with lookups made on the first query that needs
/// them: what changed since the calendar index was packed (all of it while
/// an index is first built from the storage).
class CalendarChanges
{
public:
    void insert(const CalendarEntry &entry); ///< replaces the entry with the same item id
    void remove(qint64 itemId);
    void clear();
    int size() const;
    const CalendarEntry *entry(qint64 itemId) const;
    const QHash<qint64, CalendarEntry> &all() const;
    QList<CalendarEntry> byCounterparty(const QString &counterpartyUid, const CalendarFilter &filter) const;
    QList<CalendarEntry> byResponsible(const QString &email, const CalendarFilter &filter) const;
    QList<CalendarEntry> byUid(const QString &uid) const;
    /// The tasks with a deadline by deadline (ms since the epoch) -> item id.
    const QMultiMap<qint64, qint64> &tasksByDue() const;

private:
    QHash<qint64, CalendarEntry> m_entries;
    // Sets, not multi-hashes: one employee may hold 150,000 interactions,
    // and removing one id from a multi-hash chain is linear in its length.
    using IdSets = QHash<QString, QSet<qint64>>;
    /// Made on the first query that needs them, then kept up to date. Not
    /// thread-safe, as the rest.
    struct Secondary {
        bool built = false;
        IdSets sets;
    };
    mutable Secondary m_byCounterparty;
    mutable Secondary m_byResponsible;
    // A UID names one item, seldom a few: a set each would cost a hash
    // table per item.
    mutable bool m_uidBuilt = false;
    mutable QMultiHash<QString, qint64> m_byUid;
    mutable bool m_dueBuilt = false;
    mutable QMultiMap<qint64, qint64> m_tasksByDue;
    void buildSecondary(Secondary &secondary, QString CalendarEntry::*key) const;
    QList<CalendarEntry> collect(const IdSets &sets, const QString &key, const CalendarFilter &filter) const;
};

/// The index over the CRM calendar, by item id, counterparty, responsible,
/// UID and a task's deadline. What was read from its file stays packed
/// (PackedCalendar: sorted tables searched where they lie, entries made
/// when asked for); what changed since is kept beside it in hashes
/// (CalendarChanges) until the index is written again.
class KONTACTCRMDOMAIN_EXPORT CalendarIndex
{
public:
    void insert(const CalendarEntry &entry); ///< replaces the entry with the same item id
    void remove(qint64 itemId);
    void clear();
    int size() const;
    /// Entries held in memory beside the packed ones (added or changed since
    /// the index was read from its file).
    int heldApart() const;
    bool contains(qint64 itemId) const;
    std::optional<CalendarEntry> entry(qint64 itemId) const;
    QList<CalendarEntry> entries() const;

    QList<CalendarEntry> byCounterparty(const QString &counterpartyUid, const CalendarFilter &filter = {}) const;
    QList<CalendarEntry> ofType(CalendarEntry::Type type) const;
    /// Calls @p visit for each entry @p filter accepts.
    void visit(const CalendarFilter &filter, const std::function<void(const CalendarEntry &)> &visit) const;
    /// Entries whose responsible (normalized e-mail) is @p email: "my tasks".
    QList<CalendarEntry> byResponsible(const QString &email, const CalendarFilter &filter = {}) const;
    /// Calls @p visit for each task with a deadline before @p msSinceEpoch
    /// that @p filter accepts, earliest deadline first: "overdue" without a scan.
    void visitTasksDueBefore(qint64 msSinceEpoch, const CalendarFilter &filter, const std::function<void(const CalendarEntry &)> &visit) const;
    QList<CalendarEntry> byUid(const QString &uid) const;

    /// The index for its file (PackedCalendar's block).
    QByteArray toCompact() const;
    /// Replaces the index with what toCompact() wrote, kept as it is;
    /// false, leaving it empty, when @p bytes are damaged.
    bool fromCompact(const QByteArray &bytes);
    /// The same for the block in a mapped file (an index file), read where
    /// it lies: its pages are touched only by the lookups that need them.
    bool fromCompact(std::shared_ptr<const MappedFile> file, QByteArrayView block, PackedBlockChecks checks = PackedBlockChecks::Everything);
    friend KONTACTCRMDOMAIN_EXPORT QDataStream &operator<<(QDataStream &out, const CalendarIndex &index);
    friend KONTACTCRMDOMAIN_EXPORT QDataStream &operator>>(QDataStream &in, CalendarIndex &index);

private:
    /// Whether the packed record @p record is still current (neither
    /// removed nor changed since).
    bool packedCurrent(int record) const;
    QList<CalendarEntry> packedBy(PackedCalendar::Lookup lookup, const QString &key, const CalendarFilter &filter) const;

    PackedCalendar m_packed;
    QSet<qint64> m_hidden; ///< packed item ids removed or changed since
    CalendarChanges m_changes;
};

} // namespace Crm
