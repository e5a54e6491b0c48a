// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/businesscycle.h"
#include "domain/calendarindex.h"
#include "kontactcrmdomain_export.h"

namespace Crm
{

/// What Kontact's summary page shows of the CRM, from the calendar index
/// alone: the overdue tasks and the next planned contacts, of the user when
/// one is known (everyone's otherwise).
struct KONTACTCRMDOMAIN_EXPORT CrmSummary {
    QList<CalendarEntry> overdueTasks; ///< longest overdue first
    QList<CalendarEntry> nextContacts; ///< planned interactions to come, soonest first
    int overdueCount = 0; ///< before the cut to @p limit
    int plannedCount = 0;

    static CrmSummary build(const CalendarIndex &index, const BusinessCycles &cycles, const QString &user, const QDateTime &now, int limit);
};

} // namespace Crm
