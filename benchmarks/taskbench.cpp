// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later

// The task benchmark (benchmarks/tasks.sh drives it):
//   generate N      store N tasks in the CRM calendar (batches of 1,000)
//   query N M [R]   M "my open tasks" and M "overdue" queries through the
//                   calendar index (plus one fetch of the 50 rows a screen
//                   shows), then R times the naive way: fetch every task
//                   from Akonadi, read it, filter.
#include "blocking/blockingstorage.h"
#include "domain/clock.h"
#include "domain/counterparty.h"
#include "ical/taskmapping.h"
#include "tasks/taskservice.h"

#include <Akonadi/AgentInstance>
#include <Akonadi/AgentManager>

#include "benchutils.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTextStream>
#include <QThread>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace
{
constexpr int employees = 50;
constexpr int counterparties = 1000;
constexpr int shownRows = 50;
const QDateTime benchNow(QDate(2026, 12, 1), QTime(12, 0), QTimeZone::UTC);

QString employee(int i)
{
    return u"emp%1@bench.example"_s.arg(i);
}

int generate(int n)
{
    QTextStream out(stdout);
    QString error;
    const auto calendar = Crm::calendarNow(Crm::CollectionLocator::Mode::CreateIfMissing, &error);
    if (!calendar) {
        out << "cannot create the CRM calendar: " << error << Qt::endl;
        return 1;
    }
    const Crm::BusinessCycles cycles;
    const Crm::BusinessCycle &cycle = cycles.cycleFor(QString());
    // 40 % done, 10 % rejected, the rest spread over the open states.
    const QStringList
        states{u"done"_s, u"done"_s, u"done"_s, u"done"_s, u"rejected"_s, u"new"_s, u"accepted"_s, u"in-progress"_s, u"in-progress"_s, u"postponed"_s};
    Crm::AkonadiItemStorage storage;
    QElapsedTimer timer;
    timer.start();
    QList<Crm::ItemStorage::Write> batch;
    int failures = 0;
    auto flush = [&] {
        const auto written = Crm::writeNow(storage, batch, 200);
        for (const auto &w : written) {
            failures += !w.item.isValid();
        }
        batch.clear();
    };
    for (int i = 0; i < n; ++i) {
        Crm::Task t;
        t.uid = u"urn:uuid:bench-task-%1"_s.arg(i);
        t.subject = u"Bench task %1"_s.arg(i);
        t.issuer = employee((i * 7) % employees);
        t.responsible = employee(i % employees);
        t.counterpartyUid = u"urn:uuid:bench-cp-%1"_s.arg(i % counterparties);
        t.kind = i % 3 == 0 ? u"delivery"_s : u"call"_s;
        t.direction = Crm::Task::Direction::Outgoing;
        t.start = benchNow.addDays(-90 + (i % 60));
        t.due = benchNow.addDays(-60 + (i * 13) % 120);
        t.state = states[(i / employees) % states.size()];
        t.history = {{t.start, QString(), u"new"_s, t.issuer, QString()}};
        if (t.state != u"new") {
            t.history << Crm::StateChange{t.start.addDays(1), u"new"_s, t.state, t.responsible, QString()};
        }
        t.resources = {{u"labour"_s, u"h"_s, 4, double(i % 5)}};
        const auto todo = Crm::TaskMapping::toTodo(t, cycle);
        batch << Crm::ItemStorage::Write{
            Crm::ItemStorage::withPayload<KCalendarCore::Incidence::Ptr>(Akonadi::Item(), todo, KCalendarCore::Todo::todoMimeType()),
            *calendar};
        if (batch.size() == 1000) {
            flush();
        }
    }
    flush();
    const double s = timer.elapsed() / 1000.0;
    out << "| generate | " << n << " tasks | " << s << " s | " << int(n / std::max(s, 0.001)) << " tasks/s | failures " << failures << " |" << Qt::endl;
    return failures == 0 ? 0 : 1;
}

/// What a screen shows: the matching index entries, and the full tasks of the first rows.
int shown(Crm::TaskService &service, const QList<Crm::CalendarEntry> &entries)
{
    QList<qint64> ids;
    for (qsizetype i = 0; i < std::min<qsizetype>(entries.size(), shownRows); ++i) {
        ids << entries[i].itemId;
    }
    return Crm::loadManyNow(service, ids).size();
}

int query(int n, int m, int naiveRuns)
{
    QTextStream out(stdout);
    Crm::Clock::setNow(benchNow);
    // The icaldir resource writes its files for a while after the import.
    QString error;
    const auto calendar = Crm::calendarNow(Crm::CollectionLocator::Mode::FindOnly, &error);
    if (!calendar) {
        out << error << Qt::endl;
        return 1;
    }
    QElapsedTimer timer;
    timer.start();
    const Akonadi::AgentInstance resource = Akonadi::AgentManager::self()->instance(calendar->resource());
    while (Akonadi::AgentManager::self()->instance(resource.identifier()).status() != Akonadi::AgentInstance::Idle && timer.elapsed() < 600000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 100);
        QThread::msleep(100);
    }
    out << "the calendar resource was idle " << timer.elapsed() / 1000.0 << " s after the import" << Qt::endl;

    timer.restart();
    Crm::CalendarSession session;
    Crm::TaskService service(session);
    if (!Crm::openNow(session, Crm::CalendarSession::OpenMode::Existing, &error)) {
        out << "cannot open the tasks: " << error << Qt::endl;
        return 1;
    }
    const double openMs = timer.nsecsElapsed() / 1e6;
    const auto stats = service.cache().lastStats();
    out << "index open: " << openMs << " ms (from file: " << (stats.loadedFromFile ? "yes" : "no") << ", items read: " << stats.changedItems
        << ", entries: " << service.index().size() << ")" << Qt::endl;
    if (service.index().size() < n) {
        out << "the index holds " << service.index().size() << " entries, expected " << n << Qt::endl;
        return 1;
    }
    // A second open, as the next crmctl run does it: from the file.
    timer.restart();
    {
        Crm::CalendarSession again;
        Crm::openNow(again, Crm::CalendarSession::OpenMode::Existing, &error);
    }
    const double reopenMs = timer.nsecsElapsed() / 1e6;

    auto *rng = QRandomGenerator::global();
    QList<double> mineMs, overdueMs;
    int failures = 0;
    int mineCount = 0, overdueCount = 0;
    shown(service, service.query({employee(0), {}, {}, {}, true, false}, benchNow)); // warm the session
    for (int j = 0; j < m; ++j) {
        Crm::TaskService::Query mine;
        mine.responsible = employee(rng->bounded(employees));
        mine.openOnly = true;
        timer.restart();
        const auto entries = service.query(mine, benchNow);
        failures += shown(service, entries) != std::min<qsizetype>(entries.size(), shownRows);
        mineMs << timer.nsecsElapsed() / 1e6;
        mineCount = entries.size();

        Crm::TaskService::Query overdue;
        overdue.overdueOnly = true;
        timer.restart();
        const auto late = service.query(overdue, benchNow);
        failures += shown(service, late) != std::min<qsizetype>(late.size(), shownRows);
        overdueMs << timer.nsecsElapsed() / 1e6;
        overdueCount = late.size();
    }

    // The naive way: every task from Akonadi, read, filtered.
    QList<double> naiveMineMs, naiveOverdueMs;
    const Crm::BusinessCycles cycles;
    for (int j = 0; j < naiveRuns; ++j) {
        const QString me = employee(rng->bounded(employees));
        for (const bool wantOverdue : {false, true}) {
            timer.restart();
            int count = 0;
            Akonadi::Item::List items;
            Crm::waitFor(session.storage().visit(*calendar, {}, [&items](const Akonadi::Item::List &batch) {
                items << batch;
            }));
            for (const Akonadi::Item &item : items) {
                if (!item.hasPayload<KCalendarCore::Incidence::Ptr>()) {
                    continue;
                }
                const auto incidence = item.payload<KCalendarCore::Incidence::Ptr>();
                if (incidence->type() != KCalendarCore::IncidenceBase::TypeTodo) {
                    continue;
                }
                const auto read = Crm::TaskMapping::fromTodo(incidence.staticCast<KCalendarCore::Todo>(), cycles, benchNow);
                const auto &cycle = cycles.cycleFor(read.task.kind);
                const bool match = wantOverdue ? read.task.isOverdue(cycle, benchNow) : (read.task.responsible == me && !cycle.isEnd(read.task.state));
                count += match;
            }
            (wantOverdue ? naiveOverdueMs : naiveMineMs) << timer.nsecsElapsed() / 1e6;
            if (wantOverdue) {
                failures += count != overdueCount;
            }
        }
    }

    const BenchUtils::Timing mine = BenchUtils::summarize(mineMs), overdue = BenchUtils::summarize(overdueMs);
    const BenchUtils::Timing naiveMine = BenchUtils::summarize(naiveMineMs), naiveOverdue = BenchUtils::summarize(naiveOverdueMs);
    out << Qt::fixed << qSetRealNumberPrecision(2);
    out << "second open (index file, nothing changed): " << reopenMs << " ms\n";
    out << "| query over " << n << " tasks (" << m << " runs, " << naiveRuns
        << " naive) | rows | indexed median | indexed p95 | naive median | naive p95 | speed-up (median) |\n";
    out << "|---|---|---|---|---|---|---|\n";
    out << "| my open tasks | " << mineCount << " | " << mine.median << " ms | " << mine.p95 << " ms | " << naiveMine.median << " ms | " << naiveMine.p95
        << " ms | " << naiveMine.median / std::max(mine.median, 0.001) << "x |\n";
    out << "| overdue | " << overdueCount << " | " << overdue.median << " ms | " << overdue.p95 << " ms | " << naiveOverdue.median << " ms | "
        << naiveOverdue.p95 << " ms | " << naiveOverdue.median / std::max(overdue.median, 0.001) << "x |\n";
    out << "(indexed = index query + one fetch of the first " << shownRows << " rows shown)\n";
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    out << "peak RSS: " << usage.ru_maxrss / 1024 << " MiB\n";
    out << "wrong answers: " << failures << Qt::endl;
    return failures == 0 ? 0 : 1;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() >= 3 && args[1] == u"generate") {
        return generate(args[2].toInt());
    }
    if (args.size() >= 4 && args[1] == u"query") {
        return query(args[2].toInt(), args[3].toInt(), args.size() >= 5 ? args[4].toInt() : 3);
    }
    QTextStream(stderr) << "usage: crm-task-bench generate N | query N M [NAIVE_RUNS]\n";
    return 2;
}
