// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "crmpart.h"

#include "crmplugin_debug.h"
#include "models/crmsession.h"
#include "views/bringtofront.h"
#include "views/cardwidget.h"
#include "views/correspondenceview.h"
#include "views/counterpartiesview.h"
#include "views/importdialog.h"
#include "views/interactionsview.h"
#include "views/mailingsview.h"
#include "views/taskboardview.h"
#include "views/tasklistview.h"
#include "views/taskspage.h"

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
    , m_tasks(new TasksPage(m_session))
{
    setComponentName(u"kontactcrm"_s, i18nc("@title", "CRM"));
    // One page per part of the CRM.
    m_pages = new QTabWidget(parentWidget);
    auto pages = m_pages;
    pages->setDocumentMode(true);
    pages->addTab(m_counterparties, QIcon::fromTheme(u"view-pim-contacts"_s), i18nc("@title:tab", "Counterparties"));
    pages->addTab(m_tasks, QIcon::fromTheme(u"view-pim-tasks"_s), i18nc("@title:tab", "Tasks"));
    auto interactions = new InteractionsView(m_session);
    pages->addTab(interactions, QIcon::fromTheme(u"view-calendar-journal"_s), i18nc("@title:tab", "Interactions"));
    auto correspondence = new CorrespondenceView(m_session);
    pages->addTab(correspondence, QIcon::fromTheme(u"mail-folder-inbox"_s), i18nc("@title:tab", "Correspondence"));
    auto mailings = new MailingsView(m_session);
    pages->addTab(mailings, QIcon::fromTheme(u"mail-send"_s), i18nc("@title:tab", "Mailings"));
    setWidget(pages);
    m_import = new ImportDialog(m_session, pages);
    setupActions();
    setupInteractionActions(interactions);
    setXMLFile(u"crmpart.rc"_s);

    // Scripts and the end-to-end test drive the page as a user would.
    QDBusConnection::sessionBus().registerObject(u"/CRM/Counterparties"_s, m_counterparties, QDBusConnection::ExportScriptableSlots);
    QDBusConnection::sessionBus().registerObject(u"/CRM/Tasks"_s, m_tasks, QDBusConnection::ExportScriptableSlots);
    QDBusConnection::sessionBus().registerObject(u"/CRM/Interactions"_s, interactions, QDBusConnection::ExportScriptableSlots);
    QDBusConnection::sessionBus().registerObject(u"/CRM/Import"_s, m_import, QDBusConnection::ExportScriptableSlots);
    QDBusConnection::sessionBus().registerObject(u"/CRM/Correspondence"_s, correspondence, QDBusConnection::ExportScriptableSlots);
    QDBusConnection::sessionBus().registerObject(u"/CRM/Mailings"_s, mailings, QDBusConnection::ExportScriptableSlots);
    m_session->open();
}

CrmPart::~CrmPart()
{
    QDBusConnection::sessionBus().unregisterObject(u"/CRM/Counterparties"_s);
    QDBusConnection::sessionBus().unregisterObject(u"/CRM/Tasks"_s);
    QDBusConnection::sessionBus().unregisterObject(u"/CRM/Interactions"_s);
    QDBusConnection::sessionBus().unregisterObject(u"/CRM/Import"_s);
    QDBusConnection::sessionBus().unregisterObject(u"/CRM/Correspondence"_s);
    QDBusConnection::sessionBus().unregisterObject(u"/CRM/Mailings"_s);
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

    // Ctrl+Shift+T, KOrganizer's "New To-do"; about the counterparty on
    // the card when the counterparties page is in front.
    auto newTask = new QAction(QIcon::fromTheme(u"task-new"_s), i18nc("@action", "New Task…"), this);
    actions->addAction(u"crm_new_task"_s, newTask);
    actions->setDefaultShortcut(newTask, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    connect(newTask, &QAction::triggered, this, [this] {
        Task draft;
        if (m_pages->currentWidget() == m_counterparties) {
            draft.counterpartyUid = m_counterparties->card()->counterpartyUid();
        }
        m_tasks->newTask(draft);
    });

    auto import = new QAction(QIcon::fromTheme(u"document-import"_s), i18nc("@action", "Import Counterparties…"), this);
    actions->addAction(u"crm_import"_s, import);
    connect(import, &QAction::triggered, m_import, &QDialog::show);

    auto taskList = new QAction(QIcon::fromTheme(u"view-list-details"_s), i18nc("@action", "Task List"), this);
    actions->addAction(u"crm_task_list"_s, taskList);
    connect(taskList, &QAction::triggered, this, [this] {
        m_tasks->showList();
    });
    auto taskBoard = new QAction(QIcon::fromTheme(u"view-list-icons"_s), i18nc("@action", "Task Board"), this);
    actions->addAction(u"crm_task_board"_s, taskBoard);
    connect(taskBoard, &QAction::triggered, this, [this] {
        m_tasks->showBoard();
    });
}

void CrmPart::setupInteractionActions(InteractionsView *interactions)
{
    KActionCollection *actions = actionCollection();
    auto log = new QAction(QIcon::fromTheme(u"crm-log-contact"_s), i18nc("@action", "Log Interaction…"), this);
    actions->addAction(u"crm_log_interaction"_s, log);
    actions->setDefaultShortcut(log, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    connect(log, &QAction::triggered, interactions, [interactions] {
        interactions->logInteraction();
    });
    auto result = new QAction(QIcon::fromTheme(u"document-edit"_s), i18nc("@action", "Record Result…"), this);
    actions->addAction(u"crm_record_result"_s, result);
    actions->setDefaultShortcut(result, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    connect(result, &QAction::triggered, interactions, &InteractionsView::recordResultOfCurrent);
    auto edit = new QAction(QIcon::fromTheme(u"edit-entry"_s), i18nc("@action", "Edit Interaction…"), this);
    actions->addAction(u"crm_edit_interaction"_s, edit);
    connect(edit, &QAction::triggered, interactions, &InteractionsView::editCurrent);
    auto event = new QAction(QIcon::fromTheme(u"view-calendar-upcoming-events"_s), i18nc("@action", "New Event…"), this);
    actions->addAction(u"crm_new_event"_s, event);
    actions->setDefaultShortcut(event, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    connect(event, &QAction::triggered, interactions, [interactions] {
        interactions->newEvent();
    });

    // The card's quick actions open the same editors, for its counterparty.
    CardWidget *card = m_counterparties->card();
    connect(card, &CardWidget::logInteractionRequested, interactions, &InteractionsView::logInteraction);
    connect(card, &CardWidget::recordResultRequested, interactions, &InteractionsView::recordResult);
    connect(card, &CardWidget::newEventRequested, interactions, &InteractionsView::newEvent);
    connect(card, &CardWidget::newTaskRequested, this, [this](const QString &counterpartyUid) {
        Task draft;
        draft.counterpartyUid = counterpartyUid;
        m_tasks->newTask(draft);
    });
}

} // namespace Crm

#include "crmpart.moc"
