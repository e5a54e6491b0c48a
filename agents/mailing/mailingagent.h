// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include <Akonadi/AgentBase>

class MailingRunner;

/// The mailing agent (akonadi_kontactcrm_mailing_agent): sends mailings
/// while no window is open. Thin: the work is MailingRunner's (and
/// core/mailing's MailingSender); the agent gives it a process that Akonadi
/// starts with the session, and D-Bus.
class MailingAgent : public Akonadi::AgentBase
{
    Q_OBJECT

public:
    explicit MailingAgent(const QString &id);
    ~MailingAgent() override;

private:
    MailingRunner *m_runner = nullptr;
};
