// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmcore_export.h"

#include <QList>
#include <QString>

#include <optional>

namespace Crm
{

/// What a process that follows the storage's changes (the reminder agent,
/// see IndexKeeper) says of an index file it keeps: the file in place, as
/// named by its header, plus the items changed and removed since it was
/// written, is the index as of every change it has heard of. A cold
/// crmctl that gets one reads those few items by id instead of asking the
/// server what changed: at 400,000 contacts that listing is two thirds of
/// a cold card.
struct KONTACTCRMCORE_EXPORT IndexVouch {
    QString file;
    quint64 payloadSize = 0; ///< the file's header: the size of what follows it
    quint32 checksum = 0; ///< and its CRC-32
    QList<qint64> changed; ///< added or changed since the file was written
    QList<qint64> removed; ///< removed (or moved out of the index's collections) since

    QString toJson() const;
    /// Nothing for an empty or malformed answer.
    static std::optional<IndexVouch> fromJson(const QString &json);
};

} // namespace Crm
