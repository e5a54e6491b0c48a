// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "correspondenceview.h"
#include "bringtofront.h"

#include "akonadi/collectionlocator.h"
#include "akonadi/directory.h"
#include "crmplugin_debug.h"
#include "editors/letterform.h"
#include "mime/lettermapping.h"
#include "models/crmsession.h"
#include "models/letterjournalmodel.h"
#include "storage/itemstorage.h"

#include <Akonadi/ItemFetchJob>
#include <Akonadi/ItemFetchScope>
#include <Akonadi/Monitor>
#include <KIO/JobUiDelegateFactory>
#include <KIO/OpenUrlJob>
#include <KLocalizedString>
#include <KMessageWidget>
#include <KMime/Message>

#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QSplitter>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

namespace
{
/// Writes an attachment kept in the letter to a private folder (kept until
/// the process ends: the application opening it may read it later) and
/// opens it with the desktop's default application.
void openAttachment(const Attachment &a, QWidget *window)
{
    static QTemporaryDir folder(QDir::tempPath() + u"/kontact-crm-XXXXXX"_s);
    QFile file(folder.filePath(a.label.isEmpty() ? u"attachment"_s : QFileInfo(a.label).fileName()));
    if (!file.open(QIODevice::WriteOnly) || file.write(a.data) != a.data.size()) {
        qCWarning(CRM_PLUGIN_LOG) << "cannot write the attachment" << file.fileName() << file.errorString();
        return;
    }
    file.close();
    auto job = new KIO::OpenUrlJob(QUrl::fromLocalFile(file.fileName()), a.mimeType);
    job->setUiDelegate(KIO::createDefaultJobUiDelegate(KJobUiDelegate::AutoHandlingEnabled, window));
    job->start();
}
} // namespace

CorrespondenceView::CorrespondenceView(CrmSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new LetterJournalModel(this))
    , m_kinds(new LetterKindModel(this))
    , m_tree(new QTreeView)
    , m_view(new QTreeView)
    , m_message(new KMessageWidget)
    , m_refresh(new QTimer(this))
{
    m_model->setNameLookup([session](const QString &uid) {
        return session->counterpartyName(uid);
    });
    m_message->setVisible(false);
    m_message->setWordWrap(true);

    m_tree->setModel(m_kinds);
    m_tree->setHeaderHidden(true);
    m_tree->setUniformRowHeights(true);
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->header()->setStretchLastSection(true);

    auto reloadButton = new QPushButton(QIcon::fromTheme(u"view-refresh"_s), i18nc("@action:button", "Reload"));
    connect(reloadButton, &QPushButton::clicked, this, &CorrespondenceView::reload);
    auto registerButton = new QPushButton(QIcon::fromTheme(u"document-new"_s), i18nc("@action:button", "Register…"));
    connect(registerButton, &QPushButton::clicked, this, &CorrespondenceView::registerLetter);
    auto bar = new QHBoxLayout;
    bar->addWidget(registerButton);
    bar->addStretch();
    bar->addWidget(reloadButton);

    auto splitter = new QSplitter;
    splitter->addWidget(m_tree);
    splitter->addWidget(m_view);
    splitter->setStretchFactor(1, 3);
    auto layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addLayout(bar);
    layout->addWidget(splitter);

    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &current) {
        m_model->setSelection(LetterKindModel::selectionOf(current));
    });
    connect(m_view, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) {
        showLetter(m_model->itemId(index.row()));
    });
    connect(m_model, &LetterJournalModel::failed, this, &CorrespondenceView::showError);
    connect(m_session, &CrmSession::directoryReady, m_view->viewport(), qOverload<>(&QWidget::update));

    // Changes come in bursts (a kind renamed rewrites many letters).
    m_refresh->setSingleShot(true);
    m_refresh->setInterval(300);
    connect(m_refresh, &QTimer::timeout, this, [this] {
        m_model->load(m_folder, std::exchange(m_changedItems, {}).values());
    });
    reload();
}

CorrespondenceView::~CorrespondenceView() = default;

LetterJournalModel *CorrespondenceView::model() const
{
    return m_model;
}

LetterKindModel *CorrespondenceView::kinds() const
{
    return m_kinds;
}

void CorrespondenceView::reload()
{
    m_kinds->setTree(KindTree::configured());
    m_tree->expandAll();
    m_tree->setCurrentIndex(m_kinds->index(0, 0));
    auto locator = new CollectionLocator(CollectionLocator::Store::Register, CollectionLocator::Mode::FindOnly, this);
    connect(locator, &KJob::result, this, [this, locator] {
        if (locator->error()) {
            // No register yet is no error: the journal is empty.
            m_message->setMessageType(KMessageWidget::Information);
            m_message->setText(locator->errorText());
            m_message->animatedShow();
            located({});
            return;
        }
        m_message->animatedHide();
        located(locator->letters());
    });
    locator->start();
}

