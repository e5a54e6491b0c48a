// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "itemindexcache.h"

#include "akonadi/registersync.h"
#include "crmcore_debug.h"
#include "domain/checkedfile.h"
#include "domain/checksum.h"
#include "domain/compactbytes.h"
#include "domain/mappedfile.h"
#include "storage/itemstorage.h"

#include <Akonadi/ServerManager>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QPointer>
#include <QSaveFile>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QtEndian>

#include <limits>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <unistd.h>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

namespace
{
constexpr quint32 fileMagic = 0x43524D49; // "CRMI"
// The base's own layout; a subclass versions its index separately.
// 3: the file is checked (size, CRC-32) and the members compact.
constexpr quint32 baseVersion = 3;
/// Magic, version, the payload's size and its CRC-32.
constexpr qsizetype headerSize = 20;
/// A keeper names at most this many changed items in a vouch; beyond, it
/// writes its file (a reader would spend longer reading them one by one).
constexpr qsizetype maxVouchedItems = 2000;
/// An index that reads its file in place reads it back once written when
/// at least this many changes were held in memory beside it (see readBack()).
constexpr qsizetype readBackAfterItems = 1024;
} // namespace

/// One open or refresh on its way: steps chain on the storage's answers.
struct ItemIndexCache::Refresh {
    ItemIndexCache::Done done;
    QDateTime since;
    bool changed = false;
    QList<Akonadi::Collection> toRebuild;
    QElapsedTimer timer;
};

ItemIndexCache::ItemIndexCache(const Akonadi::Collection::List &collections, ItemStorage &storage, const QString &name, quint32 formatVersion)
    : m_collections(collections)
    , m_storage(storage)
    , m_name(name)
    , m_formatVersion(formatVersion)
{
}

ItemIndexCache::~ItemIndexCache() = default;

ItemIndexCache::Stats ItemIndexCache::lastStats() const
{
    return m_stats;
}

QString ItemIndexCache::filePath() const
{
    // Beside the CRM's data rather than in the cache folder: it must follow
    // the Akonadi instance it describes, and test servers (akonaditest) and
    // private demo servers get their own data folder, not their own cache.
    QStringList ids;
    for (const Akonadi::Collection &c : m_collections) {
        ids << QString::number(c.id());
    }
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/kontact-crm/"_s + Akonadi::ServerManager::addNamespace(m_name) + u'-'
        + ids.join(u'-') + u".bin"_s;
}

bool ItemIndexCache::load()
{
    const std::shared_ptr<const MappedFile> file = MappedFile::open(filePath());
    return file && loadFrom(file);
}

