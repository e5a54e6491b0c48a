// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include <QStringList>

/// crmctl store: looking after how the CRM's items are stored.
namespace StoreCommands
{
int sync(const QStringList &args);
} // namespace StoreCommands
