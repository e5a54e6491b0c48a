// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "writebarrier.h"

#include "categorytags.h"
#include "crmcore_debug.h"
#include "recordgid.h"
#include "resourcejournal.h"

#include <Akonadi/AgentManager>
#include <Akonadi/AgentType>
#include <Akonadi/CollectionFetchJob>
#include <Akonadi/ItemCreateJob>
#include <Akonadi/ItemDeleteJob>
#include <Akonadi/ItemFetchJob>
#include <Akonadi/ItemFetchScope>
#include <Akonadi/ItemModifyJob>
#include <Akonadi/ServerManager>
#include <KCalendarCore/Incidence>
#include <KContacts/Addressee>
#include <KLocalizedString>

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusServiceWatcher>
#include <QDataStream>
#include <QDir>
#include <QElapsedTimer>
#include <QPointer>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTimer>

#include <algorithm>
#include <cerrno>
#include <csignal>

using namespace Qt::Literals::StringLiterals;

namespace Crm::WriteBarrier
{

namespace
{
QString describe(const Akonadi::Item &item)
{
    return item.gid().isEmpty() ? i18n("item %1", item.id()) : i18n("record %1 (item %2)", item.gid(), item.id());
}

// A vCard being re-created is kept here between its removal and its
// creation, so a crash in between loses nothing: the next repair restores it.
QString rescueDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/kontact-crm/rescue"_s;
}

QString rescuePath(const Akonadi::Item &item)
{
    return rescueDir() + u'/' + QString::number(item.parentCollection().id()) + u'-' + QString::number(item.id());
}

bool saveAside(const Akonadi::Item &item)
{
    QDir().mkpath(rescueDir());
    QSaveFile file(rescuePath(item));
    if (!file.open(QIODevice::WriteOnly)) {
        return false;
    }
    QDataStream out(&file);
    out << item.mimeType() << item.gid() << item.payloadData();
    return out.status() == QDataStream::Ok && file.commit();
}

/// Creates @p item in @p collection with the tags of its categories, as
/// every CRM write does (CategoryTags): a record written anew by a repair
/// keeps its groups or kind on a DAV server, which takes CATEGORIES from
/// the tags. Calls @p done with the finished job.
void createWithTags(const Akonadi::Item &item,
                    const Akonadi::Collection &collection,
                    QObject *context,
                    const std::function<void(Akonadi::ItemCreateJob *job)> &done)
{
    CategoryTags::resolve(CategoryTags::of(item), context, [item, collection, context, done](const CategoryTags::Tags &tags) {
        auto job = new Akonadi::ItemCreateJob(RecordGid::withGid(CategoryTags::applied(item, tags)), collection, context);
        QObject::connect(job, &KJob::result, context, [job, done] {
            done(job);
        });
    });
}

/// Marks @p item as written again now: LAST-MODIFIED of an incidence, REV
/// of a vCard. Akonadi sends no change notification for a payload equal to
/// the stored one, so without a real change the resource would never hear
/// of it.
bool touch(Akonadi::Item &item)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (item.hasPayload<KCalendarCore::Incidence::Ptr>()) {
        // A copy: the payload is shared with the item it came from.
        KCalendarCore::Incidence::Ptr incidence(item.payload<KCalendarCore::Incidence::Ptr>()->clone());
        incidence->setLastModified(now);
        item.setPayload(incidence);
        return true;
    }
    if (item.hasPayload<KContacts::Addressee>()) {
        auto contact = item.payload<KContacts::Addressee>();
        contact.setRevision(now);
        item.setPayload(contact);
        return true;
    }
    return false;
}

} // namespace

bool isCommitted(const Akonadi::Item &now, const Akonadi::Item &written)
{
    if (now.remoteId().isEmpty()) {
        return false;
    }
    if (written.remoteId().isEmpty() || !written.modificationTime().isValid()) {
        return true; // a new item: the remote id is the resource's commit
    }
    // A change to an item that was on disk already: the resource's commit
    // moves the modification time (not the revision); a server's resource
    // (DAV, IMAP) also gives it a new remote revision.
    // An IMAP account stores a changed message anew, under a new remote id.
    return now.remoteId() != written.remoteId() || now.remoteRevision() != written.remoteRevision() || now.modificationTime() > written.modificationTime();
}

bool isCommitUnseeable(const Akonadi::Item &now, const Akonadi::Item &written)
{
    // On PostgreSQL and MySQL Akonadi keeps modification times to the whole
    // second: a commit within the second of the write leaves no trace.
    return !now.remoteId().isEmpty() && !written.remoteId().isEmpty() && written.modificationTime().isValid() && written.modificationTime().time().msec() == 0
        && now.modificationTime() == written.modificationTime();
}

namespace
{
QStringList &offlineAccountList()
{
    static QStringList names;
    return names;
}
} // namespace

QStringList offlineAccounts()
{
    return offlineAccountList();
}

int stallTimeoutMs()
{
    bool ok = false;
    const int ms = qEnvironmentVariableIntValue("CRM_WRITE_STALL_MS", &ok);
    return ok && ms > 0 ? ms : 30000;
}

