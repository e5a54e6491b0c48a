// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "mailingeditor.h"

#include "domain/mailingrecipients.h"
#include "import/attachmentfile.h"
#include "mailing/mailtransports.h"

#include <KIdentityManagementCore/Identity>
#include <KIdentityManagementCore/IdentityManager>
#include <KLocalizedString>
#include <KMessageWidget>

#include <QApplication>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

MailingEditor::MailingEditor(QWidget *parent)
    : QWidget(parent)
    , m_identity(new QComboBox(this))
    , m_subject(new QLineEdit(this))
    , m_fromName(new QLineEdit(this))
    , m_fromAddress(new QLineEdit(this))
    , m_transport(new QComboBox(this))
    , m_priority(new QComboBox(this))
    , m_kind(new QLineEdit(this))
    , m_plain(new QPlainTextEdit(this))
    , m_html(new QPlainTextEdit(this))
    , m_files(new QListWidget(this))
    , m_insertField(new QToolButton(this))
    , m_addFile(new QPushButton(QIcon::fromTheme(u"mail-attachment"_s), i18nc("@action:button", "Attach…"), this))
    , m_removeFile(new QPushButton(QIcon::fromTheme(u"list-remove"_s), i18nc("@action:button", "Remove"), this))
    , m_save(new QPushButton(QIcon::fromTheme(u"document-save"_s), i18nc("@action:button", "Save"), this))
    , m_message(new KMessageWidget(this))
{
    setAcceptDrops(true);
    m_message->setCloseButtonVisible(false);
    m_message->setWordWrap(true);
    m_message->hide();

    m_subject->setPlaceholderText(i18nc("@info:placeholder", "Merge fields work here too: {counterparty}"));
    m_fromName->setPlaceholderText(i18nc("@info:placeholder", "The sender's name"));
    m_fromAddress->setPlaceholderText(i18nc("@info:placeholder", "sender@example.com"));
    m_priority->addItem(i18nc("@item:inlistbox mailing priority", "Normal"), int(Mailing::Priority::Normal));
    m_priority->addItem(i18nc("@item:inlistbox mailing priority", "High"), int(Mailing::Priority::High));
    m_priority->addItem(i18nc("@item:inlistbox mailing priority", "Low"), int(Mailing::Priority::Low));
    m_kind->setPlaceholderText(i18nc("@info:placeholder", "Offer, price list, notice…"));
    m_transport->addItem(i18nc("@item:inlistbox mail transport", "Default transport"), -1);
    for (const auto &t : MailTransports::all()) {
        m_transport->addItem(t.name, t.id);
    }
    m_plain->setPlaceholderText(i18nc("@info:placeholder", "Dear {fullName|colleague},\n\n…"));
    m_html->setPlaceholderText(i18nc("@info:placeholder", "Optional: the same text as HTML. Sent besides the plain text."));
    m_files->setToolTip(i18nc("@info:tooltip", "Drop files here, or add them with the button"));
    m_files->setMaximumHeight(m_files->fontMetrics().height() * 5);

    // Merge fields: the named ones; any vCard property works typed by name.
    m_insertField->setText(i18nc("@action:button", "Insert Field"));
    m_insertField->setIcon(QIcon::fromTheme(u"insert-text"_s));
    m_insertField->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_insertField->setPopupMode(QToolButton::InstantPopup);
    auto fields = new QMenu(m_insertField);
    const QList<std::pair<QString, QString>> named = {
        {u"fullName"_s, i18nc("@action merge field", "Full name")},
        {u"firstName"_s, i18nc("@action merge field", "First name")},
        {u"lastName"_s, i18nc("@action merge field", "Last name")},
        {u"counterparty"_s, i18nc("@action merge field", "Counterparty")},
        {u"position"_s, i18nc("@action merge field", "Position")},
        {u"email"_s, i18nc("@action merge field", "E-mail address")},
    };
    for (const auto &[field, label] : named) {
        fields->addAction(label, this, [this, field] {
            insertField(field);
        });
    }
    m_insertField->setMenu(fields);

    auto form = new QFormLayout;
    form->addRow(i18nc("@label:textbox", "Subject:"), m_subject);
    form->addRow(i18nc("@label:listbox", "Identity:"), m_identity);
    auto from = new QHBoxLayout;
    from->addWidget(m_fromName, 1);
    from->addWidget(m_fromAddress, 1);
    form->addRow(i18nc("@label:textbox", "From:"), from);
    form->addRow(i18nc("@label:listbox", "Transport:"), m_transport);
    auto kind = new QHBoxLayout;
    kind->addWidget(m_kind, 1);
    kind->addWidget(new QLabel(i18nc("@label:listbox", "Priority:"), this));
    kind->addWidget(m_priority);
    form->addRow(i18nc("@label:textbox", "Kind:"), kind);

    auto bodies = new QTabWidget(this);
    bodies->addTab(m_plain, i18nc("@title:tab", "Plain Text"));
    bodies->addTab(m_html, i18nc("@title:tab", "HTML"));
    connect(bodies, &QTabWidget::currentChanged, this, [this, bodies] {
        m_lastText = bodies->currentWidget();
    });

    auto files = new QHBoxLayout;
    files->addWidget(m_files, 1);
    auto fileButtons = new QVBoxLayout;
    fileButtons->addWidget(m_addFile);
    fileButtons->addWidget(m_removeFile);
    fileButtons->addStretch();
    files->addLayout(fileButtons);

    auto bottom = new QHBoxLayout;
    bottom->addWidget(m_insertField);
    bottom->addStretch();
    bottom->addWidget(m_save);

    auto layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addLayout(form);
    layout->addWidget(bodies, 1);
    layout->addLayout(files);
    layout->addLayout(bottom);

    m_lastText = m_plain;
    connect(m_addFile, &QPushButton::clicked, this, &MailingEditor::pickFiles);
    connect(m_removeFile, &QPushButton::clicked, this, [this] {
        const int row = m_files->currentRow();
        if (row >= 0 && row < m_attachments.size()) {
            m_attachments.removeAt(row);
            showAttachments();
            setModified(true);
        }
    });
    connect(m_save, &QPushButton::clicked, this, [this] {
        if (problem().isEmpty()) {
            Q_EMIT saveRequested(mailing());
            setModified(false);
        }
    });
    for (QLineEdit *edit : {m_subject, m_fromName, m_fromAddress, m_kind}) {
        connect(edit, &QLineEdit::textEdited, this, [this] {
            setModified(true);
        });
    }
    for (QPlainTextEdit *edit : {m_plain, m_html}) {
        connect(edit, &QPlainTextEdit::textChanged, this, [this] {
            setModified(true);
        });
    }
    fillIdentities();
    connect(m_identity, &QComboBox::activated, this, &MailingEditor::identityPicked);
    for (QComboBox *box : {m_transport, m_priority}) {
        connect(box, &QComboBox::activated, this, [this] {
            setModified(true);
        });
    }
    connect(qApp, &QApplication::focusChanged, this, [this](QWidget *, QWidget *now) {
        if (now == m_subject || now == m_plain || now == m_html) {
            m_lastText = now;
        }
    });
    setModified(false);
}

