// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "registersync.h"

#include "crmcore_debug.h"

#include <Akonadi/AgentManager>
#include <Akonadi/ServerManager>
#include <KLocalizedString>

#include <QDBusConnection>
#include <QDBusMessage>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

namespace
{
const QString resourceInterface = u"org.freedesktop.Akonadi.Resource"_s;
/// How often the job looks whether the resource went idle without a signal.
constexpr int checkMs = 2000;
/// After that many looks it gives up (two minutes).
constexpr int maxChecks = 60;
/// How many looks a resource asked to go online has to connect (half a minute).
constexpr int maxOnlineChecks = 15;
/// How long a resource that went offline or broke has to say why, or to come back.
constexpr int reasonWaitMs = 1000;
} // namespace

RegisterSyncJob::RegisterSyncJob(const Akonadi::Collection &registerFolder, QObject *parent)
    : KJob(parent)
    , m_folder(registerFolder)
{
}

bool RegisterSyncJob::isShared(const Akonadi::Collection &folder)
{
    if (folder.resource().isEmpty()) {
        return false;
    }
    const Akonadi::AgentInstance instance = Akonadi::AgentManager::self()->instance(folder.resource());
    return instance.isValid() && instance.type().identifier() != u"akonadi_maildir_resource"_s;
}

bool RegisterSyncJob::isOnServer(const Akonadi::Collection &collection)
{
    if (collection.resource().isEmpty()) {
        return false;
    }
    const Akonadi::AgentInstance instance = Akonadi::AgentManager::self()->instance(collection.resource());
    // The resources that keep their items in files of this machine.
    static const QStringList local{u"akonadi_contacts_resource"_s,
                                   u"akonadi_icaldir_resource"_s,
                                   u"akonadi_ical_resource"_s,
                                   u"akonadi_vcarddir_resource"_s,
                                   u"akonadi_vcard_resource"_s,
                                   u"akonadi_maildir_resource"_s};
    return instance.isValid() && !local.contains(instance.type().identifier());
}

void RegisterSyncJob::setDescription(const QString &what)
{
    m_description = what;
}

QString RegisterSyncJob::failure(const QString &resourceName, const QString &reason) const
{
    return m_description.isEmpty() ? i18n("Could not read the register's account %1 from its server: %2", resourceName, reason)
                                   : i18n("Could not read %1 from its server: %2", m_description, reason);
}

void RegisterSyncJob::setFresh(bool fresh)
{
    m_rounds = fresh ? 2 : 1;
}

void RegisterSyncJob::start()
{
    if (m_description.isEmpty() ? !isShared(m_folder) : !isOnServer(m_folder)) {
        QTimer::singleShot(0, this, [this] {
            emitResult();
        });
        return;
    }
    m_resource = m_folder.resource();
    Akonadi::AgentManager *agents = Akonadi::AgentManager::self();
    connect(agents, &Akonadi::AgentManager::instanceOnline, this, &RegisterSyncJob::instanceChanged);
    connect(agents, &Akonadi::AgentManager::instanceStatusChanged, this, &RegisterSyncJob::instanceChanged);
    m_timer = new QTimer(this);
    m_timer->setInterval(checkMs);
    connect(m_timer, &QTimer::timeout, this, &RegisterSyncJob::check);
    m_timer->start();
    Akonadi::AgentInstance instance = agents->instance(m_resource);
    if (!instance.isOnline()) {
        // Numbers cannot be agreed with the others, nor changes read, while
        // the server is out of reach. A resource that lost its connection
        // (an IMAP resource goes offline then, for minutes) is asked to
        // connect again now.
        qCInfo(CRM_CORE_LOG) << "asking" << m_resource << "to go online";
        m_waitingForOnline = true;
        instance.setIsOnline(true);
        return;
    }
    beginSync();
}

void RegisterSyncJob::beginSync()
{
    m_waitingForOnline = false;
    m_checks = 0;
    // Listened to before asking, on the same connection, so that a sync that
    // ends at once is not missed (Akonadi::ResourceSynchronizationJob asks
    // through akonadi_control and misses such an end, then waits 30 s).
    const QString service = Akonadi::ServerManager::agentServiceName(Akonadi::ServerManager::Resource, m_resource);
    QDBusConnection::sessionBus().connect(service, u"/"_s, resourceInterface, u"synchronized"_s, this, SLOT(resourceSynchronized()));
    request();
}

void RegisterSyncJob::instanceChanged(const Akonadi::AgentInstance &instance)
{
    if (m_done || instance.identifier() != m_resource) {
        return;
    }
    if (m_waitingForOnline && instance.isOnline()) {
        qCDebug(CRM_CORE_LOG) << m_resource << "is online";
        beginSync();
        return;
    }
    const bool lost = !m_waitingForOnline && !instance.isOnline();
    if ((lost || instance.status() == Akonadi::AgentInstance::Broken) && !m_failing) {
        // A resource says why it went offline in the status change that
        // follows, and one that lost its connection goes offline and online
        // again to reconnect: looked at again in a moment.
        m_failing = true;
        QTimer::singleShot(reasonWaitMs, this, &RegisterSyncJob::failUnlessBack);
    }
}

void RegisterSyncJob::failUnlessBack()
{
    m_failing = false;
    if (m_done) {
        return;
    }
    const Akonadi::AgentInstance instance = Akonadi::AgentManager::self()->instance(m_resource);
    if (instance.status() == Akonadi::AgentInstance::Broken || !instance.isOnline()) {
        fail(instance.statusMessage());
    }
}

void RegisterSyncJob::fail(const QString &reason)
{
    finish(reason.isEmpty() ? i18n("it is offline") : i18n("it is offline (%1)", reason));
}

void RegisterSyncJob::finish(const QString &why)
{
    m_done = true;
    m_timer->stop();
    setError(UserDefinedError);
    setErrorText(failure(Akonadi::AgentManager::self()->instance(m_resource).name(), why));
    emitResult();
}

void RegisterSyncJob::request()
{
    qCDebug(CRM_CORE_LOG) << "asking" << m_resource << "to synchronise";
    const QString service = Akonadi::ServerManager::agentServiceName(Akonadi::ServerManager::Resource, m_resource);
    QDBusConnection::sessionBus().send(QDBusMessage::createMethodCall(service, u"/"_s, resourceInterface, u"synchronize"_s));
}

void RegisterSyncJob::check()
{
    if (m_done) {
        return;
    }
    const Akonadi::AgentInstance instance = Akonadi::AgentManager::self()->instance(m_resource);
    if (m_waitingForOnline) {
        if (++m_checks > maxOnlineChecks) {
            fail(instance.statusMessage());
        }
        return;
    }
    // A sync already under way when asked ends with one signal, which may
    // have come before this job listened: ask again once the resource idles.
    if (++m_checks > maxChecks) {
        finish(i18n("no answer from its resource"));
        return;
    }
    if (instance.status() == Akonadi::AgentInstance::Idle) {
        qCDebug(CRM_CORE_LOG) << "asking" << m_resource << "again to synchronise: it is idle";
        request();
    }
}

void RegisterSyncJob::resourceSynchronized()
{
    if (m_done) {
        return;
    }
    // The first end heard may be of a synchronisation begun before this job
    // asked (its request merged into it); one asked for after that end
    // begins after it.
    if (--m_rounds > 0) {
        m_checks = 0;
        request();
        return;
    }
    m_done = true;
    m_timer->stop();
    qCDebug(CRM_CORE_LOG) << "synchronised the register's resource" << m_resource;
    emitResult();
}

} // namespace Crm
