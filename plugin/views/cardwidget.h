// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "akonadi/directory.h"

#include <QWidget>

class QLabel;
class QTimer;
class QTreeView;
class QStackedWidget;

namespace Crm
{
class CrmSession;
class ContactPersonModel;
class TimelineModel;

/// The counterparty card: its details, its contact persons and its
/// timeline. Everything is read without waiting (Directory::card, then
/// Timeline::of); a change elsewhere to the counterparty, its people or its
/// calendar items shows without choosing it again.
class CardWidget : public QWidget
{
    Q_OBJECT
public:
    explicit CardWidget(CrmSession *session, QWidget *parent = nullptr);
    ~CardWidget() override;

    /// Shows the card of @p entry (a counterparty or one of its people).
    void showEntry(const DirectoryEntry &entry);
    void clear();

    /// The name on the card once it and its timeline are shown; empty before.
    QString title() const;
    int personCount() const;
    int timelineCount() const;
    /// The UID of the counterparty on the card; empty when none is shown.
    QString counterpartyUid() const;
    /// True while the card or its timeline is being read.
    bool isLoading() const;

public Q_SLOTS:
    /// Reads the card again (a moment after a burst of changes); while a
    /// read runs, once more after it.
    void reload();

Q_SIGNALS:
    /// The card and its timeline are on screen.
    void loaded();
    /// Quick actions: log an interaction of @p kind with the counterparty on the card.
    void logInteractionRequested(const QString &counterpartyUid, const QString &kind);
    /// Record the result of the interaction chosen in the timeline.
    void recordResultRequested(qint64 itemId);
    void newEventRequested(const QString &counterpartyUid);
    void newTaskRequested(const QString &counterpartyUid);

private:
    void load();
    void finished();
    void loadTimeline(const CounterpartyCard &card);
    void showCard(const CounterpartyCard &card);
    void showMessage(const QString &text);
    QWidget *makeQuickActions(QWidget *parent);
    /// Opens the contact person on @p row in Akonadi's contact editor, as KAddressBook does.
    void editPerson(int row);
    /// The interaction (held or planned) chosen in the timeline, or -1.
    qint64 chosenInteraction() const;

    CrmSession *m_session;
    DirectoryEntry m_entry;
    std::optional<CounterpartyCard> m_card;
    quint64 m_generation = 0; ///< answers for an older request are dropped
    bool m_loading = false;
    bool m_reloadPending = false;
    bool m_shown = false; ///< the current entry's card has been shown complete
    QTimer *m_reloadTimer;
    QStackedWidget *m_stack;
    QLabel *m_placeholder;
    QLabel *m_header;
    QLabel *m_details;
    QLabel *m_timelineNote;
    QTreeView *m_personsView;
    QTreeView *m_timelineView;
    ContactPersonModel *m_persons;
    TimelineModel *m_timeline;
    QAction *m_recordResult = nullptr;
};

} // namespace Crm
