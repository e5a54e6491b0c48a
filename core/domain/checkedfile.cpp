// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "checkedfile.h"

#include "mappedfile.h"

#include <QFile>
#include <QSaveFile>

namespace Crm::CheckedFile
{

namespace
{
QString markPath(const QString &path)
{
    return path + QStringLiteral(".checked");
}

QByteArray markOf(const MappedFile &file, quint32 checksum)
{
    const QByteArray identity = file.identity();
    if (identity.isEmpty()) {
        return {};
    }
    return "crm-checked 1 " + identity + ' ' + QByteArray::number(checksum) + '\n';
}
} // namespace

bool isMarked(const QString &path, const MappedFile &file, quint32 checksum)
{
    const QByteArray expected = markOf(file, checksum);
    QFile mark(markPath(path));
    return !expected.isEmpty() && mark.open(QIODevice::ReadOnly) && mark.read(expected.size() + 1) == expected;
}

void mark(const QString &path, const MappedFile &file, quint32 checksum)
{
    const QByteArray content = markOf(file, checksum);
    QSaveFile mark(markPath(path));
    if (!content.isEmpty() && mark.open(QIODevice::WriteOnly) && mark.write(content) == content.size()) {
        mark.commit();
    }
}

} // namespace Crm::CheckedFile
