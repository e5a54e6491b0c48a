// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "crmtestutils.h"
#include "radicaleserver.h"

#include <Akonadi/AgentManager>
#include <Akonadi/Control>
#include <akonadi/qtest_akonadi.h>

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>
#include <sys/prctl.h>

using namespace Qt::Literals::StringLiterals;

/// Two employees, two machines, one CalDAV/CardDAV account: the test's own
/// Akonadi is Оксана's (A), a second Akonadi with its own session bus and
/// folders (autotests/akonadi/second-akonadi.sh) is Дмитро's (B), each with
/// its own DAV groupware resource on the same Radicale. A gives B a task; B
/// finds it among his, moves it through the cycle; A sees each move with who
/// made it. Both plan a contact with the same counterparty; each card shows
/// both.
class DavTeamTest : public QObject
{
    Q_OBJECT

private:
    CrmTest::RadicaleServer m_dav;
    QProcess m_wallet;
    QProcess m_notesA;
    QProcess m_machineB;
    // A short folder: the second machine's runtime folder holds the KIO
    // sockets of its DAV resource, whose paths have a length limit.
    QTemporaryDir m_homeB{u"/tmp/crmb-XXXXXX"_s};
    int m_commandsB = 0;
    QString m_taskUid;
    QString m_resourceA;

    static const QMap<QString, QString> &envA()
    {
        static const QMap<QString, QString> env{{u"CRM_NOW"_s, u"2026-11-26T12:00:00Z"_s}, {u"CRM_USER_EMAIL"_s, u"oksana@our-firm.example"_s}};
        return env;
    }

    static CrmTest::CrmctlRun onA(const QStringList &args)
    {
        const auto run = CrmTest::crmctl(args, envA());
        if (run.exitCode != 0) {
            qWarning().noquote() << "A:" << args << run.err;
        }
        return run;
    }

    static QString quoted(const QString &arg)
    {
        return u"'"_s + QString(arg).replace(u"'"_s, u"'\\''"_s) + u"'"_s;
    }

    /// Runs crmctl with @p args on the second machine, as Дмитро.
    CrmTest::CrmctlRun onB(const QStringList &args)
    {
        QStringList words{QStringLiteral(CRMCTL_PATH)};
        for (const QString &a : args) {
            words << quoted(a);
        }
        return onBShell(words.join(u' '), args);
    }

    /// Runs the shell command @p line on the second machine.
    CrmTest::CrmctlRun onBShell(const QString &line, const QStringList &args = {})
    {
        const int n = ++m_commandsB;
        QFile command(m_homeB.filePath(u"cmd.%1"_s.arg(n)));
        if (!command.open(QIODevice::WriteOnly) || command.write(line.toUtf8() + '\n') < 0) {
            return {};
        }
        command.close();
        const QString rc = m_homeB.filePath(u"rc.%1"_s.arg(n));
        QElapsedTimer timer;
        timer.start();
        while (!QFile::exists(rc) && timer.elapsed() < 120000 && m_machineB.state() == QProcess::Running) {
            QTest::qWait(50);
        }
        auto read = [this, n](const char *name) {
            QFile f(m_homeB.filePath(QLatin1StringView(name) + u".%1"_s.arg(n)));
            return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
        };
        if (!QFile::exists(rc)) {
            return {};
        }
        CrmTest::CrmctlRun run{read("rc").trimmed().toInt(), read("out"), read("err")};
        if (run.exitCode != 0) {
            qWarning().noquote() << "B:" << (args.isEmpty() ? QStringList{line} : args) << run.err;
        }
        return run;
    }

    static QJsonDocument json(const CrmTest::CrmctlRun &run)
    {
        return QJsonDocument::fromJson(run.out.toUtf8());
    }

    static QStringList timelineTitles(const QJsonDocument &card)
    {
        QStringList out;
        const QJsonArray timeline = card.object().value(u"timeline"_s).toArray();
        for (const QJsonValue &v : timeline) {
            out << v.toObject().value(u"title"_s).toString();
        }
        return out;
    }

