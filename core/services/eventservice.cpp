// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "eventservice.h"

#include "ical/incidenceentry.h"
#include "ical/interactionmapping.h"
#include "ical/occurrences.h"

#include <KLocalizedString>
#include <QTimer>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

namespace
{
QList<QDateTime> firstOccurrences(const KCalendarCore::Incidence::Ptr &incidence)
{
    return Occurrences::between(incidence, incidence->dtStart(), incidence->dtStart().addYears(1), EventService::nextCount).starts;
}

bool isEvent(const KCalendarCore::Incidence::Ptr &incidence)
{
    return incidence && incidence->type() == KCalendarCore::IncidenceBase::TypeEvent
        && IncidenceEntry::crmProperty(incidence, "TYPE").trimmed().compare(u"event"_s, Qt::CaseInsensitive) == 0;
}
} // namespace

EventService::EventService(ItemStorage &storage, const Akonadi::Collection &calendar, QObject *parent)
    : QObject(parent)
    , m_storage(storage)
    , m_calendar(calendar)
{
}

KCalendarCore::Event::Ptr EventService::build(const CrmEvent &event, QString *error)
{
    if (event.subject.trimmed().isEmpty()) {
        *error = i18n("the event has no subject");
        return {};
    }
    if (!event.start.isValid()) {
        *error = i18n("the event has no date");
        return {};
    }
    // InteractionMapping applies RRULE, RDATE and EXDATE once, then the
    // recurrence is checked before anything is stored.
    return InteractionMapping::checkedEvent(event, error);
}

void EventService::add(const CrmEvent &event, const Done &done)
{
    QString problem;
    const KCalendarCore::Event::Ptr built = build(event, &problem);
    if (!built) {
        // Reported from the event loop like every other answer, never inside the call.
        QTimer::singleShot(0, this, [done, problem] {
            done({{}, problem});
        });
        return;
    }
    Akonadi::Item item;
    item.setMimeType(built->mimeType());
    item.setPayload<KCalendarCore::Incidence::Ptr>(built);
    StorageJob *job = m_storage.write({{item, m_calendar}});
    connect(job, &KJob::result, this, [job, event, built, done] {
        const auto written = job->written();
        if (job->error() || written.isEmpty() || !written.constFirst().item.isValid()) {
            done({{}, job->error() ? job->errorString() : written.value(0).error});
            return;
        }
        done({Stored{written.constFirst().item.id(), event, firstOccurrences(built)}, {}});
    });
}

void EventService::cancel(qint64 itemId, const Done &done)
{
    StorageJob *fetch = m_storage.fetch({itemId});
    connect(fetch, &KJob::result, this, [this, fetch, itemId, done] {
        const auto items = fetch->items();
        const auto incidence = items.isEmpty() || !items.constFirst().hasPayload<KCalendarCore::Incidence::Ptr>()
            ? KCalendarCore::Incidence::Ptr()
            : items.constFirst().payload<KCalendarCore::Incidence::Ptr>();
        if (fetch->error() || !isEvent(incidence)) {
            done({{}, fetch->error() ? fetch->errorString() : i18n("there is no event #%1", itemId)});
            return;
        }
        // A copy: the fetched payload stays as it was read.
        const KCalendarCore::Incidence::Ptr changed(incidence->clone());
        changed->setStatus(KCalendarCore::Incidence::StatusCanceled);
        Akonadi::Item item = items.constFirst();
        item.setPayload<KCalendarCore::Incidence::Ptr>(changed);
        StorageJob *write = m_storage.write({{item, m_calendar}});
        connect(write, &KJob::result, this, [write, changed, done] {
            const auto written = write->written();
            if (write->error() || written.isEmpty() || !written.constFirst().item.isValid()) {
                done({{}, write->error() ? write->errorString() : written.value(0).error});
                return;
            }
            done({Stored{written.constFirst().item.id(), InteractionMapping::eventFrom(changed), {}}, {}});
        });
    });
}

void EventService::occurrences(const QList<qint64> &itemIds,
                               const QDateTime &from,
                               const QDateTime &to,
                               const std::function<void(const OccurrenceList &)> &done)
{
    StorageJob *job = m_storage.fetch(itemIds);
    connect(job, &KJob::result, this, [job, from, to, done] {
        if (job->error()) {
            OccurrenceList failed;
            failed.error = job->errorString();
            done(failed);
            return;
        }
        done(expand(job->items(), from, to, Crm::Occurrences::defaultLimit));
    });
}

EventService::OccurrenceList EventService::expand(const Akonadi::Item::List &items, const QDateTime &from, const QDateTime &to, int limit)
{
    OccurrenceList result;
    for (const Akonadi::Item &item : items) {
        if (!item.hasPayload<KCalendarCore::Incidence::Ptr>()) {
            continue;
        }
        const auto incidence = item.payload<KCalendarCore::Incidence::Ptr>();
        if (!isEvent(incidence) || incidence->status() == KCalendarCore::Incidence::StatusCanceled) {
            continue;
        }
        const auto expansion = Crm::Occurrences::between(incidence, from, to, limit);
        for (const QDateTime &start : expansion.starts) {
            result.occurrences << Occurrence{item.id(), start, incidence->allDay(), incidence->summary()};
        }
        if (expansion.truncated) {
            result.truncated << item.id();
        }
    }
    std::sort(result.occurrences.begin(), result.occurrences.end(), [](const Occurrence &a, const Occurrence &b) {
        return a.start != b.start ? a.start < b.start : a.itemId < b.itemId;
    });
    return result;
}

} // namespace Crm
