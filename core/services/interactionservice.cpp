// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "interactionservice.h"

#include "domain/clock.h"
#include "domain/searchkeys.h"
#include "ical/incidenceentry.h"
#include "ical/interactionmapping.h"

#include <KLocalizedString>
#include <QLocale>
#include <QTimer>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

void InteractionService::refuse(const Done &done, const QString &error)
{
    // Reported from the event loop like every other answer, never inside
    // the call: a caller that connects or waits after calling still hears it.
    QTimer::singleShot(0, this, [done, error] {
        done({{}, {}, error});
    });
}

InteractionService::InteractionService(ItemStorage &storage, const Akonadi::Collection &calendar, QObject *parent)
    : QObject(parent)
    , m_storage(storage)
    , m_calendar(calendar)
{
}

QString InteractionService::resultProblem(const Interaction &interaction, qint64 itemId, const std::optional<QDateTime> &next)
{
    if (interaction.cancelled) {
        return i18n("interaction #%1 was cancelled; it has no result", itemId);
    }
    if (next && next->date() <= interaction.start.date()) {
        return i18n("the next contact (%1) must come after this one (%2)",
                    QLocale().toString(next->date(), QLocale::ShortFormat),
                    QLocale().toString(interaction.start.date(), QLocale::ShortFormat));
    }
    return {};
}

QString InteractionService::cancelProblem(const Interaction &interaction, qint64 itemId, const QDateTime &now)
{
    // A held interaction with a result happened: cancelling it would rewrite history.
    if (!interaction.cancelled && !interaction.result.isEmpty() && interaction.stateAt(now) == Interaction::State::Held) {
        return i18n("interaction #%1 was held and has a result; it cannot be cancelled", itemId);
    }
    return {};
}

void InteractionService::load(qint64 itemId, const Done &done, const std::function<void(const Akonadi::Item &, const Interaction &)> &then)
{
    StorageJob *job = m_storage.fetch({itemId});
    connect(job, &KJob::result, this, [job, itemId, done, then] {
        const auto items = job->items();
        if (job->error() || items.isEmpty() || !items.constFirst().hasPayload<KCalendarCore::Incidence::Ptr>()) {
            done({{}, {}, job->error() ? job->errorString() : i18n("there is no interaction #%1", itemId)});
            return;
        }
        const auto incidence = items.constFirst().payload<KCalendarCore::Incidence::Ptr>();
        // An event or a task is not an interaction, whatever its id says.
        if (incidence->type() != KCalendarCore::IncidenceBase::TypeEvent
            || IncidenceEntry::crmProperty(incidence, "TYPE").trimmed().compare(u"interaction"_s, Qt::CaseInsensitive) != 0) {
            done({{}, {}, i18n("#%1 is not an interaction", itemId)});
            return;
        }
        then(items.constFirst(), InteractionMapping::interactionFrom(incidence));
    });
}

void InteractionService::store(const Akonadi::Item &item, const Interaction &interaction, const std::function<void(const Outcome &)> &done)
{
    const auto base = item.hasPayload<KCalendarCore::Incidence::Ptr>() ? item.payload<KCalendarCore::Incidence::Ptr>().staticCast<KCalendarCore::Event>()
                                                                       : KCalendarCore::Event::Ptr();
    const KCalendarCore::Event::Ptr event = InteractionMapping::toEvent(interaction, base);
    Akonadi::Item toWrite = item;
    toWrite.setMimeType(event->mimeType());
    toWrite.setPayload<KCalendarCore::Incidence::Ptr>(event);
    StorageJob *job = m_storage.write({{toWrite, m_calendar}});
    connect(job, &KJob::result, this, [job, interaction, done] {
        const auto written = job->written();
        if (job->error() || written.isEmpty() || !written.constFirst().item.isValid()) {
            done({{}, {}, job->error() ? job->errorString() : written.value(0).error});
            return;
        }
        done({Stored{written.constFirst().item.id(), interaction}, {}, {}});
    });
}

void InteractionService::add(const Interaction &interaction, const Done &done)
{
    if (interaction.kind.trimmed().isEmpty()) {
        refuse(done, i18n("the interaction has no kind"));
        return;
    }
    if (!interaction.start.isValid()) {
        refuse(done, i18n("the interaction has no date"));
        return;
    }
    store({}, interaction, done);
}

