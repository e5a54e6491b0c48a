// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "reminderrules.h"

#include "crmcore_debug.h"
#include "domain/calendarindex.h"
#include "domain/clock.h"
#include "ical/incidenceentry.h"

#include <KCalendarCore/Alarm>
#include <KCalendarCore/ICalFormat>
#include <KCalendarCore/Todo>
#include <KLocalizedString>

#include <QTimeZone>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Crm::Reminders
{

namespace
{
constexpr quint32 sourceVersion = 1;

QDateTime fromMs(qint64 ms)
{
    return ms == invalidMs ? QDateTime() : QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC);
}

qint64 toMs(const QDateTime &dt)
{
    return dt.isValid() ? dt.toMSecsSinceEpoch() : invalidMs;
}

bool sameEmail(const QString &a, const QString &b)
{
    return !a.isEmpty() && a.trimmed().compare(b.trimmed(), Qt::CaseInsensitive) == 0;
}

/// Every firing time of the enabled alarms of a one-off incidence, with
/// repetitions, as KCalendarCore computes them.
void appendOneOffAlarms(const KCalendarCore::Incidence::Ptr &incidence, Kind kind, const QDateTime &occurrence, QList<FixedTime> &out)
{
    const auto alarms = incidence->alarms();
    for (const KCalendarCore::Alarm::Ptr &alarm : alarms) {
        if (!alarm->enabled()) {
            continue;
        }
        QDateTime t = alarm->time();
        for (int i = 0; t.isValid() && i <= alarm->repeatCount(); ++i) {
            out.append({kind, toMs(t), toMs(occurrence)});
            t = alarm->nextRepetition(t);
        }
    }
}

/// Whether the user is among an event's attendees (or it names nobody).
bool remindsUser(const KCalendarCore::Incidence::Ptr &incidence, const Settings &settings)
{
    const auto attendees = incidence->attendees();
    if (attendees.isEmpty()) {
        return true;
    }
    return std::any_of(attendees.cbegin(), attendees.cend(), [&](const KCalendarCore::Attendee &a) {
        return settings.isUser(a.email());
    });
}
/// The first time after @p after that @p alarm of the recurring
/// @p incidence fires, repetitions included. The occurrences come from
/// KCalendarCore's Recurrence; the alarm offsets are applied as
/// Calendar::appendRecurringAlarms applies them. (Alarm::nextTime cannot be
/// used for stepping: asked from an alarm time that lies before its own
/// occurrence, it finds that occurrence again and gives up.)
QDateTime
nextRecurringAlarm(const KCalendarCore::Incidence::Ptr &incidence, const KCalendarCore::Alarm::Ptr &alarm, const QDateTime &after, QDateTime *occurrence)
{
    if (!alarm->enabled()) {
        return {};
    }
    if (alarm->hasTime()) {
        *occurrence = alarm->time();
        return alarm->nextRepetition(after);
    }
    using KCalendarCore::Duration;
    KCalendarCore::Recurrence *recurrence = incidence->recurrence();
    const Duration offset = alarm->hasStartOffset() ? alarm->startOffset() : alarm->endOffset();
    const Duration endOffset =
        alarm->hasEndOffset() ? Duration(incidence->dtStart(), incidence->dateTime(KCalendarCore::Incidence::RoleAlarmEndOffset)) : Duration(0);
    auto alarmOf = [&](const QDateTime &occ) {
        return endOffset.end(offset.end(occ));
    };
    // The occurrence whose alarm would fall at `after`.
    const QDateTime base = (-offset).end((-endOffset).end(after));

    QDateTime best;
    const QDateTime next = recurrence->getNextDateTime(base);
    if (next.isValid()) {
        best = alarmOf(next);
        *occurrence = next;
        // Offsets in days across a DST change: make sure it is after.
        if (best <= after) {
            const QDateTime later = recurrence->getNextDateTime(next);
            best = later.isValid() ? alarmOf(later) : QDateTime();
            *occurrence = later;
        }
    }
    const int repeats = alarm->repeatCount();
    const Duration snooze = alarm->snoozeTime();
    if (repeats > 0 && snooze.value() > 0) {
        // Repetitions of an earlier occurrence's alarm may still be to come.
        QDateTime prev = recurrence->getPreviousDateTime(base.addSecs(1));
        for (int guard = 0; prev.isValid() && guard < 100; ++guard, prev = recurrence->getPreviousDateTime(prev)) {
            const QDateTime first = alarmOf(prev);
            QDateTime last;
            QDateTime candidate;
            for (int i = 0; i <= repeats; ++i) {
                const QDateTime t = snooze.isDaily() ? first.addDays(qint64(i) * snooze.asDays()) : first.addSecs(qint64(i) * snooze.asSeconds());
                last = t;
                if (t > after && !candidate.isValid()) {
                    candidate = t;
                }
            }
            if (last <= after) {
                break; // this occurrence's repetitions are all over, and earlier ones' too
            }
            if (candidate.isValid() && (!best.isValid() || candidate < best)) {
                best = candidate;
                *occurrence = prev;
            }
        }
    }
    return best;
}
} // namespace

