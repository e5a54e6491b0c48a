// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmcore_export.h"

#include <Akonadi/Collection>

#include <QString>

namespace Crm
{

/// The calendar the CRM keeps its tasks, interactions and events in: an
/// "iCal directory" resource (akonadi_icaldir_resource, one .ics file per
/// incidence, so a change rewrites one small file) named "Kontact CRM",
/// found by the id remembered in kontactcrmrc, then by name, or created on
/// first use. KOrganizer and phones (CalDAV) see it as an ordinary calendar.
class KONTACTCRMCORE_EXPORT CrmCalendar
{
public:
    /// Finds or creates the calendar. Blocks until it exists.
    bool ensure();
    /// Finds it only; never creates anything (for read-only commands).
    bool find();

    Akonadi::Collection collection() const;
    QString errorString() const;

    static QString defaultStoragePath();
    static QString resourceName();

private:
    bool locate(bool create);

    Akonadi::Collection m_collection;
    QString m_error;
};

} // namespace Crm
