// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmcore_export.h"

#include <Akonadi/Item>

namespace Crm
{

/// Akonadi's GID of a CRM record: the UID of its vCard or incidence.
///
/// Akonadi::ItemCreateJob sends only a GID its caller set (the serializer's
/// GID extractor is used by ItemModifyJob alone), so without this the CRM's
/// items have none: a create could not merge into a record already stored,
/// and a repair could not tell two copies of one record apart.
namespace RecordGid
{
/// The UID of @p item's payload, or an empty string.
KONTACTCRMCORE_EXPORT QString of(const Akonadi::Item &item);

/// @p item with its GID set from its payload when it has none.
KONTACTCRMCORE_EXPORT Akonadi::Item withGid(Akonadi::Item item);
} // namespace RecordGid

} // namespace Crm