namespace
{
/// How long a write whose commit cannot be seen (isCommitUnseeable) is
/// given before its idle, online resource is taken to have written it.
constexpr qint64 unseeableCommitSettleMs = 3000;

/// How long a write waits before the barrier asks whether its account is
/// offline: a prompt write never pays for the question (nor changes its
/// timing), an offline one returns within about half a second.
constexpr qint64 offlineCheckAfterMs = 300;

/// Whether @p resource keeps its items in local files, whose commit of a
/// change leaves the remote id and revision as they were. A server's
/// resource (IMAP, DAV) gives a committed change a new one, so its commit
/// is always seen and never assumed.
bool writesLocalFiles(const Akonadi::AgentInstance &resource)
{
    static const QStringList localTypes{u"akonadi_contacts_resource"_s,
                                        u"akonadi_icaldir_resource"_s,
                                        u"akonadi_ical_resource"_s,
                                        u"akonadi_vcard_resource"_s,
                                        u"akonadi_vcarddir_resource"_s,
                                        u"akonadi_maildir_resource"_s,
                                        u"akonadi_mixedmaildir_resource"_s};
    return localTypes.contains(resource.type().identifier());
}

/// Whether @p resource keeps what is stored while it is offline and sends
/// it once online, so that a write need not wait for it: a CalDAV/CardDAV
/// account. (A local folder's resource is never offline but when it cannot
/// write; the IMAP register needs the server's copy for its numbers.)
bool sendsWhenOnline(const Akonadi::AgentInstance &resource)
{
    return resource.type().identifier() == u"akonadi_davgroupware_resource"_s;
}

/// An ItemFetchJob for the state of @p ids as the barrier reads it.
Akonadi::ItemFetchJob *stateJob(const QList<Akonadi::Item::Id> &ids, bool payload, QObject *parent)
{
    Akonadi::Item::List items;
    items.reserve(ids.size());
    for (const auto id : ids) {
        items << Akonadi::Item(id);
    }
    auto job = new Akonadi::ItemFetchJob(items, parent);
    job->fetchScope().fetchFullPayload(payload);
    job->fetchScope().setAncestorRetrieval(Akonadi::ItemFetchScope::Parent);
    job->fetchScope().setCacheOnly(true);
    job->fetchScope().setFetchModificationTime(true);
    job->fetchScope().setFetchGid(true);
    job->fetchScope().setIgnoreRetrievalErrors(true);
    return job;
}

/// Fetches the state of many ids in chunks, one after the other, so one
/// command never names thousands of items; then calls @p done with what
/// was found and whether every fetch succeeded.
class ChunkedFetch : public QObject
{
public:
    using Done = std::function<void(const Akonadi::Item::List &items, bool ok)>;
    ChunkedFetch(const QList<Akonadi::Item::Id> &ids, bool payload, QObject *parent, Done done)
        : QObject(parent)
        , m_ids(ids)
        , m_payload(payload)
        , m_done(std::move(done))
    {
        next();
    }

private:
    void next()
    {
        constexpr qsizetype chunk = 2000;
        if (m_at >= m_ids.size()) {
            const Done done = m_done;
            const Akonadi::Item::List items = m_items;
            const bool ok = m_ok;
            deleteLater();
            done(items, ok);
            return;
        }
        const auto ids = m_ids.mid(m_at, chunk);
        m_at += ids.size();
        auto job = stateJob(ids, m_payload, this);
        connect(job, &KJob::result, this, [this, job] {
            if (job->error()) {
                // Say while the server restarts: then a missing id says nothing.
                qCDebug(CRM_CORE_LOG) << "write barrier: fetch failed:" << job->errorString();
                m_ok = false;
            }
            m_items << job->items();
            next();
        });
    }

