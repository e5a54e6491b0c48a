// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "clock.h"

#include <QTimeZone>

namespace Crm
{

namespace
{
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
    return fixed.isValid() ? fixed : QDateTime::currentDateTime();
}

QDate Clock::today()
{
    return now().toTimeZone(zone()).date();
}

QTimeZone Clock::zone()
{
    // A zone that is UTC all year is stored as UTC ("Z"): a TZID=Etc/UTC
    // with an empty VTIMEZONE says nothing more and confuses some clients.
    const QTimeZone system = QTimeZone::systemTimeZone();
    const QDateTime at = now();
    if (!system.isValid() || (!system.hasTransitions() && system.offsetFromUtc(at) == 0)) {
        return QTimeZone::utc();
    }
    return system;
}

void Clock::setNow(const QDateTime &now)
{
    fixedNow() = now;
}

} // namespace Crm
