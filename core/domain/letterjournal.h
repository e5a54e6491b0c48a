// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmdomain_export.h"
#include "letter.h"

namespace Crm
{

/// The @p count latest of @p letters (registeredLater: the later date, then
/// incoming before outgoing, then the higher number) from or to the
/// counterparty @p counterpartyUid: what its card shows.
KONTACTCRMDOMAIN_EXPORT QList<Letter> latestLetters(const QList<Letter> &letters, const QString &counterpartyUid, int count = 5);

} // namespace Crm
