// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "dateformat.h"

#include "clock.h"

#include <QLocale>
#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace Crm::DateFormat
{

static QString withoutSeconds(QString format)
{
    static const QRegularExpression seconds(u"[:.]ss?(\\.z+)?"_s);
    return format.remove(seconds);
}

QString shortDateTime(const QDateTime &dt)
{
    if (!dt.isValid()) {
        return {};
    }
    return QLocale().toString(dt.toTimeZone(Clock::zone()), shortDateTimeFormat());
}

QString shortTime(const QTime &time)
{
    const QLocale locale;
    return locale.toString(time, withoutSeconds(locale.timeFormat(QLocale::ShortFormat)));
}

QString shortDateTimeFormat()
{
    return withoutSeconds(QLocale().dateTimeFormat(QLocale::ShortFormat));
}

} // namespace Crm::DateFormat
