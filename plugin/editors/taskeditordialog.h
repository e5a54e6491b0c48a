// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/task.h"
#include "tasks/taskservice.h"

#include <QDialog>

class QDialogButtonBox;
class KMessageWidget;

namespace Crm
{
class CrmSession;
class TaskEditor;

/// The task editor in a window: reads the task without waiting, keeps OK
/// disabled with the reason shown while the form breaks a rule, and saves
/// through the task service (a new task, or the changes and a move of a
/// stored one). Closes itself once the task is stored; an error from the
/// service stays on screen with the form as it was.
class TaskEditorDialog : public QDialog
{
    Q_OBJECT
public:
    /// Edits the stored task @p itemId.
    TaskEditorDialog(CrmSession *session, qint64 itemId, QWidget *parent = nullptr);
    /// Creates a task from @p draft (e.g. with the counterparty of a card).
    TaskEditorDialog(CrmSession *session, const Task &draft, QWidget *parent = nullptr);

    TaskEditor *editor() const;
    /// Why OK is disabled, as shown; empty when it is enabled.
    QString shownProblem() const;

Q_SIGNALS:
    /// The task was stored.
    void saved(const Crm::Task &task);

private:
    explicit TaskEditorDialog(CrmSession *session, QWidget *parent);
    void check();
    void save();
    void loaded(const std::optional<TaskService::Loaded> &loaded, const QString &error);
    void stored(const std::optional<Task> &task, const QString &error);

    CrmSession *m_session;
    TaskEditor *m_editor;
    KMessageWidget *m_message;
    QDialogButtonBox *m_buttons;
    qint64 m_itemId = -1;
    bool m_loaded = false;
};

} // namespace Crm
