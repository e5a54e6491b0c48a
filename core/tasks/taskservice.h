// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "akonadi/calendarindexcache.h"
#include "akonadi/calendarsession.h"
#include "domain/businesscycle.h"
#include "domain/taskquery.h"
#include "ical/taskmapping.h"
#include "kontactcrmcore_export.h"

#include <QObject>

#include <functional>
#include <memory>
#include <optional>

namespace Crm
{

/// The business cycles from kontactcrmrc. KConfigXT's fixed schema cannot
/// hold a list of cycles whose kinds the user names, so they are plain
/// KConfig groups: [TaskCycle] States=…, Transitions=… replaces the default
/// cycle, [TaskCycle][<kind>] gives a kind its own (formats in
/// BusinessCycle::parse). The default ships in code. A broken definition is
/// refused with a message in @p problems and the one before stays in force.
KONTACTCRMCORE_EXPORT BusinessCycles loadBusinessCycles(QStringList *problems = nullptr);
/// Writes @p cycle to kontactcrmrc as loadBusinessCycles() reads it back,
/// after the rules BusinessCycle::validate() applies: a broken cycle is not
/// written, and @p error says why.
KONTACTCRMCORE_EXPORT bool saveBusinessCycle(const BusinessCycle &cycle, QString *error);

/// Tasks in the CRM calendar: adding, moving along the business cycle,
/// logging resources, and the queries crmctl and the plugin ask. Queries are
/// answered from the calendar index; full tasks are fetched only for the
/// rows shown.
class KONTACTCRMCORE_EXPORT TaskService : public QObject
{
    Q_OBJECT
public:
    /// Works on @p session's calendar and index, which the caller opens.
    explicit TaskService(CalendarSession &session, QObject *parent = nullptr);
    ~TaskService() override;

    const BusinessCycles &cycles() const;
    void setCycles(const BusinessCycles &cycles);
    /// Definitions refused when the cycles were loaded.
    QStringList cycleProblems() const;
    const CalendarIndex &index() const;
    CalendarIndexCache &cache();
    /// The calendar the tasks are in.
    Akonadi::Collection collection() const;

    struct Loaded {
        Akonadi::Item item;
        TaskMapping::TaskRead read;
    };
    // Every call returns at once and reports to its callback from the event loop.
    using LoadDone = std::function<void(const std::optional<Loaded> &loaded, const QString &error)>;
    using LoadManyDone = std::function<void(const QList<Loaded> &loaded, const QString &error)>;
    using TaskDone = std::function<void(const std::optional<Task> &task, const QString &error)>;

    /// The task with UID @p ref (or a unique UID prefix, or its item id as
    /// `crmctl task list` shows it, optionally as "#42"). A state
    /// another program changed is reconciled in what is returned; nothing is
    /// written (the next change stores it).
    void load(const QString &ref, const LoadDone &done);
    /// Several tasks by item id, in the order given; unreadable ones left out.
    void loadMany(const QList<qint64> &ids, const LoadManyDone &done);

    /// Stores a new task in the first state of its kind's cycle, recording
    /// that first state in the history with @p by.
    void add(Task task, const QString &by, const TaskDone &done);
    /// Moves the task when its cycle allows it; records the change.
    void move(const QString &ref, const QString &to, const QString &by, const QString &note, const TaskDone &done);
    /// Adds planned or actual quantity of a resource.
    void logResource(const QString &ref, const ResourceUse &use, const TaskDone &done);
    /// Stores what an editor changed in the task @p ref: every field but
    /// the UID and the history. A new state goes through the cycle's rules
    /// as move() does and is recorded with @p by; a new kind must have the
    /// task's state in its cycle (move it first otherwise).
    void update(const QString &ref, const Task &edited, const QString &by, const TaskDone &done);

    /// What is wrong with a task's fields as a user filled them in (no
    /// subject, no responsible, deadline before start, priority out of
    /// range, a resource without name or with a negative quantity), or
    /// empty. The rules add() and update() apply, for editors that check
    /// before they ask.
    static QString inputProblem(const Task &task);

    /// Stores @p task, a merge of changes the server's copy lacked
    /// (TaskReconciler), over @p loaded; not journalled again.
    void storeMerged(const Loaded &loaded, const Task &task, const TaskDone &done);

    using Query = TaskQuery;
    QList<CalendarEntry> query(const Query &query, const QDateTime &now) const;
    bool isOpen(const CalendarEntry &entry) const;
    bool isOverdue(const CalendarEntry &entry, const QDateTime &now) const;

private:
    /// The item id of the one task @p ref names, or why there is none.
    QString resolve(const QString &ref, qint64 *itemId) const;
    /// Stores @p task over @p loaded. A change to a task on a server is
    /// journalled first (TaskJournal), by @p by, unless @p journal is false.
    void write(const Loaded &loaded, const Task &task, const QString &by, const TaskDone &done, bool journal = true);
    void refuse(const QString &error, const TaskDone &done);

    CalendarSession &m_session;
    BusinessCycles m_cycles;
    QStringList m_cycleProblems;
};

} // namespace Crm