void MailingEditor::fillIdentities()
{
    m_identity->clear();
    auto *manager = KIdentityManagementCore::IdentityManager::self();
    for (auto it = manager->begin(); it != manager->end(); ++it) {
        m_identity->addItem(i18nc("@item:inlistbox identity name and address", "%1 <%2>", it->identityName(), it->primaryEmailAddress()), it->uoid());
    }
    m_identity->setPlaceholderText(i18nc("@info:placeholder", "None: type the sender below, or set up an identity in System Settings"));
}

void MailingEditor::identityPicked()
{
    const auto &identity = KIdentityManagementCore::IdentityManager::self()->identityForUoid(m_identity->currentData().toUInt());
    if (identity.isNull()) {
        return;
    }
    m_fromName->setText(identity.fullName());
    m_fromAddress->setText(identity.primaryEmailAddress());
    bool isNumber = false;
    const int transport = identity.transport().toInt(&isNumber);
    if (isNumber && m_transport->findData(transport) >= 0) {
        m_transport->setCurrentIndex(m_transport->findData(transport)); // the identity's own, as KMail sends it
    }
    setModified(true);
}

QComboBox *MailingEditor::identityBox() const
{
    return m_identity;
}

void MailingEditor::setMailing(const Mailing &mailing)
{
    m_mailing = mailing;
    m_attachments = mailing.attachments;
    m_subject->setText(mailing.subject);
    // The identity the mailing names, else the one with its address.
    int identity = m_identity->findData(mailing.identityId);
    for (int i = 0; identity < 0 && i < m_identity->count(); ++i) {
        const auto &candidate = KIdentityManagementCore::IdentityManager::self()->identityForUoid(m_identity->itemData(i).toUInt());
        if (candidate.matchesEmailAddress(mailing.fromAddress)) {
            identity = i;
        }
    }
    m_identity->setCurrentIndex(identity);
    m_fromName->setText(mailing.fromName);
    m_fromAddress->setText(mailing.fromAddress);
    const int transport = m_transport->findData(mailing.transportId);
    m_transport->setCurrentIndex(transport >= 0 ? transport : 0);
    m_priority->setCurrentIndex(m_priority->findData(int(mailing.priority)));
    m_kind->setText(mailing.kind);
    m_plain->setPlainText(mailing.plainBody);
    m_html->setPlainText(mailing.htmlBody);
    showAttachments();
    setModified(false);
}

Mailing MailingEditor::mailing() const
{
    Mailing m = m_mailing;
    m.subject = m_subject->text();
    m.fromName = m_fromName->text().trimmed();
    m.fromAddress = m_fromAddress->text().trimmed();
    if (m_mailing.unsubscribeMailto.isEmpty() || m_mailing.unsubscribeMailto == m_mailing.fromAddress) {
        m.unsubscribeMailto = m.fromAddress; // it followed the sender: it still does
    }
    m.transportId = m_transport->currentData().toInt();
    if (m_identity->currentIndex() >= 0) {
        m.identityId = m_identity->currentData().toUInt();
    }
    m.priority = Mailing::Priority(m_priority->currentData().toInt());
    m.kind = m_kind->text().trimmed();
    m.plainBody = m_plain->toPlainText();
    m.htmlBody = m_html->toPlainText();
    m.attachments = m_attachments;
    return m;
}

