// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmcore_export.h"

#include <Akonadi/Collection>

#include <QString>

namespace Crm
{

/// The address books the CRM keeps its vCards in, found or created by a
/// CollectionLocator. ensure() and find() wait for it in a local event loop:
/// they remain only for the reminder agent until it runs the locator
/// itself; everything else uses the locator.
class KONTACTCRMCORE_EXPORT CrmCollections
{
public:
    CrmCollections() = default;
    CrmCollections(const Akonadi::Collection &counterparties, const Akonadi::Collection &employees);

    /// Finds or creates the address books. Blocks until they exist.
    bool ensure();
    /// Finds them only; never creates anything.
    bool find();

    Akonadi::Collection counterparties() const;
    Akonadi::Collection employees() const;
    QString errorString() const;

private:
    bool locate(bool create);

    Akonadi::Collection m_counterparties;
    Akonadi::Collection m_employees;
    QString m_error;
};

} // namespace Crm
