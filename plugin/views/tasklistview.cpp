// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "tasklistview.h"

#include "akonadi/calendarsession.h"
#include "akonadi/directory.h"
#include "domain/counterpartyresolver.h"
#include "domain/searchkeys.h"
#include "models/crmsession.h"
#include "models/tasklistmodel.h"
#include "tasks/taskservice.h"

#include <KLocalizedString>
#include <KMessageWidget>

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPointer>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

TaskListView::TaskListView(CrmSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new TaskListModel(this))
    , m_view(new QTreeView(this))
    , m_kind(new QComboBox(this))
    , m_state(new QComboBox(this))
    , m_counterparty(new QLineEdit(this))
    , m_responsible(new QLineEdit(this))
    , m_mine(new QCheckBox(i18nc("@option:check", "Only my tasks"), this))
    , m_open(new QCheckBox(i18nc("@option:check", "Open"), this))
    , m_overdue(new QCheckBox(i18nc("@option:check", "Overdue"), this))
    , m_message(new KMessageWidget(this))
{
    m_counterparty->setPlaceholderText(i18nc("@info:placeholder", "Counterparty…"));
    m_counterparty->setClearButtonEnabled(true);
    m_responsible->setPlaceholderText(i18nc("@info:placeholder", "Responsible (e-mail)…"));
    m_responsible->setClearButtonEnabled(true);
    m_open->setChecked(true);
    m_open->setToolTip(i18nc("@info:tooltip", "Only tasks not in an end state of their cycle"));
    m_overdue->setToolTip(i18nc("@info:tooltip", "Only tasks past their deadline and not ended"));

    auto bar = new QHBoxLayout;
    auto kindLabel = new QLabel(i18nc("@label:listbox", "Kind:"), this);
    kindLabel->setBuddy(m_kind);
    auto stateLabel = new QLabel(i18nc("@label:listbox", "State:"), this);
    stateLabel->setBuddy(m_state);
    bar->addWidget(kindLabel);
    bar->addWidget(m_kind);
    bar->addWidget(stateLabel);
    bar->addWidget(m_state);
    bar->addWidget(m_counterparty, 1);
    bar->addWidget(m_responsible, 1);
    bar->addWidget(m_mine);
    bar->addWidget(m_open);
    bar->addWidget(m_overdue);

    m_message->setWordWrap(true);
    m_message->setCloseButtonVisible(true);
    m_message->hide();

    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSortingEnabled(false);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->header()->setSectionResizeMode(TaskListModel::SubjectColumn, QHeaderView::Stretch);
    m_view->header()->setStretchLastSection(false);
    // Fixed widths: sizing to contents would read every row of 50,000.
    const int em = fontMetrics().horizontalAdvance(u'M');
    for (const auto &[column, ems] : {std::pair{TaskListModel::StateColumn, 8},
                                      std::pair{TaskListModel::KindColumn, 8},
                                      std::pair{TaskListModel::ResponsibleColumn, 14},
                                      std::pair{TaskListModel::CounterpartyColumn, 16},
                                      std::pair{TaskListModel::DueColumn, 10}}) {
        m_view->header()->resizeSection(column, ems * em);
    }
    m_view->setAccessibleName(i18nc("@info:whatsthis", "Tasks"));

    auto layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_message);
    layout->addWidget(m_view, 1);

    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        fillStates();
        applyFilter();
    });
    connect(m_state, &QComboBox::currentIndexChanged, this, &TaskListView::applyFilter);
    for (QLineEdit *edit : {m_counterparty, m_responsible}) {
        connect(edit, &QLineEdit::editingFinished, this, &TaskListView::applyFilter);
        connect(edit, &QLineEdit::textChanged, this, [this](const QString &text) {
            if (text.isEmpty()) {
                applyFilter();
            }
        });
    }
    connect(m_mine, &QCheckBox::toggled, this, [this](bool mine) {
        m_responsible->setEnabled(!mine);
        applyFilter();
    });
    connect(m_open, &QCheckBox::toggled, this, &TaskListView::applyFilter);
    connect(m_overdue, &QCheckBox::toggled, this, &TaskListView::applyFilter);
    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT editRequested(index.data(TaskListModel::ItemIdRole).toLongLong());
    });
    connect(m_view, &QTreeView::customContextMenuRequested, this, &TaskListView::showContextMenu);

    m_model->setNameLookup([session](const QString &uid) {
        return session->counterpartyName(uid);
    });
    connect(m_session, &CrmSession::calendarReady, this, &TaskListView::calendarReady);
    if (m_session->calendar()) {
        calendarReady();
    }
}

TaskListModel *TaskListView::model() const
{
    return m_model;
}

QTreeView *TaskListView::view() const
{
    return m_view;
}

qint64 TaskListView::currentTask() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? current.data(TaskListModel::ItemIdRole).toLongLong() : -1;
}

