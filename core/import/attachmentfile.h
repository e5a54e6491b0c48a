// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/task.h"
#include "kontactcrmdomain_export.h"

#include <optional>

namespace Crm::AttachmentFile
{

/// A file or link as the CRM keeps it with a record: a URL other than
/// file:// stays a link; a local file is read whole (a regular file only,
/// at most @p maxBytes, -1 for MaxAttachmentBytes of the configuration),
/// named after the file, its MIME type sniffed. Nothing and @p error
/// saying why (unreadable, too large, not a file) otherwise.
KONTACTCRMDOMAIN_EXPORT std::optional<Attachment> read(const QString &fileOrLink, QString *error, qint64 maxBytes = -1);

} // namespace Crm::AttachmentFile