bool ItemIndexCache::loadFrom(const std::shared_ptr<const MappedFile> &file)
{
    // Mapped rather than read: a packed index is then read where it lies,
    // a page when a lookup touches it (a cold crmctl asks a few questions
    // of 100 MB). Checked before it is believed: a torn or damaged file (a
    // crash while a copy was written over it, a disk error) is rebuilt from
    // the storage, never trusted.
    const QByteArrayView bytes = file->bytes();
    m_file.reset();
    forgetNotes();
    auto reject = [&](const char *why) {
        qCWarning(CRM_CORE_LOG) << "rebuilding the index: its file" << filePath() << why;
        clearIndex();
        m_members.clear();
        m_watermark = {};
        return false;
    };
    if (bytes.size() < headerSize || qFromLittleEndian<quint32>(bytes.data()) != fileMagic) {
        return reject("is no index file");
    }
    if (qFromLittleEndian<quint32>(bytes.data() + 4) != (baseVersion << 16 | m_formatVersion)) {
        return false; // an older format: rebuilt quietly
    }
    const QByteArrayView payload = bytes.sliced(headerSize);
    // Summed and walked whole once; after that a mark names the file that
    // passed (CheckedFile), and the next open of that very file skips both.
    const quint32 checksum = qFromLittleEndian<quint32>(bytes.data() + 16);
    const bool checkedBefore = CheckedFile::isMarked(filePath(), *file, checksum);
    if (qFromLittleEndian<quint64>(bytes.data() + 8) != quint64(payload.size()) || (!checkedBefore && checksum != checksumOf(*file, payload))) {
        return reject("is damaged (size or checksum)");
    }
    const QByteArray data = QByteArray::fromRawData(payload.data(), payload.size()); // no copy: file outlives it
    QDataStream in(data);
    in.setVersion(QDataStream::Qt_6_8);
    in >> m_watermark;
    // The members' records are kept where they lie too (a copy is 10 MB
    // and some 20 ms of a cold start at 500,000 items): the mapping is held
    // while they may point into it; a change copies them out first.
    m_loading = file;
    std::shared_ptr<const MappedFile> held;
    QByteArrayView members;
    if (!blockInFile(in, &held, &members) || !readMembers(QByteArray::fromRawData(members.data(), members.size()))) {
        m_loading.reset();
        return reject("has damaged members");
    }
    m_membersFile = std::move(held);
    m_loadingChecked = checkedBefore;
    readIndex(in);
    m_loading.reset();
    m_loadingChecked = false;
    // What checking touched need not stay: what the index keeps of the
    // file is read again from the page cache when a lookup needs it.
    file->releasePages();
    if (in.status() != QDataStream::Ok || !in.atEnd()) {
        return reject("has a damaged index");
    }
    if (!checkedBefore) {
        CheckedFile::mark(filePath(), *file, checksum);
    }
    m_stats.checkedWhole = !checkedBefore;
    m_file = FileIdentity{quint64(payload.size()), checksum};
    m_appliedSinceRead = 0;
    return true;
}

bool ItemIndexCache::needsSave() const
{
    // Rewriting the file costs in proportion to the whole index (105 MiB
    // and a second of packing at 400,000 contacts), reading a changed item
    // again in proportion to the changes. Items added or changed since the
    // file was written are found again by the next open's "changed since"
    // listing, so a few of them are left to it: the file is written once
    // they are a 1/1024th of the index (400 at 400,000; at once below
    // 1,024), and at once after a removal, a move or a collection read anew.
    return m_unsaved.mustSave || m_unsaved.items * 1024 >= m_members.size();
}

bool ItemIndexCache::loadingCheckedFile() const
{
    return m_loadingChecked;
}

quint32 ItemIndexCache::checksumOf(const MappedFile &file, QByteArrayView payload)
{
    // A part at a time, each let go once summed: summing 100 MB would
    // otherwise leave all of it in the process's resident memory.
    constexpr qsizetype part = 4 << 20;
    quint32 crc = 0;
    for (qsizetype at = 0; at < payload.size(); at += part) {
        const QByteArrayView piece = payload.sliced(at, std::min(part, payload.size() - at));
        crc = crc32(piece, crc);
        file.releasePages(piece);
    }
    return crc;
}

bool ItemIndexCache::blockInFile(QDataStream &in, std::shared_ptr<const MappedFile> *file, QByteArrayView *block) const
{
    // QDataStream's QByteArray: a 32-bit size (0xfffffffe: a 64-bit one
    // follows; 0xffffffff: null), then the bytes.
    quint32 small = 0;
    in >> small;
    quint64 length = small;
    if (small == 0xfffffffe) {
        in >> length;
    }
    const qint64 at = in.device() ? in.device()->pos() : -1;
    const qsizetype fileSize = m_loading ? m_loading->bytes().size() : 0;
    if (in.status() != QDataStream::Ok || small == 0xffffffff || at < 0 || length > quint64(fileSize - headerSize - at)) {
        in.setStatus(QDataStream::ReadCorruptData);
        return false;
    }
    in.skipRawData(int(qMin<quint64>(length, quint64(std::numeric_limits<int>::max()))));
    *file = m_loading;
    *block = m_loading->bytes().sliced(headerSize + at, qsizetype(length));
    return true;
}

