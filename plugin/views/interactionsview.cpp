// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "interactionsview.h"

#include "akonadi/calendarsession.h"
#include "akonadi/directory.h"
#include "akonadi/directoryindexcache.h"
#include "crmplugin_debug.h"
#include "domain/clock.h"
#include "domain/crmkinds.h"
#include "domain/directoryindex.h"
#include "editors/counterpartyfield.h"
#include "editors/editorutils.h"
#include "editors/eventeditor.h"
#include "editors/interactioneditor.h"
#include "ical/incidenceentry.h"
#include "ical/interactionmapping.h"
#include "models/crmsession.h"
#include "models/eventoccurrencemodel.h"
#include "models/interactionjournalmodel.h"
#include "services/eventservice.h"
#include "services/interactionservice.h"

#include <KLocalizedString>
#include <KMessageWidget>

#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPointer>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

InteractionsView::InteractionsView(CrmSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new InteractionJournalModel(this))
    , m_message(new KMessageWidget(this))
    , m_from(new QDateEdit(this))
    , m_to(new QDateEdit(this))
    , m_state(new QComboBox(this))
    , m_kind(new QComboBox(this))
    , m_counterparty(new CounterpartyField(this))
    , m_employee(new QComboBox(this))
    , m_view(new QTreeView(this))
    , m_eventModel(new EventOccurrenceModel(this))
    , m_eventView(new QTreeView(this))
{
    // The period: a month back and a month ahead, as a journal is read.
    const QDate today = Clock::today();
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
    }
    m_from->setDate(today.addMonths(-1));
    m_to->setDate(today.addMonths(1));
    m_from->setObjectName(u"from"_s);
    m_to->setObjectName(u"to"_s);
    m_state->addItem(i18nc("@item:inlistbox interaction state filter", "Held and planned"), int(InteractionService::Filter::State::Any));
    m_state->addItem(i18nc("@item:inlistbox interaction state filter", "Held"), int(InteractionService::Filter::State::Held));
    m_state->addItem(i18nc("@item:inlistbox interaction state filter", "Planned"), int(InteractionService::Filter::State::Planned));
    m_kind->setEditable(true);
    m_kind->addItem(i18nc("@item:inlistbox", "Any kind"), QString());
    const auto kinds = CrmKinds::list(CrmKinds::Of::Interactions);
    for (const QString &kind : kinds) {
        m_kind->addItem(EditorUtils::kindLabel(kind), kind);
    }
    m_counterparty->setPlaceholderText(i18nc("@info:placeholder", "Any counterparty"));
    // The employees of the directory to choose from, or any e-mail typed.
    m_employee->setEditable(true);
    m_employee->setInsertPolicy(QComboBox::NoInsert);
    m_employee->lineEdit()->setPlaceholderText(i18nc("@info:placeholder", "Any employee (e-mail)"));
    m_employee->lineEdit()->setClearButtonEnabled(true);

    auto bar = new QHBoxLayout;
    auto label = [this, bar](const QString &text, QWidget *buddy) {
        auto l = new QLabel(text, this);
        l->setBuddy(buddy);
        bar->addWidget(l);
        bar->addWidget(buddy);
    };
    label(i18nc("@label period start", "From:"), m_from);
    label(i18nc("@label period end", "To:"), m_to);
    bar->addWidget(m_state);
    bar->addWidget(m_kind);
    bar->addWidget(m_counterparty, 1);
    bar->addWidget(m_employee, 1);

    m_message->setCloseButtonVisible(true);
    m_message->setWordWrap(true);
    m_message->hide();

    m_view->setObjectName(u"journal"_s);
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setAlternatingRowColors(true);
    m_view->setUniformRowHeights(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    // The texts (subject, result) take the room; the rest as wide as it needs.
    m_view->header()->setStretchLastSection(false);
    for (int c = 0; c < InteractionJournalModel::ColumnCount; ++c) {
        const bool text = c == InteractionJournalModel::SubjectColumn || c == InteractionJournalModel::ResultColumn;
        m_view->header()->setSectionResizeMode(c, text ? QHeaderView::Stretch : QHeaderView::ResizeToContents);
    }

    m_eventView->setObjectName(u"events"_s);
    m_eventView->setModel(m_eventModel);
    m_eventView->setRootIsDecorated(false);
    m_eventView->setAlternatingRowColors(true);
    m_eventView->setUniformRowHeights(true);
    m_eventView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_eventView->header()->setStretchLastSection(false);
    m_eventView->header()->setSectionResizeMode(EventOccurrenceModel::WhenColumn, QHeaderView::ResizeToContents);
    m_eventView->header()->setSectionResizeMode(EventOccurrenceModel::SubjectColumn, QHeaderView::Stretch);
    m_eventView->header()->setSectionResizeMode(EventOccurrenceModel::CounterpartyColumn, QHeaderView::ResizeToContents);

    auto splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    auto events = new QWidget(splitter);
    auto eventsLayout = new QVBoxLayout(events);
    eventsLayout->setContentsMargins({});
    auto eventsTitle = new QLabel(i18nc("@title:group", "Events in this period"), events);
    QFont bold = eventsTitle->font();
    bold.setBold(true);
    eventsTitle->setFont(bold);
    eventsLayout->addWidget(eventsTitle);
    eventsLayout->addWidget(m_eventView);
    splitter->addWidget(events);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);

    auto layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_message);
    layout->addWidget(splitter, 1);

    connect(m_from, &QDateEdit::dateChanged, this, &InteractionsView::applyFilter);
    connect(m_to, &QDateEdit::dateChanged, this, &InteractionsView::applyFilter);
    connect(m_state, &QComboBox::currentIndexChanged, this, &InteractionsView::applyFilter);
    connect(m_kind, &QComboBox::currentTextChanged, this, &InteractionsView::applyFilter);
    connect(m_counterparty, &CounterpartyField::uidChanged, this, &InteractionsView::applyFilter);
    connect(m_employee, &QComboBox::currentTextChanged, this, &InteractionsView::applyFilter);
    connect(m_view, &QWidget::customContextMenuRequested, this, &InteractionsView::showContextMenu);
    m_eventView->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_eventView, &QWidget::customContextMenuRequested, this, &InteractionsView::showEventContextMenu);
    connect(m_eventView, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex &index) {
        editEvent(index.data(EventOccurrenceModel::ItemIdRole).toLongLong());
    });
    connect(m_view, &QAbstractItemView::doubleClicked, this, &InteractionsView::recordResultOfCurrent);
    connect(m_model, &InteractionJournalModel::failed, this, [this](const QString &error) {
        showError(i18nc("@info", "The journal could not be read: %1", error));
    });

    connect(m_session, &CrmSession::calendarReady, this, &InteractionsView::calendarReady);
    connect(m_session, &CrmSession::directoryReady, this, &InteractionsView::directoryReady);
    if (m_session->isDirectoryReady()) {
        directoryReady();
    }
    if (m_session->calendar()) {
        calendarReady();
    }
    applyFilter();
}

