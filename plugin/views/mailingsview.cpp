// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "mailingsview.h"

#include "editors/mailingeditor.h"
#include "mailing/mailingcontrol.h"
#include "mailing/mailingstore.h"
#include "models/mailinglistmodel.h"
#include "views/bringtofront.h"
#include "views/mailingpreviewpage.h"
#include "views/mailingprogresspage.h"
#include "views/mailingrecipientspage.h"

#include <KLocalizedString>
#include <KMessageWidget>

#include <QFile>
#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

namespace
{
constexpr int SendingRefreshMs = 1000; ///< progress while the agent sends
constexpr int IdleRefreshMs = 5000; ///< a mailing made by crmctl meanwhile
}

MailingsView::MailingsView(CrmSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_store(std::make_unique<MailingStore>())
    , m_model(new MailingListModel(*m_store, this))
    , m_list(new QTreeView(this))
    , m_tabs(new QTabWidget(this))
    , m_editor(new MailingEditor(this))
    , m_recipients(new MailingRecipientsPage(session, *m_store, m_model, this))
    , m_preview(new MailingPreviewPage(*m_store, this))
    , m_progress(new MailingProgressPage(*m_store, this))
    , m_message(new KMessageWidget(this))
    , m_refresh(new QTimer(this))
{
    m_message->setCloseButtonVisible(true);
    m_message->setWordWrap(true);
    m_message->hide();
    m_list->setModel(m_model);
    m_list->setRootIsDecorated(false);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->header()->setSectionResizeMode(MailingListModel::Subject, QHeaderView::Stretch);
    for (int c : {MailingListModel::State, MailingListModel::Recipients, MailingListModel::Sent}) {
        m_list->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    }
    m_list->header()->setStretchLastSection(false);

    auto newButton = new QPushButton(QIcon::fromTheme(u"mail-message-new"_s), i18nc("@action:button", "New Mailing"), this);
    auto copyButton = new QPushButton(QIcon::fromTheme(u"edit-copy"_s), i18nc("@action:button", "Copy"), this);
    copyButton->setToolTip(i18nc("@info:tooltip", "A new draft with this mailing's message and recipients"));
    auto left = new QWidget(this);
    auto leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins({});
    auto buttons = new QHBoxLayout;
    buttons->addWidget(newButton);
    buttons->addWidget(copyButton);
    buttons->addStretch();
    leftLayout->addLayout(buttons);
    leftLayout->addWidget(m_list, 1);

    m_tabs->addTab(m_editor, QIcon::fromTheme(u"mail-message"_s), i18nc("@title:tab", "Message"));
    m_tabs->addTab(m_recipients, QIcon::fromTheme(u"group"_s), i18nc("@title:tab", "Recipients"));
    m_tabs->addTab(m_preview, QIcon::fromTheme(u"document-preview"_s), i18nc("@title:tab", "Preview"));
    m_tabs->addTab(m_progress, QIcon::fromTheme(u"mail-send"_s), i18nc("@title:tab", "Sending"));

    auto splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    m_list->setMinimumWidth(m_list->fontMetrics().averageCharWidth() * 40); // subjects stay readable
    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins({});
    layout->addWidget(m_message);
    layout->addWidget(splitter, 1);

    connect(newButton, &QPushButton::clicked, this, &MailingsView::newMailing);
    connect(copyButton, &QPushButton::clicked, this, &MailingsView::copyMailing);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &MailingsView::picked);
    connect(m_editor, &MailingEditor::saveRequested, this, &MailingsView::save);
    connect(m_recipients, &MailingRecipientsPage::recipientsChanged, this, [this] {
        m_preview->setMailing(m_id);
        m_progress->setMailing(m_id);
        m_model->refresh();
    });
    connect(m_progress, &MailingProgressPage::controlChanged, this, &MailingsView::refresh);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int tab) {
        if (m_tabs->widget(tab) == m_preview) {
            m_preview->setMailing(m_id); // saved edits show
        }
    });
    connect(m_refresh, &QTimer::timeout, this, &MailingsView::refresh);
    m_refresh->start(IdleRefreshMs);
    if (m_model->rowCount() > 0) {
        m_list->setCurrentIndex(m_model->index(0, 0));
    } else {
        picked();
    }
}

