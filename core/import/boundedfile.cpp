// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "boundedfile.h"

#include <KLocalizedString>

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Crm::BoundedFile
{

namespace
{
QString sizeText(qint64 bytes)
{
    return bytes >= 1024 * 1024 ? i18nc("@item size", "%1 MiB", bytes / (1024 * 1024)) : i18nc("@item size", "%1 bytes", bytes);
}
} // namespace

namespace
{
/// A descriptor of the regular file @p path, or -1 with @p error set.
int openRegular(const QString &path, QString *error)
{
    auto fail = [error](const QString &message) {
        if (error) {
            *error = message;
        }
        return -1;
    };
    // O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever;
    // the type is then checked on the descriptor itself, so nothing can be
    // swapped in between the check and the read.
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        const int err = errno;
        return fail(err == ENOENT ? i18n("the file %1 does not exist", path) : i18n("cannot read %1: %2", path, QString::fromLocal8Bit(std::strerror(err))));
    }
    struct stat st = {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return fail(S_ISDIR(st.st_mode) ? i18n("%1 is a folder, not a file", path)
                                        : i18n("%1 is not a regular file (a device, a pipe or a socket); only regular files are read", path));
    }
    return fd;
}
} // namespace

QString tooLarge(const QString &path, qint64 maxBytes)
{
    return i18n("%1 is larger than %2", path, sizeText(maxBytes));
}

std::unique_ptr<QFile> open(const QString &path, QString *error)
{
    const int fd = openRegular(path, error);
    if (fd < 0) {
        return nullptr;
    }
    auto file = std::make_unique<QFile>();
    if (!file->open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        if (error) {
            *error = i18n("cannot read %1: %2", path, file->errorString());
        }
        return nullptr;
    }
    return file;
}

std::optional<QByteArray> read(const QString &path, qint64 maxBytes, QString *error)
{
    auto fail = [error](const QString &message) -> std::optional<QByteArray> {
        if (error) {
            *error = message;
        }
        return std::nullopt;
    };
    const int fd = openRegular(path, error);
    if (fd < 0) {
        return std::nullopt;
    }
    struct stat st = {};
    ::fstat(fd, &st);
    QByteArray data;
    // What stat reports may be wrong (/proc, a file still growing): read at
    // most one byte more than allowed, whatever it says.
    data.reserve(qMin<qint64>(st.st_size, maxBytes) + 1);
    char buffer[65536];
    while (true) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            const int err = errno;
            ::close(fd);
            return fail(i18n("cannot read %1: %2", path, QString::fromLocal8Bit(std::strerror(err))));
        }
        if (n == 0) {
            break;
        }
        if (data.size() + n > maxBytes) {
            ::close(fd);
            return fail(tooLarge(path, maxBytes));
        }
        data.append(buffer, n);
    }
    ::close(fd);
    return data;
}

} // namespace Crm::BoundedFile
