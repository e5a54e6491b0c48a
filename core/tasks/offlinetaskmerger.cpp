// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "offlinetaskmerger.h"

#include "akonadi/calendarsession.h"
#include "akonadi/writebarrier.h"
#include "crmcore_debug.h"
#include "taskservice.h"

#include <Akonadi/AgentManager>

namespace Crm
{

OfflineTaskMerger::OfflineTaskMerger(const QString &calendarResource, const TaskJournal &journal, QObject *parent)
    : QObject(parent)
    , m_resource(calendarResource)
    , m_journal(journal)
{
    // A resource coming online sends what it kept and reads the server's
    // copies in a burst of notifications: one run after the burst.
    m_delay.setSingleShot(true);
    m_delay.setInterval(2000);
    connect(&m_delay, &QTimer::timeout, this, &OfflineTaskMerger::run);
    connect(Akonadi::AgentManager::self(), &Akonadi::AgentManager::instanceOnline, this, &OfflineTaskMerger::accountOnline);
}

OfflineTaskMerger::~OfflineTaskMerger() = default;

QString OfflineTaskMerger::calendarResource() const
{
    return m_resource;
}

void OfflineTaskMerger::setDelay(int ms)
{
    m_delay.setInterval(ms);
}

int OfflineTaskMerger::runs() const
{
    return m_runs;
}

void OfflineTaskMerger::accountOnline(const Akonadi::AgentInstance &instance, bool online)
{
    if (online && instance.identifier() == m_resource) {
        mergeSoon();
    }
}

void OfflineTaskMerger::taskChanged(const QString &uid)
{
    const auto kept = m_journal.changes(uid);
    if (!kept || !kept->isEmpty()) {
        mergeSoon(); // a damaged file is reported by the run
    }
}

void OfflineTaskMerger::mergeSoon()
{
    if (m_running) {
        m_again = true;
        return;
    }
    m_delay.start();
}

void OfflineTaskMerger::run()
{
    // A damaged file is set aside by the first reader: its problem is told here.
    QStringList problems;
    if (m_journal.all(&problems).isEmpty()) {
        if (!problems.isEmpty()) {
            TaskReconciler::Report report;
            report.problems = problems;
            Q_EMIT reported(report);
        }
        return;
    }
    m_problems = problems;
    m_running = true;
    ++m_runs;
    m_session = std::make_unique<CalendarSession>();
    m_session->open(CalendarSession::OpenMode::Existing, [this](const QString &error) {
        if (!error.isEmpty()) {
            TaskReconciler::Report report;
            report.problems << error;
            finish(report);
            return;
        }
        m_service = std::make_unique<TaskService>(*m_session);
        m_reconciler = std::make_unique<TaskReconciler>(*m_service, m_journal);
        m_reconciler->run(WriteBarrier::stallTimeoutMs(), [this](const TaskReconciler::Report &report) {
            finish(report);
        });
    });
}

void OfflineTaskMerger::finish(TaskReconciler::Report report)
{
    report.problems = m_problems + report.problems;
    m_problems.clear();
    qCDebug(CRM_CORE_LOG) << "offline task merge:" << report.merged.size() << "merged," << report.confirmed << "confirmed," << report.pending << "pending,"
                          << report.problems.size() << "problems";
    // Let go of the calendar (its index) once the call that reported has
    // returned: this runs inside the reconciler's and the session's calls.
    QTimer::singleShot(0, this, [this] {
        m_reconciler.reset();
        m_service.reset();
        m_session.reset();
        m_running = false;
        if (m_again) {
            m_again = false;
            mergeSoon();
        }
    });
    if (!report.merged.isEmpty() || !report.problems.isEmpty()) {
        Q_EMIT reported(report);
    }
}

} // namespace Crm
