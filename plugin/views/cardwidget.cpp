// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "cardwidget.h"

#include "akonadi/directory.h"
#include "akonadi/directoryindexcache.h"
#include "akonadi/timeline.h"
#include "crmplugin_debug.h"
#include "domain/clock.h"
#include "models/cardmodels.h"
#include "models/crmsession.h"

#include <Akonadi/ContactEditorDialog>
#include <KLocalizedString>

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTimer>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

static QTreeView *makeTable(QAbstractItemModel *model, QWidget *parent)
{
    auto view = new QTreeView(parent);
    view->setModel(model);
    view->setRootIsDecorated(false);
    view->setAlternatingRowColors(true);
    view->setUniformRowHeights(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->header()->setStretchLastSection(true);
    return view;
}

static QLabel *sectionTitle(const QString &text, QWidget *parent)
{
    auto label = new QLabel(text, parent);
    QFont f = label->font();
    f.setBold(true);
    label->setFont(f);
    return label;
}

CardWidget::CardWidget(CrmSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_reloadTimer(new QTimer(this))
    , m_stack(new QStackedWidget(this))
    , m_placeholder(new QLabel(this))
    , m_header(new QLabel(this))
    , m_details(new QLabel(this))
    , m_timelineNote(new QLabel(this))
    , m_persons(new ContactPersonModel(this))
    , m_timeline(new TimelineModel(this))
{
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setEnabled(false); // greyed, as Kontact's empty views
    m_placeholder->setText(i18nc("@info", "Choose a counterparty to see its card."));

    auto card = new QWidget(this);
    auto layout = new QVBoxLayout(card);
    QFont headerFont = m_header->font();
    headerFont.setPointSizeF(headerFont.pointSizeF() * 1.4);
    headerFont.setBold(true);
    m_header->setFont(headerFont);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_header->setObjectName(u"cardTitle"_s);
    m_details->setTextFormat(Qt::RichText);
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_details->setOpenExternalLinks(true);
    m_timelineNote->setWordWrap(true);
    m_timelineNote->setVisible(false);
    layout->addWidget(m_header);
    layout->addWidget(makeQuickActions(card));
    layout->addWidget(m_details);

    auto splitter = new QSplitter(Qt::Vertical, card);
    auto personsBox = new QWidget(splitter);
    auto personsLayout = new QVBoxLayout(personsBox);
    personsLayout->setContentsMargins({});
    personsLayout->addWidget(sectionTitle(i18nc("@title:group", "Contact persons"), personsBox));
    m_personsView = makeTable(m_persons, personsBox);
    m_personsView->setObjectName(u"persons"_s);
    personsLayout->addWidget(m_personsView);
    m_personsView->setToolTip(i18nc("@info:tooltip", "Double-click a person to edit it in the contact editor"));
    connect(m_personsView, &QTreeView::activated, this, [this](const QModelIndex &index) {
        editPerson(index.row());
    });
    auto timelineBox = new QWidget(splitter);
    auto timelineLayout = new QVBoxLayout(timelineBox);
    timelineLayout->setContentsMargins({});
    timelineLayout->addWidget(sectionTitle(i18nc("@title:group", "Timeline"), timelineBox));
    timelineLayout->addWidget(m_timelineNote);
    m_timelineView = makeTable(m_timeline, timelineBox);
    m_timelineView->setObjectName(u"timeline"_s);
    connect(m_timelineView->selectionModel(), &QItemSelectionModel::currentChanged, this, [this] {
        m_recordResult->setEnabled(chosenInteraction() >= 0);
    });
    timelineLayout->addWidget(m_timelineView);
    splitter->addWidget(personsBox);
    splitter->addWidget(timelineBox);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);

    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(card);
    auto outer = new QVBoxLayout(this);
    outer->setContentsMargins({});
    outer->addWidget(m_stack);

    // Changes come in bursts (an import, a sync): read the card once after.
    m_reloadTimer->setSingleShot(true);
    m_reloadTimer->setInterval(150);
    connect(m_reloadTimer, &QTimer::timeout, this, &CardWidget::reload);
    connect(m_session, &CrmSession::calendarChanged, m_reloadTimer, qOverload<>(&QTimer::start));
    connect(m_session, &CrmSession::calendarReady, m_reloadTimer, qOverload<>(&QTimer::start));
    auto followDirectory = [this] {
        connect(m_session->directoryCache(), &ItemIndexCache::changed, m_reloadTimer, qOverload<>(&QTimer::start));
    };
    if (m_session->isDirectoryReady()) {
        followDirectory();
    } else {
        connect(m_session, &CrmSession::directoryReady, this, followDirectory);
    }
}

CardWidget::~CardWidget() = default;

void CardWidget::showEntry(const DirectoryEntry &entry)
{
    if (entry.itemId == m_entry.itemId && m_card) {
        return;
    }
    // Answers still coming for the card shown before are dropped.
    ++m_generation;
    m_loading = false;
    m_reloadPending = false;
    m_shown = false;
    m_entry = entry;
    m_card.reset();
    m_header->clear();
    m_details->clear();
    m_persons->setPersons({});
    m_timeline->setRows({});
    m_stack->setCurrentIndex(1);
    load();
}

void CardWidget::clear()
{
    ++m_generation;
    m_entry = {};
    m_card.reset();
    m_loading = false;
    m_reloadPending = false;
    m_shown = false;
    m_placeholder->setText(i18nc("@info", "Choose a counterparty to see its card."));
    m_stack->setCurrentIndex(0);
}

QString CardWidget::title() const
{
    return m_shown ? m_header->text() : QString();
}

int CardWidget::personCount() const
{
    return m_persons->rowCount();
}

int CardWidget::timelineCount() const
{
    return m_timeline->rowCount();
}

bool CardWidget::isLoading() const
{
    return m_loading;
}

void CardWidget::reload()
{
    // One read at a time: changes that come while one runs (a sync, the
    // resource writing files) make one more read after it, never an endless
    // restart that shows nothing.
    if (m_loading) {
        m_reloadPending = true;
        return;
    }
    load();
}

void CardWidget::finished()
{
    m_loading = false;
    if (m_reloadPending) {
        m_reloadPending = false;
        m_reloadTimer->start();
    }
}

void CardWidget::load()
{
    if (m_entry.itemId < 0 || !m_session->isDirectoryReady()) {
        return;
    }
    // The entry as the live index has it now (renamed, or gone).
    const std::optional<DirectoryEntry> now = m_session->directory().index().entry(m_entry.itemId);
    if (!now) {
        ++m_generation;
        m_loading = false;
        showMessage(i18nc("@info", "\"%1\" is no longer in the directory.", m_entry.displayName));
        return;
    }
    m_entry = *now;
    const quint64 generation = ++m_generation;
    m_loading = true;
    qCDebug(CRM_PLUGIN_LOG) << "reading the card of" << m_entry.displayName;
    m_session->directory().card(m_entry, [this, generation](const std::optional<CounterpartyCard> &card, const QString &error) {
        if (generation != m_generation) {
            return;
        }
        if (!card) {
            showMessage(error);
            finished();
            return;
        }
        showCard(*card);
        loadTimeline(*card);
    });
}

void CardWidget::showCard(const CounterpartyCard &card)
{
    m_card = card;
    const Counterparty &c = card.counterparty;
    m_header->setText(c.displayName());
    QStringList lines;
    auto line = [&lines](const QString &label, const QString &value) {
        if (!value.isEmpty()) {
            lines << i18nc("@info card detail: label, value", "<b>%1:</b> %2", label, value);
        }
    };
    if (c.name != c.displayName()) {
        line(i18nc("@label", "Full name"), c.name.toHtmlEscaped());
    }
    line(i18nc("@label", "Tax code"), c.taxCode.toHtmlEscaped());
    QStringList phones;
    for (const QString &p : c.phones) {
        phones << u"<a href=\"tel:%1\">%2</a>"_s.arg(p.toHtmlEscaped(), p.toHtmlEscaped());
    }
    line(i18nc("@label", "Phone"), phones.join(u", "_s));
    QStringList emails;
    for (const QString &e : c.emails) {
        emails << u"<a href=\"mailto:%1\">%1</a>"_s.arg(e.toHtmlEscaped());
    }
    line(i18nc("@label", "E-mail"), emails.join(u", "_s));
    for (const PostalAddress &a : c.addresses) {
        line(i18nc("@label", "Address"), a.formatted().toHtmlEscaped());
    }
    if (!c.website.isEmpty()) {
        line(i18nc("@label", "Website"), u"<a href=\"%1\">%1</a>"_s.arg(c.website.toHtmlEscaped()));
    }
    line(i18nc("@label", "Groups"), c.groups.join(u", "_s).toHtmlEscaped());
    line(i18nc("@label", "Note"), c.note.toHtmlEscaped());
    m_details->setText(lines.join(u"<br/>"_s));
    m_persons->setPersons(card.persons);
    m_stack->setCurrentIndex(1);
}

void CardWidget::loadTimeline(const CounterpartyCard &card)
{
    const quint64 generation = m_generation;
    Timeline::Options options;
    options.now = Clock::now();
    options.limit = 0; // the view scrolls
    Timeline::of(card, m_session->calendarIndex(), m_session->storage(), options, this, [this, generation](const Agenda::Result &result) {
        if (generation != m_generation) {
            return;
        }
        m_shown = true;
        m_timeline->setRows(result.rows);
        for (int c = 0; c < TimelineModel::DetailColumn; ++c) {
            m_timelineView->resizeColumnToContents(c);
        }
        if (!result.error.isEmpty()) {
            qCWarning(CRM_PLUGIN_LOG) << "the timeline lacks details:" << result.error;
            m_timelineNote->setText(i18nc("@info", "Some of the timeline could not be read: %1", result.error));
        }
        m_timelineNote->setVisible(!result.error.isEmpty());
        Q_EMIT loaded();
        finished();
    });
}

QWidget *CardWidget::makeQuickActions(QWidget *parent)
{
    // New Task… belongs here too; it comes with the task editor.
    auto bar = new QToolBar(parent);
    bar->setObjectName(u"quickActions"_s);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    auto uid = [this] {
        return m_card ? m_card->counterparty.uid : QString();
    };
    bar->addAction(QIcon::fromTheme(u"call-start"_s), i18nc("@action:button", "Log Call…"), this, [this, uid] {
        Q_EMIT logInteractionRequested(uid(), u"call"_s);
    });
    bar->addAction(QIcon::fromTheme(u"meeting-attending"_s), i18nc("@action:button", "Log Meeting…"), this, [this, uid] {
        Q_EMIT logInteractionRequested(uid(), u"meeting"_s);
    });
    m_recordResult = bar->addAction(QIcon::fromTheme(u"crm-plan-contact"_s), i18nc("@action:button", "Record Result…"), this, [this] {
        if (const qint64 id = chosenInteraction(); id >= 0) {
            Q_EMIT recordResultRequested(id);
        }
    });
    m_recordResult->setToolTip(i18nc("@info:tooltip", "Record the result of the interaction chosen in the timeline"));
    m_recordResult->setEnabled(false);
    bar->addAction(QIcon::fromTheme(u"view-calendar-upcoming-events"_s), i18nc("@action:button", "New Event…"), this, [this, uid] {
        Q_EMIT newEventRequested(uid());
    });
    bar->addAction(QIcon::fromTheme(u"task-new"_s), i18nc("@action:button", "New Task…"), this, [this, uid] {
        Q_EMIT newTaskRequested(uid());
    });
    return bar;
}

qint64 CardWidget::chosenInteraction() const
{
    const QModelIndex current = m_timelineView->currentIndex();
    if (!current.isValid()) {
        return -1;
    }
    const AgendaRow row = m_timeline->row(current.row());
    const bool interaction = row.kind == AgendaRow::Kind::Interaction || row.kind == AgendaRow::Kind::PlannedInteraction;
    return interaction ? row.itemId : -1;
}

void CardWidget::showMessage(const QString &text)
{
    m_card.reset();
    m_shown = false;
    m_placeholder->setText(text);
    m_stack->setCurrentIndex(0);
}

QString CardWidget::counterpartyUid() const
{
    return m_card ? m_card->counterparty.uid : QString();
}

void CardWidget::editPerson(int row)
{
    const ContactPerson person = m_persons->person(row);
    const std::optional<DirectoryEntry> entry = m_session->isDirectoryReady() ? m_session->directory().index().firstByUid(person.uid) : std::nullopt;
    if (!entry) {
        return;
    }
    // Akonadi's own editor reads and writes the vCard itself, without
    // waiting; the card follows the change through the directory's index.
    auto editor = new Akonadi::ContactEditorDialog(Akonadi::ContactEditorDialog::EditMode, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    editor->setContact(Akonadi::Item(entry->itemId));
    editor->show();
}

} // namespace Crm