    QList<Akonadi::Item::Id> m_ids;
    bool m_payload;
    Done m_done;
    qsizetype m_at = 0;
    Akonadi::Item::List m_items;
    bool m_ok = true;
};

/// The one tracker of pending writes (see waitCommitted). Polled: a
/// resource's commit of a change to an item that already had a remote id
/// sends no notification (only its modification time moves), so a monitor
/// could not see it; a re-fetch sees both cases.
class PendingWrites : public QObject
{
public:
    /// Gives up after @p idleMs without progress while the resources have
    /// nothing queued (their notifications were lost), after @p stallMs
    /// while they have changes queued and neither those nor ours move.
    PendingWrites(const Akonadi::Item::List &items, int idleMs, int stallMs, QObject *context, CommittedCallback done)
        : QObject(context)
        , m_idleMs(std::min(idleMs, stallMs))
        , m_stallMs(stallMs)
        , m_done(std::move(done))
    {
        for (const Akonadi::Item &item : items) {
            if (item.isValid()) {
                m_pending.insert(item.id(), item);
            }
        }
        m_sinceProgress.start();
        m_sinceStart.start();
        // From the event loop, so the caller's call returns first.
        QTimer::singleShot(0, this, &PendingWrites::poll);
    }

private:
    /// An offline DAV account writes nothing until it connects; Akonadi
    /// keeps the change for it meanwhile. Its items are not waited for: they
    /// count as stored, and the account is named (offlineAccounts()).
    void skipOfflineResources()
    {
        QSet<Akonadi::Collection::Id> folders;
        for (const Akonadi::Item &item : std::as_const(m_pending)) {
            if (item.parentCollection().isValid()) {
                folders.insert(item.parentCollection().id());
            }
        }
        if (folders.isEmpty()) {
            poll();
            return;
        }
        Akonadi::Collection::List collections;
        for (const auto id : std::as_const(folders)) {
            collections << Akonadi::Collection(id);
        }
        auto job = new Akonadi::CollectionFetchJob(collections, Akonadi::CollectionFetchJob::Base, this);
        connect(job, &KJob::result, this, [this, job] {
            QSet<Akonadi::Collection::Id> offline;
            const auto found = job->collections();
            for (const Akonadi::Collection &c : found) {
                m_resourceOf.insert(c.id(), c.resource());
                const Akonadi::AgentInstance resource = Akonadi::AgentManager::self()->instance(c.resource());
                if (resource.isValid() && !resource.isOnline() && sendsWhenOnline(resource)) {
                    offline.insert(c.id());
                    if (!offlineAccountList().contains(resource.name())) {
                        offlineAccountList() << resource.name();
                    }
                }
            }
            for (auto it = m_pending.begin(); it != m_pending.end();) {
                if (offline.contains(it->parentCollection().id())) {
                    m_committed.insert(it.key(), it.value());
                    it = m_pending.erase(it);
                } else {
                    ++it;
                }
            }
            poll();
        });
    }

    void poll()
    {
        if (m_pending.isEmpty()) {
            finish();
            return;
        }
        // A resource writes in the order of its notifications, roughly the
        // order of item ids: look at the oldest pending items only, so a
        // wait for 8,000 items does not fetch 8,000 items every poll and
        // slow down the server the resource is talking to.
        QList<Akonadi::Item::Id> oldest = m_pending.keys();
        std::sort(oldest.begin(), oldest.end());
        oldest.resize(std::min<qsizetype>(oldest.size(), 200));
        auto job = stateJob(oldest, false, this);
        connect(job, &KJob::result, this, [this, job, oldest] {
            const bool fetched = !job->error();
            const bool progress = take(job->items());
            // An item removed meanwhile (by another program) has nothing left
            // to write; after a failed fetch, a missing item is only unknown.
            if (fetched) {
                QSet<Akonadi::Item::Id> present;
                for (const Akonadi::Item &item : job->items()) {
                    present.insert(item.id());
                }
                for (const Akonadi::Item::Id id : oldest) {
                    if (!present.contains(id)) {
                        m_pending.remove(id);
                    }
                }
            }
            if (m_pending.isEmpty()) {
                finish();
                return;
            }
            const bool busy = resourcesBusy();
            if (progress) {
                m_sinceProgress.restart();
                m_interval = 5;
            } else if (!m_offlineChecked && m_sinceStart.elapsed() >= offlineCheckAfterMs) {
                m_offlineChecked = true;
                skipOfflineResources();
                return;
            } else if (m_journalsMoved) {
                m_sinceProgress.restart();
            } else if (m_sinceProgress.elapsed() >= (busy ? m_stallMs : m_idleMs)) {
                checkAll();
                return;
            }
            QTimer::singleShot(m_interval, this, &PendingWrites::poll);
            m_interval = std::min(m_interval * 2, 200);
        });
    }

    /// Reads the journals of the resources of the pending items (known
    /// once the offline check looked them up): whether any has changes
    /// queued, and m_journalsMoved whether any moved since the last look.
    bool resourcesBusy()
    {
        m_journalsMoved = false;
        bool queued = false;
        QSet<QString> resources;
        for (const QString &resource : std::as_const(m_resourceOf)) {
            resources.insert(resource);
        }
        for (const QString &resource : std::as_const(resources)) {
            const ResourceJournal::Head now = ResourceJournal::ofResource(resource);
            const auto before = m_journals.constFind(resource);
            if (before != m_journals.cend() && !(*before == now)) {
                m_journalsMoved = true;
            }
            m_journals.insert(resource, now);
            queued = queued || now.queued > 0;
        }
        return queued;
    }

    /// Stalled on the oldest: the younger ones may have been written.
    void checkAll()
    {
        new ChunkedFetch(m_pending.keys(), false, this, [this](const Akonadi::Item::List &items, bool) {
            take(items);
            finish();
        });
    }

    /// Moves the committed of @p now out of the pending; true if any was.
    bool take(const Akonadi::Item::List &now)
    {
        bool progress = false;
        for (const Akonadi::Item &item : now) {
            const auto it = m_pending.constFind(item.id());
            if (it != m_pending.cend() && (isCommitted(item, *it) || (isCommitUnseeable(item, *it) && resourceSettled(item)))) {
                m_committed.insert(item.id(), item);
                m_pending.remove(item.id());
                progress = true;
            }
        }
        return progress;
    }

