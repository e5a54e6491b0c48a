// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "mailing/mailingcontrol.h"
#include "mailingagent.h"
#include "mailingrunner.h"

#include <KLocalizedString>

#include <QApplication>
#include <QDBusConnection>

using namespace Qt::Literals::StringLiterals;

int main(int argc, char **argv)
{
    // CRM_MAILING_AGENT_STANDALONE=1: the same sending without an Akonadi
    // server (the SMTP tests and the benchmark, which only need the session
    // bus); nothing Akonadi does for the agent is used by the sending.
    if (qEnvironmentVariableIntValue("CRM_MAILING_AGENT_STANDALONE") == 1) {
        QApplication app(argc, argv);
        KLocalizedString::setApplicationDomain(TRANSLATION_DOMAIN);
        MailingRunner runner;
        QDBusConnection::sessionBus().registerObject(u"/Mailing"_s, &runner, QDBusConnection::ExportScriptableSlots);
        QDBusConnection::sessionBus().registerService(Crm::MailingControl::agentServiceName());
        runner.start();
        return app.exec();
    }
    return Akonadi::AgentBase::init<MailingAgent>(argc, argv);
}
