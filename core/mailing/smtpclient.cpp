// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "smtpclient.h"

#include "mailing/mailingsender.h"

#include <KLocalizedString>

#include <QCryptographicHash>
#include <QHostInfo>
#include <QSslCertificate>
#include <QSslError>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

SmtpClient::SmtpClient(QObject *parent)
    : QObject(parent)
{
    m_timeout.setSingleShot(true);
    m_timeout.setInterval(60000);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        fail(i18nc("@info", "The SMTP server did not answer in time"));
    });
}

SmtpClient::~SmtpClient() = default;

SmtpClient::State SmtpClient::state() const
{
    return m_state;
}

bool SmtpClient::dataSent() const
{
    return m_dataSent;
}

void SmtpClient::setTimeoutMs(int ms)
{
    m_timeout.setInterval(ms);
}

void SmtpClient::open(const SmtpSettings &settings)
{
    m_socket = std::make_unique<QSslSocket>();
    m_buffer.clear();
    m_replyText.clear();
    m_capabilities.clear();
    m_host = (settings.localHostname.isEmpty() ? QHostInfo::localHostName() : settings.localHostname).toUtf8();
    if (m_host.isEmpty()) {
        m_host = "localhost";
    }
    m_auth = settings.requiresAuthentication;
    m_user = settings.userName.toUtf8();
    m_password = settings.password.toUtf8();
    m_trustedCertificate = settings.trustedCertificate;
    m_startTls = settings.encryption == SmtpSettings::Encryption::StartTls;
    m_state = State::Connecting;
    m_step = Step::Greeting;
    connect(m_socket.get(), &QSslSocket::readyRead, this, &SmtpClient::onReadyRead);
    connect(m_socket.get(), &QAbstractSocket::disconnected, this, [this] {
        if (m_state != State::Disconnected && m_state != State::Quitting) {
            fail(i18nc("@info", "The SMTP server closed the connection"));
        }
        m_state = State::Disconnected;
    });
    connect(m_socket.get(), &QAbstractSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        if (m_state != State::Disconnected && m_state != State::Quitting) {
            fail(m_socket->errorString());
        }
    });
    connect(m_socket.get(), &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        const QByteArray digest = m_socket->peerCertificate().digest(QCryptographicHash::Sha256).toHex();
        if (!m_trustedCertificate.isEmpty() && digest == m_trustedCertificate.toLower()) {
            m_socket->ignoreSslErrors(errors); // the very certificate the user trusts
            return;
        }
        QStringList reasons;
        for (const QSslError &e : errors) {
            reasons.append(e.errorString());
        }
        fail(i18nc("@info",
                   "The SMTP server's certificate is not trusted (%1). If the server is yours, trust its certificate with \"crmctl mailing transport "
                   "trust TRANSPORT %2\".",
                   reasons.join(u"; "_s),
                   QString::fromLatin1(digest)));
    });
    connect(m_socket.get(), &QSslSocket::encrypted, this, [this] {
        if (m_step == Step::StartTls) {
            command("EHLO " + m_host, Step::EhloAfterTls);
        }
    });
    m_timeout.start();
    if (settings.encryption == SmtpSettings::Encryption::Tls) {
        m_socket->connectToHostEncrypted(settings.host, settings.port);
    } else {
        m_socket->connectToHost(settings.host, settings.port);
    }
}

void SmtpClient::command(const QByteArray &line, Step next)
{
    m_step = next;
    m_timeout.start();
    m_socket->write(line + "\r\n");
}

void SmtpClient::onReadyRead()
{
    m_buffer += m_socket->readAll();
    qsizetype eol = -1;
    while ((eol = m_buffer.indexOf("\r\n")) >= 0) {
        const QByteArray line = m_buffer.left(eol);
        m_buffer.remove(0, eol + 2);
        if (line.size() < 3) {
            continue;
        }
        const int code = line.left(3).toInt();
        const QByteArray text = line.mid(4);
        if (line.size() > 3 && line.at(3) == '-') {
            m_replyText += text + '\n';
            continue;
        }
        const QByteArray whole = m_replyText + text;
        m_replyText.clear();
        onReply(code, whole);
        if (!m_socket) {
            return;
        }
    }
}

