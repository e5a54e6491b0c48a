// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include <QStringList>

/// crmctl task …: tasks and their business cycles.
namespace TaskCommands
{
int add(const QStringList &args);
int list(const QStringList &args);
int show(const QStringList &args);
int move(const QStringList &args);
int edit(const QStringList &args);
int logResource(const QStringList &args);
} // namespace TaskCommands
