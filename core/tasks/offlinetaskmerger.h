// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/taskjournal.h"
#include "kontactcrmcore_export.h"
#include "tasks/taskreconciler.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace Akonadi
{
class AgentInstance;
}

namespace Crm
{

class CalendarSession;
class TaskService;

/// Merges back the task changes of this machine that a CalDAV server's copy
/// overtook (TaskReconciler) as soon as that can be done, without anyone
/// running `crmctl store sync`: once at start, when the account holding
/// the CRM calendar comes online, and when a task with kept changes changes
/// in Akonadi (the server's copy arriving). The reminder agent runs one.
///
/// Nothing is opened while the journal is empty; the calendar is opened for
/// a merge and let go after it. Notifications a merge's own writes cause
/// bring one more run, which finds the changes confirmed and writes nothing.
class KONTACTCRMCORE_EXPORT OfflineTaskMerger : public QObject
{
    Q_OBJECT
public:
    /// @p calendarResource: the Akonadi resource holding the CRM calendar.
    explicit OfflineTaskMerger(const QString &calendarResource, const TaskJournal &journal = TaskJournal(), QObject *parent = nullptr);
    ~OfflineTaskMerger() override;

    QString calendarResource() const;
    /// The task @p uid was added or changed in the CRM calendar.
    void taskChanged(const QString &uid);
    /// Merges in a moment when changes are kept (several calls, one run).
    void mergeSoon();
    /// How long changes are gathered before a run (2 s by default).
    void setDelay(int ms);
    int runs() const;

Q_SIGNALS:
    /// A run merged something, found a conflict or met a problem.
    void reported(const Crm::TaskReconciler::Report &report);

private:
    void run();
    void finish(TaskReconciler::Report report);
    void accountOnline(const Akonadi::AgentInstance &instance, bool online);

    QString m_resource;
    TaskJournal m_journal;
    QTimer m_delay;
    bool m_running = false;
    bool m_again = false;
    int m_runs = 0;
    QStringList m_problems; ///< damaged journal files the run's first look set aside
    std::unique_ptr<CalendarSession> m_session;
    std::unique_ptr<TaskService> m_service;
    std::unique_ptr<TaskReconciler> m_reconciler;
};

} // namespace Crm
