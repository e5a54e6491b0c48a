// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmcore_export.h"

#include <Akonadi/Collection>

#include <QString>

namespace Crm
{

/// The calendar the CRM keeps its tasks, interactions and events in, found
/// or created by a CollectionLocator. ensure() and find() wait for it in a
/// local event loop: they remain only for the reminder agent until it runs
/// the locator itself; everything else uses the locator.
class KONTACTCRMCORE_EXPORT CrmCalendar
{
public:
    /// Finds or creates the calendar. Blocks until it exists.
    bool ensure();
    /// Finds it only; never creates anything.
    bool find();

    Akonadi::Collection collection() const;
    QString errorString() const;

private:
    bool locate(bool create);

    Akonadi::Collection m_collection;
    QString m_error;
};

} // namespace Crm
