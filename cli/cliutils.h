// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "akonadi/directory.h"
#include "domain/task.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QTextStream>

#include <functional>
#include <optional>

/// What every crmctl command shares: its streams, error reporting, the
/// --json option and resolving a counterparty named on the command line.
namespace CliUtils
{
QTextStream &out();
QTextStream &err();
/// Prints "crmctl: message" on stderr and returns 1, the exit code.
int fail(const QString &message);
const QCommandLineOption &jsonOption();
/// Adds --help (and --json), then processes @p args; exits on --help or on
/// an unknown option, as QCommandLineParser does.
void parse(QCommandLineParser &parser, const QStringList &args, const QString &description, bool withJson = true);
/// @p args with positional negative numbers ("-5") moved after "--", so
/// that they are read as values, not as unknown options.
QStringList withNegativeNumbers(QCommandLineParser &parser, const QStringList &args);
/// The one counterparty @p text names (name part, phone, tax code, e-mail
/// or UID). On none or several, prints why and returns std::nullopt.
std::optional<Crm::DirectoryEntry> counterparty(const Crm::Directory &directory, const QString &text);
/// Whether @p email (given with @p option, e.g. "--responsible") names an
/// employee of the directory. On no, prints the employees and returns false;
/// while the directory has no employees yet it warns and returns true.
bool isEmployee(const QString &email, const QString &option);
/// The counterparty's name for @p uid; the UID itself while the directory
/// does not know it. Commands show names, never keys.
QString counterpartyName(const Crm::Directory &directory, const QString &uid);

/// --remind-before DURATION (90m, 2h, 2d, 1w), the one way every command
/// says when to remind; @p what says before what.
QCommandLineOption remindBeforeOption(const QString &what);
/// An older option kept as an alias (e.g. --remind-days N), not shown in help.
QCommandLineOption legacyOption(const QString &name, const QString &valueName);
/// The lead times in minutes given with --remind-before and with the older
/// @p legacy option (whose bare numbers count @p legacyUnitMinutes each).
/// std::nullopt after printing what is wrong.
std::optional<QList<int>>
remindBefore(const QCommandLineParser &parser, const QCommandLineOption &option, const QCommandLineOption &legacy, int legacyUnitMinutes);

/// A file to keep with a record (--attach): only a regular file is read,
/// and at most @p maxBytes of it (default: MaxAttachmentBytes in
/// kontactcrmrc, 25 MiB); a link (a URL with a scheme) is kept as a link.
/// std::nullopt with @p error naming the file and what is wrong.
std::optional<Crm::Attachment> attachment(const QString &fileOrLink, QString *error, qint64 maxBytes = -1);
} // namespace CliUtils