namespace
{
/// Passes what is written on to @p target and sums it (CRC-32) on the way,
/// so that an index file is written without its payload held in memory.
class ChecksummingWriter : public QIODevice
{
public:
    explicit ChecksummingWriter(QIODevice *target)
        : m_target(target)
    {
        open(QIODevice::WriteOnly);
    }
    quint32 checksum() const
    {
        return m_crc;
    }
    quint64 written() const
    {
        return m_written;
    }

protected:
    qint64 readData(char *, qint64) override
    {
        return -1;
    }
    qint64 writeData(const char *data, qint64 size) override
    {
        const qint64 done = m_target->write(data, size);
        if (done > 0) {
            m_crc = crc32(QByteArrayView(data, done), m_crc);
            m_written += quint64(done);
        }
        return done;
    }

private:
    QIODevice *m_target;
    quint32 m_crc = 0;
    quint64 m_written = 0;
};
} // namespace

bool ItemIndexCache::save()
{
    QDir().mkpath(QFileInfo(filePath()).absolutePath());
    QSaveFile file(filePath());
    if (!file.open(QIODevice::WriteOnly)) {
        return false;
    }
    // The header (size and checksum of what follows) is written last, over
    // a placeholder: the payload goes to the file as it is made.
    file.write(QByteArray(headerSize, '\0'));
    ChecksummingWriter payload(&file);
    {
        QDataStream out(&payload);
        out.setVersion(QDataStream::Qt_6_8);
        out << m_watermark << writeMembers();
        writeIndex(out);
        if (out.status() != QDataStream::Ok) {
            file.cancelWriting();
            return false;
        }
    }
    QByteArray header(headerSize, Qt::Uninitialized);
    qToLittleEndian<quint32>(fileMagic, header.data());
    qToLittleEndian<quint32>(baseVersion << 16 | m_formatVersion, header.data() + 4);
    qToLittleEndian<quint64>(payload.written(), header.data() + 8);
    qToLittleEndian<quint32>(payload.checksum(), header.data() + 16);
    if (!file.seek(0) || file.write(header) != headerSize) {
        file.cancelWriting();
        return false;
    }
    // The file written (QSaveFile's temporary one), kept open past the
    // commit that renames it into place and closes its own descriptor.
    const int written = ::dup(file.handle());
    const auto closeWritten = qScopeGuard([written] {
        if (written >= 0) {
            ::close(written);
        }
    });
    if (!file.commit()) {
        return false;
    }
    m_unsaved = {};
    m_file = FileIdentity{payload.written(), payload.checksum()};
    forgetNotes();
    // This process summed what it wrote, from an index it holds as valid:
    // the next open need not sum and walk it again (a third of a cold card
    // at 400,000 contacts). Marked only if the file in place is still the
    // one written: another process may have put its own there since.
    if (const auto mapped = MappedFile::open(filePath()); mapped && mapped->isFile(written)) {
        CheckedFile::mark(filePath(), *mapped, payload.checksum());
        if (readsIndexInPlace() && m_appliedSinceRead >= readBackAfterItems) {
            readBack(mapped);
        }
    }
    return true;
}

void ItemIndexCache::readBack(const std::shared_ptr<const MappedFile> &written)
{
    // What was applied since the file was read lies in hashes beside the
    // packed index (a first build: all of it, some 80 MiB in a reminder agent
    // at 100,000 incidences); the file just written holds the same, packed,
    // read where it lies like any file this index opens.
    const Stats stats = m_stats;
    const qsizetype applied = m_appliedSinceRead;
    const bool ok = loadFrom(written);
    m_stats = stats;
    if (!ok) {
        // Not expected of a file this process has just written and summed;
        // loadFrom() left the index empty, so it is read anew.
        qCWarning(CRM_CORE_LOG) << "cannot read back the index file just written" << filePath();
        refresh([](const QString &) { });
        return;
    }
    qCDebug(CRM_CORE_LOG) << m_name << "read back from its file after" << applied << "changes held in memory";
#ifdef __GLIBC__
    // The hashes were many small blocks: glibc keeps freed ones for the
    // process unless asked to hand them back.
    malloc_trim(0);
#endif
}

