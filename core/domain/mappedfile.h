// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmdomain_export.h"

#include <QByteArrayView>
#include <QFile>

#include <memory>

namespace Crm
{

/// A file mapped into memory read-only, shared by whoever reads from it
/// (an index file: the packed directory lives where it lies in the file).
/// The file's pages are the kernel's page cache, not the process's heap:
/// they are read when touched, and releasePages() drops them from the
/// process's resident memory without losing them (the next read finds them
/// in the page cache). Only for files replaced whole (QSaveFile renames a
/// new file over the old one, so a mapping keeps the old contents): a file
/// cut short in place under a mapping would fault its reader.
class KONTACTCRMDOMAIN_EXPORT MappedFile
{
public:
    /// The file at @p path mapped, or null (with @p error) when it cannot
    /// be opened or mapped. An empty file maps to no bytes.
    static std::shared_ptr<const MappedFile> open(const QString &path, QString *error = nullptr);
    ~MappedFile();
    MappedFile(const MappedFile &) = delete;
    MappedFile &operator=(const MappedFile &) = delete;

    QByteArrayView bytes() const;
    /// What tells this version of the file from any other at its path: its
    /// device, inode, size, modification and change times (nanoseconds), in
    /// text; empty where the system does not say.
    QByteArray identity() const;
    /// Whether the open descriptor @p fd is this very file (device and inode).
    bool isFile(int fd) const;
    /// Drops the pages of @p part (within bytes()) from the process's
    /// resident memory; they stay in the page cache. A hint: where the
    /// system has no such call nothing happens.
    void releasePages(QByteArrayView part) const;
    void releasePages() const;

private:
    MappedFile() = default;
    QFile m_file;
    const char *m_data = nullptr;
    qsizetype m_size = 0;
};

} // namespace Crm
