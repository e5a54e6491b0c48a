// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmcore_export.h"

#include <Akonadi/Item>
#include <Akonadi/Tag>

#include <QHash>

#include <functional>

namespace Crm
{

/// The CATEGORIES of a CRM record (a counterparty's groups, the kind of a
/// task, an interaction or an event) as the Akonadi tags of its item.
///
/// Akonadi keeps categories as tags: the DAV groupware resource writes an
/// item's tags as its CATEGORIES on the server, replacing what the payload
/// says, and reads a server's CATEGORIES back as tags (KOrganizer does the
/// same). Without tags every CRM record reached a CalDAV/CardDAV server with
/// its CATEGORIES removed. The tags are found or made by name with
/// TagCreateJob and given to items by id: a tag named by its GID alone came
/// back with a non-ASCII name garbled (UTF-8 read as Latin-1).
namespace CategoryTags
{
using Tags = QHash<QString, Akonadi::Tag>;

/// The categories of @p item's payload (an incidence or a vCard), trimmed,
/// without empty ones.
KONTACTCRMCORE_EXPORT QStringList of(const Akonadi::Item &item);

/// Finds or creates a tag for each of @p names, then calls @p done with
/// those it has by name (a tag that could not be made is left out: its
/// category stays in the payload, only a DAV server does not get it).
KONTACTCRMCORE_EXPORT void resolve(const QStringList &names, QObject *context, const std::function<void(const Tags &)> &done);

/// @p item with its payload's categories as its tags, taken from @p tags.
/// An item without a contact or incidence payload is returned as it is.
KONTACTCRMCORE_EXPORT Akonadi::Item applied(Akonadi::Item item, const Tags &tags);
} // namespace CategoryTags

} // namespace Crm