QByteArray ItemIndexCache::writeMembers() const
{
    return m_members.toBytes();
}

bool ItemIndexCache::readMembers(const QByteArray &bytes)
{
    return m_members.fromBytes(bytes);
}

bool ItemIndexCache::apply(const Akonadi::Item &item, const Akonadi::Collection &collection)
{
    // A moved item keeps its modification time: "changed since" would not
    // find it again, so the file must be written (see needsSave()).
    if (const auto known = m_members.find(item.id()); known && known->collection != collection.id()) {
        m_unsaved.mustSave = true;
    }
    ++m_unsaved.items;
    ++m_appliedSinceRead;
    noteChanged(item.id());
    m_members.insert(item.id(), {collection.id(), item.revision()});
    m_watermark = std::max(m_watermark, item.modificationTime());
    if (!indexItem(item, collection)) {
        qCWarning(CRM_CORE_LOG) << "item" << item.id() << "has no payload the CRM can read; left out of the index";
        unindexItem(item.id());
        return false;
    }
    return true;
}

int ItemIndexCache::countOf(Akonadi::Collection::Id collection) const
{
    return m_members.countIn(collection);
}

void ItemIndexCache::open(const Done &done)
{
    QElapsedTimer timer;
    timer.start();
    m_stats = {};
    // The keeper is asked first and answers while the file is read.
    struct Asking {
        std::optional<std::optional<IndexVouch>> answer;
        bool loaded = false;
    };
    std::shared_ptr<Asking> asking;
    if (m_askKeeper) {
        asking = std::make_shared<Asking>();
        m_askKeeper(filePath(), [this, alive = QPointer(this), asking, done](const std::optional<IndexVouch> &vouch) {
            if (!alive || asking->answer) {
                return;
            }
            asking->answer = vouch;
            if (asking->loaded) {
                openAsVouched(vouch, done);
            }
        });
    }
    m_stats.loadedFromFile = load();
    m_unsaved = {}; // the file is what is saved
    qCDebug(CRM_CORE_LOG) << m_name << "loaded from file" << m_stats.loadedFromFile << "(checked whole:" << m_stats.checkedWhole << ") in" << timer.elapsed()
                          << "ms";
    if (asking) {
        asking->loaded = true;
        if (asking->answer) {
            openAsVouched(*asking->answer, done);
        }
        return;
    }
    refresh(done);
}

void ItemIndexCache::openAsVouched(const std::optional<IndexVouch> &vouch, const Done &done)
{
    // Only the very file read (its header names it) is vouched for: one
    // another process wrote since, or none, is brought up to date as usual.
    if (!vouch || !m_stats.loadedFromFile || !m_file || vouch->file != filePath() || vouch->payloadSize != m_file->payloadSize
        || vouch->checksum != m_file->checksum) {
        qCDebug(CRM_CORE_LOG) << m_name << (vouch ? "the keeper vouches for another file" : "no keeper vouches for the file");
        refresh(done);
        return;
    }
    QElapsedTimer timer;
    timer.start();
    for (const qint64 id : vouch->removed) {
        if (m_members.contains(id)) {
            applyRemoval(id);
            ++m_stats.changedItems;
        }
    }
    StorageJob *fetch = m_storage.fetch(vouch->changed);
    connect(fetch, &KJob::result, this, [this, fetch, vouch, done, timer] {
        if (fetch->error()) {
            qCDebug(CRM_CORE_LOG) << m_name << "cannot read what the keeper names:" << fetch->errorString();
            refresh(done);
            return;
        }
        QSet<qint64> read;
        const Akonadi::Item::List items = fetch->items();
        for (const Akonadi::Item &item : items) {
            const Akonadi::Collection::Id in = item.parentCollection().id();
            if (std::any_of(m_collections.cbegin(), m_collections.cend(), [in](const Akonadi::Collection &c) {
                    return c.id() == in;
                })) {
                apply(item, Akonadi::Collection(in));
                read.insert(item.id());
                ++m_stats.changedItems;
            }
        }
        // Gone since the keeper heard of it, or moved out of the index.
        for (const qint64 id : vouch->changed) {
            if (!read.contains(id) && m_members.contains(id)) {
                applyRemoval(id);
            }
        }
        m_stats.vouched = true;
        qCDebug(CRM_CORE_LOG) << m_name << "brought up to date as its keeper vouched in" << timer.elapsed() << "ms," << m_stats.changedItems << "changed items";
        if (done) {
            done({});
        }
    });
}

