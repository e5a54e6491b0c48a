// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
//
// The mailing agent as Akonadi starts it (not the standalone mode of the
// SMTP test): crmctl makes a mailing, the agent sends it to a real SMTP
// server on loopback (smtpsink.py) and files a copy of each message in the
// Sent folder of Akonadi's special mail collections, as KMail does.
#include <Akonadi/AgentInstanceCreateJob>
#include <Akonadi/Control>
#include <Akonadi/ItemFetchJob>
#include <Akonadi/ItemFetchScope>
#include <Akonadi/MessageFlags>
#include <Akonadi/ServerManager>
#include <Akonadi/Session>
#include <Akonadi/SpecialMailCollections>
#include <Akonadi/SpecialMailCollectionsRequestJob>
#include <KMime/Message>
#include <akonadi/qtest_akonadi.h>

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

class MailingAgentTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;
    std::unique_ptr<QProcess> m_sink;
    QString m_sinkDir;

    static QString crmctl(const QStringList &args, int *exitCode = nullptr)
    {
        QProcess p;
        p.start(QStringLiteral(CRM_BIN_DIR "/crmctl"), args);
        p.waitForFinished(60000);
        if (exitCode) {
            *exitCode = p.exitCode();
        }
        if (p.exitCode() != 0) {
            qWarning() << args << p.readAllStandardError();
        }
        return QString::fromUtf8(p.readAllStandardOutput());
    }

    static QJsonObject status(const QString &id)
    {
        return QJsonDocument::fromJson(crmctl({u"mailing"_s, u"status"_s, id, u"--json"_s}).toUtf8()).object();
    }

    /// The Message-IDs the SMTP server took.
    QSet<QString> received() const
    {
        QSet<QString> ids;
        QFile log(m_sinkDir + u"/log.jsonl"_s);
        if (log.open(QIODevice::ReadOnly)) {
            while (!log.atEnd()) {
                const QJsonObject o = QJsonDocument::fromJson(log.readLine()).object();
                if (o.contains(u"msgid"_s)) {
                    ids.insert(o.value(u"msgid"_s).toString());
                }
            }
        }
        return ids;
    }

    static Akonadi::Item::List sentFolder()
    {
        auto request = new Akonadi::SpecialMailCollectionsRequestJob;
        request->requestDefaultCollection(Akonadi::SpecialMailCollections::SentMail);
        if (!request->exec()) {
            qWarning() << request->errorString();
            return {};
        }
        // A session (a server connection) of its own per look: on PostgreSQL
        // the server may meet a deadlock between a fetch (which updates the
        // items' access time) and the resource's writes, and its retry leaves
        // that connection in an aborted transaction, failing all it is asked
        // after ("current transaction is aborted", seen in a suite run).
        Akonadi::Session session("mailingagenttest-sent");
        auto fetch = new Akonadi::ItemFetchJob(request->collection(), &session);
        fetch->fetchScope().fetchFullPayload();
        return fetch->exec() ? fetch->items() : Akonadi::Item::List();
    }

private Q_SLOTS:
    void initTestCase()
    {
        AkonadiTest::checkTestIsIsolated();
        QVERIFY(Akonadi::Control::start());
        m_sink = std::make_unique<QProcess>();
        m_sinkDir = m_home.filePath(u"sink"_s);
        m_sink->start(u"python3"_s, {QStringLiteral(SMTPSINK), m_sinkDir});
        QVERIFY(m_sink->waitForReadyRead(20000));
        const int port = m_sink->readLine().trimmed().toInt();
        QVERIFY(port > 0);
        int exitCode = -1;
        crmctl({u"mailing"_s, u"transport"_s, u"add"_s, u"--host"_s, u"127.0.0.1"_s, u"--port"_s, QString::number(port)}, &exitCode);
        QCOMPARE(exitCode, 0);

        auto job = new Akonadi::AgentInstanceCreateJob(u"akonadi_kontactcrm_mailing_agent"_s);
        QVERIFY2(job->exec(), qPrintable(job->errorString()));
        // The agent's stable name carries the Akonadi instance, as Akonadi's
        // own names do: the agents of two instances on one session bus (the
        // pgsql and sqlite runs of this test) must not answer for each other.
        QVERIFY(Akonadi::ServerManager::hasInstanceIdentifier());
        const QString agentName = u"org.kde.kontactcrm.MailingAgent."_s + Akonadi::ServerManager::instanceIdentifier();
        QTRY_VERIFY_WITH_TIMEOUT(QDBusConnection::sessionBus().interface()->isServiceRegistered(agentName), 60000);
    }

    void cleanupTestCase()
    {
        if (m_sink) {
            m_sink->kill();
            m_sink->waitForFinished(5000);
        }
    }

    void shouldFileACopyOfEachSentMessageInTheSentFolder()
    {
        // GIVEN a mailing to 30 people
        QFile csv(m_home.filePath(u"people.csv"_s));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("Name,Counterparty,Email\n");
        for (int n = 1; n <= 30; ++n) {
            csv.write(u"Person%1 Family%1,Firm %1,person%1@client.example\n"_s.arg(n).toUtf8());
        }
        csv.close();
        const QString id = QJsonDocument::fromJson(crmctl({u"mailing"_s,
                                                           u"create"_s,
                                                           u"--subject"_s,
                                                           u"Offer for {counterparty}"_s,
                                                           u"--body"_s,
                                                           u"Dear {fullName}"_s,
                                                           u"--from"_s,
                                                           u"sales@firm.example"_s,
                                                           u"--json"_s})
                                                       .toUtf8())
                               .object()
                               .value(u"id"_s)
                               .toString();
        QVERIFY(!id.isEmpty());
        int exitCode = -1;
        crmctl({u"mailing"_s, u"recipients"_s, id, u"--file"_s, csv.fileName()}, &exitCode);
        QCOMPARE(exitCode, 0);

        // WHEN it is sent through the agent
        crmctl({u"mailing"_s, u"send"_s, id}, &exitCode);
        QCOMPARE(exitCode, 0);
        QTRY_VERIFY_WITH_TIMEOUT(status(id).value(u"sent"_s).toInt() == 30, 60000);
        QCOMPARE(received().size(), 30);

        // THEN the Sent folder holds each message once, read, to one recipient,
        // the same Message-IDs the server took
        Akonadi::Item::List sent;
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 60000 && (sent = sentFolder()).size() < 30) {
            QTest::qWait(200);
        }
        QCOMPARE(sent.size(), 30);
        QSet<QString> filed;
        for (const Akonadi::Item &item : std::as_const(sent)) {
            QVERIFY(item.hasPayload<KMime::Message::Ptr>());
            const auto message = item.payload<KMime::Message::Ptr>();
            filed.insert(u"<%1>"_s.arg(QString::fromLatin1(message->messageID()->identifier())));
            QCOMPARE(message->to()->mailboxes().size(), 1);
            QVERIFY(message->subject()->asUnicodeString().startsWith(u"Offer for Firm "_s));
            QVERIFY(item.hasFlag(Akonadi::MessageFlags::Seen));
        }
        QCOMPARE(filed, received());
    }
};

QTEST_AKONADIMAIN(MailingAgentTest)
#include "mailingagenttest.moc"
