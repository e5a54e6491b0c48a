// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include <QJsonObject>
#include <QStringList>
#include <QTextStream>

/// crmctl letter …: the correspondence register (issue 13).
namespace LetterCommands
{
int registerLetter(const QStringList &args);
int list(const QStringList &args);
int show(const QStringList &args);
int exportCsv(const QStringList &args);
/// The latest letters from or to @p counterpartyUid (not the archive), for
/// its card: printed to @p out, or added to @p json as "letters". Nothing
/// while the register does not exist.
void cardLetters(const QString &counterpartyUid, QTextStream *out, QJsonObject *json);
int archive(const QStringList &args);
int restore(const QStringList &args);
} // namespace LetterCommands

/// crmctl kind …: the register's classifier tree.
namespace KindCommands
{
int list(const QStringList &args);
int add(const QStringList &args);
int rename(const QStringList &args);
int move(const QStringList &args);
int remove(const QStringList &args);
} // namespace KindCommands