void ItemIndexCache::setKeeper(const AskKeeper &ask)
{
    m_askKeeper = ask;
}

const Akonadi::Collection::List &ItemIndexCache::collections() const
{
    return m_collections;
}

void ItemIndexCache::noteChanged(qint64 itemId)
{
    noteSinceFile(itemId, m_changedSinceFile, m_removedSinceFile);
}

void ItemIndexCache::noteRemoved(qint64 itemId)
{
    noteSinceFile(itemId, m_removedSinceFile, m_changedSinceFile);
}

void ItemIndexCache::noteSinceFile(qint64 itemId, QSet<qint64> &into, QSet<qint64> &from)
{
    if (m_tooManySinceFile) {
        return;
    }
    from.remove(itemId);
    into.insert(itemId);
    m_tooManySinceFile = m_changedSinceFile.size() + m_removedSinceFile.size() > maxVouchedItems;
    if (m_tooManySinceFile) {
        m_changedSinceFile.clear();
        m_removedSinceFile.clear();
    }
}

void ItemIndexCache::forgetNotes() const
{
    m_changedSinceFile.clear();
    m_removedSinceFile.clear();
    m_tooManySinceFile = false;
}

std::optional<IndexVouch> ItemIndexCache::vouch() const
{
    if (!m_file || m_tooManySinceFile) {
        return std::nullopt;
    }
    // The header in place must still be the one read or written here.
    QFile file(filePath());
    if (!file.open(QIODevice::ReadOnly)) {
        return std::nullopt;
    }
    const QByteArray header = file.read(headerSize);
    if (header.size() != headerSize || qFromLittleEndian<quint32>(header.constData()) != fileMagic
        || qFromLittleEndian<quint32>(header.constData() + 4) != (baseVersion << 16 | m_formatVersion)
        || qFromLittleEndian<quint64>(header.constData() + 8) != m_file->payloadSize
        || qFromLittleEndian<quint32>(header.constData() + 16) != m_file->checksum) {
        return std::nullopt;
    }
    IndexVouch v;
    v.file = filePath();
    v.payloadSize = m_file->payloadSize;
    v.checksum = m_file->checksum;
    v.changed = QList<qint64>(m_changedSinceFile.cbegin(), m_changedSinceFile.cend());
    v.removed = QList<qint64>(m_removedSinceFile.cbegin(), m_removedSinceFile.cend());
    std::sort(v.changed.begin(), v.changed.end());
    std::sort(v.removed.begin(), v.removed.end());
    return v;
}

void ItemIndexCache::refresh(const Done &done)
{
    auto refresh = std::make_shared<Refresh>();
    refresh->done = done;
    refresh->since = m_watermark;
    refresh->timer.start();
    if (refresh->since.isValid()) {
        visitChanged(refresh, 0);
    } else {
        compareCounts(refresh);
    }
}

