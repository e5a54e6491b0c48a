// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "mailingsender.h"

#include "crmcore_debug.h"
#include "domain/clock.h"
#include "mailing/smtpclient.h"
#include "mime/mailingmessage.h"

#include <KLocalizedString>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

namespace
{
/// How long a held-back sending waits before it asks again.
constexpr qint64 HoldBackMs = 200;
/// A sending held back by the limits asks again so often.
constexpr qint64 ThrottleRecheckMs = 1000;
/// A limit that holds the sending back longer closes the connection.
constexpr qint64 ThrottleIdleMs = 30000;

qint64 nowMs()
{
    return Clock::now().toMSecsSinceEpoch();
}

} // namespace

MailingSender::MailingSender(const MailingStore &store,
                             const QString &mailingId,
                             const SmtpSettings &smtp,
                             Throttle *throttle,
                             const Options &options,
                             QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_id(mailingId)
    , m_smtp(smtp)
    , m_throttle(throttle)
    , m_options(options)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &MailingSender::sendNext);
}

MailingSender::~MailingSender()
{
    dropClient();
}

QString MailingSender::mailingId() const
{
    return m_id;
}

bool MailingSender::isRunning() const
{
    return m_running;
}

MailingSender::Counts MailingSender::countsOf(const MailingJournal &journal, int total)
{
    Counts c;
    c.total = total;
    for (int i = 0; i < total; ++i) {
        switch (journal.state(i)) {
        case MailingJournal::State::Queued:
            ++c.queued;
            break;
        case MailingJournal::State::Sending:
            ++c.sending;
            break;
        case MailingJournal::State::Sent:
            ++c.sent;
            break;
        case MailingJournal::State::Failed:
            ++c.failed;
            break;
        case MailingJournal::State::Deferred:
            ++c.deferred;
            break;
        case MailingJournal::State::Uncertain:
            ++c.uncertain;
            break;
        }
    }
    return c;
}

MailingSender::Counts MailingSender::counts() const
{
    return m_journal ? countsOf(*m_journal, m_total) : Counts{};
}

bool MailingSender::start(QString *error)
{
    const auto mailing = m_store.load(m_id, error);
    if (!mailing) {
        return false;
    }
    m_mailing = *mailing;
    m_merge.emplace(m_mailing);
    m_total = m_store.recipientCount(m_id);
    m_journal = std::make_unique<MailingJournal>(m_store.journalPath(m_id));
    if (!m_journal->load(true, error)) {
        return false;
    }
    if (const int n = m_journal->recoverInterrupted(); n > 0) {
        qCWarning(CRM_CORE_LOG) << "mailing" << m_id << ":" << n << "recipient(s) were being sent when the sender stopped: uncertain";
    }
    if (m_store.takeResendUncertainRequest(m_id)) {
        const int n = m_journal->requeueUncertain();
        qCInfo(CRM_CORE_LOG) << "mailing" << m_id << ": sending" << n << "uncertain recipient(s) again, as asked";
    }
    m_reader = std::make_unique<RecipientReader>(m_store.recipientsPath(m_id));
    if (!m_reader->open(error)) {
        return false;
    }
    m_readerDone = false;
    m_deferred.clear();
    m_running = true;
    m_pauseRequested = false;
    scheduleNext();
    return true;
}

void MailingSender::pause()
{
    m_pauseRequested = true;
    if (!m_busy) {
        m_timer.stop();
        done(false);
    }
}

void MailingSender::done(bool complete)
{
    if (!m_running) {
        return;
    }
    m_running = false;
    m_timer.stop();
    if (m_journal) {
        m_journal->sync();
    }
    dropClient();
    Q_EMIT progress(counts());
    Q_EMIT finished(complete);
}

void MailingSender::scheduleNext(qint64 delayMs)
{
    m_timer.start(int(qBound(qint64(0), delayMs, qint64(24 * 3600 * 1000))));
}

