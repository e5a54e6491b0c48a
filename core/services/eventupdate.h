// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/crmevent.h"
#include "kontactcrmcore_export.h"
#include "services/eventservice.h"
#include "storage/itemstorage.h"

class QObject;

/// Editing an event already stored, beside EventService, for the plugin's
/// editor: the subject, kind, counterparty, start, duration, all-day, rule
/// and reminder change; the UID, the description and the moved or left-out
/// occurrences (RDATE, EXDATE) stay. The rule is checked as EventService
/// checks a new one (EventService::build); a cancelled event is kept as it was.
namespace Crm::EventUpdate
{

/// @p stored with the fields an editor changes taken from @p edited.
KONTACTCRMCORE_EXPORT CrmEvent merged(const CrmEvent &stored, const CrmEvent &edited);
/// Why @p edited may not replace @p stored (item @p itemId, @p cancelled
/// when its STATUS says so), or empty.
KONTACTCRMCORE_EXPORT QString problem(const CrmEvent &stored, bool cancelled, qint64 itemId, const CrmEvent &edited);
/// Reads item @p itemId, checks problem() on what is stored now and writes
/// the merged event. Never waits: reports once to @p done.
KONTACTCRMCORE_EXPORT void
update(ItemStorage &storage, const Akonadi::Collection &calendar, qint64 itemId, const CrmEvent &edited, QObject *context, const EventService::Done &done);

} // namespace Crm::EventUpdate
