// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "taskservice.h"

#include "crmcore_debug.h"
#include "domain/clock.h"
#include "domain/counterparty.h"
#include "domain/searchkeys.h"

#include "storage/blockingstorage.h"
#include <KConfigGroup>

#include <KLocalizedString>
#include <KSharedConfig>

#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

BusinessCycles loadBusinessCycles(QStringList *problems)
{
    BusinessCycles cycles;
    // Hold the config: a group outlives a temporary KSharedConfig::Ptr only by accident.
    const KSharedConfig::Ptr config = KSharedConfig::openConfig(u"kontactcrmrc"_s);
    const KConfigGroup group = config->group(u"TaskCycle"_s);
    QMap<QString, BusinessCycles::Definition> definitions;
    if (group.hasKey("States")) {
        definitions.insert(QString(), {group.readEntry("States", QStringList()), group.readEntry("Transitions", QStringList())});
    }
    const QStringList kinds = group.groupList();
    for (const QString &kind : kinds) {
        const KConfigGroup g = group.group(kind);
        definitions.insert(kind, {g.readEntry("States", QStringList()), g.readEntry("Transitions", QStringList())});
    }
    const QStringList refused = cycles.load(definitions);
    for (const QString &p : refused) {
        qCWarning(CRM_CORE_LOG) << p;
    }
    if (problems) {
        *problems = refused;
    }
    return cycles;
}

TaskService::TaskService(CalendarSession &session)
    : m_session(session)
{
    // In the body: m_cycleProblems is constructed after m_cycles.
    m_cycles = loadBusinessCycles(&m_cycleProblems);
}

TaskService::~TaskService() = default;

const BusinessCycles &TaskService::cycles() const
{
    return m_cycles;
}

void TaskService::setCycles(const BusinessCycles &cycles)
{
    m_cycles = cycles;
}

QStringList TaskService::cycleProblems() const
{
    return m_cycleProblems;
}

const CalendarIndex &TaskService::index() const
{
    return m_session.index();
}

CalendarIndexCache &TaskService::cache()
{
    return m_session.cache();
}

const ItemStore &TaskService::store() const
{
    return m_session.store();
}

QList<TaskService::Loaded> TaskService::loadMany(const QList<qint64> &ids, QString *error) const
{
    const auto items = m_session.store().fetch(ids, error);
    QHash<qint64, Loaded> byId;
    const QDateTime now = Clock::now();
    for (const Akonadi::Item &item : items) {
        if (!item.hasPayload<KCalendarCore::Incidence::Ptr>()) {
            continue;
        }
        const auto incidence = item.payload<KCalendarCore::Incidence::Ptr>();
        if (!incidence || incidence->type() != KCalendarCore::IncidenceBase::TypeTodo) {
            continue;
        }
        byId.insert(item.id(), Loaded{item, TaskMapping::fromTodo(incidence.staticCast<KCalendarCore::Todo>(), m_cycles, now)});
    }
    QList<Loaded> out;
    for (const qint64 id : ids) {
        if (byId.contains(id)) {
            out << byId.value(id);
        }
    }
    return out;
}

std::optional<TaskService::Loaded> TaskService::load(const QString &ref, QString *error)
{
    auto fail = [error](const QString &message) {
        if (error) {
            *error = message;
        }
        return std::nullopt;
    };
    const QString key = ref.trimmed();
    if (key.isEmpty()) {
        return fail(i18n("name the task (its UID)"));
    }
    QList<qint64> matches;
    const auto tasks = index().ofType(CalendarEntry::Type::Task);
    for (const CalendarEntry &e : tasks) {
        if (e.uid == key) {
            matches = {e.itemId};
            break;
        }
        const QStringView id = key.startsWith(u'#') ? QStringView(key).mid(1) : QStringView(key);
        if (e.uid.startsWith(key) || QString::number(e.itemId) == id) {
            matches << e.itemId;
        }
    }
    if (matches.isEmpty()) {
        return fail(i18n("no task has the UID \"%1\"", key));
    }
    if (matches.size() > 1) {
        return fail(i18n("\"%1\" begins the UIDs of %2 tasks; give more of it", key, matches.size()));
    }
    QString fetchError;
    auto loaded = loadMany(matches, &fetchError);
    if (loaded.isEmpty()) {
        return fail(fetchError.isEmpty() ? i18n("the task \"%1\" is no longer in Akonadi or is not a to-do", key) : fetchError);
    }
    // A state another program changed is reconciled in what is returned
    // only: showing never writes. The next change (move, log-resource)
    // stores the reconciliation once, with the change. Writing here made a
    // read flip the state while a cycle was broken and add history entries
    // that flipped back once the cycle was fixed.
    return loaded.constFirst();
}

