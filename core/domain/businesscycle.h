// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmdomain_export.h"

#include <QHash>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace Crm
{

/// One state of a business cycle and what other programs see of it: the
/// iCalendar STATUS and PERCENT-COMPLETE it is written with.
struct KONTACTCRMDOMAIN_EXPORT CycleState {
    enum class Status : quint8 {
        NeedsAction,
        InProcess,
        Completed,
        Cancelled
    };
    QString name; ///< stored in X-KDE-CRM-STATE; compared case-insensitively
    QString label; ///< shown to the user (translated for the default cycle)
    Status status = Status::NeedsAction;
    int percent = 0;
    bool end = false; ///< the task is finished in this state (not overdue, not open)
    bool operator==(const CycleState &other) const = default;

    static QString statusName(Status status); ///< "NEEDS-ACTION", "IN-PROCESS", …
    static std::optional<Status> statusFrom(QStringView name);
};

/// The states a task of one kind goes through and the moves allowed between
/// them. The first state is where a new task starts.
class KONTACTCRMDOMAIN_EXPORT BusinessCycle
{
public:
    /// Reads a definition as the configuration holds it.
    /// @p states: "name|STATUS|percent[|end]" each (label = name);
    /// @p transitions: "from>to" each. Returns nothing and @p error naming
    /// the problem when the definition is broken (see validate()).
    static std::optional<BusinessCycle> parse(const QString &kind, const QStringList &states, const QStringList &transitions, QString *error);
    /// New → Accepted → In progress → Done, with Rejected and Postponed.
    static BusinessCycle defaultCycle();

    BusinessCycle() = default;
    BusinessCycle(const QString &kind, const QList<CycleState> &states, const QList<std::pair<QString, QString>> &transitions);

    /// Every state name unique, every transition between known states, an
    /// end state, and from every state an end state reachable.
    bool validate(QString *error) const;

    QString kind() const;
    QList<CycleState> states() const;
    QList<std::pair<QString, QString>> transitions() const;
    /// The state called @p name, or labelled so ("In progress"), any case.
    const CycleState *state(QStringView name) const;
    CycleState initial() const;
    bool isEnd(QStringView name) const;
    /// The states one move from @p from can reach, in definition order.
    QStringList next(QStringView from) const;
    bool allows(QStringView from, QStringView to) const;
    /// Like allows(), with a message naming both states and what is allowed.
    bool checkMove(QStringView from, QStringView to, QString *error) const;

    /// The state that best explains a STATUS set by another program, given
    /// the state the CRM last stored: @p current itself when its STATUS
    /// agrees, else the first state with that STATUS (an end state for
    /// COMPLETED/CANCELLED). Nothing when no state has that STATUS.
    std::optional<CycleState> stateForStatus(CycleState::Status status, QStringView current) const;

    /// The configuration form that parse() reads back.
    QStringList stateSpecs() const;
    QStringList transitionSpecs() const;

private:
    QString m_kind;
    QList<CycleState> m_states;
    QList<std::pair<QString, QString>> m_transitions;
};

/// The cycles of every task kind. A kind without its own cycle uses the
/// default one. Loading a broken definition keeps the previous one in force.
class KONTACTCRMDOMAIN_EXPORT BusinessCycles
{
public:
    BusinessCycles();

    struct Definition {
        QStringList states;
        QStringList transitions;
    };
    /// Sets the cycles from definitions by kind (an empty kind is the
    /// default). Returns one message per refused definition; those kinds keep
    /// the cycle they had.
    QStringList load(const QMap<QString, Definition> &definitions);
    /// Sets one cycle; refuses (and keeps the old one) when it is invalid.
    bool set(const BusinessCycle &cycle, QString *error);

    const BusinessCycle &cycleFor(QStringView kind) const;
    QStringList kinds() const; ///< the kinds with their own cycle

private:
    BusinessCycle m_default;
    QHash<QString, BusinessCycle> m_byKind; ///< keyed by kind folded to lower case
};

} // namespace Crm
