// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/task.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QTableWidget;
class QTreeWidget;

namespace Crm
{
class BusinessCycles;
class DirectoryIndex;

/// Every field of a task as a form: subject, description, kind, state (the
/// moves its cycle allows), priority, direction, responsible, counterparty,
/// start and deadline, attachments, planned and actual resources, and the
/// history (read only). problem() says what keeps the task from being
/// saved, with TaskService's own rules; the dialog around it shows that and
/// does the saving.
class TaskEditor : public QWidget
{
    Q_OBJECT
public:
    explicit TaskEditor(QWidget *parent = nullptr);

    /// The cycles (kinds, states) and the directory (counterparty names);
    /// both must outlive the editor.
    void setContext(const BusinessCycles *cycles, const DirectoryIndex *directory);
    /// Fills the form. A new task (no UID) starts in its cycle's first state.
    void setTask(const Task &task);
    /// The task as the form says now.
    Task task() const;
    /// Why the task cannot be saved as it stands, or empty.
    QString problem() const;

    /// Adds @p fileOrLink as an attachment (what "Add File…" and a drop do);
    /// false with @p error when the file cannot be kept.
    bool addAttachment(const QString &fileOrLink, QString *error);
    /// Opens the attachment at @p row with the desktop's default application.
    void openAttachment(int row);

    // The fields, for tests and the dialog's focus.
    QLineEdit *subjectEdit() const;
    QLineEdit *counterpartyEdit() const;
    QLineEdit *responsibleEdit() const;
    QComboBox *kindBox() const;
    QComboBox *stateBox() const;
    QTableWidget *resourceTable() const;
    QTreeWidget *historyView() const;
    QDateTimeEdit *dueEdit() const;
    QDateTimeEdit *startEdit() const;
    QCheckBox *hasDueBox() const;
    QCheckBox *hasStartBox() const;

Q_SIGNALS:
    /// Something in the form changed: check problem() again.
    void changed();

private:
    void fillStates();
    void fillAttachments();
    void addResourceRow(const ResourceUse &use);
    QList<ResourceUse> resources(QString *problem) const;
    QString counterpartyUid(QString *problem) const;

    const BusinessCycles *m_cycles = nullptr;
    const DirectoryIndex *m_directory = nullptr;
    Task m_task;
    QList<Attachment> m_attachments;

    QLineEdit *m_subject;
    QPlainTextEdit *m_description;
    QComboBox *m_kind;
    QComboBox *m_state;
    QComboBox *m_priority;
    QComboBox *m_direction;
    QLineEdit *m_responsible;
    QLineEdit *m_counterparty;
    QCheckBox *m_hasStart;
    QDateTimeEdit *m_start;
    QCheckBox *m_hasDue;
    QDateTimeEdit *m_due;
    QListWidget *m_attachmentList;
    QTableWidget *m_resources;
    QTreeWidget *m_history;
};

} // namespace Crm
