// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
//
// SmtpClient against a real SMTP server on loopback (aiosmtpd, smtpsink.py)
// that speaks STARTTLS or TLS with a self-signed certificate and wants a
// login: what a firm's own server asks of the mailing agent.
#include "mailing/smtpclient.h"
#include "mailing/mailingsender.h"
#include "selfsignedcertificate.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

class SmtpClientTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_cert;
    QString m_key;
    QByteArray m_digest;
    std::unique_ptr<QProcess> m_sink;
    QString m_sinkDir;
    int m_port = 0;

    bool startSink(const QStringList &options)
    {
        stopSink();
        m_sinkDir = m_dir.filePath(u"sink-%1"_s.arg(options.join(u'-').size() + m_port));
        m_sink = std::make_unique<QProcess>();
        m_sink->start(u"python3"_s, QStringList{QStringLiteral(SMTPSINK), m_sinkDir} + options);
        if (!m_sink->waitForReadyRead(20000)) {
            qWarning() << m_sink->readAllStandardError();
            return false;
        }
        m_port = m_sink->readLine().trimmed().toInt();
        return m_port > 0;
    }

    void stopSink()
    {
        if (m_sink) {
            m_sink->kill();
            m_sink->waitForFinished(5000);
            m_sink.reset();
        }
    }

    /// What the server logged of each message it took.
    QList<QJsonObject> taken() const
    {
        QList<QJsonObject> out;
        QFile log(m_sinkDir + u"/log.jsonl"_s);
        if (log.open(QIODevice::ReadOnly)) {
            while (!log.atEnd()) {
                const QJsonObject o = QJsonDocument::fromJson(log.readLine()).object();
                if (o.contains(u"msgid"_s)) {
                    out.append(o);
                }
            }
        }
        return out;
    }

    Crm::SmtpSettings settings(Crm::SmtpSettings::Encryption encryption) const
    {
        Crm::SmtpSettings s;
        s.host = u"127.0.0.1"_s;
        s.port = quint16(m_port);
        s.encryption = encryption;
        s.requiresAuthentication = true;
        s.userName = u"olena"_s;
        s.password = u"пароль-1"_s;
        return s;
    }

    /// Sends one message; "sent", or the error that stopped it.
    static QString sendOne(const Crm::SmtpSettings &settings)
    {
        Crm::SmtpClient client;
        QString result;
        QObject::connect(&client, &Crm::SmtpClient::ready, &client, [&client] {
            client.send("sales@firm.example", "ivan@client.example", "Message-ID: <tls-1@firm.example>\r\nSubject: hello\r\n\r\nbody\r\n");
        });
        QObject::connect(&client, &Crm::SmtpClient::sent, &client, [&result] {
            result = u"sent"_s;
        });
        QObject::connect(&client, &Crm::SmtpClient::refused, &client, [&result](int code, const QString &text) {
            result = u"refused %1 %2"_s.arg(code).arg(text);
        });
        QObject::connect(&client, &Crm::SmtpClient::connectionLost, &client, [&result](const QString &error) {
            result = error;
        });
        client.open(settings);
        QElapsedTimer timer;
        timer.start();
        while (result.isEmpty() && timer.elapsed() < 20000) {
            QTest::qWait(20);
        }
        return result.isEmpty() ? u"no answer in 20 s"_s : result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_cert = m_dir.filePath(u"cert.pem"_s);
        m_key = m_dir.filePath(u"key.pem"_s);
        m_digest = makeSelfSignedCertificate(m_cert, m_key);
        QVERIFY(!m_digest.isEmpty());
    }

    void cleanup()
    {
        stopSink();
    }

    void shouldSendOverStartTlsWithALoginToATrustedCertificate()
    {
        QVERIFY(startSink({u"--cert"_s, m_cert, u"--key"_s, m_key, u"--auth"_s, u"olena:пароль-1"_s}));
        auto s = settings(Crm::SmtpSettings::Encryption::StartTls);
        s.trustedCertificate = m_digest.toUpper(); // as a user may paste it
        QCOMPARE(sendOne(s), u"sent"_s);
        const auto messages = taken();
        QCOMPARE(messages.size(), 1);
        QCOMPARE(messages.constFirst().value(u"tls"_s).toBool(), true);
        QCOMPARE(messages.constFirst().value(u"user"_s).toString(), u"olena"_s);
    }

    void shouldSendOverTlsFromTheStart()
    {
        QVERIFY(startSink({u"--cert"_s, m_cert, u"--key"_s, m_key, u"--tls"_s, u"--auth"_s, u"olena:пароль-1"_s}));
        auto s = settings(Crm::SmtpSettings::Encryption::Tls);
        s.trustedCertificate = m_digest;
        QCOMPARE(sendOne(s), u"sent"_s);
        QCOMPARE(taken().size(), 1);
        QCOMPARE(taken().constFirst().value(u"tls"_s).toBool(), true);
    }

    void shouldRefuseAnUntrustedCertificateNamingIt()
    {
        QVERIFY(startSink({u"--cert"_s, m_cert, u"--key"_s, m_key, u"--auth"_s, u"olena:пароль-1"_s}));
        const QString error = sendOne(settings(Crm::SmtpSettings::Encryption::StartTls));
        // THEN nothing went out (not even the password), and the user is told
        // which certificate to trust if the server is theirs
        QVERIFY2(error.contains(QString::fromLatin1(m_digest)), qPrintable(error));
        QVERIFY2(error.contains(u"crmctl mailing transport trust"_s), qPrintable(error));
        QCOMPARE(taken().size(), 0);
    }

    void shouldReportAWrongPasswordWithTheServersReason()
    {
        QVERIFY(startSink({u"--cert"_s, m_cert, u"--key"_s, m_key, u"--auth"_s, u"olena:пароль-1"_s}));
        auto s = settings(Crm::SmtpSettings::Encryption::StartTls);
        s.trustedCertificate = m_digest;
        s.password = u"wrong"_s;
        const QString error = sendOne(s);
        QVERIFY2(error.contains(u"535"_s), qPrintable(error));
        QCOMPARE(taken().size(), 0);
    }
};

QTEST_GUILESS_MAIN(SmtpClientTest)
#include "smtpclienttest.moc"