    void finish()
    {
        if (!m_pending.isEmpty()) {
            qCWarning(CRM_CORE_LOG) << m_pending.size() << "items not written by their resource within" << m_idleMs << "ms of no progress (" << m_stallMs
                                    << "ms while it had changes queued)";
        }
        const CommittedCallback done = m_done;
        const auto committed = m_committed;
        const auto stalled = m_pending.values();
        deleteLater();
        done(committed, stalled);
    }

    int m_idleMs;
    int m_stallMs;
    QHash<QString, ResourceJournal::Head> m_journals; ///< by resource, at the last poll
    bool m_journalsMoved = false;
    CommittedCallback m_done;
    QHash<Akonadi::Item::Id, Akonadi::Item> m_pending;
    QHash<Akonadi::Item::Id, Akonadi::Item> m_committed;
    /// Whether the resource of @p item has had time to write it: a few
    /// seconds since the write, and it is online and idle. Asked only when
    /// its commit cannot be seen (isCommitUnseeable): a resource that is
    /// offline or stuck keeps the write pending, a notification lost within
    /// those seconds is not noticed. The first ask for a folder looks up
    /// its resource and answers no.
    bool resourceSettled(const Akonadi::Item &item)
    {
        if (m_sinceStart.elapsed() < unseeableCommitSettleMs) {
            return false;
        }
        const Akonadi::Collection::Id folder = item.parentCollection().id();
        const auto known = m_resourceOf.constFind(folder);
        if (known == m_resourceOf.cend()) {
            if (!m_askedFolders.contains(folder)) {
                m_askedFolders.insert(folder);
                auto job = new Akonadi::CollectionFetchJob(Akonadi::Collection(folder), Akonadi::CollectionFetchJob::Base, this);
                connect(job, &KJob::result, this, [this, job, folder] {
                    if (!job->error() && !job->collections().isEmpty()) {
                        m_resourceOf.insert(folder, job->collections().constFirst().resource());
                    }
                });
            }
            return false;
        }
        const Akonadi::AgentInstance resource = Akonadi::AgentManager::self()->instance(known.value());
        return resource.isValid() && writesLocalFiles(resource) && resource.isOnline() && resource.status() == Akonadi::AgentInstance::Idle;
    }

    QElapsedTimer m_sinceProgress;
    QElapsedTimer m_sinceStart;
    int m_interval = 5;
    bool m_offlineChecked = false;
    QHash<Akonadi::Collection::Id, QString> m_resourceOf;
    QSet<Akonadi::Collection::Id> m_askedFolders;
};

} // namespace

void waitCommitted(const Akonadi::Item::List &items, QObject *context, const CommittedCallback &done, int stallMs)
{
    new PendingWrites(items, stallMs, stallMs, context, done);
}

namespace
{
/// rewrite() as a chain of jobs: waits for the resources to run, reads the
/// items, stores each again (or re-creates it), then waits for the commits.
class Rewriter : public QObject
{
public:
    Rewriter(const Akonadi::Item::List &items, QObject *context, RewriteCallback done)
        : QObject(context)
        , m_done(std::move(done))
    {
        QSet<Akonadi::Collection::Id> seen;
        for (const Akonadi::Item &item : items) {
            m_ids << item.id();
            m_parents.insert(item.id(), item.parentCollection());
            const Akonadi::Collection c = item.parentCollection();
            if (c.isValid() && !seen.contains(c.id())) {
                seen.insert(c.id());
                m_collections << c;
            }
        }
        QTimer::singleShot(0, this, &Rewriter::nextResource);
    }

private:
    /// Waits (up to 10 s each) until the resource of every collection runs:
    /// a change stored while it is not subscribed (say, just after a server
    /// restart) would be lost again.
    void nextResource()
    {
        if (m_collections.isEmpty()) {
            readItems();
            return;
        }
        const Akonadi::Collection c = m_collections.takeFirst();
        if (!c.resource().isEmpty()) {
            waitForService(c.resource());
            return;
        }
        auto job = new Akonadi::CollectionFetchJob(c, Akonadi::CollectionFetchJob::Base, this);
        connect(job, &KJob::result, this, [this, job] {
            if (job->error() || job->collections().isEmpty()) {
                nextResource();
            } else {
                waitForService(job->collections().constFirst().resource());
            }
        });
    }

    void waitForService(const QString &resource)
    {
        if (resource.isEmpty()) {
            nextResource();
            return;
        }
        const QString service = Akonadi::ServerManager::agentServiceName(Akonadi::ServerManager::Resource, resource);
        // Watched before the look, so a registration in between is not missed.
        auto watcher = new QDBusServiceWatcher(service, QDBusConnection::sessionBus(), QDBusServiceWatcher::WatchForRegistration, this);
        auto timer = new QTimer(watcher);
        timer->setSingleShot(true);
        auto settle = [this, watcher, timer, resource](bool running) {
            watcher->disconnect(this);
            timer->disconnect(this);
            watcher->deleteLater();
            if (!running) {
                qCWarning(CRM_CORE_LOG) << "resource" << resource << "is not running";
            }
            nextResource();
        };
        if (QDBusConnection::sessionBus().interface()->isServiceRegistered(service).value()) {
            delete watcher;
            nextResource();
            return;
        }
        connect(watcher, &QDBusServiceWatcher::serviceRegistered, this, [settle] {
            settle(true);
        });
        connect(timer, &QTimer::timeout, this, [settle] {
            settle(false);
        });
        timer->start(10000);
    }

