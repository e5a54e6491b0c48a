// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "crmcollections.h"

#include "crmcore_debug.h"

#include <Akonadi/AgentInstanceCreateJob>
#include <Akonadi/AgentManager>
#include <Akonadi/CollectionCreateJob>
#include <Akonadi/CollectionFetchJob>
#include <Akonadi/CollectionFetchScope>
#include <Akonadi/ServerManager>
#include <KConfigGroup>
#include <KContacts/Addressee>
#include <KLocalizedString>
#include <KSharedConfig>

#include <QCoreApplication>
#include <QDBusInterface>
#include <QDBusReply>
#include <QDeadlineTimer>
#include <QDir>
#include <QStandardPaths>
#include <QThread>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

namespace
{
const QString contactsResourceType = u"akonadi_contacts_resource"_s;
const QString counterpartiesFolder = u"Counterparties"_s;
const QString employeesFolder = u"Employees"_s;

KConfigGroup configGroup()
{
    return KSharedConfig::openConfig(u"kontactcrmrc"_s)->group(u"Collections"_s);
}

Akonadi::Collection fetchCollection(Akonadi::Collection::Id id)
{
    if (id <= 0) {
        return {};
    }
    auto job = new Akonadi::CollectionFetchJob(Akonadi::Collection(id), Akonadi::CollectionFetchJob::Base);
    if (!job->exec() || job->collections().isEmpty()) {
        return {};
    }
    return job->collections().constFirst();
}

// Waiting for the resource process to come up and build its folder tree is
// inherently a poll: Akonadi signals nothing to a client that has no monitor.
void processEventsFor(int ms)
{
    QDeadlineTimer deadline(ms);
    while (!deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(10);
    }
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
    m_counterparties = fetchCollection(group.readEntry("Counterparties", Akonadi::Collection::Id(-1)));
    m_employees = fetchCollection(group.readEntry("Employees", Akonadi::Collection::Id(-1)));
    return m_counterparties.isValid() && m_employees.isValid();
}

void CrmCollections::remember()
{
    KConfigGroup group = configGroup();
    group.writeEntry("Counterparties", m_counterparties.id());
    group.writeEntry("Employees", m_employees.id());
    group.sync();
}

QString CrmCollections::findResource() const
{
    const auto instances = Akonadi::AgentManager::self()->instances();
    for (const Akonadi::AgentInstance &instance : instances) {
        if (instance.type().identifier() == contactsResourceType && instance.name() == resourceName()) {
            return instance.identifier();
        }
    }
    return {};
}

QString CrmCollections::createResource()
{
    const Akonadi::AgentType type = Akonadi::AgentManager::self()->type(contactsResourceType);
    if (!type.isValid()) {
        m_error = i18n("The Akonadi resource \"%1\" is not installed (package kdepim-runtime).", contactsResourceType);
        return {};
    }
    auto job = new Akonadi::AgentInstanceCreateJob(type);
    if (!job->exec()) {
        m_error = i18n("Could not create the CRM address book: %1", job->errorString());
        return {};
    }
    Akonadi::AgentInstance instance = job->instance();
    instance.setName(resourceName());

    // The resource reads its folder from its KConfigXT settings, exported on
    // D-Bus; set it before the first synchronisation.
    const QString path = defaultStoragePath();
    QDir().mkpath(path);
    const QString service = Akonadi::ServerManager::agentServiceName(Akonadi::ServerManager::Resource, instance.identifier());
    std::unique_ptr<QDBusInterface> settings;
    QDeadlineTimer deadline(15000);
    do {
        settings = std::make_unique<QDBusInterface>(service, u"/Settings"_s, u"org.kde.Akonadi.Contacts.Settings"_s);
        if (settings->isValid()) {
            break;
        }
        processEventsFor(50);
    } while (!deadline.hasExpired());
    if (!settings->isValid()) {
        m_error = i18n("The CRM address book resource \"%1\" did not start.", instance.identifier());
        return {};
    }
    settings->call(u"setPath"_s, path);
    settings->call(u"setIsConfigured"_s, true);
    settings->call(u"save"_s);
    instance.reconfigure();
    qCDebug(CRM_CORE_LOG) << "created resource" << instance.identifier() << "storing in" << path;
    return instance.identifier();
}

Akonadi::Collection CrmCollections::waitForRootCollection(const QString &resource)
{
    QDeadlineTimer deadline(30000);
    bool asked = false;
    while (!deadline.hasExpired()) {
        auto job = new Akonadi::CollectionFetchJob(Akonadi::Collection::root(), Akonadi::CollectionFetchJob::FirstLevel);
        job->fetchScope().setResource(resource);
        if (job->exec() && !job->collections().isEmpty()) {
            return job->collections().constFirst();
        }
        if (!asked) {
            Akonadi::AgentManager::self()->instance(resource).synchronizeCollectionTree();
            asked = true;
        }
        processEventsFor(100);
    }
    m_error = i18n("The CRM address book resource \"%1\" did not create its folder in time.", resource);
    return {};
}

Akonadi::Collection CrmCollections::childNamed(const Akonadi::Collection &parent, const QString &name, bool create)
{
    auto fetch = new Akonadi::CollectionFetchJob(parent, Akonadi::CollectionFetchJob::FirstLevel);
    if (fetch->exec()) {
        const auto children = fetch->collections();
        for (const Akonadi::Collection &c : children) {
            if (c.name() == name) {
                return c;
            }
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
    QString resource = findResource();
    if (resource.isEmpty()) {
        if (!create) {
            return false;
        }
        resource = createResource();
        if (resource.isEmpty()) {
            return false;
        }
    }
    const Akonadi::Collection root = waitForRootCollection(resource);
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
