// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include <QStringList>

/// crmctl attachment …: the files kept with a task, an interaction or an
/// event, listed and saved back out.
namespace AttachmentCommands
{
int list(const QStringList &args);
int save(const QStringList &args);
} // namespace AttachmentCommands
