// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "resourcesetup.h"

#include "crmcore_debug.h"

#include <Akonadi/AgentInstanceCreateJob>
#include <Akonadi/AgentManager>
#include <Akonadi/CollectionFetchJob>
#include <Akonadi/CollectionFetchScope>
#include <Akonadi/Monitor>
#include <Akonadi/ServerManager>
#include <KLocalizedString>

#include <QDBusConnectionInterface>
#include <QDBusInterface>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusReply>
#include <QDBusServiceWatcher>
#include <QDir>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace Crm::ResourceSetup
{

QString setupLockName()
{
    return u"setup"_s;
}

QString findResource(const QString &typeId, const QString &name)
{
    // AgentManager::self() learns of instances other processes create only
    // from D-Bus signals this process may not have handled yet; ask the
    // server's agent manager itself.
    QDBusInterface manager(Akonadi::ServerManager::serviceName(Akonadi::ServerManager::Control), u"/AgentManager"_s, u"org.freedesktop.Akonadi.AgentManager"_s);
    QStringList found;
    const QDBusReply<QStringList> instances = manager.call(u"agentInstances"_s);
    if (instances.isValid()) {
        for (const QString &id : instances.value()) {
            if (QDBusReply<QString>(manager.call(u"agentInstanceType"_s, id)).value() == typeId
                && QDBusReply<QString>(manager.call(u"agentInstanceName"_s, id)).value() == name) {
                found << id;
            }
        }
    } else {
        qCWarning(CRM_CORE_LOG) << "cannot ask the Akonadi agent manager:" << instances.error().message();
        const auto known = Akonadi::AgentManager::self()->instances();
        for (const Akonadi::AgentInstance &instance : known) {
            if (instance.type().identifier() == typeId && instance.name() == name) {
                found << instance.identifier();
            }
        }
    }
    if (found.isEmpty()) {
        return {};
    }
    // The oldest is the one with the lowest number ("…_resource_2" before "…_resource_10").
    auto number = [](const QString &id) {
        return id.mid(id.lastIndexOf(u'_') + 1).toInt();
    };
    std::sort(found.begin(), found.end(), [&number](const QString &a, const QString &b) {
        return number(a) != number(b) ? number(a) < number(b) : a < b;
    });
    if (found.size() > 1) {
        qCWarning(CRM_CORE_LOG).noquote() << i18n(
            "There are %1 Akonadi resources named \"%2\" (%3); using %4. Move what the others hold into it and remove them in the Akonadi settings.",
            found.size(),
            name,
            found.join(u", "_s),
            found.constFirst());
    }
    return found.constFirst();
}

CreateResourceJob::CreateResourceJob(const QString &typeId, const QString &name, const QString &settingsInterface, const QString &path, QObject *parent)
    : KJob(parent)
    , m_typeId(typeId)
    , m_name(name)
    , m_settingsInterface(settingsInterface)
    , m_path(path)
{
}

QString CreateResourceJob::identifier() const
{
    return m_identifier;
}

QString CreateResourceJob::settingsInterface() const
{
    return m_settingsInterface;
}

void CreateResourceJob::start()
{
    const Akonadi::AgentType type = Akonadi::AgentManager::self()->type(m_typeId);
    if (!type.isValid()) {
        setError(UserDefinedError);
        setErrorText(i18n("The Akonadi resource \"%1\" is not installed (package kdepim-runtime).", m_typeId));
        QTimer::singleShot(0, this, [this] {
            emitResult();
        });
        return;
    }
    auto job = new Akonadi::AgentInstanceCreateJob(type, this);
    connect(job, &KJob::result, this, [this, job] {
        if (job->error()) {
            setError(UserDefinedError);
            setErrorText(i18n("Could not create the Akonadi resource \"%1\": %2", m_name, job->errorString()));
            emitResult();
            return;
        }
        Akonadi::AgentInstance instance = job->instance();
        instance.setName(m_name);
        m_identifier = instance.identifier();
        // A resource serves D-Bus calls once its constructor, which exports
        // /Settings, has run: its service name appearing is the signal.
        const QString service = Akonadi::ServerManager::agentServiceName(Akonadi::ServerManager::Resource, m_identifier);
        if (QDBusConnection::sessionBus().interface()->isServiceRegistered(service).value()) {
            configure();
            return;
        }
        auto watcher = new QDBusServiceWatcher(service, QDBusConnection::sessionBus(), QDBusServiceWatcher::WatchForRegistration, this);
        auto timeout = new QTimer(this);
        timeout->setSingleShot(true);
        connect(watcher, &QDBusServiceWatcher::serviceRegistered, this, [this, watcher, timeout] {
            watcher->deleteLater();
            timeout->stop();
            configure();
        });
        connect(timeout, &QTimer::timeout, this, [this, watcher] {
            watcher->deleteLater();
            setError(UserDefinedError);
            setErrorText(i18n("The Akonadi resource \"%1\" did not start.", m_identifier));
            emitResult();
        });
        timeout->start(15000);
    });
    job->start();
}

void CreateResourceJob::configure()
{
    // The resource reads its folder from its KConfigXT settings, exported on
    // D-Bus; set it before the first synchronisation.
    QDir().mkpath(m_path);
    const QString service = Akonadi::ServerManager::agentServiceName(Akonadi::ServerManager::Resource, m_identifier);
    QDBusInterface settings(service, u"/Settings"_s, m_settingsInterface);
    if (!settings.isValid()) {
        setError(UserDefinedError);
        setErrorText(i18n("The Akonadi resource \"%1\" has no settings interface %2.", m_identifier, m_settingsInterface));
        emitResult();
        return;
    }
    settings.call(u"setPath"_s, m_path);
    settings.call(u"setIsConfigured"_s, true);
    settings.call(u"save"_s);
    Akonadi::AgentManager::self()->instance(m_identifier).reconfigure();
    qCDebug(CRM_CORE_LOG) << "created resource" << m_identifier << "storing in" << m_path;
    emitResult();
}

RootCollectionJob::RootCollectionJob(const QString &resource, QObject *parent)
    : KJob(parent)
    , m_resource(resource)
{
}

void RootCollectionJob::setExpectedPath(const QString &path, const QString &settingsInterface)
{
    m_expectedPath = QDir::cleanPath(path);
    m_settingsInterface = settingsInterface;
}

void RootCollectionJob::restorePath()
{
    // A maildir resource's first start may write its default settings over
    // the path set a moment before (a race inside the resource, seen on a
    // busy machine): its folder then never comes. Asked without blocking.
    if (m_expectedPath.isEmpty() || m_settingsInterface.isEmpty()) {
        return;
    }
    const QString service = Akonadi::ServerManager::agentServiceName(Akonadi::ServerManager::Resource, m_resource);
    const QDBusMessage ask = QDBusMessage::createMethodCall(service, u"/Settings"_s, m_settingsInterface, u"path"_s);
    auto watcher = new QDBusPendingCallWatcher(QDBusConnection::sessionBus().asyncCall(ask), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, service, watcher] {
        watcher->deleteLater();
        const QDBusPendingReply<QString> path = *watcher;
        if (m_answered || path.isError() || QDir::cleanPath(path.value()) == m_expectedPath) {
            return;
        }
        qCWarning(CRM_CORE_LOG) << "resource" << m_resource << "stores in" << path.value() << "instead of" << m_expectedPath << "- setting its folder again";
        for (const auto &[method, args] : {std::pair{u"setPath"_s, QVariantList{m_expectedPath}}, std::pair{u"save"_s, QVariantList{}}}) {
            QDBusMessage call = QDBusMessage::createMethodCall(service, u"/Settings"_s, m_settingsInterface, method);
            call.setArguments(args);
            QDBusConnection::sessionBus().asyncCall(call);
        }
        Akonadi::AgentManager::self()->instance(m_resource).reconfigure();
        m_synchronising = false;
    });
}

