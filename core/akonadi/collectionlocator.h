// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmcore_export.h"

#include <Akonadi/Collection>
#include <KJob>

#include <memory>

namespace Crm
{

class CrmLock;

/// Finds the CRM's collections, or creates them on first use, without
/// waiting: every step is an Akonadi job or a D-Bus signal chained on the
/// one before. The address books live in a "Personal Contacts" resource
/// (akonadi_contacts_resource, a folder of vCard files) named "Kontact CRM"
/// with the sub-folders "Counterparties" and "Employees"; the calendar is an
/// "iCal directory" resource (akonadi_icaldir_resource, one .ics file per
/// incidence) of the same name, and the correspondence register a local
/// maildir (akonadi_maildir_resource) of that name whose top folder holds
/// the letters, so KMail shows them too. Ids are remembered in kontactcrmrc. Finding
/// and creating run under the "setup" CrmLock, so two processes at first
/// use do not both create a resource.
class KONTACTCRMCORE_EXPORT CollectionLocator : public KJob
{
    Q_OBJECT
public:
    enum class Store {
        AddressBooks,
        Calendar,
        Register, ///< the correspondence register: a maildir
    };
    enum class Mode {
        FindOnly, ///< never creates anything (read-only commands, views)
        CreateIfMissing, ///< and repairs writes a dead process left unconfirmed (a writer's start)
    };
    CollectionLocator(Store store, Mode mode, QObject *parent = nullptr);
    ~CollectionLocator() override;

    void start() override;

    Akonadi::Collection counterparties() const;
    Akonadi::Collection employees() const;
    Akonadi::Collection calendar() const;
    Akonadi::Collection letters() const;

    /// Where a newly created resource keeps its files.
    static QString defaultStoragePath(Store store);
    static QString resourceName(Store store);

private:
    void fromConfig(const std::function<void()> &otherwise);
    void lockThenLocate();
    void fromResource();
    void withRoot(const QString &resource, const QString &createdAt = {}, const QString &settingsInterface = {});
    void childNamed(const Akonadi::Collection &parent, const QString &name, const std::function<void(const Akonadi::Collection &)> &then);
    void succeed();
    void fail(const QString &error);

    Store m_store;
    Mode m_mode;
    Akonadi::Collection::List m_found; ///< counterparties and employees, or the calendar
    std::unique_ptr<CrmLock> m_lock;
};

} // namespace Crm
