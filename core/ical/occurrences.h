// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmcore_export.h"

#include <KCalendarCore/Incidence>
#include <KCalendarCore/RecurrenceRule>

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

/// Why a recurrence cannot be stored, translated, or an empty string: a
/// rule KCalendarCore would not write back as it reads it (see
/// roundTripProblem), one that ends before it starts, or repeats more than
/// maxPerYear times in a year. Costs well under a second for any rule: rules
/// with more than maxCombinations BY-value combinations per period are
/// refused by arithmetic before anything is expanded, and the expansion
/// itself stops at checkBudgetMs.
KONTACTCRMCORE_EXPORT QString problem(const KCalendarCore::Incidence::Ptr &incidence);

/// Combinations of BY-values in one period (BYHOUR × BYMINUTE × …) beyond
/// which a rule is refused unexpanded.
inline constexpr int maxCombinations = 1000;
/// Milliseconds the expansion in problem() may take before the rule is
/// refused as too costly to check.
inline constexpr int checkBudgetMs = 500;

/// Why @p rule would not be stored exactly as given, or an empty string.
/// KCalendarCore 6.13 writes each BYHOUR, BYMINUTE and BYSECOND value
/// twice, and reading that back overflows libical's lists (values lost, a
/// made-up BYDAY): a rule is accepted only when writing it and reading it
/// back, twice, gives the same rule. See
/// autotests/data/upstream/kcalendarcore-byhour-roundtrip.md.
KONTACTCRMCORE_EXPORT QString roundTripProblem(const KCalendarCore::RecurrenceRule *rule);

} // namespace Crm::Occurrences
