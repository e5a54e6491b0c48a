// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include <QStringList>

/// crmctl interaction … and crmctl event …: each takes its own arguments
/// (the first being the command's name, for --help) and returns the exit code.
namespace InteractionCommands
{
int add(const QStringList &args);
int list(const QStringList &args);
int result(const QStringList &args);
int cancel(const QStringList &args);
} // namespace InteractionCommands

namespace EventCommands
{
int add(const QStringList &args);
int list(const QStringList &args);
int upcoming(const QStringList &args);
} // namespace EventCommands
