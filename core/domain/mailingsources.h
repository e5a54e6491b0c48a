// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/counterparty.h"
#include "domain/mailing.h"
#include "import/importrecord.h"
#include "kontactcrmdomain_export.h"

#include <KContacts/Addressee>

#include <QList>
#include <QString>

/// Recipients of a mailing from what the CRM knows: contact persons and
/// counterparties (from the directory, a group or picked by hand), records of
/// a CSV or vCard file. Each gets the named merge fields (fullName,
/// firstName, lastName, counterparty, position, email) and, from a vCard,
/// every property by name (TITLE, ROLE, NICKNAME, X-…).
namespace Crm::MailingSources
{

/// A contact person of @p counterpartyName; @p source names where it came from.
KONTACTCRMDOMAIN_EXPORT MailingRecipient fromPerson(const ContactPerson &person, const QString &counterpartyName, const QString &source);
/// A counterparty written to at its own address.
KONTACTCRMDOMAIN_EXPORT MailingRecipient fromCounterparty(const Counterparty &counterparty, const QString &source);
/// Every vCard property of @p addressee as merge fields (the first value of each).
KONTACTCRMDOMAIN_EXPORT void addVCardFields(MailingRecipient &recipient, const KContacts::Addressee &addressee);

/// The recipients in a CSV or vCard file (read as `crmctl counterparty import`
/// reads it), with the file's problems in @p problems. A record without an
/// e-mail address is kept (reported as invalid by RecipientListBuilder).
KONTACTCRMDOMAIN_EXPORT QList<MailingRecipient> fromFile(const QString &path, QList<ImportProblem> *problems);

} // namespace Crm::MailingSources
