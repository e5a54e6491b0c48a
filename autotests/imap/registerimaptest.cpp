// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "../imapserver.h"
#include "crmtestutils.h"
#include "import/csvreader.h"
#include "mime/lettermapping.h"

#include <Akonadi/AgentManager>
#include <Akonadi/Control>
#include <akonadi/qtest_akonadi.h>

#include <KMime/Message>

#include <QDBusInterface>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

/// The correspondence register in a folder of an IMAP account, as a firm
/// shares it: a real dovecot on loopback, the real akonadi_imap_resource,
/// the register pointed at the folder as the settings module does it
/// (kontactcrmrc). What crmctl registers is on the server with every header
/// and attachment; the archive is a folder on the server; a letter another
/// program put there is listed after `crmctl store sync`.
class RegisterImapTest : public QObject
{
    Q_OBJECT

private:
    CrmTest::ImapServer m_imap;
    QTemporaryDir m_files;
    const QMap<QString, QString> m_env{{u"CRM_NOW"_s, u"2026-12-01T12:00:00Z"_s}};
    QString m_counterpartyUid;
    QString m_resource;
    QProcess m_wallet;

    static CrmTest::CrmctlRun registerLetter(const QString &counterparty, const QString &subject)
    {
        return CrmTest::crmctl({u"letter"_s,
                                u"register"_s,
                                u"--direction"_s,
                                u"incoming"_s,
                                u"--counterparty"_s,
                                counterparty,
                                u"--kind"_s,
                                u"Contract"_s,
                                u"--subject"_s,
                                subject},
                               {{u"CRM_NOW"_s, u"2026-12-01T12:00:00Z"_s}});
    }

    QString writeFile(const QString &name, const QByteArray &data)
    {
        QFile file(m_files.filePath(name));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            return {};
        }
        file.write(data);
        return file.fileName();
    }

    static QJsonArray listJson(const QStringList &filters = {})
    {
        const auto run = CrmTest::crmctl(QStringList{u"letter"_s, u"list"_s, u"--json"_s} + filters);
        if (run.exitCode != 0) {
            qWarning() << run.err;
        }
        return QJsonDocument::fromJson(run.out.toUtf8()).array();
    }

    static QStringList numbers(const QJsonArray &letters)
    {
        QStringList out;
        for (const auto &v : letters) {
            out << v.toObject().value(u"number"_s).toString();
        }
        std::sort(out.begin(), out.end());
        return out;
    }

    static KMime::Message::Ptr readMessage(const QString &path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            return {};
        }
        KMime::Message::Ptr message(new KMime::Message);
        message->setContent(KMime::CRLFtoLF(file.readAll()));
        message->parse();
        return message;
    }

