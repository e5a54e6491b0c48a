// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later

// Test helper: adds an akonadi_davgroupware_resource for a CalDAV/CardDAV
// account to the Akonadi of its environment, through the resource's own
// D-Bus settings (davgroupwareresource.kcfg), and points the CRM at the
// account's collections the way the settings module's Storage page does
// ([Collections] in kontactcrmrc).
//   davsetup URL USER COUNTERPARTIES EMPLOYEES CALENDAR
// URL is the account's home (where the calendars and address books are
// found); the last three are the display names of the two address books and
// the calendar. The password comes from the keychain (see fakekwallet).
// Prints "<resource identifier> <counterparties id> <employees id> <calendar id>".
// A separate program so that a test can set up a second Akonadi (another
// employee's machine) as well.

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
#include <QElapsedTimer>
#include <QTextStream>
#include <QThread>

using namespace Qt::Literals::StringLiterals;

namespace
{
int fail(const QString &message)
{
    QTextStream(stderr) << "davsetup: " << message << '\n';
    return 1;
}

bool call(QDBusInterface &iface, const QString &method, const QVariant &arg = {})
{
    const QDBusMessage reply = arg.isValid() ? iface.call(method, arg) : iface.call(method);
    if (reply.type() == QDBusMessage::ErrorMessage) {
        QTextStream(stderr) << "davsetup: " << method << ": " << reply.errorMessage() << '\n';
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
        return fail(u"usage: davsetup URL USER COUNTERPARTIES EMPLOYEES CALENDAR"_s);
    }
    const QString url = args.at(1);

    auto create = new Akonadi::AgentInstanceCreateJob(Akonadi::AgentManager::self()->type(u"akonadi_davgroupware_resource"_s));
    if (!create->exec()) {
        return fail(u"could not create the DAV resource: "_s + create->errorString());
    }
    Akonadi::AgentInstance instance = create->instance();
    const QString service = Akonadi::ServerManager::agentServiceName(Akonadi::ServerManager::Resource, instance.identifier());
    for (int i = 0; i < 100 && !QDBusConnection::sessionBus().interface()->isServiceRegistered(service); ++i) {
        QThread::msleep(100);
    }
    QDBusInterface settings(service, u"/Settings"_s, u"org.kde.Akonadi.davGroupware.Settings"_s);
    // Each URL is "user|protocol|url"; "$default$" stands for the default
    // user name, whose password the resource keeps in the keychain under
    // "<resource>,$default$" (Settings::loadPassword). Version 3 is the
    // current form of these settings: an older one would be converted at the
    // next start. The whole calendar is read, not only the last 3 months.
    const QStringList urls{u"$default$|CalDav|"_s + url, u"$default$|CardDav|"_s + url};
    if (!call(settings, u"setRemoteUrls"_s, urls) || !call(settings, u"setDefaultUsername"_s, args.at(2)) || !call(settings, u"setSettingsVersion"_s, 3)
        || !call(settings, u"setLimitSyncRange"_s, false) || !call(settings, u"setDisplayName"_s, u"Radicale"_s) || !call(settings, u"save"_s)) {
        return fail(u"could not configure the DAV resource"_s);
    }
    // Reads the settings again and synchronises.
    instance.reconfigure();

    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 60000) {
        auto sync = new Akonadi::ResourceSynchronizationJob(instance);
        sync->setCollectionTreeOnly(true);
        sync->exec();
        auto fetch = new Akonadi::CollectionFetchJob(Akonadi::Collection::root(), Akonadi::CollectionFetchJob::Recursive);
        fetch->fetchScope().setResource(instance.identifier());
        if (fetch->exec()) {
            const auto collections = fetch->collections();
            QList<Akonadi::Collection::Id> ids;
            for (int i = 3; i <= 5; ++i) {
                for (const Akonadi::Collection &c : collections) {
                    if (c.displayName() == args.at(i) && c.parentCollection() != Akonadi::Collection::root()) {
                        ids << c.id();
                        break;
                    }
                }
            }
            if (ids.size() == 3) {
                KConfigGroup group = KSharedConfig::openConfig(u"kontactcrmrc"_s)->group(u"Collections"_s);
                group.writeEntry("Counterparties", ids.at(0));
                group.writeEntry("Employees", ids.at(1));
                group.writeEntry("Calendar", ids.at(2));
                group.sync();
                QTextStream(stdout) << instance.identifier() << ' ' << ids.at(0) << ' ' << ids.at(1) << ' ' << ids.at(2) << '\n';
                return 0;
            }
        }
        QThread::msleep(500);
    }
    return fail(u"the collections %1, %2 and %3 did not appear in the DAV resource %4"_s.arg(args.at(3), args.at(4), args.at(5), instance.identifier()));
}
