// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmcore_export.h"

#include <Akonadi/Collection>

#include <QString>

namespace Crm
{

/// The address books the CRM keeps its vCards in. On first use it finds
/// them (by the ids remembered in kontactcrmrc, then by name under the CRM's
/// own resource) or creates them: a "Personal Contacts" resource
/// (akonadi_contacts_resource, a folder of vCard files) named "Kontact CRM"
/// with the sub-folders "Counterparties" and "Employees".
class KONTACTCRMCORE_EXPORT CrmCollections
{
public:
    /// Finds or creates the address books. Blocks until they exist.
    /// Returns false and sets errorString() when Akonadi cannot give them.
    bool ensure();
    /// Finds them only; never creates anything (for read-only commands).
    bool find();

    Akonadi::Collection counterparties() const;
    Akonadi::Collection employees() const;
    QString errorString() const;

    /// Where a newly created resource keeps its vCard files.
    static QString defaultStoragePath();
    static QString resourceName();

private:
    bool fromConfig();
    bool fromResource(bool create);
    Akonadi::Collection childNamed(const Akonadi::Collection &parent, const QString &name, bool create);
    void remember();

    Akonadi::Collection m_counterparties;
    Akonadi::Collection m_employees;
    QString m_error;
};

} // namespace Crm