void ItemIndexCache::visitChanged(const std::shared_ptr<Refresh> &refresh, qsizetype at)
{
    if (at >= m_collections.size()) {
        compareCounts(refresh);
        return;
    }
    const Akonadi::Collection collection = m_collections.at(at);
    // The server answers "changed since" inclusively (>=), so the items of
    // the watermark's own instant come back; their revision tells they are
    // known already, and their payload is not read: with the resource busy
    // (syncing its folder after a start) each such read waits for it.
    // The listing may run in a session of its own that outlives this
    // (a Kontact part unloaded during its first open): its callbacks ask
    // whether this is still there.
    const auto unknown = [this, alive = QPointer(this), collection](const Akonadi::Item &listed) {
        if (!alive) {
            return false;
        }
        const auto known = m_members.find(listed.id());
        return !known || known->revision != listed.revision() || known->collection != collection.id();
    };
    StorageJob *job =
        m_storage.visit(collection, refresh->since, unknown, [this, alive = QPointer(this), refresh, collection](const Akonadi::Item::List &items) {
            if (!alive) {
                return;
            }
            for (const Akonadi::Item &item : items) {
                apply(item, collection);
                refresh->changed = true;
                ++m_stats.changedItems;
            }
        });
    connect(job, &KJob::result, this, [this, job, refresh, collection, at] {
        if (job->error()) {
            finish(refresh, job->errorString());
        } else if (RegisterSyncJob::isOnServer(collection)) {
            compareRevisions(refresh, at);
        } else {
            visitChanged(refresh, at + 1);
        }
    });
}

void ItemIndexCache::compareRevisions(const std::shared_ptr<Refresh> &refresh, qsizetype at)
{
    // A resource that reads its server (the DAV and IMAP resources, through
    // Akonadi::ItemSync) merges what a phone or another machine changed into
    // the item with a new revision but its old modification time (Akonadi
    // 24.12's merge keeps it unless the resource gives one), so "changed
    // since" misses it. For such collections every item's revision (no
    // payload) is compared, and the ones that differ are read.
    const Akonadi::Collection collection = m_collections.at(at);
    StorageJob *list = m_storage.revisions(collection);
    connect(list, &KJob::result, this, [this, list, refresh, collection, at] {
        if (list->error()) {
            finish(refresh, list->errorString());
            return;
        }
        QList<Akonadi::Item::Id> stale;
        const Akonadi::Item::List items = list->items();
        for (const Akonadi::Item &item : items) {
            const auto known = m_members.find(item.id());
            if (!known || known->revision != item.revision() || known->collection != collection.id()) {
                stale << item.id();
            }
        }
        if (stale.isEmpty()) {
            visitChanged(refresh, at + 1);
            return;
        }
        qCDebug(CRM_CORE_LOG) << m_name << "reading" << stale.size() << "items of collection" << collection.id() << "merged with an older modification time";
        StorageJob *fetch = m_storage.fetch(stale);
        connect(fetch, &KJob::result, this, [this, fetch, refresh, collection, at] {
            if (fetch->error()) {
                finish(refresh, fetch->errorString());
                return;
            }
            const Akonadi::Item::List changed = fetch->items();
            for (const Akonadi::Item &item : changed) {
                apply(item, collection);
                refresh->changed = true;
                ++m_stats.changedItems;
            }
            visitChanged(refresh, at + 1);
        });
    });
}

void ItemIndexCache::compareCounts(const std::shared_ptr<Refresh> &refresh)
{
    // Deletions leave no modification time behind: compare counts.
    StorageJob *job = m_storage.count(m_collections);
    connect(job, &KJob::result, this, [this, job, refresh] {
        if (job->error()) {
            finish(refresh, job->errorString());
            return;
        }
        const auto counts = job->counts();
        for (const Akonadi::Collection &c : std::as_const(m_collections)) {
            const auto it = counts.constFind(c.id());
            if (it == counts.cend()) {
                continue; // gone: nothing to read
            }
            if (!refresh->since.isValid() || it.value() != countOf(c.id())) {
                qCDebug(CRM_CORE_LOG) << "re-reading collection" << c.id() << it.value() << countOf(c.id());
                refresh->toRebuild << c;
            }
        }
        // An item moved between two of the collections (a letter archived)
        // keeps its modification time, so "changed since" misses it, and
        // right after the move the server may still count the target as
        // before: when one count disagrees, every collection is read again.
        if (!refresh->toRebuild.isEmpty()) {
            refresh->toRebuild = m_collections;
        }
        rebuild(refresh, 0);
    });
}

