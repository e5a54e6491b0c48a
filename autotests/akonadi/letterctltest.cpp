// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "blocking/blockingstorage.h"
#include "crmtestutils.h"
#include "import/csvreader.h"
#include "mime/lettermapping.h"

#include <Akonadi/AgentInstance>
#include <Akonadi/AgentManager>
#include <Akonadi/CollectionCreateJob>
#include <Akonadi/CollectionFetchJob>
#include <Akonadi/Control>
#include <Akonadi/ItemCreateJob>
#include <akonadi/qtest_akonadi.h>

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

/// crmctl letter register|list|show against a real Akonadi with the real
/// maildir resource: the register is found or made on first use, numbers
/// are given without gap or duplicate, also by processes at the same moment.
class LetterCtlTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_files;
    const QMap<QString, QString> m_env{{u"CRM_NOW"_s, u"2026-12-01T12:00:00Z"_s}};

    QString writeFile(const QString &name, const QByteArray &data)
    {
        QFile file(m_files.filePath(name));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            return {};
        }
        file.write(data);
        return file.fileName();
    }

    /// The message files of the maildir at @p path (new/ and cur/).
    static QStringList messageFiles(const QString &path)
    {
        QStringList files;
        for (const auto &sub : {u"/new"_s, u"/cur"_s}) {
            const auto names = QDir(path + sub).entryList(QDir::Files);
            for (const QString &name : names) {
                files << path + sub + u'/' + name;
            }
        }
        return files;
    }

    static QJsonArray kindsJson()
    {
        const auto run = CrmTest::crmctl({u"kind"_s, u"list"_s, u"--json"_s});
        if (run.exitCode != 0) {
            qWarning() << run.err;
        }
        return QJsonDocument::fromJson(run.out.toUtf8()).array();
    }

    /// The number of letters of each kind path, as `kind list` says.
    static QMap<QString, int> kinds()
    {
        QMap<QString, int> out;
        for (const auto &v : kindsJson()) {
            out.insert(v.toObject().value(u"path"_s).toString(), v.toObject().value(u"letters"_s).toInt());
        }
        return out;
    }

    static QJsonObject shown(const QString &number)
    {
        const auto run = CrmTest::crmctl({u"letter"_s, u"show"_s, u"--json"_s, number});
        return QJsonDocument::fromJson(run.out.toUtf8()).object();
    }

    /// The stored message of item @p id without its X-KDE-CRM-KIND header.
    static QByteArray messageWithoutKind(qint64 id)
    {
        auto fetch = new Akonadi::ItemFetchJob(Akonadi::Item(id));
        fetch->fetchScope().fetchFullPayload();
        if (!fetch->exec() || fetch->items().size() != 1) {
            return {};
        }
        QList<QByteArray> lines = fetch->items().constFirst().payloadData().split('\n');
        lines.removeIf([](const QByteArray &line) {
            return line.startsWith("X-KDE-CRM-KIND:");
        });
        return lines.join('\n');
    }

    static QJsonArray listJson(const QStringList &filters)
    {
        const auto run = CrmTest::crmctl(QStringList{u"letter"_s, u"list"_s, u"--json"_s} + filters);
        if (run.exitCode != 0) {
            qWarning() << run.err;
        }
        return QJsonDocument::fromJson(run.out.toUtf8()).array();
    }

