// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

namespace Crm
{

/// How much of a packed block (PackedDirectory, PackedCalendar) opening it
/// checks: all of it, or only the sizes in its header, for the very bytes
/// that passed the whole check before (see CheckedFile).
enum class PackedBlockChecks {
    Everything,
    SizesOnly,
};

} // namespace Crm
