// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "import/importrecord.h"
#include "kontactcrmdomain_export.h"

namespace Crm
{

/// Floods of one problem (a bad phone on each of 100,000 rows) made
/// readable: the first @p perKind problems of each kind are listed, the rest
/// of that kind become one line saying how many and on which lines, and no
/// more than @p total lines are listed in all. Problems are of one kind when
/// they differ only in quoted values and numbers.
namespace ImportProblems
{
KONTACTCRMDOMAIN_EXPORT QList<ImportProblem> summarized(const QList<ImportProblem> &problems, int perKind = 20, int total = 1000);
/// @p text with control characters written as \xNN, safe to print to a
/// terminal (an ESC in a file must not reach it raw).
KONTACTCRMDOMAIN_EXPORT QString printable(const QString &text);
} // namespace ImportProblems

} // namespace Crm
