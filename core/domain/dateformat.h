// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmdomain_export.h"

#include <QDateTime>
#include <QString>

namespace Crm
{

/// How the CRM writes a date-time for people: the locale's short format in
/// the user's zone (Clock::zone), hours and minutes only. Some locales (C
/// among them) put seconds even in the short time format, and nothing in the
/// CRM is planned to the second.
namespace DateFormat
{
KONTACTCRMDOMAIN_EXPORT QString shortDateTime(const QDateTime &dt);
KONTACTCRMDOMAIN_EXPORT QString shortTime(const QTime &time);
/// The format string of shortDateTime(), for a QDateTimeEdit.
KONTACTCRMDOMAIN_EXPORT QString shortDateTimeFormat();
} // namespace DateFormat

} // namespace Crm
