// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
//
// Mailings end to end against a real SMTP server on loopback (aiosmtpd,
// smtpsink.py): crmctl makes the mailing, the mailing agent (run without
// Akonadi, CRM_MAILING_AGENT_STANDALONE) sends it, the server records what
// arrives. The agent is SIGKILLed in the middle of a mailing ten times.
#include "selfsignedcertificate.h"

#include <KMime/Message>

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>

using namespace Qt::Literals::StringLiterals;

namespace
{
struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};
} // namespace

class MailingSmtpTest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_home;
    QProcessEnvironment m_env;
    std::unique_ptr<QProcess> m_sink;
    std::unique_ptr<QProcess> m_agent;
    QString m_sinkDir;
    int m_port = 0;

    Run crmctl(const QStringList &args)
    {
        QProcess p;
        p.setProcessEnvironment(m_env);
        p.start(QStringLiteral(CRM_BIN_DIR "/crmctl"), args);
        Run run;
        if (!p.waitForFinished(60000)) {
            run.err = u"crmctl timed out"_s;
            return run;
        }
        run.exitCode = p.exitCode();
        run.out = QString::fromUtf8(p.readAllStandardOutput());
        run.err = QString::fromUtf8(p.readAllStandardError());
        return run;
    }

    bool startSink(const QStringList &extra = {})
    {
        m_sink = std::make_unique<QProcess>();
        m_sink->setProcessEnvironment(m_env);
        m_sinkDir = m_home->filePath(u"sink"_s);
        m_sink->start(u"python3"_s, QStringList{QStringLiteral(SMTPSINK), m_sinkDir} + extra);
        if (!m_sink->waitForReadyRead(20000)) {
            qWarning() << m_sink->readAllStandardError();
            return false;
        }
        m_port = m_sink->readLine().trimmed().toInt();
        return m_port > 0;
    }

    void startAgent()
    {
        m_agent = std::make_unique<QProcess>();
        m_agent->setProcessEnvironment(m_env);
        m_agent->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_agent->start(QStringLiteral(CRM_BIN_DIR "/akonadi_kontactcrm_mailing_agent"), {u"--identifier"_s, u"akonadi_kontactcrm_mailing_agent"_s});
        QVERIFY(m_agent->waitForStarted(10000));
    }

    void killAgent()
    {
        if (m_agent && m_agent->state() != QProcess::NotRunning) {
            ::kill(pid_t(m_agent->processId()), SIGKILL);
            m_agent->waitForFinished(10000);
        }
        m_agent.reset();
    }

    QJsonObject status(const QString &id)
    {
        const Run run = crmctl({u"mailing"_s, u"status"_s, id, u"--json"_s});
        return QJsonDocument::fromJson(run.out.toUtf8()).object();
    }

    /// Waits until nothing is queued, sending or waiting for a retry.
    bool waitDone(const QString &id, int timeoutMs)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs) {
            const QJsonObject s = status(id);
            if (!s.isEmpty() && s.value(u"queued"_s).toInt() == 0 && s.value(u"sending"_s).toInt() == 0 && s.value(u"deferred"_s).toInt() == 0) {
                return true;
            }
            QTest::qWait(200);
        }
        return false;
    }

    /// Recipient address -> Message-IDs received (from the sink's log).
    QHash<QString, QStringList> received()
    {
        QHash<QString, QStringList> out;
        QFile log(m_sinkDir + u"/log.jsonl"_s);
        if (!log.open(QIODevice::ReadOnly)) {
            return out;
        }
        while (!log.atEnd()) {
            const QJsonObject o = QJsonDocument::fromJson(log.readLine()).object();
            const QJsonArray rcpt = o.value(u"rcpt"_s).toArray();
            for (const auto &r : rcpt) {
                out[r.toString().toLower()].append(o.value(u"msgid"_s).toString());
            }
        }
        return out;
    }

    QString createMailing(const QStringList &addresses, QString *csvPath)
    {
        *csvPath = m_home->filePath(u"people.csv"_s);
        QFile csv(*csvPath);
        if (!csv.open(QIODevice::WriteOnly)) {
            return {};
        }
        csv.write("Name,Counterparty,Position,Email\n");
        int n = 0;
        for (const QString &a : addresses) {
            csv.write(u"Person%1 Family%1,Firm %2,manager,%3\n"_s.arg(++n).arg(n % 7).arg(a).toUtf8());
        }
        csv.close();
        const Run create = crmctl({u"mailing"_s,
                                   u"create"_s,
                                   u"--subject"_s,
                                   u"Offer for {counterparty}"_s,
                                   u"--body"_s,
                                   u"Dear {firstName|colleague},\nour prices for {counterparty}.\n"_s,
                                   u"--from"_s,
                                   u"sales@firm.example"_s,
                                   u"--priority"_s,
                                   u"high"_s,
                                   u"--json"_s});
        if (create.exitCode != 0) {
            qWarning() << create.err;
            return {};
        }
        return QJsonDocument::fromJson(create.out.toUtf8()).object().value(u"id"_s).toString();
    }

