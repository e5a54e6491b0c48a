// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "mailingrecipientspage.h"

#include "akonadi/directory.h"
#include "domain/counterpartysearch.h"
#include "editors/counterpartyfield.h"
#include "mailing/mailingstore.h"
#include "mailing/recipientcollector.h"
#include "models/crmsession.h"
#include "models/mailinglistmodel.h"
#include "models/mailingrecipientmodel.h"

#include <KLocalizedString>
#include <KMessageWidget>

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <set>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

MailingRecipientsPage::MailingRecipientsPage(CrmSession *session, MailingStore &store, const MailingListModel *mailings, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_store(store)
    , m_mailings(mailings)
    , m_model(new MailingRecipientModel(this))
    , m_view(new QTreeView(this))
    , m_group(new QComboBox(this))
    , m_counterparty(new CounterpartyField(this))
    , m_otherMailing(new QComboBox(this))
    , m_remove(new QPushButton(QIcon::fromTheme(u"list-remove-user"_s), i18nc("@action:button", "Remove Selected"), this))
    , m_report(new QPlainTextEdit(this))
    , m_message(new KMessageWidget(this))
{
    m_message->setCloseButtonVisible(true);
    m_message->setWordWrap(true);
    m_message->hide();
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true); // 100,000 recipients scroll without measuring each
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->header()->setSectionResizeMode(MailingRecipientModel::Email, QHeaderView::ResizeToContents);
    m_report->setReadOnly(true);
    m_report->setPlaceholderText(i18nc("@info:placeholder", "Nobody was left out."));
    m_report->setMaximumHeight(m_report->fontMetrics().height() * 6);
    m_counterparty->setPlaceholderText(i18nc("@info:placeholder", "Name, tax code or e-mail"));

    auto addGroup = new QPushButton(QIcon::fromTheme(u"list-add"_s), i18nc("@action:button", "Add Group"), this);
    auto addCounterparty = new QPushButton(QIcon::fromTheme(u"list-add-user"_s), i18nc("@action:button", "Add Counterparty"), this);
    auto addFile = new QPushButton(QIcon::fromTheme(u"document-import"_s), i18nc("@action:button", "Import File…"), this);
    auto addMailing = new QPushButton(QIcon::fromTheme(u"edit-copy"_s), i18nc("@action:button", "Add Its Recipients"), this);
    m_addButtons = {addGroup, addCounterparty, addFile, addMailing};

    auto sources = new QFormLayout;
    auto groupRow = new QHBoxLayout;
    groupRow->addWidget(m_group, 1);
    groupRow->addWidget(addGroup);
    sources->addRow(i18nc("@label:listbox", "Group:"), groupRow);
    auto counterpartyRow = new QHBoxLayout;
    counterpartyRow->addWidget(m_counterparty, 1);
    counterpartyRow->addWidget(addCounterparty);
    sources->addRow(i18nc("@label:textbox", "Counterparty:"), counterpartyRow);
    auto mailingRow = new QHBoxLayout;
    mailingRow->addWidget(m_otherMailing, 1);
    mailingRow->addWidget(addMailing);
    sources->addRow(i18nc("@label:listbox", "Another mailing:"), mailingRow);
    auto fileRow = new QHBoxLayout;
    fileRow->addWidget(addFile);
    fileRow->addStretch();
    fileRow->addWidget(m_remove);
    sources->addRow(i18nc("@label", "CSV or vCard file:"), fileRow);

    auto left = new QGroupBox(i18nc("@title:group", "Left Out"), this);
    auto leftLayout = new QVBoxLayout(left);
    leftLayout->addWidget(m_report);

    auto layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addLayout(sources);
    layout->addWidget(m_view, 1);
    layout->addWidget(left);

    connect(addGroup, &QPushButton::clicked, this, [this] {
        if (!m_group->currentText().isEmpty()) {
            this->addGroup(m_group->currentText());
        }
    });
    connect(addCounterparty, &QPushButton::clicked, this, [this] {
        const std::optional<DirectoryEntry> entry =
            m_session->isDirectoryReady() ? m_session->directory().index().firstByUid(m_counterparty->uid()) : std::nullopt;
        if (!entry) {
            showError(i18nc("@info", "No counterparty \"%1\" in the directory.", m_counterparty->text()));
            return;
        }
        const DirectoryEntry picked = *entry;
        collect([picked](RecipientCollector &c) {
            c.addCounterparty(picked);
        });
        m_counterparty->clear();
    });
    connect(addFile, &QPushButton::clicked, this, &MailingRecipientsPage::pickFile);
    connect(addMailing, &QPushButton::clicked, this, [this] {
        const QString other = m_otherMailing->currentData().toString();
        if (!other.isEmpty()) {
            this->addMailing(other);
        }
    });
    connect(m_remove, &QPushButton::clicked, this, &MailingRecipientsPage::removeSelected);
    connect(m_session, &CrmSession::directoryReady, this, &MailingRecipientsPage::fillSources);
    fillSources();
    setMailing({});
}

MailingRecipientsPage::~MailingRecipientsPage() = default;

