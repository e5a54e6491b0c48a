// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "mailing/mailingsender.h"
#include "mailing/mailingstore.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <functional>
#include <memory>

/// What the mailing agent does, without Akonadi: it looks for mailings the
/// user asked to send (MailingStore, control "send"), sends each through
/// its MailTransport transport with a MailingSender, one mailing at a time
/// per transport, throttled per transport (kontactcrmrc, [Mailing]
/// PerMinute/PerHour, overridden in [Mailing][Transport <id>]).
///
/// D-Bus, object /Mailing, interface org.kde.kontactcrm.Mailing: send,
/// pause, resume, active. crmctl writes the same requests into the
/// mailing's folder, so they hold when the agent is not running; the agent
/// looks at the folder every second (CRM_MAILING_POLL_MS).
class MailingRunner : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.kde.kontactcrm.Mailing")

public:
    explicit MailingRunner(QObject *parent = nullptr);
    ~MailingRunner() override;
    void start();
    /// Asked before each message of every mailing (MailingSender::Options::holdBack).
    void setHoldBack(const std::function<bool()> &holdBack);

public Q_SLOTS:
    Q_SCRIPTABLE bool send(const QString &id);
    Q_SCRIPTABLE bool pause(const QString &id);
    Q_SCRIPTABLE bool resume(const QString &id, bool resendUncertain);
    /// The mailings being sent now.
    Q_SCRIPTABLE QStringList active() const;
    Q_SCRIPTABLE qint64 processId() const;

Q_SIGNALS:
    /// A message the server took: the agent files its copy in Sent.
    void messageSent(const QString &mailingId, const QByteArray &message);

private:
    void poll();
    bool startSender(const QString &id);
    Crm::Throttle *throttleFor(int transportId);

    Crm::MailingStore m_store;
    QHash<QString, Crm::MailingSender *> m_senders;
    QHash<QString, int> m_transportOf; ///< running mailing -> transport
    QHash<int, std::shared_ptr<Crm::Throttle>> m_throttles;
    QSet<QString> m_complete; ///< nothing left to send (until a resend request)
    QHash<QString, QString> m_problems; ///< last problem written, not to repeat it
    QTimer m_poll;
    std::function<bool()> m_holdBack;
};