private Q_SLOTS:
    void initTestCase()
    {
        AkonadiTest::checkTestIsIsolated();
        QVERIFY(Akonadi::Control::start());
        QVERIFY(m_files.isValid());
        // GIVEN an IMAP account with a folder for the register
        QString error;
        QVERIFY2(m_imap.start(&error), qPrintable(error));
        QVERIFY2(m_imap.createFolder(u"Register"_s, &error), qPrintable(error));
        // AND the keychain the resource keeps its password in
        QVERIFY(CrmTest::startFakeWallet(m_wallet, QStringLiteral(FAKEKWALLET_PATH), m_imap.password()));
        // AND the account in Akonadi, the register pointed at its folder
        QProcess setup;
        setup.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        setup.start(QStringLiteral(IMAPSETUP_PATH), {u"127.0.0.1"_s, QString::number(m_imap.port()), m_imap.user(), m_imap.password(), u"Register"_s});
        QVERIFY(setup.waitForFinished(120000));
        QVERIFY2(setup.exitCode() == 0, qPrintable(m_imap.log()));
        m_resource = QString::fromUtf8(setup.readAllStandardOutput()).section(u' ', 0, 0);
        // (This process hears of the new instance over D-Bus.)
        QTRY_VERIFY2(Akonadi::AgentManager::self()->instance(m_resource).isValid(), qPrintable(m_resource));
        // AND two counterparties
        const QString csv = writeFile(u"counterparties.csv"_s,
                                      "Найменування;Код ЄДРПОУ;Телефон;Примітка\n"
                                      "ТОВ «Зерно»;1234567890;+380 44 1000001;\n"
                                      "ПП «Млин»;2234567890;+380 44 1000002;\n");
        const auto run = CrmTest::crmctl({u"counterparty"_s, u"import"_s, csv});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    }

    void cleanupTestCase()
    {
        QVERIFY(CrmTest::removeAgentInstance(m_resource));
        m_imap.stop();
        m_wallet.kill();
        m_wallet.waitForFinished(5000);
    }

    void shouldRegisterALetterOnTheImapServer()
    {
        // GIVEN a 1 MB scan
        QByteArray scan;
        scan.reserve(1 << 20);
        for (int i = 0; i < (1 << 20); ++i) {
            scan.append(char(i * 31 % 251));
        }
        const QString file = writeFile(u"скан договору.pdf"_s, scan);
        // WHEN it is registered
        const auto run = CrmTest::crmctl({u"letter"_s,
                                          u"register"_s,
                                          u"--direction"_s,
                                          u"incoming"_s,
                                          u"--counterparty"_s,
                                          u"Зерно"_s,
                                          u"--kind"_s,
                                          u"Contract"_s,
                                          u"--subject"_s,
                                          u"Договір постачання № 15"_s,
                                          u"--document-date"_s,
                                          u"2026-11-28"_s,
                                          u"--priority"_s,
                                          u"urgent"_s,
                                          u"--note"_s,
                                          u"Оригінал у папці 3"_s,
                                          u"--attach"_s,
                                          file},
                                         m_env);
        // THEN it gets the first number, and is done once on the server
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(u"ВХ-2026/0001"_s), qPrintable(run.out));
        const QStringList files = m_imap.messageFiles(u"Register"_s);
        QCOMPARE(files.size(), 1);
        // AND the server's file has every header of the register and the scan's bytes
        const auto message = readMessage(files.constFirst());
        QVERIFY(message);
        QVERIFY(Crm::LetterMapping::isLetter(message));
        for (const char *header : {"X-KDE-CRM-TYPE",
                                   "X-KDE-CRM-DIRECTION",
                                   "X-KDE-CRM-REGISTRATION-DATE",
                                   "X-KDE-CRM-NUMBER",
                                   "X-KDE-CRM-SEQUENCE",
                                   "X-KDE-CRM-KIND",
                                   "X-KDE-CRM-PRIORITY",
                                   "X-KDE-CRM-COUNTERPARTY"}) {
            QVERIFY2(message->headerByType(header), header);
        }
        const Crm::Letter letter = Crm::LetterMapping::letterFrom(message);
        QCOMPARE(letter.number, u"ВХ-2026/0001"_s);
        QCOMPARE(letter.sequence, 1);
        QCOMPARE(letter.direction, Crm::Letter::Direction::Incoming);
        QCOMPARE(letter.registrationDate, QDate(2026, 12, 1));
        QCOMPARE(letter.documentDate, QDate(2026, 11, 28));
        QCOMPARE(letter.kind, QStringList{u"Contract"_s});
        QCOMPARE(letter.priority, Crm::Letter::Priority::Urgent);
        QCOMPARE(letter.subject, u"Договір постачання № 15"_s);
        QCOMPARE(letter.note, u"Оригінал у папці 3"_s);
        QVERIFY(!letter.counterpartyUid.isEmpty());
        QCOMPARE(letter.attachments.size(), 1);
        QCOMPARE(letter.attachments.at(0).label, u"скан договору.pdf"_s);
        QCOMPARE(letter.attachments.at(0).data, scan);
        m_counterpartyUid = letter.counterpartyUid;
    }

    void shouldListShowAndExportFromTheImapFolder()
    {
        const QJsonArray all = listJson();
        QCOMPARE(numbers(all), QStringList{u"ВХ-2026/0001"_s});
        QCOMPARE(all.at(0).toObject().value(u"counterpartyName"_s).toString(), u"ТОВ «Зерно»"_s);

        auto run = CrmTest::crmctl({u"letter"_s, u"show"_s, u"ВХ-2026/0001"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        for (const QString &expected : {u"Договір постачання № 15"_s, u"Оригінал у папці 3"_s, u"скан договору.pdf"_s}) {
            QVERIFY2(run.out.contains(expected), qPrintable(expected + u" not in:\n"_s + run.out));
        }

        const QString csv = m_files.filePath(u"journal.csv"_s);
        run = CrmTest::crmctl({u"letter"_s, u"export"_s, u"--from"_s, u"2026-12-01"_s, u"--to"_s, u"2026-12-01"_s, u"--output"_s, csv});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QFile exported(csv);
        QVERIFY(exported.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(exported.readAll());
        QVERIFY2(text.contains(u"ВХ-2026/0001"_s) && text.contains(u"Договір постачання № 15"_s), qPrintable(text));
    }

    void shouldArchiveIntoAFolderOnTheServerAndRestore()
    {
        // WHEN the letter is archived
        auto run = CrmTest::crmctl({u"letter"_s, u"archive"_s, u"ВХ-2026/0001"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        // THEN the archive is a folder of the account, and the message moved there
        QTRY_VERIFY_WITH_TIMEOUT(m_imap.folderExists(u"Register/Archive"_s), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(m_imap.messageFiles(u"Register/Archive"_s).size(), 1, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(m_imap.messageFiles(u"Register"_s).size(), 0, 20000);
        QCOMPARE(numbers(listJson()), QStringList());
        QCOMPARE(numbers(listJson({u"--archived"_s})), QStringList{u"ВХ-2026/0001"_s});
        const auto archived = readMessage(m_imap.messageFiles(u"Register/Archive"_s).constFirst());
        QCOMPARE(Crm::LetterMapping::letterFrom(archived).number, u"ВХ-2026/0001"_s);

        // WHEN it is restored
        run = CrmTest::crmctl({u"letter"_s, u"restore"_s, u"ВХ-2026/0001"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        // THEN it is back in the register's folder, attachment and all
        QTRY_COMPARE_WITH_TIMEOUT(m_imap.messageFiles(u"Register"_s).size(), 1, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(m_imap.messageFiles(u"Register/Archive"_s).size(), 0, 20000);
        QCOMPARE(numbers(listJson()), QStringList{u"ВХ-2026/0001"_s});
        const auto restored = readMessage(m_imap.messageFiles(u"Register"_s).constFirst());
        QCOMPARE(Crm::LetterMapping::letterFrom(restored).attachments.value(0).data.size(), 1 << 20);
    }

    void shouldListALetterAnotherProgramPutIntoTheFolder()
    {
        // GIVEN a letter another program (another employee's CRM, a KMail
        // copy) put into the folder on the server
        Crm::Letter letter;
        letter.uid = Crm::LetterMapping::newLetterUid();
        letter.direction = Crm::Letter::Direction::Incoming;
        letter.counterpartyUid = m_counterpartyUid;
        letter.registrationDate = QDate(2026, 12, 1);
        letter.documentDate = QDate(2026, 12, 1);
        letter.sequence = 2;
        letter.number = u"ВХ-2026/0002"_s;
        letter.kind = {u"Contract"_s};
        letter.subject = u"Додаткова угода"_s;
        QString error;
        QVERIFY2(m_imap.append(u"Register"_s, Crm::LetterMapping::toMessage(letter)->encodedContent(), &error) > 0, qPrintable(error));
        // WHEN the store is synchronised
        const auto sync = CrmTest::crmctl({u"store"_s, u"sync"_s});
        QVERIFY2(sync.exitCode == 0, qPrintable(sync.err));
        // THEN the journal lists it
        QCOMPARE(numbers(listJson()), (QStringList{u"ВХ-2026/0001"_s, u"ВХ-2026/0002"_s}));
        // AND the next registration follows it
        const auto run = CrmTest::crmctl({u"letter"_s,
                                          u"register"_s,
                                          u"--direction"_s,
                                          u"incoming"_s,
                                          u"--counterparty"_s,
                                          u"Млин"_s,
                                          u"--kind"_s,
                                          u"Contract"_s,
                                          u"--subject"_s,
                                          u"Рахунок"_s},
                                         m_env);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(u"ВХ-2026/0003"_s), qPrintable(run.out));
        QCOMPARE(m_imap.messageFiles(u"Register"_s).size(), 3);
    }

    void shouldConnectAgainWhenTheAccountWentOffline()
    {
        // GIVEN the account offline, as the resource puts itself after it
        // lost its connection (forgetting the password it had read)
        Akonadi::AgentManager::self()->instance(m_resource).setIsOnline(false);
        QTRY_VERIFY(!Akonadi::AgentManager::self()->instance(m_resource).isOnline());
        // WHEN a letter is registered
        const auto run = registerLetter(u"Зерно"_s, u"Після розриву з'єднання"_s);
        // THEN the resource was asked to connect again, read its password
        // from the keychain, and the letter got the next number on the server
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(u"ВХ-2026/0004"_s), qPrintable(run.out));
        QTRY_VERIFY(Akonadi::AgentManager::self()->instance(m_resource).isOnline());
        QCOMPARE(m_imap.messageFiles(u"Register"_s).size(), 4);
    }

    // Last: the password is gone.
    void shouldNameWhyTheAccountCouldNotConnect()
    {
        // GIVEN the password deleted from the keychain, and the account
        // offline (as after a lost connection: the resource must read the
        // password again)
        QDBusInterface wallet(u"org.kde.kwalletd6"_s, u"/modules/kwalletd6"_s, u"org.kde.KWallet"_s);
        QVERIFY(wallet.call(u"forget"_s).type() == QDBusMessage::ReplyMessage);
        Akonadi::AgentManager::self()->instance(m_resource).setIsOnline(false);
        QTRY_VERIFY(!Akonadi::AgentManager::self()->instance(m_resource).isOnline());
        // WHEN the store is synchronised, and a letter registered
        const auto sync = CrmTest::crmctl({u"store"_s, u"sync"_s});
        const auto run = registerLetter(u"Млин"_s, u"Без пароля"_s);
        // THEN both fail, naming the account and what its resource said, at
        // once rather than after waiting for a synchronisation that cannot come
        for (const auto &failed : {sync, run}) {
            QVERIFY(failed.exitCode != 0);
            QVERIFY2(failed.err.contains(u"IMAP Account"_s) && failed.err.contains(u"it is offline (Empty password)"_s), qPrintable(failed.err));
        }
        // AND nothing was registered, and the journal still lists the four letters
        QCOMPARE(numbers(listJson()).size(), 4);
    }
};

QTEST_AKONADIMAIN(RegisterImapTest)

#include "registerimaptest.moc"
