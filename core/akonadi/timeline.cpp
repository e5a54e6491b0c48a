// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "timeline.h"

#include "akonadi/calendarsession.h"
#include "ical/interactionmapping.h"
#include "ical/occurrences.h"

#include <KLocalizedString>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

QDate Timeline::nextBirthday(const QDate &birthday, const QDate &from)
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

QList<TimelineRow> Timeline::of(const CounterpartyCard &card, const CalendarSession *calendar, const Options &options)
{
    QList<TimelineRow> rows;
    const QDateTime now = options.now;
    const QDateTime horizon = now.addDays(options.upcomingDays);

    for (const ContactPerson &p : card.persons) {
        const QDate next = nextBirthday(p.birthday, now.date());
        if (next.isValid() && QDateTime(next, QTime(0, 0)) <= horizon) {
            TimelineRow row;
            row.kind = TimelineRow::Kind::Birthday;
            row.when = QDateTime(next, QTime(0, 0));
            row.title = i18nc("@info timeline", "Birthday of %1", p.name);
            row.detail = p.position;
            rows << row;
        }
    }
    if (!calendar) {
        return rows;
    }

    QList<qint64> recurringEvents;
    const auto entries = calendar->index().byCounterparty(card.counterparty.uid);
    for (const CalendarEntry &e : entries) {
        TimelineRow row;
        row.itemId = e.itemId;
        row.title = e.summary;
        switch (e.type) {
        case CalendarEntry::Type::Interaction:
            row.when = e.start.toLocalTime();
            row.kind = e.cancelled() ? TimelineRow::Kind::CancelledInteraction
                : e.start <= now     ? TimelineRow::Kind::Interaction
                                     : TimelineRow::Kind::PlannedInteraction;
            if (!e.kind.isEmpty() && e.kind != e.summary) {
                row.title = e.kind + u": "_s + e.summary;
            }
            rows << row;
            break;
        case CalendarEntry::Type::Event:
            if (e.recurring) {
                recurringEvents << e.itemId;
            } else if (e.start >= now && e.start <= horizon) {
                row.kind = TimelineRow::Kind::Event;
                row.when = e.start.toLocalTime();
                rows << row;
            }
            break;
        case CalendarEntry::Type::Task:
            // An end state of any business cycle maps to COMPLETED or CANCELLED.
            if (e.closed()) {
                break;
            }
            row.kind = TimelineRow::Kind::Task;
            row.when = (e.due.isValid() ? e.due : e.start).toLocalTime();
            row.detail = e.state;
            row.overdue = e.due.isValid() && e.due < now;
            rows << row;
            break;
        case CalendarEntry::Type::Other:
            break;
        }
    }

    // One round trip for the payloads needed: the recurring events (to
    // expand) and the interactions that can make the screenful (results).
    // Adding recurring rows can only push rows out, so the interactions shown
    // are among the first `limit` of the rows known so far.
    const auto newestFirst = [](const TimelineRow &a, const TimelineRow &b) {
        return a.when > b.when;
    };
    std::sort(rows.begin(), rows.end(), newestFirst);
    QList<qint64> toRead = recurringEvents;
    for (qsizetype n = 0; n < rows.size() && (options.limit <= 0 || n < options.limit); ++n) {
        if (rows[n].kind == TimelineRow::Kind::Interaction || rows[n].kind == TimelineRow::Kind::PlannedInteraction) {
            toRead << rows[n].itemId;
        }
    }
    const auto items = calendar->store().fetch(toRead);
    QHash<qint64, KCalendarCore::Incidence::Ptr> payloads;
    for (const Akonadi::Item &item : items) {
        if (item.hasPayload<KCalendarCore::Incidence::Ptr>() && item.payload<KCalendarCore::Incidence::Ptr>()) {
            payloads.insert(item.id(), item.payload<KCalendarCore::Incidence::Ptr>());
        }
    }

    // Recurring events: one row each, at the next occurrence, so a weekly
    // meeting does not push everything else off the screen.
    for (const qint64 id : std::as_const(recurringEvents)) {
        const auto incidence = payloads.value(id);
        if (!incidence) {
            continue;
        }
        const auto expansion = Occurrences::between(incidence, now, horizon, 4);
        if (expansion.starts.isEmpty()) {
            continue;
        }
        TimelineRow row;
        row.kind = TimelineRow::Kind::Event;
        row.itemId = id;
        row.when = expansion.starts.constFirst().toLocalTime();
        row.title = incidence->summary();
        QStringList later;
        for (const QDateTime &start : expansion.starts.mid(1)) {
            later << QLocale().toString(start.date(), QLocale::ShortFormat);
        }
        row.detail = later.isEmpty() ? i18nc("@info timeline", "recurring") : i18nc("@info timeline", "recurring; then %1", later.join(u", "_s));
        rows << row;
    }
    std::sort(rows.begin(), rows.end(), newestFirst);
    if (options.limit > 0 && rows.size() > options.limit) {
        rows.resize(options.limit);
    }

    QHash<qint64, Interaction> interactions;
    for (auto it = payloads.cbegin(); it != payloads.cend(); ++it) {
        if (!recurringEvents.contains(it.key())) {
            interactions.insert(it.key(), InteractionMapping::interactionFrom(it.value()));
        }
    }
    for (TimelineRow &row : rows) {
        const auto it = interactions.constFind(row.itemId);
        if (it == interactions.cend()) {
            continue;
        }
        QStringList detail;
        if (!it->result.isEmpty()) {
            detail << it->result;
        } else if (row.kind == TimelineRow::Kind::Interaction) {
            // Held but nobody wrote down how it went.
            detail << i18nc("@info timeline", "no result recorded");
            row.overdue = true;
        }
        if (it->nextContact.isValid()) {
            detail << i18nc("@info timeline", "next contact %1", QLocale().toString(it->nextContact, QLocale::ShortFormat));
        }
        QStringList people;
        for (const Participant &p : it->contactPersons) {
            people << (p.name.isEmpty() ? p.email : p.name);
        }
        if (!people.isEmpty()) {
            detail << people.join(u", "_s);
        }
        row.detail = detail.join(u"; "_s);
    }
    return rows;
}

} // namespace Crm
