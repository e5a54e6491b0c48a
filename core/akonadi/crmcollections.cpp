// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "crmcollections.h"

#include "collectionlocator.h"

namespace Crm
{

CrmCollections::CrmCollections(const Akonadi::Collection &counterparties, const Akonadi::Collection &employees)
    : m_counterparties(counterparties)
    , m_employees(employees)
{
}

bool CrmCollections::ensure()
{
    return locate(true);
}

bool CrmCollections::find()
{
    return locate(false);
}

bool CrmCollections::locate(bool create)
{
    auto job =
        new CollectionLocator(CollectionLocator::Store::AddressBooks, create ? CollectionLocator::Mode::CreateIfMissing : CollectionLocator::Mode::FindOnly);
    if (!job->exec()) {
        m_error = job->errorText();
        return false;
    }
    m_counterparties = job->counterparties();
    m_employees = job->employees();
    return true;
}

Akonadi::Collection CrmCollections::counterparties() const
{
    return m_counterparties;
}

Akonadi::Collection CrmCollections::employees() const
{
    return m_employees;
}

QString CrmCollections::errorString() const
{
    return m_error;
}

} // namespace Crm
