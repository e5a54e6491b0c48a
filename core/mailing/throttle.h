// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmcore_export.h"

#include <QFile>
#include <QString>

#include <deque>

namespace Crm
{

/// At most so many messages a minute and an hour (0: no limit), per
/// transport: shared by every mailing sent through it.
///
/// With a send log (setLogFile) every send is also appended to a file, so an
/// agent that restarts, or crashes, still counts the sends of the last hour:
/// the hourly limit is what a mail provider enforces, and it does not reset
/// when our process does. Each send is one 8-byte record written with one
/// write(2), which a SIGKILL cannot tear; a partial record left by a power
/// cut is ignored at load.
class KONTACTCRMCORE_EXPORT Throttle
{
public:
    Throttle(int perMinute = 0, int perHour = 0);
    void setLimits(int perMinute, int perHour);
    int perMinute() const;
    int perHour() const;
    /// The limits kontactcrmrc sets for transport @p transportId: [Mailing]
    /// PerMinute and PerHour, overridden in [Mailing][Transport <id>] (the
    /// settings module's Mailings page), read afresh.
    void loadLimits(int transportId);

    /// Reads the sends of the last hour from @p path (a missing file is
    /// none) and appends every later send to it. False with @p error when
    /// the file cannot be opened: the throttle then counts in memory only.
    bool setLogFile(const QString &path, qint64 nowMs, QString *error = nullptr);
    /// Reads @p path without writing to it: what `crmctl mailing status`
    /// shows while the agent sends.
    void readLogFile(const QString &path, qint64 nowMs);

    /// How long to wait before the next message may go, 0 when it may now.
    qint64 waitMs(qint64 nowMs);
    void record(qint64 nowMs);

private:
    /// The stamps of @p path within the last hour before @p nowMs; stamps
    /// after it (a clock set back) are dropped: they would hold the sending
    /// back until the clock caught up.
    static std::deque<qint64> readStamps(const QString &path, qint64 nowMs, qint64 *recordsOnFile);
    bool compactLog();

    int m_perMinute = 0;
    int m_perHour = 0;
    std::deque<qint64> m_stamps; ///< sends of the last hour (or minute, without an hourly limit)
    QFile m_log;
    qint64 m_recordsOnFile = 0;
};

} // namespace Crm
