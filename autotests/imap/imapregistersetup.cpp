// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later

// Test helper: adds an akonadi_imap_resource for an account on a test IMAP
// server (no TLS, clear-text login) to the Akonadi of its environment, and
// points the CRM's register at one of the account's folders the way the
// settings module does ([Collections] Register in kontactcrmrc).
//   imapregistersetup HOST PORT USER PASSWORD FOLDER
// Prints "<resource identifier> <collection id>". A separate program so that
// a test can set up a second Akonadi (another employee's machine) as well.

#include <Akonadi/AgentInstanceCreateJob>
#include <Akonadi/AgentManager>
#include <Akonadi/CollectionFetchJob>
#include <Akonadi/CollectionFetchScope>
#include <Akonadi/ResourceSynchronizationJob>
#include <Akonadi/ServerManager>
#include <KConfigGroup>
#include <KSharedConfig>

#include <QCoreApplication>
#include <QDBusConnectionInterface>
#include <QDBusInterface>
#include <QDBusReply>
#include <QElapsedTimer>
#include <QTextStream>
#include <QThread>

using namespace Qt::Literals::StringLiterals;

namespace
{
int fail(const QString &message)
{
    QTextStream(stderr) << "imapregistersetup: " << message << '\n';
    return 1;
}

bool call(QDBusInterface &iface, const QString &method, const QVariant &arg = {})
{
    const QDBusMessage reply = arg.isValid() ? iface.call(method, arg) : iface.call(method);
    if (reply.type() == QDBusMessage::ErrorMessage) {
        QTextStream(stderr) << "imapregistersetup: " << method << ": " << reply.errorMessage() << '\n';
        return false;
    }
    return true;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 6) {
        return fail(u"usage: imapregistersetup HOST PORT USER PASSWORD FOLDER"_s);
    }
    const QString folder = args.at(5);

    auto create = new Akonadi::AgentInstanceCreateJob(Akonadi::AgentManager::self()->type(u"akonadi_imap_resource"_s));
    if (!create->exec()) {
        return fail(u"could not create the IMAP resource: "_s + create->errorString());
    }
    Akonadi::AgentInstance instance = create->instance();
    const QString service = Akonadi::ServerManager::agentServiceName(Akonadi::ServerManager::Resource, instance.identifier());
    for (int i = 0; i < 100 && !QDBusConnection::sessionBus().interface()->isServiceRegistered(service); ++i) {
        QThread::msleep(100);
    }
    QDBusInterface settings(service, u"/Settings"_s, u"org.kde.Akonadi.Imap.Settings"_s);
    QDBusInterface wallet(service, u"/Settings"_s, u"org.kde.Akonadi.Imap.Wallet"_s);
    // The resource's own settings (imapresource.kcfg): Safety "None" is
    // plain IMAP, Authentication 7 is MailTransport's CLEAR (IMAP LOGIN).
    if (!call(settings, u"setImapServer"_s, args.at(1)) || !call(settings, u"setImapPort"_s, args.at(2).toInt())
        || !call(settings, u"setUserName"_s, args.at(3)) || !call(settings, u"setSafety"_s, u"None"_s) || !call(settings, u"setAuthentication"_s, 7)
        || !call(settings, u"setSubscriptionEnabled"_s, false) || !call(settings, u"save"_s)) {
        return fail(u"could not configure the IMAP resource"_s);
    }
    // Kept by the resource in the keychain (the test's fakekwallet).
    if (!call(wallet, u"setPassword"_s, args.at(4))) {
        return fail(u"could not give the IMAP resource its password"_s);
    }
    QElapsedTimer timer;
    timer.start();
    qint64 lastReconnect = 0;
    while (timer.elapsed() < 90000) {
        // A connection attempt begun before the settings were complete can
        // leave the resource waiting on it (seen on a loaded machine, the
        // server's log showing no login after it): connected anew, the
        // password read back from the keychain.
        if (timer.elapsed() - lastReconnect > 20000) {
            if (lastReconnect > 0) {
                QTextStream(stderr) << "imapregistersetup: no folders yet after " << timer.elapsed() / 1000 << " s; connecting again\n";
                instance.setIsOnline(false);
            }
            instance.setIsOnline(true);
            lastReconnect = timer.elapsed();
        }
        auto sync = new Akonadi::ResourceSynchronizationJob(instance);
        sync->setCollectionTreeOnly(true);
        sync->exec();
        auto fetch = new Akonadi::CollectionFetchJob(Akonadi::Collection::root(), Akonadi::CollectionFetchJob::Recursive);
        fetch->fetchScope().setResource(instance.identifier());
        if (fetch->exec()) {
            const auto collections = fetch->collections();
            // The account's top folder is the resource's root collection.
            Akonadi::Collection::Id top = -1;
            for (const Akonadi::Collection &c : collections) {
                if (c.parentCollection() == Akonadi::Collection::root()) {
                    top = c.id();
                }
            }
            for (const Akonadi::Collection &c : collections) {
                if (c.name() == folder && c.parentCollection().id() == top) {
                    KConfigGroup group = KSharedConfig::openConfig(u"kontactcrmrc"_s)->group(u"Collections"_s);
                    group.writeEntry("Register", c.id());
                    group.sync();
                    QTextStream(stdout) << instance.identifier() << ' ' << c.id() << '\n';
                    return 0;
                }
            }
        }
        QThread::msleep(500);
    }
    return fail(u"the folder %1 did not appear in the IMAP resource %2"_s.arg(folder, instance.identifier()));
}
