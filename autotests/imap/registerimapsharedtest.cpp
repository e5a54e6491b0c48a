// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "../imapserver.h"
#include "crmtestutils.h"
#include "mime/lettermapping.h"

#include <Akonadi/Control>
#include <akonadi/qtest_akonadi.h>

#include <KMime/Message>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::Literals::StringLiterals;

/// Two employees on two machines share the register in one IMAP folder:
/// the test's own Akonadi is the first machine, a second Akonadi with its
/// own session bus and folders (second-akonadi.sh) the other, each with its
/// own akonadi_imap_resource on the same dovecot account. Both register at
/// the same moment; in the end every number of the year is given once and
/// none is skipped, as both machines and the server's files show.
class RegisterImapSharedTest : public QObject
{
    Q_OBJECT

private:
    static constexpr int perMachine = 10;
    // Under load the Akonadi server sometimes drops an IMAP resource's
    // notification stream ("timeout writing into stream", after 30 s) and
    // the resource stores what waits only then: crmctl would report a letter
    // registered but not yet written after its 30 s without progress. The
    // numbering is what this test checks, so it waits longer.
    const QString stallMs = u"90000"_s;
    CrmTest::ImapServer m_imap;
    QTemporaryDir m_files;
    QProcess m_wallet;
    QString m_resource;
    QProcess m_machineB;

