// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "reminder.h"

#include "domain/clock.h"
#include "domain/dateformat.h"

#include <KLocalizedString>

#include <QLocale>
#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace Crm::Reminders
{

QString kindName(Kind kind)
{
    switch (kind) {
    case Kind::TaskAssigned:
        return u"task-assigned"_s;
    case Kind::TaskDeadlineSoon:
        return u"task-deadline-soon"_s;
    case Kind::TaskDeadlinePassed:
        return u"task-deadline-passed"_s;
    case Kind::TaskAlarm:
        return u"task-alarm"_s;
    case Kind::InteractionBefore:
        return u"interaction-before"_s;
    case Kind::InteractionAt:
        return u"interaction-at"_s;
    case Kind::EventAlarm:
        return u"event-alarm"_s;
    case Kind::Birthday:
        return u"birthday"_s;
    case Kind::Snoozed:
        return u"snoozed"_s;
    case Kind::LetterArrived:
        return u"letter-arrived"_s;
    }
    return u"unknown"_s;
}

static QString stamp(const QDateTime &dt)
{
    return dt.isValid() ? dt.toUTC().toString(Qt::ISODate) : QString();
}

QString Reminder::key() const
{
    if (kind == Kind::TaskAssigned) {
        // One per task and assignee, however often the task is edited later.
        return uid + u"|task-assigned"_s;
    }
    if (kind == Kind::LetterArrived) {
        // One per letter, however often it is edited, archived or restored.
        return uid + u"|letter-arrived"_s;
    }
    if (kind == Kind::Birthday) {
        // One per person and birthday: the time it is announced (09:00 in
        // the user's zone) moves when the zone changes; the date does not.
        return uid + u"|birthday|"_s + occurrence.date().toString(Qt::ISODate);
    }
    return uid + u'|' + kindName(kind) + u'|' + stamp(occurrence) + u'|' + stamp(due);
}

QString Reminder::toLine() const
{
    // The title is last and stripped of tabs and line breaks, so it may hold anything else.
    QString cleanTitle = title;
    cleanTitle.replace(u'\t', u' ').replace(u'\n', u' ').replace(u'\r', u' ');
    return stamp(due) + u'\t' + kindName(kind) + u'\t' + stamp(occurrence) + u'\t' + QString::number(itemId) + u'\t' + uid + u'\t' + cleanTitle;
}

std::optional<Reminder> Reminder::fromLine(const QString &line)
{
    const QStringList fields = line.split(u'\t');
    if (fields.size() != 6) {
        return std::nullopt;
    }
    Reminder r;
    r.due = QDateTime::fromString(fields[0], Qt::ISODateWithMs);
    const auto kind = kindFromName(fields[1]);
    r.occurrence = QDateTime::fromString(fields[2], Qt::ISODateWithMs);
    bool ok = false;
    r.itemId = fields[3].toLongLong(&ok);
    if (!r.due.isValid() || !kind || !ok) {
        return std::nullopt;
    }
    r.kind = *kind;
    r.uid = fields[4];
    r.title = fields[5];
    return r;
}

std::optional<Kind> kindFromName(QStringView name)
{
    for (quint8 k = 0; k <= quint8(Kind::LetterArrived); ++k) {
        if (kindName(Kind(k)) == name) {
            return Kind(k);
        }
    }
    return std::nullopt;
}

static QString when(const QDateTime &dt)
{
    if (!dt.isValid()) {
        return {};
    }
    return DateFormat::shortDateTime(dt);
}

QString heading(const Reminder &r)
{
    switch (r.kind) {
    case Kind::TaskAssigned:
        return i18nc("@title notification", "New task for you");
    case Kind::TaskDeadlineSoon:
        return i18nc("@title notification", "Task deadline approaching");
    case Kind::TaskDeadlinePassed:
        return i18nc("@title notification", "Task overdue");
    case Kind::TaskAlarm:
        return i18nc("@title notification", "Task reminder");
    case Kind::InteractionBefore:
        return i18nc("@title notification", "Planned contact");
    case Kind::InteractionAt:
        return i18nc("@title notification", "Contact now");
    case Kind::EventAlarm:
        return i18nc("@title notification", "Event");
    case Kind::Birthday:
        return i18nc("@title notification", "Birthday");
    case Kind::LetterArrived:
        return i18nc("@title notification", "New letter for you");
    case Kind::Snoozed:
        break;
    }
    return i18nc("@title notification", "Reminder");
}

QString describe(const Reminder &r)
{
    switch (r.kind) {
    case Kind::TaskAssigned:
    case Kind::LetterArrived:
        return r.title;
    case Kind::TaskDeadlineSoon:
        return i18nc("@info task, date", "%1 is due %2", r.title, when(r.occurrence));
    case Kind::TaskDeadlinePassed:
        return i18nc("@info task, date", "%1 was due %2", r.title, when(r.occurrence));
    case Kind::InteractionBefore:
    case Kind::InteractionAt:
    case Kind::EventAlarm:
    case Kind::TaskAlarm:
        return i18nc("@info what, when", "%1 at %2", r.title, when(r.occurrence));
    case Kind::Birthday:
        return i18nc("@info person, date", "%1 has a birthday on %2", r.title, QLocale().toString(r.occurrence.date(), QLocale::LongFormat));
    case Kind::Snoozed:
        break;
    }
    return r.occurrence.isValid() ? i18nc("@info what, when", "%1 at %2", r.title, when(r.occurrence)) : r.title;
}

} // namespace Crm::Reminders
