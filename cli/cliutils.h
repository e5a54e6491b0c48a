// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "akonadi/directory.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QTextStream>

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
/// The one counterparty @p text names (name part, phone, tax code, e-mail
/// or UID). On none or several, prints why and returns std::nullopt.
std::optional<Crm::DirectoryEntry> counterparty(const Crm::Directory &directory, const QString &text);
/// Whether @p email (given with @p option, e.g. "--responsible") names an
/// employee of the directory. On no, prints the employees and returns false;
/// while the directory has no employees yet it warns and returns true.
bool isEmployee(const QString &email, const QString &option);
} // namespace CliUtils
