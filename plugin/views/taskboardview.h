// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QHBoxLayout;
class QLabel;
class QListView;
class KMessageWidget;

namespace Crm
{
class CrmSession;
class TaskBoardModel;
class TaskService;

/// The tasks page: a board with a column per state of the chosen kind's
/// business cycle. Dragging a card to another column moves the task through
/// the task service; a move the cycle forbids is refused with the reason.
/// Follows the calendar index live.
class TaskBoardView : public QWidget
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.kde.kontactcrm.Tasks")
public:
    explicit TaskBoardView(CrmSession *session, QWidget *parent = nullptr);
    ~TaskBoardView() override;

    TaskBoardModel *model() const;

public Q_SLOTS:
    /// Brings the board to the front of the CRM's pages.
    Q_SCRIPTABLE void showBoard();
    /// The columns shown now, "label (count)" each.
    Q_SCRIPTABLE QStringList columns() const;

private:
    void calendarReady();
    void fillKinds();
    void rebuildColumns();
    void applyFilter();
    void move(qint64 itemId, const QString &toState);
    void showError(const QString &text);
    /// The user's e-mail address, recorded as who moved a task.
    static QString currentUser();

    CrmSession *m_session;
    TaskBoardModel *m_model;
    std::unique_ptr<TaskService> m_tasks;
    QComboBox *m_kind;
    QCheckBox *m_mine;
    KMessageWidget *m_message;
    QHBoxLayout *m_columns;
    QList<QListView *> m_columnViews;
    QList<QLabel *> m_columnHeaders;
};

} // namespace Crm
