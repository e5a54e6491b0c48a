// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/mailing.h"
#include "domain/mailingjournal.h"
#include "kontactcrmcore_export.h"
#include "mailing/mailingsender.h"
#include "mailing/mailingstore.h"

#include <QString>

namespace Crm
{

/// What the user asks of a mailing (send, pause, resume), for crmctl and the
/// plugin alike: the request is written into the mailing's folder, which the
/// mailing agent reads within a second, and the agent is told at once over
/// D-Bus when it runs (without waiting for its answer).
namespace MailingControl
{

/// The mailing agent's bus name: org.kde.kontactcrm.MailingAgent, followed by
/// ".<instance>" when Akonadi runs as a named instance (as Akonadi names its
/// own services), so that agents of two instances on one bus stay apart.
KONTACTCRMCORE_EXPORT QString agentServiceName();

/// A new mailing with what the settings give: the sender from the user's
/// default identity, unsubscribe requests to the sender, the one-click URL
/// of kontactcrmrc [Mailing] UnsubscribeUrl, the transport of [Mailing]
/// TransportId (-1, the default transport, when not set). Not stored yet.
KONTACTCRMCORE_EXPORT Mailing newDraft();
/// Copies mailing @p id (template and recipients) into a new draft; its id,
/// or empty with @p error.
KONTACTCRMCORE_EXPORT QString copy(MailingStore &store, const QString &id, QString *error);

/// Hands a draft or paused mailing to the agent. Refused (with @p error)
/// when it has no recipients.
KONTACTCRMCORE_EXPORT bool send(MailingStore &store, const QString &id, QString *error);
/// Stops after the message under way.
KONTACTCRMCORE_EXPORT bool pause(MailingStore &store, const QString &id, QString *error);
/// Goes on; with @p resendUncertain the recipients whose message may or may
/// not have gone out are sent it again.
KONTACTCRMCORE_EXPORT bool resume(MailingStore &store, const QString &id, bool resendUncertain, QString *error);

/// The state of a mailing in words: a draft, being sent, paused, sent,
/// done with problems.
KONTACTCRMCORE_EXPORT QString stateText(MailingStore::Control control, const MailingSender::Counts &counts);

/// A recipient's state in words ("sent", "waiting for a retry"…).
KONTACTCRMCORE_EXPORT QString stateName(MailingJournal::State state);

} // namespace MailingControl
} // namespace Crm
