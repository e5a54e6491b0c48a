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

#include <QCoreApplication>
#include <QDBusConnectionInterface>
#include <QDBusInterface>
#include <QDBusReply>
#include <QDBusServiceWatcher>
#include <QDir>
#include <QEventLoop>
#include <QTimer>

#include <functional>
#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace Crm::ResourceSetup
{

namespace
{
/// Runs an event loop until @p done says so, re-checking it whenever
/// @p sender emits @p signal, or until @p timeoutMs pass.
template<typename Sender, typename Signal>
bool waitFor(const Sender *sender, Signal signal, const std::function<bool()> &done, int timeoutMs)
{
    if (done()) {
        return true;
    }
    QEventLoop loop;
    bool reached = false;
    QObject::connect(sender, signal, &loop, [&] {
        if (done()) {
            reached = true;
            loop.quit();
        }
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return reached || done();
}
} // namespace

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

QString createResource(const QString &typeId, const QString &name, const QString &settingsInterface, const QString &path, QString *error)
{
    const Akonadi::AgentType type = Akonadi::AgentManager::self()->type(typeId);
    if (!type.isValid()) {
        *error = i18n("The Akonadi resource \"%1\" is not installed (package kdepim-runtime).", typeId);
        return {};
    }
    auto job = new Akonadi::AgentInstanceCreateJob(type);
    if (!job->exec()) {
        *error = i18n("Could not create the Akonadi resource \"%1\": %2", name, job->errorString());
        return {};
    }
    Akonadi::AgentInstance instance = job->instance();
    instance.setName(name);

    // The resource reads its folder from its KConfigXT settings, exported on
    // D-Bus; set it before the first synchronisation.
    QDir().mkpath(path);
    const QString service = Akonadi::ServerManager::agentServiceName(Akonadi::ServerManager::Resource, instance.identifier());
    // A resource serves D-Bus calls once its constructor, which exports
    // /Settings, has run: waiting for its service name is enough.
    if (!waitForResourceService(instance.identifier(), 15000)) {
        *error = i18n("The Akonadi resource \"%1\" did not start.", instance.identifier());
        return {};
    }
    auto settings = std::make_unique<QDBusInterface>(service, u"/Settings"_s, settingsInterface);
    if (!settings->isValid()) {
        *error = i18n("The Akonadi resource \"%1\" has no settings interface %2.", instance.identifier(), settingsInterface);
        return {};
    }
    settings->call(u"setPath"_s, path);
    settings->call(u"setIsConfigured"_s, true);
    settings->call(u"save"_s);
    instance.reconfigure();
    qCDebug(CRM_CORE_LOG) << "created resource" << instance.identifier() << "storing in" << path;
    return instance.identifier();
}

bool waitForResourceService(const QString &identifier, int timeoutMs)
{
    const QString service = Akonadi::ServerManager::agentServiceName(Akonadi::ServerManager::Resource, identifier);
    QDBusServiceWatcher watcher(service, QDBusConnection::sessionBus(), QDBusServiceWatcher::WatchForRegistration);
    return waitFor(
        &watcher,
        &QDBusServiceWatcher::serviceRegistered,
        [&service] {
            return QDBusConnection::sessionBus().interface()->isServiceRegistered(service).value();
        },
        timeoutMs);
}

Akonadi::Collection rootCollection(const QString &resource, QString *error)
{
    // Subscribed before the first look, so a folder the resource creates
    // right after it is not missed.
    Akonadi::Monitor monitor;
    monitor.setResourceMonitored(resource.toLatin1());
    monitor.setTypeMonitored(Akonadi::Monitor::Collections);
    QEventLoop ready;
    QObject::connect(&monitor, &Akonadi::Monitor::monitorReady, &ready, &QEventLoop::quit);
    QTimer::singleShot(5000, &ready, &QEventLoop::quit);
    ready.exec();

    Akonadi::Collection found;
    auto lookUp = [&found, &resource] {
        auto job = new Akonadi::CollectionFetchJob(Akonadi::Collection::root(), Akonadi::CollectionFetchJob::FirstLevel);
        job->fetchScope().setResource(resource);
        if (job->exec() && !job->collections().isEmpty()) {
            found = job->collections().constFirst();
        }
        return found.isValid();
    };
    if (lookUp()) {
        return found;
    }
    Akonadi::AgentManager::self()->instance(resource).synchronizeCollectionTree();
    if (waitFor(&monitor, &Akonadi::Monitor::collectionAdded, lookUp, 30000)) {
        return found;
    }
    *error = i18n("The Akonadi resource \"%1\" did not create its folder in time.", resource);
    return {};
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

void collectFinishedJobs()
{
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

} // namespace Crm::ResourceSetup
