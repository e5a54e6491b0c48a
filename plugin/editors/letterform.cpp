// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "letterform.h"

#include "domain/counterpartyresolver.h"

#include "counterpartyfield.h"
#include "domain/clock.h"
#include "domain/directoryindex.h"
#include "import/attachmentfile.h"
#include "import/importlimits.h"
#include "mime/lettermapping.h"

#include <KLocalizedString>

#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

LetterForm::LetterForm(QWidget *parent)
    : QDialog(parent)
    , m_direction(new QComboBox)
    , m_counterparty(new CounterpartyField)
    , m_kind(new QComboBox)
    , m_subject(new QLineEdit)
    , m_documentDate(new QDateEdit(Clock::today()))
    , m_priority(new QComboBox)
    , m_note(new QPlainTextEdit)
    , m_notify(new QLineEdit)
    , m_files(new QListWidget)
    , m_problem(new QLabel)
    , m_register(nullptr)
{
    setWindowTitle(i18nc("@title:window", "Register a Letter"));
    setAcceptDrops(true);
    m_direction->addItem(i18nc("@item letter direction", "Incoming"), int(Letter::Direction::Incoming));
    m_direction->addItem(i18nc("@item letter direction", "Outgoing"), int(Letter::Direction::Outgoing));
    m_priority->addItem(i18nc("@item letter priority", "Normal"), int(Letter::Priority::Normal));
    m_priority->addItem(i18nc("@item letter priority", "Urgent"), int(Letter::Priority::Urgent));
    m_priority->addItem(i18nc("@item letter priority", "Low"), int(Letter::Priority::Low));
    m_documentDate->setCalendarPopup(true);
    m_notify->setPlaceholderText(i18nc("@info:placeholder", "E-mail addresses of employees, separated by commas"));
    m_files->setToolTip(i18nc("@info:tooltip", "Drop files here, or add them with the button"));
    m_problem->setWordWrap(true);
    setKinds(KindTree::configured());

    auto addFiles = new QPushButton(QIcon::fromTheme(u"list-add"_s), i18nc("@action:button", "Add Files…"));
    m_addFiles = addFiles;
    connect(addFiles, &QPushButton::clicked, this, [this] {
        // Not exec()'d: the file dialog is shown and reports when chosen.
        auto dialog = new QFileDialog(this, i18nc("@title:window", "Add Files"));
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setFileMode(QFileDialog::ExistingFiles);
        connect(dialog, &QFileDialog::filesSelected, this, [this](const QStringList &files) {
            for (const QString &f : files) {
                QString error;
                if (!addFile(f, &error)) {
                    showFailure(error);
                }
            }
        });
        dialog->open();
    });

    auto form = new QFormLayout;
    form->addRow(i18nc("@label", "Direction:"), m_direction);
    form->addRow(i18nc("@label", "Counterparty:"), m_counterparty);
    form->addRow(i18nc("@label", "Kind:"), m_kind);
    form->addRow(i18nc("@label", "Subject:"), m_subject);
    form->addRow(i18nc("@label", "Document date:"), m_documentDate);
    form->addRow(i18nc("@label", "Priority:"), m_priority);
    form->addRow(i18nc("@label", "Notify:"), m_notify);
    form->addRow(i18nc("@label", "Note:"), m_note);
    form->addRow(i18nc("@label", "Files:"), m_files);
    form->addRow(QString(), addFiles);

    auto buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    m_register = buttons->addButton(i18nc("@action:button", "Register"), QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_register, &QPushButton::clicked, this, [this] {
        if (hasErrors(problems())) {
            return;
        }
        // Disabled until the registration reports: one number per press.
        m_register->setEnabled(false);
        Q_EMIT registerRequested(letter());
    });
    auto layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);

    for (QLineEdit *edit : {static_cast<QLineEdit *>(m_counterparty), m_subject, m_notify}) {
        connect(edit, &QLineEdit::textChanged, this, &LetterForm::check);
    }
    connect(m_kind, &QComboBox::currentIndexChanged, this, &LetterForm::check);
    connect(m_documentDate, &QDateEdit::dateChanged, this, &LetterForm::check);
    check();
}

