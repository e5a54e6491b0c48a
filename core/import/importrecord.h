// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/counterparty.h"
#include "kontactcrmdomain_export.h"

#include <QList>
#include <QString>

namespace Crm
{

/// Something wrong with one record of an import, reported with where it is.
struct KONTACTCRMDOMAIN_EXPORT ImportProblem {
    QString fileName;
    int line = 0; ///< 1-based line in the file where the record starts; 0 when not known
    QString record; ///< the record's name as the file gives it, if any
    QString field; ///< the column or vCard property at fault, if any
    QString message; ///< translated, says what is wrong
    /// "file:12: record "Acme", field "Birthday": message"
    QString toString() const;
    bool operator==(const ImportProblem &other) const = default;
};

/// One record read from an import file, not yet matched against the store.
struct KONTACTCRMDOMAIN_EXPORT ImportRecord {
    enum class Kind {
        Counterparty,
        Person,
        Employee
    };
    Kind kind = Kind::Counterparty;
    int line = 0;
    Counterparty counterparty; ///< when kind == Counterparty
    ContactPerson person; ///< when kind == Person; counterpartyUid may be empty
    Employee employee; ///< when kind == Employee
    /// For a person: how the file names its counterparty (UID, tax code or
    /// name), resolved against the file and the store by the importer.
    QString counterpartyRef;
    QString displayName() const;
};

/// What a parser made of one file: the good records and the problems.
struct KONTACTCRMDOMAIN_EXPORT ImportBatch {
    QString fileName;
    QList<ImportRecord> records;
    QList<ImportProblem> errors; ///< records left out
    QList<ImportProblem> warnings; ///< records imported, with something to check
};

} // namespace Crm