Akonadi::Collection RootCollectionJob::collection() const
{
    return m_collection;
}

void RootCollectionJob::start()
{
    // Subscribed before the first look, so a folder the resource creates
    // right after it is not missed.
    auto monitor = new Akonadi::Monitor(this);
    monitor->setResourceMonitored(m_resource.toLatin1());
    monitor->setTypeMonitored(Akonadi::Monitor::Collections);
    connect(monitor, &Akonadi::Monitor::monitorReady, this, &RootCollectionJob::lookUp);
    connect(monitor, &Akonadi::Monitor::collectionAdded, this, &RootCollectionJob::lookUp);
    // An older server may not say when the monitor is ready, and a
    // resource still starting (a busy machine) misses the request to
    // synchronise: look again, and ask again, every few seconds.
    auto again = new QTimer(this);
    connect(again, &QTimer::timeout, this, [this] {
        m_synchronising = false;
        restorePath();
        lookUp();
    });
    again->start(5000);
    QTimer::singleShot(90000, this, [this] {
        if (m_answered) {
            return;
        }
        m_answered = true;
        setError(UserDefinedError);
        setErrorText(i18n("The Akonadi resource \"%1\" did not create its folder in time.", m_resource));
        emitResult();
    });
}

void RootCollectionJob::lookUp()
{
    auto job = new Akonadi::CollectionFetchJob(Akonadi::Collection::root(), Akonadi::CollectionFetchJob::FirstLevel, this);
    job->fetchScope().setResource(m_resource);
    connect(job, &KJob::result, this, [this, job] {
        if (m_answered) {
            return;
        }
        Akonadi::Collection::List found = job->error() ? Akonadi::Collection::List() : job->collections();
        if (!m_expectedPath.isEmpty()) {
            found.removeIf([this](const Akonadi::Collection &c) {
                return QDir::cleanPath(c.remoteId()) != m_expectedPath;
            });
        }
        if (!found.isEmpty()) {
            m_answered = true;
            m_collection = found.constFirst();
            emitResult();
            return;
        }
        if (!m_synchronising) {
            m_synchronising = true;
            Akonadi::AgentManager::self()->instance(m_resource).synchronizeCollectionTree();
        }
    });
}

} // namespace Crm::ResourceSetup