LetterForm::~LetterForm() = default;

void LetterForm::setDirectory(const DirectoryIndex *directory)
{
    m_directory = directory;
    m_counterparty->setDirectory(directory);
    check();
}

void LetterForm::setKinds(const KindTree &kinds)
{
    m_kinds = kinds;
    const QString current = m_kind->currentText();
    m_kind->clear();
    for (const QStringList &path : kinds.paths()) {
        // Indented by depth, the path as data.
        m_kind->addItem(QString(2 * (path.size() - 1), u' ') + path.constLast(), joinKindPath(path));
    }
    m_kind->setCurrentIndex(std::max(0, m_kind->findText(current)));
}

Letter LetterForm::letter() const
{
    Letter l;
    l.direction = Letter::Direction(m_direction->currentData().toInt());
    l.counterpartyUid = m_counterparty->uid();
    l.kind = splitKindPath(m_kind->currentData().toString());
    l.subject = m_subject->text().trimmed();
    l.registrationDate = Clock::today();
    l.documentDate = m_documentDate->date();
    l.priority = Letter::Priority(m_priority->currentData().toInt());
    l.note = m_note->toPlainText();
    const QStringList emails = m_notify->text().split(u',', Qt::SkipEmptyParts);
    for (const QString &email : emails) {
        if (!email.trimmed().isEmpty()) {
            l.notify.append(Participant{{}, {}, email.trimmed()});
        }
    }
    l.attachments = m_attachments;
    if (!m_email.isEmpty()) {
        l.uid = m_fromEmail.uid; // the e-mail's Message-ID: registered once
        l.addressee = m_fromEmail.addressee;
    }
    return l;
}

bool LetterForm::setEmail(const QByteArray &raw, QString *error)
{
    if (!LetterMapping::looksLikeEmail(raw)) {
        *error = i18nc("@info", "This is not an e-mail message (no From, Date or Subject header).");
        return false;
    }
    m_email = raw;
    m_fromEmail = LetterMapping::letterFrom(LetterMapping::parse(raw));
    m_subject->setText(m_fromEmail.subject);
    m_subject->setReadOnly(true);
    if (m_fromEmail.documentDate.isValid()) {
        m_documentDate->setDate(m_fromEmail.documentDate);
    }
    m_documentDate->setEnabled(false);
    m_note->setPlainText(m_fromEmail.note);
    m_note->setReadOnly(true);
    m_attachments = m_fromEmail.attachments;
    showFiles();
    m_addFiles->setEnabled(false);
    // The sender's counterparty, when the directory knows the address.
    if (m_directory && m_counterparty->uid().isEmpty()) {
        const auto found = m_directory->byEmail(m_fromEmail.addressee.email);
        for (const DirectoryEntry &e : found) {
            if (e.kind == DirectoryEntry::Kind::Employee) {
                continue;
            }
            const QString uid = e.kind == DirectoryEntry::Kind::Person ? e.counterpartyUid : e.uid;
            if (!uid.isEmpty()) {
                m_counterparty->setUid(uid);
                break;
            }
        }
    }
    setWindowTitle(i18nc("@title:window", "Register an E-Mail"));
    check();
    return true;
}

QByteArray LetterForm::email() const
{
    return m_email;
}

void LetterForm::showFiles()
{
    m_files->clear();
    for (const Attachment &a : std::as_const(m_attachments)) {
        new QListWidgetItem(QIcon::fromTheme(u"mail-attachment"_s), a.label, m_files);
    }
}

