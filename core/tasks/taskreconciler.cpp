// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "taskreconciler.h"

#include "akonadi/crmlock.h"
#include "crmcore_debug.h"
#include "taskservice.h"

#include <Akonadi/AgentManager>
#include <KLocalizedString>

#include <QDateTime>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

namespace
{
constexpr int pollMs = 300;
/// A merge is stored, then looked at once more to forget what the server now holds.
constexpr int maxPasses = 3;
} // namespace

TaskReconciler::TaskReconciler(TaskService &service, const TaskJournal &journal, QObject *parent)
    : QObject(parent)
    , m_service(service)
    , m_journal(journal)
{
}

TaskReconciler::~TaskReconciler() = default;

QString TaskReconciler::lockName()
{
    return u"task-merge"_s;
}

void TaskReconciler::run(int waitMs, const Done &done)
{
    m_done = done;
    // The agent and `crmctl store sync` may both come to merge the same
    // task: each would store the same merge, and the second one's write
    // would meet the first one's revision.
    m_lock = std::make_unique<CrmLock>(lockName());
    m_lock->lockLater(waitMs, this, [this, waitMs](const QString &error) {
        if (!error.isEmpty()) {
            m_report.problems << error;
            finish();
            return;
        }
        m_deadline = QDateTime::currentMSecsSinceEpoch() + waitMs;
        pass();
    });
}

void TaskReconciler::pass()
{
    ++m_passes;
    QStringList problems;
    const QList<TaskJournal::Entry> entries = m_journal.all(&problems);
    m_report.problems << problems;
    QHash<qint64, TaskJournal::Entry> byItem;
    for (const TaskJournal::Entry &entry : entries) {
        const QList<CalendarEntry> found = m_service.index().byUid(entry.uid);
        if (found.isEmpty()) {
            // Removed on the server or here: nothing left to merge into.
            m_report.problems << i18n("The task %1 changed on this machine is no longer in the calendar; its changes made here are not kept.", entry.uid);
            m_journal.replace(entry.uid, {});
            continue;
        }
        byItem.insert(found.constFirst().itemId, entry);
    }
    if (byItem.isEmpty()) {
        finish();
        return;
    }
    m_service.loadMany(byItem.keys(), [this, byItem](const QList<TaskService::Loaded> &loaded, const QString &error) {
        if (!error.isEmpty()) {
            m_report.problems << error;
        }
        struct Write {
            TaskService::Loaded loaded;
            TaskMergeResult merge;
        };
        QList<Write> writes;
        int pending = 0;
        for (const TaskService::Loaded &l : loaded) {
            const TaskJournal::Entry entry = byItem.value(l.item.id());
            const BusinessCycle &cycle = m_service.cycles().cycleFor(l.read.task.kind);
            const TaskMergeResult merge = mergeLocalChanges(l.read.task, l.item.remoteRevision(), entry.changes, cycle);
            pending += merge.pending;
            m_report.confirmed += merge.confirmed;
            if (merge.write) {
                writes << Write{l, merge};
            } else if (merge.remaining != entry.changes) {
                QString e;
                if (!m_journal.replace(entry.uid, merge.remaining, &e)) {
                    m_report.problems << e;
                }
            }
        }
        const QString resource = m_service.collection().resource();
        const bool resourceOnline = Akonadi::AgentManager::self()->instance(resource).isOnline();
        if (writes.isEmpty()) {
            if (pending > 0 && resourceOnline && QDateTime::currentMSecsSinceEpoch() < m_deadline) {
                // The resource is still sending (or meeting the server's copy).
                QTimer::singleShot(pollMs, this, &TaskReconciler::pass);
                return;
            }
            m_report.pending = pending;
            if (pending > 0 && !resourceOnline) {
                m_report.offlineAccounts << Akonadi::AgentManager::self()->instance(resource).name();
            }
            finish();
            return;
        }
        // Store the merges one after the other, then look again.
        auto next = std::make_shared<std::function<void(qsizetype)>>();
        *next = [this, writes, next](qsizetype i) {
            if (i >= writes.size()) {
                if (m_passes < maxPasses) {
                    pass();
                } else {
                    finish();
                }
                return;
            }
            const Write &w = writes.at(i);
            QString e;
            if (!m_journal.replace(w.merge.task.uid, w.merge.remaining, &e)) {
                m_report.problems << e;
            }
            m_report.merged << Merged{w.merge.task.uid, w.merge.task.subject, w.merge.restoredEntries, w.merge.restoredFields, w.merge.newConflicts};
            m_service.storeMerged(w.loaded, w.merge.task, [this, next, i, w](const std::optional<Task> &task, const QString &error) {
                if (!task) {
                    m_report.problems << i18nc("@info %1 task subject, %2 why",
                                               "task \"%1\": the merged changes were not written: %2",
                                               w.merge.task.subject,
                                               error);
                }
                (*next)(i + 1);
            });
        };
        (*next)(0);
    });
}

void TaskReconciler::finish()
{
    m_lock.reset();
    const Done done = m_done;
    const Report report = m_report;
    done(report);
}

} // namespace Crm
