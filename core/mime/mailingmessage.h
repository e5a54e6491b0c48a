// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/mailing.h"
#include "domain/mailmerge.h"
#include "kontactcrmcore_export.h"

#include <KMime/Message>

#include <QDateTime>

/// The MIME side of mailings (DESIGN.md §3). The template is a message
/// KMail can show: the subject and bodies with their merge fields as typed,
/// the attachments as parts, and X-KDE-CRM-* headers for the rest (TYPE =
/// mailing, MAILING-ID, KIND, PRIORITY, IDENTITY, TRANSPORT,
/// UNSUBSCRIBE-MAILTO, UNSUBSCRIBE-URL). The merged message of one recipient
/// has that recipient alone in To:, a Message-ID of its own,
/// List-Unsubscribe, the priority headers KMail writes, and no X-KDE-CRM-*
/// header but X-KDE-CRM-MAILING (to file the Sent copy).
namespace Crm::MailingMessage
{

KONTACTCRMCORE_EXPORT KMime::Message::Ptr templateMessage(const Mailing &mailing);
/// The mailing in @p message (parsed or not); a message that is no
/// mailing template gives an empty id.
KONTACTCRMCORE_EXPORT Mailing mailingFrom(const KMime::Message::Ptr &message);

/// The Message-ID of recipient @p index (without angle brackets): the same
/// each time, so a message sent again after an uncertain end can be told a
/// duplicate by the receiving side.
KONTACTCRMCORE_EXPORT QByteArray messageIdFor(const Mailing &mailing, int index);

/// The message for @p recipient with the texts MailMerge gave for it.
/// Values must have passed MailMerge (which refuses line breaks and NULs).
KONTACTCRMCORE_EXPORT KMime::Message::Ptr
mergedMessage(const Mailing &mailing, const MergedTexts &texts, const MailingRecipient &recipient, int index, const QDateTime &date);

} // namespace Crm::MailingMessage
