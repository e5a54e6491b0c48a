// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/counterparty.h"
#include "kontactcrmdomain_export.h"

#include <KContacts/Addressee>

/// The vCard side of the data contract (DESIGN.md §3): counterparties are
/// KIND:org vCards, contact persons are individuals linked to their
/// counterparty by X-KDE-CRM-COUNTERPARTY, employees are individuals in the
/// employees address book.
namespace Crm::VCardMapping
{

inline constexpr QLatin1StringView customApp{"KDE-CRM"};

enum class RecordKind {
    Counterparty,
    Person,
    Employee
};

/// What a vCard from outside describes: an organisation (KIND:org, or an
/// ORG with no personal name) is a counterparty, anyone else a person.
KONTACTCRMDOMAIN_EXPORT RecordKind kindOf(const KContacts::Addressee &a);

/// Writes the CRM fields onto @p base, keeping whatever else the vCard
/// carries (photos, fields other programs set), so an update from the CRM
/// never loses data written elsewhere.
KONTACTCRMDOMAIN_EXPORT KContacts::Addressee toAddressee(const Counterparty &c, KContacts::Addressee base = {});
/// @p counterpartyName fills ORG, so address books show where the person works.
KONTACTCRMDOMAIN_EXPORT KContacts::Addressee toAddressee(const ContactPerson &p, const QString &counterpartyName, KContacts::Addressee base = {});
KONTACTCRMDOMAIN_EXPORT KContacts::Addressee toAddressee(const Employee &e, KContacts::Addressee base = {});

KONTACTCRMDOMAIN_EXPORT Counterparty counterpartyFrom(const KContacts::Addressee &a);
KONTACTCRMDOMAIN_EXPORT ContactPerson personFrom(const KContacts::Addressee &a);
KONTACTCRMDOMAIN_EXPORT Employee employeeFrom(const KContacts::Addressee &a);

/// The organisation a person's vCard names in ORG, for linking on import.
KONTACTCRMDOMAIN_EXPORT QString organizationOf(const KContacts::Addressee &a);

} // namespace Crm::VCardMapping
