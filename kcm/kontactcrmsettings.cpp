// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "kontactcrmsettings.h"

#include "cyclespage.h"
#include "kindspage.h"
#include "mailingpage.h"
#include "registerpage.h"
#include "reminderspage.h"
#include "storagepage.h"

#include <KLocalizedString>

#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

KontactCrmSettings::KontactCrmSettings(QObject *parent, const KPluginMetaData &data)
    : KCModule(parent, data)
    , m_cycles(new CyclesPage(widget()))
    , m_kinds(new KindsPage(widget()))
    , m_register(new RegisterPage(widget()))
    , m_mailing(new MailingPage(widget()))
    , m_reminders(new RemindersPage(widget()))
    , m_storage(new StoragePage(widget()))
{
    auto tabs = new QTabWidget(widget());
    tabs->addTab(m_cycles, QIcon::fromTheme(u"view-task"_s), i18nc("@title:tab", "Business Cycles"));
    tabs->addTab(m_kinds, QIcon::fromTheme(u"tag"_s), i18nc("@title:tab", "Kinds"));
    tabs->addTab(m_reminders, QIcon::fromTheme(u"appointment-reminder"_s), i18nc("@title:tab", "Reminders"));
    tabs->addTab(m_register, QIcon::fromTheme(u"mail-mark-important"_s), i18nc("@title:tab", "Correspondence"));
    tabs->addTab(m_mailing, QIcon::fromTheme(u"mail-send"_s), i18nc("@title:tab", "Mailings"));
    tabs->addTab(m_storage, QIcon::fromTheme(u"folder-database"_s), i18nc("@title:tab", "Storage"));
    auto layout = new QVBoxLayout(widget());
    layout->setContentsMargins({});
    layout->addWidget(tabs);
    connect(m_cycles, &CyclesPage::changed, this, &KCModule::markAsChanged);
    connect(m_kinds, &KindsPage::changed, this, &KCModule::markAsChanged);
    connect(m_reminders, &RemindersPage::changed, this, &KCModule::markAsChanged);
    connect(m_register, &RegisterPage::changed, this, &KCModule::markAsChanged);
    connect(m_mailing, &MailingPage::changed, this, &KCModule::markAsChanged);
    connect(m_storage, &StoragePage::changed, this, &KCModule::markAsChanged);
}

void KontactCrmSettings::load()
{
    m_cycles->load();
    m_kinds->load();
    m_register->load();
    m_mailing->load();
    m_reminders->load();
    m_storage->load();
    KCModule::load();
}

void KontactCrmSettings::save()
{
    // A broken cycle or pattern stays unsaved and on screen with its reason.
    const bool cyclesSaved = m_cycles->save();
    const bool registerSaved = m_register->save();
    const bool mailingSaved = m_mailing->save();
    m_kinds->save();
    m_reminders->save();
    m_storage->save();
    KCModule::save();
    setNeedsSave(!cyclesSaved || !registerSaved || !mailingSaved);
}

void KontactCrmSettings::defaults()
{
    m_reminders->defaults();
    KCModule::defaults();
    markAsChanged();
}

CyclesPage *KontactCrmSettings::cycles() const
{
    return m_cycles;
}

KindsPage *KontactCrmSettings::kinds() const
{
    return m_kinds;
}

RegisterPage *KontactCrmSettings::registerPage() const
{
    return m_register;
}

MailingPage *KontactCrmSettings::mailingPage() const
{
    return m_mailing;
}

RemindersPage *KontactCrmSettings::reminders() const
{
    return m_reminders;
}

} // namespace Crm
