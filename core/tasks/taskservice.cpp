// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "taskservice.h"

#include "akonadi/registersync.h"
#include "crmcore_debug.h"
#include "domain/clock.h"
#include "domain/counterparty.h"
#include "domain/searchkeys.h"
#include "domain/taskjournal.h"

#include <KConfigGroup>
#include <QTimer>

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

bool saveBusinessCycle(const BusinessCycle &cycle, QString *error)
{
    // Through parse(), as loading reads it: what is written is what loads.
    if (!BusinessCycle::parse(cycle.kind(), cycle.stateSpecs(), cycle.transitionSpecs(), error)) {
        return false;
    }
    const KSharedConfig::Ptr config = KSharedConfig::openConfig(u"kontactcrmrc"_s);
    KConfigGroup top = config->group(u"TaskCycle"_s);
    KConfigGroup group = cycle.kind().isEmpty() ? top : top.group(cycle.kind());
    group.writeEntry("States", cycle.stateSpecs());
    group.writeEntry("Transitions", cycle.transitionSpecs());
    if (!config->sync()) {
        if (error) {
            *error = i18n("The settings file kontactcrmrc cannot be written.");
        }
        return false;
    }
    return true;
}

TaskService::TaskService(CalendarSession &session, QObject *parent)
    : QObject(parent)
    , m_session(session)
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

Akonadi::Collection TaskService::collection() const
{
    return m_session.collection();
}

void TaskService::refuse(const QString &error, const TaskDone &done)
{
    // Reported from the event loop like every other answer, never inside the call.
    QTimer::singleShot(0, this, [done, error] {
        done(std::nullopt, error);
    });
}

void TaskService::loadMany(const QList<qint64> &ids, const LoadManyDone &done)
{
    StorageJob *job = m_session.storage().fetch(ids);
    connect(job, &KJob::result, this, [this, job, ids, done] {
        QHash<qint64, Loaded> byId;
        const QDateTime now = Clock::now();
        const auto items = job->items();
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
        done(out, job->error() ? job->errorString() : QString());
    });
}

QString TaskService::resolve(const QString &ref, qint64 *itemId) const
{
    const QString key = ref.trimmed();
    if (key.isEmpty()) {
        return i18n("name the task (its UID)");
    }
    // A whole UID is found by its lookup; a beginning or a number by a scan.
    const QList<CalendarEntry> byUid = index().byUid(key);
    for (const CalendarEntry &e : byUid) {
        if (e.type == CalendarEntry::Type::Task) {
            *itemId = e.itemId;
            return {};
        }
    }
    QList<qint64> matches;
    const auto tasks = index().ofType(CalendarEntry::Type::Task);
    for (const CalendarEntry &e : tasks) {
        const QStringView id = key.startsWith(u'#') ? QStringView(key).mid(1) : QStringView(key);
        if (e.uid.startsWith(key) || QString::number(e.itemId) == id) {
            matches << e.itemId;
        }
    }
    if (matches.isEmpty()) {
        return i18n("no task has the UID \"%1\"", key);
    }
    if (matches.size() > 1) {
        return i18n("\"%1\" begins the UIDs of %2 tasks; give more of it", key, matches.size());
    }
    *itemId = matches.constFirst();
    return {};
}

void TaskService::load(const QString &ref, const LoadDone &done)
{
    qint64 itemId = -1;
    const QString problem = resolve(ref, &itemId);
    if (!problem.isEmpty()) {
        QTimer::singleShot(0, this, [done, problem] {
            done(std::nullopt, problem);
        });
        return;
    }
    // A state another program changed is reconciled in what is returned
    // only: showing never writes. The next change (move, log-resource)
    // stores the reconciliation once, with the change. Writing here made a
    // read flip the state while a cycle was broken and add history entries
    // that flipped back once the cycle was fixed.
    loadMany({itemId}, [done, key = ref.trimmed()](const QList<Loaded> &loaded, const QString &error) {
        if (loaded.isEmpty()) {
            done(std::nullopt, error.isEmpty() ? i18n("the task \"%1\" is no longer in Akonadi or is not a to-do", key) : error);
        } else {
            done(loaded.constFirst(), {});
        }
    });
}

void TaskService::storeMerged(const Loaded &loaded, const Task &task, const TaskDone &done)
{
    write(loaded, task, QString(), done, false);
}

void TaskService::write(const Loaded &loaded, const Task &task, const QString &by, const TaskDone &done, bool journal)
{
    // Kept until the server is seen to hold it: the DAV resource drops a
    // change the server's copy overtook (see TaskJournal).
    if (journal && loaded.item.isValid() && !loaded.item.remoteId().isEmpty() && RegisterSyncJob::isOnServer(m_session.collection())) {
        QString error;
        const auto change = TaskLocalChange::between(loaded.read.task, task, loaded.item.remoteRevision(), Clock::now(), by);
        if (!TaskJournal().record(task.uid, change, &error)) {
            qCWarning(CRM_CORE_LOG) << "task journal:" << error;
        }
    }
    const auto base = loaded.item.hasPayload<KCalendarCore::Incidence::Ptr>()
        ? loaded.item.payload<KCalendarCore::Incidence::Ptr>().staticCast<KCalendarCore::Todo>()
        : KCalendarCore::Todo::Ptr();
    const auto todo = TaskMapping::toTodo(task, m_cycles.cycleFor(task.kind), base);
    m_session.save(todo, loaded.item, [task, done](const Akonadi::Item &stored, const QString &error) {
        if (!stored.isValid()) {
            done(std::nullopt, error.isEmpty() ? i18n("nothing was written") : error);
        } else {
            done(task, {});
        }
    });
}

