// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmdomain_export.h"

#include <QStringList>

namespace Crm
{

/// The kinds the users define, offered first wherever a kind is chosen
/// (kontactcrmrc, [Kinds]); any other kind typed is taken too. Tasks' kinds
/// beside the kinds that have a business cycle of their own.
namespace CrmKinds
{
enum class Of {
    Tasks,
    Interactions,
    Events
};
/// The configured list, else the built-in one (interactions: standardInteractionKinds()).
KONTACTCRMDOMAIN_EXPORT QStringList list(Of of);
/// Trims, drops empty and repeated (any case) entries, writes. False when the file cannot be written.
KONTACTCRMDOMAIN_EXPORT bool save(Of of, const QStringList &kinds);
} // namespace CrmKinds

} // namespace Crm
