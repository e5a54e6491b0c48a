// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include <KCModule>

namespace Crm
{
class CyclesPage;
class KindsPage;
class RegisterPage;
class MailingPage;
class RemindersPage;
class StoragePage;

/// The CRM's settings module (System Settings, kcmshell6 kcm_kontactcrm):
/// business cycles, kinds, reminders, the correspondence register, and
/// where the data is kept. Thin: each page
/// reads and writes through what core/ and the agent already define.
class KontactCrmSettings : public KCModule
{
    Q_OBJECT

public:
    KontactCrmSettings(QObject *parent, const KPluginMetaData &data);

    void load() override;
    void save() override;
    void defaults() override;

    CyclesPage *cycles() const;
    RemindersPage *reminders() const;
    KindsPage *kinds() const;
    RegisterPage *registerPage() const;
    MailingPage *mailingPage() const;

private:
    CyclesPage *m_cycles;
    KindsPage *m_kinds;
    RegisterPage *m_register;
    MailingPage *m_mailing;
    RemindersPage *m_reminders;
    StoragePage *m_storage;
};

} // namespace Crm
