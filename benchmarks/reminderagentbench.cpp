// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later

// The reminder agent through a real Akonadi (benchmarks/reminders.sh drives
// it): crm-reminder-agent-bench N
// Puts N incidences (10 % recurring, each with an alarm; the events the
// user's, one task in a hundred the user's) into the CRM calendar, stored
// with their payloads while the calendar's resource is offline (so that it
// does not spend the measured minutes writing N files). One alarm falls due
// every minute from half an hour before the first start on, so that
// whenever the agent was down for a minute, something is
// due when it starts. Then starts the agent as Akonadi starts it (an agent
// instance; a real org.freedesktop.Notifications service in this process)
// three times, each time after 70 s without it:
//  - its first start ever (no schedule file, no delivery log);
//  - a start with its schedule file (every login);
//  - a start without it (a file lost or written under other settings);
// each: start to the first notification, to ready (isReady() on D-Bus),
// and the agent's peak memory (VmHWM of its process). Beside them the
// baseline of the same run: every item of the calendar fetched with its
// payload by a plain ItemFetchJob (what an agent that reads everything at
// start waits for, before any work of its own).
#include "akonadi/calendarsession.h"
#include "blocking/blockingstorage.h"
#include "ical/incidenceentry.h"

#include <Akonadi/AgentInstance>
#include <Akonadi/AgentInstanceCreateJob>
#include <Akonadi/AgentManager>
#include <Akonadi/CollectionDeleteJob>
#include <Akonadi/ItemCreateJob>
#include <Akonadi/ItemFetchJob>
#include <Akonadi/ItemFetchScope>
#include <Akonadi/TransactionSequence>

#include <KCalendarCore/Alarm>
#include <KCalendarCore/Event>
#include <KCalendarCore/Todo>

#include <QCoreApplication>
#include <QDBusAbstractAdaptor>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusInterface>
#include <QDBusReply>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTextStream>
#include <QThread>
#include <QTimeZone>

#include <functional>

using namespace Qt::Literals::StringLiterals;

namespace
{
const QString agentType = u"akonadi_kontactcrm_reminders_agent"_s;
const QString me = u"me@bench.example"_s;

/// Records when the first notification arrived.
class NotificationServer : public QObject
{
    Q_OBJECT
public:
    QElapsedTimer sinceStart;
    qint64 firstMs = -1;
    int received = 0;
};

class NotificationAdaptor : public QDBusAbstractAdaptor
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")
public:
    explicit NotificationAdaptor(NotificationServer *server)
        : QDBusAbstractAdaptor(server)
        , m_server(server)
    {
    }

public Q_SLOTS:
    uint Notify(const QString &, uint, const QString &, const QString &, const QString &, const QStringList &, const QVariantMap &, int)
    {
        if (m_server->firstMs < 0) {
            m_server->firstMs = m_server->sinceStart.elapsed();
        }
        return uint(++m_server->received);
    }
    QStringList GetCapabilities()
    {
        return {u"body"_s, u"actions"_s};
    }
    QString GetServerInformation(QString &vendor, QString &version, QString &specVersion)
    {
        vendor = u"Kontact CRM benchmark"_s;
        version = u"1"_s;
        specVersion = u"1.2"_s;
        return u"recorder"_s;
    }
    void CloseNotification(uint id)
    {
        Q_EMIT NotificationClosed(id, 3);
    }
Q_SIGNALS:
    void NotificationClosed(uint id, uint reason);
    void ActionInvoked(uint id, const QString &actionKey);

private:
    NotificationServer *m_server;
};

