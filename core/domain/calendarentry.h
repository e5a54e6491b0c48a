// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "businesscycle.h"
#include "kontactcrmdomain_export.h"

#include <QDataStream>
#include <QDateTime>
#include <QString>

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

KONTACTCRMDOMAIN_EXPORT QDataStream &operator<<(QDataStream &out, const CalendarEntry &e);
KONTACTCRMDOMAIN_EXPORT QDataStream &operator>>(QDataStream &in, CalendarEntry &e);

} // namespace Crm
