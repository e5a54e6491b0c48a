// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "clock.h"

#include <QFile>
#include <QStandardPaths>
#include <QTimeZone>

namespace Crm
{

namespace
{
/// CRM_NOW_FILE (tests): a file holding "now" (ISO 8601) and optionally a
/// zone id after it, read at every call, so a test can step the clock and
/// change the zone of a running or restarted process. A relative name is
/// taken in $XDG_DATA_HOME, which a test and its Akonadi agents share.
struct FileClock {
    QDateTime now;
    QTimeZone zone;
};
FileClock fileClock()
{
    static const QString name = qEnvironmentVariable("CRM_NOW_FILE");
    if (name.isEmpty()) {
        return {};
    }
    // Read while the test rewrites it, the file can be empty or half
    // written: then the time it last said, never the real time, which
    // would look like the clock jumping (and the reminders with it).
    static FileClock lastGood;
    QFile file(name.startsWith(u'/') ? name : QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u'/' + name);
    if (!file.open(QIODevice::ReadOnly)) {
        return lastGood;
    }
    const QList<QByteArray> words = file.readAll().simplified().split(' ');
    FileClock clock;
    clock.now = QDateTime::fromString(QString::fromLatin1(words.value(0)), Qt::ISODate);
    if (!clock.now.isValid()) {
        return lastGood;
    }
    if (words.size() > 1) {
        clock.zone = QTimeZone(words.at(1));
    }
    lastGood = clock;
    return clock;
}

QDateTime &fixedNow()
{
    static QDateTime value = [] {
        const QByteArray env = qgetenv("CRM_NOW");
        return env.isEmpty() ? QDateTime() : QDateTime::fromString(QString::fromLatin1(env), Qt::ISODate);
    }();
    return value;
}
} // namespace

QDateTime Clock::now()
{
    const QDateTime &fixed = fixedNow();
    if (fixed.isValid()) {
        return fixed;
    }
    const QDateTime fromFile = fileClock().now;
    return fromFile.isValid() ? fromFile : QDateTime::currentDateTime();
}

QDate Clock::today()
{
    return now().toTimeZone(zone()).date();
}

QTimeZone Clock::zone()
{
    // A zone that is UTC all year is stored as UTC ("Z"): a TZID=Etc/UTC
    // with an empty VTIMEZONE says nothing more and confuses some clients.
    const QTimeZone fromFile = fileClock().zone;
    const QTimeZone system = fromFile.isValid() ? fromFile : QTimeZone::systemTimeZone();
    const QDateTime at = now();
    // Qt's tz backend says "has transitions" of Etc/UTC too: none before or after is what counts.
    const bool utcAllYear = system.offsetFromUtc(at) == 0
        && (!system.hasTransitions() || (!system.previousTransition(at).atUtc.isValid() && !system.nextTransition(at).atUtc.isValid()));
    if (!system.isValid() || utcAllYear) {
        return QTimeZone::utc();
    }
    return system;
}

void Clock::setNow(const QDateTime &now)
{
    fixedNow() = now;
}

} // namespace Crm