void TaskService::add(Task task, const QString &by, const TaskDone &done)
{
    if (const QString problem = inputProblem(task); !problem.isEmpty()) {
        return refuse(problem, done);
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
        return refuse(i18n("\"%1\" is not a state of the business cycle; its states are: %2", task.state, names.join(u", "_s)), done);
    }
    task.history = {StateChange{Clock::now(), QString(), task.state, by, QString()}};
    write(Loaded{Akonadi::Item(), {}}, task, by, done);
}

void TaskService::move(const QString &ref, const QString &to, const QString &by, const QString &note, const TaskDone &done)
{
    load(ref, [this, to, by, note, done](const std::optional<Loaded> &loaded, const QString &error) {
        if (!loaded) {
            done(std::nullopt, error);
            return;
        }
        Task task = loaded->read.task;
        const BusinessCycle &cycle = m_cycles.cycleFor(task.kind);
        QString problem;
        if (!cycle.checkMove(task.state, to, &problem)) {
            done(std::nullopt, i18nc("@info %1 task subject, %2 problem", "task \"%1\": %2", task.subject, problem));
            return;
        }
        const QString target = cycle.state(to)->name;
        task.history << StateChange{Clock::now(), task.state, target, by, note};
        task.state = target;
        write(*loaded, task, by, done);
    });
}

void TaskService::logResource(const QString &ref, const ResourceUse &use, const TaskDone &done)
{
    if (use.name.trimmed().isEmpty()) {
        return refuse(i18n("name the resource"), done);
    }
    load(ref, [this, use, done](const std::optional<Loaded> &loaded, const QString &error) {
        if (!loaded) {
            done(std::nullopt, error);
            return;
        }
        Task task = loaded->read.task;
        task.resources = ResourceUse::totals(task.resources + QList<ResourceUse>{use});
        write(*loaded, task, QString(), done);
    });
}

QString TaskService::inputProblem(const Task &task)
{
    if (task.subject.trimmed().isEmpty()) {
        return i18n("the task has no subject");
    }
    if (task.responsible.trimmed().isEmpty()) {
        return i18n("the task \"%1\" has no responsible employee", task.subject);
    }
    if (!task.responsible.contains(u'@')) {
        return i18n("the responsible \"%1\" is not an e-mail address", task.responsible);
    }
    if (task.start.isValid() && task.due.isValid() && task.due < task.start) {
        return i18n("the deadline of \"%1\" (%2) is before its start (%3)", task.subject, task.due.toString(Qt::ISODate), task.start.toString(Qt::ISODate));
    }
    if (task.priority < 0 || task.priority > 9) {
        return i18n("the priority %1 is not from 1 (highest) to 9 (lowest)", task.priority);
    }
    for (const ResourceUse &use : task.resources) {
        if (use.name.trimmed().isEmpty()) {
            return i18n("a resource of \"%1\" has no name", task.subject);
        }
        if (use.planned < 0 || use.actual < 0) {
            return i18n("the resource \"%1\" has a negative quantity", use.name);
        }
    }
    return {};
}

void TaskService::update(const QString &ref, const Task &edited, const QString &by, const TaskDone &done)
{
    if (const QString problem = inputProblem(edited); !problem.isEmpty()) {
        return refuse(problem, done);
    }
    load(ref, [this, edited, by, done](const std::optional<Loaded> &loaded, const QString &error) {
        if (!loaded) {
            done(std::nullopt, error);
            return;
        }
        const Task &stored = loaded->read.task;
        Task task = edited;
        task.uid = stored.uid;
        task.history = stored.history;
        task.state = stored.state;
        task.conflicts = stored.conflicts;
        task.editedBy = stored.editedBy;
        const BusinessCycle &cycle = m_cycles.cycleFor(task.kind);
        if (!cycle.state(stored.state)) {
            done(std::nullopt,
                 i18n("task \"%1\": its state \"%2\" is not in the business cycle of the kind \"%3\"; move it to a state both cycles have first",
                      task.subject,
                      stored.state,
                      task.kind));
            return;
        }
        task.state = cycle.state(stored.state)->name;
        const bool moved = !edited.state.isEmpty() && edited.state.compare(task.state, Qt::CaseInsensitive) != 0;
        if (moved) {
            QString problem;
            if (!cycle.checkMove(task.state, edited.state, &problem)) {
                done(std::nullopt, i18nc("@info %1 task subject, %2 problem", "task \"%1\": %2", task.subject, problem));
                return;
            }
            const QString target = cycle.state(edited.state)->name;
            task.history << StateChange{Clock::now(), task.state, target, by, QString()};
            task.state = target;
        }
        // Who set each field, so that a conflict can name both sides; a
        // field set anew settles its conflicts.
        const QStringList changed = TaskFields::changed(stored, task);
        for (const QString &field : changed) {
            if (!by.isEmpty()) {
                task.editedBy.insert(field, by);
            }
            task.conflicts.removeIf([&field](const TaskConflict &c) {
                return c.field == field;
            });
        }
        write(*loaded, task, by, done);
    });
}

bool TaskService::isOpen(const CalendarEntry &entry) const
{
    return TaskQuery::isOpen(entry, m_cycles);
}

bool TaskService::isOverdue(const CalendarEntry &entry, const QDateTime &now) const
{
    return TaskQuery::isOverdue(entry, m_cycles, now);
}

QList<CalendarEntry> TaskService::query(const Query &query, const QDateTime &now) const
{
    return query.run(index(), m_cycles, now);
}

} // namespace Crm