bool MailingSender::nextRecipient(int *index, MailingRecipient *recipient, qint64 *waitMs)
{
    *waitMs = -1;
    // First pass: the file in order; what is deferred is kept for later.
    while (!m_readerDone) {
        int i = -1;
        auto r = m_reader->next(&i);
        if (!r) {
            m_readerDone = true;
            break;
        }
        const auto state = m_journal->state(i);
        if (state == MailingJournal::State::Queued) {
            *index = i;
            *recipient = *r;
            return true;
        }
        if (state == MailingJournal::State::Deferred) {
            m_deferred.insert(i, *r);
        }
    }
    // Then the deferred ones whose time has come.
    const qint64 now = nowMs();
    qint64 earliest = -1;
    for (auto it = m_deferred.cbegin(); it != m_deferred.cend(); ++it) {
        const qint64 at = m_journal->notBeforeMs(it.key());
        if (at <= now) {
            *index = it.key();
            *recipient = it.value();
            m_deferred.remove(it.key());
            return true;
        }
        earliest = earliest < 0 ? at : qMin(earliest, at);
    }
    if (earliest >= 0) {
        *waitMs = earliest - now;
    }
    return false;
}

void MailingSender::sendNext()
{
    if (!m_running || m_busy) {
        return;
    }
    if (m_pauseRequested) {
        done(false);
        return;
    }
    if (m_currentIndex < 0) {
        qint64 wait = -1;
        switch (takeNext(&wait)) {
        case Next::Taken:
            break;
        case Next::Refused:
            reportProgress();
            scheduleNext();
            return;
        case Next::Later:
            m_journal->sync();
            dropClient(); // no connection held open through a back-off
            scheduleNext(wait);
            return;
        case Next::None:
            done(true);
            return;
        }
    }
    if (m_throttle) {
        if (const qint64 wait = m_throttle->waitMs(nowMs()); wait > 0) {
            if (wait > ThrottleIdleMs) {
                dropClient(); // a server closes an idle connection after a few minutes anyway
            }
            // Looked at again every second, not once after the whole wait:
            // a timer does not count the time a laptop sleeps, and the
            // clock can be set.
            scheduleNext(qMin(wait, ThrottleRecheckMs));
            return;
        }
    }
    if (m_options.holdBack && m_options.holdBack()) {
        scheduleNext(HoldBackMs);
        return;
    }
    if (!m_client || m_client->state() != SmtpClient::State::Ready) {
        ensureClient(); // its ready() comes back here
        return;
    }
    sendCurrent();
}

void MailingSender::ensureClient()
{
    if (m_client && m_client->state() == SmtpClient::State::Connecting) {
        return;
    }
    dropClient();
    m_client = new SmtpClient(this);
    connect(m_client, &SmtpClient::ready, this, &MailingSender::sendNext);
    connect(m_client, &SmtpClient::contentSent, this, &MailingSender::prepareNext);
    connect(m_client, &SmtpClient::sent, this, &MailingSender::onSent);
    connect(m_client, &SmtpClient::refused, this, &MailingSender::onRefused);
    connect(m_client, &SmtpClient::connectionLost, this, &MailingSender::onConnectionLost);
    m_client->open(m_smtp);
}

void MailingSender::dropClient()
{
    if (!m_client) {
        return;
    }
    SmtpClient *client = m_client;
    m_client = nullptr;
    client->disconnect(this);
    client->quit();
    QTimer::singleShot(3000, client, &QObject::deleteLater);
}

MailingSender::Next MailingSender::takeNext(qint64 *waitMs)
{
    Prepared next;
    if (m_prepared) {
        next = *std::exchange(m_prepared, std::nullopt);
    } else {
        if (!nextRecipient(&next.index, &next.recipient, waitMs)) {
            return *waitMs >= 0 ? Next::Later : Next::None;
        }
        const auto merged = m_merge->merge(next.recipient);
        if (merged.texts) {
            next.data = MailingMessage::mergedMessage(m_mailing, *merged.texts, next.recipient, next.index, Clock::now())->encodedContent(true);
        } else {
            next.mergeError = merged.error;
        }
    }
    if (!next.mergeError.isEmpty()) {
        m_journal->markFailed(next.index, next.mergeError);
        return Next::Refused;
    }
    m_currentIndex = next.index;
    m_current = next.recipient;
    m_currentData = next.data;
    return Next::Taken;
}

