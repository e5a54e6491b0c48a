// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/taskjournal.h"
#include "kontactcrmcore_export.h"

#include <QObject>

#include <functional>
#include <memory>

namespace Crm
{

class CrmLock;
class TaskService;

/// Puts back the task changes of this machine that a CalDAV server's copy
/// overtook (see TaskJournal, mergeLocalChanges) and stores the merge,
/// which the resource then sends; forgets the changes the server holds.
/// Run by `crmctl store sync` after the resources have written and read
/// what they had, and by the reminder agent (OfflineTaskMerger); one
/// process at a time merges (the lock "task-merge").
class KONTACTCRMCORE_EXPORT TaskReconciler : public QObject
{
    Q_OBJECT
public:
    TaskReconciler(TaskService &service, const TaskJournal &journal, QObject *parent = nullptr);
    ~TaskReconciler() override;

    struct Merged {
        QString uid;
        QString subject;
        int restoredEntries = 0;
        QStringList restoredFields;
        QList<TaskConflict> conflicts; ///< fields both sides changed
    };
    struct Report {
        QList<Merged> merged;
        int confirmed = 0; ///< changes now seen on the server, forgotten
        int pending = 0; ///< changes the account has not sent yet
        QStringList offlineAccounts; ///< why they are pending
        QStringList problems; ///< damaged journal files, failed writes
    };
    using Done = std::function<void(const Report &report)>;

    /// Waits up to @p waitMs for changes an online resource has not sent
    /// yet, merges what the server lost, stores it and reports once, from
    /// the event loop. Waits first (as long) for another process's merge.
    void run(int waitMs, const Done &done);

    /// The name of the lock a merge holds.
    static QString lockName();

private:
    void pass();
    void finish();

    TaskService &m_service;
    TaskJournal m_journal;
    std::unique_ptr<CrmLock> m_lock;
    Done m_done;
    Report m_report;
    qint64 m_deadline = 0;
    int m_passes = 0;
};

} // namespace Crm