void SmtpClient::afterEhlo()
{
    if (m_startTls && !m_socket->isEncrypted()) {
        if (!m_capabilities.contains(u"STARTTLS"_s, Qt::CaseInsensitive)) {
            fail(i18nc("@info", "The SMTP server does not offer STARTTLS"));
            return;
        }
        command("STARTTLS", Step::StartTls);
        return;
    }
    if (m_auth) {
        QString mechanisms;
        for (const QString &c : std::as_const(m_capabilities)) {
            if (c.startsWith(u"AUTH"_s, Qt::CaseInsensitive)) {
                mechanisms += c.toUpper() + u' ';
            }
        }
        if (mechanisms.contains(u" PLAIN"_s) || !mechanisms.contains(u" LOGIN"_s)) {
            const QByteArray credentials = QByteArray(1, '\0') + m_user + QByteArray(1, '\0') + m_password;
            command("AUTH PLAIN " + credentials.toBase64(), Step::AuthPlain);
        } else {
            command("AUTH LOGIN", Step::AuthLoginUser);
        }
        return;
    }
    m_timeout.stop();
    m_state = State::Ready;
    Q_EMIT ready();
}

void SmtpClient::onReply(int code, const QByteArray &text)
{
    m_timeout.stop();
    const bool ok2 = code / 100 == 2;
    switch (m_step) {
    case Step::Greeting:
        if (code != 220) {
            fail(i18nc("@info", "The SMTP server refused the connection: %1 %2", code, QString::fromUtf8(text)));
            return;
        }
        command("EHLO " + m_host, Step::Ehlo);
        return;
    case Step::Ehlo:
    case Step::EhloAfterTls:
        if (!ok2) {
            fail(i18nc("@info", "The SMTP server refused EHLO: %1 %2", code, QString::fromUtf8(text)));
            return;
        }
        m_capabilities = QString::fromUtf8(text).split(u'\n');
        afterEhlo();
        return;
    case Step::StartTls:
        if (code != 220) {
            fail(i18nc("@info", "The SMTP server refused STARTTLS: %1 %2", code, QString::fromUtf8(text)));
            return;
        }
        m_timeout.start();
        m_socket->startClientEncryption();
        return;
    case Step::AuthLoginUser:
        if (code != 334) {
            fail(i18nc("@info", "Login to the SMTP server failed: %1 %2", code, QString::fromUtf8(text)));
            return;
        }
        command(m_user.toBase64(), Step::AuthLoginPassword);
        return;
    case Step::AuthLoginPassword:
        if (code != 334) {
            fail(i18nc("@info", "Login to the SMTP server failed: %1 %2", code, QString::fromUtf8(text)));
            return;
        }
        command(m_password.toBase64(), Step::AuthLoginDone);
        return;
    case Step::AuthPlain:
    case Step::AuthLoginDone:
        if (code != 235) {
            fail(i18nc("@info", "Login to the SMTP server failed: %1 %2", code, QString::fromUtf8(text)));
            return;
        }
        m_auth = false;
        afterEhlo();
        return;
    case Step::Mail:
        if (m_pipelined) {
            // MAIL, RCPT and DATA went together: their answers come in order.
            if (!ok2) {
                noteRefusal(code, text);
            }
            m_step = Step::Rcpt;
            m_timeout.start();
            return;
        }
        if (!ok2) {
            refuse(code, text);
            return;
        }
        command("RCPT TO:<" + m_to + '>', Step::Rcpt);
        return;
    case Step::Rcpt:
        if (m_pipelined) {
            if (!ok2) {
                noteRefusal(code, text);
            }
            m_step = Step::Data;
            m_timeout.start();
            return;
        }
        if (!ok2) {
            refuse(code, text);
            return;
        }
        command("DATA", Step::Data);
        return;
    case Step::DataAbort:
        refuse(m_refusedCode, m_refusedText);
        return;
    case Step::Data: {
        if (m_pipelined && m_refusedCode != 0) {
            if (code == 354) {
                command(".", Step::DataAbort); // an empty message ends the transaction, then RSET
                return;
            }
            refuse(m_refusedCode, m_refusedText);
            return;
        }
        if (code != 354) {
            refuse(code, text);
            return;
        }
        // Dot-stuffing (RFC 5321 4.5.2), then the end of the data.
        QByteArray body = m_data;
        if (body.startsWith('.')) {
            body.prepend('.');
        }
        body.replace("\r\n.", "\r\n..");
        if (!body.endsWith("\r\n")) {
            body += "\r\n";
        }
        m_dataSent = true;
        m_step = Step::DataEnd;
        m_timeout.start();
        m_socket->write(body + ".\r\n");
        m_socket->flush(); // on its way now: the server works while the caller prepares the next
        m_data.clear();
        Q_EMIT contentSent();
        return;
    }
    case Step::DataEnd:
        if (!ok2) {
            refuse(code, text);
            return;
        }
        m_step = Step::None;
        m_state = State::Ready;
        m_dataSent = false;
        Q_EMIT sent();
        return;
    case Step::Rset: {
        m_step = Step::None;
        m_state = State::Ready;
        const int pending = std::exchange(m_pendingCode, 0);
        Q_EMIT refused(pending, QString::fromUtf8(std::exchange(m_pendingText, {})));
        return;
    }
    case Step::Quit:
        m_socket->disconnectFromHost();
        return;
    case Step::None:
        if (code == 421) {
            fail(QString::fromUtf8(text));
        }
        return;
    }
}

