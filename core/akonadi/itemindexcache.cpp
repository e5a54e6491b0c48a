// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "itemindexcache.h"

#include "crmcore_debug.h"
#include "itemstore.h"

#include <Akonadi/CollectionFetchJob>
#include <Akonadi/CollectionFetchScope>
#include <Akonadi/CollectionStatistics>
#include <Akonadi/ServerManager>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

namespace
{
constexpr quint32 fileMagic = 0x43524D49; // "CRMI"
// The base's own layout; a subclass versions its index separately.
constexpr quint32 baseVersion = 2;
} // namespace

ItemIndexCache::ItemIndexCache(const Akonadi::Collection::List &collections, const ItemStore &store, const QString &name, quint32 formatVersion)
    : m_collections(collections)
    , m_store(store)
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
    QFile file(filePath());
    if (!file.open(QIODevice::ReadOnly)) {
        return false;
    }
    QDataStream in(&file);
    in.setVersion(QDataStream::Qt_6_8);
    quint32 magic = 0;
    quint32 version = 0;
    in >> magic >> version;
    if (magic != fileMagic || version != (baseVersion << 16 | m_formatVersion)) {
        return false;
    }
    in >> m_watermark >> m_members >> m_revisions;
    readIndex(in);
    if (in.status() != QDataStream::Ok) {
        qCWarning(CRM_CORE_LOG) << "ignoring a damaged index file" << file.fileName();
        clearIndex();
        m_members.clear();
        m_revisions.clear();
        m_watermark = {};
        return false;
    }
    return true;
}

bool ItemIndexCache::save() const
{
    QDir().mkpath(QFileInfo(filePath()).absolutePath());
    QSaveFile file(filePath());
    if (!file.open(QIODevice::WriteOnly)) {
        return false;
    }
    QDataStream out(&file);
    out.setVersion(QDataStream::Qt_6_8);
    out << fileMagic << (baseVersion << 16 | m_formatVersion) << m_watermark << m_members << m_revisions;
    writeIndex(out);
    return file.commit();
}

bool ItemIndexCache::apply(const Akonadi::Item &item, const Akonadi::Collection &collection)
{
    m_members.insert(item.id(), collection.id());
    m_revisions.insert(item.id(), item.revision());
    m_watermark = std::max(m_watermark, item.modificationTime());
    if (!indexItem(item, collection)) {
        qCWarning(CRM_CORE_LOG) << "item" << item.id() << "has no payload the CRM can read; left out of the index";
        unindexItem(item.id());
        return false;
    }
    return true;
}

int ItemIndexCache::countOf(const Akonadi::Collection &collection) const
{
    int n = 0;
    for (auto it = m_members.cbegin(); it != m_members.cend(); ++it) {
        n += it.value() == collection.id();
    }
    return n;
}

bool ItemIndexCache::rebuild(const Akonadi::Collection &collection, QString *error)
{
    const QList<qint64> ids = m_members.keys(collection.id());
    for (const qint64 id : ids) {
        m_members.remove(id);
        m_revisions.remove(id);
        unindexItem(id);
    }
    const bool ok = m_store.visitCollection(
        collection,
        {},
        [this, &collection](const Akonadi::Item &item) {
            apply(item, collection);
        },
        error);
    ++m_stats.rebuiltCollections;
    return ok;
}

bool ItemIndexCache::open(QString *error)
{
    QElapsedTimer timer;
    timer.start();
    m_stats = {};
    m_stats.loadedFromFile = load();
    const qint64 loadMs = timer.restart();
    const bool ok = refresh(error);
    qCDebug(CRM_CORE_LOG) << m_name << "opened: loaded from file" << m_stats.loadedFromFile << "in" << loadMs << "ms, refreshed in" << timer.elapsed() << "ms,"
                          << m_stats.changedItems << "changed items," << m_stats.rebuiltCollections << "collections re-read";
    return ok;
}

bool ItemIndexCache::refresh(QString *error)
{
    bool changed = false;
    const QDateTime since = m_watermark;
    if (since.isValid()) {
        // The server answers "changed since" inclusively (>=), so the items of
        // the watermark's own instant come back; their revision tells they
        // are known already, and nothing is rewritten for them.
        for (const Akonadi::Collection &collection : std::as_const(m_collections)) {
            const bool ok = m_store.visitCollection(
                collection,
                since,
                [&](const Akonadi::Item &item) {
                    const auto known = m_revisions.constFind(item.id());
                    if (known != m_revisions.cend() && known.value() == item.revision() && m_members.value(item.id()) == collection.id()) {
                        return;
                    }
                    apply(item, collection);
                    changed = true;
                    ++m_stats.changedItems;
                },
                error);
            if (!ok) {
                return false;
            }
        }
    }

    // Deletions leave no modification time behind: compare counts.
    auto job = new Akonadi::CollectionFetchJob(m_collections, Akonadi::CollectionFetchJob::Base);
    job->fetchScope().setIncludeStatistics(true);
    if (!job->exec()) {
        if (error) {
            *error = job->errorString();
        }
        return false;
    }
    const auto collections = job->collections();
    for (const Akonadi::Collection &c : collections) {
        if (!since.isValid() || c.statistics().count() != countOf(c)) {
            qCDebug(CRM_CORE_LOG) << "re-reading collection" << c.id() << c.statistics().count() << countOf(c);
            if (!rebuild(c, error)) {
                return false;
            }
            changed = true;
        }
    }
    if (changed || !m_stats.loadedFromFile) {
        save();
    }
    return true;
}

} // namespace Crm
