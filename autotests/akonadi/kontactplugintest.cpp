// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "crmtestutils.h"

#include <Akonadi/Control>
#include <akonadi/qtest_akonadi.h>

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusReply>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QImage>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

/// End to end: Kontact under Xvfb, with this test's isolated Akonadi and the
/// sample data, loads the CRM plugin from the build tree; a phone number is
/// searched in another notation, its card opens with its people and its
/// timeline, and a screenshot is saved.
class KontactPluginTest : public QObject
{
    Q_OBJECT

private:
    QProcess xvfb;
    QProcess kontact;
    QString display;
    QElapsedTimer clock;

    static QString tool(const QString &name)
    {
        return QStandardPaths::findExecutable(name);
    }

    /// The CRM page of the running Kontact, on this test's session bus. Never
    /// starts Kontact through D-Bus activation: only the one this test started
    /// (with the build tree's plugins) may answer.
    static QVariant call(const QString &method, const QVariantList &args = {}, const QString &page = u"Counterparties"_s)
    {
        QDBusMessage message = QDBusMessage::createMethodCall(u"org.kde.kontact"_s, u"/CRM/"_s + page, u"org.kde.kontactcrm."_s + page, method);
        message.setArguments(args);
        message.setAutoStartService(false);
        const QDBusMessage reply = QDBusConnection::sessionBus().call(message, QDBus::Block, 5000);
        return reply.type() == QDBusMessage::ReplyMessage ? reply.arguments().value(0) : QVariant();
    }

    /// Takes a picture of the whole (virtual) screen, as the X server has it.
    bool screenshot(const QString &name)
    {
        QTest::qWait(1500); // let the window paint
        const QString shot = QStringLiteral(CRM_SCREENSHOT_DIR "/") + name;
        QDir().mkpath(QFileInfo(shot).absolutePath());
        QFile::remove(shot);
        QProcess import;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"DISPLAY"_s, display);
        import.setProcessEnvironment(env);
        import.start(tool(u"import"_s), {u"-window"_s, u"root"_s, shot});
        if (!import.waitForFinished(20000) || import.exitCode() != 0) {
            qWarning() << "import failed:" << import.readAllStandardError();
            return false;
        }
        const QImage image(shot);
        qInfo() << "screenshot:" << shot << image.size() << "after" << clock.elapsed() << "ms";
        return image.size() == QSize(1280, 800);
    }

    bool crmctl(const QStringList &args)
    {
        const auto run = CrmTest::crmctl(args, {{u"CRM_USER_EMAIL"_s, u"oksana@our-firm.example"_s}});
        if (run.exitCode != 0) {
            qWarning() << "crmctl" << args << "failed:" << run.err;
        }
        return run.exitCode == 0;
    }