    /// What a machine's notification service received, one "title | text" a line.
    QStringList notes(const QString &machine) const
    {
        QFile file(m_homeB.filePath(u"notes-"_s + machine));
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts) : QStringList();
    }

    static QStringList reminderAgentArgs()
    {
        return {u"akonadi_kontactcrm_reminders_agent"_s, u"/Reminders"_s, u"org.kde.kontactcrm.Reminders"_s, u"isReady"_s};
    }

    QStringList setupArgs() const
    {
        return {m_dav.homeUrl(), m_dav.user(), u"Counterparties"_s, u"Employees"_s, u"Kontact CRM"_s};
    }

private Q_SLOTS:
    void initTestCase()
    {
        AkonadiTest::checkTestIsIsolated();
        QVERIFY(Akonadi::Control::start());
        QVERIFY(m_homeB.isValid());
        // GIVEN the firm's DAV account
        QString error;
        QVERIFY2(m_dav.start(&error), qPrintable(error));
        QVERIFY2(m_dav.makeAddressBook(u"counterparties"_s, u"Counterparties"_s, &error), qPrintable(error));
        QVERIFY2(m_dav.makeAddressBook(u"employees"_s, u"Employees"_s, &error), qPrintable(error));
        QVERIFY2(m_dav.makeCalendar(u"crm"_s, u"Kontact CRM"_s, &error), qPrintable(error));
        // AND Оксана's machine on it, with the directory and the employees
        QVERIFY(CrmTest::startFakeWallet(m_wallet, QStringLiteral(FAKEKWALLET_PATH), m_dav.password()));
        QProcess setup;
        setup.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        setup.start(QStringLiteral(DAVSETUP_PATH), setupArgs());
        QVERIFY(setup.waitForFinished(90000));
        QVERIFY2(setup.exitCode() == 0, qPrintable(m_dav.log()));
        m_resourceA = QString::fromUtf8(setup.readAllStandardOutput()).section(u' ', 0, 0);
        QCOMPARE(onA({u"counterparty"_s, u"import"_s, CrmTest::sampleFile("counterparties-ua.csv")}).exitCode, 0);
        QCOMPARE(onA({u"employee"_s, u"import"_s, CrmTest::sampleFile("employees.vcf")}).exitCode, 0);
        // AND her reminder agent, announcing on her notification service
        m_notesA.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_notesA.start(QStringLiteral(NOTIFICATIONRECORDER_PATH), {m_homeB.filePath(u"notes-a"_s)});
        QVERIFY(m_notesA.waitForReadyRead(10000));
        QProcess agent;
        agent.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        agent.start(QStringLiteral(CREATEAGENT_PATH), reminderAgentArgs());
        QVERIFY(agent.waitForFinished(90000));
        QCOMPARE(agent.exitCode(), 0);
        // AND Дмитро's machine: its own Akonadi, its own wallet and DAV resource
        // on the same account; it runs what the test leaves in its folder
        QString script =
            u"set -e\n"
            "@WALLET@ @PASSWORD@ > \"$HOME_B/wallet.out\" &\n"
            "wallet=$!\n"
            "while ! grep -q ready \"$HOME_B/wallet.out\"; do sleep 0.05; done\n"
            "@SETUP@ @ARGS@ > /dev/null\n"
            "@RECORDER@ \"$HOME_B/notes-b\" > \"$HOME_B/recorder.out\" &\n"
            "recorder=$!\n"
            "while ! grep -q ready \"$HOME_B/recorder.out\"; do sleep 0.05; done\n"
            "@AGENT@ @AGENTARGS@ > /dev/null\n"
            "touch \"$HOME_B/ready\"\n"
            "n=1\n"
            "while true; do\n"
            "  while [ ! -e \"$HOME_B/cmd.$n\" ]; do sleep 0.05; done\n"
            "  if [ \"$(cat \"$HOME_B/cmd.$n\")\" = quit ]; then break; fi\n"
            "  set +e\n"
            "  bash \"$HOME_B/cmd.$n\" > \"$HOME_B/out.$n\" 2> \"$HOME_B/err.$n\"\n"
            "  echo $? > \"$HOME_B/rc.$n.part\"\n"
            "  set -e\n"
            "  mv \"$HOME_B/rc.$n.part\" \"$HOME_B/rc.$n\"\n"
            "  n=$((n+1))\n"
            "done\n"
            "kill $wallet $recorder\n"_s;
        QStringList args;
        for (const QString &a : setupArgs()) {
            args << quoted(a);
        }
        script.replace(u"@WALLET@"_s, QStringLiteral(FAKEKWALLET_PATH))
            .replace(u"@PASSWORD@"_s, m_dav.password())
            .replace(u"@SETUP@"_s, QStringLiteral(DAVSETUP_PATH))
            .replace(u"@ARGS@"_s, args.join(u' '))
            .replace(u"@RECORDER@"_s, QStringLiteral(NOTIFICATIONRECORDER_PATH))
            .replace(u"@AGENT@"_s, QStringLiteral(CREATEAGENT_PATH))
            .replace(u"@AGENTARGS@"_s, reminderAgentArgs().join(u' '));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"HOME_B"_s, m_homeB.path());
        // He is Дмитро, for crmctl and for his reminder agent (also in his
        // identities), at the same "now" as her machine.
        env.insert(u"CRM_USER_EMAIL"_s, u"dmytro@our-firm.example"_s);
        env.insert(u"CRM_NOW"_s, u"2026-11-26T12:00:00Z"_s);
        QDir().mkpath(m_homeB.filePath(u"machine/config"_s));
        QFile identities(m_homeB.filePath(u"machine/config/emailidentities"_s));
        QVERIFY(identities.open(QIODevice::WriteOnly));
        identities.write(
            "[General]\nDefault Identity=2001\n\n[Identity #0]\nIdentity=Work\nName=Дмитро\n"
            "Email Address=dmytro@our-firm.example\nuoid=2001\n");
        identities.close();
        // QtKeychain asks KWallet (the stand-in) first only on Plasma.
        env.insert(u"XDG_CURRENT_DESKTOP"_s, u"KDE"_s);
        env.insert(u"KDE_SESSION_VERSION"_s, u"6"_s);
        m_machineB.setProcessEnvironment(env);
        m_machineB.setProcessChannelMode(QProcess::ForwardedChannels);
        m_machineB.setChildProcessModifier([] {
            prctl(PR_SET_PDEATHSIG, SIGTERM);
        });
        m_machineB.start(QStringLiteral(SECOND_AKONADI_PATH), {m_homeB.filePath(u"machine"_s), u"bash"_s, u"-c"_s, script});
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(m_homeB.filePath(u"ready"_s)) || m_machineB.state() == QProcess::NotRunning, 120000);
        QVERIFY2(QFile::exists(m_homeB.filePath(u"ready"_s)), "the second machine did not get ready");
        // AND it has read the directory from the server
        QCOMPARE(onB({u"store"_s, u"sync"_s}).exitCode, 0);
        QVERIFY(onB({u"card"_s, u"32456711"_s}).out.contains(u"Сонях Агро"_s));
    }

    void cleanupTestCase()
    {
        if (m_machineB.state() == QProcess::Running) {
            QFile quit(m_homeB.filePath(u"cmd.%1"_s.arg(m_commandsB + 1)));
            if (quit.open(QIODevice::WriteOnly)) {
                quit.write("quit");
                quit.close();
            }
            if (!m_machineB.waitForFinished(60000)) {
                m_machineB.kill();
                m_machineB.waitForFinished(5000);
            }
        }
        m_dav.stop();
        m_wallet.kill();
        m_wallet.waitForFinished(5000);
        m_notesA.kill();
        m_notesA.waitForFinished(5000);
    }

    void shouldGiveATaskToAColleagueWhoMovesItThroughTheCycle()
    {
        // WHEN Оксана gives Дмитро a task
        const QJsonObject task = json(onA({u"task"_s,
                                           u"add"_s,
                                           u"--json"_s,
                                           u"--subject"_s,
                                           u"Підготувати пропозицію, ціни"_s,
                                           u"--counterparty"_s,
                                           u"Сонях"_s,
                                           u"--responsible"_s,
                                           u"dmytro@our-firm.example"_s,
                                           u"--due"_s,
                                           u"2026-12-01 17:00"_s}))
                                     .object();
        m_taskUid = task.value(u"uid"_s).toString();
        QVERIFY(!m_taskUid.isEmpty());
        // THEN it is among Дмитро's tasks on his machine, and not among hers
        QCOMPARE(onB({u"store"_s, u"sync"_s}).exitCode, 0);
        const QJsonArray mine = json(onB({u"task"_s, u"list"_s, u"--mine"_s, u"--json"_s})).array();
        QStringList uids;
        for (const QJsonValue &v : mine) {
            uids << v.toObject().value(u"uid"_s).toString();
        }
        QVERIFY2(uids.contains(m_taskUid), qPrintable(uids.join(u", "_s)));
        // AND his reminder agent announces it to him; hers says nothing of it
        QTRY_VERIFY2_WITH_TIMEOUT(notes(u"b"_s).contains(u"New task for you | Підготувати пропозицію, ціни"_s), qPrintable(notes(u"b"_s).join(u"; "_s)), 30000);
        const QJsonArray hers = json(onA({u"task"_s, u"list"_s, u"--mine"_s, u"--json"_s})).array();
        for (const QJsonValue &v : hers) {
            QVERIFY(v.toObject().value(u"uid"_s).toString() != m_taskUid);
        }
        // WHEN he accepts it and starts on it
        QCOMPARE(onB({u"task"_s, u"move"_s, m_taskUid, u"accepted"_s, u"--note"_s, u"беру, до п'ятниці"_s}).exitCode, 0);
        QCOMPARE(onB({u"task"_s, u"move"_s, m_taskUid, u"in-progress"_s}).exitCode, 0);
        // THEN Оксана sees the state and each move with who made it
        QCOMPARE(onA({u"store"_s, u"sync"_s}).exitCode, 0);
        const QJsonObject shown = json(onA({u"task"_s, u"show"_s, m_taskUid, u"--json"_s})).object();
        QCOMPARE(shown.value(u"state"_s).toString(), u"in-progress"_s);
        QStringList moves;
        const QJsonArray history = shown.value(u"history"_s).toArray();
        for (const QJsonValue &v : history) {
            const QJsonObject o = v.toObject();
            moves << o.value(u"to"_s).toString() + u" by "_s + o.value(u"by"_s).toString() + u" "_s + o.value(u"note"_s).toString();
        }
        // AND her agent announced nothing of his task, his nothing twice
        QVERIFY2(notes(u"a"_s).filter(u"Підготувати пропозицію"_s).isEmpty(), qPrintable(notes(u"a"_s).join(u"; "_s)));
        QCOMPARE(notes(u"b"_s).count(u"New task for you | Підготувати пропозицію, ціни"_s), 1);
        QCOMPARE(moves,
                 (QStringList{u"new by oksana@our-firm.example "_s,
                              u"accepted by dmytro@our-firm.example беру, до п'ятниці"_s,
                              u"in-progress by dmytro@our-firm.example "_s}));

        // WHEN he gives her a task
        const QJsonObject back = json(onB({u"task"_s,
                                           u"add"_s,
                                           u"--json"_s,
                                           u"--subject"_s,
                                           u"Перевірити рахунок"_s,
                                           u"--counterparty"_s,
                                           u"Сонях"_s,
                                           u"--responsible"_s,
                                           u"oksana@our-firm.example"_s,
                                           u"--due"_s,
                                           u"2026-12-02 12:00"_s}))
                                     .object();
        QVERIFY(!back.value(u"uid"_s).toString().isEmpty());
        // THEN her agent announces it to her, his does not
        QCOMPARE(onA({u"store"_s, u"sync"_s}).exitCode, 0);
        QTRY_VERIFY2_WITH_TIMEOUT(notes(u"a"_s).contains(u"New task for you | Перевірити рахунок"_s), qPrintable(notes(u"a"_s).join(u"; "_s)), 30000);
        QVERIFY2(notes(u"b"_s).filter(u"Перевірити рахунок"_s).isEmpty(), qPrintable(notes(u"b"_s).join(u"; "_s)));
    }

    void shouldShowBothEmployeesContactsOnEachCard()
    {
        // WHEN each plans a contact with the same counterparty on their machine
        QCOMPARE(onA({u"interaction"_s,
                      u"add"_s,
                      u"--counterparty"_s,
                      u"Сонях"_s,
                      u"--kind"_s,
                      u"meeting"_s,
                      u"--at"_s,
                      u"2026-12-02 10:00"_s,
                      u"--subject"_s,
                      u"Зустріч Оксани"_s})
                     .exitCode,
                 0);
        QCOMPARE(onB({u"interaction"_s,
                      u"add"_s,
                      u"--counterparty"_s,
                      u"Сонях"_s,
                      u"--kind"_s,
                      u"call"_s,
                      u"--at"_s,
                      u"2026-12-03 11:00"_s,
                      u"--subject"_s,
                      u"Дзвінок Дмитра"_s})
                     .exitCode,
                 0);
        // THEN after a sync both are on the counterparty's card on each machine
        QCOMPARE(onA({u"store"_s, u"sync"_s}).exitCode, 0);
        QCOMPARE(onB({u"store"_s, u"sync"_s}).exitCode, 0);
        for (const QJsonDocument &card :
             {json(onA({u"card"_s, u"32456711"_s, u"--json"_s, u"--all"_s})), json(onB({u"card"_s, u"32456711"_s, u"--json"_s, u"--all"_s}))}) {
            const QStringList titles = timelineTitles(card);
            QVERIFY2(titles.filter(u"Зустріч Оксани"_s).size() == 1 && titles.filter(u"Дзвінок Дмитра"_s).size() == 1, qPrintable(titles.join(u"\n"_s)));
        }
    }

    /// A task she gives him, on both machines; its UID.
    QString givenTask(const QString &subject)
    {
        const QString uid = json(onA({u"task"_s,
                                      u"add"_s,
                                      u"--json"_s,
                                      u"--subject"_s,
                                      subject,
                                      u"--counterparty"_s,
                                      u"Сонях"_s,
                                      u"--responsible"_s,
                                      u"dmytro@our-firm.example"_s,
                                      u"--due"_s,
                                      u"2026-12-01 17:00"_s}))
                                .object()
                                .value(u"uid"_s)
                                .toString();
        if (!uid.isEmpty() && onB({u"store"_s, u"sync"_s}).exitCode != 0) {
            return {};
        }
        return uid;
    }

    /// Both machines' DAV accounts offline (@p online false) or online.
    bool setBothOnline(bool online)
    {
        Akonadi::AgentManager::self()->instance(m_resourceA).setIsOnline(online);
        const QString line =
            u"dbus-send --session --print-reply --dest=org.freedesktop.Akonadi.Control /AgentManager "
            "org.freedesktop.Akonadi.AgentManager.setAgentInstanceOnline string:akonadi_davgroupware_resource_0 boolean:%1"_s;
        return onBShell(line.arg(online ? u"true"_s : u"false"_s)).exitCode == 0;
    }

    /// She comes online and syncs first, then he (whose resource then meets
    /// her newer copy on the server), then she reads what he sent. His sync's run.
    CrmTest::CrmctlRun comeOnlineSheFirst()
    {
        Akonadi::AgentManager::self()->instance(m_resourceA).setIsOnline(true);
        if (onA({u"store"_s, u"sync"_s}).exitCode != 0) {
            return {};
        }
        if (!setBothOnline(true)) {
            return {};
        }
        const CrmTest::CrmctlRun his = onB({u"store"_s, u"sync"_s});
        if (onA({u"store"_s, u"sync"_s}).exitCode != 0) {
            return {};
        }
        return his;
    }

    void shouldKeepBothHistoriesWhenBothMovedATaskOffline()
    {
        // GIVEN a task she gave him, on both machines
        const QString uid = givenTask(u"Офлайн"_s);
        QVERIFY(!uid.isEmpty());
        // AND both machines offline
        QVERIFY(setBothOnline(false));
        // WHEN she accepts it for him, then he accepts it and starts on it
        QElapsedTimer offline;
        offline.start();
        const CrmTest::CrmctlRun hers = onA({u"task"_s, u"move"_s, uid, u"accepted"_s, u"--note"_s, u"від Оксани"_s});
        const CrmTest::CrmctlRun his1 = onB({u"task"_s, u"move"_s, uid, u"accepted"_s, u"--note"_s, u"від Дмитра"_s});
        const CrmTest::CrmctlRun his2 = onB({u"task"_s, u"move"_s, uid, u"in-progress"_s});
        // THEN each is stored at once, and crmctl says the account sends it when it connects
        for (const CrmTest::CrmctlRun &run : {hers, his1, his2}) {
            QCOMPARE(run.exitCode, 0);
            QVERIFY2(run.err.contains(u"Radicale"_s) && run.err.contains(u"offline"_s), qPrintable(run.err));
        }
        // (Each waited 30 s, CRM_WRITE_STALL_MS, and exited 1 before.)
        QVERIFY2(offline.elapsed() < 20000, qPrintable(QString::number(offline.elapsed())));
        // AND both come online again, she first: his resource meets her
        // newer copy on the server, puts it in his Akonadi and drops his
        // moves (kdepim-runtime's DAV resource); his sync merges them back
        // (his sync or his reminder agent, whichever comes first, merges;
        // the other finds nothing left)
        const CrmTest::CrmctlRun his = comeOnlineSheFirst();
        QCOMPARE(his.exitCode, 0);
        QTRY_VERIFY2_WITH_TIMEOUT(toldHim(his, u"merged back"_s, u"Офлайн"_s), qPrintable(his.err + notes(u"b"_s).join(u"; "_s)), 30000);
        // THEN both see every move, none twice, and the later state
        for (const QJsonDocument &shown : {json(onA({u"task"_s, u"show"_s, uid, u"--json"_s})), json(onB({u"task"_s, u"show"_s, uid, u"--json"_s}))}) {
            QStringList moves;
            const QJsonArray history = shown.object().value(u"history"_s).toArray();
            for (const QJsonValue &v : history) {
                moves << v.toObject().value(u"to"_s).toString() + u" by "_s + v.toObject().value(u"by"_s).toString() + u" "_s
                        + v.toObject().value(u"note"_s).toString();
            }
            QCOMPARE(moves,
                     (QStringList{u"new by oksana@our-firm.example "_s,
                                  u"accepted by oksana@our-firm.example від Оксани"_s,
                                  u"accepted by dmytro@our-firm.example від Дмитра"_s,
                                  u"in-progress by dmytro@our-firm.example "_s}));
            QCOMPARE(shown.object().value(u"state"_s).toString(), u"in-progress"_s);
            QVERIFY(shown.object().value(u"conflicts"_s).toArray().isEmpty());
        }
        // AND nothing is left to merge on either machine
        QCOMPARE(json(onB({u"store"_s, u"sync"_s, u"--json"_s})).object().value(u"tasksMerged"_s).toArray().size(), 0);
        QCOMPARE(json(onB({u"store"_s, u"sync"_s, u"--json"_s})).object().value(u"taskChangesPending"_s).toInt(-1), 0);
    }

    void shouldReportADeadlineBothChangedOffline()
    {
        // GIVEN a task on both machines, both offline
        const QString uid = givenTask(u"Два терміни"_s);
        QVERIFY(!uid.isEmpty());
        QVERIFY(setBothOnline(false));
        // WHEN she moves the deadline to the 5th, he to the 6th
        QCOMPARE(onA({u"task"_s, u"edit"_s, uid, u"--due"_s, u"2026-12-05 12:00"_s}).exitCode, 0);
        QCOMPARE(onB({u"task"_s, u"edit"_s, uid, u"--due"_s, u"2026-12-06 12:00"_s}).exitCode, 0);
        // AND both come online, she first
        const CrmTest::CrmctlRun his = comeOnlineSheFirst();
        // THEN his sync (or his reminder agent) says both values and who set each
        QCOMPARE(his.exitCode, 0);
        auto toldBoth = [&](const QString &said) {
            return said.contains(u"conflict"_s, Qt::CaseInsensitive) && said.contains(u"oksana@our-firm.example"_s)
                && said.contains(u"dmytro@our-firm.example"_s) && said.contains(u"2026-12-05"_s) && said.contains(u"2026-12-06"_s);
        };
        QTRY_VERIFY2_WITH_TIMEOUT(toldBoth(his.err) || !notes(u"b"_s).filter(u"Два терміни"_s).filter(u"Conflicting task changes"_s).isEmpty(),
                                  qPrintable(his.err + notes(u"b"_s).join(u"; "_s)),
                                  30000);
        if (!toldBoth(his.err)) {
            QVERIFY2(toldBoth(notes(u"b"_s).filter(u"Два терміни"_s).join(u' ')), qPrintable(notes(u"b"_s).join(u"; "_s)));
        }
        // AND on both machines the task keeps her deadline (the server's) and both values
        for (const QJsonDocument &shown : {json(onA({u"task"_s, u"show"_s, uid, u"--json"_s})), json(onB({u"task"_s, u"show"_s, uid, u"--json"_s}))}) {
            const QJsonObject task = shown.object();
            QVERIFY2(task.value(u"due"_s).toString().startsWith(u"2026-12-05"_s), qPrintable(task.value(u"due"_s).toString()));
            const QJsonArray conflicts = task.value(u"conflicts"_s).toArray();
            QCOMPARE(conflicts.size(), 1);
            const QJsonObject c = conflicts.at(0).toObject();
            QCOMPARE(c.value(u"field"_s).toString(), u"due"_s);
            QVERIFY(c.value(u"kept"_s).toString().startsWith(u"2026-12-05"_s));
            QCOMPARE(c.value(u"keptBy"_s).toString(), u"oksana@our-firm.example"_s);
            QVERIFY(c.value(u"lost"_s).toString().startsWith(u"2026-12-06"_s));
            QCOMPARE(c.value(u"lostBy"_s).toString(), u"dmytro@our-firm.example"_s);
        }
        // AND "task show" names the conflict
        QVERIFY(onA({u"task"_s, u"show"_s, uid}).out.contains(u"dmytro@our-firm.example"_s));
        // WHEN he settles it by setting the deadline again
        QCOMPARE(onB({u"task"_s, u"edit"_s, uid, u"--due"_s, u"2026-12-06 12:00"_s}).exitCode, 0);
        QCOMPARE(onA({u"store"_s, u"sync"_s}).exitCode, 0);
        // THEN the conflict is gone on her machine too
        const QJsonObject settled = json(onA({u"task"_s, u"show"_s, uid, u"--json"_s})).object();
        QVERIFY(settled.value(u"conflicts"_s).toArray().isEmpty());
        QVERIFY(settled.value(u"due"_s).toString().startsWith(u"2026-12-06"_s));
    }

    /// Whether @p his sync said @p what, or his reminder agent said it of the task @p subject.
    bool toldHim(const CrmTest::CrmctlRun &his, const QString &what, const QString &subject) const
    {
        return his.err.contains(what) || !notes(u"b"_s).filter(subject).filter(what).isEmpty();
    }

    /// The moves of @p uid as "state by who note", from `task show --json`.
    static QStringList movesOf(const QJsonDocument &shown)
    {
        QStringList moves;
        const QJsonArray history = shown.object().value(u"history"_s).toArray();
        for (const QJsonValue &v : history) {
            moves << v.toObject().value(u"to"_s).toString() + u" by "_s + v.toObject().value(u"by"_s).toString() + u" "_s
                    + v.toObject().value(u"note"_s).toString();
        }
        return moves;
    }

    void shouldMergeOfflineChangesWithoutAStoreSync()
    {
        // GIVEN a task on both machines, both offline
        const QString uid = givenTask(u"Без синхронізації"_s);
        QVERIFY(!uid.isEmpty());
        QVERIFY(setBothOnline(false));
        // WHEN she accepts it for him and sets the deadline to the 5th; he
        // accepts it, starts on it and sets the deadline to the 6th
        QCOMPARE(onA({u"task"_s, u"move"_s, uid, u"accepted"_s, u"--note"_s, u"від Оксани"_s}).exitCode, 0);
        QCOMPARE(onA({u"task"_s, u"edit"_s, uid, u"--due"_s, u"2026-12-05 12:00"_s}).exitCode, 0);
        QCOMPARE(onB({u"task"_s, u"move"_s, uid, u"accepted"_s, u"--note"_s, u"від Дмитра"_s}).exitCode, 0);
        QCOMPARE(onB({u"task"_s, u"move"_s, uid, u"in-progress"_s}).exitCode, 0);
        QCOMPARE(onB({u"task"_s, u"edit"_s, uid, u"--due"_s, u"2026-12-06 12:00"_s}).exitCode, 0);
        // AND she comes online and sends hers, then his machine comes online
        // and nobody runs `crmctl store sync` there: his resource meets her
        // copy on the server, puts it in his Akonadi and drops his changes
        Akonadi::AgentManager::self()->instance(m_resourceA).setIsOnline(true);
        QCOMPARE(onA({u"store"_s, u"sync"_s}).exitCode, 0);
        QVERIFY(setBothOnline(true));
        // THEN his reminder agent merges his moves back, keeps her deadline
        // (the server's) with the conflict on the task, and tells him both
        const QStringList expected{u"new by oksana@our-firm.example "_s,
                                   u"accepted by oksana@our-firm.example від Оксани"_s,
                                   u"accepted by dmytro@our-firm.example від Дмитра"_s,
                                   u"in-progress by dmytro@our-firm.example "_s};
        QJsonDocument his;
        QTRY_VERIFY2_WITH_TIMEOUT((his = json(onB({u"task"_s, u"show"_s, uid, u"--json"_s})), movesOf(his) == expected),
                                  qPrintable(movesOf(his).join(u"; "_s)),
                                  60000);
        QCOMPARE(his.object().value(u"state"_s).toString(), u"in-progress"_s);
        QVERIFY2(his.object().value(u"due"_s).toString().startsWith(u"2026-12-05"_s), qPrintable(his.object().value(u"due"_s).toString()));
        QCOMPARE(his.object().value(u"conflicts"_s).toArray().size(), 1);
        QTRY_VERIFY2_WITH_TIMEOUT(notes(u"b"_s).filter(u"Conflicting task changes | "_s).filter(u"Без синхронізації"_s).size() == 1,
                                  qPrintable(notes(u"b"_s).join(u"; "_s)),
                                  30000);
        QVERIFY2(
            notes(u"b"_s).contains(u"Task changes merged | \"Без синхронізації\": changes made here while the server had a newer copy were merged back."_s),
            qPrintable(notes(u"b"_s).join(u"; "_s)));
        // AND the merge reaches her machine through the server
        QTRY_VERIFY2_WITH_TIMEOUT((onA({u"store"_s, u"sync"_s}), movesOf(json(onA({u"task"_s, u"show"_s, uid, u"--json"_s}))) == expected),
                                  "her machine does not show his moves",
                                  60000);
        // AND nothing is left to merge on his machine, and his agent said it once
        QCOMPARE(json(onB({u"store"_s, u"sync"_s, u"--json"_s})).object().value(u"tasksMerged"_s).toArray().size(), 0);
        QCOMPARE(notes(u"b"_s).filter(u"Conflicting task changes | "_s).filter(u"Без синхронізації"_s).size(), 1);
        // AND her agent merged nothing of hers (the server took her changes)
        QVERIFY2(notes(u"a"_s).filter(u"Без синхронізації"_s).isEmpty(), qPrintable(notes(u"a"_s).join(u"; "_s)));
    }
};

QTEST_AKONADIMAIN(DavTeamTest)

#include "davteamtest.moc"
