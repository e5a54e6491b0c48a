// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmdomain_export.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QtEndian>

#include <memory>
#include <ranges>

namespace Crm
{

class MappedFile;

/// How much of a packed block (PackedDirectory, PackedCalendar) opening it
/// checks: all of it, or only the sizes in its header, for the very bytes
/// that passed the whole check before (see CheckedFile).
enum class PackedBlockChecks {
    Everything,
    SizesOnly,
};

/// The bytes of a packed index block and what keeps them alive: a
/// QByteArray (shared, not copied) or a file mapped into memory. The
/// formats themselves (PackedDirectory, PackedCalendar) read their
/// little-endian fields through it.
class KONTACTCRMDOMAIN_EXPORT PackedBlock
{
public:
    PackedBlock() = default;
    /// @p size bytes from @p offset of @p holder; empty when they do not fit.
    PackedBlock(const QByteArray &holder, qsizetype offset, qsizetype size);
    /// @p block lies in @p file, which is kept.
    PackedBlock(std::shared_ptr<const MappedFile> file, QByteArrayView block);

    qsizetype size() const
    {
        return m_size;
    }
    const char *data() const
    {
        return m_bytes;
    }
    quint32 u32(qsizetype at) const
    {
        return qFromLittleEndian<quint32>(m_bytes + at);
    }
    qint64 i64(qsizetype at) const
    {
        return qFromLittleEndian<qint64>(m_bytes + at);
    }
    /// The block where it lies, valid while this is.
    QByteArrayView view() const
    {
        return {m_bytes, m_size};
    }
    /// The block (a copy unless it is its whole holder).
    QByteArray bytes() const;
    /// Lets the pages of a block in a mapped file go from the process's
    /// resident memory (see MappedFile); nothing for a block in memory.
    void releasePages() const;

    /// The first of the positions 0…@p count - 1 for which @p below is
    /// false: the bisection of a sorted table that is read where it lies.
    template<typename Below>
    static quint32 firstNotBelow(quint32 count, Below below)
    {
        return *std::ranges::partition_point(std::views::iota(quint32(0), count), below);
    }

private:
    QByteArray m_holder;
    std::shared_ptr<const MappedFile> m_file; ///< or the block lies here
    const char *m_bytes = nullptr; ///< the block, within m_holder or m_file
    qsizetype m_size = 0;
};

} // namespace Crm