bool Settings::isUser(const QString &email) const
{
    return sameEmail(email, userEmail) || std::any_of(userAliases.cbegin(), userAliases.cend(), [&](const QString &alias) {
               return sameEmail(email, alias);
           });
}

quint32 Settings::fingerprint() const
{
    QStringList aliases;
    for (const QString &alias : userAliases) {
        aliases << alias.trimmed().toLower();
    }
    aliases.sort();
    return qHash(userEmail.trimmed().toLower()) ^ (qHash(aliases.join(u' ')) * 2246822519U) ^ (quint32(deadlineLeadMinutes) * 2654435761U)
        ^ (quint32(birthdayLeadDays) << 24) ^ (zoneId.isEmpty() ? 0U : quint32(qHash(zoneId)) * 40503U);
}

bool Source::isEmpty() const
{
    return fixed.isEmpty() && recurringIcal.isEmpty() && !birthday.isValid();
}

void Source::setParsed(const KCalendarCore::Incidence::Ptr &incidence)
{
    m_parsed = incidence;
}

QList<Reminder> Source::nextAfter(const QDateTime &after) const
{
    const qint64 afterMs = toMs(after);
    QList<Reminder> out;
    qint64 best = std::numeric_limits<qint64>::max();
    auto offer = [&](Kind kind, qint64 dueMs, const QDateTime &occurrence) {
        if (dueMs <= afterMs || dueMs > best) {
            return;
        }
        if (dueMs < best) {
            out.clear();
            best = dueMs;
        }
        out.append(Reminder{itemId, uid, kind, fromMs(dueMs), occurrence, title});
    };

    // fixed is sorted: the first one after `after`, and those at the same time.
    auto it = std::upper_bound(fixed.cbegin(), fixed.cend(), afterMs, [](qint64 ms, const FixedTime &f) {
        return ms < f.dueMs;
    });
    for (; it != fixed.cend() && it->dueMs <= best; ++it) {
        offer(it->kind, it->dueMs, fromMs(it->occurrenceMs));
    }

    if (!recurringIcal.isEmpty()) {
        if (!m_parsed) {
            KCalendarCore::ICalFormat format;
            m_parsed = format.readIncidence(recurringIcal);
            if (!m_parsed) {
                qCWarning(CRM_CORE_LOG) << "reminders: cannot read the stored recurring incidence of item" << itemId;
            }
        }
        if (m_parsed) {
            const auto alarms = m_parsed->alarms();
            for (const KCalendarCore::Alarm::Ptr &alarm : alarms) {
                QDateTime occurrence;
                const QDateTime t = nextRecurringAlarm(m_parsed, alarm, after, &occurrence);
                if (t.isValid()) {
                    offer(recurringKind, toMs(t), occurrence);
                }
            }
        }
    }

    if (birthday.isValid()) {
        const int from = after.toTimeZone(Clock::zone()).date().year() - 1;
        for (int year = from; year <= from + 3; ++year) {
            QDate d(year, birthday.month(), birthday.day());
            if (!d.isValid()) {
                d = QDate(year, 2, 28); // born on 29 February
            }
            const QDateTime due = Rules::birthdayDue(d, birthdayLeadDays);
            if (toMs(due) > afterMs) {
                // The occurrence is the date alone (UTC midnight), the same in every zone.
                offer(Kind::Birthday, toMs(due), QDateTime(d, QTime(0, 0), QTimeZone::UTC));
                break;
            }
        }
    }
    return out;
}

QDataStream &operator<<(QDataStream &out, const Source &s)
{
    out << sourceVersion << s.itemId << s.uid << s.title << qint32(s.fixed.size());
    for (const FixedTime &f : s.fixed) {
        out << quint8(f.kind) << f.dueMs << f.occurrenceMs;
    }
    out << s.recurringIcal << quint8(s.recurringKind) << s.birthday << qint32(s.birthdayLeadDays);
    return out;
}

QDataStream &operator>>(QDataStream &in, Source &s)
{
    quint32 version = 0;
    qint32 n = 0;
    in >> version;
    if (version != sourceVersion) {
        in.setStatus(QDataStream::ReadCorruptData);
        return in;
    }
    in >> s.itemId >> s.uid >> s.title >> n;
    if (n < 0 || n > 100000) {
        in.setStatus(QDataStream::ReadCorruptData);
        return in;
    }
    s.fixed.resize(n);
    for (FixedTime &f : s.fixed) {
        quint8 kind = 0;
        in >> kind >> f.dueMs >> f.occurrenceMs;
        f.kind = Kind(kind);
    }
    quint8 kind = 0;
    qint32 lead = 0;
    in >> s.recurringIcal >> kind >> s.birthday >> lead;
    s.recurringKind = Kind(kind);
    s.birthdayLeadDays = lead;
    return in;
}