void ItemIndexCache::rebuild(const std::shared_ptr<Refresh> &refresh, qsizetype at)
{
    if (at >= refresh->toRebuild.size()) {
        finish(refresh, {});
        return;
    }
    const Akonadi::Collection collection = refresh->toRebuild.at(at);
    const QList<qint64> ids = m_members.idsIn(collection.id());
    for (const qint64 id : ids) {
        m_members.remove(id);
        unindexItem(id);
        noteRemoved(id);
    }
    refresh->changed = true;
    m_unsaved.mustSave = true;
    ++m_stats.rebuiltCollections;
    StorageJob *job = m_storage.visit(collection, {}, [this, alive = QPointer(this), collection](const Akonadi::Item::List &items) {
        if (!alive) {
            return; // see visitChanged()
        }
        for (const Akonadi::Item &item : items) {
            apply(item, collection);
        }
    });
    connect(job, &KJob::result, this, [this, job, refresh, at] {
        if (job->error()) {
            finish(refresh, job->errorString());
        } else {
            rebuild(refresh, at + 1);
        }
    });
}

void ItemIndexCache::finish(const std::shared_ptr<Refresh> &refresh, const QString &error)
{
    if (error.isEmpty() && (!m_stats.loadedFromFile || (refresh->changed && needsSave()))) {
        save();
    }
    qCDebug(CRM_CORE_LOG) << m_name << "refreshed in" << refresh->timer.elapsed() << "ms," << m_stats.changedItems << "changed items,"
                          << m_stats.rebuiltCollections << "collections re-read" << error;
    if (refresh->done) {
        refresh->done(error);
    }
}

bool ItemIndexCache::applyChange(const Akonadi::Item &item, const Akonadi::Collection &collection)
{
    const auto member = m_members.find(item.id());
    const Akonadi::Collection::Id in = collection.isValid() ? collection.id() : member ? member->collection : item.parentCollection().id();
    const bool ok = apply(item, Akonadi::Collection(in));
    if (m_saveTimer) {
        m_saveTimer->start();
    }
    return ok;
}

void ItemIndexCache::applyRemoval(qint64 itemId)
{
    if (!m_members.contains(itemId)) {
        return; // not one of the index's items
    }
    m_unsaved.mustSave = true; // a removal leaves nothing "changed since" finds
    noteRemoved(itemId);
    m_members.remove(itemId);
    unindexItem(itemId);
    if (m_saveTimer) {
        m_saveTimer->start();
    }
}

void ItemIndexCache::follow()
{
    if (m_monitor) {
        return;
    }
    m_monitor = m_storage.monitor(m_collections);
    // Saved a moment after a burst of changes, not once per item.
    m_saveTimer = new QTimer(this);
    m_saveTimer->setSingleShot(true);
    m_saveTimer->setInterval(2000);
    connect(m_saveTimer, &QTimer::timeout, this, [this] {
        if (!m_askKeeper) {
            save();
            return;
        }
        // While a keeper vouches for the file in place it writes that file
        // itself: a second writer would only make the keeper's file stale
        // (and each would pack the whole index after every change).
        m_askKeeper(filePath(), [this, alive = QPointer(this)](const std::optional<IndexVouch> &vouch) {
            if (alive && !vouch) {
                save();
            }
        });
    });
    connect(m_monitor.get(), &StorageMonitor::itemChanged, this, [this](const Akonadi::Item &item, const Akonadi::Collection &collection) {
        applyChange(item, collection);
        Q_EMIT changed();
    });
    connect(m_monitor.get(), &StorageMonitor::itemRemoved, this, [this](qint64 id) {
        if (m_members.contains(id)) {
            applyRemoval(id);
            Q_EMIT changed();
        }
    });
}

} // namespace Crm