InteractionsView::~InteractionsView() = default;

InteractionJournalModel *InteractionsView::model() const
{
    return m_model;
}

void InteractionsView::calendarReady()
{
    CalendarSession *calendar = m_session->calendar();
    m_interactions = std::make_unique<InteractionService>(calendar->storage(), calendar->collection());
    m_events = std::make_unique<EventService>(calendar->storage(), calendar->collection());
    m_model->setSources(m_session->calendarIndex(), m_interactions.get(), m_session->isDirectoryReady() ? &m_session->directory().index() : nullptr);
    m_eventModel->setSources(m_session->calendarIndex(), m_events.get(), m_session->isDirectoryReady() ? &m_session->directory().index() : nullptr);
    // Live: crmctl, KOrganizer or a phone changed the calendar.
    connect(m_session, &CrmSession::calendarChanged, m_model, &InteractionJournalModel::scheduleRefresh, Qt::UniqueConnection);
    connect(m_session, &CrmSession::calendarChanged, m_eventModel, &EventOccurrenceModel::scheduleRefresh, Qt::UniqueConnection);
}

void InteractionsView::directoryReady()
{
    const DirectoryIndex *directory = &m_session->directory().index();
    m_model->setDirectory(directory);
    m_eventModel->setDirectory(directory);
    m_counterparty->setDirectory(directory);
    fillEmployees();
    // The index tells each change; an import brings thousands. The names
    // are read again once the burst is over, not once per record.
    auto later = new QTimer(this);
    later->setSingleShot(true);
    later->setInterval(300);
    connect(later, &QTimer::timeout, this, [this] {
        fillEmployees();
        m_model->directoryChanged();
        m_eventModel->setDirectory(&m_session->directory().index());
        m_counterparty->setDirectory(&m_session->directory().index());
    });
    connect(m_session->directoryCache(), &ItemIndexCache::changed, later, qOverload<>(&QTimer::start));
}