namespace Rules
{

QDateTime birthdayDue(const QDate &date, int leadDays)
{
    // In the user's zone, as the user reads the clock.
    return QDateTime(date.addDays(-leadDays), QTime(9, 0), Clock::zone());
}

Source fromLetter(const Letter &letter, qint64 itemId, const Settings &settings, const QDateTime &arrived)
{
    Source s;
    s.itemId = itemId;
    s.uid = letter.uid;
    s.title = letter.number.isEmpty() ? letter.subject : i18nc("@info letter number, subject", "%1: %2", letter.number, letter.subject);
    const bool forMe = std::any_of(letter.notify.cbegin(), letter.notify.cend(), [&settings](const Participant &p) {
        return settings.isUser(p.email);
    });
    if (forMe && arrived.isValid()) {
        s.fixed.append({Kind::LetterArrived, toMs(std::min(arrived, Clock::now())), invalidMs});
    }
    return s;
}

Source fromIncidence(const KCalendarCore::Incidence::Ptr &incidence, qint64 itemId, const Settings &settings, const QDateTime &arrived)
{
    Source s;
    s.itemId = itemId;
    if (!incidence) {
        return s;
    }
    s.uid = incidence->uid();
    s.title = incidence->summary();
    const CalendarEntry entry = IncidenceEntry::from(incidence, itemId);
    const bool cancelled = incidence->status() == KCalendarCore::Incidence::StatusCanceled;

    switch (entry.type) {
    case CalendarEntry::Type::Task: {
        const auto todo = incidence.dynamicCast<KCalendarCore::Todo>();
        if (!todo || todo->isCompleted() || cancelled || !settings.isUser(entry.responsible)) {
            return s;
        }
        // When it was assigned: its last change, or when it reached us if
        // that is later (a phone that was offline, a skewed clock), never
        // later than "now" (a test or demo clock may lie behind the time
        // stamps). No announcement of a task I gave myself.
        QDateTime assigned = incidence->lastModified().isValid() ? incidence->lastModified() : incidence->created();
        if (arrived.isValid() && (!assigned.isValid() || arrived > assigned)) {
            assigned = arrived;
        }
        if (assigned.isValid() && !settings.isUser(entry.issuer)) {
            assigned = std::min(assigned, Clock::now());
            s.fixed.append({Kind::TaskAssigned, toMs(assigned), invalidMs});
        }
        const QDateTime due = todo->hasDueDate() ? todo->dtDue() : QDateTime();
        if (due.isValid()) {
            s.fixed.append({Kind::TaskDeadlineSoon, toMs(due.addSecs(-qint64(settings.deadlineLeadMinutes) * 60)), toMs(due)});
            s.fixed.append({Kind::TaskDeadlinePassed, toMs(due), toMs(due)});
        }
        if (incidence->recurs()) {
            s.recurringIcal = KCalendarCore::ICalFormat().toICalString(incidence).toUtf8();
            s.recurringKind = Kind::TaskAlarm;
            s.setParsed(incidence);
        } else {
            appendOneOffAlarms(incidence, Kind::TaskAlarm, due, s.fixed);
        }
        break;
    }
    case CalendarEntry::Type::Interaction: {
        if (cancelled || !(entry.responsible.isEmpty() || settings.isUser(entry.responsible))) {
            return s;
        }
        const QDateTime start = incidence->dtStart();
        // A contact logged after the fact (with its result, or created after
        // its start) was held: nothing to remind of.
        const QDateTime logged = incidence->created().isValid() ? std::min(incidence->created(), Clock::now()) : QDateTime();
        if (!IncidenceEntry::crmProperty(incidence, "RESULT").isEmpty() || (start.isValid() && logged.isValid() && start <= logged)) {
            return s;
        }
        appendOneOffAlarms(incidence, Kind::InteractionBefore, start, s.fixed);
        if (start.isValid()) {
            s.fixed.append({Kind::InteractionAt, toMs(start), toMs(start)});
        }
        break;
    }
    case CalendarEntry::Type::Event:
    case CalendarEntry::Type::Other:
        // Events the CRM wrote, and any other event with alarms in its
        // calendar (made in KOrganizer or on a phone), remind the same way.
        if (cancelled || !remindsUser(incidence, settings) || incidence->alarms().isEmpty()) {
            return s;
        }
        if (incidence->recurs()) {
            s.recurringIcal = KCalendarCore::ICalFormat().toICalString(incidence).toUtf8();
            s.recurringKind = Kind::EventAlarm;
            s.setParsed(incidence);
        } else {
            appendOneOffAlarms(incidence, Kind::EventAlarm, incidence->dtStart(), s.fixed);
        }
        break;
    }
    std::sort(s.fixed.begin(), s.fixed.end(), [](const FixedTime &a, const FixedTime &b) {
        return a.dueMs < b.dueMs;
    });
    return s;
}

Source fromPerson(const KContacts::Addressee &person, qint64 itemId, const Settings &settings)
{
    Source s;
    s.itemId = itemId;
    s.uid = person.uid();
    s.title = person.formattedName().isEmpty() ? person.assembledName() : person.formattedName();
    if (person.kind().compare(u"org"_s, Qt::CaseInsensitive) != 0 && person.birthday().date().isValid()) {
        s.birthday = person.birthday().date();
        s.birthdayLeadDays = settings.birthdayLeadDays;
    }
    return s;
}

} // namespace Rules

} // namespace Crm::Reminders
