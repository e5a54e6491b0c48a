// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "agenda.h"

#include "ical/incidenceentry.h"
#include "ical/interactionmapping.h"
#include "ical/occurrences.h"
#include "tasks/taskservice.h"

#include <KLocalizedString>

#include <QLocale>
#include <QObject>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

namespace
{
/// Newest first; rows at the same time by item id, so every run prints the same order.
void sortNewestFirst(QList<AgendaRow> &rows)
{
    std::sort(rows.begin(), rows.end(), [](const AgendaRow &a, const AgendaRow &b) {
        return a.when != b.when ? a.when > b.when : a.itemId > b.itemId;
    });
}

bool isEvent(const KCalendarCore::Incidence::Ptr &incidence)
{
    return incidence && incidence->type() == KCalendarCore::IncidenceBase::TypeEvent
        && IncidenceEntry::crmProperty(incidence, "TYPE").trimmed().compare(u"event"_s, Qt::CaseInsensitive) == 0;
}

AgendaRow interactionRow(const CalendarEntry &e, const QDateTime &now)
{
    AgendaRow row;
    row.itemId = e.itemId;
    row.title = e.summary;
    row.when = e.start.toLocalTime();
    row.kind = e.cancelled() ? AgendaRow::Kind::CancelledInteraction : e.start <= now ? AgendaRow::Kind::Interaction : AgendaRow::Kind::PlannedInteraction;
    if (!e.kind.isEmpty() && e.kind != e.summary) {
        row.title = e.kind + u": "_s + e.summary;
    }
    return row;
}

/// The result, the next contact and the people of an interaction.
void describeInteraction(AgendaRow &row, const Interaction &interaction)
{
    QStringList detail;
    if (!interaction.result.isEmpty()) {
        detail << interaction.result;
    } else if (row.kind == AgendaRow::Kind::Interaction) {
        // Held but nobody wrote down how it went.
        detail << i18nc("@info timeline", "no result recorded");
        row.overdue = true;
    }
    if (interaction.nextContact.isValid()) {
        detail << i18nc("@info timeline", "next contact %1", QLocale().toString(interaction.nextContact, QLocale::ShortFormat));
    }
    QStringList people;
    for (const Participant &p : interaction.contactPersons) {
        people << (p.name.isEmpty() ? p.email : p.name);
    }
    if (!people.isEmpty()) {
        detail << people.join(u", "_s);
    }
    row.detail = detail.join(u"; "_s);
}
} // namespace

QDate Agenda::nextBirthday(const QDate &birthday, const QDate &from)
{
    if (!birthday.isValid() || !from.isValid()) {
        return {};
    }
    for (int year = from.year(); year <= from.year() + 1; ++year) {
        QDate d(year, birthday.month(), birthday.day());
        // Born on 29 February: celebrated on 28 February in common years.
        if (!d.isValid()) {
            d = QDate(year, 2, 28);
        }
        if (d >= from) {
            return d;
        }
    }
    return {};
}

Agenda::Collected Agenda::collect(const QList<CalendarEntry> &entries, const QList<Person> &persons, const Options &options)
{
    Collected collected;
    const QDateTime now = options.now;
    const QDateTime horizon = now.addDays(options.upcomingDays);
    const BusinessCycles cycles = loadBusinessCycles();

    for (const Person &p : persons) {
        const QDate next = nextBirthday(p.birthday, now.date());
        if (next.isValid() && QDateTime(next, QTime(0, 0)) <= horizon) {
            AgendaRow row;
            row.kind = AgendaRow::Kind::Birthday;
            row.when = QDateTime(next, QTime(0, 0));
            row.title = i18nc("@info timeline", "Birthday of %1", p.name);
            row.detail = p.detail;
            row.itemId = p.itemId;
            collected.rows << row;
        }
    }

    for (const CalendarEntry &e : entries) {
        switch (e.type) {
        case CalendarEntry::Type::Interaction:
            if (options.history) {
                collected.rows << interactionRow(e, now);
            }
            break;
        case CalendarEntry::Type::Event:
            // A cancelled event has no occurrences to come.
            if (e.cancelled()) {
                break;
            }
            if (e.recurring) {
                collected.recurringEvents << e.itemId;
            } else if (e.start >= now && e.start <= horizon) {
                AgendaRow row;
                row.kind = AgendaRow::Kind::Event;
                row.itemId = e.itemId;
                row.when = e.start.toLocalTime();
                row.title = e.summary;
                collected.rows << row;
            }
            break;
        case CalendarEntry::Type::Task:
            // An end state of any business cycle maps to COMPLETED or CANCELLED.
            if (!options.history || e.closed()) {
                break;
            }
            {
                AgendaRow row;
                row.kind = AgendaRow::Kind::Task;
                row.itemId = e.itemId;
                row.title = e.summary;
                row.when = (e.due.isValid() ? e.due : e.start).toLocalTime();
                // The state as users see it: its label in the task's
                // cycle (translated for the built-in one), not its key.
                const CycleState *state = cycles.cycleFor(e.kind).state(e.state);
                row.detail = state ? state->label : e.state;
                row.overdue = e.due.isValid() && e.due < now;
                collected.rows << row;
            }
            break;
        case CalendarEntry::Type::Other:
            break;
        }
    }

    // One round trip for the payloads needed: the recurring events (to
    // expand) and the interactions that can make the screenful (results).
    // Adding recurring rows can only push rows out, so the interactions shown
    // are among the first `limit` of the rows known so far.
    sortNewestFirst(collected.rows);
    collected.toFetch = collected.recurringEvents;
    for (qsizetype n = 0; n < collected.rows.size() && (options.limit <= 0 || n < options.limit); ++n) {
        const AgendaRow &row = collected.rows[n];
        if (row.kind == AgendaRow::Kind::Interaction || row.kind == AgendaRow::Kind::PlannedInteraction) {
            collected.toFetch << row.itemId;
        }
    }
    return collected;
}

