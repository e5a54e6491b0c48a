// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmdomain_export.h"

#include <QByteArrayView>

namespace Crm
{

/// The CRC-32 of @p data (zlib's, as gzip and PNG use it): how the journals
/// and the index files find a torn or damaged record. zlib's is several
/// times faster than a byte-wise table, which an index file of tens of
/// megabytes read at every cold start notices. @p previous is the CRC-32 of
/// the bytes before @p data, for data checked a part at a time.
KONTACTCRMDOMAIN_EXPORT quint32 crc32(QByteArrayView data, quint32 previous = 0);

} // namespace Crm
