// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "counterparty.h"
#include "directoryindex.h"
#include "interaction.h"
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

/// Which of a counterparty's contact persons a user means by a name part or
/// an e-mail: the same answers as CounterpartyMatch (one, none, or the list
/// to choose from), so every command and view resolves people one way.
struct KONTACTCRMDOMAIN_EXPORT ContactPersonMatch {
    enum class Outcome {
        Found,
        None,
        Ambiguous, ///< candidates lists the persons it could be
    };
    Outcome outcome = Outcome::None;
    ContactPerson person;
    QList<ContactPerson> candidates;

    /// The person as a participant of an interaction (UID, name, first e-mail).
    Participant participant() const;

    /// Resolves @p text among @p persons (one counterparty's): an e-mail
    /// matches exactly, a name by part; among several, an exact name wins.
    static ContactPersonMatch resolve(const QList<ContactPerson> &persons, const QString &text);
};

/// Whether an e-mail given as a responsible, an employee or somebody to
/// notify names an employee of the directory.
struct KONTACTCRMDOMAIN_EXPORT EmployeeMatch {
    enum class Outcome {
        Found,
        NotAnEmployee, ///< employees lists who may be named, by name
        NoEmployees, ///< the directory has none yet, so nothing can be checked
    };
    Outcome outcome = Outcome::NoEmployees;
    DirectoryEntry employee;
    QList<DirectoryEntry> employees;

    /// Resolves @p email (any case) among the employees of @p index.
    static EmployeeMatch resolve(const DirectoryIndex &index, const QString &email);
};

} // namespace Crm
