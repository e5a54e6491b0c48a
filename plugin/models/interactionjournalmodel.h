// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/calendarindex.h"
#include "domain/interaction.h"
#include "services/interactionservice.h"

#include <QAbstractTableModel>
#include <QPointer>

class QTimer;

namespace Crm
{
class DirectoryIndex;

/// The interaction log ("journal") of the Interactions page: the
/// interactions that pass the filters, newest first. Which ones pass is the
/// core's rule (InteractionService::select through list(), which reads the
/// payloads for the employee, result and next contact); the model only
/// shows them. After a change in the calendar it lists again and applies
/// the difference row by row (inserted, removed, changed rows), never a
/// reset, so selection and scroll position survive a sync.
class InteractionJournalModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        StartColumn,
        KindColumn,
        SubjectColumn,
        CounterpartyColumn,
        EmployeeColumn,
        StateColumn,
        ResultColumn,
        NextContactColumn,
        ColumnCount
    };
    enum Roles {
        ItemIdRole = Qt::UserRole + 1,
        StateRole, ///< Interaction::State as an int, at Clock::now()
        CounterpartyUidRole,
        StartRole,
    };

    /// The filters of the journal: the core's, plus the counterparty.
    struct Filter {
        InteractionService::Filter interactions;
        QString counterpartyUid; ///< empty: every counterparty
    };

    explicit InteractionJournalModel(QObject *parent = nullptr);
    ~InteractionJournalModel() override;

    /// What the journal reads: the calendar index (null while there is no
    /// calendar), the service that lists, and the directory for the names
    /// (may be null). All must outlive the model or be set again.
    void setSources(const CalendarIndex *calendar, InteractionService *service, const DirectoryIndex *directory);
    void setDirectory(const DirectoryIndex *directory);
    void setFilter(const Filter &filter);
    Filter filter() const;

    /// True while a listing runs; loaded() follows each.
    bool isLoading() const;
    qint64 itemId(int row) const;
    Interaction interaction(int row) const;
    /// The row of @p itemId, or -1.
    int rowOf(qint64 itemId) const;
    /// When the next planned interaction shown starts (it then becomes held), or invalid.
    QDateTime nextStateChange() const;
    /// The counterparty's name as the directory has it, else its UID.
    QString counterpartyName(const QString &uid) const;
    /// The employee's name, from the directory when only the e-mail is stored.
    QString employeeName(const Participant &employee) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

public Q_SLOTS:
    /// Lists again now; while one listing runs, once more after it.
    void refresh();
    /// Lists again a moment later: changes come in bursts (a sync, an import).
    void scheduleRefresh();
    /// The names of counterparties and employees may have changed.
    void directoryChanged();
    /// "Now" moved past the start of a planned one: it is held now (its
    /// state, and the held/planned filter, follow). Called by a timer set
    /// for the next start; tests call it after moving the clock.
    void clockChanged();

Q_SIGNALS:
    /// A listing finished and the rows show it.
    void loaded();
    /// A listing failed: @p error says why (the rows stay as they were).
    void failed(const QString &error);

private:
    struct Row {
        qint64 itemId = -1;
        Interaction interaction;
    };
    void apply(const QList<InteractionService::Stored> &listed);
    QList<CalendarEntry> candidates() const;

    const CalendarIndex *m_calendar = nullptr;
    QPointer<InteractionService> m_service;
    const DirectoryIndex *m_directory = nullptr;
    Filter m_filter;
    QList<Row> m_rows;
    quint64 m_generation = 0; ///< answers for an older filter are dropped
    bool m_loading = false;
    bool m_pending = false;
    QTimer *m_refreshTimer;
    QTimer *m_clockTimer;
    void scheduleClock();
};

} // namespace Crm
