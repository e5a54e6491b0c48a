// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmdomain_export.h"
#include "letter.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <functional>

namespace Crm
{

/// The correspondence journal as CSV (RFC 4180): UTF-8, comma-separated,
/// CRLF line ends, a header row; a field holding a comma, a quote, a CR or
/// an LF is quoted, its quotes doubled. One row per letter in the order
/// given: number, registration date, document date (ISO 8601), direction,
/// counterparty name, addressee, kind path, priority, subject, the
/// attachments' names ("; " between them), archived ("yes"/"no").
namespace LetterExport
{
/// One field as RFC 4180 writes it; one that a spreadsheet would take for
/// a formula (it starts with = + - @, a tab or a CR) gets an apostrophe first.
KONTACTCRMDOMAIN_EXPORT QString csvField(const QString &value);
/// The header row's names, translated.
KONTACTCRMDOMAIN_EXPORT QStringList header();
/// The fields of @p letter's row; @p counterpartyName gives the name of a
/// counterparty uid (the uid itself when it is unknown).
KONTACTCRMDOMAIN_EXPORT QStringList fields(const Letter &letter, const QString &counterpartyName);
/// The whole file: the header row and a row for each of @p letters.
KONTACTCRMDOMAIN_EXPORT QByteArray csv(const QList<Letter> &letters, const std::function<QString(const QString &uid)> &counterpartyName);
/// The journal's order for an export: by registration date, incoming
/// before outgoing, then by number.
KONTACTCRMDOMAIN_EXPORT void sortChronologically(QList<Letter> &letters);
}

} // namespace Crm