void CorrespondenceView::located(const Akonadi::Collection &folder)
{
    m_folder = folder;
    delete m_monitor;
    m_monitor = nullptr;
    if (folder.isValid()) {
        // The whole resource: the journal's folder and its archive, which
        // may be made later. Items only, no payload: the journal lists again.
        m_monitor = new Akonadi::Monitor(this);
        m_monitor->setObjectName(u"CrmCorrespondenceMonitor"_s);
        m_monitor->setResourceMonitored(folder.resource().toLatin1());
        m_monitor->setTypeMonitored(Akonadi::Monitor::Items);
        // Which items changed goes with the next listing: they are read
        // again by id, whatever their time and the folders' counts say.
        const auto changed = [this](const Akonadi::Item::List &items) {
            for (const Akonadi::Item &item : items) {
                m_changedItems.insert(item.id());
            }
            m_refresh->start();
        };
        connect(m_monitor, &Akonadi::Monitor::itemAdded, this, [changed](const Akonadi::Item &item) {
            changed({item});
        });
        connect(m_monitor, &Akonadi::Monitor::itemChanged, this, [changed](const Akonadi::Item &item) {
            changed({item});
        });
        connect(m_monitor, &Akonadi::Monitor::itemsRemoved, this, changed);
        connect(m_monitor, &Akonadi::Monitor::itemsMoved, this, changed);
    }
    m_model->load(folder);
}

void CorrespondenceView::showJournal()
{
    bringToFront(this);
}

QStringList CorrespondenceView::rows() const
{
    QStringList out;
    for (int r = 0; r < m_model->rowCount(); ++r) {
        QStringList cells;
        for (const int c : {LetterJournalModel::NumberColumn,
                            LetterJournalModel::RegisteredColumn,
                            LetterJournalModel::DirectionColumn,
                            LetterJournalModel::CounterpartyColumn,
                            LetterJournalModel::KindColumn,
                            LetterJournalModel::SubjectColumn}) {
            cells << m_model->index(r, c).data().toString();
        }
        out << cells.join(u" | "_s);
    }
    return out;
}

void CorrespondenceView::showLetter(qint64 itemId)
{
    if (itemId < 0) {
        return;
    }
    auto fetch = new Akonadi::ItemFetchJob(Akonadi::Item(itemId), this);
    fetch->fetchScope().fetchFullPayload();
    connect(fetch, &KJob::result, this, [this, fetch] {
        if (fetch->error() || fetch->items().isEmpty() || !fetch->items().constFirst().hasPayload<KMime::Message::Ptr>()) {
            showError(i18n("Could not read the letter: %1", fetch->errorString()));
            return;
        }
        const Akonadi::Item item = fetch->items().constFirst();
        showDialog(LetterMapping::letterFrom(item.payload<KMime::Message::Ptr>()));
    });
}

void CorrespondenceView::showDialog(const Letter &letter)
{
    // Shown, not exec()'d: no nested event loop in the plugin.
    auto dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(letter.number.isEmpty() ? letter.subject : i18nc("@title:window number: subject", "%1: %2", letter.number, letter.subject));
    auto form = new QFormLayout;
    const QLocale locale;
    const auto row = [form](const QString &label, const QString &value) {
        if (value.isEmpty()) {
            return;
        }
        auto text = new QLabel(value);
        text->setTextInteractionFlags(Qt::TextSelectableByMouse);
        text->setWordWrap(true);
        form->addRow(label, text);
    };
    row(i18nc("@label", "Number:"), letter.number);
    row(i18nc("@label", "Direction:"),
        letter.direction == Letter::Direction::Incoming ? i18nc("@item letter direction", "Incoming") : i18nc("@item letter direction", "Outgoing"));
    row(i18nc("@label", "Registered:"), locale.toString(letter.registrationDate, QLocale::ShortFormat));
    row(i18nc("@label", "Document date:"), locale.toString(letter.documentDate, QLocale::ShortFormat));
    row(i18nc("@label", "Counterparty:"), m_session->counterpartyName(letter.counterpartyUid));
    row(letter.direction == Letter::Direction::Incoming ? i18nc("@label incoming letter", "From:") : i18nc("@label outgoing letter", "Written by:"),
        letter.addressee.name.isEmpty() ? letter.addressee.email : letter.addressee.name);
    row(i18nc("@label", "Kind:"), joinKindPath(letter.kind));
    row(i18nc("@label", "Priority:"), priorityName(letter.priority));
    row(i18nc("@label", "Subject:"), letter.subject);
    row(i18nc("@label", "Note:"), letter.note);
    auto attachments = new QListWidget;
    for (const Attachment &a : letter.attachments) {
        auto item = new QListWidgetItem(QIcon::fromTheme(u"mail-attachment"_s), a.label, attachments);
        item->setToolTip(a.mimeType);
    }
    const QList<Attachment> files = letter.attachments;
    connect(attachments, &QListWidget::itemActivated, dialog, [dialog, attachments, files](QListWidgetItem *item) {
        const int r = attachments->row(item);
        if (r >= 0 && r < files.size()) {
            openAttachment(files.at(r), dialog);
        }
    });
    auto buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    auto layout = new QVBoxLayout(dialog);
    layout->addLayout(form);
    if (!letter.attachments.isEmpty()) {
        layout->addWidget(new QLabel(i18nc("@label", "Attachments (double-click to open):")));
        layout->addWidget(attachments);
    } else {
        delete attachments;
    }
    layout->addWidget(buttons);
    dialog->resize(520, 420);
    dialog->show();
}

