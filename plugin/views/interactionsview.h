// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include <QWidget>

#include <functional>
#include <memory>

class QComboBox;
class QDateEdit;
class QTreeView;
class KMessageWidget;

namespace Crm
{
struct Interaction;
class CounterpartyField;
class CrmSession;
class EventOccurrenceModel;
class EventService;
class InteractionJournalModel;
class InteractionService;

/// The Interactions page: the interaction log filtered by period,
/// counterparty, kind, employee and held/planned, newest first, live; and
/// the editors (log an interaction, record a result and plan the next
/// contact, a new event). Below the journal, the event occurrences of the
/// same period and counterparty, in a list of their own (an event has no
/// kind, employee or held/planned state to filter by). Also on D-Bus (org.kde.kontactcrm.Interactions)
/// for scripts and `tools/crm gui`.
class InteractionsView : public QWidget
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.kde.kontactcrm.Interactions")
public:
    explicit InteractionsView(CrmSession *session, QWidget *parent = nullptr);
    ~InteractionsView() override;

    InteractionJournalModel *model() const;
    /// The interaction chosen in the journal, or -1.
    qint64 currentItemId() const;

public Q_SLOTS:
    /// Brings the page to the front of the CRM's pages.
    Q_SCRIPTABLE void showJournal();
    /// The rows shown now, one "start | kind | subject | counterparty | state" each.
    Q_SCRIPTABLE QStringList rows() const;
    /// Opens the editor for a new interaction, with @p counterpartyUid and @p kind when given.
    void logInteraction(const QString &counterpartyUid = {}, const QString &kind = {});
    /// Opens the result dialog of interaction @p itemId (read first, without waiting).
    void recordResult(qint64 itemId);
    /// Records the result of the interaction chosen in the journal.
    void recordResultOfCurrent();
    /// Opens the editor on the stored interaction @p itemId.
    void editInteraction(qint64 itemId);
    void editCurrent();
    /// Cancels the interaction chosen in the journal (when the core's rules allow).
    void cancelCurrent();
    /// Opens the event editor, with @p counterpartyUid when given.
    void newEvent(const QString &counterpartyUid = {});
    /// Opens the editor on the stored event @p itemId (the whole series).
    void editEvent(qint64 itemId);
    /// Cancels event @p itemId (kept, marked cancelled, as KOrganizer does).
    void cancelEvent(qint64 itemId);

private:
    void calendarReady();
    void directoryReady();
    void applyFilter();
    void fillEmployees();
    void showContextMenu(const QPoint &pos);
    void showEventContextMenu(const QPoint &pos);
    /// Reads interaction @p itemId without waiting, then hands it to @p then
    /// (or says why not).
    void loadInteraction(qint64 itemId, const std::function<void(const Interaction &)> &then);
    void showError(const QString &text);
    void showInfo(const QString &text);
    /// Runs @p then once there is a CRM calendar to write into (made on the
    /// first write, as crmctl does), or says why there is none.
    void withCalendar(const std::function<void()> &then);

    CrmSession *m_session;
    InteractionJournalModel *m_model;
    std::unique_ptr<InteractionService> m_interactions;
    std::unique_ptr<EventService> m_events;
    KMessageWidget *m_message;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QComboBox *m_state;
    QComboBox *m_kind;
    CounterpartyField *m_counterparty;
    QComboBox *m_employee;
    QTreeView *m_view;
    EventOccurrenceModel *m_eventModel;
    QTreeView *m_eventView;
};

} // namespace Crm
