// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "crmsummary.h"

#include "domain/searchkeys.h"
#include "domain/taskquery.h"

namespace Crm
{

CrmSummary CrmSummary::build(const CalendarIndex &index, const BusinessCycles &cycles, const QString &user, const QDateTime &now, int limit)
{
    CrmSummary out;
    TaskQuery overdue;
    overdue.responsible = user;
    overdue.overdueOnly = true;
    out.overdueTasks = overdue.run(index, cycles, now); // by deadline: the longest overdue first
    out.overdueCount = out.overdueTasks.size();

    const QString me = SearchKeys::email(user);
    const QList<CalendarEntry> interactions = me.isEmpty() ? index.ofType(CalendarEntry::Type::Interaction) : index.byResponsible(me);
    for (const CalendarEntry &e : interactions) {
        if (e.type == CalendarEntry::Type::Interaction && !e.cancelled() && e.start.isValid() && e.start >= now) {
            out.nextContacts << e;
        }
    }
    std::sort(out.nextContacts.begin(), out.nextContacts.end(), [](const CalendarEntry &a, const CalendarEntry &b) {
        return a.start != b.start ? a.start < b.start : a.itemId < b.itemId;
    });
    out.plannedCount = out.nextContacts.size();
    if (limit > 0) {
        out.overdueTasks = out.overdueTasks.mid(0, limit);
        out.nextContacts = out.nextContacts.mid(0, limit);
    }
    return out;
}

} // namespace Crm
