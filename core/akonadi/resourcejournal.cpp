// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "resourcejournal.h"

#include <Akonadi/ServerManager>

#include <QDataStream>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>

using namespace Qt::Literals::StringLiterals;

namespace Crm::ResourceJournal
{

namespace
{
// Akonadi's changerecorderjournal.cpp: the count of the head's first
// quint64 and its format version. Version 0 had no count of the done
// changes; 1 to 10 (Akonadi 24.12) have it right after.
constexpr quint64 countMask = Q_UINT64_C(0x0000FFFFFFFF);
constexpr quint64 versionMask = Q_UINT64_C(0xFFFF00000000);
constexpr quint64 firstKnownVersion = 1;
constexpr quint64 lastKnownVersion = 10;
} // namespace

Head readHead(const QString &path)
{
    Head head;
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::ReadOnly)) {
        return head;
    }
    QDataStream in(&file);
    in.setVersion(QDataStream::Qt_4_6);
    quint64 countAndVersion = 0;
    quint64 done = 0;
    in >> countAndVersion >> done;
    const quint64 version = (countAndVersion & versionMask) >> 32;
    if (in.status() != QDataStream::Ok || version < firstKnownVersion || version > lastKnownVersion) {
        return head;
    }
    const quint64 count = countAndVersion & countMask;
    head.known = true;
    head.queued = count > done ? count - done : 0;
    const QFileInfo info(file);
    head.stamp = QByteArray::number(countAndVersion) + ' ' + QByteArray::number(done) + ' ' + QByteArray::number(info.size()) + ' '
        + QByteArray::number(info.lastModified().toMSecsSinceEpoch());
    return head;
}

Head ofResource(const QString &resource)
{
    if (resource.isEmpty()) {
        return {};
    }
    return readHead(Akonadi::ServerManager::agentConfigFilePath(resource) + u"_changes.dat"_s);
}

} // namespace Crm::ResourceJournal
