// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/task.h"

#include <QWidget>

class QStackedWidget;
class QToolButton;

namespace Crm
{
class CrmSession;
class TaskBoardView;
class TaskListView;

/// The Tasks page: the board or the list (a switch, as KOrganizer's views),
/// and the task editor both open.
class TasksPage : public QWidget
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.kde.kontactcrm.Tasks")
public:
    explicit TasksPage(CrmSession *session, QWidget *parent = nullptr);

    TaskBoardView *board() const;
    TaskListView *list() const;

public Q_SLOTS:
    // Scripts and the end-to-end test drive the page as a user would.
    /// Brings the board to the front of the CRM's pages.
    Q_SCRIPTABLE void showBoard();
    /// Brings the list to the front of the CRM's pages.
    Q_SCRIPTABLE void showList();
    /// The board's columns shown now, "label (count)" each.
    Q_SCRIPTABLE QStringList columns() const;
    /// Shows the board of @p kind and answers once it is built: its
    /// columns, as columns() (empty when no cycle has that kind).
    Q_SCRIPTABLE QStringList showBoardOfKind(const QString &kind);
    /// The subjects in the list, as shown.
    Q_SCRIPTABLE QStringList listed() const;
    /// Opens the editor on the stored task @p itemId.
    Q_SCRIPTABLE void editTask(qlonglong itemId);
    /// Opens the editor on the first task of the list; false when it is empty.
    Q_SCRIPTABLE bool editFirstListed();
    /// Opens the editor on a new task, e.g. with a card's counterparty.
    void newTask(const Crm::Task &draft = {});

private:
    CrmSession *m_session;
    TaskBoardView *m_board;
    TaskListView *m_list;
    QStackedWidget *m_stack;
    QToolButton *m_boardButton;
    QToolButton *m_listButton;
};

} // namespace Crm
