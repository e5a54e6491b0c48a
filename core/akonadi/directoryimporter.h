// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "import/importrecord.h"
#include "kontactcrmcore_export.h"

namespace Crm
{

class Directory;

/// What an import did.
struct KONTACTCRMCORE_EXPORT ImportReport {
    int created = 0;
    int updated = 0;
    int unchanged = 0;
    QList<ImportProblem> errors; ///< records not imported
    QList<ImportProblem> warnings;
    int imported() const
    {
        return created + updated + unchanged;
    }
};

/// Brings parsed records into the directory. Duplicates of what is stored,
/// or of an earlier record of the same import, are found by UID, tax code
/// and e-mail (a person also by name within its counterparty) and updated:
/// the file's non-empty fields win, lists are merged, nothing stored is
/// dropped. A record with no UID, tax code or e-mail is recognised by its
/// name and phone. Each record is one vCard, written whole or not at all.
/// Imports of several processes run one after the other (see CrmLock).
class KONTACTCRMCORE_EXPORT DirectoryImporter
{
public:
    explicit DirectoryImporter(Directory &directory);
    ImportReport import(QList<ImportBatch> batches);

    /// How long an import waits for another one to finish.
    static constexpr int lockTimeoutMs = 30 * 60 * 1000;

private:
    Directory &m_directory;
};

} // namespace Crm
