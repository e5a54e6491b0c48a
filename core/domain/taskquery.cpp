// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "taskquery.h"

#include "domain/searchkeys.h"

#include <algorithm>
#include <limits>

namespace Crm
{

bool TaskQuery::isOpen(const CalendarEntry &entry, const BusinessCycles &cycles)
{
    // STATUS first: a phone that completed the task did not touch the state.
    if (entry.closed()) {
        return false;
    }
    const BusinessCycle &cycle = cycles.cycleFor(entry.kind);
    return !cycle.isEnd(entry.state);
}

bool TaskQuery::isOverdue(const CalendarEntry &entry, const BusinessCycles &cycles, const QDateTime &now)
{
    return entry.due.isValid() && entry.due < now && isOpen(entry, cycles);
}

QList<CalendarEntry> TaskQuery::run(const CalendarIndex &index, const BusinessCycles &cycles, const QDateTime &now) const
{
    const TaskQuery &q = *this;
    const QString responsible = SearchKeys::email(q.responsible);
    // "Is it open" by kind and state, worked out once per pair: a 50,000-task
    // scan then costs hash probes, not cycle look-ups.
    QHash<std::pair<QString, QString>, bool> openByKindState;
    auto open = [&](const CalendarEntry &e) {
        if (e.closed()) {
            return false;
        }
        const auto key = std::make_pair(e.kind, e.state);
        auto it = openByKindState.constFind(key);
        if (it == openByKindState.cend()) {
            it = openByKindState.insert(key, !cycles.cycleFor(e.kind).isEnd(e.state));
        }
        return *it;
    };
    const qint64 nowMs = now.toMSecsSinceEpoch();
    QList<std::pair<qint64, CalendarEntry>> hits;
    auto consider = [&](const CalendarEntry &e) {
        if (e.type != CalendarEntry::Type::Task) {
            return;
        }
        if (!responsible.isEmpty() && e.responsible != responsible) {
            return;
        }
        if (!q.counterpartyUid.isEmpty() && e.counterpartyUid != q.counterpartyUid) {
            return;
        }
        if (!q.kind.isEmpty() && e.kind.compare(q.kind, Qt::CaseInsensitive) != 0) {
            return;
        }
        if (!q.state.isEmpty() && e.state.compare(q.state, Qt::CaseInsensitive) != 0) {
            return;
        }
        if ((q.openOnly || q.overdueOnly) && !open(e)) {
            return;
        }
        const qint64 dueMs = e.due.isValid() ? e.due.toMSecsSinceEpoch() : std::numeric_limits<qint64>::max();
        if (q.overdueOnly && dueMs >= nowMs) {
            return;
        }
        hits.append({dueMs, e});
    };
    // The narrowest lookup first; a scan otherwise. Closed tasks are left
    // out before they are made entries when only open ones are asked for.
    const CalendarFilter filter{CalendarEntry::Type::Task, q.openOnly || q.overdueOnly};
    bool walkedByDeadline = false;
    if (!responsible.isEmpty()) {
        const auto entries = index.byResponsible(responsible, filter);
        for (const CalendarEntry &e : entries) {
            consider(e);
        }
    } else if (!q.counterpartyUid.isEmpty()) {
        const auto entries = index.byCounterparty(q.counterpartyUid, filter);
        for (const CalendarEntry &e : entries) {
            consider(e);
        }
    } else if (q.overdueOnly) {
        // Only tasks whose deadline has passed, in deadline order.
        index.visitTasksDueBefore(nowMs, filter, consider);
        walkedByDeadline = true;
    } else {
        index.visit(filter, consider);
    }
    // By deadline (none last), then by subject, then by item id, so that a
    // list is the same on every run. The overdue walk already comes in
    // deadline order: only runs of equal deadlines need sorting.
    const auto bySubject = [](const auto &a, const auto &b) {
        return a.second.summary != b.second.summary ? a.second.summary < b.second.summary : a.second.itemId < b.second.itemId;
    };
    if (walkedByDeadline) {
        for (auto run = hits.begin(); run != hits.end();) {
            const auto end = std::find_if(run, hits.end(), [run](const auto &h) {
                return h.first != run->first;
            });
            std::sort(run, end, bySubject);
            run = end;
        }
    } else {
        std::sort(hits.begin(), hits.end(), [&bySubject](const auto &a, const auto &b) {
            return a.first != b.first ? a.first < b.first : bySubject(a, b);
        });
    }
    QList<CalendarEntry> out;
    out.reserve(hits.size());
    for (const auto &h : std::as_const(hits)) {
        out << h.second;
    }
    return out;
}

} // namespace Crm
