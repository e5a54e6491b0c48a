// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "mailingagent.h"

#include "mailing/mailingcontrol.h"
#include "mailing_debug.h"
#include "mailingrunner.h"
#include "sentfoldercopier.h"

#include <KConfigGroup>
#include <KSharedConfig>

#include <QDBusConnection>

using namespace Qt::Literals::StringLiterals;

namespace
{
constexpr int MaxWaitingCopies = 200;
}

MailingAgent::MailingAgent(const QString &id)
    : Akonadi::AgentBase(id)
    , m_runner(new MailingRunner(this))
{
    // The agent's own bus name (org.freedesktop.Akonadi.Agent.<id>) carries
    // /Mailing; so does the stable name MailingControl::agentServiceName().
    QDBusConnection::sessionBus().registerObject(u"/Mailing"_s, m_runner, QDBusConnection::ExportScriptableSlots);
    QDBusConnection::sessionBus().registerService(Crm::MailingControl::agentServiceName());
    // A copy of each message in the Sent folder, as KMail keeps one
    // ([Mailing] SentCopies=false turns it off). The copies wait in memory:
    // the sending waits while too many do, so memory stays flat.
    if (KSharedConfig::openConfig(u"kontactcrmrc"_s)->group(u"Mailing"_s).readEntry("SentCopies", true)) {
        auto copier = new SentFolderCopier(this);
        connect(m_runner, &MailingRunner::messageSent, copier, [copier](const QString &, const QByteArray &message) {
            copier->add(message);
        });
        m_runner->setHoldBack([copier] {
            return copier->backlog() >= MaxWaitingCopies;
        });
    }
    m_runner->start();
}

MailingAgent::~MailingAgent() = default;
