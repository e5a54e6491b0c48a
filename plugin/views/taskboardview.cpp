// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "taskboardview.h"

#include "akonadi/calendarsession.h"
#include "crmplugin_debug.h"
#include "models/crmsession.h"
#include "models/taskboardmodel.h"
#include "tasks/taskservice.h"

#include <KLocalizedString>
#include <KMessageWidget>

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QScrollArea>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

TaskBoardView::TaskBoardView(CrmSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new TaskBoardModel(this))
    , m_kind(new QComboBox(this))
    , m_mine(new QCheckBox(i18nc("@option:check", "Only my tasks"), this))
    , m_message(new KMessageWidget(this))
    , m_columns(new QHBoxLayout)
{
    auto bar = new QHBoxLayout;
    auto kindLabel = new QLabel(i18nc("@label:listbox", "Kind:"), this);
    kindLabel->setBuddy(m_kind);
    bar->addWidget(kindLabel);
    bar->addWidget(m_kind);
    bar->addWidget(m_mine);
    bar->addStretch();

    m_message->setCloseButtonVisible(true);
    m_message->setWordWrap(true);
    m_message->hide();

    auto columns = new QWidget(this);
    columns->setLayout(m_columns);
    auto scroll = new QScrollArea(this);
    scroll->setWidget(columns);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    auto layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_message);
    layout->addWidget(scroll, 1);

    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        m_model->setKind(m_kind->currentData().toString());
    });
    connect(m_mine, &QCheckBox::toggled, this, &TaskBoardView::applyFilter);
    connect(m_model, &QAbstractItemModel::modelReset, this, &TaskBoardView::rebuildColumns);
    connect(m_model, &TaskBoardModel::moveRequested, this, &TaskBoardView::move);
    connect(m_model, &TaskBoardModel::moveRefused, this, &TaskBoardView::showError);

    connect(m_session, &CrmSession::calendarReady, this, &TaskBoardView::calendarReady);
    if (m_session->calendar()) {
        calendarReady();
    }
}

TaskBoardView::~TaskBoardView() = default;

TaskBoardModel *TaskBoardView::model() const
{
    return m_model;
}

QStringList TaskBoardView::columns() const
{
    QStringList out;
    for (int c = 0; c < m_model->rowCount(); ++c) {
        out << m_model->index(c, 0).data().toString();
    }
    return out;
}

bool TaskBoardView::setKind(const QString &kind)
{
    const int at = kind.isEmpty() ? 0 : m_kind->findData(kind, Qt::UserRole, Qt::MatchFixedString);
    if (at < 0) {
        return false;
    }
    m_kind->setCurrentIndex(at);
    return true;
}

void TaskBoardView::calendarReady()
{
    m_tasks = m_session->tasks();
    fillKinds();
    m_model->setIndex(&m_session->calendar()->index(), &m_tasks->cycles());
    connect(m_session, &CrmSession::calendarChanged, m_model, &TaskBoardModel::refresh, Qt::UniqueConnection);
}

void TaskBoardView::fillKinds()
{
    const QSignalBlocker blocker(m_kind);
    m_kind->clear();
    m_kind->addItem(i18nc("@item:inlistbox tasks without a kind of their own", "General"), QString());
    const auto kinds = m_tasks->cycles().kinds();
    for (const QString &kind : kinds) {
        m_kind->addItem(kind, kind);
    }
}

void TaskBoardView::applyFilter()
{
    TaskQuery filter;
    if (m_mine->isChecked()) {
        filter.responsible = CrmSession::currentUser();
    }
    m_model->setFilter(filter);
}

void TaskBoardView::rebuildColumns()
{
    // The columns follow the cycle of the chosen kind; a reset may change them.
    if (m_columnViews.size() != m_model->rowCount()) {
        while (QLayoutItem *item = m_columns->takeAt(0)) {
            delete item->widget();
            delete item;
        }
        m_columnViews.clear();
        m_columnHeaders.clear();
        for (int c = 0; c < m_model->rowCount(); ++c) {
            auto column = new QWidget(this);
            auto header = new QLabel(column);
            QFont bold = header->font();
            bold.setBold(true);
            header->setFont(bold);
            auto view = new QListView(column);
            auto layout = new QVBoxLayout(column);
            layout->setContentsMargins(0, 0, 0, 0);
            layout->addWidget(header);
            layout->addWidget(view, 1);
            view->setSpacing(2);
            view->setAlternatingRowColors(true);
            view->setModel(m_model);
            view->setDragDropMode(QAbstractItemView::DragDrop);
            view->setDefaultDropAction(Qt::MoveAction);
            view->setDragEnabled(true);
            view->setAcceptDrops(true);
            view->setDropIndicatorShown(true);
            view->setMinimumWidth(180);
            view->setWordWrap(true);
            connect(view, &QListView::activated, this, [this](const QModelIndex &index) {
                if (index.parent().isValid()) {
                    Q_EMIT editRequested(index.data(TaskBoardModel::ItemIdRole).toLongLong());
                }
            });
            m_columns->addWidget(column);
            m_columnViews << view;
            m_columnHeaders << header;
        }
    }
    for (int c = 0; c < m_columnViews.size(); ++c) {
        const QModelIndex column = m_model->index(c, 0);
        m_columnViews[c]->setRootIndex(column);
        m_columnHeaders[c]->setText(column.data().toString());
        m_columnViews[c]->setToolTip(column.data().toString());
        m_columnViews[c]->setAccessibleName(column.data().toString());
    }
}

void TaskBoardView::move(qint64 itemId, const QString &toState)
{
    if (!m_tasks) {
        return;
    }
    m_tasks->move(QString::number(itemId), toState, CrmSession::currentUser(), QString(), [this](const std::optional<Task> &task, const QString &error) {
        if (!task) {
            showError(i18nc("@info", "The task was not moved: %1", error));
            return;
        }
        m_message->animatedHide();
        m_model->refresh();
    });
}

void TaskBoardView::showError(const QString &text)
{
    m_message->setMessageType(KMessageWidget::Warning);
    m_message->setText(text);
    m_message->animatedShow();
}

} // namespace Crm
