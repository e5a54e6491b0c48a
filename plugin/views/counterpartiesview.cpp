// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "counterpartiesview.h"

#include "akonadi/directory.h"
#include "akonadi/directoryindexcache.h"
#include "cardwidget.h"
#include "crmplugin_debug.h"
#include "domain/counterpartysearch.h"
#include "models/counterpartylistmodel.h"
#include "models/crmsession.h"

#include <KLocalizedString>
#include <KMessageWidget>

#include <QComboBox>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QListView>
#include <QSplitter>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

CounterpartiesView::CounterpartiesView(CrmSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new CounterpartyListModel(this))
    , m_message(new KMessageWidget(this))
    , m_search(new QLineEdit(this))
    , m_groups(new QComboBox(this))
    , m_list(new QListView(this))
    , m_card(new CardWidget(session, this))
{
    m_sinceCreated.start();
    m_message->setWordWrap(true);
    m_message->setCloseButtonVisible(false);
    m_message->setMessageType(KMessageWidget::Information);
    m_message->setText(i18nc("@info", "Loading the directory…"));

    m_search->setObjectName(u"search"_s);
    m_search->setClearButtonEnabled(true);
    m_search->setPlaceholderText(i18nc("@info:placeholder", "Search by name, phone, e-mail or tax code…"));
    m_search->setToolTip(i18nc("@info:tooltip", "Any part of a name, a phone number in any notation, an e-mail address or a tax code"));
    m_groups->setObjectName(u"groups"_s);
    m_groups->setToolTip(i18nc("@info:tooltip", "Show only the counterparties of a group"));
    m_groups->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_list->setObjectName(u"counterparties"_s);
    m_list->setModel(m_model);
    m_list->setUniformItemSizes(true);
    // One pass: with uniform item sizes laying out 10,000 rows takes
    // milliseconds, while batches spread a reset over many event loop turns.
    m_list->setLayoutMode(QListView::SinglePass);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);

    auto left = new QWidget(this);
    auto leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins({});
    auto filters = new QHBoxLayout;
    filters->addWidget(m_search, 1);
    filters->addWidget(m_groups);
    leftLayout->addLayout(filters);
    leftLayout->addWidget(m_list, 1);

    auto splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(left);
    splitter->addWidget(m_card);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);

    auto layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(splitter, 1);

    // The index is in memory: every keystroke searches at once.
    connect(m_search, &QLineEdit::textChanged, m_model, &CounterpartyListModel::setFilterText);
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        open(m_list->currentIndex().isValid() ? m_list->currentIndex().row() : 0);
    });
    connect(m_groups, &QComboBox::currentIndexChanged, this, [this] {
        m_model->setGroup(m_groups->currentData().toString());
    });
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this, &CounterpartiesView::currentChanged);
    // A keystroke that changes thousands of rows resets the list: the chosen
    // counterparty stays chosen (and its card open) when it is still listed.
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        m_resetting = true;
        m_chosenBeforeReset = m_list->currentIndex().isValid() ? m_model->entry(m_list->currentIndex().row()).itemId : -1;
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_resetting = false;
        const int row = m_model->rowOf(m_chosenBeforeReset);
        if (row >= 0) {
            m_list->setCurrentIndex(m_model->index(row));
            m_list->scrollTo(m_model->index(row));
        } else {
            currentChanged();
        }
    });
    // The phone rings, the number is typed: one match opens its card.
    auto openSingleMatch = [this] {
        if (m_model->rowCount() == 1 && !m_model->filterText().trimmed().isEmpty()) {
            open(0);
        }
    };
    connect(m_model, &QAbstractItemModel::rowsInserted, this, openSingleMatch);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, openSingleMatch);
    connect(m_model, &QAbstractItemModel::modelReset, this, openSingleMatch);

    setEnabled(false);
    if (m_session->isDirectoryReady()) {
        directoryReady();
    } else {
        connect(m_session, &CrmSession::directoryReady, this, &CounterpartiesView::directoryReady);
    }
    connect(m_session, &CrmSession::failed, this, [this](const QString &error) {
        m_message->setMessageType(KMessageWidget::Error);
        m_message->setText(i18nc("@info", "The CRM's directory cannot be opened: %1", error));
        m_message->animatedShow();
    });
    m_message->show();
}

CounterpartiesView::~CounterpartiesView() = default;

CounterpartyListModel *CounterpartiesView::model() const
{
    return m_model;
}

CardWidget *CounterpartiesView::card() const
{
    return m_card;
}

void CounterpartiesView::directoryReady()
{
    QElapsedTimer timer;
    timer.start();
    // The first answer of the (worker-thread) search is the first list.
    connect(
        m_model,
        &CounterpartyListModel::searchFinished,
        this,
        [this, timer] {
            m_firstListMs = int(m_sinceCreated.elapsed());
            qCDebug(CRM_PLUGIN_LOG) << "listed" << m_model->rowCount() << "counterparties in" << timer.elapsed() << "ms," << m_firstListMs
                                    << "ms after the page was created";
        },
        Qt::SingleShotConnection);
    m_model->setCache(m_session->directoryCache());
    fillGroups();
    connect(m_session->directoryCache(), &ItemIndexCache::changed, this, &CounterpartiesView::fillGroups);
    m_message->animatedHide();
    setEnabled(true);
    m_search->setFocus();
}

void CounterpartiesView::fillGroups()
{
    const QString current = m_groups->currentData().toString();
    const QStringList groups = CounterpartySearch::groups(m_session->directory().index());
    QSignalBlocker blocker(m_groups);
    m_groups->clear();
    m_groups->addItem(i18nc("@item:inlistbox no group filter", "All groups"), QString());
    for (const QString &g : groups) {
        m_groups->addItem(g, g);
    }
    const int at = m_groups->findData(current, Qt::UserRole, Qt::MatchFixedString);
    m_groups->setCurrentIndex(at < 0 ? 0 : at);
    if (at < 0 && !current.isEmpty()) {
        // The group is gone: show them all again.
        m_model->setGroup({});
    }
    m_groups->setVisible(!groups.isEmpty());
}

void CounterpartiesView::currentChanged()
{
    if (m_resetting) {
        return;
    }
    const QModelIndex current = m_list->currentIndex();
    if (!current.isValid()) {
        m_card->clear();
        return;
    }
    m_card->showEntry(m_model->entry(current.row()));
}

void CounterpartiesView::search(const QString &text)
{
    m_search->setText(text);
}

bool CounterpartiesView::open(int row)
{
    if (row < 0 || row >= m_model->rowCount()) {
        return false;
    }
    m_list->setCurrentIndex(m_model->index(row));
    return true;
}

bool CounterpartiesView::isReady() const
{
    return m_session->isDirectoryReady() && !m_model->isSearching();
}

int CounterpartiesView::count() const
{
    return m_model->rowCount();
}

QString CounterpartiesView::cardTitle() const
{
    return m_card->title();
}

int CounterpartiesView::cardPersons() const
{
    return m_card->personCount();
}

int CounterpartiesView::cardTimelineRows() const
{
    return m_card->timelineCount();
}

int CounterpartiesView::firstListMs() const
{
    return m_firstListMs;
}

bool CounterpartiesView::saveScreenshot(const QString &path)
{
    return window()->grab().save(path, "PNG");
}

void CounterpartiesView::focusSearch()
{
    m_search->setFocus();
    m_search->selectAll();
}

} // namespace Crm
