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
public:
    explicit TaskBoardView(CrmSession *session, QWidget *parent = nullptr);
    ~TaskBoardView() override;

    TaskBoardModel *model() const;

    /// The columns shown now, "label (count)" each.
    QStringList columns() const;
    /// Shows the board of @p kind (empty: tasks of no kind of their own), as
    /// choosing it in the kind box does; false when no cycle has that kind.
    bool setKind(const QString &kind);

Q_SIGNALS:
    /// The user opened a task (double-click or Enter on its card).
    void editRequested(qint64 itemId);

private:
    void calendarReady();
    void fillKinds();
    void rebuildColumns();
    void applyFilter();
    void move(qint64 itemId, const QString &toState);
    void showError(const QString &text);

    CrmSession *m_session;
    TaskBoardModel *m_model;
    TaskService *m_tasks = nullptr;
    QComboBox *m_kind;
    QCheckBox *m_mine;
    KMessageWidget *m_message;
    QHBoxLayout *m_columns;
    QList<QListView *> m_columnViews;
    QList<QLabel *> m_columnHeaders;
};

} // namespace Crm
