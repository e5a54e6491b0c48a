// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "eventupdate.h"

#include "ical/incidenceentry.h"
#include "ical/interactionmapping.h"

#include <KLocalizedString>

#include <QObject>

using namespace Qt::Literals::StringLiterals;

namespace Crm::EventUpdate
{

CrmEvent merged(const CrmEvent &stored, const CrmEvent &edited)
{
    CrmEvent out = stored;
    out.subject = edited.subject;
    out.kind = edited.kind;
    out.counterpartyUid = edited.counterpartyUid;
    out.start = edited.start;
    out.durationMinutes = edited.durationMinutes;
    out.allDay = edited.allDay;
    out.rrule = edited.rrule;
    out.remind = edited.remind;
    out.remindMinutesBefore = edited.remindMinutesBefore;
    return out;
}

QString problem(const CrmEvent &stored, bool cancelled, qint64 itemId, const CrmEvent &edited)
{
    if (cancelled) {
        return i18n("event #%1 was cancelled; it is kept as it was", itemId);
    }
    QString error;
    if (!EventService::build(merged(stored, edited), &error)) {
        return error;
    }
    return {};
}

void update(ItemStorage &storage, const Akonadi::Collection &calendar, qint64 itemId, const CrmEvent &edited, QObject *context, const EventService::Done &done)
{
    StorageJob *fetch = storage.fetch({itemId});
    QObject::connect(fetch, &KJob::result, context, [&storage, calendar, itemId, edited, context, done, fetch] {
        const auto items = fetch->items();
        const auto incidence = items.isEmpty() || !items.constFirst().hasPayload<KCalendarCore::Incidence::Ptr>()
            ? KCalendarCore::Incidence::Ptr()
            : items.constFirst().payload<KCalendarCore::Incidence::Ptr>();
        if (fetch->error() || !incidence || incidence->type() != KCalendarCore::IncidenceBase::TypeEvent
            || IncidenceEntry::crmProperty(incidence, "TYPE").trimmed().compare(u"event"_s, Qt::CaseInsensitive) != 0) {
            done({{}, fetch->error() ? fetch->errorString() : i18n("there is no event #%1", itemId)});
            return;
        }
        const CrmEvent stored = InteractionMapping::eventFrom(incidence);
        if (const QString why = problem(stored, incidence->status() == KCalendarCore::Incidence::StatusCanceled, itemId, edited); !why.isEmpty()) {
            done({{}, why});
            return;
        }
        const CrmEvent result = merged(stored, edited);
        // Onto a copy of the stored event, so what other programs added stays.
        const KCalendarCore::Event::Ptr base(static_cast<KCalendarCore::Event *>(incidence->clone()));
        const auto event = InteractionMapping::toEvent(result, base);
        Akonadi::Item item = items.constFirst();
        item.setPayload<KCalendarCore::Incidence::Ptr>(event);
        StorageJob *write = storage.write({{item, calendar}});
        QObject::connect(write, &KJob::result, context, [write, result, done] {
            const auto written = write->written();
            if (write->error() || written.isEmpty() || !written.constFirst().item.isValid()) {
                done({{}, write->error() ? write->errorString() : written.value(0).error});
                return;
            }
            done({EventService::Stored{written.constFirst().item.id(), result, {}}, {}});
        });
    });
}

} // namespace Crm::EventUpdate
