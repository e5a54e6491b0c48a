// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/interaction.h"

#include <Akonadi/Collection>

#include <QDialog>
#include <QPointer>

#include <optional>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QDialogButtonBox;
class QListWidget;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class KMessageWidget;

namespace Crm
{
class CounterpartyField;
class DirectoryIndex;
class InteractionService;
class ItemStorage;

/// Logs an interaction (a call, a meeting…): kind (the standard ones or
/// any text), subject, start, duration, counterparty (completed from the
/// directory index), its contact persons, the employee and a reminder.
/// While the input is not one the core stores, OK is disabled and the
/// reason shown. Saving goes through InteractionService and never waits:
/// the dialog closes when the service reports, or shows why not.
class InteractionEditor : public QDialog
{
    Q_OBJECT
public:
    InteractionEditor(const DirectoryIndex *directory, InteractionService *service, QWidget *parent = nullptr);

    /// Fills the fields (a new interaction: a new UID is given on save).
    void setInteraction(const Interaction &interaction);
    /// Edits the stored interaction @p itemId (@p stored as read) instead of
    /// adding one: fills the fields and saves through InteractionUpdate.
    void editStored(qint64 itemId, const Interaction &stored, ItemStorage *storage, const Akonadi::Collection &calendar);
    /// The interaction the fields describe.
    Interaction interaction() const;
    /// Why the input cannot be stored, or empty.
    QString problem() const;
    /// The reason shown to the user now (empty while OK is enabled).
    QString shownProblem() const;
    QPushButton *okButton() const;

    void accept() override;

Q_SIGNALS:
    /// Stored as item @p itemId.
    void saved(qint64 itemId);

private:
    void validate();
    void fillPersons(const QString &counterpartyUid);

    const DirectoryIndex *m_directory;
    QPointer<InteractionService> m_service;
    QString m_uid;
    // Editing a stored one: its id, as read, and where it is stored.
    qint64 m_itemId = -1;
    Interaction m_stored;
    ItemStorage *m_storage = nullptr;
    Akonadi::Collection m_calendar;
    QComboBox *m_kind;
    QLineEdit *m_subject;
    QDateTimeEdit *m_start;
    QSpinBox *m_duration;
    CounterpartyField *m_counterparty;
    QListWidget *m_persons;
    QComboBox *m_employee;
    QSpinBox *m_remind;
    KMessageWidget *m_message;
    QDialogButtonBox *m_buttons;
    bool m_saving = false;
};

/// Records the result of an interaction and, optionally, plans the next
/// contact (a follow-up on that day, reminded some minutes before). The
/// core's rules (InteractionService::resultProblem) decide what is valid.
class RecordResultDialog : public QDialog
{
    Q_OBJECT
public:
    RecordResultDialog(InteractionService *service, qint64 itemId, const Interaction &interaction, QWidget *parent = nullptr);

    void setResult(const QString &result);
    /// Plans the next contact at @p next, or none.
    void setNextContact(const std::optional<QDateTime> &next);
    std::optional<QDateTime> nextContact() const;
    QString problem() const;
    QString shownProblem() const;
    QPushButton *okButton() const;

    void accept() override;

Q_SIGNALS:
    /// The result is stored; @p followUpId is the planned next contact, or -1.
    void saved(qint64 itemId, qint64 followUpId);

private:
    void validate();

    QPointer<InteractionService> m_service;
    qint64 m_itemId;
    Interaction m_interaction;
    QPlainTextEdit *m_result;
    QCheckBox *m_planNext;
    QDateTimeEdit *m_next;
    QSpinBox *m_remind;
    KMessageWidget *m_message;
    QDialogButtonBox *m_buttons;
    bool m_saving = false;
};

} // namespace Crm