QList<LetterProblem> LetterForm::problems() const
{
    LetterContext context;
    context.counterpartyExists = [](const QString &uid) {
        return !uid.isEmpty(); // the field names one of the directory, or nothing
    };
    context.kindExists = [this](const QStringList &path) {
        return m_kinds.contains(path);
    };
    context.maxAttachmentBytes = ImportLimits::fromConfig().maxAttachmentBytes;
    const Letter l = letter();
    QList<LetterProblem> problems = validateLetter(l, context);
    // The reminder agent tells employees only (as crmctl checks); with no
    // employees in the directory yet there is nothing to check against.
    if (m_directory) {
        for (const Participant &p : l.notify) {
            if (EmployeeMatch::resolve(*m_directory, p.email).outcome == EmployeeMatch::Outcome::NotAnEmployee) {
                problems.append({LetterProblem::Severity::Error, u"notify"_s, i18n("%1 is not an employee of the directory", p.email)});
            }
        }
    }
    return problems;
}

bool LetterForm::addFile(const QString &path, QString *error)
{
    const auto attachment = AttachmentFile::read(path, error);
    if (!attachment) {
        return false;
    }
    m_attachments.append(*attachment);
    auto item = new QListWidgetItem(QIcon::fromTheme(u"mail-attachment"_s), attachment->label, m_files);
    item->setToolTip(path);
    check();
    return true;
}

void LetterForm::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls() || event->mimeData()->hasFormat(u"message/rfc822"_s)) {
        event->acceptProposedAction();
    }
}

void LetterForm::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    QStringList refused;
    // An e-mail dragged from KMail (its akonadi: URL, or the message
    // itself) or a saved .eml file is registered as it came.
    if (m_email.isEmpty() && m_attachments.isEmpty()) {
        QString error;
        if (event->mimeData()->hasFormat(u"message/rfc822"_s)) {
            if (!setEmail(event->mimeData()->data(u"message/rfc822"_s), &error)) {
                showFailure(error);
            }
            event->acceptProposedAction();
            return;
        }
        if (urls.size() == 1 && urls.constFirst().scheme() == u"akonadi"_s) {
            Q_EMIT emailDropped(urls.constFirst());
            event->acceptProposedAction();
            return;
        }
        if (urls.size() == 1 && urls.constFirst().isLocalFile() && urls.constFirst().fileName().endsWith(u".eml"_s, Qt::CaseInsensitive)) {
            QFile file(urls.constFirst().toLocalFile());
            if (file.open(QIODevice::ReadOnly) && file.size() <= ImportLimits::fromConfig().maxAttachmentBytes && setEmail(file.readAll(), &error)) {
                event->acceptProposedAction();
                return;
            }
        }
    }
    for (const QUrl &url : urls) {
        QString error;
        // A register keeps the file itself: local files only.
        if (!url.isLocalFile()) {
            refused << i18n("%1 is not a local file", url.toDisplayString());
        } else if (!addFile(url.toLocalFile(), &error)) {
            refused << error;
        }
    }
    if (!refused.isEmpty()) {
        showFailure(refused.join(u'\n'));
    }
    event->acceptProposedAction();
}

void LetterForm::check()
{
    QString shown;
    bool blocked = false;
    for (const LetterProblem &p : problems()) {
        if (p.severity == LetterProblem::Severity::Error) {
            shown = p.message;
            blocked = true;
            break;
        }
        shown = i18nc("@info warning", "Warning: %1", p.message);
    }
    m_problem->setText(shown);
    m_register->setEnabled(!blocked);
}

void LetterForm::showFailure(const QString &text)
{
    m_problem->setText(text);
    check();
    m_problem->setText(text);
}

QString LetterForm::shownProblem() const
{
    return m_problem->text();
}

QComboBox *LetterForm::directionBox() const
{
    return m_direction;
}

CounterpartyField *LetterForm::counterpartyField() const
{
    return m_counterparty;
}

QComboBox *LetterForm::kindBox() const
{
    return m_kind;
}

QLineEdit *LetterForm::subjectEdit() const
{
    return m_subject;
}

QLineEdit *LetterForm::notifyEdit() const
{
    return m_notify;
}

QPushButton *LetterForm::registerButton() const
{
    return m_register;
}

} // namespace Crm
