// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/mailing.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QToolButton;
class KMessageWidget;

namespace Crm
{

/// The template of a mailing: subject, the identity it is sent as (name,
/// address and transport from KIdentityManagement, each still editable), priority,
/// kind, the plain body and an optional HTML body, attachments (a button or
/// dropped files). Merge fields are typed as {firstName|colleague} or picked
/// from the Insert Field menu into the text that had the focus last.
/// Editable while the mailing is a draft; Save hands the result to whoever
/// keeps it (saveRequested).
class MailingEditor : public QWidget
{
    Q_OBJECT
public:
    explicit MailingEditor(QWidget *parent = nullptr);

    void setMailing(const Mailing &mailing);
    /// The mailing as edited; the fields not shown are those given to setMailing.
    Mailing mailing() const;
    /// A sent mailing cannot change: only a copy can.
    void setEditable(bool editable);
    /// Reads @p path and adds it; false with @p error naming the file.
    bool addFile(const QString &path, QString *error);
    /// What is wrong with the mailing as edited, empty when nothing.
    QString problem() const;

    QLineEdit *subjectEdit() const;
    QPlainTextEdit *plainEdit() const;
    QPushButton *saveButton() const;
    /// The sending identities (KIdentityManagement, what KMail sends as).
    QComboBox *identityBox() const;

Q_SIGNALS:
    void saveRequested(const Crm::Mailing &mailing);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void insertField(const QString &field);
    void pickFiles();
    void showAttachments();
    void check();
    void setModified(bool modified);
    void fillIdentities();
    void identityPicked();

    Mailing m_mailing;
    QList<MailingAttachment> m_attachments;
    QComboBox *m_identity;
    QLineEdit *m_subject;
    QLineEdit *m_fromName;
    QLineEdit *m_fromAddress;
    QComboBox *m_transport;
    QComboBox *m_priority;
    QLineEdit *m_kind;
    QPlainTextEdit *m_plain;
    QPlainTextEdit *m_html;
    QListWidget *m_files;
    QToolButton *m_insertField;
    QPushButton *m_addFile;
    QPushButton *m_removeFile;
    QPushButton *m_save;
    KMessageWidget *m_message;
    QWidget *m_lastText = nullptr;
    bool m_editable = true;
};

} // namespace Crm
