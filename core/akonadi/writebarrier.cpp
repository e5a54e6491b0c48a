// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "writebarrier.h"

#include "crmcore_debug.h"
#include "recordgid.h"
#include "resourcesetup.h"

#include <Akonadi/ItemCreateJob>
#include <Akonadi/ItemDeleteJob>
#include <Akonadi/ItemFetchJob>
#include <Akonadi/ItemFetchScope>
#include <Akonadi/ItemModifyJob>
#include <KCalendarCore/Incidence>
#include <KContacts/Addressee>
#include <KLocalizedString>

#include <QCoreApplication>
#include <QDataStream>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
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
// Polled: a resource's commit of a change to an item that already had a
// remote id sends no notification (only its modification time moves), so
// a monitor could not see it; a re-fetch sees both cases.
void processEventsFor(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

/// The state of @p ids without payloads; ids that are gone are left out.
/// @p ok (when given) is false if a fetch failed, say while the server
/// restarts: then a missing id says nothing.
Akonadi::Item::List fetchState(const QList<Akonadi::Item::Id> &ids, bool payload = false, bool *ok = nullptr)
{
    if (ok) {
        *ok = true;
    }
    Akonadi::Item::List all;
    constexpr int chunk = 2000;
    for (qsizetype start = 0; start < ids.size(); start += chunk) {
        Akonadi::Item::List items;
        for (qsizetype i = start; i < std::min<qsizetype>(start + chunk, ids.size()); ++i) {
            items << Akonadi::Item(ids[i]);
        }
        auto job = new Akonadi::ItemFetchJob(items);
        job->fetchScope().fetchFullPayload(payload);
        job->fetchScope().setAncestorRetrieval(Akonadi::ItemFetchScope::Parent);
        job->fetchScope().setCacheOnly(true);
        job->fetchScope().setFetchModificationTime(true);
        job->fetchScope().setFetchGid(true);
        job->fetchScope().setIgnoreRetrievalErrors(true);
        if (job->exec()) {
            all << job->items();
        } else {
            qCDebug(CRM_CORE_LOG) << "write barrier: fetch failed:" << job->errorString();
            if (ok) {
                *ok = false;
            }
        }
    }
    ResourceSetup::collectFinishedJobs();
    return all;
}

Akonadi::Item::List collectionState(const Akonadi::Collection &collection, QString *error)
{
    auto job = new Akonadi::ItemFetchJob(collection);
    job->fetchScope().fetchFullPayload(false);
    job->fetchScope().setCacheOnly(true);
    job->fetchScope().setFetchModificationTime(true);
    job->fetchScope().setFetchGid(true);
    job->fetchScope().setIgnoreRetrievalErrors(true);
    Akonadi::Item::List items;
    if (job->exec()) {
        items = job->items();
    } else {
        *error = job->errorString();
    }
    ResourceSetup::collectFinishedJobs();
    return items;
}

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

/// Waits (up to 10 s) until the resource of @p collection runs: a change
/// stored while it is not subscribed (say, just after a server restart)
/// would be lost again.
void waitForResource(const Akonadi::Collection &collection)
{
    const Akonadi::Collection c = collection.resource().isEmpty() ? ResourceSetup::fetchCollection(collection.id()) : collection;
    if (c.resource().isEmpty()) {
        return;
    }
    if (!ResourceSetup::waitForResourceService(c.resource(), 10000)) {
        qCWarning(CRM_CORE_LOG) << "resource" << c.resource() << "is not running";
    }
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

/// Stores @p item again, touched; returns it as stored, or an invalid item.
Akonadi::Item storeAgain(Akonadi::Item item)
{
    if (!touch(item)) {
        qCWarning(CRM_CORE_LOG) << "cannot store" << item.id() << "again: its content is neither an incidence nor a vCard";
        return {};
    }
    auto job = new Akonadi::ItemModifyJob(item);
    job->disableRevisionCheck();
    if (!job->exec()) {
        qCWarning(CRM_CORE_LOG) << "could not store" << item.id() << "again:" << job->errorString();
        return {};
    }
    return job->item();
}

bool removeItems(const Akonadi::Item::List &items)
{
    if (items.isEmpty()) {
        return true;
    }
    auto job = new Akonadi::ItemDeleteJob(items);
    const bool ok = job->exec();
    if (!ok) {
        qCWarning(CRM_CORE_LOG) << "could not remove" << items.size() << "stale items:" << job->errorString();
    }
    return ok;
}
} // namespace

bool isCommitted(const Akonadi::Item &now, const Akonadi::Item &written)
{
    if (now.remoteId().isEmpty()) {
        return false;
    }
    // A change to an item that was on disk already: the resource's commit
    // moves the modification time (not the revision).
    if (!written.remoteId().isEmpty() && written.modificationTime().isValid()) {
        return now.modificationTime() > written.modificationTime();
    }
    return true;
}

int stallTimeoutMs()
{
    bool ok = false;
    const int ms = qEnvironmentVariableIntValue("CRM_WRITE_STALL_MS", &ok);
    return ok && ms > 0 ? ms : 30000;
}

Akonadi::Item::List waitCommitted(const Akonadi::Item::List &items, int stallMs)
{
    QHash<Akonadi::Item::Id, Akonadi::Item> pending;
    for (const Akonadi::Item &item : items) {
        if (item.isValid()) {
            pending.insert(item.id(), item);
        }
    }
    QElapsedTimer sinceProgress;
    sinceProgress.start();
    int interval = 5;
    while (!pending.isEmpty()) {
        // A resource writes in the order of its notifications, roughly the
        // order of item ids: look at the oldest pending items only, so a
        // wait for 8,000 items does not fetch 8,000 items every poll and
        // slow down the server the resource is talking to.
        QList<Akonadi::Item::Id> oldest = pending.keys();
        std::sort(oldest.begin(), oldest.end());
        oldest.resize(std::min<qsizetype>(oldest.size(), 200));
        bool fetched = false;
        const auto now = fetchState(oldest, false, &fetched);
        QSet<Akonadi::Item::Id> present;
        bool progress = false;
        for (const Akonadi::Item &item : now) {
            present.insert(item.id());
            if (isCommitted(item, pending.value(item.id()))) {
                pending.remove(item.id());
                progress = true;
            }
        }
        // An item removed meanwhile (by another program) has nothing left to
        // write; after a failed fetch, a missing item is only unknown.
        for (const Akonadi::Item::Id id : std::as_const(oldest)) {
            if (fetched && !present.contains(id)) {
                pending.remove(id);
            }
        }
        if (pending.isEmpty()) {
            break;
        }
        if (progress) {
            sinceProgress.restart();
            interval = 5;
        } else if (sinceProgress.elapsed() >= stallMs) {
            break;
        }
        processEventsFor(interval);
        interval = std::min(interval * 2, 200);
    }
    if (!pending.isEmpty()) {
        // Stalled on the oldest: the younger ones may have been written.
        const auto now = fetchState(pending.keys());
        for (const Akonadi::Item &item : now) {
            if (isCommitted(item, pending.value(item.id()))) {
                pending.remove(item.id());
            }
        }
    }
    if (!pending.isEmpty()) {
        qCWarning(CRM_CORE_LOG) << pending.size() << "items not written by their resource within" << stallMs << "ms of no progress";
    }
    return pending.values();
}

QHash<Akonadi::Item::Id, Akonadi::Item> rewrite(const Akonadi::Item::List &items, QStringList *failures)
{
    QHash<Akonadi::Item::Id, Akonadi::Item> result;
    QList<Akonadi::Item::Id> ids;
    QHash<Akonadi::Item::Id, Akonadi::Collection> parents;
    for (const Akonadi::Item &item : items) {
        ids << item.id();
        parents.insert(item.id(), item.parentCollection());
    }
    QSet<Akonadi::Collection::Id> seen;
    for (const Akonadi::Collection &c : std::as_const(parents)) {
        if (c.isValid() && !seen.contains(c.id())) {
            seen.insert(c.id());
            waitForResource(c);
        }
    }
    auto full = fetchState(ids, true);
    for (Akonadi::Item &item : full) {
        if (!item.parentCollection().isValid()) {
            item.setParentCollection(parents.value(item.id()));
        }
    }
    Akonadi::Item::List toWait;
    QHash<Akonadi::Item::Id, Akonadi::Item::Id> origin; // stored id -> id it had
    for (const Akonadi::Item &item : full) {
        if (!item.hasPayload()) {
            *failures << i18n("%1: its content is not in Akonadi's cache", describe(item));
            continue;
        }
        if (!item.parentCollection().isValid()) {
            *failures << i18n("%1: its collection is not known", describe(item));
            continue;
        }
        if (!item.remoteId().isEmpty()) {
            // A change to a record its resource has written before: the
            // resource writes the file of the remote id it gave on any change.
            if (const Akonadi::Item again = storeAgain(item); again.isValid()) {
                toWait << again;
                origin.insert(item.id(), item.id());
            } else {
                *failures << i18n("%1: Akonadi refused to store it again", describe(item));
            }
            continue;
        }
        // Never written: a resource ignores every change but "added" for an
        // item without a remote id (Akonadi::ResourceBase drops them), so
        // save the record aside, remove the item and create it anew.
        // Removing first means a late write of the old item cannot leave two
        // items on one file.
        if (!saveAside(item)) {
            *failures << i18n("%1: could not save it aside in %2", describe(item), rescueDir());
            continue;
        }
        if (!removeItems({item})) {
            QFile::remove(rescuePath(item));
            *failures << i18n("%1: Akonadi refused to replace it", describe(item));
            continue;
        }
        Akonadi::Item copy;
        copy.setMimeType(item.mimeType());
        copy.setPayloadFromData(item.payloadData());
        copy.setFlags(item.flags());
        auto create = new Akonadi::ItemCreateJob(RecordGid::withGid(copy), item.parentCollection());
        if (!create->exec()) {
            // The record stays saved aside; the next repair restores it.
            *failures << i18n("%1: could not create it anew: %2", describe(item), create->errorString());
            continue;
        }
        QFile::remove(rescuePath(item));
        toWait << create->item();
        origin.insert(create->item().id(), item.id());
    }
    ResourceSetup::collectFinishedJobs();
    const auto stalled = waitCommitted(toWait);
    QSet<Akonadi::Item::Id> notWritten;
    for (const Akonadi::Item &item : stalled) {
        notWritten.insert(item.id());
        *failures << i18n("%1: its resource did not write it", describe(item));
    }
    for (const Akonadi::Item &item : std::as_const(toWait)) {
        if (!notWritten.contains(item.id())) {
            result.insert(origin.value(item.id()), item);
        }
    }
    return result;
}

namespace
{
/// Restores the records a repair saved aside and did not create again.
int restoreRescued(const Akonadi::Collection &collection, const Akonadi::Item::List &stored, QStringList *failures)
{
    const QString prefix = QString::number(collection.id()) + u'-';
    const auto files = QDir(rescueDir()).entryList({prefix + u'*'}, QDir::Files);
    int restored = 0;
    for (const QString &name : files) {
        const QString path = rescueDir() + u'/' + name;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            *failures << i18n("could not read the saved record %1", path);
            continue;
        }
        QString mimeType;
        QString gid;
        QByteArray data;
        QDataStream in(&file);
        in >> mimeType >> gid >> data;
        file.close();
        if (in.status() != QDataStream::Ok) {
            *failures << i18n("the saved record %1 is damaged; it is kept", path);
            continue;
        }
        const bool present = !gid.isEmpty() && std::any_of(stored.cbegin(), stored.cend(), [&gid](const Akonadi::Item &i) {
            return i.gid() == gid;
        });
        if (!present) {
            Akonadi::Item item;
            item.setMimeType(mimeType);
            item.setPayloadFromData(data);
            auto job = new Akonadi::ItemCreateJob(RecordGid::withGid(item), collection);
            if (!job->exec()) {
                *failures << i18n("could not restore the saved record %1: %2", path, job->errorString());
                continue;
            }
            ++restored;
        }
        QFile::remove(path);
    }
    return restored;
}
} // namespace

