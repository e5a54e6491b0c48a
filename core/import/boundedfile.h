// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmdomain_export.h"

#include <QByteArray>
#include <QFile>
#include <QString>

#include <memory>
#include <optional>

namespace Crm::BoundedFile
{

/// Reads the regular file @p path whole, or says why not in @p error
/// (translated): it does not exist, is not a regular file (a device such
/// as /dev/zero, a FIFO, a directory), or holds more than @p maxBytes.
/// The limit applies to what is read, not to what stat reports, and a FIFO
/// without a writer is refused instead of waited for.
KONTACTCRMDOMAIN_EXPORT std::optional<QByteArray> read(const QString &path, qint64 maxBytes, QString *error);

/// Opens the regular file @p path to be read a piece at a time, under the
/// checks of read() but the size: the caller counts what it reads and
/// stops past its limit with tooLarge().
KONTACTCRMDOMAIN_EXPORT std::unique_ptr<QFile> open(const QString &path, QString *error);
/// The error read() gives for a file past @p maxBytes.
KONTACTCRMDOMAIN_EXPORT QString tooLarge(const QString &path, qint64 maxBytes);

} // namespace Crm::BoundedFile