bool TaskService::write(Loaded &loaded, const Task &task, QString *error)
{
    const auto base = loaded.item.hasPayload<KCalendarCore::Incidence::Ptr>()
        ? loaded.item.payload<KCalendarCore::Incidence::Ptr>().staticCast<KCalendarCore::Todo>()
        : KCalendarCore::Todo::Ptr();
    const auto todo = TaskMapping::toTodo(task, m_cycles.cycleFor(task.kind), base);
    ItemStore::Write w{ItemStore::withPayload<KCalendarCore::Incidence::Ptr>(loaded.item, todo, KCalendarCore::Todo::todoMimeType()), m_session.collection()};
    const auto written = m_session.store().write({w});
    if (written.isEmpty() || !written.constFirst().item.isValid()) {
        if (error) {
            *error = written.isEmpty() ? i18n("nothing was written") : written.constFirst().error;
        }
        return false;
    }
    loaded.item = written.constFirst().item;
    loaded.item.setPayload<KCalendarCore::Incidence::Ptr>(todo);
    loaded.read.task = task;
    QString refreshError;
    if (!waitForDone(
            [this](const DoneCallback &done) {
                m_session.cache().refresh(done);
            },
            &refreshError)) {
        qCWarning(CRM_CORE_LOG) << "calendar index not refreshed:" << refreshError;
    }
    return true;
}

std::optional<Task> TaskService::add(Task task, const QString &by, QString *error)
{
    auto fail = [error](const QString &message) {
        if (error) {
            *error = message;
        }
        return std::nullopt;
    };
    if (task.subject.trimmed().isEmpty()) {
        return fail(i18n("the task has no subject"));
    }
    if (task.responsible.trimmed().isEmpty()) {
        return fail(i18n("the task \"%1\" has no responsible employee", task.subject));
    }
    if (task.start.isValid() && task.due.isValid() && task.due < task.start) {
        return fail(
            i18n("the deadline of \"%1\" (%2) is before its start (%3)", task.subject, task.due.toString(Qt::ISODate), task.start.toString(Qt::ISODate)));
    }
    if (task.uid.isEmpty()) {
        task.uid = newUid();
    }
    const BusinessCycle &cycle = m_cycles.cycleFor(task.kind);
    if (task.state.isEmpty()) {
        task.state = cycle.initial().name;
    } else if (const CycleState *s = cycle.state(task.state)) {
        task.state = s->name;
    } else {
        QStringList names;
        const auto states = cycle.states();
        for (const CycleState &s : states) {
            names << s.name;
        }
        return fail(i18n("\"%1\" is not a state of the business cycle; its states are: %2", task.state, names.join(u", "_s)));
    }
    task.history = {StateChange{Clock::now(), QString(), task.state, by, QString()}};
    Loaded loaded{Akonadi::Item(), {}};
    if (!write(loaded, task, error)) {
        return std::nullopt;
    }
    return task;
}

std::optional<Task> TaskService::move(const QString &ref, const QString &to, const QString &by, const QString &note, QString *error)
{
    auto loaded = load(ref, error);
    if (!loaded) {
        return std::nullopt;
    }
    Task task = loaded->read.task;
    const BusinessCycle &cycle = m_cycles.cycleFor(task.kind);
    QString problem;
    if (!cycle.checkMove(task.state, to, &problem)) {
        if (error) {
            *error = i18nc("@info %1 task subject, %2 problem", "task \"%1\": %2", task.subject, problem);
        }
        return std::nullopt;
    }
    const QString target = cycle.state(to)->name;
    task.history << StateChange{Clock::now(), task.state, target, by, note};
    task.state = target;
    if (!write(*loaded, task, error)) {
        return std::nullopt;
    }
    return task;
}

std::optional<Task> TaskService::logResource(const QString &ref, const ResourceUse &use, QString *error)
{
    if (use.name.trimmed().isEmpty()) {
        if (error) {
            *error = i18n("name the resource");
        }
        return std::nullopt;
    }
    auto loaded = load(ref, error);
    if (!loaded) {
        return std::nullopt;
    }
    Task task = loaded->read.task;
    task.resources = ResourceUse::totals(task.resources + QList<ResourceUse>{use});
    if (!write(*loaded, task, error)) {
        return std::nullopt;
    }
    return task;
}

bool TaskService::isOpen(const CalendarEntry &entry) const
{
    // STATUS first: a phone that completed the task did not touch the state.
    if (entry.closed()) {
        return false;
    }
    const BusinessCycle &cycle = m_cycles.cycleFor(entry.kind);
    return !cycle.isEnd(entry.state);
}

bool TaskService::isOverdue(const CalendarEntry &entry, const QDateTime &now) const
{
    return entry.due.isValid() && entry.due < now && isOpen(entry);
}

QList<CalendarEntry> TaskService::query(const Query &q, const QDateTime &now) const
{
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
            it = openByKindState.insert(key, !m_cycles.cycleFor(e.kind).isEnd(e.state));
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
    // The narrowest hash first; a scan without copies otherwise.
    bool walkedByDeadline = false;
    if (!responsible.isEmpty()) {
        const auto entries = index().byResponsible(responsible);
        for (const CalendarEntry &e : entries) {
            consider(e);
        }
    } else if (!q.counterpartyUid.isEmpty()) {
        const auto entries = index().byCounterparty(q.counterpartyUid);
        for (const CalendarEntry &e : entries) {
            consider(e);
        }
    } else if (q.overdueOnly) {
        // Only tasks whose deadline has passed, in deadline order.
        index().visitTasksDueBefore(nowMs, consider);
        walkedByDeadline = true;
    } else {
        index().visit(CalendarEntry::Type::Task, consider);
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