private Q_SLOTS:
    void init()
    {
        m_home = std::make_unique<QTemporaryDir>();
        m_env = QProcessEnvironment::systemEnvironment();
        m_env.insert(u"XDG_CONFIG_HOME"_s, m_home->filePath(u"config"_s));
        m_env.insert(u"XDG_DATA_HOME"_s, m_home->filePath(u"data"_s));
        m_env.insert(u"CRM_MAILINGS_DIR"_s, m_home->filePath(u"mailings"_s));
        m_env.insert(u"CRM_MAILING_AGENT_STANDALONE"_s, u"1"_s);
        m_env.insert(u"CRM_MAILING_POLL_MS"_s, u"100"_s);
        m_env.insert(u"CRM_MAILING_RETRY_MS"_s, u"300"_s);
        m_env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        m_env.insert(u"LANGUAGE"_s, u"en"_s);
    }

    void cleanup()
    {
        killAgent();
        if (m_sink) {
            m_sink->kill();
            m_sink->waitForFinished(5000);
            m_sink.reset();
        }
    }

    void shouldSayHowToSetUpATransport()
    {
        // GIVEN a mailing and no transport
        QString csv;
        const QString id = createMailing({u"a@client.example"_s}, &csv);
        QVERIFY(!id.isEmpty());
        QCOMPARE(crmctl({u"mailing"_s, u"recipients"_s, id, u"--file"_s, csv}).exitCode, 0);
        // WHEN
        const Run run = crmctl({u"mailing"_s, u"send"_s, id});
        // THEN
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"crmctl mailing transport add"_s), qPrintable(run.err));
    }

    void shouldSendEachRecipientItsOwnMessageRetryingTemporaryFailures_data()
    {
        QTest::addColumn<bool>("pipelining");
        QTest::newRow("pipelining (RFC 2920)") << true;
        QTest::newRow("one command at a time") << false;
    }

    void shouldSendEachRecipientItsOwnMessageRetryingTemporaryFailures()
    {
        QFETCH(bool, pipelining);
        // GIVEN a server, a transport, a mailing to 40 addresses with one
        // that fails for a while (4xx), one that fails for good (5xx), a
        // duplicate and an invalid one
        QVERIFY(startSink(pipelining ? QStringList() : QStringList{u"--no-pipelining"_s}));
        QCOMPARE(crmctl({u"mailing"_s, u"transport"_s, u"add"_s, u"--host"_s, u"127.0.0.1"_s, u"--port"_s, QString::number(m_port)}).exitCode, 0);
        QStringList addresses;
        for (int i = 0; i < 38; ++i) {
            addresses.append(u"person%1@client%2.example"_s.arg(i).arg(i % 5));
        }
        addresses << u"tempfail@client.example"_s << u"permfail@client.example"_s << u"PERSON1@client1.example"_s << u"not an address"_s;
        QString csv;
        const QString id = createMailing(addresses, &csv);
        QVERIFY(!id.isEmpty());
        const Run recipients = crmctl({u"mailing"_s, u"recipients"_s, id, u"--file"_s, csv});
        QVERIFY2(recipients.exitCode == 0, qPrintable(recipients.err));
        QVERIFY2(recipients.out.contains(u"40 recipients"_s), qPrintable(recipients.out));
        QVERIFY2(recipients.out.contains(u"PERSON1@client1.example (people.csv:42): a duplicate of the address from people.csv:3"_s),
                 qPrintable(recipients.out));
        // (the file's reader reports the invalid address with its line and field)
        QVERIFY2(recipients.out.contains(u"people.csv:43: record \"Person42 Family42\", field \"Email\""_s), qPrintable(recipients.out));

        // (the preview is the message one recipient gets)
        const Run preview = crmctl({u"mailing"_s, u"preview"_s, id, u"--recipient"_s, u"person7@client2.example"_s});
        QCOMPARE(preview.exitCode, 0);
        QVERIFY2(preview.out.contains(u"To: Person8 Family8 <person7@client2.example>"_s), qPrintable(preview.out));
        QVERIFY2(preview.out.contains(u"Subject: Offer for Firm 1"_s), qPrintable(preview.out));
        // (a copy is a new draft with the same recipients)
        const Run copy = crmctl({u"mailing"_s, u"copy"_s, id, u"--json"_s});
        QCOMPARE(copy.exitCode, 0);
        const QJsonObject copied = QJsonDocument::fromJson(copy.out.toUtf8()).object();
        QCOMPARE(copied.value(u"recipients"_s).toInt(), 40);
        QVERIFY(copied.value(u"id"_s).toString() != id);
        QCOMPARE(status(copied.value(u"id"_s).toString()).value(u"control"_s).toString(), u"draft"_s);

        // WHEN the agent sends it
        QCOMPARE(crmctl({u"mailing"_s, u"send"_s, id}).exitCode, 0);
        startAgent();
        QVERIFY(waitDone(id, 30000));

        // THEN each good address got exactly one message, the 4xx one after a retry
        const QJsonObject s = status(id);
        QCOMPARE(s.value(u"sent"_s).toInt(), 39);
        QCOMPARE(s.value(u"failed"_s).toInt(), 1);
        QCOMPARE(s.value(u"uncertain"_s).toInt(), 0);
        const QJsonArray list = s.value(u"recipients"_s).toArray();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.at(0).toObject().value(u"email"_s).toString(), u"permfail@client.example"_s);
        QVERIFY2(list.at(0).toObject().value(u"reason"_s).toString().contains(u"no such user here"_s),
                 qPrintable(list.at(0).toObject().value(u"reason"_s).toString()));
        const auto got = received();
        QCOMPARE(got.size(), 39);
        for (const QString &a : std::as_const(addresses).mid(0, 39)) {
            QCOMPARE(got.value(a.toLower()).size(), 1);
        }
        const Run all = crmctl({u"mailing"_s, u"status"_s, id, u"--all"_s, u"--json"_s});
        const QJsonArray every = QJsonDocument::fromJson(all.out.toUtf8()).object().value(u"recipients"_s).toArray();
        for (const auto &v : every) {
            if (v.toObject().value(u"email"_s).toString() == u"tempfail@client.example"_s) {
                QCOMPARE(v.toObject().value(u"attempts"_s).toInt(), 2);
                QCOMPARE(v.toObject().value(u"state"_s).toString(), u"sent"_s);
            }
        }

        // and no message names another recipient
        const QStringList files = QDir(m_sinkDir).entryList({u"*.eml"_s});
        QCOMPARE(files.size(), 39);
        QSet<QByteArray> ids;
        for (const QString &f : files) {
            QFile file(m_sinkDir + u'/' + f);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray raw = file.readAll();
            KMime::Message::Ptr message(new KMime::Message);
            message->setContent(KMime::CRLFtoLF(raw));
            message->parse();
            QCOMPARE(message->to()->mailboxes().size(), 1);
            const QByteArray mine = message->to()->mailboxes().constFirst().address().toLower();
            QVERIFY(!message->cc(false) || message->cc(false)->mailboxes().isEmpty());
            for (const QString &other : std::as_const(addresses)) {
                const QByteArray o = other.toLower().toUtf8();
                if (o != mine && o.contains('@')) {
                    QVERIFY2(!raw.toLower().contains(o), qPrintable(f + u" names "_s + other));
                }
            }
            QVERIFY(message->headerByType("List-Unsubscribe"));
            QCOMPARE(message->headerByType("X-Priority")->asUnicodeString(), u"2 (High)"_s);
            QVERIFY(!ids.contains(message->messageID()->identifier()));
            ids.insert(message->messageID()->identifier());
        }
    }

    void shouldSendEachRecipientOnceAcrossTenKills()
    {
        // GIVEN a mailing to 2,000 recipients and a server that takes a
        // moment over each message
        QVERIFY(startSink({u"--data-delay-ms"_s, u"2"_s}));
        QCOMPARE(crmctl({u"mailing"_s, u"transport"_s, u"add"_s, u"--host"_s, u"127.0.0.1"_s, u"--port"_s, QString::number(m_port)}).exitCode, 0);
        QStringList addresses;
        for (int i = 0; i < 2000; ++i) {
            addresses.append(u"r%1@client.example"_s.arg(i));
        }
        QString csv;
        const QString id = createMailing(addresses, &csv);
        QVERIFY(!id.isEmpty());
        QCOMPARE(crmctl({u"mailing"_s, u"recipients"_s, id, u"--file"_s, csv}).exitCode, 0);
        QCOMPARE(crmctl({u"mailing"_s, u"send"_s, id}).exitCode, 0);

        // WHEN the agent is killed ten times while it sends
        int kills = 0;
        int lastCount = 0;
        while (kills < 10) {
            startAgent();
            // Let it send some: until the server has more than before, then a random moment.
            QElapsedTimer timer;
            timer.start();
            while (received().size() <= lastCount + 20 && timer.elapsed() < 20000) {
                QTest::qWait(20);
            }
            QTest::qWait(int(QRandomGenerator::global()->bounded(50, 250)));
            killAgent();
            ++kills;
            lastCount = received().size();
            QVERIFY2(lastCount < 2000, "the mailing ended before ten kills: make the server slower");
        }
        startAgent();
        QVERIFY(waitDone(id, 50000));

        // THEN every recipient has exactly one copy or is reported uncertain;
        // none has two; none is lost
        const Run all = crmctl({u"mailing"_s, u"status"_s, id, u"--all"_s, u"--json"_s});
        const QJsonObject s = QJsonDocument::fromJson(all.out.toUtf8()).object();
        QCOMPARE(s.value(u"total"_s).toInt(), 2000);
        QCOMPARE(s.value(u"sent"_s).toInt() + s.value(u"uncertain"_s).toInt(), 2000);
        QCOMPARE(s.value(u"failed"_s).toInt(), 0);
        const auto got = received();
        const QJsonArray list = s.value(u"recipients"_s).toArray();
        QCOMPARE(list.size(), 2000);
        int uncertainReceived = 0;
        for (const auto &v : list) {
            const QJsonObject r = v.toObject();
            const QString email = r.value(u"email"_s).toString();
            const int copies = int(got.value(email).size());
            QVERIFY2(copies <= 1, qPrintable(email + u" got "_s + QString::number(copies)));
            if (r.value(u"state"_s).toString() == u"sent"_s) {
                QVERIFY2(copies == 1, qPrintable(email + u" is sent but the server has none"_s));
            } else {
                QCOMPARE(r.value(u"state"_s).toString(), u"uncertain"_s);
                uncertainReceived += copies;
            }
        }
        qInfo() << "after 10 kills:" << s.value(u"sent"_s).toInt() << "sent," << s.value(u"uncertain"_s).toInt() << "uncertain, of which" << uncertainReceived
                << "had arrived";
        QVERIFY(s.value(u"uncertain"_s).toInt() <= 10); // at most one in flight per kill

        // WHEN the user says to send the uncertain ones again
        QCOMPARE(crmctl({u"mailing"_s, u"resume"_s, id, u"--resend-uncertain"_s}).exitCode, 0);
        QVERIFY(waitDone(id, 20000));
        QTRY_COMPARE_WITH_TIMEOUT(status(id).value(u"sent"_s).toInt(), 2000, 10000);
        // THEN every recipient has its message (those that had arrived, twice: the user's choice)
        const auto after = received();
        for (const QString &a : std::as_const(addresses)) {
            QVERIFY(!after.value(a).isEmpty());
        }
    }

    void shouldSendThroughAServerWhoseCertificateTheUserTrusts()
    {
        // GIVEN a firm's own server: STARTTLS with a self-signed certificate
        const QString cert = m_home->filePath(u"cert.pem"_s);
        const QString key = m_home->filePath(u"key.pem"_s);
        const QByteArray digest = makeSelfSignedCertificate(cert, key);
        QVERIFY(!digest.isEmpty());
        QVERIFY(startSink({u"--cert"_s, cert, u"--key"_s, key}));
        const Run add = crmctl({u"mailing"_s,
                                u"transport"_s,
                                u"add"_s,
                                u"--host"_s,
                                u"127.0.0.1"_s,
                                u"--port"_s,
                                QString::number(m_port),
                                u"--encryption"_s,
                                u"starttls"_s,
                                u"--name"_s,
                                u"Firm"_s,
                                u"--json"_s});
        QCOMPARE(add.exitCode, 0);
        // WHEN the user trusts it (a bad fingerprint is refused by name)
        Run trust = crmctl({u"mailing"_s, u"transport"_s, u"trust"_s, u"Firm"_s, u"12ab"_s});
        QCOMPARE(trust.exitCode, 1);
        QVERIFY2(trust.err.contains(u"12ab"_s), qPrintable(trust.err));
        trust = crmctl({u"mailing"_s, u"transport"_s, u"trust"_s, u"Firm"_s, QString::fromLatin1(digest)});
        QVERIFY2(trust.exitCode == 0, qPrintable(trust.err));
        // THEN a mailing goes out through it, encrypted
        QString csv;
        const QString id = createMailing({u"a@client.example"_s, u"b@client.example"_s}, &csv);
        QCOMPARE(crmctl({u"mailing"_s, u"recipients"_s, id, u"--file"_s, csv}).exitCode, 0);
        startAgent();
        QCOMPARE(crmctl({u"mailing"_s, u"send"_s, id}).exitCode, 0);
        QVERIFY(waitDone(id, 30000));
        QCOMPARE(status(id).value(u"sent"_s).toInt(), 2);
        QFile log(m_sinkDir + u"/log.jsonl"_s);
        QVERIFY(log.open(QIODevice::ReadOnly));
        int encrypted = 0;
        while (!log.atEnd()) {
            const QJsonObject o = QJsonDocument::fromJson(log.readLine()).object();
            encrypted += o.value(u"tls"_s).toBool() ? 1 : 0;
        }
        QCOMPARE(encrypted, 2);
    }

    void shouldLeaveOutTheOptedOut()
    {
        // GIVEN a mailing, and an opt-out list in the settings
        QString csv;
        const QString id = createMailing({u"a@client.example"_s, u"Gone@Client.example"_s, u"c@client.example"_s}, &csv);
        QVERIFY(!id.isEmpty());
        QFile list(m_home->filePath(u"optout.txt"_s));
        QVERIFY(list.open(QIODevice::WriteOnly));
        list.write("gone@client.example\n");
        list.close();
        QFile rc(m_home->filePath(u"config/kontactcrmrc"_s));
        QVERIFY(rc.open(QIODevice::Append));
        rc.write("\n[Mailing]\nOptOutFile=" + list.fileName().toUtf8() + "\n");
        rc.close();
        // WHEN the recipients are set: the one on the list is left out, and said so
        Run run = crmctl({u"mailing"_s, u"recipients"_s, id, u"--file"_s, csv});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(QString(run.out + run.err).contains(u"opt-out"_s), qPrintable(run.out + run.err));
        QCOMPARE(status(id).value(u"total"_s).toInt(), 2);
        // THEN an --opt-out file given replaces the settings' one, and one that cannot be read is named
        run = crmctl({u"mailing"_s, u"recipients"_s, id, u"--file"_s, csv, u"--opt-out"_s, m_home->filePath(u"none.txt"_s)});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"--opt-out"_s) && run.err.contains(u"none.txt"_s), qPrintable(run.err));
        QCOMPARE(status(id).value(u"total"_s).toInt(), 2);
        const QString empty = m_home->filePath(u"empty.txt"_s);
        QVERIFY(QFile(empty).open(QIODevice::WriteOnly));
        QCOMPARE(crmctl({u"mailing"_s, u"recipients"_s, id, u"--file"_s, csv, u"--opt-out"_s, empty}).exitCode, 0);
        QCOMPARE(status(id).value(u"total"_s).toInt(), 3);
    }

    void shouldHoldToTheLimitsAcrossARestart()
    {
        // GIVEN at most 2 messages a minute and 3 an hour, and a clock the test steps
        QVERIFY(startSink());
        QCOMPARE(crmctl({u"mailing"_s, u"transport"_s, u"add"_s, u"--host"_s, u"127.0.0.1"_s, u"--port"_s, QString::number(m_port)}).exitCode, 0);
        QFile rc(m_home->filePath(u"config/kontactcrmrc"_s));
        QVERIFY(rc.open(QIODevice::Append));
        rc.write("\n[Mailing]\nPerMinute=2\nPerHour=3\n");
        rc.close();
        const QString clock = m_home->filePath(u"now"_s);
        auto setNow = [&](const char *now) {
            QFile file(clock);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(now);
        };
        setNow("2026-11-20T10:00:00Z");
        m_env.insert(u"CRM_NOW_FILE"_s, clock);
        QString csv;
        const QString id =
            createMailing({u"a@client.example"_s, u"b@client.example"_s, u"c@client.example"_s, u"d@client.example"_s, u"e@client.example"_s}, &csv);
        QCOMPARE(crmctl({u"mailing"_s, u"recipients"_s, id, u"--file"_s, csv}).exitCode, 0);
        QCOMPARE(crmctl({u"mailing"_s, u"send"_s, id}).exitCode, 0);
        // WHEN sent: the minute's 2 go, then the sending waits
        startAgent();
        QTRY_COMPARE_WITH_TIMEOUT(int(received().size()), 2, 20000);
        QTest::qWait(1500);
        QCOMPARE(int(received().size()), 2);
        QCOMPARE(QDateTime::fromString(status(id).value(u"heldBackUntil"_s).toString(), Qt::ISODate),
                 QDateTime::fromString(u"2026-11-20T10:01:00Z"_s, Qt::ISODate));
        const Run text = crmctl({u"mailing"_s, u"status"_s, id});
        QVERIFY2(text.out.contains(u"limits hold the next message back"_s), qPrintable(text.out));
        // a minute later one more goes, and the hour's limit holds the rest
        setNow("2026-11-20T10:01:01Z");
        QTRY_COMPARE_WITH_TIMEOUT(int(received().size()), 3, 10000);
        QTest::qWait(1500);
        QCOMPARE(int(received().size()), 3);
        // THEN an agent killed and started again still counts the hour's 3
        killAgent();
        startAgent();
        QTest::qWait(2500);
        QCOMPARE(int(received().size()), 3);
        QCOMPARE(status(id).value(u"queued"_s).toInt(), 2);
        // and once the first sends are an hour old, the last two go, each once
        setNow("2026-11-20T11:00:01Z");
        QVERIFY(waitDone(id, 20000));
        const auto got = received();
        QCOMPARE(int(got.size()), 5);
        for (auto it = got.cbegin(); it != got.cend(); ++it) {
            QCOMPARE(it.value().size(), 1);
        }
        QVERIFY(status(id).value(u"heldBackUntil"_s).toString().isEmpty());
    }

    void shouldPauseAndResume()
    {
        // GIVEN a mailing being sent slowly
        QVERIFY(startSink({u"--data-delay-ms"_s, u"5"_s}));
        QCOMPARE(crmctl({u"mailing"_s, u"transport"_s, u"add"_s, u"--host"_s, u"127.0.0.1"_s, u"--port"_s, QString::number(m_port)}).exitCode, 0);
        QStringList addresses;
        for (int i = 0; i < 400; ++i) {
            addresses.append(u"p%1@client.example"_s.arg(i));
        }
        QString csv;
        const QString id = createMailing(addresses, &csv);
        QCOMPARE(crmctl({u"mailing"_s, u"recipients"_s, id, u"--file"_s, csv}).exitCode, 0);
        QCOMPARE(crmctl({u"mailing"_s, u"send"_s, id}).exitCode, 0);
        startAgent();
        QTRY_VERIFY_WITH_TIMEOUT(received().size() > 10, 20000);
        // WHEN paused
        QCOMPARE(crmctl({u"mailing"_s, u"pause"_s, id}).exitCode, 0);
        QTest::qWait(1000);
        const int atPause = int(received().size());
        QTest::qWait(1000);
        // THEN nothing more goes out
        QCOMPARE(int(received().size()), atPause);
        QVERIFY(atPause < 400);
        QCOMPARE(status(id).value(u"control"_s).toString(), u"paused"_s);
        // WHEN resumed, the rest goes
        QCOMPARE(crmctl({u"mailing"_s, u"resume"_s, id}).exitCode, 0);
        QVERIFY(waitDone(id, 30000));
        QCOMPARE(status(id).value(u"sent"_s).toInt(), 400);
        QCOMPARE(int(received().size()), 400);
    }
};

QTEST_GUILESS_MAIN(MailingSmtpTest)
#include "mailingsmtptest.moc"
