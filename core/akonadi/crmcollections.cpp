// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "crmcollections.h"

namespace Crm
{

CrmCollections::CrmCollections(const Akonadi::Collection &counterparties, const Akonadi::Collection &employees)
    : m_counterparties(counterparties)
    , m_employees(employees)
{
}

Akonadi::Collection CrmCollections::counterparties() const
{
    return m_counterparties;
}

Akonadi::Collection CrmCollections::employees() const
{
    return m_employees;
}

} // namespace Crm