void InteractionsView::fillEmployees()
{
    QStringList emails;
    const auto employees = m_session->directory().index().ofKind(DirectoryEntry::Kind::Employee);
    for (const DirectoryEntry &e : employees) {
        if (!e.emails.isEmpty()) {
            emails << e.emails.constFirst();
        }
    }
    emails.sort();
    const QSignalBlocker blocker(m_employee);
    const QString typed = m_employee->currentText();
    m_employee->clear();
    m_employee->addItem(QString());
    m_employee->addItems(emails);
    m_employee->setCurrentText(typed);
}

void InteractionsView::applyFilter()
{
    InteractionJournalModel::Filter filter;
    const QTimeZone zone = Clock::zone();
    filter.interactions.from = QDateTime(m_from->date(), QTime(0, 0), zone).toUTC();
    filter.interactions.to = QDateTime(m_to->date(), QTime(23, 59, 59, 999), zone).toUTC();
    filter.interactions.state = InteractionService::Filter::State(m_state->currentData().toInt());
    const int known = m_kind->findText(m_kind->currentText());
    filter.interactions.kind = known >= 0 ? m_kind->itemData(known).toString() : m_kind->currentText().trimmed();
    filter.interactions.employee = m_employee->currentText().trimmed();
    filter.counterpartyUid = m_counterparty->uid();
    m_model->setFilter(filter);
    m_eventModel->setFilter(filter.interactions.from, filter.interactions.to, filter.counterpartyUid);
}

qint64 InteractionsView::currentItemId() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? m_model->itemId(current.row()) : -1;
}

void InteractionsView::showJournal()
{
    for (QWidget *w = parentWidget(); w; w = w->parentWidget()) {
        if (auto pages = qobject_cast<QTabWidget *>(w)) {
            pages->setCurrentWidget(this);
            return;
        }
    }
}

QStringList InteractionsView::rows() const
{
    QStringList out;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        QStringList cells;
        for (const int column : {InteractionJournalModel::StartColumn,
                                 InteractionJournalModel::KindColumn,
                                 InteractionJournalModel::SubjectColumn,
                                 InteractionJournalModel::CounterpartyColumn,
                                 InteractionJournalModel::StateColumn}) {
            cells << m_model->index(row, column).data().toString();
        }
        out << cells.join(u" | "_s);
    }
    return out;
}

void InteractionsView::withCalendar(const std::function<void()> &then)
{
    if (m_interactions && m_events) {
        then();
        return;
    }
    QPointer<InteractionsView> self(this);
    m_session->ensureCalendar([self, then](const QString &error) {
        if (!self) {
            return;
        }
        if (!error.isEmpty() || !self->m_interactions) {
            self->showError(i18nc("@info", "There is no CRM calendar to write into: %1", error));
            return;
        }
        then();
    });
}

