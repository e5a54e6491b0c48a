// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "businesscycle.h"

#include <KLocalizedString>

#include <QSet>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

QString CycleState::statusName(Status status)
{
    switch (status) {
    case Status::NeedsAction:
        return u"NEEDS-ACTION"_s;
    case Status::InProcess:
        return u"IN-PROCESS"_s;
    case Status::Completed:
        return u"COMPLETED"_s;
    case Status::Cancelled:
        return u"CANCELLED"_s;
    }
    return {};
}

std::optional<CycleState::Status> CycleState::statusFrom(QStringView name)
{
    const QString n = name.trimmed().toString().toUpper();
    if (n == u"NEEDS-ACTION") {
        return Status::NeedsAction;
    }
    if (n == u"IN-PROCESS") {
        return Status::InProcess;
    }
    if (n == u"COMPLETED") {
        return Status::Completed;
    }
    if (n == u"CANCELLED" || n == u"CANCELED") {
        return Status::Cancelled;
    }
    return std::nullopt;
}

BusinessCycle::BusinessCycle(const QString &kind, const QList<CycleState> &states, const QList<std::pair<QString, QString>> &transitions)
    : m_kind(kind)
    , m_states(states)
    , m_transitions(transitions)
{
}

BusinessCycle BusinessCycle::defaultCycle()
{
    using S = CycleState::Status;
    const QList<CycleState> states{
        {u"new"_s, i18nc("@item task state", "New"), S::NeedsAction, 0, false},
        {u"accepted"_s, i18nc("@item task state", "Accepted"), S::NeedsAction, 10, false},
        {u"in-progress"_s, i18nc("@item task state", "In progress"), S::InProcess, 50, false},
        {u"postponed"_s, i18nc("@item task state", "Postponed"), S::NeedsAction, 0, false},
        {u"done"_s, i18nc("@item task state", "Done"), S::Completed, 100, true},
        {u"rejected"_s, i18nc("@item task state", "Rejected"), S::Cancelled, 0, true},
    };
    const QList<std::pair<QString, QString>> transitions{
        {u"new"_s, u"accepted"_s},
        {u"new"_s, u"rejected"_s},
        {u"new"_s, u"postponed"_s},
        {u"accepted"_s, u"in-progress"_s},
        {u"accepted"_s, u"postponed"_s},
        {u"accepted"_s, u"rejected"_s},
        {u"in-progress"_s, u"done"_s},
        {u"in-progress"_s, u"postponed"_s},
        {u"postponed"_s, u"accepted"_s},
        {u"postponed"_s, u"in-progress"_s},
        {u"postponed"_s, u"rejected"_s},
    };
    return BusinessCycle(QString(), states, transitions);
}

std::optional<BusinessCycle> BusinessCycle::parse(const QString &kind, const QStringList &stateSpecs, const QStringList &transitionSpecs, QString *error)
{
    const QString cycleName = kind.isEmpty() ? i18nc("@item the cycle of tasks without their own", "default") : kind;
    auto refuse = [&](const QString &message) {
        if (error) {
            *error = i18nc("@info %1 task kind, %2 problem", "The business cycle of \"%1\" is refused: %2", cycleName, message);
        }
        return std::nullopt;
    };
    QList<CycleState> states;
    for (const QString &spec : stateSpecs) {
        const QStringList parts = spec.split(u'|');
        if (parts.size() < 3 || parts.size() > 4 || parts[0].trimmed().isEmpty()) {
            return refuse(i18n("the state \"%1\" is not written as name|STATUS|percent[|end]", spec));
        }
        CycleState s;
        s.name = parts[0].trimmed();
        s.label = s.name;
        const auto status = CycleState::statusFrom(parts[1]);
        if (!status) {
            return refuse(i18n("the state \"%1\" has the unknown status \"%2\" (use NEEDS-ACTION, IN-PROCESS, COMPLETED or CANCELLED)", s.name, parts[1]));
        }
        s.status = *status;
        bool ok = false;
        s.percent = parts[2].trimmed().toInt(&ok);
        if (!ok || s.percent < 0 || s.percent > 100) {
            return refuse(i18n("the state \"%1\" has the percentage \"%2\", which is not a number from 0 to 100", s.name, parts[2]));
        }
        if (parts.size() == 4) {
            if (parts[3].trimmed() != u"end") {
                return refuse(i18n("the state \"%1\" ends with \"%2\"; only \"end\" may stand there", s.name, parts[3]));
            }
            s.end = true;
        }
        states << s;
    }
    QList<std::pair<QString, QString>> transitions;
    for (const QString &spec : transitionSpecs) {
        const QStringList parts = spec.split(u'>');
        if (parts.size() != 2) {
            return refuse(i18n("the transition \"%1\" is not written as from>to", spec));
        }
        transitions.append({parts[0].trimmed(), parts[1].trimmed()});
    }
    BusinessCycle cycle(kind, states, transitions);
    QString problem;
    if (!cycle.validate(&problem)) {
        return refuse(problem);
    }
    return cycle;
}