void TaskListView::calendarReady()
{
    fillKinds();
    fillStates();
    m_model->setIndex(&m_session->calendar()->index(), &m_session->tasks()->cycles());
    applyFilter();
    connect(m_session, &CrmSession::calendarChanged, m_model, &TaskListModel::refresh, Qt::UniqueConnection);
}

void TaskListView::fillKinds()
{
    const QSignalBlocker blocker(m_kind);
    m_kind->clear();
    m_kind->addItem(i18nc("@item:inlistbox every kind of task", "All"), QVariant());
    m_kind->addItem(i18nc("@item:inlistbox tasks without a kind", "General"), QString());
    if (m_session->tasks()) {
        const auto kinds = m_session->tasks()->cycles().kinds();
        for (const QString &kind : kinds) {
            m_kind->addItem(kind, kind);
        }
    }
}

void TaskListView::fillStates()
{
    // The states of the chosen kind's cycle; of the default cycle for "All".
    const QSignalBlocker blocker(m_state);
    const QString chosen = m_state->currentData().toString();
    m_state->clear();
    m_state->addItem(i18nc("@item:inlistbox every state", "Any"), QString());
    if (!m_session->tasks()) {
        return;
    }
    const auto states = m_session->tasks()->cycles().cycleFor(m_kind->currentData().toString()).states();
    for (const CycleState &s : states) {
        m_state->addItem(s.label, s.name);
    }
    m_state->setCurrentIndex(std::max(0, m_state->findData(chosen)));
}

void TaskListView::applyFilter()
{
    TaskQuery filter;
    // "All" kinds is a null variant, "General" the empty kind.
    const QVariant kind = m_kind->currentData();
    if (kind.isValid() && !kind.toString().isEmpty()) {
        filter.kind = kind.toString();
    }
    filter.state = m_state->currentData().toString();
    filter.openOnly = m_open->isChecked();
    filter.overdueOnly = m_overdue->isChecked();
    filter.responsible = m_mine->isChecked() ? CrmSession::currentUser() : SearchKeys::email(m_responsible->text().trimmed());
    m_message->hide();
    const QString counterparty = m_counterparty->text().trimmed();
    if (!counterparty.isEmpty() && m_session->isDirectoryReady()) {
        const CounterpartyMatch match = CounterpartyMatch::resolve(m_session->directory().index(), counterparty);
        if (match.outcome != CounterpartyMatch::Outcome::Found) {
            m_message->setMessageType(KMessageWidget::Warning);
            m_message->setText(match.outcome == CounterpartyMatch::Outcome::Ambiguous
                                   ? i18nc("@info", "\"%1\" names %2 counterparties; give more of the name.", counterparty, match.candidates.size())
                                   : i18nc("@info", "No counterparty is called \"%1\".", counterparty));
            m_message->animatedShow();
            filter.counterpartyUid = u"\n"_s; // matches nothing, as crmctl refuses
        } else {
            filter.counterpartyUid = match.counterparty.uid;
        }
    }
    m_model->setFilter(filter);
}

void TaskListView::showContextMenu(const QPoint &pos)
{
    // popup(), not exec(): no nested event loop in the views.
    auto menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    const QModelIndex index = m_view->indexAt(pos);
    if (index.isValid() && m_session->tasks()) {
        const qint64 itemId = index.data(TaskListModel::ItemIdRole).toLongLong();
        menu->addAction(QIcon::fromTheme(u"document-edit"_s), i18nc("@action:inmenu", "Edit Task…"), this, [this, itemId] {
            Q_EMIT editRequested(itemId);
        });
        // The moves the task's cycle allows from where it is.
        const BusinessCycle &cycle = m_session->tasks()->cycles().cycleFor(index.data(TaskListModel::KindRole).toString());
        const QStringList next = cycle.next(index.data(TaskListModel::StateRole).toString());
        if (!next.isEmpty()) {
            QMenu *moveMenu = menu->addMenu(QIcon::fromTheme(u"go-next"_s), i18nc("@title:menu", "Move To"));
            for (const QString &name : next) {
                const CycleState *state = cycle.state(name);
                moveMenu->addAction(state ? state->label : name, this, [this, itemId, name] {
                    move(itemId, name);
                });
            }
        }
        menu->addSeparator();
    }
    menu->addAction(QIcon::fromTheme(u"task-new"_s), i18nc("@action:inmenu", "New Task…"), this, &TaskListView::newTaskRequested);
    menu->popup(m_view->viewport()->mapToGlobal(pos));
}

void TaskListView::move(qint64 itemId, const QString &toState)
{
    m_session->tasks()->move(QString::number(itemId),
                             toState,
                             CrmSession::currentUser(),
                             QString(),
                             [self = QPointer(this)](const std::optional<Task> &task, const QString &error) {
                                 if (self && !task) {
                                     self->m_message->setMessageType(KMessageWidget::Warning);
                                     self->m_message->setText(i18nc("@info", "The task was not moved: %1", error));
                                     self->m_message->animatedShow();
                                 }
                             });
}

} // namespace Crm
