// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/letter.h"
#include "kontactcrmcore_export.h"

#include <KMime/Message>

/// The MIME side of the correspondence register (DESIGN.md §3): a letter is
/// a message KMail can show. Message-ID = the letter's uid, From = the
/// addressee, Date = the document's date, Subject, Importance; the note is
/// the first text/plain part and every attachment a part of its own
/// (multipart/mixed). The rest are X-KDE-CRM-* headers: TYPE=letter,
/// DIRECTION, REGISTRATION-DATE, NUMBER, SEQUENCE, KIND (the classifier
/// path, joinKindPath), PRIORITY, COUNTERPARTY, ADDRESSEE (the contact's
/// uid), NOTIFY (a mailbox list). "Archived" is not a header: it is the
/// folder the message is in.
namespace Crm::LetterMapping
{

/// The message for @p letter. No value can add a header or a part: CR, LF
/// and NUL in a header value become spaces; the note and the attachments
/// travel base64 in their own parts.
KONTACTCRMCORE_EXPORT KMime::Message::Ptr toMessage(const Letter &letter);
/// The letter in @p message (parsed or not). A message without the CRM's
/// headers (an e-mail filed from KMail) gives what it has: subject, sender,
/// date, parts.
KONTACTCRMCORE_EXPORT Letter letterFrom(const KMime::Message::Ptr &message);
/// An e-mail registered as @p letter (an e-mail already in KMail, or saved
/// from it): its headers and parts kept as they are, the register's
/// X-KDE-CRM-* headers added (any it carried replaced). Subject, sender,
/// date, note and attachments are the e-mail's own; read them with
/// letterFrom() before. A message without a Message-ID gets @p letter's uid.
KONTACTCRMCORE_EXPORT KMime::Message::Ptr fileEmail(const QByteArray &email, const Letter &letter);
/// @p raw parsed as a message.
KONTACTCRMCORE_EXPORT KMime::Message::Ptr parse(const QByteArray &raw);
/// Whether @p raw reads as an e-mail: a header with From, Date or Subject
/// before the first empty line (not a PDF or a picture given by mistake).
KONTACTCRMCORE_EXPORT bool looksLikeEmail(const QByteArray &raw);
/// Sets the kind (X-KDE-CRM-KIND) of the stored @p message, leaving every
/// other header and part as it is: a kind renamed or moved in the tree.
KONTACTCRMCORE_EXPORT void setKind(const KMime::Message::Ptr &message, const QStringList &kind);
/// Gives the stored @p message another number (X-KDE-CRM-NUMBER and
/// -SEQUENCE), leaving every other header and part as it is: a number
/// another machine gave first in a shared register.
KONTACTCRMCORE_EXPORT void setNumber(const KMime::Message::Ptr &message, const QString &number, int sequence);
/// Whether @p message is a register entry (X-KDE-CRM-TYPE: letter).
KONTACTCRMCORE_EXPORT bool isLetter(const KMime::Message::Ptr &message);

/// A new uid for a letter, usable as a Message-ID.
KONTACTCRMCORE_EXPORT QString newLetterUid();

/// The MIME type of register items in Akonadi.
inline constexpr auto mimeType = "message/rfc822";

} // namespace Crm::LetterMapping