void SmtpClient::noteRefusal(int code, const QByteArray &text)
{
    if (m_refusedCode == 0) {
        m_refusedCode = code;
        m_refusedText = text;
    }
}

void SmtpClient::refuse(int code, const QByteArray &text)
{
    m_dataSent = false;
    const QString reason = QString::number(code) + u' ' + QString::fromUtf8(text).replace(u'\n', u' ');
    if (code == 421) {
        // The server closes the connection: nothing was delivered.
        m_state = State::Quitting;
        m_socket->disconnectFromHost();
        m_state = State::Disconnected;
        m_step = Step::None;
        Q_EMIT refused(code, reason);
        return;
    }
    // Leave the connection ready for the next message.
    m_pendingCode = code;
    m_pendingText = reason.toUtf8();
    command("RSET", Step::Rset);
}

void SmtpClient::send(const QByteArray &from, const QByteArray &to, const QByteArray &data)
{
    m_state = State::Sending;
    m_to = to;
    m_data = data;
    m_dataSent = false;
    m_refusedCode = 0;
    m_refusedText.clear();
    // RFC 2920: with PIPELINING offered, MAIL, RCPT and DATA go in one
    // write, saving two round trips a message.
    m_pipelined = m_capabilities.contains(u"PIPELINING"_s, Qt::CaseInsensitive);
    if (m_pipelined) {
        m_step = Step::Mail;
        m_timeout.start();
        m_socket->write("MAIL FROM:<" + from + ">\r\nRCPT TO:<" + to + ">\r\nDATA\r\n");
    } else {
        command("MAIL FROM:<" + from + '>', Step::Mail);
    }
    m_socket->flush(); // on its way before the caller syncs its journal
}

void SmtpClient::abort()
{
    m_timeout.stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
    m_state = State::Disconnected;
    m_step = Step::None;
    m_data.clear();
}

void SmtpClient::quit()
{
    if (!m_socket || m_state == State::Disconnected) {
        return;
    }
    m_state = State::Quitting;
    command("QUIT", Step::Quit);
    // Do not wait for the answer longer than a moment.
    QTimer::singleShot(2000, this, [this] {
        if (m_socket) {
            m_socket->abort();
        }
        m_state = State::Disconnected;
    });
}

void SmtpClient::fail(const QString &error)
{
    m_timeout.stop();
    if (m_state == State::Disconnected) {
        return;
    }
    m_state = State::Disconnected;
    m_step = Step::None;
    if (m_socket) {
        m_socket->abort();
    }
    Q_EMIT connectionLost(error);
}

} // namespace Crm
