// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "interaction.h"

#include "clock.h"
#include "counterparty.h"

#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

Interaction::State Interaction::stateAt(const QDateTime &now) const
{
    if (cancelled) {
        return State::Cancelled;
    }
    return start <= now ? State::Held : State::Planned;
}

Interaction Interaction::followUp(const QDate &date, int remindMinutesBefore) const
{
    Interaction next;
    next.uid = newUid();
    next.kind = kind;
    next.subject = subject;
    // Same time of day as this one: a call at 10:00 is followed up at 10:00.
    // A floating start (stored by older versions) gets the user's zone.
    const bool zoned = start.isValid() && start.timeSpec() != Qt::LocalTime;
    next.start = QDateTime(date, start.isValid() ? start.time() : QTime(10, 0), zoned ? start.timeZone() : Clock::zone());
    next.durationMinutes = durationMinutes;
    next.counterpartyUid = counterpartyUid;
    next.contactPersons = contactPersons;
    next.employee = employee;
    next.previousUid = uid;
    next.remindMinutesBefore = remindMinutesBefore;
    return next;
}

QStringList standardInteractionKinds()
{
    return {u"meeting"_s, u"call"_s, u"web conference"_s, u"visit"_s, u"letter"_s};
}

} // namespace Crm