private Q_SLOTS:
    void initTestCase()
    {
        AkonadiTest::checkTestIsIsolated();
        QVERIFY(Akonadi::Control::start());
        QVERIFY(m_files.isValid());
        const QString csv = writeFile(u"counterparties.csv"_s,
                                      "Найменування;Код ЄДРПОУ;Телефон;Примітка\n"
                                      "ТОВ «Зерно»;1234567890;+380 44 1000001;\n"
                                      "ПП «Млин»;2234567890;+380 44 1000002;\n");
        const auto run = CrmTest::crmctl({u"counterparty"_s, u"import"_s, csv});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    }

    void shouldRegisterListAndShowALetter()
    {
        // GIVEN a scan on disk
        QByteArray scan;
        for (int i = 0; i < 300000; ++i) {
            scan.append(char(i * 31 % 256));
        }
        const QString file = writeFile(u"скан договору.pdf"_s, scan);
        // WHEN it is registered as an incoming contract (the register does not exist yet)
        auto run = CrmTest::crmctl({u"letter"_s,
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
        // THEN it gets the first number of the year
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(u"ВХ-2026/0001"_s), qPrintable(run.out));

        // WHEN the journal is listed
        const QJsonArray all = listJson({});
        // THEN it is there with its fields
        QCOMPARE(all.size(), 1);
        const QJsonObject listed = all.at(0).toObject();
        QCOMPARE(listed.value(u"number"_s).toString(), u"ВХ-2026/0001"_s);
        QCOMPARE(listed.value(u"registrationDate"_s).toString(), u"2026-12-01"_s);
        QCOMPARE(listed.value(u"documentDate"_s).toString(), u"2026-11-28"_s);
        QCOMPARE(listed.value(u"counterpartyName"_s).toString(), u"ТОВ «Зерно»"_s);
        QCOMPARE(listed.value(u"kind"_s).toString(), u"Contract"_s);
        QCOMPARE(listed.value(u"priority"_s).toString(), u"urgent"_s);

        // WHEN it is shown
        run = CrmTest::crmctl({u"letter"_s, u"show"_s, u"ВХ-2026/0001"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        // THEN every field and the attachment are printed
        for (const QString &expected : {u"ВХ-2026/0001"_s, u"Договір постачання № 15"_s, u"ТОВ «Зерно»"_s, u"Оригінал у папці 3"_s, u"скан договору.pdf"_s}) {
            QVERIFY2(run.out.contains(expected), qPrintable(expected + u" not in:\n"_s + run.out));
        }
        // AND the attachment is the file's bytes, read back from the maildir resource
        QString error;
        const auto folder = Crm::registerFolderNow(Crm::CollectionLocator::Mode::FindOnly, &error);
        QVERIFY2(folder, qPrintable(error));
        const auto letters = Crm::lettersNow(*folder, Crm::ListLettersJob::Detail::Full, &error);
        QVERIFY2(letters, qPrintable(error));
        QCOMPARE(letters->size(), 1);
        QCOMPARE(letters->at(0).letter.attachments.size(), 1);
        QCOMPARE(letters->at(0).letter.attachments.at(0).label, u"скан договору.pdf"_s);
        QCOMPARE(letters->at(0).letter.attachments.at(0).data, scan);
        // AND the message is a file of the maildir (what KMail, a backup, a
        // resource sync read), with every header and the attachment
        const QString maildir = Crm::CollectionLocator::defaultStoragePath(Crm::CollectionLocator::Store::Register);
        QTRY_COMPARE_WITH_TIMEOUT(messageFiles(maildir).size(), 1, 10000);
        QFile stored(messageFiles(maildir).constFirst());
        QVERIFY(stored.open(QIODevice::ReadOnly));
        KMime::Message::Ptr message(new KMime::Message);
        message->setContent(KMime::CRLFtoLF(stored.readAll()));
        message->parse();
        const Crm::Letter fromFile = Crm::LetterMapping::letterFrom(message);
        QCOMPARE(fromFile.number, u"ВХ-2026/0001"_s);
        QCOMPARE(fromFile.subject, u"Договір постачання № 15"_s);
        QCOMPARE(fromFile.attachments.size(), 1);
        QCOMPARE(fromFile.attachments.at(0).data, scan);
    }

    void shouldUseUpNoNumberOnARefusedRegistration()
    {
        // GIVEN registrations refused for an unknown kind and an unknown counterparty
        auto run = CrmTest::crmctl(
            {u"letter"_s, u"register"_s, u"--direction"_s, u"incoming"_s, u"--counterparty"_s, u"Млин"_s, u"--kind"_s, u"Lease"_s, u"--subject"_s, u"Оренда"_s},
            m_env);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"kind"_s) && run.err.contains(u"Lease"_s), qPrintable(run.err));
        run = CrmTest::crmctl(
            {u"letter"_s, u"register"_s, u"--direction"_s, u"incoming"_s, u"--counterparty"_s, u"Нікого"_s, u"--kind"_s, u"Act"_s, u"--subject"_s, u"Акт"_s},
            m_env);
        QCOMPARE(run.exitCode, 1);
        // WHEN a good one follows, dated after its registration (a warning)
        run = CrmTest::crmctl({u"letter"_s,
                               u"register"_s,
                               u"--direction"_s,
                               u"incoming"_s,
                               u"--counterparty"_s,
                               u"Млин"_s,
                               u"--kind"_s,
                               u"Contract/Supplementary agreement"_s,
                               u"--subject"_s,
                               u"Додаткова угода"_s,
                               u"--document-date"_s,
                               u"2026-12-05"_s},
                              m_env);
        // THEN it is registered with a warning and gets the next number: none was used up
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.err.contains(u"warning"_s) && run.err.contains(u"2026-12-05"_s), qPrintable(run.err));
        QVERIFY2(run.out.contains(u"ВХ-2026/0002"_s), qPrintable(run.out));
        // AND the journal filters by kind (with its subtree), counterparty and text, newest first
        QCOMPARE(listJson({u"--kind"_s, u"Contract"_s}).size(), 2);
        QCOMPARE(listJson({u"--kind"_s, u"Contract/Supplementary agreement"_s}).size(), 1);
        QCOMPARE(listJson({u"--counterparty"_s, u"Млин"_s}).size(), 1);
        QCOMPARE(listJson({u"--text"_s, u"угода"_s}).size(), 1);
        QCOMPARE(listJson({u"--direction"_s, u"outgoing"_s}).size(), 0);
        QCOMPARE(listJson({u"--from"_s, u"2026-12-02"_s}).size(), 0);
        const QJsonArray all = listJson({});
        QCOMPARE(all.size(), 2);
        QCOMPARE(all.at(0).toObject().value(u"number"_s).toString(), u"ВХ-2026/0002"_s);
    }

    void shouldNumberConcurrentRegistrationsWithoutGapOrDuplicate()
    {
        // GIVEN four employees registering outgoing letters at the same moment
        std::vector<std::unique_ptr<QProcess>> processes;
        for (int i = 1; i <= 4; ++i) {
            auto process = std::make_unique<QProcess>();
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(u"CRM_NOW"_s, u"2026-12-01T12:00:00Z"_s);
            process->setProcessEnvironment(env);
            process->start(QStringLiteral(CRMCTL_PATH),
                           {u"letter"_s,
                            u"register"_s,
                            u"--direction"_s,
                            u"outgoing"_s,
                            u"--counterparty"_s,
                            u"Зерно"_s,
                            u"--kind"_s,
                            u"Letter"_s,
                            u"--subject"_s,
                            u"Лист %1"_s.arg(i)});
            processes.push_back(std::move(process));
        }
        for (auto &p : processes) {
            QVERIFY(p->waitForFinished(120000));
            QVERIFY2(p->exitStatus() == QProcess::NormalExit && p->exitCode() == 0, p->readAllStandardError().constData());
        }
        // THEN they have the numbers 1..4 of the outgoing sequence, each once
        const QJsonArray outgoing = listJson({u"--direction"_s, u"outgoing"_s});
        QList<int> sequences;
        QStringList numbers;
        for (const auto &v : outgoing) {
            sequences << v.toObject().value(u"sequence"_s).toInt();
            numbers << v.toObject().value(u"number"_s).toString();
        }
        std::sort(sequences.begin(), sequences.end());
        std::sort(numbers.begin(), numbers.end());
        QCOMPARE(sequences, (QList<int>{1, 2, 3, 4}));
        QCOMPARE(numbers, (QStringList{u"ВИХ-2026/0001"_s, u"ВИХ-2026/0002"_s, u"ВИХ-2026/0003"_s, u"ВИХ-2026/0004"_s}));
        // AND the incoming sequence is its own
        QCOMPARE(listJson({u"--direction"_s, u"incoming"_s}).size(), 2);
    }

    void shouldArchiveAndRestoreLettersKeepingTheirMessagesAndNumbers()
    {
        // GIVEN the stored message of ВХ-2026/0002, the highest incoming number
        const auto idOf = [](const QJsonArray &letters, const QString &number) {
            for (const auto &v : letters) {
                if (v.toObject().value(u"number"_s).toString() == number) {
                    return qint64(v.toObject().value(u"id"_s).toInteger());
                }
            }
            return qint64(-1);
        };
        const qint64 id = idOf(listJson({}), u"ВХ-2026/0002"_s);
        QVERIFY(id > 0);
        const auto messageOf = [](qint64 itemId) {
            auto fetch = new Akonadi::ItemFetchJob(Akonadi::Item(itemId));
            fetch->fetchScope().fetchFullPayload();
            fetch->fetchScope().setAncestorRetrieval(Akonadi::ItemFetchScope::Parent);
            if (!fetch->exec() || fetch->items().size() != 1) {
                return std::pair{QByteArray(), Akonadi::Collection::Id(-1)};
            }
            return std::pair{fetch->items().constFirst().payloadData(), fetch->items().constFirst().parentCollection().id()};
        };
        const auto [before, folderBefore] = messageOf(id);
        QVERIFY(before.contains("X-KDE-CRM-NUMBER"));

        // WHEN it and an outgoing letter are archived
        auto run = CrmTest::crmctl({u"letter"_s, u"archive"_s, u"ВХ-2026/0002"_s, u"ВИХ-2026/0004"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        // THEN the journal no longer lists them, the archive lists them alone
        const QJsonArray current = listJson({});
        QCOMPARE(current.size(), 4);
        QCOMPARE(idOf(current, u"ВХ-2026/0002"_s), qint64(-1));
        QCOMPARE(idOf(current, u"ВИХ-2026/0004"_s), qint64(-1));
        const QJsonArray archived = listJson({u"--archived"_s});
        QCOMPARE(archived.size(), 2);
        QCOMPARE(idOf(archived, u"ВХ-2026/0002"_s), id);
        QVERIFY(archived.at(0).toObject().value(u"archived"_s).toBool());
        QCOMPARE(listJson({u"--archived"_s, u"--direction"_s, u"outgoing"_s}).size(), 1);
        // AND their files moved into the archive's maildir
        const QString maildir = Crm::CollectionLocator::defaultStoragePath(Crm::CollectionLocator::Store::Register);
        QTRY_COMPARE_WITH_TIMEOUT(messageFiles(maildir + u"/Archive"_s).size(), 2, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(messageFiles(maildir).size(), 4, 10000);
        // AND it lies in a child folder "Archive" of the register's folder
        auto folders = new Akonadi::CollectionFetchJob(Akonadi::Collection(folderBefore), Akonadi::CollectionFetchJob::FirstLevel);
        QVERIFY(folders->exec());
        QCOMPARE(folders->collections().size(), 1);
        QCOMPARE(folders->collections().constFirst().name(), u"Archive"_s);
        QCOMPARE(messageOf(id).second, folders->collections().constFirst().id());
        // AND it is still shown, as archived
        run = CrmTest::crmctl({u"letter"_s, u"show"_s, u"ВХ-2026/0002"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(u"Archived"_s), qPrintable(run.out));

        // WHEN the next incoming letter is registered
        run = CrmTest::crmctl(
            {u"letter"_s, u"register"_s, u"--direction"_s, u"incoming"_s, u"--counterparty"_s, u"Млин"_s, u"--kind"_s, u"Act"_s, u"--subject"_s, u"Акт"_s},
            m_env);
        // THEN an archived number is not given again
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(u"ВХ-2026/0003"_s), qPrintable(run.out));

        // WHEN a letter already archived is named beside one that is not
        run = CrmTest::crmctl({u"letter"_s, u"archive"_s, u"ВХ-2026/0001"_s, u"ВХ-2026/0002"_s});
        // THEN nothing is moved and the error names it
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"ВХ-2026/0002"_s), qPrintable(run.err));
        QCOMPARE(listJson({u"--archived"_s}).size(), 2);
        run = CrmTest::crmctl({u"letter"_s, u"restore"_s, u"ВХ-2026/0001"_s});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"ВХ-2026/0001"_s), qPrintable(run.err));

        // WHEN it is restored
        run = CrmTest::crmctl({u"letter"_s, u"restore"_s, u"ВХ-2026/0002"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        // THEN it is back in the journal, in its folder, with the message unchanged
        QVERIFY(idOf(listJson({}), u"ВХ-2026/0002"_s) == id);
        QCOMPARE(listJson({u"--archived"_s}).size(), 1);
        const auto [after, folderAfter] = messageOf(id);
        QCOMPARE(folderAfter, folderBefore);
        QCOMPARE(after, before);
    }

    void shouldEditTheKindTreeWithTheLettersFollowing()
    {
        // GIVEN ВХ-2026/0001 Contract, 0002 Contract/Supplementary agreement, 0003 Act;
        // ВИХ-2026/0001..0004 Letter, 0004 archived
        auto tree = kinds();
        QCOMPARE(tree.value(u"Contract"_s), 2);
        QCOMPARE(tree.value(u"Letter"_s), 4);
        const qint64 id = shown(u"ВХ-2026/0002"_s).value(u"id"_s).toInteger();
        const QByteArray before = messageWithoutKind(id);
        QVERIFY(!before.isEmpty());

        // WHEN a kind is added
        auto run = CrmTest::crmctl({u"kind"_s, u"add"_s, u"Contract/Lease"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(kinds().contains(u"Contract/Lease"_s));
        // AND a kind in use is renamed
        run = CrmTest::crmctl({u"kind"_s, u"rename"_s, u"Contract/Supplementary agreement"_s, u"Addendum"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        // THEN its letter has the new kind, and the rest of its message is as it was
        QCOMPARE(shown(u"ВХ-2026/0002"_s).value(u"kind"_s).toString(), u"Contract/Addendum"_s);
        QCOMPARE(messageWithoutKind(id), before);
        tree = kinds();
        QVERIFY(!tree.contains(u"Contract/Supplementary agreement"_s));
        QCOMPARE(tree.value(u"Contract/Addendum"_s), 1);

        // WHEN a kind used by an archived letter is renamed
        run = CrmTest::crmctl({u"kind"_s, u"rename"_s, u"Letter"_s, u"Mail"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(u"4"_s), qPrintable(run.out));
        // THEN the archived letter follows too
        QCOMPARE(shown(u"ВИХ-2026/0004"_s).value(u"kind"_s).toString(), u"Mail"_s);
        QVERIFY(shown(u"ВИХ-2026/0004"_s).value(u"archived"_s).toBool());

        // WHEN a kind is moved below another, with its letter
        run = CrmTest::crmctl({u"kind"_s, u"move"_s, u"Contract/Addendum"_s, u"Mail"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(shown(u"ВХ-2026/0002"_s).value(u"kind"_s).toString(), u"Mail/Addendum"_s);
        QCOMPARE(listJson({u"--kind"_s, u"Mail"_s}).size(), 4); // 3 + the addendum; the archived one is not in the journal
        // AND refused into its own subtree
        run = CrmTest::crmctl({u"kind"_s, u"move"_s, u"Mail"_s, u"Mail/Addendum"_s});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"Mail"_s), qPrintable(run.err));

        // WHEN kinds in use are deleted, by letters of their own, archived ones, or of a sub-kind
        run = CrmTest::crmctl({u"kind"_s, u"delete"_s, u"Mail"_s});
        // THEN it is refused, saying how many letters use them, and the tree is kept
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"5 letters"_s), qPrintable(run.err));
        run = CrmTest::crmctl({u"kind"_s, u"delete"_s, u"Mail/Addendum"_s});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"one letter"_s), qPrintable(run.err));
        tree = kinds();
        QCOMPARE(tree.value(u"Mail"_s), 5);
        QVERIFY(tree.contains(u"Mail/Addendum"_s));
        // WHEN a kind no letter uses is deleted
        run = CrmTest::crmctl({u"kind"_s, u"delete"_s, u"Contract/Lease"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(!kinds().contains(u"Contract/Lease"_s));

        // THEN registration knows the edited tree
        run = CrmTest::crmctl(
            {u"letter"_s, u"register"_s, u"--direction"_s, u"outgoing"_s, u"--counterparty"_s, u"Млин"_s, u"--kind"_s, u"Letter"_s, u"--subject"_s, u"Лист"_s},
            m_env);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"Letter"_s), qPrintable(run.err));
        run = CrmTest::crmctl({u"letter"_s,
                               u"register"_s,
                               u"--direction"_s,
                               u"outgoing"_s,
                               u"--counterparty"_s,
                               u"Млин"_s,
                               u"--kind"_s,
                               u"Mail/Addendum"_s,
                               u"--subject"_s,
                               u"Угода"_s},
                              m_env);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(u"ВИХ-2026/0005"_s), qPrintable(run.out));
    }

    void shouldExportAPeriodAsCsvThatReadsBack()
    {
        // GIVEN a letter registered two days later, its subject with a comma and quotes
        auto run = CrmTest::crmctl({u"letter"_s,
                                    u"register"_s,
                                    u"--direction"_s,
                                    u"incoming"_s,
                                    u"--counterparty"_s,
                                    u"Зерно"_s,
                                    u"--kind"_s,
                                    u"Invoice"_s,
                                    u"--subject"_s,
                                    u"Рахунок, \"знижка\" 5%"_s,
                                    u"--attach"_s,
                                    writeFile(u"рахунок, 7.pdf"_s, "%PDF")},
                                   {{u"CRM_NOW"_s, u"2026-12-03T09:00:00Z"_s}});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(u"ВХ-2026/0004"_s), qPrintable(run.out));

        // WHEN that day is exported to a file
        const QString file = m_files.filePath(u"journal.csv"_s);
        run = CrmTest::crmctl({u"letter"_s, u"export"_s, u"--from"_s, u"2026-12-03"_s, u"--to"_s, u"2026-12-03"_s, u"--output"_s, file});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        // THEN the CSV reader gets the header and the letter's row back, field by field
        QFile exported(file);
        QVERIFY(exported.open(QIODevice::ReadOnly));
        Crm::CsvReader reader;
        QVERIFY2(reader.read(exported.readAll()), qPrintable(reader.errorString()));
        auto rows = reader.rows();
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0).fields.size(), 11);
        QCOMPARE(rows.at(0).fields.at(0), u"Number"_s);
        QCOMPARE(rows.at(1).fields,
                 (QStringList{u"ВХ-2026/0004"_s,
                              u"2026-12-03"_s,
                              u"2026-12-03"_s,
                              u"incoming"_s,
                              u"ТОВ «Зерно»"_s,
                              QString(),
                              u"Invoice"_s,
                              u"normal"_s,
                              u"Рахунок, \"знижка\" 5%"_s,
                              u"рахунок, 7.pdf"_s,
                              u"no"_s}));

        // WHEN the first day is exported to the standard output
        run = CrmTest::crmctl({u"letter"_s, u"export"_s, u"--from"_s, u"2026-12-01"_s, u"--to"_s, u"2026-12-01"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(reader.read(run.out.toUtf8()));
        rows = reader.rows();
        // THEN it holds that day's 3 incoming and 5 outgoing letters, the archived one marked, the earliest first
        QCOMPARE(rows.size(), 1 + 8);
        QCOMPARE(rows.at(1).fields.at(0), u"ВХ-2026/0001"_s);
        int archived = 0;
        for (qsizetype i = 1; i < rows.size(); ++i) {
            QCOMPARE(rows.at(i).fields.at(1), u"2026-12-01"_s);
            if (rows.at(i).fields.at(10) == u"yes"_s) {
                ++archived;
                QCOMPARE(rows.at(i).fields.at(0), u"ВИХ-2026/0004"_s);
            }
        }
        QCOMPARE(archived, 1);

        // WHEN the counterparty's card is shown, after one more letter to it
        run = CrmTest::crmctl({u"letter"_s,
                               u"register"_s,
                               u"--direction"_s,
                               u"outgoing"_s,
                               u"--counterparty"_s,
                               u"Зерно"_s,
                               u"--kind"_s,
                               u"Invoice"_s,
                               u"--subject"_s,
                               u"Рахунок"_s},
                              {{u"CRM_NOW"_s, u"2026-12-03T10:00:00Z"_s}});
        QVERIFY2(run.out.contains(u"ВИХ-2026/0006"_s), qPrintable(run.out + run.err));
        run = CrmTest::crmctl({u"card"_s, u"--json"_s, u"Зерно"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        // THEN it lists its five latest letters, newest first, not the archived one nor another's
        QStringList numbers;
        const QJsonArray latest = QJsonDocument::fromJson(run.out.toUtf8()).object().value(u"letters"_s).toArray();
        for (const auto &v : latest) {
            numbers << v.toObject().value(u"number"_s).toString();
        }
        QCOMPARE(numbers, (QStringList{u"ВХ-2026/0004"_s, u"ВИХ-2026/0006"_s, u"ВХ-2026/0001"_s, u"ВИХ-2026/0003"_s, u"ВИХ-2026/0002"_s}));
        QCOMPARE(latest.at(0).toObject().value(u"subject"_s).toString(), u"Рахунок, \"знижка\" 5%"_s);
        QCOMPARE(latest.at(0).toObject().value(u"direction"_s).toString(), u"incoming"_s);
        QCOMPARE(latest.at(0).toObject().value(u"registrationDate"_s).toString(), u"2026-12-03"_s);
        run = CrmTest::crmctl({u"card"_s, u"Зерно"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(u"Latest letters"_s) && run.out.contains(u"ВИХ-2026/0006"_s) && !run.out.contains(u"ВИХ-2026/0001 "_s), qPrintable(run.out));

        // WHEN the period is back to front
        run = CrmTest::crmctl({u"letter"_s, u"export"_s, u"--from"_s, u"2026-12-03"_s, u"--to"_s, u"2026-12-01"_s});
        // THEN it is refused, naming the option
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"--from"_s), qPrintable(run.err));
    }

    void shouldRegisterAnEmailAsItIs()
    {
        // GIVEN an e-mail saved from KMail: encoded words, a folded header, a
        // quoted-printable text, a PDF, and register headers of its own
        const QByteArray pdf = QByteArray("%PDF-1.4\n") + QByteArray(3000, '\x7f');
        const QByteArray head =
            "Received: from mx.zerno.example (mx.zerno.example [192.0.2.7])\n"
            "\tby mail.example.com with ESMTPS; Mon, 30 Nov 2026 09:12:00 +0200\n"
            "From: =?UTF-8?B?0J7Qu9C10L3QsCDQmtC+0LLQsNC70Yw=?= <olena@zerno.example>\n"
            "To: office@example.com\n"
            "Subject: =?UTF-8?B?0J/RgNC10YLQtdC90LfRltGPINGJ0L7QtNC+INC/0L7RgdGC0LDQstC60Lg=?=\n"
            "Date: Mon, 30 Nov 2026 09:10:00 +0200\n"
            "Message-ID: <claim-17@zerno.example>\n"
            "References: <offer-3@example.com>\n"
            "X-Mailer: Thunderbird 128\n"
            "X-KDE-CRM-NUMBER: ВХ-2026/9999\n"
            "x-kde-crm-counterparty: evil\n"
            " continued\n"
            "MIME-Version: 1.0\n"
            "Content-Type: multipart/mixed; boundary=\"b1\"\n";
        const QByteArray body =
            "\n"
            "--b1\n"
            "Content-Type: text/plain; charset=utf-8\n"
            "Content-Transfer-Encoding: quoted-printable\n"
            "\n"
            "=D0=94=D0=BE=D0=B1=D1=80=D0=BE=D0=B3=D0=BE =D0=B4=D0=BD=D1=8F!\n"
            "--b1\n"
            "Content-Type: application/pdf; name=\"claim.pdf\"\n"
            "Content-Disposition: attachment; filename=\"claim.pdf\"\n"
            "Content-Transfer-Encoding: base64\n"
            "\n"
            + pdf.toBase64() + "\n--b1--\n";
        const QString eml = writeFile(u"claim.eml"_s, head + body);
        const QStringList registerEmail{u"letter"_s, u"register"_s, u"--direction"_s, u"incoming"_s, u"--counterparty"_s, u"Зерно"_s, u"--kind"_s, u"Claim"_s};

        // WHEN it is registered
        auto run = CrmTest::crmctl(registerEmail + QStringList{u"--email"_s, eml}, m_env);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QRegularExpressionMatch registered = QRegularExpression(u"(ВХ-2026/\\d{4}) \\(#(\\d+)\\)"_s).match(run.out);
        QVERIFY2(registered.hasMatch(), qPrintable(run.out));
        const QString number = registered.captured(1);

        // THEN the stored message is the e-mail: every header line of its own
        // and its body byte for byte, with the register's headers on top and
        // the ones it brought gone
        auto fetch = new Akonadi::ItemFetchJob(Akonadi::Item(registered.captured(2).toLongLong()));
        fetch->fetchScope().fetchFullPayload();
        QVERIFY(fetch->exec());
        QCOMPARE(fetch->items().size(), 1);
        const QByteArray stored = KMime::CRLFtoLF(fetch->items().constFirst().payloadData());
        QVERIFY2(stored.endsWith(body), stored.constData());
        const QByteArray storedHead = stored.left(stored.size() - body.size());
        for (const QByteArray &line : head.split('\n')) {
            if (line.isEmpty() || line.toUpper().startsWith("X-KDE-CRM-") || line == " continued") {
                continue;
            }
            QVERIFY2(storedHead.contains(QByteArray(line + '\n')), line.constData());
        }
        QVERIFY(!stored.contains("9999"));
        QVERIFY(!stored.contains("evil"));
        QVERIFY(!stored.contains(" continued"));
        // AND the register reads it as a letter with the e-mail's subject, sender, date, text and PDF
        const QJsonObject letter = shown(number);
        QCOMPARE(letter.value(u"subject"_s).toString(), u"Претензія щодо поставки"_s);
        QCOMPARE(letter.value(u"addressee"_s).toObject().value(u"email"_s).toString(), u"olena@zerno.example"_s);
        QCOMPARE(letter.value(u"documentDate"_s).toString(), u"2026-11-30"_s);
        QCOMPARE(letter.value(u"uid"_s).toString(), u"claim-17@zerno.example"_s);
        QCOMPARE(letter.value(u"note"_s).toString().trimmed(), u"Доброго дня!"_s);
        QCOMPARE(letter.value(u"attachments"_s).toArray().size(), 1);
        QString error;
        const auto folder = Crm::registerFolderNow(Crm::CollectionLocator::Mode::FindOnly, &error);
        QVERIFY2(folder, qPrintable(error));
        const auto full = Crm::lettersNow(*folder, Crm::ListLettersJob::Detail::Full, &error, Crm::ListLettersJob::Scope::All, {}, number);
        QVERIFY2(full && full->size() == 1, qPrintable(error));
        QCOMPARE(full->constFirst().letter.attachments.constFirst().label, u"claim.pdf"_s);
        QCOMPARE(full->constFirst().letter.attachments.constFirst().data, pdf);

        // WHEN the same e-mail is registered again
        run = CrmTest::crmctl(registerEmail + QStringList{u"--email"_s, eml}, m_env);
        // THEN it is refused, naming its number
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(number), qPrintable(run.err));
        // AND an e-mail's own fields cannot be given beside it, a PDF is no e-mail
        run = CrmTest::crmctl(registerEmail + QStringList{u"--email"_s, eml, u"--subject"_s, u"Інша"_s}, m_env);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"--subject"_s), qPrintable(run.err));
        run = CrmTest::crmctl(registerEmail + QStringList{u"--email"_s, writeFile(u"scan.pdf"_s, pdf)}, m_env);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"--email"_s) && run.err.contains(u"scan.pdf"_s), qPrintable(run.err));

        // WHEN an e-mail in a KMail folder is registered by its Akonadi URL
        Akonadi::Collection inbox;
        inbox.setParentCollection(*folder);
        inbox.setName(u"inbox"_s);
        inbox.setContentMimeTypes({u"message/rfc822"_s});
        auto createFolder = new Akonadi::CollectionCreateJob(inbox);
        QVERIFY(createFolder->exec());
        Akonadi::Item mail;
        mail.setMimeType(u"message/rfc822"_s);
        mail.setPayload(Crm::LetterMapping::parse("From: buh@mlyn.example\nSubject: Act\nMessage-ID: <act-5@mlyn.example>\n\nSigned.\n"));
        auto createMail = new Akonadi::ItemCreateJob(mail, createFolder->collection());
        QVERIFY(createMail->exec());
        run = CrmTest::crmctl(registerEmail.mid(0, 4)
                                  + QStringList{u"--counterparty"_s, u"Млин"_s, u"--kind"_s, u"Act"_s, u"--email"_s, createMail->item().url().toString()},
                              m_env);
        // THEN it is registered with its subject, and stays in KMail's folder too
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QString actNumber = QRegularExpression(u"ВХ-2026/\\d{4}"_s).match(run.out).captured(0);
        QCOMPARE(shown(actNumber).value(u"subject"_s).toString(), u"Act"_s);
        auto stillThere = new Akonadi::ItemFetchJob(createMail->item());
        QVERIFY(stillThere->exec());
        QCOMPARE(stillThere->items().size(), 1);
    }

    void shouldNotReportALetterRegisteredWhileItsFolderCannotWriteIt()
    {
        // GIVEN the register's maildir resource does not write (offline)
        QString error;
        const auto folder = Crm::registerFolderNow(Crm::CollectionLocator::Mode::FindOnly, &error);
        QVERIFY2(folder, qPrintable(error));
        Akonadi::AgentInstance resource = Akonadi::AgentManager::self()->instance(folder->resource());
        QVERIFY(resource.isValid());
        const QString maildir = Crm::CollectionLocator::defaultStoragePath(Crm::CollectionLocator::Store::Register);
        QTRY_COMPARE_WITH_TIMEOUT(messageFiles(maildir).size(), int(listJson({}).size()), 10000);
        const int filesBefore = messageFiles(maildir).size();
        resource.setIsOnline(false);
        QTRY_VERIFY(!Akonadi::AgentManager::self()->instance(folder->resource()).isOnline());
        // WHEN a letter is registered
        auto run = CrmTest::crmctl({u"letter"_s,
                                    u"register"_s,
                                    u"--direction"_s,
                                    u"outgoing"_s,
                                    u"--counterparty"_s,
                                    u"Млин"_s,
                                    u"--kind"_s,
                                    u"Act"_s,
                                    u"--subject"_s,
                                    u"Поки не записано"_s},
                                   {{u"CRM_NOW"_s, u"2026-12-04T09:00:00Z"_s}, {u"CRM_WRITE_STALL_MS"_s, u"1500"_s}});
        // THEN crmctl says it is not on disk yet, naming its number, and fails
        resource.setIsOnline(true);
        QVERIFY2(run.exitCode == 1, qPrintable(run.out + run.err));
        QVERIFY2(run.err.contains(u"not written it to disk"_s) && run.err.contains(u"ВИХ-2026/"_s), qPrintable(run.err));
        QCOMPARE(messageFiles(maildir).size(), filesBefore);
        // AND once the resource works again, "store sync" gets it written, once, with its number
        const auto sync = CrmTest::crmctl({u"store"_s, u"sync"_s});
        QVERIFY2(sync.exitCode == 0, qPrintable(sync.err));
        QTRY_COMPARE_WITH_TIMEOUT(messageFiles(maildir).size(), filesBefore + 1, 10000);
        const QJsonArray found = listJson({u"--text"_s, u"Поки не записано"_s});
        QCOMPARE(found.size(), 1);
        QVERIFY(found.at(0).toObject().value(u"number"_s).toString().startsWith(u"ВИХ-2026/"_s));
    }
};

QTEST_AKONADIMAIN(LetterCtlTest)
#include "letterctltest.moc"