RepairReport repair(const Akonadi::Collection::List &collections, int graceMs)
{
    RepairReport report;
    Akonadi::Item::List unwritten;
    Akonadi::Item::List toRewrite;
    Akonadi::Item::List stale;
    Akonadi::Item::List keep; // stored items whose unwritten copies are removed
    for (const Akonadi::Collection &collection : collections) {
        if (!collection.isValid()) {
            continue;
        }
        QString error;
        auto items = collectionState(collection, &error);
        if (!error.isEmpty()) {
            report.failures << i18n("could not read the collection %1: %2", collection.id(), error);
            continue;
        }
        if (const int restored = restoreRescued(collection, items, &report.failures); restored > 0) {
            report.rescued += restored;
            items = collectionState(collection, &error);
        }
        for (const Akonadi::Item &item : std::as_const(items)) {
            if (item.remoteId().isEmpty()) {
                unwritten << item;
            }
        }
    }
    report.unwritten = unwritten.size();
    if (unwritten.isEmpty()) {
        return report;
    }
    qCDebug(CRM_CORE_LOG) << unwritten.size() << "items not written by their resource; waiting" << graceMs << "ms for its journal";
    // The resource may still be replaying its own journal.
    unwritten = waitCommitted(unwritten, graceMs);
    if (unwritten.isEmpty()) {
        report.rewritten = report.unwritten;
        return report;
    }

    // An unwritten item whose record (same UID) is stored is a copy left by
    // an interrupted write: keep the newer content in the stored item.
    QHash<Akonadi::Collection::Id, QHash<QString, Akonadi::Item>> storedByGid;
    for (const Akonadi::Collection &collection : collections) {
        QString error;
        const auto items = collectionState(collection, &error);
        for (const Akonadi::Item &item : items) {
            if (!item.remoteId().isEmpty() && !item.gid().isEmpty()) {
                auto &byGid = storedByGid[collection.id()];
                const auto it = byGid.constFind(item.gid());
                if (it == byGid.cend() || it->modificationTime() < item.modificationTime()) {
                    byGid.insert(item.gid(), item);
                }
            }
        }
    }
    QHash<QString, Akonadi::Item> newestUnwritten; // collection/gid -> newest
    for (const Akonadi::Item &item : std::as_const(unwritten)) {
        const auto &byGid = storedByGid.value(item.parentCollection().id());
        if (!item.gid().isEmpty() && byGid.contains(item.gid()) && byGid.value(item.gid()).mimeType() == item.mimeType()) {
            stale << item;
            continue;
        }
        const QString key = QString::number(item.parentCollection().id()) + u'/' + item.gid();
        if (item.gid().isEmpty()) {
            toRewrite << item;
        } else if (const auto it = newestUnwritten.constFind(key); it == newestUnwritten.cend()) {
            newestUnwritten.insert(key, item);
        } else if (it->modificationTime() < item.modificationTime()) {
            stale << *it;
            newestUnwritten.insert(key, item);
        } else {
            stale << item;
        }
    }
    toRewrite << newestUnwritten.values();

    // Stale copies: their content goes into the stored record when newer.
    QList<Akonadi::Item::Id> staleIds;
    for (const Akonadi::Item &item : std::as_const(stale)) {
        staleIds << item.id();
    }
    const auto staleFull = fetchState(staleIds, true);
    QHash<Akonadi::Item::Id, Akonadi::Item> toTouch; // stored item -> content to store
    for (const Akonadi::Item &copy : staleFull) {
        const auto &byGid = storedByGid.value(copy.parentCollection().id());
        if (!byGid.contains(copy.gid())) {
            continue; // a copy of an unwritten record: that one is rewritten
        }
        const Akonadi::Item target = byGid.value(copy.gid());
        const bool newer = copy.modificationTime() > target.modificationTime() && copy.hasPayload();
        if (newer || !toTouch.contains(target.id())) {
            Akonadi::Item update = target;
            if (newer) {
                update.setPayloadFromData(copy.payloadData());
            }
            toTouch.insert(target.id(), update);
        }
    }
    if (removeItems(stale)) {
        report.duplicates = stale.size();
    } else {
        for (const Akonadi::Item &item : std::as_const(stale)) {
            report.failures << i18n("%1: a copy of a stored record that could not be removed", describe(item));
        }
    }
    // Removing a copy that its resource wrote after all removes the record's
    // file: store the kept item again, after the removal, so it is rewritten.
    if (!toTouch.isEmpty()) {
        QList<Akonadi::Item::Id> ids = toTouch.keys();
        const auto targets = fetchState(ids, true);
        Akonadi::Item::List stored;
        for (Akonadi::Item target : targets) {
            const Akonadi::Item &update = toTouch.value(target.id());
            if (update.hasPayload()) {
                target.setPayloadFromData(update.payloadData());
            }
            if (!target.hasPayload()) {
                report.failures << i18n("%1: its content is not in Akonadi's cache", describe(target));
                continue;
            }
            if (const Akonadi::Item again = storeAgain(target); again.isValid()) {
                stored << again;
            } else {
                report.failures << i18n("%1: Akonadi refused to store it again", describe(target));
            }
        }
        ResourceSetup::collectFinishedJobs();
        for (const Akonadi::Item &item : waitCommitted(stored)) {
            report.failures << i18n("%1: its resource did not write it", describe(item));
        }
    }

    const auto written = rewrite(toRewrite, &report.failures);
    report.rewritten = report.unwritten - unwritten.size() + written.size();
    return report;
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

UnconfirmedWrites::UnconfirmedWrites(const QSet<Akonadi::Collection::Id> &collections)
{
    if (!QDir().mkpath(unconfirmedDir())) {
        qCWarning(CRM_CORE_LOG) << "cannot create" << unconfirmedDir();
    }
    for (const Akonadi::Collection::Id id : collections) {
        const QString path = unconfirmedDir() + u'/' + QString::number(id) + u'-' + QString::number(QCoreApplication::applicationPid());
        QFile mark(path);
        if (mark.open(QIODevice::WriteOnly)) {
            m_marks << path;
        }
    }
}

UnconfirmedWrites::~UnconfirmedWrites()
{
    for (const QString &path : std::as_const(m_marks)) {
        QFile::remove(path);
    }
}

void repairAtStart(const Akonadi::Collection::List &collections)
{
    static QSet<Akonadi::Collection::Id> done;
    const auto abandoned = abandonedMarks();
    Akonadi::Collection::List todo;
    QStringList marks;
    for (const Akonadi::Collection &c : collections) {
        if (c.isValid() && !done.contains(c.id()) && abandoned.contains(c.id())) {
            done.insert(c.id());
            todo << c;
            marks << abandoned.value(c.id());
        }
    }
    if (todo.isEmpty()) {
        return;
    }
    const RepairReport report = repair(todo);
    if (report.unwritten > 0) {
        qCInfo(CRM_CORE_LOG) << "repaired at start:" << report.rewritten << "of" << report.unwritten << "unwritten items," << report.duplicates
                             << "copies removed," << report.rescued << "restored";
    }
    for (const QString &f : report.failures) {
        qCWarning(CRM_CORE_LOG) << "not written:" << f;
    }
    if (report.failures.isEmpty()) {
        for (const QString &path : std::as_const(marks)) {
            QFile::remove(path);
        }
    }
}

} // namespace Crm::WriteBarrier
