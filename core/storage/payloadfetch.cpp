// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "payloadfetch.h"

#include "crmcore_debug.h"

#include <Akonadi/ItemFetchJob>
#include <Akonadi/ItemFetchScope>
#include <Akonadi/Session>

#include <QCoreApplication>
#include <QHash>
#include <QPointer>
#include <QSet>
#include <QThread>
#include <QTimer>

#include <chrono>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace Crm::PayloadFetch
{

namespace
{

/// The application, when this is its thread: what the timer of this
/// thread is deleted with.
QObject *ownerHere()
{
    QCoreApplication *app = QCoreApplication::instance();
    return app && app->thread() == QThread::currentThread() ? app : nullptr;
}

/// The sessions of this thread that payloads are read in. Not the default
/// session: the CRM's other jobs there (listing what changed, writing) must
/// not queue behind an access-time write. A second one and more only while
/// the server still holds the first after sending a fetch's items.
class FetchSessions
{
public:
    using Run = std::function<void(Akonadi::Session *)>;

    /// More would only add server threads and database connections while
    /// the database is busy: past that, fetches queue as they did before.
    static constexpr int maxSessions = 4;
    /// How long a fetch waits for a session to be let go before it goes to
    /// another one: the access-time write takes a millisecond or two unless
    /// another writer holds the database.
    static constexpr std::chrono::milliseconds grace{50};

    /// Calls @p run with the session to fetch in: one the server is done
    /// with, at once or within the grace; else another.
    void whenFree(const Run &run)
    {
        if (m_waiting.isEmpty() && (m_sessions.isEmpty() || free())) {
            run(another());
            return;
        }
        m_waiting << run;
        if (!m_timer) {
            m_timer = new QTimer(ownerHere());
            m_timer->setSingleShot(true);
            m_timer->setInterval(grace);
            QObject::connect(m_timer, &QTimer::timeout, m_timer, [this] {
                runWaiting(another());
            });
        }
        if (!m_timer->isActive()) {
            m_timer->start();
        }
    }

    void hold(Akonadi::Session *session)
    {
        ++m_held[session];
    }

    void release(Akonadi::Session *session)
    {
        if (--m_held[session] > 0) {
            return;
        }
        m_held.remove(session);
        runWaiting(session);
    }

private:
    /// A session the server is done with, or null.
    Akonadi::Session *free() const
    {
        for (const QPointer<Akonadi::Session> &session : std::as_const(m_sessions)) {
            if (session && !m_held.value(session.data())) {
                return session.data();
            }
        }
        return nullptr;
    }

    /// A free session, else a new one, else (at the most) the first.
    Akonadi::Session *another()
    {
        if (Akonadi::Session *session = free()) {
            return session;
        }
        if (m_sessions.size() >= maxSessions) {
            return m_sessions.constFirst().data();
        }
        const QByteArray name = "crm-fetch-" + QByteArray::number(QCoreApplication::applicationPid()) + '-' + QByteArray::number(m_sessions.size());
        // Kept for the thread's life, as Akonadi keeps its default session:
        // a session deleted with the application waits for its connection's
        // thread (ten seconds at crmctl's exit).
        auto session = new Akonadi::Session(name);
        if (!m_sessions.isEmpty()) {
            qCDebug(CRM_CORE_LOG) << "the server still writes after a fetch; fetching in another session" << name;
        }
        m_sessions << session;
        return session;
    }

    void runWaiting(Akonadi::Session *session)
    {
        if (m_timer) {
            m_timer->stop();
        }
        const QList<Run> waiting = std::exchange(m_waiting, {});
        for (const Run &run : waiting) {
            run(session);
        }
    }

    QHash<Akonadi::Session *, int> m_held; ///< fetches whose items came, not their end
    QList<QPointer<Akonadi::Session>> m_sessions;
    QList<Run> m_waiting;
    QPointer<QTimer> m_timer;
};

thread_local FetchSessions sessions;

/// One fetch: the items as they arrive, reported once (see start()).
struct Fetch {
    QSet<Akonadi::Item::Id> missing;
    Akonadi::Item::List items;
    QPointer<QObject> context;
    Ready ready;
    bool reported = false;
    bool held = false;

    void report(const QString &error)
    {
        if (reported) {
            return;
        }
        reported = true;
        if (context) {
            ready(items, items.isEmpty() ? error : QString());
        }
    }
};

} // namespace

void start(const Akonadi::Item::List &items, const std::function<void(Akonadi::ItemFetchScope &)> &scope, QObject *context, const Ready &ready)
{
    auto fetch = std::make_shared<Fetch>();
    for (const Akonadi::Item &item : items) {
        fetch->missing.insert(item.id());
    }
    fetch->context = context;
    fetch->ready = ready;

    sessions.whenFree([fetch, items, scope](Akonadi::Session *session) {
        if (!fetch->context) {
            return;
        }
        auto job = new Akonadi::ItemFetchJob(items, session);
        scope(job->fetchScope());
        job->setDeliveryOption(Akonadi::ItemFetchJob::EmitItemsIndividually);
        QObject::connect(job, &Akonadi::ItemFetchJob::itemsReceived, job, [fetch, session, job](const Akonadi::Item::List &received) {
            for (const Akonadi::Item &item : received) {
                fetch->items << item;
                fetch->missing.remove(item.id());
            }
            if (!fetch->missing.isEmpty()) {
                return;
            }
            // The server still has to write the access time, a moment's
            // work unless another writer holds the database. Only a job
            // that has not ended after the grace is reported without its
            // end: otherwise the caller's next write would run beside that
            // write, which Akonadi's own clients never do.
            QTimer::singleShot(FetchSessions::grace, job, [fetch, session] {
                if (!fetch->reported) {
                    fetch->held = true; // left alone until the server has written
                    sessions.hold(session);
                    fetch->report({});
                }
            });
        });
        QObject::connect(job, &KJob::result, job, [fetch, session, job] {
            if (fetch->held) {
                sessions.release(session);
            }
            fetch->report(job->error() ? job->errorString() : QString());
        });
    });
}

} // namespace Crm::PayloadFetch
