// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmcore_export.h"

#include <Akonadi/Collection>

namespace Crm
{

/// The address books the CRM keeps its vCards in, as a CollectionLocator
/// found them: counterparties with their persons, and employees.
class KONTACTCRMCORE_EXPORT CrmCollections
{
public:
    CrmCollections() = default;
    CrmCollections(const Akonadi::Collection &counterparties, const Akonadi::Collection &employees);

    Akonadi::Collection counterparties() const;
    Akonadi::Collection employees() const;

private:
    Akonadi::Collection m_counterparties;
    Akonadi::Collection m_employees;
};

} // namespace Crm
