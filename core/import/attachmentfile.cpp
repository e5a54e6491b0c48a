// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "attachmentfile.h"

#include "boundedfile.h"
#include "importlimits.h"

#include <QFileInfo>
#include <QMimeDatabase>
#include <QUrl>

namespace Crm::AttachmentFile
{

std::optional<Attachment> read(const QString &fileOrLink, QString *error, qint64 maxBytes)
{
    const QUrl url(fileOrLink, QUrl::StrictMode);
    if (url.isValid() && url.scheme().size() > 1 && !url.isLocalFile()) {
        return Attachment{QString(), fileOrLink, QByteArray(), QString()};
    }
    const QString path = url.isLocalFile() ? url.toLocalFile() : fileOrLink;
    // Only a regular file, checked on the open descriptor (no window to swap
    // in a FIFO), and no more of it than the limit, whatever stat says.
    const auto data = BoundedFile::read(path, maxBytes < 0 ? ImportLimits::fromConfig().maxAttachmentBytes : maxBytes, error);
    if (!data) {
        return std::nullopt;
    }
    return Attachment{QFileInfo(path).fileName(), QString(), *data, QMimeDatabase().mimeTypeForFileNameAndData(path, *data).name()};
}

} // namespace Crm::AttachmentFile