    void readItems()
    {
        new ChunkedFetch(m_ids, true, this, [this](const Akonadi::Item::List &items, bool) {
            m_full = items;
            for (Akonadi::Item &item : m_full) {
                if (!item.parentCollection().isValid()) {
                    item.setParentCollection(m_parents.value(item.id()));
                }
            }
            next();
        });
    }

    /// The next item: stored again, or saved aside, removed and created anew.
    void next()
    {
        while (m_at < m_full.size()) {
            const Akonadi::Item item = m_full[m_at++];
            if (!item.hasPayload()) {
                m_failures << i18n("%1: its content is not in Akonadi's cache", describe(item));
                continue;
            }
            if (!item.parentCollection().isValid()) {
                m_failures << i18n("%1: its collection is not known", describe(item));
                continue;
            }
            if (!item.remoteId().isEmpty()) {
                // A change to a record its resource has written before: the
                // resource writes the file of the remote id it gave on any change.
                storeAgainLater(item);
                return;
            }
            // Never written: a resource ignores every change but "added" for
            // an item without a remote id (Akonadi::ResourceBase drops them),
            // so save the record aside, remove the item and create it anew.
            // Removing first means a late write of the old item cannot leave
            // two items on one file.
            if (!saveAside(item)) {
                m_failures << i18n("%1: could not save it aside in %2", describe(item), rescueDir());
                continue;
            }
            recreate(item);
            return;
        }
        waitCommitted(m_toWait, this, [this](const QHash<Akonadi::Item::Id, Akonadi::Item> &, const Akonadi::Item::List &stalled) {
            QSet<Akonadi::Item::Id> notWritten;
            for (const Akonadi::Item &item : stalled) {
                notWritten.insert(item.id());
                m_failures << i18n("%1: its resource did not write it", describe(item));
            }
            QHash<Akonadi::Item::Id, Akonadi::Item> result;
            for (const Akonadi::Item &item : std::as_const(m_toWait)) {
                if (!notWritten.contains(item.id())) {
                    result.insert(m_origin.value(item.id()), item);
                }
            }
            const RewriteCallback done = m_done;
            const QStringList failures = m_failures;
            deleteLater();
            done(result, failures);
        });
    }

    void storeAgainLater(Akonadi::Item item)
    {
        const Akonadi::Item::Id id = item.id();
        if (!touch(item)) {
            m_failures << i18n("%1: Akonadi refused to store it again", describe(item));
            next();
            return;
        }
        auto job = new Akonadi::ItemModifyJob(item, this);
        job->disableRevisionCheck();
        connect(job, &KJob::result, this, [this, job, item, id] {
            if (job->error()) {
                qCWarning(CRM_CORE_LOG) << "could not store" << id << "again:" << job->errorString();
                m_failures << i18n("%1: Akonadi refused to store it again", describe(item));
            } else {
                m_toWait << job->item();
                m_origin.insert(id, id);
            }
            next();
        });
    }

    void recreate(const Akonadi::Item &item)
    {
        auto remove = new Akonadi::ItemDeleteJob(item, this);
        connect(remove, &KJob::result, this, [this, remove, item] {
            if (remove->error()) {
                qCWarning(CRM_CORE_LOG) << "could not remove" << item.id() << ":" << remove->errorString();
                QFile::remove(rescuePath(item));
                m_failures << i18n("%1: Akonadi refused to replace it", describe(item));
                next();
                return;
            }
            Akonadi::Item copy;
            copy.setMimeType(item.mimeType());
            copy.setPayloadFromData(item.payloadData());
            copy.setFlags(item.flags());
            createWithTags(copy, item.parentCollection(), this, [this, item](Akonadi::ItemCreateJob *create) {
                if (create->error()) {
                    // The record stays saved aside; the next repair restores it.
                    m_failures << i18n("%1: could not create it anew: %2", describe(item), create->errorString());
                } else {
                    QFile::remove(rescuePath(item));
                    m_toWait << create->item();
                    m_origin.insert(create->item().id(), item.id());
                }
                next();
            });
        });
    }

    RewriteCallback m_done;
    QList<Akonadi::Item::Id> m_ids;
    QHash<Akonadi::Item::Id, Akonadi::Collection> m_parents;
    Akonadi::Collection::List m_collections;
    Akonadi::Item::List m_full;
    qsizetype m_at = 0;
    Akonadi::Item::List m_toWait;
    QHash<Akonadi::Item::Id, Akonadi::Item::Id> m_origin; ///< stored id -> id it had
    QStringList m_failures;
};
} // namespace

void rewrite(const Akonadi::Item::List &items, QObject *context, const RewriteCallback &done)
{
    new Rewriter(items, context, done);
}

