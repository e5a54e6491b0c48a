// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/interaction.h"
#include "kontactcrmcore_export.h"
#include "services/interactionservice.h"
#include "storage/itemstorage.h"

class QObject;

/// Editing an interaction already stored (a typo, a planned call moved to
/// another day): the rules and the write, beside InteractionService, for
/// the plugin's editor. What an editor changes is what it shows (kind,
/// subject, start, duration, counterparty, persons, employee, reminder);
/// the result, the next contact, the link to the previous one, the
/// attachments and the cancellation stay as stored, since they have their
/// own rules (InteractionService::recordResult, cancel).
namespace Crm::InteractionUpdate
{

/// Why @p edited may not replace @p stored (item @p itemId), or empty.
KONTACTCRMCORE_EXPORT QString problem(const Interaction &stored, qint64 itemId, const Interaction &edited);
/// @p stored with the fields an editor changes taken from @p edited.
KONTACTCRMCORE_EXPORT Interaction merged(const Interaction &stored, const Interaction &edited);
/// Reads item @p itemId, checks problem() on what is stored now, and
/// writes the merged interaction (refused when someone changed the item in
/// between). Never waits: reports once to @p done, from the event loop.
KONTACTCRMCORE_EXPORT void update(ItemStorage &storage,
                                  const Akonadi::Collection &calendar,
                                  qint64 itemId,
                                  const Interaction &edited,
                                  QObject *context,
                                  const InteractionService::Done &done);

} // namespace Crm::InteractionUpdate
