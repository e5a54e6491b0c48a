// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "akonadi/resourcesetup.h"
#include "crmtestutils.h"
#include "vcard/vcardmapping.h"

#include <Akonadi/AgentManager>
#include <Akonadi/CollectionFetchJob>
#include <Akonadi/Control>
#include <Akonadi/ServerManager>
#include <akonadi/qtest_akonadi.h>

#include <QDBusInterface>
#include <QDBusReply>
#include <QDir>
#include <QProcess>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

/// Several crmctl processes at once, and imports repeated: every record is
/// stored once, and the CRM has one resource of each kind.
class ConcurrentImportTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_files;

    /// Counterparties round-R-first .. round-R-last, each with a tax code,
    /// so a duplicate is easy to count.
    QString writeCsv(const QString &name, int round, int first, int last)
    {
        QList<int> numbers;
        for (int i = first; i <= last; ++i) {
            numbers << i;
        }
        return writeCsv(name, round, numbers);
    }

    QString writeCsv(const QString &name, int round, const QList<int> &numbers)
    {
        const QString path = m_files.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            return {};
        }
        file.write("Найменування;Код ЄДРПОУ;Телефон;Примітка\n");
        for (const int i : numbers) {
            const QString code = QString::number(round * 100000 + i).rightJustified(10, u'0');
            file.write(u"ТОВ «Тест %1-%2»;%3;+380 44 %4;round %1\n"_s.arg(round).arg(i).arg(code).arg(1000000 + i).toUtf8());
        }
        return path;
    }

    /// Starts crmctl with @p args; the caller waits.
    static std::unique_ptr<QProcess> start(const QStringList &args)
    {
        auto process = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"CRM_USER_EMAIL"_s, u"olena@firm.example"_s);
        env.insert(u"CRM_NOW"_s, u"2026-12-01T12:00:00Z"_s);
        process->setProcessEnvironment(env);
        process->start(QStringLiteral(CRMCTL_PATH), args);
        return process;
    }

    static bool finish(QProcess &process)
    {
        if (!process.waitForFinished(120000)) {
            process.kill();
            return false;
        }
        const QByteArray err = process.readAllStandardError();
        if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
            qWarning() << "crmctl failed:" << process.exitCode() << err.left(2000);
            return false;
        }
        return true;
    }

    /// Runs the commands at the same moment, waits for all of them.
    static bool runTogether(const QList<QStringList> &commands)
    {
        std::vector<std::unique_ptr<QProcess>> processes;
        for (const QStringList &args : commands) {
            processes.push_back(start(args));
        }
        bool ok = true;
        for (auto &p : processes) {
            ok = finish(*p) && ok;
        }
        return ok;
    }

    static QDBusInterface &agentManager()
    {
        // The server's own list: AgentManager::self() in this process learns
        // of instances other processes create only later, from signals.
        static QDBusInterface manager(Akonadi::ServerManager::serviceName(Akonadi::ServerManager::Control),
                                      u"/AgentManager"_s,
                                      u"org.freedesktop.Akonadi.AgentManager"_s);
        return manager;
    }

    static QStringList crmResources(const QString &type)
    {
        QStringList out;
        const QStringList instances = QDBusReply<QStringList>(agentManager().call(u"agentInstances"_s)).value();
        for (const QString &id : instances) {
            if (QDBusReply<QString>(agentManager().call(u"agentInstanceType"_s, id)).value() == type
                && QDBusReply<QString>(agentManager().call(u"agentInstanceName"_s, id)).value() == u"Kontact CRM"_s) {
                out << id;
            }
        }
        return out;
    }

    /// How many stored counterparties carry each note ("round N") and tax
    /// code, over every "Counterparties" address book there is.
    static QMap<QString, int> countsByTaxCode(const QString &note)
    {
        QMap<QString, int> counts;
        auto collections = new Akonadi::CollectionFetchJob(Akonadi::Collection::root(), Akonadi::CollectionFetchJob::Recursive);
        if (!collections->exec()) {
            return counts;
        }
        const auto all = collections->collections();
        for (const Akonadi::Collection &c : all) {
            if (c.name() != u"Counterparties"_s) {
                continue;
            }
            auto job = new Akonadi::ItemFetchJob(c);
            job->fetchScope().fetchFullPayload();
            if (!job->exec()) {
                continue;
            }
            const auto items = job->items();
            for (const Akonadi::Item &item : items) {
                if (!item.hasPayload<KContacts::Addressee>()) {
                    continue;
                }
                const Crm::Counterparty c = Crm::VCardMapping::counterpartyFrom(item.payload<KContacts::Addressee>());
                if (c.note == note) {
                    ++counts[c.taxCode + u'|' + c.name];
                }
            }
        }
        return counts;
    }

    static int duplicates(const QMap<QString, int> &counts)
    {
        int n = 0;
        for (const int c : counts) {
            n += c - 1;
        }
        return n;
    }

    /// Back to before first use: no CRM resources, no remembered ids.
    static void forgetTheCrm()
    {
        for (const QString &type : {u"akonadi_contacts_resource"_s, u"akonadi_icaldir_resource"_s}) {
            const auto instances = crmResources(type);
            for (const QString &id : instances) {
                agentManager().call(u"removeAgentInstance"_s, id);
            }
        }
        QTRY_VERIFY_WITH_TIMEOUT(crmResources(u"akonadi_contacts_resource"_s).isEmpty() && crmResources(u"akonadi_icaldir_resource"_s).isEmpty(), 20000);
        QFile::remove(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + u"/kontactcrmrc"_s);
        QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/kontact-crm"_s).removeRecursively();
    }