namespace
{
/// An ItemFetchJob for the state of every item of @p collection.
Akonadi::ItemFetchJob *collectionJob(const Akonadi::Collection &collection, QObject *parent)
{
    auto job = new Akonadi::ItemFetchJob(collection, parent);
    job->fetchScope().fetchFullPayload(false);
    job->fetchScope().setCacheOnly(true);
    job->fetchScope().setFetchModificationTime(true);
    job->fetchScope().setFetchGid(true);
    job->fetchScope().setIgnoreRetrievalErrors(true);
    return job;
}

/// repair() as a chain of jobs, one step after the other:
/// read each collection and restore what a repair saved aside; give the
/// resources their grace; find unwritten copies of stored records; merge
/// and remove them; rewrite the rest.
class Repairer : public QObject
{
public:
    Repairer(const Akonadi::Collection::List &collections, int graceMs, QObject *context, RepairCallback done)
        : QObject(context)
        , m_graceMs(graceMs)
        , m_done(std::move(done))
    {
        for (const Akonadi::Collection &c : collections) {
            if (c.isValid()) {
                m_collections << c;
            }
        }
        QTimer::singleShot(0, this, &Repairer::readNextCollection);
    }

private:
    // Step 1: each collection's items, after restoring what was saved aside.
    void readNextCollection()
    {
        if (m_at >= m_collections.size()) {
            graceForJournals();
            return;
        }
        const Akonadi::Collection collection = m_collections[m_at];
        auto job = collectionJob(collection, this);
        connect(job, &KJob::result, this, [this, job, collection] {
            if (job->error()) {
                m_report.failures << i18n("could not read the collection %1: %2", collection.id(), job->errorString());
                ++m_at;
                readNextCollection();
                return;
            }
            m_items = job->items();
            m_rescueFiles = QDir(rescueDir()).entryList({QString::number(collection.id()) + u"-*"_s}, QDir::Files);
            m_restored = 0;
            restoreNext();
        });
    }

