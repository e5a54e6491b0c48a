// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmdomain_export.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace Crm
{

/// A one-off or recurring event, optionally about a counterparty. The
/// recurrence is an iCalendar RRULE with RDATE/EXDATE, expanded by
/// KCalendarCore, so phones show the same occurrences.
struct KONTACTCRMDOMAIN_EXPORT CrmEvent {
    QString uid;
    QString kind; ///< user-defined (CATEGORIES)
    QString subject;
    QString description;
    QString counterpartyUid;
    QDateTime start;
    int durationMinutes = 60;
    bool allDay = false;
    QString rrule; ///< e.g. "FREQ=WEEKLY;BYDAY=MO,FR"; empty for a one-off event
    QList<QDateTime> rdates; ///< extra occurrences (a moved occurrence's new time)
    QList<QDateTime> exdates; ///< occurrences left out (a moved occurrence's old time)
    QStringList remind; ///< e-mails of the employees to remind
    int remindMinutesBefore = -1; ///< -1: no reminder
    bool operator==(const CrmEvent &other) const = default;
};

} // namespace Crm