bool BusinessCycle::validate(QString *error) const
{
    auto fail = [error](const QString &message) {
        if (error) {
            *error = message;
        }
        return false;
    };
    if (m_states.isEmpty()) {
        return fail(i18n("it has no states"));
    }
    QSet<QString> names;
    for (const CycleState &s : m_states) {
        const QString key = s.name.toCaseFolded();
        if (key.isEmpty()) {
            return fail(i18n("a state has no name"));
        }
        if (names.contains(key)) {
            return fail(i18n("the state \"%1\" is defined twice", s.name));
        }
        names.insert(key);
        // Phones and KOrganizer know only STATUS: an end state must look
        // finished there, and an open one must not.
        const bool finished = s.status == CycleState::Status::Completed || s.status == CycleState::Status::Cancelled;
        if (s.end && !finished) {
            return fail(i18n("the end state \"%1\" has the status %2; an end state needs COMPLETED or CANCELLED", s.name, CycleState::statusName(s.status)));
        }
        if (!s.end && finished) {
            return fail(i18n("the state \"%1\" has the status %2 but is not an end state; mark it \"end\" or give it NEEDS-ACTION or IN-PROCESS",
                             s.name,
                             CycleState::statusName(s.status)));
        }
    }
    for (const auto &[from, to] : m_transitions) {
        if (!state(from)) {
            return fail(i18n("the transition %1 → %2 starts from the unknown state \"%1\"", from, to));
        }
        if (!state(to)) {
            return fail(i18n("the transition %1 → %2 leads to the unknown state \"%2\"", from, to));
        }
        if (isEnd(from)) {
            return fail(i18n("the transition %1 → %2 leaves the end state \"%1\"", from, to));
        }
    }
    // From every state an end state must be reachable, or a task could be
    // stuck open for ever.
    for (const CycleState &s : m_states) {
        QSet<QString> seen{s.name.toCaseFolded()};
        QStringList queue{s.name};
        bool reached = s.end;
        while (!queue.isEmpty() && !reached) {
            const QString current = queue.takeFirst();
            const QStringList following = next(current);
            for (const QString &n : following) {
                if (isEnd(n)) {
                    reached = true;
                    break;
                }
                if (!seen.contains(n.toCaseFolded())) {
                    seen.insert(n.toCaseFolded());
                    queue << n;
                }
            }
        }
        if (!reached) {
            return fail(i18n("no end state can be reached from the state \"%1\"", s.name));
        }
    }
    return true;
}

QString BusinessCycle::kind() const
{
    return m_kind;
}

QList<CycleState> BusinessCycle::states() const
{
    return m_states;
}

QList<std::pair<QString, QString>> BusinessCycle::transitions() const
{
    return m_transitions;
}

const CycleState *BusinessCycle::state(QStringView name) const
{
    const QStringView key = name.trimmed();
    for (const CycleState &s : m_states) {
        if (QStringView(s.name).compare(key, Qt::CaseInsensitive) == 0) {
            return &s;
        }
    }
    // What the user sees ("In progress") names the state too.
    for (const CycleState &s : m_states) {
        if (QStringView(s.label).compare(key, Qt::CaseInsensitive) == 0) {
            return &s;
        }
    }
    return nullptr;
}

CycleState BusinessCycle::initial() const
{
    return m_states.isEmpty() ? CycleState{} : m_states.constFirst();
}

bool BusinessCycle::isEnd(QStringView name) const
{
    const CycleState *s = state(name);
    return s && s->end;
}

QStringList BusinessCycle::next(QStringView from) const
{
    QStringList out;
    for (const auto &[a, b] : m_transitions) {
        if (QStringView(a).compare(from, Qt::CaseInsensitive) == 0) {
            const CycleState *s = state(b);
            out << (s ? s->name : b);
        }
    }
    return out;
}

