// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "mailingrunner.h"

#include "domain/clock.h"
#include "mailing/mailtransports.h"
#include "mailing_debug.h"

#include <KConfigGroup>
#include <KLocalizedString>
#include <KSharedConfig>

#include <QCoreApplication>
#include <QFile>
#include <QSaveFile>

using namespace Qt::Literals::StringLiterals;
using namespace Crm;

namespace
{
void writeProblem(const MailingStore &store, const QString &id, const QString &problem)
{
    const QString path = store.folder(id) + u"/problem"_s;
    if (problem.isEmpty()) {
        QFile::remove(path);
        return;
    }
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly)) {
        file.write(problem.toUtf8() + '\n');
        file.commit();
    }
}

MailingSender::Options senderOptions()
{
    MailingSender::Options o;
    const KConfigGroup group = KSharedConfig::openConfig(u"kontactcrmrc"_s)->group(u"Mailing"_s);
    o.maxAttempts = group.readEntry("MaxAttempts", o.maxAttempts);
    o.retryBaseMs = group.readEntry("RetryAfterSeconds", int(o.retryBaseMs / 1000)) * qint64(1000);
    // Tests and the benchmark shorten the back-off below a second.
    if (const int ms = qEnvironmentVariableIntValue("CRM_MAILING_RETRY_MS"); ms > 0) {
        o.retryBaseMs = ms;
        o.reconnectMs = ms;
    }
    o.reuseConnection = qEnvironmentVariableIntValue("CRM_MAILING_CONNECTION_PER_MESSAGE") == 0;
    return o;
}
} // namespace

MailingRunner::MailingRunner(QObject *parent)
    : QObject(parent)
{
    const int interval = qEnvironmentVariableIntValue("CRM_MAILING_POLL_MS");
    m_poll.setInterval(interval > 0 ? interval : 1000);
    connect(&m_poll, &QTimer::timeout, this, &MailingRunner::poll);
}

MailingRunner::~MailingRunner() = default;

void MailingRunner::start()
{
    m_poll.start();
    QTimer::singleShot(0, this, &MailingRunner::poll);
}

qint64 MailingRunner::processId() const
{
    return QCoreApplication::applicationPid();
}

QStringList MailingRunner::active() const
{
    return m_senders.keys();
}

bool MailingRunner::send(const QString &id)
{
    if (!m_store.ids().contains(id) || !m_store.setControl(id, MailingStore::Control::Send)) {
        return false;
    }
    m_complete.remove(id);
    poll();
    return true;
}

bool MailingRunner::pause(const QString &id)
{
    if (!m_store.ids().contains(id) || !m_store.setControl(id, MailingStore::Control::Paused)) {
        return false;
    }
    if (auto *sender = m_senders.value(id)) {
        sender->pause();
    }
    return true;
}

bool MailingRunner::resume(const QString &id, bool resendUncertain)
{
    if (resendUncertain && !m_store.requestResendUncertain(id)) {
        return false;
    }
    return send(id);
}

Throttle *MailingRunner::throttleFor(int transportId)
{
    auto &throttle = m_throttles[transportId];
    if (!throttle) {
        throttle = std::make_shared<Throttle>();
        QString error;
        const QString log = m_store.sendLogPath(transportId);
        if (!throttle->setLogFile(log, Clock::now().toMSecsSinceEpoch(), &error)) {
            qCWarning(CRM_MAILING_LOG) << "the sends through transport" << transportId << "are counted in memory only:" << log << error;
        }
    }
    throttle->loadLimits(transportId);
    return throttle.get();
}

bool MailingRunner::startSender(const QString &id)
{
    QString error;
    const auto mailing = m_store.load(id, &error);
    if (!mailing) {
        writeProblem(m_store, id, i18nc("@info", "Cannot send mailing %1: %2", id, error));
        return false;
    }
    int transportId = -1;
    const auto smtp = MailTransports::smtpSettings(mailing->transportId, &transportId, &error);
    if (!smtp) {
        if (m_problems.value(id) != error) {
            qCWarning(CRM_MAILING_LOG) << "mailing" << id << ":" << error;
            writeProblem(m_store, id, error);
            m_problems.insert(id, error);
        }
        return false;
    }
    for (auto it = m_transportOf.cbegin(); it != m_transportOf.cend(); ++it) {
        if (it.value() == transportId) {
            return false; // one mailing at a time per transport: the throttle is shared, the server too
        }
    }
    MailingSender::Options options = senderOptions();
    options.holdBack = m_holdBack;
    auto *sender = new MailingSender(m_store, id, *smtp, throttleFor(transportId), options, this);
    connect(sender, &MailingSender::messageSent, this, [this, id](int, const QByteArray &message) {
        Q_EMIT messageSent(id, message);
    });
    connect(sender, &MailingSender::finished, this, [this, id, sender](bool complete) {
        m_senders.remove(id);
        m_transportOf.remove(id);
        if (complete) {
            m_complete.insert(id);
        }
        const auto c = sender->counts();
        qCInfo(CRM_MAILING_LOG) << "mailing" << id << (complete ? "done:" : "paused:") << c.sent << "sent," << c.failed << "failed," << c.uncertain
                                << "uncertain," << c.queued << "queued";
        sender->deleteLater();
        QTimer::singleShot(0, this, &MailingRunner::poll);
    });
    if (!sender->start(&error)) {
        writeProblem(m_store, id, i18nc("@info", "Cannot send mailing %1: %2", id, error));
        delete sender;
        return false;
    }
    writeProblem(m_store, id, {});
    m_problems.remove(id);
    m_senders.insert(id, sender);
    m_transportOf.insert(id, transportId);
    qCInfo(CRM_MAILING_LOG) << "sending mailing" << id << "through transport" << transportId;
    return true;
}

void MailingRunner::setHoldBack(const std::function<bool()> &holdBack)
{
    m_holdBack = holdBack;
}

void MailingRunner::poll()
{
    const QStringList ids = m_store.ids();
    for (const QString &id : ids) {
        const auto control = m_store.control(id);
        if (auto *sender = m_senders.value(id)) {
            if (control != MailingStore::Control::Send) {
                sender->pause(); // paused by crmctl while the agent ran
            }
            continue;
        }
        if (control != MailingStore::Control::Send) {
            continue;
        }
        if (m_complete.contains(id) && !QFile::exists(m_store.folder(id) + u"/resend-uncertain"_s)) {
            continue;
        }
        startSender(id);
    }
}
