// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmdomain_export.h"

#include <QDateTime>
#include <QTimeZone>

namespace Crm
{

/// The one source of "now" (DESIGN.md §4). The environment variable CRM_NOW
/// (an ISO 8601 date-time) fixes it for tests and demos; CRM_NOW_FILE names a
/// file that holds it (and optionally a zone id after it), read at every
/// call, so a test can step the clock of a running process (see clock.cpp).
class KONTACTCRMDOMAIN_EXPORT Clock
{
public:
    static QDateTime now();
    /// Today in the user's zone.
    static QDate today();
    /// The user's time zone (the system's, from TZ or /etc/localtime): wall
    /// times people type are in it, and stored with it.
    static QTimeZone zone();
    /// Overrides "now" in this process (tests); an invalid value restores it.
    static void setNow(const QDateTime &now);
};

} // namespace Crm
