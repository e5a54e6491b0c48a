// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later

// The reminder schedule benchmark (benchmarks/reminders.sh drives it):
//   crm-reminders-bench N [TICKS] [SCANS]
// N incidences (10 % recurring), each with an alarm, most of them the
// user's. Measures, in one run:
//  - first start: the schedule built from the incidences (rules + set);
//  - start: the persisted schedule read back from its file (what the agent
//    reads before asking Akonadi for the items changed since);
//  - one change: an item's reminders recomputed and re-set;
//  - one minute's tick: takeDue over TICKS consecutive minutes;
//  - memory: resident size grown by the schedule, and the peak;
// and beside them the baseline: KOrganizer's reminder daemon asks
// Calendar::alarms(last minute, now) of a calendar holding every incidence,
// once a minute (SCANS such scans).
#include "reminders/reminderrules.h"
#include "reminders/schedule.h"

#include <KCalendarCore/Alarm>
#include <KCalendarCore/Event>
#include <KCalendarCore/MemoryCalendar>
#include <KCalendarCore/Todo>

#include "ical/incidenceentry.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;
using namespace Crm::Reminders;

namespace
{
const QDateTime benchNow(QDate(2026, 12, 1), QTime(12, 0), QTimeZone::UTC);
const QString me = u"me@bench.example"_s;

qint64 statusKiB(const char *field)
{
    QFile f(u"/proc/self/status"_s);
    if (!f.open(QIODevice::ReadOnly)) {
        return 0;
    }
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith(field)) {
            return line.mid(qstrlen(field)).trimmed().split(' ').constFirst().toLongLong();
        }
    }
    return 0;
}

qint64 rssKiB()
{
    return statusKiB("VmRSS:");
}

/// The peak resident size of this process image. (getrusage's ru_maxrss
/// survives exec on Linux, so a child would report its parent's peak.)
qint64 peakKiB()
{
    return statusKiB("VmHWM:");
}

KCalendarCore::Incidence::Ptr makeIncidence(int i, QRandomGenerator &rng)
{
    // Spread over a year before and a year after "now", on whole minutes.
    const QDateTime at = benchNow.addSecs(qint64(rng.bounded(-365 * 24 * 60, 365 * 24 * 60)) * 60);
    const bool recurring = i % 10 == 0;
    const int kind = i % 3;
    KCalendarCore::Incidence::Ptr incidence;
    if (kind == 0 && !recurring) {
        auto todo = KCalendarCore::Todo::Ptr::create();
        Crm::IncidenceEntry::setCrmProperty(todo, "TYPE", u"task"_s);
        todo->addAttendee(KCalendarCore::Attendee(QString(), i % 5 == 0 ? u"other@bench.example"_s : me));
        todo->setDtDue(at);
        auto alarm = todo->newAlarm();
        alarm->setDisplayAlarm(u"due"_s);
        alarm->setEndOffset(KCalendarCore::Duration(-3600));
        alarm->setEnabled(true);
        incidence = todo;
    } else {
        auto event = KCalendarCore::Event::Ptr::create();
        Crm::IncidenceEntry::setCrmProperty(event, "TYPE", kind == 1 && !recurring ? u"interaction"_s : u"event"_s);
        if (kind == 1 && !recurring) {
            event->setOrganizer(KCalendarCore::Person(QString(), me));
        } else {
            event->addAttendee(KCalendarCore::Attendee(QString(), me));
        }
        event->setDtStart(at);
        event->setDtEnd(at.addSecs(3600));
        if (recurring) {
            if (i % 20 == 0) {
                event->recurrence()->setDaily(1);
            } else {
                event->recurrence()->setWeekly(1);
            }
        }
        auto alarm = event->newAlarm();
        alarm->setDisplayAlarm(u"soon"_s);
        alarm->setStartOffset(KCalendarCore::Duration(-15 * 60));
        alarm->setEnabled(true);
        incidence = event;
    }
    incidence->setUid(u"bench-%1"_s.arg(i));
    incidence->setSummary(u"Incidence %1"_s.arg(i));
    incidence->setLastModified(benchNow.addDays(-400));
    return incidence;
}

} // namespace

