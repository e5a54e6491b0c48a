// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "businesscycle.h"
#include "kontactcrmdomain_export.h"

#include <QDataStream>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMap>
#include <QMultiHash>
#include <QSet>
#include <QString>

#include <functional>

namespace Crm
{

/// What the calendar index keeps of one CRM incidence (task, interaction,
/// event): enough to answer "my open tasks", "overdue" and the timeline of
/// a counterparty, and to fetch the full item by id for the rows shown.
struct KONTACTCRMDOMAIN_EXPORT CalendarEntry {
    enum class Type : quint8 {
        Task,
        Interaction,
        Event,
        Other
    };
    qint64 itemId = -1;
    Type type = Type::Other;
    QString uid;
    QString summary;
    QString counterpartyUid;
    QString kind; ///< X-KDE-CRM-KIND, or the first category
    QString state; ///< X-KDE-CRM-STATE (a task's business-cycle state)
    /// The iCalendar STATUS as the CRM's rules read it: needs action (also
    /// for none, TENTATIVE, CONFIRMED…), in process, completed, cancelled.
    CycleState::Status status = CycleState::Status::NeedsAction;
    QString responsible; ///< normalized e-mail: a task's ATTENDEE, an interaction's ORGANIZER
    QString issuer; ///< normalized e-mail of a task's ORGANIZER
    QDateTime start; ///< in UTC, so queries compare without zone conversions
    QDateTime due; ///< a task's deadline, in UTC
    bool recurring = false;
    QString relatedTo; ///< RELATED-TO: the interaction this follow-up continues
    /// Derived from STATUS, never stored twice.
    bool cancelled() const
    {
        return status == CycleState::Status::Cancelled;
    }
    /// Completed or cancelled by STATUS: every end state of every business
    /// cycle maps to one of the two (BusinessCycle checks that).
    bool closed() const
    {
        return cancelled() || status == CycleState::Status::Completed;
    }
    bool operator==(const CalendarEntry &other) const = default;
};

/// An in-memory index over the CRM calendar, by item id and counterparty.
class KONTACTCRMDOMAIN_EXPORT CalendarIndex
{
public:
    void insert(const CalendarEntry &entry); ///< replaces the entry with the same item id
    void remove(qint64 itemId);
    void clear();
    int size() const;
    bool contains(qint64 itemId) const;
    const CalendarEntry *entry(qint64 itemId) const;
    QList<CalendarEntry> entries() const;

    QList<CalendarEntry> byCounterparty(const QString &counterpartyUid) const;
    QList<CalendarEntry> ofType(CalendarEntry::Type type) const;
    /// Calls @p visit for each entry of @p type, copying none: a scan of
    /// 50,000 tasks for "overdue" stays in the milliseconds.
    void visit(CalendarEntry::Type type, const std::function<void(const CalendarEntry &)> &visit) const;
    /// Entries whose responsible (normalized e-mail) is @p email: "my tasks".
    QList<CalendarEntry> byResponsible(const QString &email) const;
    /// Calls @p visit for each task with a deadline before @p msSinceEpoch,
    /// earliest deadline first, copying none: "overdue" without a scan.
    void visitTasksDueBefore(qint64 msSinceEpoch, const std::function<void(const CalendarEntry &)> &visit) const;
    QList<CalendarEntry> byUid(const QString &uid) const;

    /// The index for its file (CompactWriter: each distinct string once).
    QByteArray toCompact() const;
    /// Replaces the index with what toCompact() wrote; false, leaving it
    /// empty, when @p bytes are damaged.
    bool fromCompact(QByteArrayView bytes);
    friend KONTACTCRMDOMAIN_EXPORT QDataStream &operator<<(QDataStream &out, const CalendarIndex &index);
    friend KONTACTCRMDOMAIN_EXPORT QDataStream &operator>>(QDataStream &in, CalendarIndex &index);

private:
    QHash<qint64, CalendarEntry> m_entries;
    // Sets, not multi-hashes: one employee may hold 150,000 interactions,
    // and removing one id from a multi-hash chain is linear in its length.
    using IdSets = QHash<QString, QSet<qint64>>;
    /// Made on the first query that needs them, then kept up to date: a
    /// cold crmctl asks one question, so reading 500,000 entries from the
    /// index file builds only what that question needs (the structure of
    /// one query costs about as much to build as the file to read). Not
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
    mutable QMultiMap<qint64, qint64> m_tasksByDue; ///< deadline (ms since the epoch) -> item id
    void buildSecondary(Secondary &secondary, QString CalendarEntry::*key) const;
    void buildDue() const;
    void buildUid() const;
    QList<CalendarEntry> collect(const IdSets &sets, const QString &key) const;
};

KONTACTCRMDOMAIN_EXPORT QDataStream &operator<<(QDataStream &out, const CalendarEntry &e);
KONTACTCRMDOMAIN_EXPORT QDataStream &operator>>(QDataStream &in, CalendarEntry &e);

} // namespace Crm
