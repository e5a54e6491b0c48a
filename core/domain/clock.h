// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmdomain_export.h"

#include <QDateTime>

namespace Crm
{

/// The one source of "now" (DESIGN.md §4). The environment variable CRM_NOW
/// (an ISO 8601 date-time) fixes it for tests and demos.
class KONTACTCRMDOMAIN_EXPORT Clock
{
public:
    static QDateTime now();
    static QDate today();
    /// Overrides "now" in this process (tests); an invalid value restores it.
    static void setNow(const QDateTime &now);
};

} // namespace Crm