private Q_SLOTS:
    void initTestCase()
    {
        AkonadiTest::checkTestIsIsolated();
        for (const QString &name : {u"Xvfb"_s, u"kontact"_s, u"import"_s}) {
            if (tool(name).isEmpty()) {
                QSKIP(qPrintable(name + u" is not installed"_s));
            }
        }
        // Kontact is unique on the session bus: one already there would take
        // this test's start and answer for an Akonadi instance not ours.
        QVERIFY2(!QDBusConnection::sessionBus().interface()->isServiceRegistered(u"org.kde.kontact"_s),
                 "another Kontact owns org.kde.kontact on this session bus");
        QVERIFY(Akonadi::Control::start());
        // GIVEN the sample data, with a held call and an overdue task on Сонях Агро
        QVERIFY(crmctl({u"counterparty"_s, u"import"_s, CrmTest::sampleFile("counterparties-ua.csv"), CrmTest::sampleFile("counterparties-en.vcf")}));
        QVERIFY(crmctl({u"employee"_s, u"import"_s, CrmTest::sampleFile("employees.vcf")}));
        QVERIFY(crmctl({u"interaction"_s,
                        u"add"_s,
                        u"--counterparty"_s,
                        u"32456711"_s,
                        u"--kind"_s,
                        u"call"_s,
                        u"--at=-3d"_s,
                        u"--person"_s,
                        u"Олена"_s,
                        u"--subject"_s,
                        u"Ціни на 2027 рік"_s,
                        u"--result"_s,
                        u"Погодили знижку 5%"_s}));
        QVERIFY(crmctl({u"task"_s, u"add"_s, u"--subject"_s, u"Надіслати рахунок"_s, u"--counterparty"_s, u"32456711"_s, u"--due=-1d"_s}));

        // A display of our own; the number only has to be free in this /tmp.
        const int number = 90 + int(QCoreApplication::applicationPid() % 400);
        display = u":%1"_s.arg(number);
        xvfb.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        xvfb.start(tool(u"Xvfb"_s), {display, u"-screen"_s, u"0"_s, u"1280x800x24"_s, u"-nolisten"_s, u"tcp"_s});
        QVERIFY(xvfb.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(u"/tmp/.X11-unix/X%1"_s.arg(number)), 10000);
    }

    void cleanupTestCase()
    {
        if (kontact.state() != QProcess::NotRunning) {
            kontact.terminate();
            if (!kontact.waitForFinished(5000)) {
                kontact.kill();
                kontact.waitForFinished();
            }
        }
        if (xvfb.state() != QProcess::NotRunning) {
            xvfb.terminate();
            xvfb.waitForFinished(5000);
        }
    }

    void shouldLoadThePluginAndOpenTheCardOfAPhoneNumber()
    {
        // WHEN Kontact starts on the CRM, with the plugin from the build tree
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"DISPLAY"_s, display);
        env.insert(u"QT_QPA_PLATFORM"_s, u"xcb"_s);
        env.insert(u"QT_PLUGIN_PATH"_s, QStringLiteral(CRM_PLUGIN_DIR));
        env.insert(u"QTWEBENGINE_DISABLE_SANDBOX"_s, u"1"_s); // root in a container
        env.insert(u"XDG_DATA_DIRS"_s, env.value(u"XDG_DATA_DIRS"_s, u"/usr/share"_s) + u":/usr/local/share:/usr/share"_s);
        // Qt's KDE theme with Breeze icons, as in a Plasma session.
        QFile kdeglobals(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + u"/kdeglobals"_s);
        QVERIFY(kdeglobals.open(QIODevice::WriteOnly));
        kdeglobals.write("[Icons]\nTheme=breeze\n");
        kdeglobals.close();
        // KMail is in the root for Kontact's summary page; with no mail
        // account its part would stop Kontact ("Invalid parent"). Switched off.
        QFile kontactrc(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + u"/kontactrc"_s);
        QVERIFY(kontactrc.open(QIODevice::WriteOnly));
        kontactrc.write("[Plugins]\nkontact_kmailpluginEnabled=false\n");
        kontactrc.close();
        env.insert(u"XDG_CURRENT_DESKTOP"_s, u"KDE"_s);
        env.insert(u"KDE_SESSION_VERSION"_s, u"6"_s);
        env.insert(u"QT_LOGGING_RULES"_s, u"*.debug=false;org.kde.pim.crm.plugin.debug=true"_s);
        kontact.setProcessEnvironment(env);
        kontact.setProcessChannelMode(QProcess::ForwardedChannels);
        clock.start();
        // No window manager under Xvfb: the window gets the whole screen itself.
        kontact.start(tool(u"kontact"_s), {u"--module"_s, u"kontact_crmplugin"_s, u"-qwindowgeometry"_s, u"1280x800+0+0"_s});
        QVERIFY(kontact.waitForStarted());

        // THEN its CRM page appears and lists the directory
        QTRY_VERIFY_WITH_TIMEOUT(call(u"isReady"_s).toBool(), 40000);
        const qint64 ready = clock.elapsed();
        // (the Kontact this test started, not one D-Bus activated)
        QCOMPARE(QDBusConnection::sessionBus().interface()->servicePid(u"org.kde.kontact"_s).value(), uint(kontact.processId()));
        QTRY_VERIFY(call(u"count"_s).toInt() >= 5);
        qInfo() << "the CRM page listed" << call(u"count"_s).toInt() << "counterparties" << call(u"firstListMs"_s).toInt() << "ms after it was created,"
                << ready << "ms after Kontact started";

        // WHEN the phone rings and the number is typed in another notation
        call(u"search"_s, {u"044 123-45-67"_s});
        // THEN one counterparty matches and its card opens, with its people and timeline
        QTRY_COMPARE(call(u"count"_s).toInt(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(call(u"cardTitle"_s).toString(), u"Сонях Агро"_s, 20000);
        QVERIFY(call(u"cardPersons"_s).toInt() >= 1);
        QTRY_VERIFY(call(u"cardTimelineRows"_s).toInt() >= 2);

        // AND a screenshot shows it
        QVERIFY(screenshot(u"kontact-crm-card.png"_s));

        // WHEN the search is cleared
        call(u"search"_s, {QString()});
        // THEN the whole list is back and the card stays open on its row
        QTRY_VERIFY(call(u"count"_s).toInt() >= 5);
        QCOMPARE(call(u"cardTitle"_s).toString(), u"Сонях Агро"_s);
        QVERIFY(screenshot(u"kontact-crm-list.png"_s));
        qInfo() << "done" << clock.elapsed() << "ms after Kontact started";
    }

    void shouldShowAnInteractionLoggedByCrmctlInTheJournalWithinASecond()
    {
        if (kontact.state() != QProcess::Running) {
            QSKIP("Kontact did not start");
        }
        // GIVEN the Interactions page, with the held call of the sample data
        call(u"showJournal"_s, {}, u"Interactions"_s);
        const auto journal = [] {
            return call(u"rows"_s, {}, u"Interactions"_s).toStringList().join(u'\n');
        };
        QTRY_VERIFY_WITH_TIMEOUT(journal().contains(u"Ціни на 2027 рік"_s), 20000);
        // WHEN crmctl (another process) plans a meeting
        QVERIFY(crmctl({u"interaction"_s,
                        u"add"_s,
                        u"--counterparty"_s,
                        u"32456711"_s,
                        u"--kind"_s,
                        u"meeting"_s,
                        u"--at=+2d"_s,
                        u"--subject"_s,
                        u"Підписання договору"_s}));
        QElapsedTimer shown;
        shown.start();
        // THEN the open journal shows it within a second, planned
        QTRY_VERIFY_WITH_TIMEOUT(journal().contains(u"Підписання договору"_s), 1000);
        qInfo() << "the journal showed crmctl's interaction" << shown.elapsed() << "ms after crmctl returned";
        QVERIFY(journal().contains(u"| Planned"_s));
    }

    void shouldImportAFileWithCrmctlsReport()
    {
        if (kontact.state() != QProcess::Running) {
            QFAIL("Kontact did not start");
        }
        // WHEN a file with good and broken records is imported in the import dialog
        call(u"importFiles"_s, {QStringList{CrmTest::dataFile("broken.csv")}}, u"Import"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!call(u"reportText"_s, {}, u"Import"_s).toString().isEmpty(), 30000);
        const QString report = call(u"reportText"_s, {}, u"Import"_s).toString();
        // THEN it shows what crmctl says: each bad record with its line, then the counts
        QVERIFY2(report.contains(u"broken.csv:3"_s) && report.contains(u"broken.csv:4"_s), qPrintable(report));
        QVERIFY2(report.contains(u"broken.csv: 2 created"_s), qPrintable(report));
        // AND the good records are in the list at once
        call(u"search"_s, {u"20112238"_s});
        QTRY_VERIFY_WITH_TIMEOUT(call(u"cardTitle"_s).toString().contains(u"Нова Зоря"_s), 20000);
    }
};

QTEST_AKONADIMAIN(KontactPluginTest)
#include "kontactplugintest.moc"
