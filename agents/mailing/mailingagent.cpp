// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "mailingagent.h"

#include "mailing_debug.h"
#include "mailingrunner.h"

#include <QDBusConnection>

using namespace Qt::Literals::StringLiterals;

MailingAgent::MailingAgent(const QString &id)
    : Akonadi::AgentBase(id)
    , m_runner(new MailingRunner(this))
{
    // The agent's own bus name (org.freedesktop.Akonadi.Agent.<id>) carries
    // /Mailing; so does the stable name org.kde.kontactcrm.MailingAgent.
    QDBusConnection::sessionBus().registerObject(u"/Mailing"_s, m_runner, QDBusConnection::ExportScriptableSlots);
    QDBusConnection::sessionBus().registerService(u"org.kde.kontactcrm.MailingAgent"_s);
    m_runner->start();
}

MailingAgent::~MailingAgent() = default;
