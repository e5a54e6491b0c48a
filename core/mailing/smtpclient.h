// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmcore_export.h"

#include <QByteArray>
#include <QObject>
#include <QSslSocket>
#include <QStringList>
#include <QTimer>

#include <memory>

namespace Crm
{

struct SmtpSettings;

/// One SMTP connection kept open for many messages (RFC 5321): EHLO,
/// STARTTLS or TLS, AUTH PLAIN or LOGIN, then MAIL/RCPT/DATA per message
/// (in one write when the server offers PIPELINING, RFC 2920), RSET after a
/// refused one.
///
/// Why not KSMTP: a KSmtp::Session (KDE PIM 24.12) kept open stalls on its
/// second SendJob: the server's reply to the second MAIL FROM arrives
/// (seen on the server) and is never handed to the job, so the job never
/// ends. MailTransport's SmtpJob keeps a session only while another
/// SmtpJob lives and drops it on any error, so in practice KMail opens a
/// connection per message, and KSMTP never meets this case. KSMTP also
/// reports a refusal by its text only, without the reply code. This client
/// keeps the code, and the tests and the benchmark run it against a real
/// server (aiosmtpd).
class KONTACTCRMCORE_EXPORT SmtpClient : public QObject
{
    Q_OBJECT
public:
    enum class State {
        Disconnected,
        Connecting, ///< greeting, EHLO, STARTTLS, AUTH
        Ready,
        Sending,
        Quitting,
    };

    explicit SmtpClient(QObject *parent = nullptr);
    ~SmtpClient() override;

    void open(const SmtpSettings &settings);
    /// One message to one recipient; @p data with CRLF line ends, not yet
    /// dot-stuffed. Ends in sent() or refused() (or connectionLost()).
    ///
    /// Only the envelope (MAIL, RCPT, DATA) is written here, and flushed: the
    /// content follows the server's 354, from the event loop, never before
    /// send() returns. So the caller can make the recipient durably
    /// "sending" right after this call, while the server reads the envelope,
    /// or abort() when it cannot.
    void send(const QByteArray &from, const QByteArray &to, const QByteArray &data);
    void quit();
    /// Drops the connection at once, without QUIT: a message whose content
    /// has not gone out is not delivered.
    void abort();
    State state() const;
    /// While sending: whether DATA's content was handed over (a connection
    /// lost from then on may have delivered it).
    bool dataSent() const;
    void setTimeoutMs(int ms);

Q_SIGNALS:
    void ready();
    /// The message's content went out; its reply (sent() or refused()) follows.
    void contentSent();
    void sent();
    /// The server refused the message: its reply code (4xx temporary, 5xx
    /// permanent) and text. The connection stays usable unless @p code is 421.
    void refused(int code, const QString &text);
    /// Could not connect, log in, or the connection broke; @p error says why.
    void connectionLost(const QString &error);

private:
    enum class Step {
        None,
        Greeting,
        Ehlo,
        StartTls,
        EhloAfterTls,
        AuthPlain,
        AuthLoginUser,
        AuthLoginPassword,
        AuthLoginDone,
        Mail,
        Rcpt,
        Data,
        DataAbort,
        DataEnd,
        Rset,
        Quit,
    };
    void command(const QByteArray &line, Step next);
    void onReadyRead();
    void onReply(int code, const QByteArray &text);
    void afterEhlo();
    void fail(const QString &error);
    void refuse(int code, const QByteArray &text);
    void noteRefusal(int code, const QByteArray &text);

    std::unique_ptr<QSslSocket> m_socket;
    QByteArray m_buffer;
    QByteArray m_replyText; ///< lines of a multi-line reply so far
    QStringList m_capabilities;
    State m_state = State::Disconnected;
    Step m_step = Step::None;
    QByteArray m_host;
    QByteArray m_user;
    QByteArray m_password;
    QByteArray m_trustedCertificate;
    bool m_auth = false;
    bool m_startTls = false;
    QByteArray m_to;
    QByteArray m_data;
    bool m_dataSent = false;
    bool m_pipelined = false;
    int m_refusedCode = 0; ///< the first refusal of a pipelined MAIL/RCPT
    QByteArray m_refusedText;
    int m_pendingCode = 0;
    QByteArray m_pendingText;
    QTimer m_timeout;
};

} // namespace Crm