    /// Restores the records a repair saved aside and did not create again.
    void restoreNext()
    {
        const Akonadi::Collection collection = m_collections[m_at];
        while (!m_rescueFiles.isEmpty()) {
            const QString path = rescueDir() + u'/' + m_rescueFiles.takeFirst();
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly)) {
                m_report.failures << i18n("could not read the saved record %1", path);
                continue;
            }
            QString mimeType;
            QString gid;
            QByteArray data;
            QDataStream in(&file);
            in >> mimeType >> gid >> data;
            file.close();
            if (in.status() != QDataStream::Ok) {
                m_report.failures << i18n("the saved record %1 is damaged; it is kept", path);
                continue;
            }
            const bool present = !gid.isEmpty() && std::any_of(m_items.cbegin(), m_items.cend(), [&gid](const Akonadi::Item &i) {
                return i.gid() == gid;
            });
            if (present) {
                QFile::remove(path);
                continue;
            }
            Akonadi::Item item;
            item.setMimeType(mimeType);
            item.setPayloadFromData(data);
            createWithTags(item, collection, this, [this, path](Akonadi::ItemCreateJob *job) {
                if (job->error()) {
                    m_report.failures << i18n("could not restore the saved record %1: %2", path, job->errorString());
                } else {
                    ++m_restored;
                    QFile::remove(path);
                }
                restoreNext();
            });
            return;
        }
        if (m_restored == 0) {
            collectUnwritten(m_items);
            return;
        }
        m_report.rescued += m_restored;
        auto job = collectionJob(collection, this);
        connect(job, &KJob::result, this, [this, job] {
            collectUnwritten(job->error() ? Akonadi::Item::List() : job->items());
        });
    }

    void collectUnwritten(const Akonadi::Item::List &items)
    {
        for (Akonadi::Item item : items) {
            if (item.remoteId().isEmpty()) {
                // The wait below asks the collection's resource how busy it is.
                if (!item.parentCollection().isValid()) {
                    item.setParentCollection(m_collections[m_at]);
                }
                m_unwritten << item;
            }
        }
        ++m_at;
        readNextCollection();
    }

    // Step 2: the resource may still be replaying its own journal.
    void graceForJournals()
    {
        m_report.unwritten = m_unwritten.size();
        if (m_unwritten.isEmpty()) {
            finish();
            return;
        }
        qCDebug(CRM_CORE_LOG) << m_unwritten.size() << "items not written by their resource; waiting" << m_graceMs << "ms for its journal";
        // A resource with changes queued is busy, not stalled: it is given
        // the stall timeout, and only an idle one the grace.
        new PendingWrites(m_unwritten,
                          m_graceMs,
                          stallTimeoutMs(),
                          this,
                          [this](const QHash<Akonadi::Item::Id, Akonadi::Item> &, const Akonadi::Item::List &stalled) {
                              m_unwritten = stalled;
                              if (m_unwritten.isEmpty()) {
                                  m_report.rewritten = m_report.unwritten;
                                  finish();
                                  return;
                              }
                              m_at = 0;
                              readNextStored();
                          });
    }

    // Step 3: the stored records by UID, to recognise copies of them.
    void readNextStored()
    {
        if (m_at >= m_collections.size()) {
            sortUnwritten();
            return;
        }
        const Akonadi::Collection collection = m_collections[m_at++];
        auto job = collectionJob(collection, this);
        connect(job, &KJob::result, this, [this, job, collection] {
            const auto items = job->error() ? Akonadi::Item::List() : job->items();
            for (const Akonadi::Item &item : items) {
                if (!item.remoteId().isEmpty() && !item.gid().isEmpty()) {
                    auto &byGid = m_storedByGid[collection.id()];
                    const auto it = byGid.constFind(item.gid());
                    if (it == byGid.cend() || it->modificationTime() < item.modificationTime()) {
                        byGid.insert(item.gid(), item);
                    }
                }
            }
            readNextStored();
        });
    }

    // Step 4: an unwritten item whose record (same UID) is stored is a copy
    // left by an interrupted write: keep the newer content in the stored item.
    void sortUnwritten()
    {
        QHash<QString, Akonadi::Item> newestUnwritten; // collection/gid -> newest
        for (const Akonadi::Item &item : std::as_const(m_unwritten)) {
            const auto &byGid = m_storedByGid.value(item.parentCollection().id());
            if (!item.gid().isEmpty() && byGid.contains(item.gid()) && byGid.value(item.gid()).mimeType() == item.mimeType()) {
                m_stale << item;
                continue;
            }
            const QString key = QString::number(item.parentCollection().id()) + u'/' + item.gid();
            if (item.gid().isEmpty()) {
                m_toRewrite << item;
            } else if (const auto it = newestUnwritten.constFind(key); it == newestUnwritten.cend()) {
                newestUnwritten.insert(key, item);
            } else if (it->modificationTime() < item.modificationTime()) {
                m_stale << *it;
                newestUnwritten.insert(key, item);
            } else {
                m_stale << item;
            }
        }
        m_toRewrite << newestUnwritten.values();
        QList<Akonadi::Item::Id> staleIds;
        for (const Akonadi::Item &item : std::as_const(m_stale)) {
            staleIds << item.id();
        }
        new ChunkedFetch(staleIds, true, this, [this](const Akonadi::Item::List &staleFull, bool) {
            // Stale copies: their content goes into the stored record when newer.
            for (const Akonadi::Item &copy : staleFull) {
                const auto &byGid = m_storedByGid.value(copy.parentCollection().id());
                if (!byGid.contains(copy.gid())) {
                    continue; // a copy of an unwritten record: that one is rewritten
                }
                const Akonadi::Item target = byGid.value(copy.gid());
                const bool newer = copy.modificationTime() > target.modificationTime() && copy.hasPayload();
                if (newer || !m_toTouch.contains(target.id())) {
                    Akonadi::Item update = target;
                    if (newer) {
                        update.setPayloadFromData(copy.payloadData());
                    }
                    m_toTouch.insert(target.id(), update);
                }
            }
            removeStale();
        });
    }

    // Step 5: the copies go.
    void removeStale()
    {
        if (m_stale.isEmpty()) {
            touchKept();
            return;
        }
        auto job = new Akonadi::ItemDeleteJob(m_stale, this);
        connect(job, &KJob::result, this, [this, job] {
            if (job->error()) {
                qCWarning(CRM_CORE_LOG) << "could not remove" << m_stale.size() << "stale items:" << job->errorString();
                for (const Akonadi::Item &item : std::as_const(m_stale)) {
                    m_report.failures << i18n("%1: a copy of a stored record that could not be removed", describe(item));
                }
            } else {
                m_report.duplicates = m_stale.size();
            }
            touchKept();
        });
    }

    // Step 6: removing a copy that its resource wrote after all removes the
    // record's file: store the kept item again, after the removal, so it is
    // rewritten.
    void touchKept()
    {
        if (m_toTouch.isEmpty()) {
            rewriteRest();
            return;
        }
        new ChunkedFetch(m_toTouch.keys(), true, this, [this](const Akonadi::Item::List &targets, bool) {
            for (Akonadi::Item target : targets) {
                const Akonadi::Item &update = m_toTouch.value(target.id());
                if (update.hasPayload()) {
                    target.setPayloadFromData(update.payloadData());
                }
                if (!target.hasPayload()) {
                    m_report.failures << i18n("%1: its content is not in Akonadi's cache", describe(target));
                    continue;
                }
                m_targets << target;
            }
            storeNextTarget();
        });
    }

    void storeNextTarget()
    {
        if (m_targets.isEmpty()) {
            waitCommitted(m_stored, this, [this](const QHash<Akonadi::Item::Id, Akonadi::Item> &, const Akonadi::Item::List &stalled) {
                for (const Akonadi::Item &item : stalled) {
                    m_report.failures << i18n("%1: its resource did not write it", describe(item));
                }
                rewriteRest();
            });
            return;
        }
        Akonadi::Item target = m_targets.takeFirst();
        if (!touch(target)) {
            m_report.failures << i18n("%1: Akonadi refused to store it again", describe(target));
            storeNextTarget();
            return;
        }
        auto job = new Akonadi::ItemModifyJob(target, this);
        job->disableRevisionCheck();
        connect(job, &KJob::result, this, [this, job, target] {
            if (job->error()) {
                qCWarning(CRM_CORE_LOG) << "could not store" << target.id() << "again:" << job->errorString();
                m_report.failures << i18n("%1: Akonadi refused to store it again", describe(target));
            } else {
                m_stored << job->item();
            }
            storeNextTarget();
        });
    }

    // Step 7: what is left is written anew.
    void rewriteRest()
    {
        rewrite(m_toRewrite, this, [this](const QHash<Akonadi::Item::Id, Akonadi::Item> &written, const QStringList &failures) {
            m_report.failures << failures;
            m_report.rewritten = m_report.unwritten - m_unwritten.size() + written.size();
            finish();
        });
    }

    void finish()
    {
        const RepairCallback done = m_done;
        const RepairReport report = m_report;
        deleteLater();
        done(report);
    }

    Akonadi::Collection::List m_collections;
    int m_graceMs;
    RepairCallback m_done;
    RepairReport m_report;
    qsizetype m_at = 0;
    Akonadi::Item::List m_items; ///< of the collection being read
    QStringList m_rescueFiles;
    int m_restored = 0;
    Akonadi::Item::List m_unwritten;
    QHash<Akonadi::Collection::Id, QHash<QString, Akonadi::Item>> m_storedByGid;
    Akonadi::Item::List m_stale;
    Akonadi::Item::List m_toRewrite;
    QHash<Akonadi::Item::Id, Akonadi::Item> m_toTouch; ///< stored item -> content to store
    Akonadi::Item::List m_targets;
    Akonadi::Item::List m_stored;
};
} // namespace