void CorrespondenceView::registerLetter()
{
    // Shown, not exec()'d; it reports through registerRequested.
    auto form = new LetterForm(this);
    form->setAttribute(Qt::WA_DeleteOnClose);
    form->setKinds(KindTree::configured());
    if (m_session->isDirectoryReady()) {
        form->setDirectory(&m_session->directory().index());
    }
    connect(form, &LetterForm::registerRequested, this, [this, form](const Letter &letter) {
        registerFrom(form, letter);
    });
    connect(form, &LetterForm::emailDropped, this, [this, form](const QUrl &url) {
        readDroppedEmail(form, url);
    });
    form->show();
}

void CorrespondenceView::readDroppedEmail(LetterForm *form, const QUrl &url)
{
    const Akonadi::Item item = Akonadi::Item::fromUrl(url);
    if (!item.isValid()) {
        form->showFailure(i18n("\"%1\" names no message", url.toDisplayString()));
        return;
    }
    QPointer<LetterForm> guard(form);
    StorageJob *job = m_session->storage().fetch({item.id()});
    connect(job, &KJob::result, this, [job, guard, url] {
        if (!guard) {
            return;
        }
        const Akonadi::Item::List items = job->items();
        if (job->error() || items.isEmpty() || !items.constFirst().hasPayload<KMime::Message::Ptr>()) {
            guard->showFailure(job->error() ? job->errorText() : i18n("There is no message %1 in Akonadi", url.toDisplayString()));
            return;
        }
        QString error;
        if (!guard->setEmail(items.constFirst().payload<KMime::Message::Ptr>()->encodedContent(), &error)) {
            guard->showFailure(error);
        }
    });
    job->start();
}

void CorrespondenceView::registerFrom(LetterForm *form, const Letter &letter)
{
    QString error;
    const auto pattern = NumberPattern::configured(letter.direction, &error);
    if (!pattern) {
        form->showFailure(error);
        return;
    }
    QPointer<LetterForm> guard(form);
    // The register is made on the first registration, as crmctl does.
    auto locator = new CollectionLocator(CollectionLocator::Store::Register, CollectionLocator::Mode::CreateIfMissing, this);
    connect(locator, &KJob::result, this, [this, locator, guard, letter, pattern] {
        if (locator->error()) {
            if (guard) {
                guard->showFailure(locator->errorText());
            }
            return;
        }
        const Akonadi::Collection folder = locator->letters();
        auto job = new RegisterLetterJob(letter, *pattern, folder, this);
        if (guard && !guard->email().isEmpty()) {
            job->setEmail(guard->email()); // kept as it came, headers and parts
        }
        connect(job, &KJob::result, this, [this, job, guard, folder] {
            if (job->error()) {
                if (guard) {
                    guard->showFailure(job->errorText());
                }
                return;
            }
            m_message->setMessageType(KMessageWidget::Positive);
            m_message->setText(i18n("Registered %1", job->registered().letter.number));
            m_message->animatedShow();
            if (guard) {
                guard->close();
            }
            if (m_folder.id() != folder.id()) {
                located(folder); // the first letter made the register
            } else {
                m_refresh->start();
            }
        });
        job->start();
    });
    locator->start();
}

void CorrespondenceView::showError(const QString &text)
{
    m_message->setMessageType(KMessageWidget::Error);
    m_message->setText(text);
    m_message->animatedShow();
}

} // namespace Crm
