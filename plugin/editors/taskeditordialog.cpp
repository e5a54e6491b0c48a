// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "taskeditordialog.h"

#include "akonadi/directory.h"
#include "editors/taskeditor.h"
#include "models/crmsession.h"
#include "tasks/taskservice.h"

#include <KLocalizedString>
#include <KMessageWidget>

#include <QDialogButtonBox>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

namespace Crm
{

TaskEditorDialog::TaskEditorDialog(CrmSession *session, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_editor(new TaskEditor(this))
    , m_message(new KMessageWidget(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setAttribute(Qt::WA_DeleteOnClose);
    m_message->setWordWrap(true);
    m_message->setCloseButtonVisible(false);
    m_message->hide();
    auto layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &TaskEditorDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_editor, &TaskEditor::changed, this, &TaskEditorDialog::check);
    m_editor->setContext(m_session->tasks() ? &m_session->tasks()->cycles() : nullptr,
                         m_session->isDirectoryReady() ? &m_session->directory().index() : nullptr);
    resize(640, 520);
}

TaskEditorDialog::TaskEditorDialog(CrmSession *session, qint64 itemId, QWidget *parent)
    : TaskEditorDialog(session, parent)
{
    setWindowTitle(i18nc("@title:window", "Edit Task"));
    m_itemId = itemId;
    m_editor->setEnabled(false);
    check();
    if (!m_session->tasks()) {
        return;
    }
    // The dialog may be closed before the answer comes.
    m_session->tasks()->load(QString::number(itemId), [self = QPointer(this)](const std::optional<TaskService::Loaded> &loaded, const QString &error) {
        if (!self) {
            return;
        }
        self->loaded(loaded, error);
    });
}

void TaskEditorDialog::loaded(const std::optional<TaskService::Loaded> &loaded, const QString &error)
{
    if (!loaded) {
        m_message->setMessageType(KMessageWidget::Error);
        m_message->setText(i18nc("@info", "The task cannot be read: %1", error));
        m_message->show();
        return;
    }
    m_loaded = true;
    m_editor->setTask(loaded->read.task);
    m_editor->setEnabled(true);
    setWindowTitle(i18nc("@title:window %1 task subject", "Edit Task: %1", loaded->read.task.subject));
    check();
}

TaskEditorDialog::TaskEditorDialog(CrmSession *session, const Task &draft, QWidget *parent)
    : TaskEditorDialog(session, parent)
{
    setWindowTitle(i18nc("@title:window", "New Task"));
    Task task = draft;
    if (task.responsible.isEmpty()) {
        task.responsible = CrmSession::currentUser();
    }
    m_loaded = true;
    m_editor->setTask(task);
    check();
}

TaskEditor *TaskEditorDialog::editor() const
{
    return m_editor;
}

QString TaskEditorDialog::shownProblem() const
{
    return m_buttons->button(QDialogButtonBox::Ok)->isEnabled() ? QString() : m_message->text();
}

void TaskEditorDialog::check()
{
    QString problem;
    if (!m_session->tasks()) {
        problem = i18nc("@info", "The CRM calendar is not open yet.");
    } else if (!m_loaded) {
        problem = i18nc("@info", "Reading the task…");
    } else {
        problem = m_editor->problem();
    }
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
    if (problem.isEmpty()) {
        m_message->hide();
    } else {
        m_message->setMessageType(m_loaded ? KMessageWidget::Warning : KMessageWidget::Information);
        m_message->setText(problem);
        m_message->show();
    }
}

void TaskEditorDialog::save()
{
    TaskService *tasks = m_session->tasks();
    if (!tasks || !m_editor->problem().isEmpty()) {
        return;
    }
    m_buttons->setEnabled(false);
    const auto done = [self = QPointer(this)](const std::optional<Task> &task, const QString &error) {
        if (self) {
            self->stored(task, error);
        }
    };
    const Task task = m_editor->task();
    if (m_itemId < 0) {
        tasks->add(task, CrmSession::currentUser(), done);
    } else {
        tasks->update(QString::number(m_itemId), task, CrmSession::currentUser(), done);
    }
}

void TaskEditorDialog::stored(const std::optional<Task> &task, const QString &error)
{
    m_buttons->setEnabled(true);
    if (!task) {
        m_message->setMessageType(KMessageWidget::Error);
        m_message->setText(i18nc("@info", "The task was not saved: %1", error));
        m_message->show();
        return;
    }
    Q_EMIT saved(*task);
    accept();
}

} // namespace Crm
