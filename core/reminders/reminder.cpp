// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "reminder.h"

using namespace Qt::Literals::StringLiterals;

namespace Crm::Reminders
{

QString kindName(Kind kind)
{
    switch (kind) {
    case Kind::TaskAssigned:
        return u"task-assigned"_s;
    case Kind::TaskDeadlineSoon:
        return u"task-deadline-soon"_s;
    case Kind::TaskDeadlinePassed:
        return u"task-deadline-passed"_s;
    case Kind::TaskAlarm:
        return u"task-alarm"_s;
    case Kind::InteractionBefore:
        return u"interaction-before"_s;
    case Kind::InteractionAt:
        return u"interaction-at"_s;
    case Kind::EventAlarm:
        return u"event-alarm"_s;
    case Kind::Birthday:
        return u"birthday"_s;
    case Kind::Snoozed:
        return u"snoozed"_s;
    }
    return u"unknown"_s;
}

static QString stamp(const QDateTime &dt)
{
    return dt.isValid() ? dt.toUTC().toString(Qt::ISODate) : QString();
}

QString Reminder::key() const
{
    if (kind == Kind::TaskAssigned) {
        // One per task and assignee, however often the task is edited later.
        return uid + u"|task-assigned"_s;
    }
    if (kind == Kind::Birthday) {
        // One per person and birthday: the time it is announced (09:00 in
        // the user's zone) moves when the zone changes; the date does not.
        return uid + u"|birthday|"_s + occurrence.date().toString(Qt::ISODate);
    }
    return uid + u'|' + kindName(kind) + u'|' + stamp(occurrence) + u'|' + stamp(due);
}

} // namespace Crm::Reminders
