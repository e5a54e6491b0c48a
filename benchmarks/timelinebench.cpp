// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later

// The counterparty card benchmark (benchmarks/timeline.sh drives it):
//   generate M        write M interactions and events (5% recurring) spread
//                     over the counterparties already in the directory
//   card K NAIVE      K warm cards (details, persons, timeline) through the
//                     indexes, then NAIVE cards the naive way (read every
//                     calendar item and filter), as the baseline
#include "akonadi/calendarsession.h"
#include "akonadi/directory.h"
#include "akonadi/timeline.h"
#include "blocking/blockingstorage.h"
#include "domain/clock.h"
#include "ical/incidenceentry.h"
#include "ical/interactionmapping.h"
#include "ical/occurrences.h"
#include "storage/akonadiitemstorage.h"

#include <Akonadi/AgentInstance>
#include <Akonadi/AgentManager>

#include "benchutils.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QRandomGenerator>
#include <QTextStream>
#include <QThread>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace
{
QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

int generate(int m)
{
    Crm::Directory directory;
    Crm::CalendarSession calendar;
    QString error;
    if (!Crm::openNow(directory, Crm::Directory::OpenMode::Existing, &error)
        || !Crm::openNow(calendar, Crm::CalendarSession::OpenMode::CreateIfMissing, &error)) {
        out() << "cannot open: " << error << Qt::endl;
        return 1;
    }
    const auto counterparties = directory.counterparties();
    if (counterparties.isEmpty()) {
        out() << "import counterparties first" << Qt::endl;
        return 1;
    }
    auto *rng = QRandomGenerator::global();
    const QDateTime now = Crm::Clock::now();
    QElapsedTimer timer;
    timer.start();
    QList<Crm::ItemStorage::Write> batch;
    int written = 0;
    for (int i = 0; i < m; ++i) {
        const Crm::DirectoryEntry &owner = counterparties[rng->bounded(counterparties.size())];
        KCalendarCore::Event::Ptr event;
        const int dice = rng->bounded(100);
        if (dice < 5) {
            Crm::CrmEvent ev;
            ev.uid = Crm::newUid();
            ev.subject = u"Регулярна зустріч %1"_s.arg(i);
            ev.kind = u"нарада"_s;
            ev.counterpartyUid = owner.uid;
            ev.start = now.addDays(-rng->bounded(365)).addSecs(3600 * rng->bounded(8));
            ev.rrule = rng->bounded(2) ? u"FREQ=WEEKLY;BYDAY=MO,FR"_s : u"FREQ=MONTHLY;BYMONTHDAY=15"_s;
            event = Crm::InteractionMapping::toEvent(ev);
        } else if (dice < 20) {
            Crm::CrmEvent ev;
            ev.uid = Crm::newUid();
            ev.subject = u"Подія %1"_s.arg(i);
            ev.kind = u"виставка"_s;
            ev.counterpartyUid = owner.uid;
            ev.start = now.addDays(rng->bounded(730) - 365);
            event = Crm::InteractionMapping::toEvent(ev);
        } else {
            Crm::Interaction in;
            in.uid = Crm::newUid();
            in.kind = rng->bounded(2) ? u"call"_s : u"meeting"_s;
            in.subject = u"Розмова %1"_s.arg(i);
            in.counterpartyUid = owner.uid;
            in.start = now.addSecs(qint64(rng->bounded(365 * 24)) * -3600 + 30 * 24 * 3600);
            in.employee = Crm::Participant{{}, u"Оксана"_s, u"oksana@our-firm.example"_s};
            if (in.start < now) {
                in.result = u"Результат розмови %1"_s.arg(i);
            }
            event = Crm::InteractionMapping::toEvent(in);
        }
        batch << Crm::ItemStorage::Write{Crm::ItemStorage::withPayload(Akonadi::Item(), KCalendarCore::Incidence::Ptr(event), event->mimeType()),
                                         calendar.collection()};
        if (batch.size() == 200 || i == m - 1) {
            const auto results = Crm::writeNow(calendar.storage(), batch);
            for (const auto &r : results) {
                written += r.error.isEmpty();
            }
            batch.clear();
        }
    }
    const double seconds = timer.elapsed() / 1000.0;
    out() << "| generate | " << written << " incidences | " << seconds << " s | " << int(written / seconds) << " items/s |" << Qt::endl;
    timer.restart();
    Crm::waitForDone([&](const Crm::DoneCallback &done) {
        calendar.cache().refresh(done);
    });
    out() << "index refresh after generation: " << timer.elapsed() << " ms" << Qt::endl;
    return written == m ? 0 : 1;
}

/// The naive card: read every calendar item, keep the counterparty's.
int naiveTimelineRows(Crm::CalendarSession &calendar, const QString &counterpartyUid, const QDateTime &now)
{
    int rows = 0;
    Crm::visitNow(calendar.storage(), calendar.collection(), [&](const Akonadi::Item &item) {
        if (!item.hasPayload<KCalendarCore::Incidence::Ptr>()) {
            return;
        }
        const auto incidence = item.payload<KCalendarCore::Incidence::Ptr>();
        if (Crm::IncidenceEntry::crmProperty(incidence, "COUNTERPARTY") != counterpartyUid) {
            return;
        }
        rows += incidence->recurs() ? int(Crm::Occurrences::between(incidence, now, now.addDays(30), 4).starts.size() > 0) : 1;
    });
    return rows;
}

/// Waits until every resource has written out what it was given: measured
/// cards should see a settled system, as a user would later.
void waitForIdleResources()
{
    QElapsedTimer timer;
    timer.start();
    int idleChecks = 0;
    while (idleChecks < 3 && timer.elapsed() < 900000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 200);
        QThread::msleep(500);
        const auto instances = Akonadi::AgentManager::self()->instances();
        const bool busy = std::any_of(instances.cbegin(), instances.cend(), [](const Akonadi::AgentInstance &i) {
            return i.status() == Akonadi::AgentInstance::Running;
        });
        idleChecks = busy ? 0 : idleChecks + 1;
    }
    out() << "resources idle after " << timer.elapsed() / 1000.0 << " s" << Qt::endl;
}

