// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/crmevent.h"
#include "domain/interaction.h"
#include "kontactcrmcore_export.h"

#include <KCalendarCore/Event>

/// The iCalendar side of interactions and events (DESIGN.md §3): both are
/// VEVENTs, told apart by X-KDE-CRM-TYPE.
namespace Crm::InteractionMapping
{

/// Writes @p interaction onto @p base (a stored event, or a new one),
/// keeping what other programs added.
KONTACTCRMCORE_EXPORT KCalendarCore::Event::Ptr toEvent(const Interaction &interaction, KCalendarCore::Event::Ptr base = {});
KONTACTCRMCORE_EXPORT Interaction interactionFrom(const KCalendarCore::Incidence::Ptr &incidence);

KONTACTCRMCORE_EXPORT KCalendarCore::Event::Ptr toEvent(const CrmEvent &event, KCalendarCore::Event::Ptr base = {});
KONTACTCRMCORE_EXPORT CrmEvent eventFrom(const KCalendarCore::Incidence::Ptr &incidence);
/// A new event for @p event with its recurrence checked before anything is
/// stored: a rule that is not iCalendar, or that Occurrences::problem
/// refuses, gives nullptr and says why in @p error.
KONTACTCRMCORE_EXPORT KCalendarCore::Event::Ptr checkedEvent(const CrmEvent &event, QString *error);

/// Parses an RRULE value ("FREQ=WEEKLY;BYDAY=MO,FR") onto @p event's
/// recurrence. Returns a translated error, or an empty string.
KONTACTCRMCORE_EXPORT QString applyRRule(const KCalendarCore::Event::Ptr &event, const QString &rrule);

} // namespace Crm::InteractionMapping
