// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "recordgid.h"

#include <KCalendarCore/Incidence>
#include <KContacts/Addressee>

namespace Crm::RecordGid
{

QString of(const Akonadi::Item &item)
{
    if (item.hasPayload<KCalendarCore::Incidence::Ptr>()) {
        // What the iCal-directory resource names its file by.
        const auto incidence = item.payload<KCalendarCore::Incidence::Ptr>();
        return incidence ? incidence->instanceIdentifier() : QString();
    }
    if (item.hasPayload<KContacts::Addressee>()) {
        return item.payload<KContacts::Addressee>().uid();
    }
    return {};
}

Akonadi::Item withGid(Akonadi::Item item)
{
    if (item.gid().isEmpty()) {
        item.setGid(of(item));
    }
    return item;
}

} // namespace Crm::RecordGid