void MailingRecipientsPage::setMailing(const QString &id)
{
    m_id = id;
    m_message->hide();
    m_editable = !id.isEmpty() && !QFile::exists(m_store.journalPath(id)) && m_store.control(id) == MailingStore::Control::Draft;
    m_model->setRecipients(id.isEmpty() ? QList<MailingRecipient>() : m_store.recipients(id));
    refreshStates();
    m_report->setPlainText(id.isEmpty() ? QString() : m_store.removedReport(id).join(u'\n'));
    for (QPushButton *b : std::as_const(m_addButtons)) {
        b->setEnabled(m_editable && !m_running);
    }
    m_remove->setEnabled(m_editable);
    m_view->setColumnHidden(MailingRecipientModel::State, m_editable);
    fillSources();
}

void MailingRecipientsPage::refreshStates()
{
    if (m_id.isEmpty() || !QFile::exists(m_store.journalPath(m_id))) {
        m_model->setJournal(nullptr);
        return;
    }
    auto journal = std::make_unique<MailingJournal>(m_store.journalPath(m_id));
    if (journal->load(false)) {
        m_model->setJournal(std::move(journal));
    }
}

MailingRecipientModel *MailingRecipientsPage::model() const
{
    return m_model;
}

QStringList MailingRecipientsPage::report() const
{
    return m_report->toPlainText().split(u'\n', Qt::SkipEmptyParts);
}

void MailingRecipientsPage::addFile(const QString &path)
{
    collect([path](RecipientCollector &c) {
        c.addFile(path);
    });
}

void MailingRecipientsPage::addGroup(const QString &group)
{
    collect([group](RecipientCollector &c) {
        c.addGroup(group);
    });
}

void MailingRecipientsPage::addMailing(const QString &id)
{
    collect([id](RecipientCollector &c) {
        c.addMailing(id);
    });
}

void MailingRecipientsPage::collect(const std::function<void(RecipientCollector &)> &addSources)
{
    if (!m_editable || m_running) {
        return;
    }
    Directory *directory = m_session->isDirectoryReady() ? &m_session->directory() : nullptr;
    m_running = new RecipientCollector(directory, m_store, this);
    m_running->setOptOut(RecipientCollector::configuredOptOut());
    m_running->keep(m_model->recipients()); // the ones already there stay first
    addSources(*m_running);
    for (QPushButton *b : std::as_const(m_addButtons)) {
        b->setEnabled(false);
    }
    const QString id = m_id;
    m_running->run([this, id](const QString &error) {
        RecipientCollector *collector = m_running;
        m_running = nullptr;
        collector->deleteLater();
        if (id != m_id) {
            return; // another mailing is shown now
        }
        if (!error.isEmpty()) {
            showError(error);
            setMailing(m_id);
            return;
        }
        store(collector->recipients(), report() + collector->report());
    });
}

void MailingRecipientsPage::store(const QList<MailingRecipient> &recipients, const QStringList &report)
{
    QString error;
    if (!m_store.setRecipients(m_id, recipients, report, &error)) {
        showError(error);
    }
    setMailing(m_id);
    Q_EMIT recipientsChanged();
}

void MailingRecipientsPage::pickFile()
{
    auto dialog = new QFileDialog(this, i18nc("@title:window", "Import Recipients"));
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setNameFilters({i18nc("@item:inlistbox file filter", "Addresses (*.csv *.vcf *.vcard)"), i18nc("@item:inlistbox file filter", "All files (*)")});
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, &MailingRecipientsPage::addFile);
    dialog->open();
}

void MailingRecipientsPage::removeSelected()
{
    std::set<int> rows;
    const auto selected = m_view->selectionModel()->selectedRows();
    for (const QModelIndex &i : selected) {
        rows.insert(i.row());
    }
    if (rows.empty()) {
        return;
    }
    QList<MailingRecipient> kept;
    const auto &all = m_model->recipients();
    for (int i = 0; i < all.size(); ++i) {
        if (!rows.count(i)) {
            kept.append(all.at(i));
        }
    }
    store(kept, report());
}

void MailingRecipientsPage::fillSources()
{
    const QString group = m_group->currentText();
    m_group->clear();
    if (m_session->isDirectoryReady()) {
        m_group->addItems(CounterpartySearch::groups(m_session->directory().index()));
        m_counterparty->setDirectory(&m_session->directory().index());
    }
    m_group->setCurrentText(group);
    // From the list the page beside shows: no mailing is read again here.
    m_otherMailing->clear();
    for (int row = 0; row < m_mailings->rowCount(); ++row) {
        const auto &other = m_mailings->rowAt(row);
        if (other.id == m_id) {
            continue;
        }
        m_otherMailing->addItem(i18ncp("@item:inlistbox mailing subject and its number of recipients",
                                       "%2 (1 recipient)",
                                       "%2 (%1 recipients)",
                                       other.counts.total,
                                       other.subject.isEmpty() ? other.id : other.subject),
                                other.id);
    }
}

void MailingRecipientsPage::showError(const QString &text)
{
    m_message->setMessageType(KMessageWidget::Error);
    m_message->setText(text);
    m_message->animatedShow();
}

} // namespace Crm
