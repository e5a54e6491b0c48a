// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "taskmapping.h"

#include "ical/incidenceentry.h"

#include <KCalendarCore/Alarm>
#include <KCalendarCore/Attachment>
#include <KCalendarCore/Attendee>
#include <KCalendarCore/Person>

#include <KLocalizedString>

using namespace Qt::Literals::StringLiterals;
using KCalendarCore::Incidence;

namespace Crm::TaskMapping
{

namespace
{
Incidence::Status icalStatus(CycleState::Status status)
{
    switch (status) {
    case CycleState::Status::NeedsAction:
        return Incidence::StatusNeedsAction;
    case CycleState::Status::InProcess:
        return Incidence::StatusInProcess;
    case CycleState::Status::Completed:
        return Incidence::StatusCompleted;
    case CycleState::Status::Cancelled:
        return Incidence::StatusCanceled;
    }
    return Incidence::StatusNone;
}

KCalendarCore::Attendee::PartStat partStat(const BusinessCycle &cycle, const CycleState *state)
{
    if (!state || state->name == cycle.initial().name) {
        return KCalendarCore::Attendee::NeedsAction;
    }
    if (state->status == CycleState::Status::Cancelled) {
        return KCalendarCore::Attendee::Declined;
    }
    return KCalendarCore::Attendee::Accepted;
}

QString property(const KCalendarCore::Todo::Ptr &todo, const char *key)
{
    return IncidenceEntry::crmProperty(todo, key);
}

void setProperty(const KCalendarCore::Todo::Ptr &todo, const char *key, const QString &value)
{
    IncidenceEntry::setCrmProperty(todo, key, value);
}
} // namespace

KCalendarCore::Todo::Ptr toTodo(const Task &task, const BusinessCycle &cycle, const KCalendarCore::Todo::Ptr &base)
{
    KCalendarCore::Todo::Ptr todo = base ? KCalendarCore::Todo::Ptr(base->clone()) : KCalendarCore::Todo::Ptr(new KCalendarCore::Todo);
    todo->startUpdates();
    if (!task.uid.isEmpty()) {
        todo->setUid(task.uid);
    }
    todo->setSummary(task.subject);
    todo->setDescription(task.description);
    todo->setAllDay(false);
    todo->setDtStart(task.start);
    todo->setDtDue(task.due, true);
    todo->setPriority(std::clamp(task.priority, 0, 9));

    // CATEGORIES = kind first; categories other programs added stay after it.
    QStringList categories = todo->categories();
    const QString oldKind = property(todo, "KIND").isEmpty() && !categories.isEmpty() ? categories.constFirst() : QString();
    categories.removeAll(oldKind);
    categories.removeAll(task.kind);
    if (!task.kind.isEmpty()) {
        categories.prepend(task.kind);
    }
    todo->setCategories(categories);

    todo->setOrganizer(KCalendarCore::Person(task.issuerName, task.issuer));
    const CycleState *state = cycle.state(task.state);
    todo->clearAttendees();
    if (!task.responsible.isEmpty()) {
        todo->addAttendee(
            KCalendarCore::Attendee(task.responsibleName, task.responsible, true, partStat(cycle, state), KCalendarCore::Attendee::ReqParticipant));
    }

    if (state) {
        if (state->status == CycleState::Status::Completed) {
            QDateTime completed = task.history.isEmpty() ? QDateTime::currentDateTime() : task.history.constLast().at;
            todo->setCompleted(completed);
        } else {
            todo->setCompleted(false);
        }
        todo->setPercentComplete(state->percent);
        todo->setStatus(icalStatus(state->status));
    }

    setProperty(todo, "TYPE", u"task"_s);
    setProperty(todo, "COUNTERPARTY", task.counterpartyUid);
    setProperty(todo, "DIRECTION", Task::directionName(task.direction));
    setProperty(todo, "STATE", state ? state->name : task.state);
    setProperty(todo, "HISTORY", task.history.isEmpty() ? QString() : Task::historyToJson(task.history));
    setProperty(todo, "RESOURCES", task.resources.isEmpty() ? QString() : Task::resourcesToJson(task.resources));
    setProperty(todo, "CONFLICTS", task.conflicts.isEmpty() ? QString() : Task::conflictsToJson(task.conflicts));
    setProperty(todo, "EDITED", task.editedBy.isEmpty() ? QString() : Task::editedByToJson(task.editedBy));

    IncidenceEntry::setAttachments(todo, task.attachments);

    todo->clearAlarms();
    for (const int minutes : task.remindersMinutesBeforeDue) {
        KCalendarCore::Alarm::Ptr alarm = todo->newAlarm();
        alarm->setType(KCalendarCore::Alarm::Display);
        alarm->setText(task.subject);
        alarm->setEndOffset(KCalendarCore::Duration(-qint64(minutes) * 60));
        alarm->setEnabled(true);
    }
    todo->endUpdates();
    return todo;
}

std::optional<CycleState::Status> observedStatus(const KCalendarCore::Todo::Ptr &todo)
{
    switch (todo->status()) {
    case Incidence::StatusCompleted:
        return CycleState::Status::Completed;
    case Incidence::StatusCanceled:
        return CycleState::Status::Cancelled;
    case Incidence::StatusInProcess:
        return todo->isCompleted() ? CycleState::Status::Completed : CycleState::Status::InProcess;
    case Incidence::StatusNeedsAction:
        return todo->isCompleted() ? CycleState::Status::Completed : CycleState::Status::NeedsAction;
    default:
        break;
    }
    // No STATUS (or one a todo cannot have): a completion date or 100 % still says "done".
    if (todo->isCompleted()) {
        return CycleState::Status::Completed;
    }
    return std::nullopt;
}

TaskRead fromTodo(const KCalendarCore::Todo::Ptr &todo, const BusinessCycles &cycles, const QDateTime &now)
{
    TaskRead read;
    if (!todo) {
        read.problems << i18n("The item holds no to-do.");
        return read;
    }
    Task &task = read.task;
    task.uid = todo->uid();
    task.subject = todo->summary();
    task.description = todo->description();
    task.start = todo->dtStart();
    task.due = todo->hasDueDate() ? todo->dtDue(true) : QDateTime();
    task.priority = todo->priority();
    const QStringList categories = todo->categories();
    task.kind = categories.isEmpty() ? QString() : categories.constFirst();
    task.issuer = todo->organizer().email();
    task.issuerName = todo->organizer().name();
    const auto attendees = todo->attendees();
    if (!attendees.isEmpty()) {
        task.responsible = attendees.constFirst().email();
        task.responsibleName = attendees.constFirst().name();
    } else {
        // A to-do without attendees is its organizer's own (KCalendarCore
        // writes no ATTENDEE that repeats the ORGANIZER).
        task.responsible = task.issuer;
        task.responsibleName = task.issuerName;
    }

    const QString type = property(todo, "TYPE").trimmed();
    if (type.isEmpty()) {
        read.problems << i18n("X-KDE-CRM-TYPE is missing; the to-do is read as a task.");
    } else if (type.compare(u"task"_s, Qt::CaseInsensitive) != 0) {
        read.problems << i18n("X-KDE-CRM-TYPE is \"%1\", not \"task\"; the to-do is read as a task.", type);
    }
    task.counterpartyUid = property(todo, "COUNTERPARTY").trimmed();

    const QString direction = property(todo, "DIRECTION");
    if (const auto d = Task::directionFrom(direction)) {
        task.direction = *d;
    } else {
        task.direction = Task::Direction::Personal;
        read.problems << (direction.isEmpty() ? i18n("X-KDE-CRM-DIRECTION is missing; the task is taken as personal.")
                                              : i18n("X-KDE-CRM-DIRECTION \"%1\" is unknown; the task is taken as personal.", direction));
    }

    QString problem;
    const QString historyText = property(todo, "HISTORY");
    if (const auto history = Task::historyFromJson(historyText, &problem)) {
        task.history = *history;
    } else {
        read.problems << i18n("X-KDE-CRM-HISTORY cannot be read (%1); the earlier history is not shown.", problem);
    }
    const QString resourcesText = property(todo, "RESOURCES");
    if (const auto resources = Task::resourcesFromJson(resourcesText, &problem)) {
        task.resources = *resources;
    } else {
        read.problems << i18n("X-KDE-CRM-RESOURCES cannot be read (%1); the resources are not shown.", problem);
    }
    if (const auto conflicts = Task::conflictsFromJson(property(todo, "CONFLICTS"), &problem)) {
        task.conflicts = *conflicts;
    } else {
        read.problems << i18n("X-KDE-CRM-CONFLICTS cannot be read (%1); the conflicts of edits are not shown.", problem);
    }
    if (const auto edited = Task::editedByFromJson(property(todo, "EDITED"), &problem)) {
        task.editedBy = *edited;
    } else {
        read.problems << i18n("X-KDE-CRM-EDITED cannot be read (%1); who last edited each field is not known.", problem);
    }

    task.attachments = IncidenceEntry::attachments(todo);
    const auto alarms = todo->alarms();
    for (const KCalendarCore::Alarm::Ptr &alarm : alarms) {
        if (alarm->hasEndOffset()) {
            task.remindersMinutesBeforeDue << int(-alarm->endOffset().asSeconds() / 60);
        } else if (alarm->hasStartOffset()) {
            read.problems << i18n("A reminder is set relative to the start, not to the deadline; it is kept but not shown.");
        }
    }

    // The state: X-KDE-CRM-STATE when it agrees with STATUS, else what
    // STATUS says (another program moved the task).
    const BusinessCycle &cycle = cycles.cycleFor(task.kind);
    const QString stored = property(todo, "STATE").trimmed();
    const CycleState *storedState = cycle.state(stored);
    const auto observed = observedStatus(todo);
    QString note;
    if (!storedState) {
        if (stored.isEmpty()) {
            read.problems << i18n("X-KDE-CRM-STATE is missing; the state is taken from STATUS.");
        } else {
            read.problems << i18n("X-KDE-CRM-STATE \"%1\" is not a state of the business cycle; the state is taken from STATUS.", stored);
        }
        std::optional<CycleState> derived = observed ? cycle.stateForStatus(*observed, {}) : std::nullopt;
        task.state = derived ? derived->name : cycle.initial().name;
        note = observed ? i18nc("@info history note", "state set from STATUS:%1 (X-KDE-CRM-STATE was \"%2\")", CycleState::statusName(*observed), stored)
                        : i18nc("@info history note", "state set to the first of the cycle (X-KDE-CRM-STATE was \"%1\")", stored);
        read.reconciled = true;
    } else {
        task.state = storedState->name;
        if (observed && *observed != storedState->status) {
            if (const auto derived = cycle.stateForStatus(*observed, storedState->name)) {
                task.state = derived->name;
                note = i18nc("@info history note", "STATUS:%1 set by another program", CycleState::statusName(*observed));
                read.reconciled = true;
            } else {
                read.problems << i18n("STATUS:%1 matches no state of the business cycle; the state stays \"%2\".",
                                      CycleState::statusName(*observed),
                                      storedState->name);
            }
        }
    }
    if (read.reconciled) {
        task.history << StateChange{now, storedState ? storedState->name : stored, task.state, QString(), note};
    }
    return read;
}

} // namespace Crm::TaskMapping