bool BusinessCycle::allows(QStringView from, QStringView to) const
{
    const CycleState *f = state(from);
    const CycleState *t = state(to);
    if (!f || !t) {
        return false;
    }
    for (const auto &[a, b] : m_transitions) {
        if (a.compare(f->name, Qt::CaseInsensitive) == 0 && b.compare(t->name, Qt::CaseInsensitive) == 0) {
            return true;
        }
    }
    return false;
}

bool BusinessCycle::checkMove(QStringView from, QStringView to, QString *error) const
{
    auto fail = [error](const QString &message) {
        if (error) {
            *error = message;
        }
        return false;
    };
    QStringList names;
    for (const CycleState &s : m_states) {
        names << s.name;
    }
    if (!state(to)) {
        return fail(i18n("\"%1\" is not a state of this business cycle; its states are: %2", to.toString(), names.join(u", "_s)));
    }
    if (!state(from)) {
        return fail(i18n("the task is in the state \"%1\", which this business cycle does not know", from.toString()));
    }
    if (allows(from, to)) {
        return true;
    }
    const QString fromName = state(from)->name;
    const QString toName = state(to)->name;
    const QStringList allowed = next(fromName);
    if (allowed.isEmpty()) {
        return fail(i18n("a task in the end state \"%1\" cannot move to \"%2\"", fromName, toName));
    }
    return fail(i18n("a task cannot move from \"%1\" to \"%2\"; from \"%1\" it can move to: %3", fromName, toName, allowed.join(u", "_s)));
}

std::optional<CycleState> BusinessCycle::stateForStatus(CycleState::Status status, QStringView current) const
{
    const CycleState *now = state(current);
    if (now && now->status == status) {
        return *now;
    }
    const bool wantsEnd = status == CycleState::Status::Completed || status == CycleState::Status::Cancelled;
    const CycleState *fallback = nullptr;
    for (const CycleState &s : m_states) {
        if (s.status != status) {
            continue;
        }
        if (s.end == wantsEnd) {
            return s;
        }
        if (!fallback) {
            fallback = &s;
        }
    }
    if (fallback) {
        return *fallback;
    }
    return std::nullopt;
}

QStringList BusinessCycle::stateSpecs() const
{
    QStringList out;
    for (const CycleState &s : m_states) {
        out << s.name + u'|' + CycleState::statusName(s.status) + u'|' + QString::number(s.percent) + (s.end ? u"|end"_s : QString());
    }
    return out;
}

QStringList BusinessCycle::transitionSpecs() const
{
    QStringList out;
    for (const auto &[a, b] : m_transitions) {
        out << a + u'>' + b;
    }
    return out;
}

BusinessCycles::BusinessCycles()
    : m_default(BusinessCycle::defaultCycle())
{
}

QStringList BusinessCycles::load(const QMap<QString, Definition> &definitions)
{
    QStringList problems;
    for (auto it = definitions.cbegin(); it != definitions.cend(); ++it) {
        QString error;
        const auto cycle = BusinessCycle::parse(it.key(), it->states, it->transitions, &error);
        if (!cycle) {
            problems << error;
            continue;
        }
        if (it.key().isEmpty()) {
            m_default = *cycle;
        } else {
            m_byKind.insert(it.key().toCaseFolded(), *cycle);
        }
    }
    return problems;
}

bool BusinessCycles::set(const BusinessCycle &cycle, QString *error)
{
    QString problem;
    if (!cycle.validate(&problem)) {
        if (error) {
            *error = i18nc("@info %1 task kind, %2 problem",
                           "The business cycle of \"%1\" is refused: %2",
                           cycle.kind().isEmpty() ? i18nc("@item the cycle of tasks without their own", "default") : cycle.kind(),
                           problem);
        }
        return false;
    }
    if (cycle.kind().isEmpty()) {
        m_default = cycle;
    } else {
        m_byKind.insert(cycle.kind().toCaseFolded(), cycle);
    }
    return true;
}

const BusinessCycle &BusinessCycles::cycleFor(QStringView kind) const
{
    const auto it = m_byKind.constFind(kind.toString().toCaseFolded());
    return it == m_byKind.cend() ? m_default : *it;
}

QStringList BusinessCycles::kinds() const
{
    QStringList out;
    for (const BusinessCycle &c : m_byKind) {
        out << c.kind();
    }
    out.sort(Qt::CaseInsensitive);
    return out;
}

} // namespace Crm
