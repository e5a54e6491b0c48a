// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/businesscycle.h"
#include "domain/calendarindex.h"
#include "kontactcrmdomain_export.h"

#include <QDateTime>

namespace Crm
{

/// Which tasks a list or board shows ("mine", "overdue", by state, kind,
/// counterparty), answered from the calendar index alone: no payload is
/// read, so 50,000 tasks cost milliseconds. A rule of the domain, shared by
/// crmctl, the plugin and the agent.
struct KONTACTCRMDOMAIN_EXPORT TaskQuery {
    QString responsible; ///< e-mail
    QString counterpartyUid;
    QString state;
    QString kind;
    bool openOnly = false; ///< not in an end state
    bool overdueOnly = false;

    /// Index entries of the matching tasks, by deadline (none last), then
    /// subject and item id: the same order on every run.
    QList<CalendarEntry> run(const CalendarIndex &index, const BusinessCycles &cycles, const QDateTime &now) const;

    /// Not completed or cancelled, and not in an end state of its kind's cycle.
    static bool isOpen(const CalendarEntry &entry, const BusinessCycles &cycles);
    /// Open with its deadline before @p now.
    static bool isOverdue(const CalendarEntry &entry, const BusinessCycles &cycles, const QDateTime &now);
};

} // namespace Crm