KCalendarCore::Incidence::Ptr makeIncidence(int i, const QDateTime &now, QRandomGenerator &rng)
{
    // Spread over a year before and after now, on whole minutes; every
    // 5,000th falls due (its alarm) a few minutes ago: caught up at start.
    QDateTime at = now.addSecs(qint64(rng.bounded(-365 * 24 * 60, 365 * 24 * 60)) * 60);
    if (i < 600) {
        // An alarm (15 min before) every minute from half an hour ago on.
        at = now.addSecs(qint64(i - 30 + 15) * 60);
    }
    const bool recurring = i >= 600 && i % 10 == 0;
    const int kind = i < 600 ? 1 : i % 3;
    KCalendarCore::Incidence::Ptr incidence;
    if (kind == 0 && !recurring) {
        auto todo = KCalendarCore::Todo::Ptr::create();
        Crm::IncidenceEntry::setCrmProperty(todo, "TYPE", u"task"_s);
        // The user's tasks are announced as new at the agent's first start
        // (they reached Akonadi a moment ago): a few hundred, not thousands.
        todo->addAttendee(KCalendarCore::Attendee(QString(), i % 100 == 0 ? me : u"other@bench.example"_s));
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
    incidence->setLastModified(now.addDays(-400));
    return incidence;
}

/// Runs the event loop until @p done says so or @p timeoutMs pass.
bool waitUntil(const std::function<bool()> &done, int timeoutMs, int stepMs = 20)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs) {
            return false;
        }
        QEventLoop loop;
        QTimer::singleShot(stepMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

/// The agent's process, found by its command line.
qint64 agentPid()
{
    const QStringList entries = QDir(u"/proc"_s).entryList(QDir::Dirs);
    for (const QString &e : entries) {
        bool ok = false;
        const qint64 pid = e.toLongLong(&ok);
        if (!ok) {
            continue;
        }
        QFile cmd(u"/proc/%1/cmdline"_s.arg(pid));
        if (cmd.open(QIODevice::ReadOnly) && cmd.readAll().contains(agentType.toUtf8()) && pid != QCoreApplication::applicationPid()) {
            return pid;
        }
    }
    return -1;
}

qint64 statusKiB(qint64 pid, const char *field)
{
    QFile f(u"/proc/%1/status"_s.arg(pid));
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

/// CPU time (user + system, in clock ticks) the process has used so far.
qint64 cpuTicks(qint64 pid)
{
    QFile f(u"/proc/%1/stat"_s.arg(pid));
    if (!f.open(QIODevice::ReadOnly)) {
        return -1;
    }
    // The command name (field 2) may hold spaces: count from its closing parenthesis.
    const QByteArray stat = f.readAll();
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    return fields.size() > 12 ? fields[11].toLongLong() + fields[12].toLongLong() : -1;
}

bool agentReady()
{
    QDBusInterface agent(u"org.freedesktop.Akonadi.Agent."_s + agentType, u"/Reminders"_s, QString(), QDBusConnection::sessionBus());
    if (!agent.isValid()) {
        return false;
    }
    const QDBusReply<bool> reply = agent.call(u"isReady"_s);
    return reply.isValid() && reply.value();
}

struct Start {
    qint64 firstNotificationMs = -1;
    qint64 readyMs = -1;
    qint64 peakKiB = 0;
    qint64 settledPeakKiB = 0; ///< once the agent has done all its work after the start (the index keepers too)
    qint64 settledOwnKiB = 0; ///< RssAnon then
    qint64 settledMs = -1;
};

/// Measures one start, from @p begin (the agent is being started) on.
Start measureStart(NotificationServer &server)
{
    Start s;
    waitUntil(
        [] {
            return agentReady();
        },
        600000,
        10);
    s.readyMs = server.sinceStart.elapsed();
    waitUntil(
        [&server] {
            return server.firstMs >= 0;
        },
        10000);
    s.firstNotificationMs = server.firstMs;
    // Peak memory once the first minute's work is over.
    QThread::msleep(500);
    s.peakKiB = statusKiB(agentPid(), "VmHWM:");
    return s;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const int n = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 100000;

    NotificationServer server;
    new NotificationAdaptor(&server);
    if (!QDBusConnection::sessionBus().registerService(u"org.freedesktop.Notifications"_s)
        || !QDBusConnection::sessionBus().registerObject(u"/org/freedesktop/Notifications"_s, &server)) {
        out << "cannot register the notification service" << Qt::endl;
        return 1;
    }

    Crm::CalendarSession calendar;
    QString error;
    if (!Crm::openNow(calendar, Crm::CalendarSession::OpenMode::CreateIfMissing, &error)) {
        out << "cannot open the CRM calendar: " << error << Qt::endl;
        return 1;
    }
    const Akonadi::Collection collection = calendar.collection();
    out << "== Reminder agent through Akonadi: N=" << n << " incidences" << Qt::endl;

    // The incidences, stored in Akonadi with their payloads in batches of
    // 500, with the calendar's resource offline: it would write a file per
    // item for many minutes meanwhile, on the cores the agent is measured
    // on. The calendar is removed at the end, so nothing is left unwritten.
    Akonadi::AgentInstance resource = Akonadi::AgentManager::self()->instance(collection.resource());
    resource.setIsOnline(false);
    QElapsedTimer timer;
    timer.start();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QRandomGenerator rng(42);
    int refused = 0;
    for (int from = 0; from < n; from += 500) {
        auto sequence = new Akonadi::TransactionSequence;
        for (int i = from; i < std::min(n, from + 500); ++i) {
            const auto incidence = makeIncidence(i, now, rng);
            Akonadi::Item item(incidence->mimeType());
            item.setPayload(incidence);
            new Akonadi::ItemCreateJob(item, collection, sequence);
        }
        QEventLoop loop;
        QObject::connect(sequence, &KJob::result, &loop, [&] {
            refused += sequence->error() ? 1 : 0;
            loop.quit();
        });
        loop.exec();
    }
    if (refused) {
        out << refused << " batches refused" << Qt::endl;
        return 1;
    }
    out << "stored in Akonadi in " << timer.elapsed() / 1000.0 << " s" << Qt::endl;

    // Baseline: every item with its payload, by a plain fetch.
    auto fetchAll = [&collection]() {
        auto job = new Akonadi::ItemFetchJob(collection);
        job->fetchScope().fetchFullPayload(true);
        job->fetchScope().setIgnoreRetrievalErrors(true);
        job->setDeliveryOption(Akonadi::ItemFetchJob::EmitItemsInBatches);
        qint64 items = 0;
        QObject::connect(job, &Akonadi::ItemFetchJob::itemsReceived, job, [&items](const Akonadi::Item::List &batch) {
            items += batch.size();
        });
        QEventLoop loop;
        QObject::connect(job, &KJob::result, &loop, [&loop, job] {
            if (job->error()) {
                QTextStream(stdout) << "fetch: " << job->errorString() << Qt::endl;
            }
            loop.quit();
        });
        loop.exec();
        return items;
    };
    timer.restart();
    const qint64 fetched = fetchAll();
    const double baselineS = timer.nsecsElapsed() / 1e9;

    // The agent's settings: who the user is.
    {
        QFile rc(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + u"/kontactcrm_remindersrc"_s);
        if (!rc.open(QIODevice::WriteOnly) || rc.write(QString(u"[Reminders]\nUserEmail="_s + me + u"\n"_s).toUtf8()) < 0) {
            out << "cannot write the agent's settings" << Qt::endl;
            return 1;
        }
    }

    // One start of the agent after 70 s without it: something fell due meanwhile.
    auto startAgent = [&](bool withoutScheduleFile) {
        if (Akonadi::AgentManager::self()->instance(agentType).isValid()) {
            Akonadi::AgentManager::self()->removeInstance(Akonadi::AgentManager::self()->instance(agentType));
            waitUntil(
                [] {
                    return agentPid() < 0;
                },
                30000);
            QThread::msleep(70000);
        }
        if (withoutScheduleFile) {
            const QStringList files = QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/kontact-crm"_s)
                                          .entryList({u"reminder-schedule*"_s}, QDir::Files);
            for (const QString &f : files) {
                QFile::remove(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/kontact-crm/"_s + f);
            }
        }
        server.firstMs = -1;
        server.sinceStart.start();
        auto create = new Akonadi::AgentInstanceCreateJob(agentType);
        QEventLoop created;
        QObject::connect(create, &KJob::result, &created, &QEventLoop::quit);
        create->start();
        created.exec();
        if (create->error()) {
            out << "cannot start the agent: " << create->errorString() << Qt::endl;
            return Start{};
        }
        const Start s = measureStart(server);
        // Until the announcements of the start are over and the schedule file saved.
        int seen = -1;
        waitUntil(
            [&] {
                const bool settled = seen == server.received;
                seen = server.received;
                return settled;
            },
            600000,
            6000);
        // Until the agent's own work is over (the index keepers open after
        // the schedule): its CPU time stands still for 5 s.
        Start settled = s;
        qint64 ticks = -2;
        waitUntil(
            [&ticks] {
                const qint64 now = cpuTicks(agentPid());
                const bool still = now == ticks;
                ticks = now;
                return still;
            },
            600000,
            5000);
        settled.settledMs = server.sinceStart.elapsed();
        settled.settledPeakKiB = statusKiB(agentPid(), "VmHWM:");
        settled.settledOwnKiB = statusKiB(agentPid(), "RssAnon:");
        return settled;
    };
    const Start first = startAgent(false);
    const Start warm = startAgent(false);
    const Start cold = startAgent(true);

    out << Qt::endl;
    auto row = [&out](const QString &what, const Start &s) {
        out << "| " << what << " | " << s.firstNotificationMs / 1000.0 << " s | " << s.readyMs / 1000.0 << " s | " << s.peakKiB / 1024 << " MiB | "
            << s.settledPeakKiB / 1024 << " MiB (own now " << s.settledOwnKiB / 1024 << " MiB, idle at " << s.settledMs / 1000 << " s) |" << Qt::endl;
    };
    out << "| reminder agent, " << n
        << " incidences | start to first notification (≤ 3 s) | start to ready | agent's peak memory (≤ 150 MB), 0.5 s after the first notification | peak "
           "once all its work is done (keepers too) |"
        << Qt::endl;
    out << "|---|---|---|---|---|" << Qt::endl;
    row(u"first start ever (no schedule file, no delivery log)"_s, first);
    row(u"start with the schedule file (every login)"_s, warm);
    row(u"start without the schedule file (rebuilt from Akonadi)"_s, cold);
    out << "| baseline: a plain ItemFetchJob of every item with its payload (" << fetched << " items), same run | | " << baselineS << " s | | |" << Qt::endl;
    out << "notifications received: " << server.received << Qt::endl;
    auto remove = new Akonadi::CollectionDeleteJob(collection);
    QEventLoop removed;
    QObject::connect(remove, &KJob::result, &removed, &QEventLoop::quit);
    removed.exec();
    resource.setIsOnline(true);
    return first.firstNotificationMs >= 0 && warm.firstNotificationMs >= 0 && cold.firstNotificationMs >= 0 ? 0 : 1;
}

#include "reminderagentbench.moc"
