// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "throttle.h"

#include "crmcore_debug.h"

#include <KConfigGroup>
#include <KSharedConfig>

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QtEndian>

#include <algorithm>

namespace Crm
{

namespace
{
constexpr qint64 MinuteMs = 60000;
constexpr qint64 HourMs = 3600000;
constexpr qint64 RecordSize = sizeof(qint64);

QByteArray stampRecord(qint64 stamp)
{
    QByteArray record(RecordSize, Qt::Uninitialized);
    qToLittleEndian<qint64>(stamp, record.data());
    return record;
}
} // namespace

Throttle::Throttle(int perMinute, int perHour)
    : m_perMinute(perMinute)
    , m_perHour(perHour)
{
}

void Throttle::setLimits(int perMinute, int perHour)
{
    m_perMinute = qMax(0, perMinute);
    m_perHour = qMax(0, perHour);
}

int Throttle::perMinute() const
{
    return m_perMinute;
}

int Throttle::perHour() const
{
    return m_perHour;
}

void Throttle::loadLimits(int transportId)
{
    const auto config = KSharedConfig::openConfig(QStringLiteral("kontactcrmrc"));
    config->reparseConfiguration();
    const KConfigGroup general = config->group(QStringLiteral("Mailing"));
    const KConfigGroup own = general.group(QStringLiteral("Transport %1").arg(transportId));
    setLimits(own.readEntry("PerMinute", general.readEntry("PerMinute", 0)), own.readEntry("PerHour", general.readEntry("PerHour", 0)));
}

std::deque<qint64> Throttle::readStamps(const QString &path, qint64 nowMs, qint64 *recordsOnFile)
{
    std::deque<qint64> stamps;
    *recordsOnFile = 0;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return stamps;
    }
    const QByteArray bytes = file.readAll();
    *recordsOnFile = bytes.size() / RecordSize;
    for (qint64 i = 0; i < *recordsOnFile; ++i) {
        const qint64 stamp = qFromLittleEndian<qint64>(bytes.constData() + i * RecordSize);
        if (stamp > nowMs - HourMs && stamp <= nowMs) {
            stamps.push_back(stamp);
        }
    }
    std::sort(stamps.begin(), stamps.end());
    return stamps;
}

void Throttle::readLogFile(const QString &path, qint64 nowMs)
{
    qint64 onFile = 0;
    m_stamps = readStamps(path, nowMs, &onFile);
}

bool Throttle::setLogFile(const QString &path, qint64 nowMs, QString *error)
{
    m_log.close();
    m_stamps = readStamps(path, nowMs, &m_recordsOnFile);
    QDir().mkpath(QFileInfo(path).absolutePath());
    m_log.setFileName(path);
    // Unbuffered: each record reaches the kernel in one write(2).
    if (!m_log.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered)) {
        if (error) {
            *error = m_log.errorString();
        }
        return false;
    }
    if (m_log.size() % RecordSize != 0 || m_recordsOnFile > qint64(m_stamps.size())) {
        return compactLog(); // a torn tail or old sends: start the file anew
    }
    return true;
}

bool Throttle::compactLog()
{
    const QString path = m_log.fileName();
    m_log.close();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        qCWarning(CRM_CORE_LOG) << "cannot rewrite the send log" << path << file.errorString();
        return false;
    }
    QByteArray bytes;
    bytes.reserve(qsizetype(m_stamps.size()) * RecordSize);
    for (qint64 stamp : m_stamps) {
        bytes += stampRecord(stamp);
    }
    file.write(bytes);
    if (!file.commit()) {
        qCWarning(CRM_CORE_LOG) << "cannot rewrite the send log" << path << file.errorString();
        return false;
    }
    m_recordsOnFile = qint64(m_stamps.size());
    return m_log.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered);
}

qint64 Throttle::waitMs(qint64 now)
{
    // With a send log the whole hour is kept, so a limit raised or added
    // later still sees the sends before it.
    const qint64 keep = (m_perHour > 0 || m_log.isOpen()) ? HourMs : MinuteMs;
    while (!m_stamps.empty() && m_stamps.front() <= now - keep) {
        m_stamps.pop_front();
    }
    qint64 wait = 0;
    auto windowWait = [&](int limit, qint64 window) {
        if (limit <= 0) {
            return;
        }
        // The stamps in the window, newest last: the one "limit" back must leave it.
        qint64 inWindow = 0;
        for (auto it = m_stamps.rbegin(); it != m_stamps.rend() && *it > now - window; ++it) {
            ++inWindow;
            if (inWindow == limit) {
                wait = qMax(wait, *it + window - now);
                return;
            }
        }
    };
    windowWait(m_perMinute, MinuteMs);
    windowWait(m_perHour, HourMs);
    return wait;
}

void Throttle::record(qint64 now)
{
    if (m_perMinute <= 0 && m_perHour <= 0) {
        return; // unthrottled: nothing to count, nothing to write per message
    }
    m_stamps.push_back(now);
    if (!m_log.isOpen()) {
        return;
    }
    if (m_log.write(stampRecord(now)) != RecordSize) {
        qCWarning(CRM_CORE_LOG) << "cannot write the send log" << m_log.fileName() << m_log.errorString();
        return;
    }
    // Sends older than an hour are dead weight: rewrite once they dominate.
    if (++m_recordsOnFile > 2 * qint64(m_stamps.size()) + 1024) {
        compactLog();
    }
}

} // namespace Crm