private Q_SLOTS:
    void initTestCase()
    {
        AkonadiTest::checkTestIsIsolated();
        QVERIFY(Akonadi::Control::start());
        QVERIFY(m_files.isValid());
    }

    void shouldCreateOneResourceWhenTwoProcessesStartAtOnce()
    {
        for (int round = 1; round <= 3; ++round) {
            // GIVEN a user who never used the CRM
            forgetTheCrm();
            const QString file = writeCsv(u"first-use.csv"_s, round, 1, 20);
            // WHEN two imports and two new tasks start at the same moment
            QVERIFY(runTogether({{u"counterparty"_s, u"import"_s, file},
                                 {u"counterparty"_s, u"import"_s, file},
                                 {u"task"_s, u"add"_s, u"Call the bank"_s},
                                 {u"task"_s, u"add"_s, u"Call the bank"_s}}));
            // THEN there is one address book resource and one calendar resource
            qInfo() << "round" << round << "resources" << crmResources(u"akonadi_contacts_resource"_s) << crmResources(u"akonadi_icaldir_resource"_s);
            QCOMPARE(crmResources(u"akonadi_contacts_resource"_s).size(), 1);
            QCOMPARE(crmResources(u"akonadi_icaldir_resource"_s).size(), 1);
            // AND every record is there once
            const auto counts = countsByTaxCode(u"round %1"_s.arg(round));
            QCOMPARE(counts.size(), 20);
            QCOMPARE(duplicates(counts), 0);
        }
    }

    void shouldUseTheOldestOfTwoResourcesLeftByAnOlderVersionAndSaySo()
    {
        // GIVEN two "Kontact CRM" address book resources, as older versions could leave
        forgetTheCrm();
        const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
        auto create1 = new Crm::ResourceSetup::CreateResourceJob(u"akonadi_contacts_resource"_s,
                                                                 u"Kontact CRM"_s,
                                                                 u"org.kde.Akonadi.Contacts.Settings"_s,
                                                                 base + u"/old-crm-1"_s);
        QVERIFY2(create1->exec(), qPrintable(create1->errorString()));
        const QString older = create1->identifier();
        auto create2 = new Crm::ResourceSetup::CreateResourceJob(u"akonadi_contacts_resource"_s,
                                                                 u"Kontact CRM"_s,
                                                                 u"org.kde.Akonadi.Contacts.Settings"_s,
                                                                 base + u"/old-crm-2"_s);
        QVERIFY2(create2->exec(), qPrintable(create2->errorString()));
        const QString newer = create2->identifier();
        QTRY_COMPARE_WITH_TIMEOUT(crmResources(u"akonadi_contacts_resource"_s).size(), 2, 20000);
        const QString file = writeCsv(u"two-resources.csv"_s, 5, 1, 5);
        for (int run = 0; run < 2; ++run) {
            // WHEN crmctl starts (twice, with what it remembers forgotten in between)
            QFile::remove(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + u"/kontactcrmrc"_s);
            const CrmTest::CrmctlRun result = CrmTest::crmctl({u"counterparty"_s, u"import"_s, file});
            QVERIFY2(result.exitCode == 0, qPrintable(result.err));
            // THEN it says which one it uses
            QVERIFY2(result.err.contains(u"There are 2 Akonadi resources"_s) && result.err.contains(older), qPrintable(result.err));
        }
        // AND both runs used the older one: every record once, under it
        const auto counts = countsByTaxCode(u"round 5"_s);
        QCOMPARE(counts.size(), 5);
        QCOMPARE(duplicates(counts), 0);
        auto collections = new Akonadi::CollectionFetchJob(Akonadi::Collection::root(), Akonadi::CollectionFetchJob::Recursive);
        QVERIFY(collections->exec());
        const auto all = collections->collections();
        for (const Akonadi::Collection &c : all) {
            if (c.name() == u"Counterparties"_s) {
                QCOMPARE(c.resource(), older);
            }
        }
    }

    void shouldGiveAResourceItsFolderAgainWhenItsFirstStartLostIt()
    {
        // GIVEN a maildir resource made for a folder
        const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
        const QString folder = base + u"/lost-folder"_s;
        for (const char *sub : {"cur", "new", "tmp"}) {
            QVERIFY(QDir().mkpath(folder + u'/' + QLatin1StringView(sub)));
        }
        const QString settingsInterface = u"org.kde.Akonadi.Maildir.Settings"_s;
        auto create = new Crm::ResourceSetup::CreateResourceJob(u"akonadi_maildir_resource"_s, u"Lost folder"_s, settingsInterface, folder);
        QVERIFY2(create->exec(), qPrintable(create->errorString()));
        const QString resource = create->identifier();
        const auto removeIt = qScopeGuard([resource] {
            Akonadi::AgentManager::self()->removeInstance(Akonadi::AgentManager::self()->instance(resource));
        });
        // AND its first start wrote its default path over it, as a busy
        // machine showed
        QDBusInterface settings(Akonadi::ServerManager::agentServiceName(Akonadi::ServerManager::Resource, resource), u"/Settings"_s, settingsInterface);
        QVERIFY(settings.isValid());
        settings.call(u"setPath"_s, base + u"/somewhere-else"_s);
        settings.call(u"save"_s);
        Akonadi::AgentManager::self()->instance(resource).reconfigure();
        auto elsewhere = new Crm::ResourceSetup::RootCollectionJob(resource);
        // (the same race may hit this step too: a busy machine failed it)
        elsewhere->setExpectedPath(base + u"/somewhere-else"_s, settingsInterface);
        QVERIFY2(elsewhere->exec(), qPrintable(elsewhere->errorString()));
        // WHEN the CRM waits for the folder it made the resource for
        auto root = new Crm::ResourceSetup::RootCollectionJob(resource);
        root->setExpectedPath(folder, settingsInterface);
        // THEN it gets it (without setting the path again it waits 90 s in vain)
        QVERIFY2(root->exec(), qPrintable(root->errorString()));
        QCOMPARE(QDir::cleanPath(root->collection().remoteId()), QDir::cleanPath(folder));
        const QDBusReply<QString> path = settings.call(u"path"_s);
        QCOMPARE(path.value(), folder);
    }

    void shouldStoreOverlappingFilesImportedAtOnceOnce()
    {
        int total = 0;
        for (int round = 11; round <= 13; ++round) {
            // GIVEN two files that share a third of their records, in the
            // middle of each: whichever starts first has not written them
            // yet when the other one looks (that is what makes the race likely)
            QList<int> first;
            QList<int> second;
            for (int i = 1; i <= 900; ++i) {
                first << i;
            }
            for (int i = 901; i <= 1200; ++i) {
                second << i;
            }
            for (int i = 301; i <= 600; ++i) {
                second << i;
            }
            for (int i = 1201; i <= 1500; ++i) {
                second << i;
            }
            const QString a = writeCsv(u"a.csv"_s, round, first);
            const QString b = writeCsv(u"b.csv"_s, round, second);
            // WHEN both are imported at the same moment
            QVERIFY(runTogether({{u"counterparty"_s, u"import"_s, a}, {u"counterparty"_s, u"import"_s, b}}));
            // THEN every record is stored once
            const auto counts = countsByTaxCode(u"round %1"_s.arg(round));
            QCOMPARE(counts.size(), 1500);
            qInfo() << "round" << round << "duplicates" << duplicates(counts);
            total += duplicates(counts);
        }
        QCOMPARE(total, 0);
    }

    void shouldStoreTheSameFileImportedTwiceAtOnceOnce()
    {
        int total = 0;
        for (int round = 21; round <= 23; ++round) {
            const QString file = writeCsv(u"same.csv"_s, round, 1, 600);
            QVERIFY(runTogether({{u"counterparty"_s, u"import"_s, file}, {u"counterparty"_s, u"import"_s, file}}));
            const auto counts = countsByTaxCode(u"round %1"_s.arg(round));
            QCOMPARE(counts.size(), 600);
            qInfo() << "round" << round << "duplicates" << duplicates(counts);
            total += duplicates(counts);
        }
        QCOMPARE(total, 0);
    }

    void shouldNotAddRecordsWithoutKeysAgainOnReimport()
    {
        // GIVEN counterparties and employees with no UID, tax code or e-mail
        const QString counterparties = m_files.filePath(u"keyless.csv"_s);
        QFile file(counterparties);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            "Name;Phone;Note\n"
            "Keyless Bakery;+380 44 555 01 01;keyless\n"
            "Keyless Bakery;+380 44 555 02 02;keyless\n" // same name, another phone: another bakery
            "Keyless Mill;;keyless\n");
        file.close();
        const QString employees = m_files.filePath(u"keyless-staff.csv"_s);
        QFile staff(employees);
        QVERIFY(staff.open(QIODevice::WriteOnly));
        staff.write(
            "Name;Position;Phone\n"
            "Petro Keyless;Driver;+380 67 555 03 03\n");
        staff.close();
        for (int run = 0; run < 3; ++run) {
            // WHEN they are imported again and again
            CrmTest::CrmctlRun result = CrmTest::crmctl({u"counterparty"_s, u"import"_s, counterparties});
            QVERIFY2(result.exitCode == 0, qPrintable(result.err));
            if (run > 0) {
                QVERIFY2(result.out.contains(u"0 created"_s), qPrintable(result.out));
            }
            result = CrmTest::crmctl({u"employee"_s, u"import"_s, employees});
            QVERIFY2(result.exitCode == 0, qPrintable(result.err));
            if (run > 0) {
                QVERIFY2(result.out.contains(u"0 created"_s), qPrintable(result.out));
            }
        }
        // THEN each is stored once
        const auto counts = countsByTaxCode(u"keyless"_s);
        QCOMPARE(counts.value(u"|Keyless Bakery"_s), 2);
        QCOMPARE(counts.value(u"|Keyless Mill"_s), 1);
        const CrmTest::CrmctlRun list = CrmTest::crmctl({u"employee"_s, u"list"_s});
        QCOMPARE(list.out.count(u"Petro Keyless"_s), 1);
    }
};

QTEST_AKONADIMAIN(ConcurrentImportTest)

#include "concurrentimporttest.moc"
