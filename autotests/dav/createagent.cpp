// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later

// Test helper: creates an agent of the type given in the Akonadi of its
// environment and waits until it is on the bus, so that a test can start
// the reminder agent on a second Akonadi (another employee's machine).
//   createagent TYPE [PATH INTERFACE METHOD]
// With PATH, INTERFACE and METHOD it also waits until that D-Bus method of
// the agent answers true (the reminder agent's isReady).
// Prints the agent's identifier.

#include <Akonadi/AgentInstanceCreateJob>
#include <Akonadi/AgentManager>
#include <Akonadi/ServerManager>

#include <QCoreApplication>
#include <QDBusConnectionInterface>
#include <QDBusInterface>
#include <QDBusReply>
#include <QTextStream>
#include <QThread>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 2 && args.size() != 5) {
        QTextStream(stderr) << "usage: createagent TYPE [PATH INTERFACE METHOD]\n";
        return 2;
    }
    auto create = new Akonadi::AgentInstanceCreateJob(Akonadi::AgentManager::self()->type(app.arguments().at(1)));
    if (!create->exec()) {
        QTextStream(stderr) << "createagent: " << create->errorString() << '\n';
        return 1;
    }
    const QString identifier = create->instance().identifier();
    const QString service = Akonadi::ServerManager::agentServiceName(Akonadi::ServerManager::Agent, identifier);
    for (int i = 0; i < 300 && !QDBusConnection::sessionBus().interface()->isServiceRegistered(service); ++i) {
        QThread::msleep(100);
    }
    if (!QDBusConnection::sessionBus().interface()->isServiceRegistered(service)) {
        QTextStream(stderr) << "createagent: " << identifier << " did not come up\n";
        return 1;
    }
    if (args.size() == 5) {
        QDBusInterface iface(service, args.at(2), args.at(3));
        bool ready = false;
        for (int i = 0; i < 600 && !ready; ++i) {
            const QDBusReply<bool> reply = iface.call(args.at(4));
            ready = reply.isValid() && reply.value();
            if (!ready) {
                QThread::msleep(100);
            }
        }
        if (!ready) {
            QTextStream(stderr) << "createagent: " << identifier << " did not get ready\n";
            return 1;
        }
    }
    QTextStream(stdout) << identifier << '\n';
    return 0;
}
