// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "akonadi/calendarsession.h"
#include "akonadi/directory.h"
#include "blocking/blockingstorage.h"
#include "domain/clock.h"
#include "ical/incidenceentry.h"
#include "reminders/reminder.h"
#include "reminderspage.h"
#include "vcard/vcardmapping.h"

#include <Akonadi/AgentInstance>
#include <Akonadi/AgentInstanceCreateJob>
#include <Akonadi/AgentManager>
#include <Akonadi/Control>
#include <Akonadi/ItemCreateJob>
#include <Akonadi/ServerManager>
#include <akonadi/qtest_akonadi.h>

#include <KCalendarCore/Alarm>
#include <KCalendarCore/Event>
#include <KCalendarCore/Todo>
#include <KContacts/Addressee>

#include <QDBusAbstractAdaptor>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusInterface>
#include <QDBusMessage>
#include <QDBusReply>
#include <QDBusVariant>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>
#include <QThread>
#include <QTimeZone>

#include <algorithm>

#include <signal.h>

using namespace Qt::Literals::StringLiterals;

namespace
{
const QString agentId = u"akonadi_kontactcrm_reminders_agent"_s;
const QString me = u"oksana@our-firm.example"_s;
const QString colleague = u"dmytro@our-firm.example"_s;
/// The agent's first "now" (written to CRM_NOW_FILE, unittestenv/config.xml).
const QDateTime now(QDate(2026, 11, 26), QTime(12, 0), QTimeZone::UTC);
} // namespace

