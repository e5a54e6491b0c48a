// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include <QStringList>

/// The crmctl commands. Each takes its own arguments (the first being the
/// command's name, for --help) and returns the process exit code.
namespace Commands
{
int counterpartyImport(const QStringList &args);
int counterpartyList(const QStringList &args);
int counterpartyFind(const QStringList &args);
int card(const QStringList &args);
int employeeImport(const QStringList &args);
int employeeList(const QStringList &args);
} // namespace Commands
