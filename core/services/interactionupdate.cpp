// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "interactionupdate.h"

#include "ical/incidenceentry.h"
#include "ical/interactionmapping.h"

#include <KLocalizedString>

#include <QObject>

using namespace Qt::Literals::StringLiterals;

namespace Crm::InteractionUpdate
{

QString problem(const Interaction &stored, qint64 itemId, const Interaction &edited)
{
    // A cancelled one is kept as it was, like a held one with its result is
    // never cancelled: the log does not rewrite what it recorded.
    if (stored.cancelled) {
        return i18n("interaction #%1 was cancelled; it is kept as it was", itemId);
    }
    // The same rules as InteractionService::add.
    if (edited.kind.trimmed().isEmpty()) {
        return i18n("the interaction has no kind");
    }
    if (!edited.start.isValid()) {
        return i18n("the interaction has no date");
    }
    return {};
}

Interaction merged(const Interaction &stored, const Interaction &edited)
{
    Interaction out = stored;
    out.kind = edited.kind.trimmed();
    out.subject = edited.subject;
    out.start = edited.start;
    out.durationMinutes = edited.durationMinutes;
    out.counterpartyUid = edited.counterpartyUid;
    out.contactPersons = edited.contactPersons;
    out.employee = edited.employee;
    out.remindMinutesBefore = edited.remindMinutesBefore;
    return out;
}

void update(ItemStorage &storage,
            const Akonadi::Collection &calendar,
            qint64 itemId,
            const Interaction &edited,
            QObject *context,
            const InteractionService::Done &done)
{
    StorageJob *fetch = storage.fetch({itemId});
    QObject::connect(fetch, &KJob::result, context, [&storage, calendar, itemId, edited, context, done, fetch] {
        const auto items = fetch->items();
        if (fetch->error() || items.isEmpty() || !items.constFirst().hasPayload<KCalendarCore::Incidence::Ptr>()) {
            done({{}, {}, fetch->error() ? fetch->errorString() : i18n("there is no interaction #%1", itemId)});
            return;
        }
        Akonadi::Item item = items.constFirst();
        const auto incidence = item.payload<KCalendarCore::Incidence::Ptr>();
        if (incidence->type() != KCalendarCore::IncidenceBase::TypeEvent
            || IncidenceEntry::crmProperty(incidence, "TYPE").trimmed().compare(u"interaction"_s, Qt::CaseInsensitive) != 0) {
            done({{}, {}, i18n("#%1 is not an interaction", itemId)});
            return;
        }
        const Interaction stored = InteractionMapping::interactionFrom(incidence);
        if (const QString why = problem(stored, itemId, edited); !why.isEmpty()) {
            done({{}, {}, why});
            return;
        }
        const Interaction result = merged(stored, edited);
        // Written onto the stored event, so what other programs added stays.
        // A copy: the fetched payload stays as it was read.
        const KCalendarCore::Event::Ptr base(static_cast<KCalendarCore::Event *>(incidence->clone()));
        const auto event = InteractionMapping::toEvent(result, base);
        item.setPayload<KCalendarCore::Incidence::Ptr>(event);
        StorageJob *write = storage.write({{item, calendar}});
        QObject::connect(write, &KJob::result, context, [write, result, done] {
            const auto written = write->written();
            if (write->error() || written.isEmpty() || !written.constFirst().item.isValid()) {
                done({{}, {}, write->error() ? write->errorString() : written.value(0).error});
                return;
            }
            done({InteractionService::Stored{written.constFirst().item.id(), result}, {}, {}});
        });
    });
}

} // namespace Crm::InteractionUpdate
