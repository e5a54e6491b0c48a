// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmdomain_export.h"

#include <QString>

namespace Crm
{

class MappedFile;

/// Remembers that a file passed its whole check (checksum and shape), so
/// that the next cold start need not read all of it again: an index file
/// of 400,000 contacts is 105 MiB, and summing and walking it took a third
/// of a cold `crmctl card`. A mark beside the file names that very file
/// (device, inode, size, modification and change times to the nanosecond)
/// and the checksum its header gives. A file written anew (QSaveFile
/// renames a new inode over it), cut short, or touched in any way never
/// matches its old mark, so it is checked whole again; what the mark does
/// not catch is a disk that changes bytes without telling the file system.
/// The reader marks a file once it passed; the writer marks the file it
/// wrote and summed (ItemIndexCache::save).
namespace CheckedFile
{
/// True when @p file (mapped from @p path) is the one a mark says passed,
/// with the same @p checksum in its header.
KONTACTCRMDOMAIN_EXPORT bool isMarked(const QString &path, const MappedFile &file, quint32 checksum);
/// Marks @p file as having passed its whole check. Best effort: without a
/// mark the next open checks the file whole, as before.
KONTACTCRMDOMAIN_EXPORT void mark(const QString &path, const MappedFile &file, quint32 checksum);
} // namespace CheckedFile

} // namespace Crm
