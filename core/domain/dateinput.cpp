// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "dateinput.h"

#include "clock.h"

#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace Crm::DateInput
{

namespace
{
/// A wall time the user typed, in the user's zone: stored with its TZID
/// and VTIMEZONE (as KOrganizer does), never floating.
QDateTime inUserZone(QDate date, QTime time)
{
    return QDateTime(date, time, Clock::zone());
}
} // namespace

std::optional<QDateTime> parse(const QString &input, QTime defaultTime)
{
    const QString text = input.trimmed().toLower();
    if (text.isEmpty()) {
        return std::nullopt;
    }
    const QDate today = Clock::today();
    if (text == u"today") {
        return inUserZone(today, defaultTime);
    }
    if (text == u"tomorrow") {
        return inUserZone(today.addDays(1), defaultTime);
    }
    static const QRegularExpression relative(u"^([+-])(\\d{1,4})d$"_s);
    if (const auto m = relative.match(text); m.hasMatch()) {
        const int days = m.captured(2).toInt();
        return inUserZone(today.addDays(m.captured(1) == u"-" ? -days : days), defaultTime);
    }
    for (const QString &format : {u"yyyy-MM-ddTHH:mm:ss"_s,
                                  u"yyyy-MM-ddTHH:mm"_s,
                                  u"yyyy-MM-dd HH:mm:ss"_s,
                                  u"yyyy-MM-dd HH:mm"_s,
                                  u"dd.MM.yyyy HH:mm:ss"_s,
                                  u"dd.MM.yyyy HH:mm"_s,
                                  u"d.M.yyyy H:mm"_s}) {
        const QDateTime dt = QDateTime::fromString(input.trimmed(), format);
        if (dt.isValid()) {
            return inUserZone(dt.date(), dt.time());
        }
    }
    for (const QString &format : {u"yyyy-MM-dd"_s, u"dd.MM.yyyy"_s, u"d.M.yyyy"_s}) {
        const QDate d = QDate::fromString(input.trimmed(), format);
        if (d.isValid()) {
            return inUserZone(d, defaultTime);
        }
    }
    // Full ISO 8601 with seconds, milliseconds or an offset: what scripts write.
    if (input.contains(u'T')) {
        const QDateTime iso = QDateTime::fromString(input.trimmed(), Qt::ISODateWithMs);
        if (iso.isValid()) {
            // An offset or Z names an instant: shown and stored in the
            // user's zone. Without one it is a wall time there.
            return iso.timeSpec() == Qt::LocalTime ? inUserZone(iso.date(), iso.time()) : iso.toTimeZone(Clock::zone());
        }
    }
    return std::nullopt;
}

std::optional<int> parseLeadTime(const QString &input)
{
    static const QRegularExpression pattern(u"^(\\d{1,6})\\s*([mhdw])$"_s);
    const auto m = pattern.match(input.trimmed().toLower());
    if (!m.hasMatch()) {
        return std::nullopt;
    }
    const qint64 value = m.captured(1).toLongLong();
    const QChar unit = m.captured(2).at(0);
    const qint64 minutes = value * (unit == u'w' ? 7 * 24 * 60 : unit == u'd' ? 24 * 60 : unit == u'h' ? 60 : 1);
    if (minutes > 366 * 24 * 60) {
        return std::nullopt;
    }
    return int(minutes);
}

QString acceptedFormats()
{
    return u"YYYY-MM-DD, YYYY-MM-DD HH:MM, DD.MM.YYYY, DD.MM.YYYY HH:MM, ISO 8601, today, tomorrow, +Nd, -Nd"_s;
}

} // namespace Crm::DateInput
