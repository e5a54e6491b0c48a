// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmdomain_export.h"

#include <QDateTime>
#include <optional>

/// Reading the dates and times people type.
namespace Crm::DateInput
{

/// "2026-11-27", "2026-11-27 10:00", "2026-11-27T10:00", "27.11.2026",
/// "27.11.2026 10:00" (what 1C writes), "today", "tomorrow", "+3d", "-3d"
/// (relative to Clock::now()), ISO 8601 with an offset. A date alone means
/// @p defaultTime that day. Wall times are in the user's (system) zone; a
/// time with an offset is converted to it. std::nullopt when the text is
/// none of these.
KONTACTCRMDOMAIN_EXPORT std::optional<QDateTime> parse(const QString &text, QTime defaultTime = QTime(9, 0));

/// A lead time as people say it: "90m", "2h", "2d", "1w" (minutes, hours,
/// days, weeks). Returns minutes, or std::nullopt. Up to a year.
KONTACTCRMDOMAIN_EXPORT std::optional<int> parseLeadTime(const QString &text);

/// The formats parse() accepts, for error messages.
KONTACTCRMDOMAIN_EXPORT QString acceptedFormats();

} // namespace Crm::DateInput
