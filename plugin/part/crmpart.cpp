// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "crmpart.h"

#include "crmplugin_debug.h"
#include "models/crmsession.h"
#include "views/cardwidget.h"
#include "views/counterpartiesview.h"
#include "views/taskboardview.h"

#include <KActionCollection>
#include <KLocalizedString>
#include <KPluginFactory>
#include <KStandardAction>

#include <QAction>
#include <QDBusConnection>
#include <QTabWidget>

using namespace Qt::Literals::StringLiterals;

K_PLUGIN_CLASS_WITH_JSON(Crm::CrmPart, "crmpart.json")

namespace Crm
{

CrmPart::CrmPart(QWidget *parentWidget, QObject *parent, const KPluginMetaData &data, const QVariantList &)
    : KParts::Part(parent, data)
    , m_session(new CrmSession(this))
    , m_counterparties(new CounterpartiesView(m_session))
    , m_tasks(new TaskBoardView(m_session))
{
    setComponentName(u"kontactcrm"_s, i18nc("@title", "CRM"));
    // One page per part of the CRM; correspondence and mailings add theirs.
    auto pages = new QTabWidget(parentWidget);
    pages->setDocumentMode(true);
    pages->addTab(m_counterparties, QIcon::fromTheme(u"view-pim-contacts"_s), i18nc("@title:tab", "Counterparties"));
    pages->addTab(m_tasks, QIcon::fromTheme(u"view-pim-tasks"_s), i18nc("@title:tab", "Tasks"));
    setWidget(pages);
    setupActions();
    setXMLFile(u"crmpart.rc"_s);

    // Scripts and the end-to-end test drive the page as a user would.
    QDBusConnection::sessionBus().registerObject(u"/CRM/Counterparties"_s, m_counterparties, QDBusConnection::ExportScriptableSlots);
    QDBusConnection::sessionBus().registerObject(u"/CRM/Tasks"_s, m_tasks, QDBusConnection::ExportScriptableSlots);
    m_session->open();
}

CrmPart::~CrmPart()
{
    QDBusConnection::sessionBus().unregisterObject(u"/CRM/Counterparties"_s);
    QDBusConnection::sessionBus().unregisterObject(u"/CRM/Tasks"_s);
}

void CrmPart::setupActions()
{
    KActionCollection *actions = actionCollection();
    // Ctrl+F, as everywhere in KDE: to the search field (edit_find in the .rc).
    QAction *find = KStandardAction::find(m_counterparties, &CounterpartiesView::focusSearch, actions);
    find->setText(i18nc("@action", "Find Counterparty…"));

    auto reload = new QAction(QIcon::fromTheme(u"view-refresh"_s), i18nc("@action", "Reload Card"), this);
    actions->addAction(u"crm_reload_card"_s, reload);
    actions->setDefaultShortcut(reload, QKeySequence(Qt::Key_F5));
    connect(reload, &QAction::triggered, m_counterparties->card(), &CardWidget::reload);
}

} // namespace Crm

#include "crmpart.moc"
