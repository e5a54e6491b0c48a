// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmcore_export.h"

#include <KCalendarCore/Incidence>

#include <QDateTime>
#include <QList>

/// Expanding recurrences without ever hanging on a rule that never ends or
/// repeats every second.
namespace Crm::Occurrences
{

/// At most this many occurrences are produced by one expansion.
inline constexpr int defaultLimit = 1000;
/// A rule that would repeat more often than this within a year is refused.
inline constexpr int maxPerYear = 10000;

struct Expansion {
    QList<QDateTime> starts;
    bool truncated = false; ///< the limit cut the list short
};

/// The starts of @p incidence's occurrences in [from, to], in order, at most
/// @p limit of them. Steps occurrence by occurrence (Recurrence::
/// getNextDateTime) rather than asking for the whole window at once, which
/// for FREQ=SECONDLY over a year would build millions of times.
KONTACTCRMCORE_EXPORT Expansion between(const KCalendarCore::Incidence::Ptr &incidence, const QDateTime &from, const QDateTime &to, int limit = defaultLimit);

/// Why a recurrence cannot be stored, translated, or an empty string: it
/// ends before it starts, or repeats more than maxPerYear times in a year.
KONTACTCRMCORE_EXPORT QString problem(const KCalendarCore::Incidence::Ptr &incidence);

} // namespace Crm::Occurrences