/// A real org.freedesktop.Notifications service on the test's session bus,
/// recording every notification that arrives.
class NotificationServer : public QObject
{
    Q_OBJECT
public:
    struct Received {
        QString app;
        QString summary;
        QString body;
        QStringList actions;
        uint replacesId = 0;
    };
    QList<Received> received;
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
    uint Notify(const QString &appName,
                uint replacesId,
                const QString &appIcon,
                const QString &summary,
                const QString &body,
                const QStringList &actions,
                const QVariantMap &hints,
                int timeout)
    {
        Q_UNUSED(appIcon)
        Q_UNUSED(hints)
        Q_UNUSED(timeout)
        m_server->received.append({appName, summary, body, actions, replacesId});
        return uint(m_server->received.size());
    }
    /// What a user's click on an action sends back.
    void invoke(uint id, const QString &actionKey)
    {
        Q_EMIT ActionInvoked(id, actionKey);
    }
    QStringList GetCapabilities()
    {
        return {u"body"_s, u"actions"_s, u"persistence"_s};
    }
    QString GetServerInformation(QString &vendor, QString &version, QString &specVersion)
    {
        vendor = u"Kontact CRM tests"_s;
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

/// The reminder agent at a fixed "now" (Thursday 26 November 2026, noon
/// UTC), against the test's own Akonadi server: each due reminder arrives
/// once; killing the agent or restarting Akonadi neither repeats nor loses one.
class ReminderAgentTest : public QObject
{
    Q_OBJECT

    NotificationServer m_server;
    NotificationAdaptor *m_adaptor = nullptr;
    Crm::CalendarSession m_calendar;
    Crm::Directory m_directory;
    int m_markers = 0;
    QDateTime m_now = now;

    /// Sets the clock of the test and of the agent (read at each use).
    static QString clockFile()
    {
        return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u'/' + qEnvironmentVariable("CRM_NOW_FILE");
    }
    bool setClock(const QDateTime &t, const QString &zone = u"UTC"_s)
    {
        m_now = t;
        QDir().mkpath(QFileInfo(clockFile()).absolutePath());
        // Replaced whole: the agent reads it at any moment.
        QSaveFile f(clockFile());
        if (!f.open(QIODevice::WriteOnly)) {
            return false;
        }
        f.write((t.toUTC().toString(Qt::ISODate) + u' ' + zone).toLatin1());
        return f.commit();
    }

    /// A plain restart of the agent (stopped and started by Akonadi's control).
    static bool restartAgent()
    {
        return askUntilANewAgentIsReady(callAgent<qint64>(u"processId"_s), true);
    }

    /// Starts the agent after quitAgent(). With @p runEventLoop false this
    /// process handles no event meanwhile, as one test needs.
    static bool startAgent(bool runEventLoop = true)
    {
        return askUntilANewAgentIsReady(0, runEventLoop);
    }

    /// Asks Akonadi's control to restart the agent until a process other
    /// than @p oldPid (0: none) is ready. Asked again when the old process
    /// still answers after a while: the control drops a restart asked for
    /// while the agent reports itself busy (AgentProcessInstance::
    /// restartWhenIdle does nothing then and never tries again), which
    /// happens when it is still handling a change notification. Never asked
    /// again while a new process loads, however slowly (a loaded machine):
    /// the control would stop that one and start a third, which a quit meant
    /// for the second then reaches.
    static bool askUntilANewAgentIsReady(qint64 oldPid, bool runEventLoop)
    {
        QElapsedTimer waited;
        waited.start();
        QElapsedTimer sinceAsked;
        bool asked = false;
        while (waited.elapsed() < 60000) {
            const qint64 pid = callAgent<qint64>(u"processId"_s); // 0: none answers
            if (pid != 0 && pid != oldPid) {
                if (agentReady()) {
                    return true;
                }
            } else if (!asked || sinceAsked.elapsed() >= (pid == 0 ? 20000 : 10000)) {
                // Nothing answers for long (the request was dropped, or a new
                // process takes very long to start), or still the old one.
                Akonadi::AgentManager::self()->instance(agentId).restart();
                asked = true;
                sinceAsked.start();
            }
            if (runEventLoop) {
                QTest::qWait(50);
            } else {
                QThread::msleep(20); // no event loop here, on purpose
            }
        }
        return false;
    }

    /// Asks the agent to quit (as Akonadi does when it stops) and waits until it is gone.
    static bool quitAgent()
    {
        const qint64 pid = callAgent<qint64>(u"processId"_s);
        if (!QDBusConnection::sessionBus().send(QDBusMessage::createMethodCall(service(), u"/"_s, u"org.freedesktop.Akonadi.Agent.Control"_s, u"quit"_s))) {
            return false;
        }
        return waitUntilGone(pid);
    }

    /// Waits until the agent process @p pid has left the bus and is gone.
    /// Its service goes before the process ends (it still cleans up), and
    /// Akonadi's control takes a restart asked for meanwhile as one for the
    /// old process: it stops the new one once that is up.
    static bool waitUntilGone(qint64 pid)
    {
        return QTest::qWaitFor(
            [pid]() {
                return !QDBusConnection::sessionBus().interface()->isServiceRegistered(service()) && (pid <= 0 || !QFileInfo::exists(u"/proc/%1"_s.arg(pid)));
            },
            30000);
    }

    /// What arrived after @p before (which it begins with).
    QStringList since(const QStringList &before) const
    {
        QStringList all = received();
        for (const QString &line : before) {
            all.removeOne(line);
        }
        return all;
    }
    /// Every Notify call received (id, application, the id it replaces,
    /// title), for a failure message.
    QString calls() const
    {
        QStringList out;
        for (qsizetype i = 0; i < m_server.received.size(); ++i) {
            const auto &n = m_server.received.at(i);
            out << u"#%1 %2 replaces %3: %4"_s.arg(i + 1).arg(n.app).arg(n.replacesId).arg(n.summary);
        }
        return u" calls: ["_s + out.join(u"; "_s) + u']';
    }
    /// What @p actual has beyond @p expected and lacks of it, for a failure message.
    QString difference(QStringList actual, const QStringList &expected) const
    {
        QStringList missing;
        for (const QString &line : expected) {
            if (!actual.removeOne(line)) {
                missing << line;
            }
        }
        return u"unexpected: ["_s + actual.join(u"; "_s) + u"] missing: ["_s + missing.join(u"; "_s) + u']' + calls();
    }
    static qsizetype countStarting(const QStringList &lines, const QString &prefix)
    {
        return std::count_if(lines.cbegin(), lines.cend(), [&](const QString &line) {
            return line.startsWith(prefix);
        });
    }

    static QString service()
    {
        return Akonadi::ServerManager::agentServiceName(Akonadi::ServerManager::Agent, agentId);
    }

    template<typename T>
    static T callAgent(const QString &method)
    {
        QDBusInterface iface(service(), u"/Reminders"_s, u"org.kde.kontactcrm.Reminders"_s);
        const QDBusReply<T> reply = iface.call(method);
        return reply.isValid() ? reply.value() : T{};
    }

    static bool agentReady()
    {
        return callAgent<bool>(u"isReady"_s);
    }

    /// Title and item summary of every notification received, sorted.
    QStringList received() const
    {
        QStringList out;
        for (const auto &n : m_server.received) {
            out << n.summary + u" | "_s + n.body;
        }
        out.sort();
        return out;
    }

    qint64 save(const KCalendarCore::Incidence::Ptr &incidence)
    {
        QString error;
        const qint64 id = Crm::saveNow(m_calendar, incidence, {}, &error);
        if (id < 0) {
            qWarning() << "cannot save" << incidence->summary() << error;
        }
        return id;
    }

    KCalendarCore::Todo::Ptr task(const QString &summary, const QString &responsible, const QDateTime &due)
    {
        auto todo = KCalendarCore::Todo::Ptr::create();
        todo->setSummary(summary);
        Crm::IncidenceEntry::setCrmProperty(todo, "TYPE", u"task"_s);
        todo->setOrganizer(KCalendarCore::Person(u"Boss"_s, u"boss@our-firm.example"_s));
        todo->addAttendee(KCalendarCore::Attendee(QString(), responsible));
        todo->setDtDue(due);
        todo->setLastModified(m_now);
        return todo;
    }

    static KCalendarCore::Event::Ptr event(const QString &summary, const QString &type, const QDateTime &start, qint64 alarmSecondsBefore)
    {
        auto e = KCalendarCore::Event::Ptr::create();
        e->setSummary(summary);
        Crm::IncidenceEntry::setCrmProperty(e, "TYPE", type);
        e->setDtStart(start);
        e->setDtEnd(start.addSecs(3600));
        auto alarm = e->newAlarm();
        alarm->setDisplayAlarm(summary);
        alarm->setStartOffset(KCalendarCore::Duration(-alarmSecondsBefore));
        alarm->setEnabled(true);
        return e;
    }

    /// A new task of mine: its "assigned" reminder is due at once. When it
    /// arrives, everything the agent sent before it has arrived too.
    QString addMarker()
    {
        const QString summary = u"Marker %1"_s.arg(++m_markers);
        if (save(task(summary, me, now.addDays(30))) < 0) {
            return {};
        }
        return u"New task for you | "_s + summary;
    }

    bool hasReceived(const QString &line) const
    {
        return received().contains(line);
    }

private Q_SLOTS:
    void initTestCase()
    {
        AkonadiTest::checkTestIsIsolated();
        QVERIFY(setClock(now));
        QCOMPARE(Crm::Clock::now(), now);
        m_adaptor = new NotificationAdaptor(&m_server);
        QVERIFY(QDBusConnection::sessionBus().registerObject(u"/org/freedesktop/Notifications"_s, &m_server));
        QVERIFY(QDBusConnection::sessionBus().registerService(u"org.freedesktop.Notifications"_s));
        QVERIFY(Akonadi::Control::start());
        QString error;
        QVERIFY2(Crm::openNow(m_calendar, Crm::CalendarSession::OpenMode::CreateIfMissing, &error), qPrintable(error));
        QVERIFY2(Crm::openNow(m_directory, Crm::Directory::OpenMode::CreateIfMissing, &error), qPrintable(error));

        // What the agent finds when it first starts (catch-up window 72 h):
        // due within the window: 8 reminders
        QVERIFY(save(task(u"Prepare the offer"_s, me, now.addSecs(2 * 3600))) > 0); // assigned; approaching at -22 h; passed later
        QVERIFY(save(task(u"Send the contract"_s, me, now.addSecs(-3600))) > 0); // assigned; approaching at -25 h; passed at -1 h
        QVERIFY(save(task(u"Not mine"_s, colleague, now.addSecs(-3600))) > 0);
        auto call = event(u"Call Соняшник"_s, u"interaction"_s, now.addSecs(20 * 3600), 24 * 3600); // a day before: -4 h; at: later
        call->setOrganizer(KCalendarCore::Person(u"Oksana"_s, me));
        QVERIFY(save(call) > 0);
        auto planning = event(u"Weekly planning"_s, u"event"_s, now.addDays(-7).addSecs(-600), 600); // alarms at -7 d -20 min (too old), -20 min
        planning->recurrence()->setWeekly(1);
        planning->addAttendee(KCalendarCore::Attendee(QString(), me));
        QVERIFY(save(planning) > 0);
        auto theirs = event(u"Their meeting"_s, u"event"_s, now.addSecs(-1800), 600);
        theirs->addAttendee(KCalendarCore::Attendee(QString(), colleague));
        QVERIFY(save(theirs) > 0);

        KContacts::Addressee person;
        person.setFormattedName(u"Олена Коваль"_s);
        person.setGivenName(u"Олена"_s);
        person.setFamilyName(u"Коваль"_s);
        person.setBirthday(QDate(1985, 11, 27)); // announced a day before at 09:00: -3 h
        const auto written = Crm::writeNow(
            m_directory.storage(),
            {{Crm::ItemStorage::withPayload(Akonadi::Item(), person, KContacts::Addressee::mimeType()), m_directory.collections().counterparties()}});
        QCOMPARE(written.size(), 1);
        QVERIFY2(written.constFirst().item.isValid(), qPrintable(written.constFirst().error));

        auto job = new Akonadi::AgentInstanceCreateJob(agentId);
        QVERIFY2(job->exec(), qPrintable(job->errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(agentReady(), 60000);
    }

    void shouldDeliverEachReminderThatFellDueOnceAtStart()
    {
        // GIVEN the agent started after the reminders above fell due
        // WHEN a marker follows them
        const QString marker = addMarker();
        QTRY_VERIFY_WITH_TIMEOUT(hasReceived(marker), 30000);

        // THEN each reminder arrived once, with its title and text; none
        // that is not due yet, none of someone else's
        const QStringList got = received();
        QStringList titles;
        for (const QString &line : got) {
            titles << line.section(u" | "_s, 0, 0) + u": "_s + line.section(u" | "_s, 1).section(u' ', 0, 1);
        }
        QVERIFY2(got.size() == 9, qPrintable(got.join(u"; "_s) + calls()));
        QCOMPARE(got.count(u"New task for you | Prepare the offer"_s), 1);
        QCOMPARE(got.count(u"New task for you | Send the contract"_s), 1);
        QCOMPARE(got.count(marker), 1);
        auto startsWith = [&](const QString &prefix) {
            return std::count_if(got.cbegin(), got.cend(), [&](const QString &line) {
                return line.startsWith(prefix);
            });
        };
        QCOMPARE(startsWith(u"Task deadline approaching | Prepare the offer is due "_s), 1);
        QCOMPARE(startsWith(u"Task deadline approaching | Send the contract is due "_s), 1);
        QCOMPARE(startsWith(u"Task overdue | Send the contract was due "_s), 1);
        QCOMPARE(startsWith(u"Planned contact | Call Соняшник at "_s), 1);
        QCOMPARE(startsWith(u"Event | Weekly planning at "_s), 1);
        QCOMPARE(startsWith(u"Birthday | Олена Коваль has a birthday on "_s), 1);
        QCOMPARE(startsWith(u"Task overdue | Prepare the offer"_s), 0);
        QCOMPARE(startsWith(u"Contact now"_s), 0);
        QCOMPARE(startsWith(u"Event | Their meeting"_s), 0);

        // and each carries the actions
        for (const auto &n : std::as_const(m_server.received)) {
            QVERIFY2(n.actions.size() >= 8, qPrintable(n.actions.join(u',')));
        }
    }

    void shouldListWhatIsStillDueTodayForTheSummary()
    {
        // GIVEN the agent started, "Prepare the offer" due at 14:00 today
        // WHEN the Kontact summary asks what is still due today
        QDBusInterface reminders(service(), u"/Reminders"_s, u"org.kde.kontactcrm.Reminders"_s);
        const QDBusReply<QStringList> reply = reminders.call(u"upcoming"_s, QDateTime(now.date(), QTime(23, 59, 59), QTimeZone::UTC).toString(Qt::ISODate), 10);
        QVERIFY2(reply.isValid(), qPrintable(reply.error().message()));
        // THEN the deadline passing at 14:00 is listed, and nothing of tomorrow
        QList<Crm::Reminders::Reminder> listed;
        for (const QString &line : reply.value()) {
            const auto r = Crm::Reminders::Reminder::fromLine(line);
            QVERIFY2(r, qPrintable(line));
            listed << *r;
        }
        QVERIFY2(std::any_of(listed.cbegin(),
                             listed.cend(),
                             [](const auto &r) {
                                 return r.kind == Crm::Reminders::Kind::TaskDeadlinePassed && r.title == u"Prepare the offer"_s
                                     && r.due == now.addSecs(2 * 3600);
                             }),
                 qPrintable(reply.value().join(u'\n')));
        for (const auto &r : std::as_const(listed)) {
            QVERIFY2(r.due.date() == now.date() && r.due > now, qPrintable(r.toLine()));
        }
        // AND asking takes nothing: it is still delivered at 14:00 (not checked here), and listed again
        const QDBusReply<QStringList> again = reminders.call(u"upcoming"_s, QDateTime(now.date(), QTime(23, 59, 59), QTimeZone::UTC).toString(Qt::ISODate), 10);
        QCOMPARE(again.value(), reply.value());
    }

    void shouldApplyASettingChangedOverDBus()
    {
        // GIVEN "Prepare the offer", due at 14:00, announced 24 h before
        const QStringList before = received();
        const QString prefix = u"Task deadline approaching | Prepare the offer"_s;

        // WHEN the lead time is set to 2 h 5 min over D-Bus and saved
        QDBusInterface settings(service(), u"/Settings"_s, u"org.kde.kontactcrm.RemindersSettings"_s);
        QVERIFY2(settings.isValid(), qPrintable(settings.lastError().message()));
        const QDBusReply<void> set = settings.call(u"setDeadlineLeadMinutes"_s, 125);
        QVERIFY2(set.isValid(), qPrintable(set.error().message()));
        const QDBusReply<int> lead = settings.call(u"deadlineLeadMinutes"_s);
        QCOMPARE(lead.value(), 125);
        const QDBusReply<void> saved = settings.call(u"save"_s);
        QVERIFY2(saved.isValid(), qPrintable(saved.error().message()));
        const QString marker = addMarker();
        QTRY_VERIFY_WITH_TIMEOUT(hasReceived(marker), 30000);

        // THEN the reminder at the new lead time (11:55, just due) arrives, once; nothing else
        const QStringList got = received();
        const auto approaching = std::count_if(got.cbegin(), got.cend(), [&](const QString &line) {
            return line.startsWith(prefix);
        });
        QCOMPARE(approaching, 2);
        QVERIFY2(got.size() == before.size() + 2, qPrintable(difference(got, before)));
    }

    void shouldSnoozeWhenTheUserClicksSnooze()
    {
        // GIVEN the birthday notification, with its actions (key, label, key, label, …)
        qsizetype index = -1;
        for (qsizetype i = 0; i < m_server.received.size(); ++i) {
            if (m_server.received.at(i).summary == u"Birthday"_s) {
                index = i;
            }
        }
        QVERIFY(index >= 0);
        const QStringList actions = m_server.received.at(index).actions;
        const qsizetype label = actions.indexOf(u"Snooze 15 minutes"_s);
        QVERIFY2(label > 0, qPrintable(actions.join(u',')));
        QVERIFY(callAgent<QString>(u"nextSnooze"_s).isEmpty());

        // WHEN the user clicks it
        m_adaptor->invoke(uint(index + 1), actions.at(label - 1));

        // THEN the reminder comes back 15 minutes after "now"
        QTRY_COMPARE_WITH_TIMEOUT(callAgent<QString>(u"nextSnooze"_s), u"2026-11-26T12:15:00Z"_s, 30000);
    }

    void shouldSkipABadPayloadAndCarryOn()
    {
        // GIVEN the agent running
        const QStringList before = received();
        const qint64 pid = callAgent<qint64>(u"processId"_s);

        // WHEN an item that is no iCalendar at all lands in the CRM calendar
        Akonadi::Item bad;
        bad.setMimeType(u"application/x-vnd.akonadi.calendar.todo"_s);
        bad.setPayloadFromData("BEGIN:VCALENDAR\nthis is not\x01 a calendar");
        auto create = new Akonadi::ItemCreateJob(bad, m_calendar.collection());
        create->exec(); // the resource may refuse to write it; the agent sees it either way
        const QString marker = addMarker();
        QTRY_VERIFY_WITH_TIMEOUT(hasReceived(marker), 30000);

        // THEN the agent is still the same process, and only the marker arrived
        QCOMPARE(callAgent<qint64>(u"processId"_s), pid);
        QVERIFY2(received().size() == before.size() + 1, qPrintable(difference(received(), before)));
    }

    void shouldNeitherRepeatNorMissAfterTheAgentIsKilled()
    {
        // GIVEN what has arrived so far
        const QStringList before = received();
        const qint64 pid = callAgent<qint64>(u"processId"_s);
        QVERIFY(pid > 0);

        // WHEN the agent is killed, a task of mine is added meanwhile, and the agent comes back
        QCOMPARE(::kill(pid_t(pid), SIGKILL), 0);
        const QString marker = addMarker();
        // akonadi_control starts a crashed agent again by itself
        QTRY_VERIFY_WITH_TIMEOUT(agentReady() && callAgent<qint64>(u"processId"_s) != pid, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(hasReceived(marker), 30000);
        const QString second = addMarker();
        QTRY_VERIFY_WITH_TIMEOUT(hasReceived(second), 30000);

        // THEN only the new tasks arrived, each once
        QStringList expected = before;
        expected << marker << second;
        expected.sort();
        QVERIFY2(received() == expected, qPrintable(difference(received(), expected)));
    }

    void shouldNeitherRepeatNorMissAfterAkonadiRestarts()
    {
        // GIVEN what has arrived so far
        const QStringList before = received();
        const qint64 pid = callAgent<qint64>(u"processId"_s);

        // WHEN the Akonadi server is stopped and started again (through
        // akonaditest: stopping it directly ends the test run)
        QVERIFY(AkonadiTest::restartAkonadiServer());
        QTRY_VERIFY_WITH_TIMEOUT(agentReady() && callAgent<qint64>(u"processId"_s) != pid, 60000);
        const QString marker = addMarker();
        QTRY_VERIFY_WITH_TIMEOUT(hasReceived(marker), 30000);

        // THEN nothing was shown again, and the new task was shown once
        QStringList expected = before;
        expected << marker;
        expected.sort();
        QVERIFY2(received() == expected, qPrintable(difference(received(), expected)));
    }
    void shouldShowEachReminderOnceWhileTheClockStepsOverDaysWithRestarts()
    {
        // GIVEN what has arrived so far, at Thursday noon
        const QStringList before = received();

        // WHEN the clock steps a day at a time to Monday, the agent restarted at each step
        QStringList markers;
        for (int day = 1; day <= 4; ++day) {
            QVERIFY(setClock(now.addDays(day)));
            QVERIFY(restartAgent());
            markers << addMarker();
            QTRY_VERIFY_WITH_TIMEOUT(hasReceived(markers.constLast()), 30000);
        }
        const QString marker = markers.constLast();

        // THEN only what fell due meanwhile arrived, once: nothing of the days before again
        const QStringList got = since(before);
        QCOMPARE(countStarting(got, u"Task overdue | Prepare the offer was due "_s), 1);
        QCOMPARE(countStarting(got, u"Contact now | Call Соняшник at "_s), 1);
        // the birthday snoozed on Thursday at 12:00 for 15 minutes
        QCOMPARE(countStarting(got, u"Reminder | Олена Коваль at "_s), 1);
        QCOMPARE(got.count(marker), 1);
        QVERIFY2(got.size() == 3 + markers.size(), qPrintable(got.join(u"; "_s) + calls()));
    }

    void shouldShowWhatFallsDueAfterTheClockJumpsBack()
    {
        // GIVEN the agent at Monday noon, everything due shown
        const QStringList before = received();

        // WHEN the clock jumps back two days (to Saturday noon), and a new
        // task and a person whose birthday is announced on Sunday 09:00 arrive
        QVERIFY(setClock(now.addDays(2)));
        KContacts::Addressee person;
        person.setFormattedName(u"Ігор Бондар"_s);
        person.setBirthday(QDate(1990, 11, 30));
        const auto written = Crm::writeNow(
            m_directory.storage(),
            {{Crm::ItemStorage::withPayload(Akonadi::Item(), person, KContacts::Addressee::mimeType()), m_directory.collections().counterparties()}});
        QCOMPARE(written.size(), 1);
        const QString marker = addMarker();

        // THEN the new task is announced now, and the birthday on Sunday, once
        QTRY_VERIFY_WITH_TIMEOUT(hasReceived(marker), 30000);
        QCOMPARE(countStarting(received(), u"Birthday | Ігор Бондар"_s), 0);
        QVERIFY(setClock(QDateTime(QDate(2026, 11, 29), QTime(9, 0), QTimeZone::UTC)));
        QVERIFY(restartAgent());
        const QString second = addMarker();
        QTRY_VERIFY_WITH_TIMEOUT(hasReceived(second), 30000);
        const QStringList got = since(before);
        QCOMPARE(countStarting(got, u"Birthday | Ігор Бондар has a birthday on "_s), 1);
        QVERIFY2(got.size() == 3, qPrintable(got.join(u"; "_s) + calls()));
    }

    void shouldShowABirthdayOnceWhenTheZoneChanges()
    {
        // GIVEN a person whose birthday (2 December) is announced on 1 December at 09:00
        const QStringList before = received();
        KContacts::Addressee person;
        person.setFormattedName(u"Марія Ткач"_s);
        person.setBirthday(QDate(1979, 12, 2));
        const auto written = Crm::writeNow(
            m_directory.storage(),
            {{Crm::ItemStorage::withPayload(Akonadi::Item(), person, KContacts::Addressee::mimeType()), m_directory.collections().counterparties()}});
        QCOMPARE(written.size(), 1);

        // WHEN it is shown in Kyiv (07:00 UTC), then the user flies to New
        // York, where 09:00 comes at 14:00 UTC, and the agent restarts there
        QVERIFY(setClock(QDateTime(QDate(2026, 12, 1), QTime(8, 0), QTimeZone::UTC), u"Europe/Kyiv"_s));
        QVERIFY(restartAgent());
        QTRY_COMPARE_WITH_TIMEOUT(countStarting(received(), u"Birthday | Марія Ткач"_s), 1, 30000);
        QVERIFY(setClock(QDateTime(QDate(2026, 12, 1), QTime(15, 0), QTimeZone::UTC), u"America/New_York"_s));
        QVERIFY(restartAgent());
        const QString marker = addMarker();
        QTRY_VERIFY_WITH_TIMEOUT(hasReceived(marker), 30000);

        // THEN it was shown once, with its date
        const QStringList got = since(before);
        QCOMPARE(got.count(u"Birthday | Марія Ткач has a birthday on 2 December 2026"_s)
                     + got.count(u"Birthday | Марія Ткач has a birthday on Wednesday, 2 December 2026"_s),
                 1);
        QVERIFY2(got.size() == 2, qPrintable(got.join(u"; "_s) + calls()));
    }

    void shouldAnnounceALateTaskButNotMyOwnTaskNorAContactLoggedAfterTheFact()
    {
        // GIVEN the agent running
        const QStringList before = received();

        // WHEN a task for me arrives two hours after its LAST-MODIFIED (a phone that was offline),
        auto late = task(u"Late task"_s, me, m_now.addDays(10));
        late->setLastModified(m_now.addSecs(-2 * 3600));
        QVERIFY(save(late) > 0);
        // a task I give myself,
        auto own = task(u"My own task"_s, me, m_now.addDays(10));
        own->setOrganizer(KCalendarCore::Person(u"Oksana"_s, me));
        QVERIFY(save(own) > 0);
        // and a contact held five minutes ago, logged now with its result
        auto held = event(u"Call held"_s, u"interaction"_s, m_now.addSecs(-300), 600);
        held->clearAlarms();
        held->setOrganizer(KCalendarCore::Person(u"Oksana"_s, me));
        held->setCreated(m_now);
        Crm::IncidenceEntry::setCrmProperty(held, "RESULT", u"Agreed on the price"_s);
        QVERIFY(save(held) > 0);
        const QString marker = addMarker();
        QTRY_VERIFY_WITH_TIMEOUT(hasReceived(marker), 30000);

        // THEN only the late task is announced (and the marker)
        const QStringList got = since(before);
        QCOMPARE(got.count(u"New task for you | Late task"_s), 1);
        QCOMPARE(countStarting(got, u"New task for you | My own task"_s), 0);
        QCOMPARE(countStarting(got, u"Contact now"_s), 0);
        QVERIFY2(got.size() == 2, qPrintable(got.join(u"; "_s) + calls()));
    }

    void shouldShowTimesWithoutSeconds()
    {
        // GIVEN every notification so far; THEN none shows seconds
        static const QRegularExpression seconds(u"\\d:\\d\\d:\\d\\d"_s);
        const QStringList got = received();
        for (const QString &line : got) {
            QVERIFY2(!seconds.match(line).hasMatch(), qPrintable(line));
        }
    }

    void shouldShowNothingTwiceAfterTheLogIsTruncated()
    {
        // GIVEN the agent's delivery log, with what it showed in the last days
        const QStringList before = received();
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/kontact-crm"_s;
        const QStringList logs = QDir(dir).entryList({u"*reminders-delivered*"_s}, QDir::Files);
        QVERIFY2(!logs.isEmpty(), qPrintable(dir));

        // WHEN the log loses its second half (a full disk, a crash while writing) and the agent restarts a day later
        for (const QString &name : logs) {
            if (name.endsWith(u".damaged"_s)) {
                continue;
            }
            QFile f(dir + u'/' + name);
            QVERIFY(f.resize(f.size() / 2));
        }
        QVERIFY(setClock(m_now.addDays(1), u"America/New_York"_s));
        QVERIFY(restartAgent());
        const QString marker = addMarker();
        QTRY_VERIFY_WITH_TIMEOUT(hasReceived(marker), 30000);

        // THEN nothing shown before is shown again (a snooze shown in the lost half neither)
        QVERIFY2(since(before) == QStringList{marker}, qPrintable(difference(since(before), {marker})));
    }

    void shouldRemindOfTasksForAnyOfMyIdentities()
    {
        // GIVEN the user's identities (unittestenv/xdgconfig/emailidentities):
        // "Work" (the default, with an alias) and "Home"; no setting, no $CRM_USER_EMAIL
        const QStringList before = received();

        // WHEN tasks arrive for the alias, for the second identity and for a colleague
        QVERIFY(save(task(u"For my alias"_s, u"Sales@our-firm.example"_s, m_now.addDays(10))) > 0);
        QVERIFY(save(task(u"For my home address"_s, u"oksana@home.example"_s, m_now.addDays(10))) > 0);
        QVERIFY(save(task(u"For a colleague"_s, colleague, m_now.addDays(10))) > 0);
        const QString marker = addMarker();
        QTRY_VERIFY_WITH_TIMEOUT(hasReceived(marker), 30000);

        // THEN mine are announced, the colleague's not
        QStringList expected{u"New task for you | For my alias"_s, u"New task for you | For my home address"_s, marker};
        expected.sort();
        QVERIFY2(since(before) == expected, qPrintable(difference(since(before), expected)));
    }

    void shouldDeliverWhatItShowsRightBeforeItQuits()
    {
        // GIVEN the agent stopped, and a task of mine added meanwhile
        const QStringList before = received();
        QVERIFY(quitAgent());
        auto todo = task(u"Shown just before quitting"_s, me, m_now.addDays(10));
        QVERIFY(save(todo) > 0);
        const QString line = u"New task for you | Shown just before quitting"_s;

        // WHEN the agent starts, shows it at once (its first notification:
        // KNotifications first asks the server for its capabilities) and is
        // told to quit before that question is answered: this process
        // answers nothing until it runs its event loop again
        QVERIFY(startAgent(false));
        const qint64 pid = callAgent<qint64>(u"processId"_s);
        QVERIFY(QDBusConnection::sessionBus().send(QDBusMessage::createMethodCall(service(), u"/"_s, u"org.freedesktop.Akonadi.Agent.Control"_s, u"quit"_s)));

        // THEN it arrives all the same, and after a restart it is not shown again
        QTRY_VERIFY_WITH_TIMEOUT(hasReceived(line), 30000);
        QVERIFY(waitUntilGone(pid));
        QVERIFY(startAgent());
        const QString marker = addMarker();
        QTRY_VERIFY_WITH_TIMEOUT(hasReceived(marker), 30000);
        QStringList expected{line, marker};
        expected.sort();
        QVERIFY2(since(before) == expected, qPrintable(difference(since(before), expected)));
    }

    void shouldNameManyRemindersThatFellDueWhileAwayInOneNotification()
    {
        // GIVEN the agent stopped, and 25 tasks of mine added meanwhile:
        // more than are shown one by one (20)
        const QStringList before = received();
        QVERIFY(quitAgent());
        for (int i = 0; i < 25; ++i) {
            QVERIFY(save(task(u"Batch task %1"_s.arg(i, 2, 10, QLatin1Char('0')), me, m_now.addDays(10))) > 0);
        }

        // WHEN it starts
        QVERIFY(startAgent());
        const QString marker = addMarker();
        QTRY_VERIFY_WITH_TIMEOUT(hasReceived(marker), 30000);

        // THEN 19 are shown one by one and the other 6 named in one
        // notification, which opens the CRM; after a restart none comes again
        const QStringList got = since(before);
        QVERIFY2(got.size() == 21, qPrintable(got.join(u"; "_s)));
        QCOMPARE(countStarting(got, u"New task for you | Batch task "_s), 19);
        QCOMPARE(countStarting(got, u"6 more reminders | "_s), 1);
        const auto missed = std::find_if(m_server.received.cbegin(), m_server.received.cend(), [](const auto &n) {
            return n.summary == u"6 more reminders"_s;
        });
        QVERIFY(missed != m_server.received.cend());
        QVERIFY2(missed->actions.contains(u"Open"_s), qPrintable(missed->actions.join(u',')));
        QVERIFY(quitAgent());
        QVERIFY(startAgent());
        const QString second = addMarker();
        QTRY_VERIFY_WITH_TIMEOUT(hasReceived(second), 30000);
        QCOMPARE(since(before).size(), 22);
    }

    void shouldAnnounceALetterOnItsNotifyListOnce()
    {
        // GIVEN no register yet, and the agent running
        const QStringList before = received();
        QString error;
        // WHEN the register is made and letters are registered for me, for a
        // colleague, and for the colleague and my alias
        const auto folder = Crm::registerFolderNow(Crm::CollectionLocator::Mode::CreateIfMissing, &error);
        QVERIFY2(folder, qPrintable(error));
        const auto registerFor = [this, &folder, &error](const QString &subject, const QStringList &notify) {
            Crm::Letter l;
            l.direction = Crm::Letter::Direction::Incoming;
            l.registrationDate = m_now.date();
            l.kind = {u"Letter"_s};
            l.subject = subject;
            for (const QString &email : notify) {
                l.notify.append(Crm::Participant{{}, {}, email});
            }
            return Crm::registerNow(l, Crm::NumberPattern::defaultFor(l.direction), *folder, &error);
        };
        // (once the agent watches it: its clock runs days ahead of the
        // items' modification times, so a letter it first read at a start
        // would count as old; at the real time it is as new as one it hears of)
        QTRY_VERIFY_WITH_TIMEOUT(callAgent<QStringList>(u"watchedCollections"_s).contains(QString::number(folder->id())), 30000);
        QVERIFY2(registerFor(u"Not for me"_s, {colleague}), qPrintable(error));
        const auto mine = registerFor(u"Договір на підпис"_s, {me});
        QVERIFY2(mine, qPrintable(error));
        const auto ours = registerFor(u"For us both"_s, {colleague, u"Sales@our-firm.example"_s});
        QVERIFY2(ours, qPrintable(error));
        const QString forMe = u"New letter for you | "_s + mine->letter.number + u": Договір на підпис"_s;
        const QString forUs = u"New letter for you | "_s + ours->letter.number + u": For us both"_s;
        // THEN the agent finds the new register and announces mine
        QTRY_VERIFY_WITH_TIMEOUT(hasReceived(forMe) && hasReceived(forUs), 30000);
        const QString marker = addMarker();
        QTRY_VERIFY_WITH_TIMEOUT(hasReceived(marker), 30000);

        // WHEN my letter is archived and restored, and the agent restarted
        QVERIFY2(Crm::archiveNow(*folder, Crm::ArchiveLettersJob::Action::Archive, {mine->letter.number}, &error), qPrintable(error));
        // (restored once a listing shows it archived: on PostgreSQL a listing
        // right after the move sometimes has the letter in neither folder;
        // what this case checks is what the agent announces)
        const auto archivedNow = [&folder, &mine] {
            const auto all = Crm::lettersNow(*folder, Crm::ListLettersJob::Detail::Headers, nullptr, Crm::ListLettersJob::Scope::All);
            return all && std::any_of(all->cbegin(), all->cend(), [&mine](const Crm::StoredLetter &s) {
                       return s.itemId == mine->itemId && s.letter.archived;
                   });
        };
        QTRY_VERIFY_WITH_TIMEOUT(archivedNow(), 30000);
        QVERIFY2(Crm::archiveNow(*folder, Crm::ArchiveLettersJob::Action::Restore, {mine->letter.number}, &error), qPrintable(error));
        QVERIFY(restartAgent());
        const QString again = addMarker();
        QTRY_VERIFY_WITH_TIMEOUT(hasReceived(again), 30000);

        // THEN each of mine was announced once, the colleague's never
        QStringList expected{forMe, forUs, marker, again};
        expected.sort();
        QVERIFY2(since(before) == expected, qPrintable(difference(since(before), expected)));
    }

    void shouldOpenKontactOnTheCrmWhenTheUserClicksOpen()
    {
        // GIVEN the latest notification (shown by the running agent)
        QVERIFY(!m_server.received.isEmpty());
        const uint id = uint(m_server.received.size());
        const QString opened = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/kontact-opened"_s;
        QFile::remove(opened);

        // WHEN the user clicks it (its default action, Open)
        m_adaptor->invoke(id, u"default"_s);

        // THEN Kontact (a stand-in first in PATH) starts on the CRM's page
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(opened), 30000);
        QFile file(opened);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll().trimmed(), QByteArray("--module kontact_crmplugin"));
    }

    void shouldTakeALeadTimeSavedInTheSettingsModule()
    {
        // GIVEN the running agent and the settings module's reminders page
        QDBusInterface agentSettings(service(), u"/Settings"_s, u"org.kde.kontactcrm.RemindersSettings"_s);
        QVERIFY2(agentSettings.isValid(), qPrintable(agentSettings.lastError().message()));
        const int before = QDBusReply<int>(agentSettings.call(u"deadlineLeadMinutes"_s)).value();
        const qint64 pid = callAgent<qint64>(u"processId"_s);
        Crm::RemindersPage page;
        page.load();
        QCOMPARE(page.deadlineLead()->value(), before);

        // WHEN a new lead time is saved there
        page.deadlineLead()->setValue(before + 45);
        page.save();

        // THEN the running agent has it, without a restart
        QTRY_COMPARE_WITH_TIMEOUT(QDBusReply<int>(agentSettings.call(u"deadlineLeadMinutes"_s)).value(), before + 45, 10000);
        QCOMPARE(callAgent<qint64>(u"processId"_s), pid);
    }

    /// A fresh directory, as a cold crmctl opens it; nothing when it is not
    /// brought up to date as the agent vouched.
    static std::unique_ptr<Crm::Directory> vouchedDirectory()
    {
        auto directory = std::make_unique<Crm::Directory>();
        QString error;
        if (!Crm::openNow(*directory, Crm::Directory::OpenMode::Existing, &error) || !directory->cache().lastStats().vouched) {
            return nullptr;
        }
        return directory;
    }

    void shouldKeepTheDirectoryIndexForColdProcesses()
    {
        // GIVEN the running agent, and a counterparty and an employee stored after it started
        QTRY_VERIFY_WITH_TIMEOUT(agentReady(), 60000);
        Crm::Counterparty farm;
        farm.uid = u"urn:uuid:0f6c1d1e-5a7b-4c9e-9d55-6f1f4bfb0a11"_s;
        farm.name = u"ТОВ «Вартовий»"_s;
        farm.phones = {u"+380 44 555 01 23"_s};
        Crm::Employee clerk;
        clerk.uid = u"urn:uuid:7a3e4b1c-2d8f-4e6a-b1c9-0e5d4f3a2b10"_s;
        clerk.name = u"Марта Стельмах"_s;
        const auto written =
            Crm::writeNow(m_directory.storage(),
                          {{Crm::ItemStorage::withPayload(Akonadi::Item(), Crm::VCardMapping::toAddressee(farm), KContacts::Addressee::mimeType()),
                            m_directory.collections().counterparties()},
                           {Crm::ItemStorage::withPayload(Akonadi::Item(), Crm::VCardMapping::toAddressee(clerk), KContacts::Addressee::mimeType()),
                            m_directory.collections().employees()}});
        QCOMPARE(written.size(), 2);
        QVERIFY(written.at(0).item.isValid() && written.at(1).item.isValid());

        // THEN a process opening the directory cold is vouched for by the
        // agent (no listing of what changed) and finds both
        const auto finds = [](const Crm::Directory &d, const QString &text, const QString &name) {
            const auto hits = d.index().find(text);
            return std::any_of(hits.cbegin(), hits.cend(), [&name](const auto &hit) {
                return hit.entry.displayName == name;
            });
        };
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const auto d = vouchedDirectory();
                return d && finds(*d, u"0445550123"_s, farm.name) && finds(*d, u"Стельмах"_s, clerk.name);
            }(),
            30000);

        // WHEN the counterparty's phone changes and the employee leaves
        farm.phones = {u"+380 44 555 09 87"_s};
        Akonadi::Item changed = Crm::ItemStorage::withPayload(written.at(0).item, Crm::VCardMapping::toAddressee(farm), KContacts::Addressee::mimeType());
        QCOMPARE(Crm::writeNow(m_directory.storage(), {{changed, m_directory.collections().counterparties()}}).size(), 1);
        QVERIFY(Crm::waitForDone([&](const Crm::DoneCallback &done) {
            auto job = m_directory.storage().remove({written.at(1).item.id()});
            QObject::connect(job, &KJob::result, job, [job, done] {
                done(job->error() ? job->errorString() : QString());
            });
        }));

        // THEN the next cold open, still vouched for, has both changes
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const auto d = vouchedDirectory();
                return d && finds(*d, u"0445550987"_s, farm.name) && !finds(*d, u"0445550123"_s, farm.name) && !finds(*d, u"Стельмах"_s, clerk.name);
            }(),
            30000);
        // AND the employees' book was watched for the directory, not fetched for nothing
        QCOMPARE(callAgent<int>(u"ignoredItems"_s), 0);
    }

    void shouldKeepTheCalendarIndexForColdProcesses()
    {
        // GIVEN the running agent and a task stored after it started
        QTRY_VERIFY_WITH_TIMEOUT(agentReady(), 60000);
        auto todo = task(u"Check the keeper"_s, colleague, now.addDays(3));
        todo->setUid(u"urn:uuid:3c1b7e2a-9f4d-4b8e-a6c2-5d0e1f2a3b4c"_s);
        const qint64 id = save(todo);
        QVERIFY(id > 0);
        // THEN a process opening the calendar cold is vouched for and has it
        const auto vouchedCalendarHas = [](const QString &uid, const QString &summary) {
            Crm::CalendarSession calendar;
            QString error;
            if (!Crm::openNow(calendar, Crm::CalendarSession::OpenMode::Existing, &error) || !calendar.cache().lastStats().vouched) {
                return false;
            }
            const auto entries = calendar.index().byUid(uid);
            return summary.isEmpty() ? entries.isEmpty() : entries.size() == 1 && entries.constFirst().summary == summary;
        };
        QTRY_VERIFY_WITH_TIMEOUT(vouchedCalendarHas(todo->uid(), todo->summary()), 30000);
        // AND after the task is removed, without it
        QVERIFY(Crm::waitForDone([&](const Crm::DoneCallback &done) {
            auto job = m_calendar.storage().remove({id});
            QObject::connect(job, &KJob::result, job, [job, done] {
                done(job->error() ? job->errorString() : QString());
            });
        }));
        QTRY_VERIFY_WITH_TIMEOUT(vouchedCalendarHas(todo->uid(), QString()), 30000);
    }
};

QTEST_AKONADIMAIN(ReminderAgentTest)
#include "reminderagenttest.moc"
