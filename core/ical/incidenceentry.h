// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/task.h"

#include "domain/calendarindex.h"
#include "kontactcrmcore_export.h"

#include <KCalendarCore/Incidence>

/// Reading the CRM's X-KDE-CRM-* properties of any incidence.
namespace Crm::IncidenceEntry
{

/// The app name of the CRM's custom properties: X-KDE-CRM-<KEY>.
inline constexpr QLatin1StringView crmApp{"CRM"};

KONTACTCRMCORE_EXPORT QString crmProperty(const KCalendarCore::Incidence::Ptr &incidence, const char *key);
KONTACTCRMCORE_EXPORT void setCrmProperty(const KCalendarCore::Incidence::Ptr &incidence, const char *key, const QString &value);

/// The index entry of an incidence; one the CRM did not write (no
/// X-KDE-CRM-TYPE) has type Other.
KONTACTCRMCORE_EXPORT CalendarEntry from(const KCalendarCore::Incidence::Ptr &incidence, qint64 itemId);

/// The files (inline, base64 in ATTACH) and links of an incidence.
KONTACTCRMCORE_EXPORT QList<Attachment> attachments(const KCalendarCore::Incidence::Ptr &incidence);
KONTACTCRMCORE_EXPORT void setAttachments(const KCalendarCore::Incidence::Ptr &incidence, const QList<Attachment> &attachments);

} // namespace Crm::IncidenceEntry