    QString writeFile(const QString &name, const QByteArray &data)
    {
        QFile file(m_files.filePath(name));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            return {};
        }
        file.write(data);
        return file.fileName();
    }

    QString setupArgs() const
    {
        return u"127.0.0.1 %1 %2 %3 Register"_s.arg(m_imap.port()).arg(m_imap.user(), m_imap.password());
    }

    static QStringList sequence(int count)
    {
        QStringList out;
        for (int i = 1; i <= count; ++i) {
            out << u"ВХ-2026/%1"_s.arg(i, 4, 10, QLatin1Char('0'));
        }
        return out;
    }

    static QStringList listed(const QString &json)
    {
        QStringList out;
        const auto letters = QJsonDocument::fromJson(json.toUtf8()).array();
        for (const auto &v : letters) {
            out << v.toObject().value(u"number"_s).toString();
        }
        std::sort(out.begin(), out.end());
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        AkonadiTest::checkTestIsIsolated();
        QVERIFY(Akonadi::Control::start());
        QVERIFY(m_files.isValid());
        QString error;
        QVERIFY2(m_imap.start(&error), qPrintable(error));
        QVERIFY2(m_imap.createFolder(u"Register"_s, &error), qPrintable(error));
        // AND the keychain this machine's resource keeps its password in
        // (the other machine starts its own on its own bus)
        QVERIFY(CrmTest::startFakeWallet(m_wallet, QStringLiteral(FAKEKWALLET_PATH), m_imap.password()));
    }

    void cleanupTestCase()
    {
        // A failed check leaves the other machine waiting: let its script
        // run to its end, which stops its server (whose processes would
        // otherwise keep this test's output open after it ended).
        if (m_machineB.state() != QProcess::NotRunning) {
            writeFile(u"go"_s, {});
            writeFile(u"a-done"_s, {});
            if (!m_machineB.waitForFinished(120000)) {
                m_machineB.kill();
            }
        }
        QVERIFY(CrmTest::removeAgentInstance(m_resource));
        m_imap.stop();
        m_wallet.kill();
        m_wallet.waitForFinished(5000);
    }

    void shouldNeverGiveANumberTwiceNorSkipOneAcrossMachines()
    {
        const QString csv = writeFile(u"counterparties.csv"_s,
                                      "Найменування;Код ЄДРПОУ;Телефон;Примітка\n"
                                      "ТОВ «Зерно»;1234567890;+380 44 1000001;\n");
        const QString crmctl = QStringLiteral(CRMCTL_PATH);
        const QString register_ =
            crmctl + u" letter register --direction incoming --counterparty Зерно --kind Contract --subject \"Лист з машини $MACHINE № $i\""_s;
        const QString ready = m_files.filePath(u"b-ready"_s);
        const QString go = m_files.filePath(u"go"_s);
        const QString listB = m_files.filePath(u"b-list.json"_s);

        // GIVEN the other machine: its own Akonadi, the same IMAP account,
        // the register pointed at the same folder; it waits for the signal
        const QString bDone = m_files.filePath(u"b-done"_s);
        const QString aDone = m_files.filePath(u"a-done"_s);
        QString script =
            u"set -e\n"
            "export CRM_NOW=2026-12-01T12:00:00Z MACHINE=B CRM_WRITE_STALL_MS=@STALL@\n"
            "@WALLET@ @PASSWORD@ > @WALLETOUT@ 2>@WALLETOUT@.err &\n"
            "trap \"kill $!\" EXIT\n"
            "while ! grep -q ready @WALLETOUT@ 2>/dev/null; do sleep 0.05; done\n"
            "@SETUP@ @ARGS@ >/dev/null\n"
            "@CRMCTL@ counterparty import @CSV@ >/dev/null\n"
            "touch @READY@\n"
            "while [ ! -e @GO@ ]; do sleep 0.05; done\n"
            "pids=''\n"
            "for i in $(seq 1 @COUNT@); do @REGISTER@ >/dev/null 2>>@BERR@ & pids=\"$pids $!\"; done\n"
            "failed=0\n"
            "for p in $pids; do wait $p || failed=1; done\n"
            "touch @BDONE@\n"
            "while [ ! -e @ADONE@ ]; do sleep 0.05; done\n"
            "@CRMCTL@ store sync\n"
            "@CRMCTL@ letter list --json > @LIST@\n"
            "exit $failed\n"_s;
        script.replace(u"@STALL@"_s, stallMs)
            .replace(u"@WALLET@"_s, QStringLiteral(FAKEKWALLET_PATH))
            .replace(u"@PASSWORD@"_s, m_imap.password())
            .replace(u"@WALLETOUT@"_s, m_files.filePath(u"b-wallet.out"_s))
            .replace(u"@SETUP@"_s, QStringLiteral(IMAPSETUP_PATH))
            .replace(u"@ARGS@"_s, setupArgs())
            .replace(u"@REGISTER@"_s, register_)
            .replace(u"@CRMCTL@"_s, crmctl)
            .replace(u"@CSV@"_s, csv)
            .replace(u"@READY@"_s, ready)
            .replace(u"@GO@"_s, go)
            .replace(u"@COUNT@"_s, QString::number(perMachine))
            .replace(u"@BDONE@"_s, bDone)
            .replace(u"@ADONE@"_s, aDone)
            .replace(u"@LIST@"_s, listB)
            .replace(u"@BERR@"_s, m_files.filePath(u"b-err.log"_s));
        m_machineB.setProcessChannelMode(QProcess::ForwardedChannels);
        m_machineB.setChildProcessModifier([] {
            prctl(PR_SET_PDEATHSIG, SIGTERM);
        });
        m_machineB.start(QStringLiteral(SECOND_AKONADI_PATH), {m_files.filePath(u"machine-b"_s), u"bash"_s, u"-c"_s, script});
        // AND this machine, set up the same way
        QProcess setup;
        setup.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        setup.start(QStringLiteral(IMAPSETUP_PATH), setupArgs().split(u' '));
        QVERIFY(setup.waitForFinished(120000));
        QVERIFY2(setup.exitCode() == 0, qPrintable(m_imap.log()));
        m_resource = QString::fromUtf8(setup.readAllStandardOutput()).section(u' ', 0, 0);
        const auto imported = CrmTest::crmctl({u"counterparty"_s, u"import"_s, csv});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(ready) || m_machineB.state() == QProcess::NotRunning, 200000);
        if (!QFile::exists(ready)) {
            QFile walletLog(m_files.filePath(u"b-wallet.out.err"_s));
            walletLog.open(QIODevice::ReadOnly);
            QFAIL(qPrintable(u"the other machine did not get ready; its keychain logged:\n"_s + QString::fromUtf8(walletLog.readAll())));
        }

        // WHEN both machines register ten letters each at the same moment
        writeFile(u"go"_s, {});
        std::vector<std::unique_ptr<QProcess>> here;
        for (int i = 1; i <= perMachine; ++i) {
            auto p = std::make_unique<QProcess>();
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(u"CRM_NOW"_s, u"2026-12-01T12:00:00Z"_s);
            env.insert(u"CRM_WRITE_STALL_MS"_s, stallMs);
            p->setProcessEnvironment(env);
            p->start(crmctl,
                     {u"letter"_s,
                      u"register"_s,
                      u"--direction"_s,
                      u"incoming"_s,
                      u"--counterparty"_s,
                      u"Зерно"_s,
                      u"--kind"_s,
                      u"Contract"_s,
                      u"--subject"_s,
                      u"Лист з машини A № %1"_s.arg(i)});
            here.push_back(std::move(p));
        }
        int renumbered = 0;
        for (const auto &p : here) {
            QVERIFY(p->waitForFinished(120000));
            const QByteArray err = p->readAllStandardError();
            QVERIFY2(p->exitCode() == 0, err.constData());
            renumbered += err.count("taking the next free number");
        }
        writeFile(u"a-done"_s, {});
        QVERIFY(m_machineB.waitForFinished(180000));
        QCOMPARE(m_machineB.exitCode(), 0);
        QFile errB(m_files.filePath(u"b-err.log"_s));
        QVERIFY(errB.open(QIODevice::ReadOnly));
        const QByteArray allB = errB.readAll();
        const int renumberedB = allB.count("taking the next free number");
        qInfo("numbers found taken by the other machine and given anew: %d here, %d there", renumbered, renumberedB);

        // THEN the server holds twenty letters numbered 1 to 20, each once
        const QStringList files = m_imap.messageFiles(u"Register"_s);
        QStringList onServer;
        for (const QString &path : files) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            KMime::Message::Ptr message(new KMime::Message);
            message->setContent(KMime::CRLFtoLF(file.readAll()));
            message->parse();
            onServer << Crm::LetterMapping::letterFrom(message).number;
        }
        std::sort(onServer.begin(), onServer.end());
        QVERIFY2(onServer == sequence(2 * perMachine), qPrintable(u"on the server: "_s + onServer.join(u", "_s)));
        // AND both machines list the same twenty numbers
        const auto sync = CrmTest::crmctl({u"store"_s, u"sync"_s});
        QVERIFY2(sync.exitCode == 0, qPrintable(sync.err));
        const auto list = CrmTest::crmctl({u"letter"_s, u"list"_s, u"--json"_s});
        QVERIFY2(listed(list.out) == sequence(2 * perMachine), qPrintable(u"listed here: "_s + listed(list.out).join(u", "_s)));
        QFile fromB(listB);
        QVERIFY(fromB.open(QIODevice::ReadOnly));
        const QStringList onB = listed(QString::fromUtf8(fromB.readAll()));
        QVERIFY2(onB == sequence(2 * perMachine), qPrintable(u"listed on the other machine: "_s + onB.join(u", "_s)));
    }
};

QTEST_AKONADIMAIN(RegisterImapSharedTest)

#include "registerimapsharedtest.moc"
