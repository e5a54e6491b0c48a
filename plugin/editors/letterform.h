// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/kindtree.h"
#include "domain/letter.h"

#include <QDialog>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace Crm
{
class CounterpartyField;
class DirectoryIndex;

/// The registration form of the Correspondence page: direction,
/// counterparty (completed from the directory), kind (from the classifier),
/// subject, the document's date, priority, note, the employees to notify,
/// and the files, added with a button or dropped onto the form. A file is
/// read whole when it is added (AttachmentFile: the configured size limit),
/// so one that cannot be read is refused there, naming it. What is wrong
/// with the letter is the core's rule (validateLetter); the form shows the
/// first error and keeps Register disabled until it is fixed.
class LetterForm : public QDialog
{
    Q_OBJECT
public:
    explicit LetterForm(QWidget *parent = nullptr);
    ~LetterForm() override;

    void setDirectory(const DirectoryIndex *directory);
    void setKinds(const KindTree &kinds);

    /// The letter as filled in, registered today (Clock::today()).
    Letter letter() const;
    /// validateLetter over it, with the directory and the kinds.
    QList<LetterProblem> problems() const;
    /// Reads @p path and keeps it with the letter; false with @p error naming it.
    bool addFile(const QString &path, QString *error);
    /// Registers the e-mail @p raw (KMail's message, as its bytes) as it
    /// came: its subject, date, text and parts are the letter's and cannot
    /// be edited here; its sender is the addressee and, when the directory
    /// knows the address, names the counterparty. False with @p error when
    /// it is no e-mail.
    bool setEmail(const QByteArray &raw, QString *error);
    /// The e-mail set with setEmail(), empty when the letter is typed in.
    QByteArray email() const;

    QComboBox *directionBox() const;
    CounterpartyField *counterpartyField() const;
    QComboBox *kindBox() const;
    QLineEdit *subjectEdit() const;
    QLineEdit *notifyEdit() const;
    QPushButton *registerButton() const;
    /// The problem shown now, empty when none.
    QString shownProblem() const;

    /// Shows @p text (an error of the registration) and enables Register again.
    void showFailure(const QString &text);

Q_SIGNALS:
    /// Register was pressed with a letter that has no error.
    void registerRequested(const Crm::Letter &letter);
    /// A message of KMail (an akonadi: URL) was dropped: whoever can read it
    /// hands its bytes to setEmail().
    void emailDropped(const QUrl &url);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void check();
    void showFiles();

    const DirectoryIndex *m_directory = nullptr;
    KindTree m_kinds;
    QList<Attachment> m_attachments;
    QByteArray m_email;
    Letter m_fromEmail; ///< what the e-mail says: uid, addressee
    QComboBox *m_direction;
    CounterpartyField *m_counterparty;
    QComboBox *m_kind;
    QLineEdit *m_subject;
    QDateEdit *m_documentDate;
    QComboBox *m_priority;
    QPlainTextEdit *m_note;
    QLineEdit *m_notify;
    QListWidget *m_files;
    QPushButton *m_addFiles = nullptr;
    QLabel *m_problem;
    QPushButton *m_register;
};

} // namespace Crm