void repair(const Akonadi::Collection::List &collections, QObject *context, const RepairCallback &done, int graceMs)
{
    new Repairer(collections, graceMs, context, done);
}

namespace
{
QString unconfirmedDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/kontact-crm/unconfirmed"_s;
}

bool processAlive(qint64 pid)
{
    return pid > 0 && (::kill(pid_t(pid), 0) == 0 || errno == EPERM);
}

/// Marks "<collection>-<pid>" left by processes that are gone, by collection.
QHash<Akonadi::Collection::Id, QStringList> abandonedMarks()
{
    QHash<Akonadi::Collection::Id, QStringList> marks;
    const auto names = QDir(unconfirmedDir()).entryList(QDir::Files);
    for (const QString &name : names) {
        const auto parts = QStringView(name).split(u'-');
        bool idOk = false;
        bool pidOk = false;
        const auto id = parts.size() == 2 ? parts[0].toLongLong(&idOk) : 0;
        const auto pid = parts.size() == 2 ? parts[1].toLongLong(&pidOk) : 0;
        if (idOk && pidOk && !processAlive(pid)) {
            marks[id] << unconfirmedDir() + u'/' + name;
        }
    }
    return marks;
}
} // namespace

namespace
{
/// How many UnconfirmedWrites of this process hold each mark: asynchronous
/// writes to one collection may overlap.
QHash<QString, int> &markHolders()
{
    static QHash<QString, int> holders;
    return holders;
}
} // namespace

UnconfirmedWrites::UnconfirmedWrites(const QSet<Akonadi::Collection::Id> &collections)
{
    if (!QDir().mkpath(unconfirmedDir())) {
        qCWarning(CRM_CORE_LOG) << "cannot create" << unconfirmedDir();
    }
    for (const Akonadi::Collection::Id id : collections) {
        if (id <= 0) {
            continue;
        }
        const QString path = unconfirmedDir() + u'/' + QString::number(id) + u'-' + QString::number(QCoreApplication::applicationPid());
        int &holders = markHolders()[path];
        if (holders > 0) {
            ++holders;
            m_marks << path;
            continue;
        }
        QFile mark(path);
        if (mark.open(QIODevice::WriteOnly)) {
            holders = 1;
            m_marks << path;
        } else {
            markHolders().remove(path);
        }
    }
}

UnconfirmedWrites::~UnconfirmedWrites()
{
    for (const QString &path : std::as_const(m_marks)) {
        if (--markHolders()[path] <= 0) {
            markHolders().remove(path);
            QFile::remove(path);
        }
    }
}

void repairAtStart(const Akonadi::Collection::List &collections, QObject *context, const std::function<void()> &done)
{
    static QSet<Akonadi::Collection::Id> started;
    const auto abandoned = abandonedMarks();
    Akonadi::Collection::List todo;
    QStringList marks;
    for (const Akonadi::Collection &c : collections) {
        if (c.isValid() && !started.contains(c.id()) && abandoned.contains(c.id())) {
            started.insert(c.id());
            todo << c;
            marks << abandoned.value(c.id());
        }
    }
    if (todo.isEmpty()) {
        done();
        return;
    }
    repair(todo, context, [marks, done](const RepairReport &report) {
        if (report.unwritten > 0) {
            qCInfo(CRM_CORE_LOG) << "repaired at start:" << report.rewritten << "of" << report.unwritten << "unwritten items," << report.duplicates
                                 << "copies removed," << report.rescued << "restored";
        }
        for (const QString &f : report.failures) {
            qCWarning(CRM_CORE_LOG) << "not written:" << f;
        }
        if (report.failures.isEmpty()) {
            for (const QString &path : marks) {
                QFile::remove(path);
            }
        }
        done();
    });
}

} // namespace Crm::WriteBarrier
