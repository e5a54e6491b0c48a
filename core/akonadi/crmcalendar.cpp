// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "crmcalendar.h"

#include "collectionlocator.h"

namespace Crm
{

bool CrmCalendar::ensure()
{
    return locate(true);
}

bool CrmCalendar::find()
{
    return locate(false);
}

bool CrmCalendar::locate(bool create)
{
    auto job = new CollectionLocator(CollectionLocator::Store::Calendar, create ? CollectionLocator::Mode::CreateIfMissing : CollectionLocator::Mode::FindOnly);
    if (!job->exec()) {
        m_error = job->errorText();
        return false;
    }
    m_collection = job->calendar();
    return true;
}

Akonadi::Collection CrmCalendar::collection() const
{
    return m_collection;
}

QString CrmCalendar::errorString() const
{
    return m_error;
}

} // namespace Crm
