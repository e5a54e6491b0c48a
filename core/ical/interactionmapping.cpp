// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "interactionmapping.h"

#include "ical/incidenceentry.h"
#include "ical/occurrences.h"

#include <KCalendarCore/Alarm>
#include <KCalendarCore/Attachment>
#include <KCalendarCore/ICalFormat>
#include <KCalendarCore/Recurrence>
#include <KCalendarCore/RecurrenceRule>
#include <KLocalizedString>

using namespace Qt::Literals::StringLiterals;

namespace Crm::InteractionMapping
{

namespace
{
KCalendarCore::Event::Ptr baseOr(KCalendarCore::Event::Ptr base)
{
    return base ? base : KCalendarCore::Event::Ptr(new KCalendarCore::Event);
}

void setReminder(const KCalendarCore::Event::Ptr &event, int secondsBefore, const QStringList &emails)
{
    event->clearAlarms();
    if (secondsBefore < 0) {
        return;
    }
    KCalendarCore::Alarm::Ptr alarm = event->newAlarm();
    alarm->setDisplayAlarm(event->summary());
    alarm->setStartOffset(KCalendarCore::Duration(-qint64(secondsBefore)));
    alarm->setEnabled(true);
    Q_UNUSED(emails)
}

int reminderSecondsBefore(const KCalendarCore::Incidence::Ptr &incidence)
{
    const auto alarms = incidence->alarms();
    for (const KCalendarCore::Alarm::Ptr &alarm : alarms) {
        if (alarm->hasStartOffset()) {
            return int(-alarm->startOffset().asSeconds());
        }
    }
    return -1;
}

} // namespace

KCalendarCore::Event::Ptr toEvent(const Interaction &i, KCalendarCore::Event::Ptr base)
{
    KCalendarCore::Event::Ptr e = baseOr(base);
    e->setUid(i.uid);
    IncidenceEntry::setCrmProperty(e, "TYPE", u"interaction"_s);
    IncidenceEntry::setCrmProperty(e, "KIND", i.kind);
    IncidenceEntry::setCrmProperty(e, "COUNTERPARTY", i.counterpartyUid);
    IncidenceEntry::setCrmProperty(e, "RESULT", i.result);
    IncidenceEntry::setCrmProperty(e, "NEXT", i.nextContact.isValid() ? i.nextContact.toString(Qt::ISODate) : QString());
    // A phone that ignores X-properties still sees a meaningful title.
    e->setSummary(i.subject.isEmpty() ? i.kind : i.subject);
    e->setCategories(i.kind.isEmpty() ? QStringList() : QStringList{i.kind});
    e->setDescription(i.result);
    e->setDtStart(i.start);
    e->setDtEnd(i.start.addSecs(qint64(std::max(i.durationMinutes, 0)) * 60));
    e->setStatus(i.cancelled ? KCalendarCore::Incidence::StatusCanceled : KCalendarCore::Incidence::StatusConfirmed);
    e->setOrganizer(KCalendarCore::Person(i.employee.name, i.employee.email));
    e->clearAttendees();
    for (const Participant &p : i.contactPersons) {
        KCalendarCore::Attendee attendee(p.name, p.email);
        attendee.setUid(p.uid);
        e->addAttendee(attendee, false);
    }
    e->setRelatedTo(i.previousUid);
    IncidenceEntry::setAttachments(e, i.attachments);
    setReminder(e, i.remindMinutesBefore < 0 ? -1 : i.remindMinutesBefore * 60, {});
    return e;
}

Interaction interactionFrom(const KCalendarCore::Incidence::Ptr &incidence)
{
    Interaction i;
    if (!incidence) {
        return i;
    }
    i.uid = incidence->uid();
    i.kind = IncidenceEntry::crmProperty(incidence, "KIND");
    if (i.kind.isEmpty() && !incidence->categories().isEmpty()) {
        i.kind = incidence->categories().constFirst();
    }
    i.subject = incidence->summary();
    i.start = incidence->dtStart();
    if (incidence->type() == KCalendarCore::IncidenceBase::TypeEvent) {
        const auto event = incidence.staticCast<KCalendarCore::Event>();
        if (event->hasEndDate()) {
            i.durationMinutes = int(event->dtStart().secsTo(event->dtEnd()) / 60);
        }
    }
    i.counterpartyUid = IncidenceEntry::crmProperty(incidence, "COUNTERPARTY");
    const auto attendees = incidence->attendees();
    for (const KCalendarCore::Attendee &a : attendees) {
        i.contactPersons << Participant{a.uid(), a.name(), a.email()};
    }
    i.employee = Participant{{}, incidence->organizer().name(), incidence->organizer().email()};
    i.result = IncidenceEntry::crmProperty(incidence, "RESULT");
    // A date edited badly elsewhere reads as "no next contact", never a crash.
    i.nextContact = QDate::fromString(IncidenceEntry::crmProperty(incidence, "NEXT"), Qt::ISODate);
    i.cancelled = incidence->status() == KCalendarCore::Incidence::StatusCanceled;
    i.previousUid = incidence->relatedTo();
    const int before = reminderSecondsBefore(incidence);
    i.remindMinutesBefore = before < 0 ? -1 : before / 60;
    i.attachments = IncidenceEntry::attachments(incidence);
    return i;
}

QString applyRRule(const KCalendarCore::Event::Ptr &event, const QString &rrule)
{
    KCalendarCore::Recurrence *recurrence = event->recurrence();
    recurrence->clear();
    if (rrule.trimmed().isEmpty()) {
        return {};
    }
    auto rule = new KCalendarCore::RecurrenceRule;
    KCalendarCore::ICalFormat format;
    QString text = rrule.trimmed();
    if (text.startsWith(u"RRULE:"_s, Qt::CaseInsensitive)) {
        text = text.mid(6);
    }
    if (!format.fromString(rule, text) || rule->recurrenceType() == KCalendarCore::RecurrenceRule::rNone) {
        delete rule;
        return i18n("\"%1\" is not an iCalendar recurrence rule (for example FREQ=WEEKLY;BYDAY=MO,FR)", rrule);
    }
    rule->setStartDt(event->dtStart());
    recurrence->addRRule(rule);
    return {};
}

namespace
{
/// The one place where an event's RRULE, RDATEs and EXDATEs are applied.
KCalendarCore::Event::Ptr buildEvent(const CrmEvent &ev, KCalendarCore::Event::Ptr base, QString *ruleError)
{
    KCalendarCore::Event::Ptr e = baseOr(base);
    e->setUid(ev.uid);
    IncidenceEntry::setCrmProperty(e, "TYPE", u"event"_s);
    IncidenceEntry::setCrmProperty(e, "KIND", ev.kind);
    IncidenceEntry::setCrmProperty(e, "COUNTERPARTY", ev.counterpartyUid);
    e->setSummary(ev.subject);
    e->setDescription(ev.description);
    e->setCategories(ev.kind.isEmpty() ? QStringList() : QStringList{ev.kind});
    e->setDtStart(ev.start);
    e->setAllDay(ev.allDay);
    e->setDtEnd(ev.allDay ? ev.start : ev.start.addSecs(qint64(std::max(ev.durationMinutes, 0)) * 60));
    const QString problem = applyRRule(e, ev.rrule);
    if (ruleError) {
        *ruleError = problem;
    }
    for (const QDateTime &d : ev.rdates) {
        e->recurrence()->addRDateTime(d);
    }
    for (const QDateTime &d : ev.exdates) {
        e->recurrence()->addExDateTime(d);
    }
    e->clearAttendees();
    for (const QString &email : ev.remind) {
        e->addAttendee(KCalendarCore::Attendee(QString(), email), false);
    }
    setReminder(e, ev.remindMinutesBefore < 0 ? -1 : ev.remindMinutesBefore * 60, ev.remind);
    return e;
}
} // namespace

KCalendarCore::Event::Ptr toEvent(const CrmEvent &ev, KCalendarCore::Event::Ptr base)
{
    return buildEvent(ev, base, nullptr);
}

KCalendarCore::Event::Ptr checkedEvent(const CrmEvent &ev, QString *error)
{
    QString problem;
    KCalendarCore::Event::Ptr e = buildEvent(ev, {}, &problem);
    if (problem.isEmpty()) {
        problem = Occurrences::problem(e);
    }
    if (!problem.isEmpty()) {
        *error = problem;
        return {};
    }
    return e;
}

CrmEvent eventFrom(const KCalendarCore::Incidence::Ptr &incidence)
{
    CrmEvent ev;
    if (!incidence) {
        return ev;
    }
    ev.uid = incidence->uid();
    ev.kind = IncidenceEntry::crmProperty(incidence, "KIND");
    if (ev.kind.isEmpty() && !incidence->categories().isEmpty()) {
        ev.kind = incidence->categories().constFirst();
    }
    ev.subject = incidence->summary();
    ev.description = incidence->description();
    ev.counterpartyUid = IncidenceEntry::crmProperty(incidence, "COUNTERPARTY");
    ev.start = incidence->dtStart();
    ev.allDay = incidence->allDay();
    if (incidence->type() == KCalendarCore::IncidenceBase::TypeEvent) {
        const auto event = incidence.staticCast<KCalendarCore::Event>();
        if (event->hasEndDate() && !ev.allDay) {
            ev.durationMinutes = int(event->dtStart().secsTo(event->dtEnd()) / 60);
        }
    }
    if (incidence->recurs()) {
        const auto rules = incidence->recurrence()->rRules();
        if (!rules.isEmpty()) {
            KCalendarCore::ICalFormat format;
            // toString() writes the whole property line: "RRULE:…\r\n".
            ev.rrule = format.toString(rules.constFirst()).trimmed();
            if (ev.rrule.startsWith(u"RRULE:"_s)) {
                ev.rrule = ev.rrule.mid(6);
            }
        }
        ev.rdates = incidence->recurrence()->rDateTimes();
        ev.exdates = incidence->recurrence()->exDateTimes();
    }
    const auto attendees = incidence->attendees();
    for (const KCalendarCore::Attendee &a : attendees) {
        ev.remind << a.email();
    }
    const int before = reminderSecondsBefore(incidence);
    ev.remindMinutesBefore = before < 0 ? -1 : before / 60;
    return ev;
}

} // namespace Crm::InteractionMapping