void InteractionService::recordResult(qint64 itemId, const QString &result, const std::optional<QDateTime> &next, int remindMinutesBefore, const Done &done)
{
    load(itemId, done, [this, itemId, result, next, remindMinutesBefore, done](const Akonadi::Item &item, Interaction interaction) {
        if (const QString problem = resultProblem(interaction, itemId, next); !problem.isEmpty()) {
            done({{}, {}, problem});
            return;
        }
        interaction.result = result;
        if (next) {
            interaction.nextContact = next->date();
        }
        store(item, interaction, [this, interaction, next, remindMinutesBefore, done](const Outcome &stored) {
            if (!stored.stored || !next) {
                done(stored);
                return;
            }
            Interaction followUp = interaction.followUp(next->date(), remindMinutesBefore);
            // A time given with the date wins over this one's time of day.
            if (next->time() != QTime(0, 0)) {
                followUp.start = *next;
            }
            store({}, followUp, [stored, done](const Outcome &planned) {
                Outcome outcome = stored;
                outcome.followUp = planned.stored;
                if (!planned.stored) {
                    outcome.error = i18n("the result is stored, but the follow-up could not be: %1", planned.error);
                }
                done(outcome);
            });
        });
    });
}

QList<CalendarEntry> InteractionService::select(const QList<CalendarEntry> &entries, const Filter &filter, const QDateTime &now)
{
    QList<CalendarEntry> selected;
    const QString kind = filter.kind.trimmed();
    for (const CalendarEntry &e : entries) {
        if (e.type != CalendarEntry::Type::Interaction) {
            continue;
        }
        // Held is derived, never stored: started and not cancelled.
        const bool planned = !e.cancelled() && e.start > now;
        const bool held = !e.cancelled() && e.start <= now;
        if ((filter.state == Filter::State::Planned && !planned) || (filter.state == Filter::State::Held && !held)
            || (filter.from.isValid() && e.start < filter.from) || (filter.to.isValid() && e.start > filter.to)
            || (!kind.isEmpty() && e.kind.compare(kind, Qt::CaseInsensitive) != 0)) {
            continue;
        }
        selected << e;
    }
    std::sort(selected.begin(), selected.end(), [](const CalendarEntry &a, const CalendarEntry &b) {
        return a.start != b.start ? a.start > b.start : a.itemId > b.itemId;
    });
    return selected;
}

void InteractionService::list(const QList<CalendarEntry> &entries, const Filter &filter, const std::function<void(const Listed &)> &done)
{
    const QList<CalendarEntry> selected = select(entries, filter, Clock::now());
    QList<qint64> ids;
    for (const CalendarEntry &e : selected) {
        ids << e.itemId;
    }
    StorageJob *job = m_storage.fetch(ids);
    connect(job, &KJob::result, this, [job, ids, filter, done] {
        Listed listed;
        if (job->error()) {
            listed.error = job->errorString();
            done(listed);
            return;
        }
        QHash<qint64, Interaction> byId;
        const auto items = job->items();
        for (const Akonadi::Item &item : items) {
            if (item.hasPayload<KCalendarCore::Incidence::Ptr>()) {
                byId.insert(item.id(), InteractionMapping::interactionFrom(item.payload<KCalendarCore::Incidence::Ptr>()));
            }
        }
        // The index does not keep the organizer: the employee is read from the item.
        const QString employee = SearchKeys::email(filter.employee);
        for (const qint64 id : ids) {
            const auto it = byId.constFind(id);
            if (it != byId.cend() && (employee.isEmpty() || SearchKeys::email(it->employee.email) == employee)) {
                listed.interactions << Stored{id, *it};
            }
        }
        done(listed);
    });
}

void InteractionService::cancel(qint64 itemId, const Done &done)
{
    load(itemId, done, [this, itemId, done](const Akonadi::Item &item, Interaction interaction) {
        if (const QString problem = cancelProblem(interaction, itemId, Clock::now()); !problem.isEmpty()) {
            done({{}, {}, problem});
            return;
        }
        interaction.cancelled = true;
        store(item, interaction, done);
    });
}

} // namespace Crm