/// `crm-reminders-bench load FILE TICKS`: what the agent does at start, in a
/// process of its own, so that its peak memory is the agent's alone: read
/// the schedule, catch up, then a day of ticks (which parses the recurring
/// incidences that fall due). Prints "<load ms> <peak KiB>".
int loadOnly(const QString &path, int ticks)
{
    QElapsedTimer timer;
    timer.start();
    Schedule schedule;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return 1;
    }
    QDataStream s(&file);
    s.setVersion(QDataStream::Qt_6_8);
    schedule.read(s);
    schedule.setCursor(benchNow);
    schedule.takeDue(benchNow);
    const double loadMs = timer.nsecsElapsed() / 1e6;
    for (int t = 1; t <= ticks; ++t) {
        schedule.takeDue(benchNow.addSecs(qint64(t) * 60));
    }
    QTextStream(stdout) << loadMs << ' ' << peakKiB() << Qt::endl;
    return schedule.size() > 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const QStringList args = app.arguments();
    if (args.size() > 2 && args.at(1) == u"load") {
        return loadOnly(args.at(2), args.size() > 3 ? args.at(3).toInt() : 1440);
    }
    const int n = args.size() > 1 ? args.at(1).toInt() : 100000;
    const int ticks = args.size() > 2 ? args.at(2).toInt() : 1440;
    const int scans = args.size() > 3 ? args.at(3).toInt() : 5;
    Settings settings;
    settings.userEmail = me;

    QRandomGenerator rng(42);
    QList<KCalendarCore::Incidence::Ptr> incidences;
    incidences.reserve(n);
    for (int i = 0; i < n; ++i) {
        incidences.append(makeIncidence(i, rng));
    }
    out << "== Reminder schedule: N=" << n << " incidences (" << n / 10 << " recurring), " << ticks << " ticks, " << scans << " baseline scans" << Qt::endl;

    // First start: every incidence through the rules into the schedule.
    const qint64 rssBefore = rssKiB();
    QElapsedTimer timer;
    timer.start();
    Schedule schedule;
    schedule.setCursor(benchNow);
    for (int i = 0; i < n; ++i) {
        schedule.set(Rules::fromIncidence(incidences.at(i), i + 1, settings));
    }
    const double buildMs = timer.nsecsElapsed() / 1e6;

    // Start: the persisted schedule read back from its file.
    QTemporaryDir dir;
    const QString path = dir.filePath(u"schedule.bin"_s);
    {
        QSaveFile file(path);
        file.open(QIODevice::WriteOnly);
        QDataStream s(&file);
        s.setVersion(QDataStream::Qt_6_8);
        schedule.write(s);
        file.commit();
    }
    const qint64 fileSize = QFile(path).size();
    auto runChild = [&](int childTicks) {
        QProcess child;
        child.start(QCoreApplication::applicationFilePath(), {u"load"_s, path, QString::number(childTicks)});
        child.waitForFinished(600000);
        return QString::fromLatin1(child.readAllStandardOutput()).split(u' ');
    };
    const QStringList childOut = runChild(ticks);
    const double childLoadMs = childOut.value(0).toDouble();
    const qint64 childPeakKiB = childOut.value(1).trimmed().toLongLong();
    const qint64 childStartPeakKiB = runChild(0).value(1).trimmed().toLongLong();
    timer.restart();
    Schedule loaded;
    {
        QFile file(path);
        file.open(QIODevice::ReadOnly);
        QDataStream s(&file);
        s.setVersion(QDataStream::Qt_6_8);
        loaded.read(s);
    }
    loaded.setCursor(benchNow);
    const auto caughtUp = loaded.takeDue(benchNow);
    const double loadMs = timer.nsecsElapsed() / 1e6;
    const bool sameSize = loaded.size() == schedule.size();

    // One change: an item edited (its deadline or start moved), recomputed and re-set.
    const int changes = std::min(n, 10000);
    for (int c = 0; c < changes; ++c) {
        const int i = int(rng.bounded(n));
        auto copy = KCalendarCore::Incidence::Ptr(incidences.at(i)->clone());
        copy->setDtStart(copy->dtStart().addSecs(3600));
        incidences[i] = copy;
    }
    timer.restart();
    for (int c = 0; c < changes; ++c) {
        const int i = int(rng.bounded(n));
        schedule.set(Rules::fromIncidence(incidences.at(i), i + 1, settings));
    }
    const double changeUs = timer.nsecsElapsed() / 1e3 / changes;

    // A tick a minute.
    int fired = 0;
    timer.restart();
    for (int t = 1; t <= ticks; ++t) {
        fired += int(schedule.takeDue(benchNow.addSecs(qint64(t) * 60)).size());
    }
    const double tickUs = timer.nsecsElapsed() / 1e3 / std::max(1, ticks);
    const qint64 rssSchedule = rssKiB() - rssBefore;
    const qint64 peakSchedule = peakKiB();

    // Baseline: Calendar::alarms over the last minute, of a calendar with every incidence.
    auto calendar = KCalendarCore::MemoryCalendar::Ptr::create(QTimeZone::utc());
    for (const auto &incidence : std::as_const(incidences)) {
        calendar->addIncidence(incidence);
    }
    timer.restart();
    int scanned = 0;
    for (int s = 1; s <= scans; ++s) {
        const QDateTime to = benchNow.addSecs(qint64(s) * 60);
        scanned += int(calendar->alarms(to.addSecs(-59), to).size());
    }
    const double scanUs = timer.nsecsElapsed() / 1e3 / std::max(1, scans);

    out << Qt::endl;
    out << "| measure | value | target |" << Qt::endl;
    out << "|---|---|---|" << Qt::endl;
    out << "| first start: build from " << n << " incidences | " << QString::number(buildMs / 1000, 'f', 2) << " s | |" << Qt::endl;
    out << "| start: read the persisted schedule (" << fileSize / 1024 << " KiB) + catch-up | " << QString::number(loadMs / 1000, 'f', 2) << " s | ≤ 3 s |"
        << Qt::endl;
    out << "| start in a process of its own (read + catch-up) | " << QString::number(childLoadMs / 1000, 'f', 2) << " s | ≤ 3 s |" << Qt::endl;
    out << "| one change (rules + re-set), mean of " << changes << " | " << QString::number(changeUs, 'f', 1) << " µs | ≤ 1 ms |" << Qt::endl;
    out << "| one minute's tick, mean of " << ticks << " (" << fired << " fired) | " << QString::number(tickUs, 'f', 2) << " µs | |" << Qt::endl;
    out << "| baseline: Calendar::alarms over one minute, mean of " << scans << " (" << scanned << " alarms) | " << QString::number(scanUs / 1000, 'f', 1)
        << " ms | |" << Qt::endl;
    out << "| tick vs scan | " << QString::number(scanUs / std::max(tickUs, 0.001), 'f', 0) << "× cheaper | ≥ 1000× |" << Qt::endl;
    out << "| memory: peak of a process holding only the schedule, after start | " << childStartPeakKiB / 1024 << " MiB | ≤ 200 MB |" << Qt::endl;
    out << "| memory: the same after a day of ticks | " << childPeakKiB / 1024 << " MiB | ≤ 200 MB |" << Qt::endl;
    out << "| memory: resident growth with the schedule built here | " << rssSchedule / 1024 << " MiB | |" << Qt::endl;
    out << "| memory: peak before the baseline (incl. the " << n << " generated incidences) | " << peakSchedule / 1024 << " MiB | |" << Qt::endl;
    out << "| memory: peak with the baseline calendar | " << peakKiB() / 1024 << " MiB | |" << Qt::endl;
    if (!sameSize || caughtUp.size() > 0) {
        out << "warning: the schedule read back differs (" << loaded.size() << " vs " << schedule.size() << ", " << caughtUp.size() << " due)" << Qt::endl;
    }
    return sameSize ? 0 : 1;
}