void MailingEditor::setEditable(bool editable)
{
    m_editable = editable;
    for (QLineEdit *edit : {m_subject, m_fromName, m_fromAddress, m_kind}) {
        edit->setReadOnly(!editable);
    }
    m_plain->setReadOnly(!editable);
    m_html->setReadOnly(!editable);
    m_transport->setEnabled(editable);
    m_identity->setEnabled(editable && m_identity->count() > 0);
    m_priority->setEnabled(editable);
    m_insertField->setEnabled(editable);
    m_addFile->setEnabled(editable);
    m_removeFile->setEnabled(editable);
    setAcceptDrops(editable);
    check();
}

bool MailingEditor::addFile(const QString &path, QString *error)
{
    const auto file = AttachmentFile::read(path, error);
    if (!file) {
        return false;
    }
    m_attachments.append({file->label, file->mimeType, file->data});
    showAttachments();
    setModified(true);
    return true;
}

QString MailingEditor::problem() const
{
    const Mailing m = mailing();
    if (m.subject.trimmed().isEmpty()) {
        return i18nc("@info", "A mailing needs a subject.");
    }
    if (!isValidMailAddress(m.fromAddress)) {
        return m.fromAddress.isEmpty() ? i18nc("@info", "Give the sender's address, or set up an identity in System Settings.")
                                       : i18nc("@info", "The sender \"%1\" is not a valid e-mail address.", m.fromAddress);
    }
    if (m.plainBody.trimmed().isEmpty() && m.htmlBody.trimmed().isEmpty()) {
        return i18nc("@info", "The message has no text.");
    }
    return {};
}

QLineEdit *MailingEditor::subjectEdit() const
{
    return m_subject;
}

QPlainTextEdit *MailingEditor::plainEdit() const
{
    return m_plain;
}

QPushButton *MailingEditor::saveButton() const
{
    return m_save;
}

void MailingEditor::dragEnterEvent(QDragEnterEvent *event)
{
    if (m_editable && event->mimeData()->hasUrls()) {
        event->acceptProposedAction();
    }
}

void MailingEditor::dropEvent(QDropEvent *event)
{
    QStringList refused;
    const QList<QUrl> urls = event->mimeData()->urls();
    for (const QUrl &url : urls) {
        QString error;
        // Every recipient gets the file itself: local files only.
        if (!url.isLocalFile()) {
            refused << i18nc("@info", "%1 is not a local file", url.toDisplayString());
        } else if (!addFile(url.toLocalFile(), &error)) {
            refused << error;
        }
    }
    if (!refused.isEmpty()) {
        m_message->setMessageType(KMessageWidget::Error);
        m_message->setText(refused.join(u'\n'));
        m_message->animatedShow();
    }
    event->acceptProposedAction();
}

void MailingEditor::insertField(const QString &field)
{
    const QString text = u"{%1}"_s.arg(field);
    if (m_lastText == m_subject) {
        m_subject->insert(text);
        m_subject->setFocus();
    } else if (auto *edit = qobject_cast<QPlainTextEdit *>(m_lastText)) {
        edit->insertPlainText(text);
        edit->setFocus();
    }
    setModified(true);
}

void MailingEditor::pickFiles()
{
    // Not modal-blocking: the dialog reports when the user is done.
    auto dialog = new QFileDialog(this, i18nc("@title:window", "Attach Files"));
    dialog->setFileMode(QFileDialog::ExistingFiles);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::filesSelected, this, [this](const QStringList &files) {
        QStringList refused;
        for (const QString &f : files) {
            QString error;
            if (!addFile(f, &error)) {
                refused << error;
            }
        }
        if (!refused.isEmpty()) {
            m_message->setMessageType(KMessageWidget::Error);
            m_message->setText(refused.join(u'\n'));
            m_message->animatedShow();
        }
    });
    dialog->open();
}

void MailingEditor::showAttachments()
{
    m_files->clear();
    for (const MailingAttachment &a : std::as_const(m_attachments)) {
        auto item = new QListWidgetItem(QIcon::fromTheme(u"mail-attachment"_s),
                                        i18nc("@item file name and size", "%1 (%2)", a.fileName, QLocale().formattedDataSize(a.data.size())),
                                        m_files);
        item->setData(Qt::UserRole, a.fileName);
    }
}

void MailingEditor::setModified(bool modified)
{
    m_save->setEnabled(m_editable && modified);
    check();
}

void MailingEditor::check()
{
    const QString text = m_editable ? problem() : i18nc("@info", "This mailing has been sent: copy it to send it again with changes.");
    if (text.isEmpty()) {
        m_message->hide();
        return;
    }
    if (m_editable) {
        m_save->setEnabled(false);
    }
    m_message->setMessageType(m_editable ? KMessageWidget::Warning : KMessageWidget::Information);
    m_message->setText(text);
    m_message->show();
}

} // namespace Crm
