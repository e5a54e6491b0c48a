// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "checksum.h"

#include <zlib.h>

namespace Crm
{

quint32 crc32(QByteArrayView data, quint32 previous)
{
    uLong crc = previous; // zlib's start value is 0
    static_assert(sizeof(uLong) >= sizeof(quint32));
    const auto *bytes = reinterpret_cast<const Bytef *>(data.data());
    qsizetype left = data.size();
    // zlib takes at most a uInt at a time.
    while (left > 0) {
        const uInt chunk = uInt(qMin<qsizetype>(left, 1 << 30));
        crc = ::crc32(crc, bytes, chunk);
        bytes += chunk;
        left -= chunk;
    }
    return quint32(crc);
}

} // namespace Crm
