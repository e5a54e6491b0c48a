// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "mappedfile.h"

#include <QtGlobal>

#ifdef Q_OS_LINUX
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace Crm
{

std::shared_ptr<const MappedFile> MappedFile::open(const QString &path, QString *error)
{
    std::shared_ptr<MappedFile> mapped(new MappedFile);
    mapped->m_file.setFileName(path);
    if (!mapped->m_file.open(QIODevice::ReadOnly)) {
        if (error) {
            *error = mapped->m_file.errorString();
        }
        return nullptr;
    }
    mapped->m_size = mapped->m_file.size();
    if (mapped->m_size > 0) {
        mapped->m_data = reinterpret_cast<const char *>(mapped->m_file.map(0, mapped->m_size));
        if (!mapped->m_data) {
            if (error) {
                *error = mapped->m_file.errorString();
            }
            return nullptr;
        }
    }
    return mapped;
}

MappedFile::~MappedFile() = default; // QFile unmaps what it mapped when it closes

QByteArrayView MappedFile::bytes() const
{
    return QByteArrayView(m_data, m_size);
}

QByteArray MappedFile::identity() const
{
#ifdef Q_OS_LINUX
    struct stat st{};
    if (fstat(m_file.handle(), &st) != 0) {
        return {};
    }
    QByteArray out;
    for (const auto n : {quint64(st.st_dev),
                         quint64(st.st_ino),
                         quint64(st.st_size),
                         quint64(st.st_mtim.tv_sec),
                         quint64(st.st_mtim.tv_nsec),
                         quint64(st.st_ctim.tv_sec),
                         quint64(st.st_ctim.tv_nsec)}) {
        out += QByteArray::number(n) + ' ';
    }
    out.chop(1);
    return out;
#else
    return {};
#endif
}

bool MappedFile::isFile(int fd) const
{
    struct stat mine{};
    struct stat other{};
    return fd >= 0 && fstat(m_file.handle(), &mine) == 0 && fstat(fd, &other) == 0 && mine.st_dev == other.st_dev && mine.st_ino == other.st_ino;
}

void MappedFile::releasePages(QByteArrayView part) const
{
#ifdef Q_OS_LINUX
    // Only whole pages inside the part: a page it shares with bytes outside
    // stays (dropping it would be harmless, but says more than asked).
    static const quintptr pageSize = quintptr(sysconf(_SC_PAGESIZE));
    const auto begin = (quintptr(part.data()) + pageSize - 1) & ~(pageSize - 1);
    const auto end = (quintptr(part.data()) + quintptr(part.size())) & ~(pageSize - 1);
    if (part.isEmpty() || end <= begin) {
        return;
    }
    // A shared read-only mapping of a file: its pages are the page cache's,
    // so MADV_DONTNEED unmaps them from this process and loses nothing.
    madvise(reinterpret_cast<void *>(begin), end - begin, MADV_DONTNEED);
#else
    Q_UNUSED(part)
#endif
}

void MappedFile::releasePages() const
{
    releasePages(bytes());
}

} // namespace Crm