MailingsView::~MailingsView() = default;

MailingListModel *MailingsView::model() const
{
    return m_model;
}

MailingEditor *MailingsView::editor() const
{
    return m_editor;
}

MailingRecipientsPage *MailingsView::recipientsPage() const
{
    return m_recipients;
}

MailingPreviewPage *MailingsView::previewPage() const
{
    return m_preview;
}

MailingProgressPage *MailingsView::progressPage() const
{
    return m_progress;
}

QString MailingsView::currentId() const
{
    return m_id;
}

void MailingsView::showMailings()
{
    bringToFront(this);
}

QStringList MailingsView::rows() const
{
    QStringList out;
    for (int r = 0; r < m_model->rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < MailingListModel::ColumnCount; ++c) {
            cells.append(m_model->index(r, c).data().toString());
        }
        out.append(cells.join(u" | "_s));
    }
    return out;
}

void MailingsView::showTab(int tab)
{
    m_tabs->setCurrentIndex(std::clamp(tab, 0, m_tabs->count() - 1));
}

int MailingsView::currentTab() const
{
    return m_tabs->currentIndex();
}

void MailingsView::showMailing(const QString &id, int tab)
{
    showTab(tab);
    m_model->refresh();
    const int row = m_model->rowOf(id);
    if (row >= 0 && row == m_list->currentIndex().row()) {
        picked(); // shown already: read it again
    } else if (row >= 0) {
        m_list->setCurrentIndex(m_model->index(row, 0));
    }
}

QString MailingsView::newMailing()
{
    Mailing mailing = MailingControl::newDraft();
    mailing.subject = i18nc("@item the subject of a new mailing", "New mailing");
    QString error;
    if (!m_store->create(mailing, &error)) {
        showError(error);
        return {};
    }
    showMailing(mailing.id, 0);
    m_editor->subjectEdit()->selectAll();
    m_editor->subjectEdit()->setFocus();
    return mailing.id;
}

void MailingsView::copyMailing()
{
    if (m_id.isEmpty()) {
        return;
    }
    QString error;
    const QString copy = MailingControl::copy(*m_store, m_id, &error);
    if (copy.isEmpty()) {
        showError(error);
        return;
    }
    showMailing(copy, 0);
}

void MailingsView::refresh()
{
    m_model->refresh();
    if (m_editable && !isEditable(m_id)) {
        picked(); // handed to the agent meanwhile (crmctl, another window): no more edits
        return;
    }
    if (!m_id.isEmpty() && m_store->control(m_id) != MailingStore::Control::Draft) {
        m_progress->refresh();
        m_recipients->refreshStates();
    }
    m_refresh->setInterval(m_model->anySending() ? SendingRefreshMs : IdleRefreshMs);
}

void MailingsView::picked()
{
    m_id = m_model->idAt(m_list->currentIndex().row());
    const auto mailing = m_id.isEmpty() ? std::nullopt : m_store->load(m_id);
    m_editor->setEnabled(mailing.has_value());
    m_editor->setMailing(mailing.value_or(Mailing()));
    m_editable = mailing && isEditable(m_id);
    m_editor->setEditable(m_editable);
    m_recipients->setMailing(m_id);
    m_preview->setMailing(m_id);
    m_progress->setMailing(m_id);
}

bool MailingsView::isEditable(const QString &id) const
{
    return m_store->control(id) == MailingStore::Control::Draft && !QFile::exists(m_store->journalPath(id));
}

void MailingsView::save(const Mailing &mailing)
{
    QString error;
    if (m_store->control(mailing.id) != MailingStore::Control::Draft || !m_store->save(mailing, &error)) {
        showError(error.isEmpty() ? i18nc("@info", "Mailing %1 is being sent: it can no longer change (copy it instead).", mailing.id) : error);
        return;
    }
    m_model->refresh();
    m_preview->setMailing(m_id);
}

void MailingsView::showError(const QString &text)
{
    m_message->setMessageType(KMessageWidget::Error);
    m_message->setText(text);
    m_message->animatedShow();
}

} // namespace Crm