int card(int k, int naiveRuns)
{
    waitForIdleResources();
    QElapsedTimer timer;
    timer.start();
    Crm::Directory directory;
    Crm::CalendarSession calendar;
    QString error;
    if (!Crm::openNow(directory, Crm::Directory::OpenMode::Existing, &error) || !Crm::openNow(calendar, Crm::CalendarSession::OpenMode::Existing, &error)) {
        out() << "cannot open: " << error << Qt::endl;
        return 1;
    }
    out() << "open (both indexes): " << timer.elapsed() << " ms; calendar index: " << calendar.index().size() << " entries" << Qt::endl;
    const auto counterparties = directory.counterparties();
    auto *rng = QRandomGenerator::global();
    const QDateTime now = Crm::Clock::now();
    Crm::Timeline::Options options;
    options.now = now;
    Crm::AkonadiItemStorage storage;

    QList<double> warm, cardOnly;
    int rowsShown = 0;
    for (int j = 0; j < k + 3; ++j) {
        const Crm::DirectoryEntry &owner = counterparties[rng->bounded(counterparties.size())];
        timer.restart();
        const auto c = Crm::cardNow(directory, owner, &error);
        const double cardMs = timer.nsecsElapsed() / 1e6;
        QList<Crm::TimelineRow> rows;
        QEventLoop loop;
        Crm::Timeline::of(*c, &calendar.index(), storage, options, &loop, [&rows, &loop](const Crm::Agenda::Result &result) {
            rows = result.rows;
            loop.quit();
        });
        loop.exec();
        const double ms = timer.nsecsElapsed() / 1e6;
        if (j >= 3) { // the first cards set up the session
            warm << ms;
            cardOnly << cardMs;
            rowsShown += rows.size();
        }
    }
    const long warmPeak = BenchUtils::peakRssMiB();
    QList<double> naive;
    for (int j = 0; j < naiveRuns; ++j) {
        const Crm::DirectoryEntry &owner = counterparties[rng->bounded(counterparties.size())];
        timer.restart();
        const auto c = Crm::cardNow(directory, owner, &error);
        naiveTimelineRows(calendar, owner.uid, now);
        naive << timer.nsecsElapsed() / 1e6;
    }
    const BenchUtils::Timing w = BenchUtils::summarize(warm), n = BenchUtils::summarize(naive);
    out() << Qt::fixed << qSetRealNumberPrecision(2);
    out() << "| card (" << k << " warm, " << naiveRuns << " naive) | indexed median | indexed p95 | naive median | naive p95 | speed-up (p95) |\n";
    out() << "|---|---|---|---|---|---|\n";
    out() << "| card with timeline | " << w.median << " ms | " << w.p95 << " ms | " << n.median << " ms | " << n.p95 << " ms | "
          << n.p95 / std::max(w.p95, 0.001) << "x |\n";
    const BenchUtils::Timing d = BenchUtils::summarize(cardOnly);
    out() << "of which the counterparty and its persons: median " << d.median << " ms, p95 " << d.p95 << " ms\n";
    out() << "average timeline rows shown: " << double(rowsShown) / std::max(k, 1) << "\n";
    out() << "peak RSS of the warm process before the baseline: " << warmPeak << " MiB; after: " << BenchUtils::peakRssMiB() << " MiB" << Qt::endl;
    return 0;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() >= 3 && args[1] == u"generate") {
        return generate(args[2].toInt());
    }
    if (args.size() >= 4 && args[1] == u"card") {
        return card(args[2].toInt(), args[3].toInt());
    }
    QTextStream(stderr) << "usage: crm-timeline-bench generate M | card K NAIVE_RUNS\n";
    return 2;
}
