// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "taskspage.h"

#include "crmplugin_debug.h"
#include "editors/taskeditordialog.h"
#include "models/crmsession.h"
#include "models/tasklistmodel.h"
#include "views/bringtofront.h"
#include "views/taskboardview.h"
#include "views/tasklistview.h"

#include <KLocalizedString>

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QPointer>
#include <QPushButton>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

TasksPage::TasksPage(CrmSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_board(new TaskBoardView(session, this))
    , m_list(new TaskListView(session, this))
    , m_stack(new QStackedWidget(this))
    , m_boardButton(new QToolButton(this))
    , m_listButton(new QToolButton(this))
{
    m_boardButton->setText(i18nc("@action:button show the tasks as a board", "Board"));
    m_boardButton->setIcon(QIcon::fromTheme(u"view-list-icons"_s));
    m_listButton->setText(i18nc("@action:button show the tasks as a list", "List"));
    m_listButton->setIcon(QIcon::fromTheme(u"view-list-details"_s));
    auto modes = new QButtonGroup(this);
    for (QToolButton *b : {m_boardButton, m_listButton}) {
        b->setCheckable(true);
        b->setAutoRaise(true);
        b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        modes->addButton(b);
    }
    m_boardButton->setChecked(true);
    auto newButton = new QPushButton(QIcon::fromTheme(u"task-new"_s), i18nc("@action:button", "New Task…"), this);

    auto bar = new QHBoxLayout;
    bar->addWidget(m_boardButton);
    bar->addWidget(m_listButton);
    bar->addStretch();
    bar->addWidget(newButton);
    m_stack->addWidget(m_board);
    m_stack->addWidget(m_list);
    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_stack, 1);

    // D-Bus and links may switch the stack directly: the buttons follow it.
    connect(m_stack, &QStackedWidget::currentChanged, this, [this] {
        (m_stack->currentWidget() == m_board ? m_boardButton : m_listButton)->setChecked(true);
    });
    connect(m_boardButton, &QToolButton::clicked, this, &TasksPage::showBoard);
    connect(m_listButton, &QToolButton::clicked, this, &TasksPage::showList);
    connect(newButton, &QPushButton::clicked, this, [this] {
        newTask();
    });
    connect(m_list, &TaskListView::editRequested, this, &TasksPage::editTask);
    connect(m_list, &TaskListView::newTaskRequested, this, [this] {
        newTask();
    });
    connect(m_board, &TaskBoardView::editRequested, this, &TasksPage::editTask);
}

TaskBoardView *TasksPage::board() const
{
    return m_board;
}

TaskListView *TasksPage::list() const
{
    return m_list;
}

void TasksPage::showBoard()
{
    bringToFront(m_board);
}

void TasksPage::showList()
{
    bringToFront(m_list);
}

QStringList TasksPage::columns() const
{
    return m_board->columns();
}

QStringList TasksPage::showBoardOfKind(const QString &kind)
{
    showBoard();
    return m_board->setKind(kind) ? m_board->columns() : QStringList();
}

QStringList TasksPage::listed() const
{
    QStringList out;
    const QAbstractItemModel *model = m_list->model();
    for (int r = 0; r < model->rowCount(); ++r) {
        out << model->index(r, TaskListModel::SubjectColumn).data().toString();
    }
    return out;
}

bool TasksPage::editFirstListed()
{
    const QAbstractItemModel *model = m_list->model();
    if (model->rowCount() == 0) {
        return false;
    }
    editTask(model->index(0, 0).data(TaskListModel::ItemIdRole).toLongLong());
    return true;
}

void TasksPage::editTask(qlonglong itemId)
{
    if (itemId < 0) {
        return;
    }
    auto dialog = new TaskEditorDialog(m_session, itemId, this);
    dialog->open();
}

void TasksPage::newTask(const Task &draft)
{
    // A user who never ran crmctl has no CRM calendar yet: the first task makes it.
    m_session->ensureCalendar([self = QPointer(this), draft](const QString &error) {
        if (!self) {
            return;
        }
        if (!error.isEmpty()) {
            qCWarning(CRM_PLUGIN_LOG) << "no CRM calendar for a new task:" << error;
        }
        auto dialog = new TaskEditorDialog(self->m_session, draft, self);
        dialog->open();
    });
}

} // namespace Crm