void MailingSender::prepareNext()
{
    if (m_prepared || m_pauseRequested || !m_running) {
        return;
    }
    Prepared next;
    qint64 wait = -1;
    if (!nextRecipient(&next.index, &next.recipient, &wait)) {
        return; // none now: sendNext() asks again after this one
    }
    const auto merged = m_merge->merge(next.recipient);
    if (merged.texts) {
        next.data = MailingMessage::mergedMessage(m_mailing, *merged.texts, next.recipient, next.index, Clock::now())->encodedContent(true);
    } else {
        next.mergeError = merged.error;
    }
    m_prepared = std::move(next);
}

void MailingSender::sendCurrent()
{
    // The envelope goes out first, and the server reads it while the journal
    // is synced (on a disk, the sync costs about what a round trip does).
    // The content leaves only on the server's 354, from the event loop,
    // after this returns (SmtpClient::send): so the recipient is durably
    // "sending" before the server can have the message. A crash from then
    // on leaves it uncertain, never sent twice; a crash before, queued.
    m_client->send(m_mailing.fromAddress.toUtf8(), m_current.email.toUtf8(), m_currentData);
    if (!m_journal->markSending(m_currentIndex)) {
        qCWarning(CRM_CORE_LOG) << "mailing" << m_id << ": cannot write the journal" << m_journal->filePath();
        m_client->abort(); // the content must not go: the recipient stays queued
        dropClient();
        done(false);
        return;
    }
    m_busy = true;
}

void MailingSender::onSent()
{
    m_busy = false;
    const int index = std::exchange(m_currentIndex, -1);
    const QByteArray data = std::exchange(m_currentData, {});
    m_journal->markSent(index);
    if (m_throttle) {
        m_throttle->record(nowMs());
    }
    Q_EMIT messageSent(index, data);
    if (!m_options.reuseConnection) {
        dropClient();
    }
    reportProgress();
    scheduleNext();
}

void MailingSender::onRefused(int code, const QString &text)
{
    m_busy = false;
    const int index = std::exchange(m_currentIndex, -1);
    m_currentData.clear();
    if (code / 100 == 4) {
        const int attempts = m_journal->attempts(index);
        if (attempts >= m_options.maxAttempts) {
            m_journal->markFailed(index, i18nc("@info", "Gave up after %1 attempts: %2", attempts, text));
        } else {
            const qint64 delay = m_options.retryBaseMs * (qint64(1) << qMin(attempts - 1, 16));
            m_journal->markDeferred(index, nowMs() + delay, text);
            m_deferred.insert(index, m_current);
        }
    } else {
        m_journal->markFailed(index, text);
    }
    reportProgress();
    scheduleNext();
}

void MailingSender::onConnectionLost(const QString &error)
{
    qCWarning(CRM_CORE_LOG) << "mailing" << m_id << ":" << m_smtp.host << m_smtp.port << error;
    const bool delivered = m_client && m_client->dataSent();
    dropClient();
    if (m_busy) {
        m_busy = false;
        const int index = std::exchange(m_currentIndex, -1);
        m_currentData.clear();
        if (delivered) {
            // The content went out before the line broke: the server may have it.
            m_journal->markUncertain(index);
        } else {
            m_journal->markDeferred(index, nowMs() + m_options.reconnectMs, error);
            m_deferred.insert(index, m_current);
        }
        reportProgress();
    }
    scheduleNext(m_options.reconnectMs);
}

void MailingSender::reportProgress()
{
    // Counting is a pass over one byte per recipient: a few times a second
    // at most, not per message.
    if (m_progressTimer.isValid() && m_progressTimer.elapsed() < 250) {
        return;
    }
    m_progressTimer.start();
    Q_EMIT progress(counts());
}

} // namespace Crm
