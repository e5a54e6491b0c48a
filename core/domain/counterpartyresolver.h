// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "directoryindex.h"
#include "kontactcrmdomain_export.h"

namespace Crm
{

/// Which counterparty a user means by what they typed (a name part, phone,
/// e-mail, tax code, UID, or one of its contact persons): one place for
/// crmctl, the plugin and the services.
struct KONTACTCRMDOMAIN_EXPORT CounterpartyMatch {
    enum class Outcome {
        Found, ///< counterparty is the one
        None,
        Ambiguous, ///< candidates lists the counterparties (or persons) it could be
        OrphanPerson, ///< a contact person whose counterparty is not in the directory
    };
    Outcome outcome = Outcome::None;
    DirectoryEntry counterparty;
    QList<DirectoryEntry> candidates;

    /// Resolves @p text over @p index. A person's hit stands for its
    /// counterparty; among several, an exact name or short name wins.
    static CounterpartyMatch resolve(const DirectoryIndex &index, const QString &text);
};

} // namespace Crm
