// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "crmcollections.h"

#include "crmcore_debug.h"
#include "crmlock.h"
#include "resourcesetup.h"

#include <Akonadi/CollectionCreateJob>
#include <Akonadi/CollectionFetchJob>
#include <Akonadi/CollectionFetchScope>
#include <KConfigGroup>
#include <KContacts/Addressee>
#include <KLocalizedString>
#include <KSharedConfig>

#include <QDir>
#include <QStandardPaths>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

namespace
{
const QString contactsResourceType = u"akonadi_contacts_resource"_s;
const QString contactsSettings = u"org.kde.Akonadi.Contacts.Settings"_s;
const QString counterpartiesFolder = u"Counterparties"_s;
const QString employeesFolder = u"Employees"_s;

KConfigGroup configGroup()
{
    return KSharedConfig::openConfig(u"kontactcrmrc"_s)->group(u"Collections"_s);
}
} // namespace

QString CrmCollections::defaultStoragePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/kontact-crm/contacts"_s;
}

QString CrmCollections::resourceName()
{
    return i18nc("@title name of the CRM address book resource", "Kontact CRM");
}

bool CrmCollections::ensure()
{
    if (fromConfig()) {
        return true;
    }
    // Two processes at first use would each find nothing and each create a
    // resource: the find-or-create runs under a lock all CRM processes share,
    // and the one that waited finds what the other made.
    CrmLock lock(ResourceSetup::setupLockName());
    if (!lock.lock(ResourceSetup::setupLockTimeoutMs, &m_error)) {
        return false;
    }
    KSharedConfig::openConfig(u"kontactcrmrc"_s)->reparseConfiguration();
    return fromConfig() || fromResource(true);
}

bool CrmCollections::find()
{
    if (fromConfig() || fromResource(false)) {
        return true;
    }
    if (m_error.isEmpty()) {
        m_error = i18n("The CRM address books do not exist yet; import or add a counterparty first.");
    }
    return false;
}

Akonadi::Collection CrmCollections::counterparties() const
{
    return m_counterparties;
}

Akonadi::Collection CrmCollections::employees() const
{
    return m_employees;
}

QString CrmCollections::errorString() const
{
    return m_error;
}

bool CrmCollections::fromConfig()
{
    const KConfigGroup group = configGroup();
    m_counterparties = ResourceSetup::fetchCollection(group.readEntry("Counterparties", Akonadi::Collection::Id(-1)));
    m_employees = ResourceSetup::fetchCollection(group.readEntry("Employees", Akonadi::Collection::Id(-1)));
    return m_counterparties.isValid() && m_employees.isValid();
}

void CrmCollections::remember()
{
    KConfigGroup group = configGroup();
    group.writeEntry("Counterparties", m_counterparties.id());
    group.writeEntry("Employees", m_employees.id());
    group.sync();
}

Akonadi::Collection CrmCollections::childNamed(const Akonadi::Collection &parent, const QString &name, bool create)
{
    auto fetch = new Akonadi::CollectionFetchJob(parent, Akonadi::CollectionFetchJob::FirstLevel);
    if (fetch->exec()) {
        Akonadi::Collection::List named = fetch->collections();
        named.removeIf([&name](const Akonadi::Collection &c) {
            return c.name() != name;
        });
        if (!named.isEmpty()) {
            // Older versions could create a folder twice: always use the oldest.
            std::sort(named.begin(), named.end(), [](const Akonadi::Collection &a, const Akonadi::Collection &b) {
                return a.id() < b.id();
            });
            if (named.size() > 1) {
                qCWarning(CRM_CORE_LOG).noquote() << i18n("There are %1 address books named \"%2\" in the CRM's resource; using the oldest (id %3).",
                                                          named.size(),
                                                          name,
                                                          named.constFirst().id());
            }
            return named.constFirst();
        }
    }
    if (!create) {
        return {};
    }
    Akonadi::Collection collection;
    collection.setParentCollection(parent);
    collection.setName(name);
    collection.setContentMimeTypes({KContacts::Addressee::mimeType()});
    auto job = new Akonadi::CollectionCreateJob(collection);
    if (!job->exec()) {
        m_error = i18n("Could not create the address book \"%1\": %2", name, job->errorString());
        return {};
    }
    return job->collection();
}

bool CrmCollections::fromResource(bool create)
{
    QString resource = ResourceSetup::findResource(contactsResourceType, resourceName());
    if (resource.isEmpty()) {
        if (!create) {
            return false;
        }
        resource = ResourceSetup::createResource(contactsResourceType, resourceName(), contactsSettings, defaultStoragePath(), &m_error);
        if (resource.isEmpty()) {
            return false;
        }
    }
    const Akonadi::Collection root = ResourceSetup::rootCollection(resource, &m_error);
    if (!root.isValid()) {
        return false;
    }
    m_counterparties = childNamed(root, counterpartiesFolder, create);
    m_employees = childNamed(root, employeesFolder, create);
    if (!m_counterparties.isValid() || !m_employees.isValid()) {
        return false;
    }
    remember();
    return true;
}

} // namespace Crm