void Agenda::fetch(ItemStorage &storage,
                   const QList<qint64> &ids,
                   QObject *context,
                   const std::function<void(const Akonadi::Item::List &, const QString &)> &done)
{
    StorageJob *job = storage.fetch(ids);
    QObject::connect(job, &KJob::result, context, [job, done] {
        done(job->error() ? Akonadi::Item::List() : job->items(), job->error() ? job->errorString() : QString());
    });
}

Agenda::Result Agenda::decorate(const Collected &collected, const Akonadi::Item::List &items, const Options &options)
{
    Result result;
    result.rows = collected.rows;
    const QDateTime now = options.now;
    const QDateTime horizon = now.addDays(options.upcomingDays);
    QHash<qint64, KCalendarCore::Incidence::Ptr> payloads;
    for (const Akonadi::Item &item : items) {
        if (item.hasPayload<KCalendarCore::Incidence::Ptr>() && item.payload<KCalendarCore::Incidence::Ptr>()) {
            payloads.insert(item.id(), item.payload<KCalendarCore::Incidence::Ptr>());
        }
    }

    for (const qint64 id : collected.recurringEvents) {
        const auto incidence = payloads.value(id);
        if (!isEvent(incidence) || incidence->status() == KCalendarCore::Incidence::StatusCanceled) {
            continue;
        }
        if (options.eachOccurrence) {
            const auto expansion = Occurrences::between(incidence, now, horizon);
            for (const QDateTime &start : expansion.starts) {
                result.rows << AgendaRow{AgendaRow::Kind::Event, start.toLocalTime(), incidence->summary(), {}, false, id};
            }
            if (expansion.truncated) {
                result.truncated << id;
            }
            continue;
        }
        // One row at the next occurrence, the following ones as its detail.
        const auto expansion = Occurrences::between(incidence, now, horizon, 4);
        if (expansion.starts.isEmpty()) {
            continue;
        }
        QStringList later;
        for (const QDateTime &start : expansion.starts.mid(1)) {
            later << QLocale().toString(start.date(), QLocale::ShortFormat);
        }
        const QString detail = later.isEmpty() ? i18nc("@info timeline", "recurring") : i18nc("@info timeline", "recurring; then %1", later.join(u", "_s));
        result.rows << AgendaRow{AgendaRow::Kind::Event, expansion.starts.constFirst().toLocalTime(), incidence->summary(), detail, false, id};
    }
    sortNewestFirst(result.rows);
    if (options.limit > 0 && result.rows.size() > options.limit) {
        result.rows.resize(options.limit);
    }

    for (AgendaRow &row : result.rows) {
        if (row.kind != AgendaRow::Kind::Interaction && row.kind != AgendaRow::Kind::PlannedInteraction) {
            continue;
        }
        const auto incidence = payloads.value(row.itemId);
        if (incidence) {
            describeInteraction(row, InteractionMapping::interactionFrom(incidence));
        }
    }
    return result;
}

void Agenda::of(ItemStorage &storage,
                const QList<CalendarEntry> &entries,
                const QList<Person> &persons,
                const Options &options,
                QObject *context,
                const std::function<void(const Result &)> &done)
{
    const Collected collected = collect(entries, persons, options);
    fetch(storage, collected.toFetch, context, [collected, options, done](const Akonadi::Item::List &items, const QString &error) {
        Result result = decorate(collected, items, options);
        result.error = error;
        done(result);
    });
}

} // namespace Crm
