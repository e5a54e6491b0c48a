// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "clock.h"

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
    return now().date();
}

void Clock::setNow(const QDateTime &now)
{
    fixedNow() = now;
}

} // namespace Crm