void InteractionsView::logInteraction(const QString &counterpartyUid, const QString &kind)
{
    if (!m_interactions || !m_events) {
        withCalendar([this, counterpartyUid, kind] {
            logInteraction(counterpartyUid, kind);
        });
        return;
    }
    auto editor = new InteractionEditor(m_session->isDirectoryReady() ? &m_session->directory().index() : nullptr, m_interactions.get(), this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    Interaction prefill = editor->interaction();
    prefill.counterpartyUid = counterpartyUid;
    if (!kind.isEmpty()) {
        prefill.kind = kind;
    }
    editor->setInteraction(prefill);
    connect(editor, &InteractionEditor::saved, this, [this](qint64 itemId) {
        showInfo(i18nc("@info", "The interaction is logged."));
        m_model->scheduleRefresh();
        Q_UNUSED(itemId)
    });
    editor->open();
}

void InteractionsView::recordResultOfCurrent()
{
    const qint64 id = currentItemId();
    if (id < 0) {
        showError(i18nc("@info", "Choose an interaction in the journal first."));
        return;
    }
    recordResult(id);
}

void InteractionsView::loadInteraction(qint64 itemId, const std::function<void(const Interaction &)> &then)
{
    if (!m_interactions || !m_events) {
        return; // nothing stored yet
    }
    QPointer<InteractionsView> self(this);
    m_session->calendar()->load(itemId, [self, itemId, then](const KCalendarCore::Incidence::Ptr &incidence, const Akonadi::Item &, const QString &error) {
        if (!self) {
            return;
        }
        if (!incidence || IncidenceEntry::crmProperty(incidence, "TYPE").trimmed().compare(u"interaction"_s, Qt::CaseInsensitive) != 0) {
            self->showError(error.isEmpty() ? i18nc("@info", "#%1 is not an interaction.", itemId) : error);
            return;
        }
        then(InteractionMapping::interactionFrom(incidence));
    });
}

void InteractionsView::recordResult(qint64 itemId)
{
    loadInteraction(itemId, [this, itemId](const Interaction &interaction) {
        auto dialog = new RecordResultDialog(m_interactions.get(), itemId, interaction, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &RecordResultDialog::saved, this, [this](qint64, qint64 followUpId) {
            showInfo(followUpId >= 0 ? i18nc("@info", "The result is recorded and the next contact planned.") : i18nc("@info", "The result is recorded."));
            m_model->scheduleRefresh();
        });
        dialog->open();
    });
}

void InteractionsView::editCurrent()
{
    const qint64 id = currentItemId();
    if (id < 0) {
        showError(i18nc("@info", "Choose an interaction in the journal first."));
        return;
    }
    editInteraction(id);
}

void InteractionsView::editInteraction(qint64 itemId)
{
    loadInteraction(itemId, [this, itemId](const Interaction &interaction) {
        auto editor = new InteractionEditor(m_session->isDirectoryReady() ? &m_session->directory().index() : nullptr, m_interactions.get(), this);
        editor->setAttribute(Qt::WA_DeleteOnClose);
        editor->editStored(itemId, interaction, &m_session->calendar()->storage(), m_session->calendar()->collection());
        connect(editor, &InteractionEditor::saved, this, [this] {
            showInfo(i18nc("@info", "The interaction is saved."));
            m_model->scheduleRefresh();
        });
        editor->open();
    });
}

void InteractionsView::cancelCurrent()
{
    const qint64 id = currentItemId();
    if (id < 0 || !m_interactions) {
        return;
    }
    // The service checks the rule again on the stored record.
    const Interaction shown = m_model->interaction(m_model->rowOf(id));
    if (const QString problem = InteractionService::cancelProblem(shown, id, Clock::now()); !problem.isEmpty()) {
        showError(EditorUtils::sentence(problem));
        return;
    }
    QPointer<InteractionsView> self(this);
    m_interactions->cancel(id, [self](const InteractionService::Outcome &outcome) {
        if (!self) {
            return;
        }
        if (!outcome.stored) {
            self->showError(i18nc("@info", "The interaction was not cancelled: %1", outcome.error));
            return;
        }
        self->showInfo(i18nc("@info", "The interaction is cancelled."));
        self->m_model->scheduleRefresh();
    });
}

void InteractionsView::newEvent(const QString &counterpartyUid)
{
    if (!m_interactions || !m_events) {
        withCalendar([this, counterpartyUid] {
            newEvent(counterpartyUid);
        });
        return;
    }
    auto editor = new EventEditor(m_session->isDirectoryReady() ? &m_session->directory().index() : nullptr, m_events.get(), this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    // The kinds the users defined first, then the others in use.
    QStringList kinds = CrmKinds::list(CrmKinds::Of::Events);
    QStringList inUse;
    if (const CalendarIndex *index = m_session->calendarIndex()) {
        index->visit({CalendarEntry::Type::Event}, [&kinds, &inUse](const CalendarEntry &e) {
            if (!e.kind.isEmpty() && !kinds.contains(e.kind, Qt::CaseInsensitive) && !inUse.contains(e.kind, Qt::CaseInsensitive)) {
                inUse << e.kind;
            }
        });
    }
    inUse.sort(Qt::CaseInsensitive);
    editor->setKinds(kinds + inUse);
    editor->setCounterparty(counterpartyUid);
    connect(editor, &EventEditor::saved, this, [this] {
        showInfo(i18nc("@info", "The event is stored."));
        m_eventModel->refresh();
    });
    editor->open();
}

void InteractionsView::editEvent(qint64 itemId)
{
    if (!m_interactions || !m_events) {
        return; // nothing stored yet
    }
    QPointer<InteractionsView> self(this);
    m_session->calendar()->load(itemId, [self, itemId](const KCalendarCore::Incidence::Ptr &incidence, const Akonadi::Item &, const QString &error) {
        if (!self) {
            return;
        }
        if (!incidence || IncidenceEntry::crmProperty(incidence, "TYPE").trimmed().compare(u"event"_s, Qt::CaseInsensitive) != 0) {
            self->showError(error.isEmpty() ? i18nc("@info", "#%1 is not an event.", itemId) : error);
            return;
        }
        CalendarSession *calendar = self->m_session->calendar();
        auto editor = new EventEditor(self->m_session->isDirectoryReady() ? &self->m_session->directory().index() : nullptr, self->m_events.get(), self);
        editor->setAttribute(Qt::WA_DeleteOnClose);
        editor->editStored(itemId,
                           InteractionMapping::eventFrom(incidence),
                           incidence->status() == KCalendarCore::Incidence::StatusCanceled,
                           &calendar->storage(),
                           calendar->collection());
        connect(editor, &EventEditor::saved, self, [self] {
            self->showInfo(i18nc("@info", "The event is saved."));
            self->m_eventModel->refresh();
        });
        editor->open();
    });
}

void InteractionsView::cancelEvent(qint64 itemId)
{
    if (!m_interactions || !m_events) {
        return; // nothing stored yet
    }
    QPointer<InteractionsView> self(this);
    m_events->cancel(itemId, [self](const EventService::Outcome &outcome) {
        if (!self) {
            return;
        }
        if (!outcome.stored) {
            self->showError(i18nc("@info", "The event was not cancelled: %1", outcome.error));
            return;
        }
        self->showInfo(i18nc("@info", "The event is cancelled."));
        self->m_eventModel->refresh();
    });
}

void InteractionsView::showEventContextMenu(const QPoint &pos)
{
    // popup(), not exec(): no nested event loop in the views.
    auto menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    const qint64 id = m_eventView->indexAt(pos).data(EventOccurrenceModel::ItemIdRole).toLongLong();
    const bool chosen = m_eventView->indexAt(pos).isValid();
    menu->addAction(QIcon::fromTheme(u"view-calendar-upcoming-events"_s), i18nc("@action:inmenu", "New Event…"), this, [this] {
        newEvent(m_counterparty->uid());
    });
    QAction *edit = menu->addAction(QIcon::fromTheme(u"edit-entry"_s), i18nc("@action:inmenu", "Edit Event…"), this, [this, id] {
        editEvent(id);
    });
    edit->setEnabled(chosen);
    QAction *cancel = menu->addAction(QIcon::fromTheme(u"dialog-cancel"_s), i18nc("@action:inmenu", "Cancel Event"), this, [this, id] {
        cancelEvent(id);
    });
    cancel->setEnabled(chosen);
    menu->popup(m_eventView->viewport()->mapToGlobal(pos));
}

void InteractionsView::showContextMenu(const QPoint &pos)
{
    // popup(), not exec(): no nested event loop in the views.
    auto menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    const bool chosen = m_view->indexAt(pos).isValid();
    menu->addAction(QIcon::fromTheme(u"crm-log-contact"_s), i18nc("@action:inmenu", "Log Interaction…"), this, [this] {
        logInteraction(m_counterparty->uid());
    });
    QAction *result =
        menu->addAction(QIcon::fromTheme(u"document-edit"_s), i18nc("@action:inmenu", "Record Result…"), this, &InteractionsView::recordResultOfCurrent);
    result->setEnabled(chosen);
    QAction *cancel =
        menu->addAction(QIcon::fromTheme(u"dialog-cancel"_s), i18nc("@action:inmenu", "Cancel Interaction"), this, &InteractionsView::cancelCurrent);
    cancel->setEnabled(chosen);
    menu->addSeparator();
    menu->addAction(QIcon::fromTheme(u"view-calendar-upcoming-events"_s), i18nc("@action:inmenu", "New Event…"), this, [this] {
        newEvent(m_counterparty->uid());
    });
    menu->popup(m_view->viewport()->mapToGlobal(pos));
}

void InteractionsView::showError(const QString &text)
{
    m_message->setMessageType(KMessageWidget::Warning);
    m_message->setText(text);
    m_message->animatedShow();
}

void InteractionsView::showInfo(const QString &text)
{
    m_message->setMessageType(KMessageWidget::Positive);
    m_message->setText(text);
    m_message->animatedShow();
}

} // namespace Crm
