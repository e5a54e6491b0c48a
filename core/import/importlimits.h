// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmdomain_export.h"

#include <QtGlobal>

namespace Crm
{

/// How much an import, or a file handed to crmctl, may hold. Read from
/// kontactcrmrc, group [Import]; the defaults are generous for real data
/// (a 1C export of 100,000 counterparties is about 30 MiB) and stop what is
/// not data (a 50 MB name, /dev/zero).
struct KONTACTCRMDOMAIN_EXPORT ImportLimits {
    qint64 maxFileBytes = 256 * 1024 * 1024; ///< MaxFileBytes: an import file
    qint64 maxAttachmentBytes = 25 * 1024 * 1024; ///< MaxAttachmentBytes: a file given to --attach
    int maxRecordSize = 1024 * 1024; ///< MaxRecordSize: one CSV row (characters) or one vCard (bytes)
    int maxFieldChars = 1000; ///< MaxFieldChars: a name, phone, e-mail, address part, …
    int maxNoteChars = 65536; ///< MaxNoteChars: a note
    int maxProblemsPerKind = 20; ///< MaxProblemsPerKind: the same problem listed this often, then summarised
    int maxProblems = 1000; ///< MaxProblems: problems listed in all, then summarised

    /// The limits set in kontactcrmrc, each falling back to its default
    /// when missing or not a positive number.
    static ImportLimits fromConfig();
};

} // namespace Crm
