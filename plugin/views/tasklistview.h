// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QTreeView;
class KMessageWidget;

namespace Crm
{
class CrmSession;
class TaskListModel;

/// The task list with the filters of `crmctl task list`: mine, overdue,
/// open, state, kind, counterparty, responsible. Double-click (or Enter)
/// edits a task; the context menu edits, moves along the cycle, or adds one.
class TaskListView : public QWidget
{
    Q_OBJECT
public:
    explicit TaskListView(CrmSession *session, QWidget *parent = nullptr);

    TaskListModel *model() const;
    QTreeView *view() const;
    /// The item id of the selected task, or -1.
    qint64 currentTask() const;

Q_SIGNALS:
    void editRequested(qint64 itemId);
    void newTaskRequested();

private:
    void calendarReady();
    void fillKinds();
    void fillStates();
    void applyFilter();
    void showContextMenu(const QPoint &pos);
    void move(qint64 itemId, const QString &toState);

    CrmSession *m_session;
    TaskListModel *m_model;
    QTreeView *m_view;
    QComboBox *m_kind;
    QComboBox *m_state;
    QLineEdit *m_counterparty;
    QLineEdit *m_responsible;
    QCheckBox *m_mine;
    QCheckBox *m_open;
    QCheckBox *m_overdue;
    KMessageWidget *m_message;
};

} // namespace Crm
