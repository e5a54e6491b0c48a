// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/mailing.h"
#include "domain/mailingjournal.h"
#include "domain/mailmerge.h"
#include "kontactcrmcore_export.h"
#include "mailing/mailingstore.h"
#include "mailing/throttle.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

namespace Crm
{

class SmtpClient;

/// How to reach the SMTP server: what MailTransport's transport holds.
struct KONTACTCRMCORE_EXPORT SmtpSettings {
    QString host;
    quint16 port = 25;
    enum class Encryption : quint8 {
        None,
        Tls, ///< TLS from the start (SMTPS, port 465)
        StartTls, ///< upgraded after EHLO (port 587)
    };
    Encryption encryption = Encryption::None;
    bool requiresAuthentication = false;
    QString userName;
    QString password;
    QString localHostname;
    /// SHA-256 (hex) of a certificate the user trusts although it does not
    /// verify (a firm's own server with a self-signed one), as KMail's
    /// "accept permanently".
    QByteArray trustedCertificate;
};

/// Sends one mailing: each recipient merged, one message each, over one
/// SMTP connection kept open across messages (SmtpClient; see there why not
/// KSMTP). States go to the MailingJournal: "sending" durably before the
/// message is handed over, "sent" after the 250.
///
/// A 4xx reply is retried later with back-off (doubling from retryBaseMs,
/// at most maxAttempts tries), a 5xx is a failure with the server's reason.
/// A connection lost after the message's content went out makes that
/// recipient uncertain; lost before, it is simply tried again.
class KONTACTCRMCORE_EXPORT MailingSender : public QObject
{
    Q_OBJECT
public:
    struct Options {
        int maxAttempts = 5; ///< of one recipient, then failed
        qint64 retryBaseMs = 60000; ///< first retry after this, doubling
        qint64 reconnectMs = 30000; ///< after the server could not be reached
        bool reuseConnection = true; ///< false: one connection per message (the benchmark's baseline)
        /// Asked before each message: true holds the sending back a moment
        /// (the agent's copies to the Sent folder are behind).
        std::function<bool()> holdBack;
    };
    struct Counts {
        int total = 0;
        int queued = 0;
        int sent = 0;
        int failed = 0;
        int deferred = 0;
        int uncertain = 0;
        int sending = 0;
    };

    MailingSender(const MailingStore &store,
                  const QString &mailingId,
                  const SmtpSettings &smtp,
                  Throttle *throttle,
                  const Options &options,
                  QObject *parent = nullptr);
    ~MailingSender() override;

    /// Loads the mailing and its journal (marking what a dead sender left
    /// "sending" as uncertain, or requeueing the uncertain ones when the user
    /// asked) and begins. False with @p error when it cannot.
    bool start(QString *error = nullptr);
    /// Stops after the message under way; finished() follows.
    void pause();
    bool isRunning() const;
    QString mailingId() const;
    Counts counts() const;
    static Counts countsOf(const MailingJournal &journal, int total);

Q_SIGNALS:
    /// A message the server took (for the copy in the Sent folder).
    void messageSent(int index, const QByteArray &message);
    void progress(const Crm::MailingSender::Counts &counts);
    /// Every recipient is done (sent, failed or uncertain), or paused.
    void finished(bool complete);

private:
    void scheduleNext(qint64 delayMs = 0);
    void sendNext();
    bool nextRecipient(int *index, MailingRecipient *recipient, qint64 *waitMs);
    void ensureClient();
    void dropClient();
    void sendCurrent();
    /// Takes the next recipient and builds its message while the server
    /// reads the one before (two cores: the server's work and ours overlap).
    void prepareNext();
    enum class Next {
        Taken, ///< the current recipient and its message are set
        Refused, ///< its merge was refused: marked failed
        Later, ///< only retries are left, the first after @p waitMs
        None, ///< nobody is left
    };
    /// Makes the next recipient the current one: the one prepareNext()
    /// made, or the next one now.
    Next takeNext(qint64 *waitMs);
    void onSent();
    void onRefused(int code, const QString &text);
    void onConnectionLost(const QString &error);
    void done(bool complete);
    void reportProgress();

    MailingStore m_store;
    QString m_id;
    SmtpSettings m_smtp;
    Throttle *m_throttle;
    Options m_options;
    Mailing m_mailing;
    std::optional<MailMerge> m_merge;
    std::unique_ptr<MailingJournal> m_journal;
    std::unique_ptr<RecipientReader> m_reader;
    int m_total = 0;
    bool m_readerDone = false;
    QHash<int, MailingRecipient> m_deferred; ///< waiting for a retry: few
    QPointer<SmtpClient> m_client;
    bool m_busy = false;
    bool m_running = false;
    bool m_pauseRequested = false;
    int m_currentIndex = -1;
    MailingRecipient m_current;
    QByteArray m_currentData;
    /// Made by prepareNext(): the recipient after the current one, its
    /// message (or why the merge refused it).
    struct Prepared {
        int index = -1;
        MailingRecipient recipient;
        QByteArray data;
        QString mergeError;
    };
    std::optional<Prepared> m_prepared;
    QTimer m_timer;
    QElapsedTimer m_progressTimer;
};

} // namespace Crm
