// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/businesscycle.h"

#include <QWidget>

class QTableWidget;

namespace Crm
{

/// Edits one business cycle: its states (name, the iCalendar STATUS and
/// percent other programs see, end state or not) and, in a grid, the moves
/// allowed from each state to each other. It edits; the rules are
/// BusinessCycle::validate(), which the page applies.
class CycleEditor : public QWidget
{
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        StatusColumn,
        PercentColumn,
        EndColumn
    };

    explicit CycleEditor(QWidget *parent = nullptr);

    void setCycle(const BusinessCycle &cycle);
    /// The cycle as edited, of the kind given to setCycle(); not validated.
    BusinessCycle cycle() const;

    void addState(const CycleState &state);
    void removeState(int row);
    /// Allows or forbids the move from state @p from to state @p to (rows).
    void setAllowed(int from, int to, bool allowed);
    QTableWidget *statesTable() const;
    QTableWidget *transitionsTable() const;

Q_SIGNALS:
    void changed();

private:
    void rebuildTransitions(const QList<std::pair<QString, QString>> &allowed);
    QList<std::pair<QString, QString>> allowedMoves() const;
    QStringList stateNames() const;

    QString m_kind;
    QTableWidget *m_states;
    QTableWidget *m_transitions;
    bool m_filling = false;
};

} // namespace Crm
