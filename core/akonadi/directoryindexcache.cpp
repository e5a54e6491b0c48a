// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "directoryindexcache.h"

#include "crmcore_debug.h"
#include "itemstore.h"
#include "vcard/vcardmapping.h"

#include <Akonadi/CollectionFetchJob>
#include <Akonadi/CollectionFetchScope>
#include <Akonadi/CollectionStatistics>
#include <Akonadi/ServerManager>

#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QStandardPaths>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

namespace
{
constexpr quint32 fileMagic = 0x43524D49; // "CRMI"
constexpr quint32 fileVersion = 1;
} // namespace

DirectoryIndexCache::DirectoryIndexCache(const Akonadi::Collection &counterparties, const Akonadi::Collection &employees, const ItemStore &store)
    : m_counterparties(counterparties)
    , m_employees(employees)
    , m_store(store)
{
}

const DirectoryIndex &DirectoryIndexCache::index() const
{
    return m_index;
}

DirectoryIndexCache::Stats DirectoryIndexCache::lastStats() const
{
    return m_stats;
}

QString DirectoryIndexCache::filePath() const
{
    // Beside the CRM's vCard folder rather than in the cache folder: it must
    // follow the Akonadi instance it describes, and test servers (akonaditest)
    // and private demo servers get their own data folder, not their own cache.
    const QString name = Akonadi::ServerManager::addNamespace(u"directory-index"_s);
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
        + u"/kontact-crm/%1-%2-%3.bin"_s.arg(name).arg(m_counterparties.id()).arg(m_employees.id());
}

std::optional<DirectoryEntry> DirectoryIndexCache::entryFor(const Akonadi::Item &item, bool isEmployee)
{
    if (!item.hasPayload<KContacts::Addressee>()) {
        return std::nullopt;
    }
    const auto addressee = item.payload<KContacts::Addressee>();
    if (isEmployee) {
        return DirectoryEntry::from(VCardMapping::employeeFrom(addressee), item.id());
    }
    if (VCardMapping::kindOf(addressee) == VCardMapping::RecordKind::Counterparty) {
        return DirectoryEntry::from(VCardMapping::counterpartyFrom(addressee), item.id());
    }
    return DirectoryEntry::from(VCardMapping::personFrom(addressee), item.id());
}

bool DirectoryIndexCache::load()
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
    if (magic != fileMagic || version != fileVersion) {
        return false;
    }
    in >> m_watermark >> m_unreadable >> m_index;
    if (in.status() != QDataStream::Ok) {
        qCWarning(CRM_CORE_LOG) << "ignoring a damaged index file" << file.fileName();
        m_index.clear();
        m_unreadable.clear();
        m_watermark = {};
        return false;
    }
    return true;
}

bool DirectoryIndexCache::save() const
{
    QDir().mkpath(QFileInfo(filePath()).absolutePath());
    QSaveFile file(filePath());
    if (!file.open(QIODevice::WriteOnly)) {
        return false;
    }
    QDataStream out(&file);
    out.setVersion(QDataStream::Qt_6_8);
    out << fileMagic << fileVersion << m_watermark << m_unreadable << m_index;
    return file.commit();
}

int DirectoryIndexCache::countOf(bool employees) const
{
    int n = 0;
    const auto entries = m_index.entries();
    for (const DirectoryEntry &e : entries) {
        if ((e.kind == DirectoryEntry::Kind::Employee) == employees) {
            ++n;
        }
    }
    for (auto it = m_unreadable.cbegin(); it != m_unreadable.cend(); ++it) {
        if (it.value() == employees) {
            ++n;
        }
    }
    return n;
}

bool DirectoryIndexCache::rebuild(const Akonadi::Collection &collection, QString *error)
{
    const bool employees = collection.id() == m_employees.id();
    const auto entries = m_index.entries();
    for (const DirectoryEntry &e : entries) {
        if ((e.kind == DirectoryEntry::Kind::Employee) == employees) {
            m_index.remove(e.itemId);
        }
    }
    m_unreadable.removeIf([employees](const auto &it) {
        return it.value() == employees;
    });
    const bool ok = m_store.visitCollection(
        collection,
        {},
        [this, employees](const Akonadi::Item &item) {
            if (auto entry = entryFor(item, employees)) {
                m_index.insert(*entry);
            } else {
                qCWarning(CRM_CORE_LOG) << "item" << item.id() << "holds no readable vCard; left out of the index";
                m_unreadable.insert(item.id(), employees);
            }
            m_watermark = std::max(m_watermark, item.modificationTime());
        },
        error);
    if (!ok) {
        return false;
    }
    ++m_stats.rebuiltCollections;
    return true;
}

bool DirectoryIndexCache::open(QString *error)
{
    m_stats = {};
    m_stats.loadedFromFile = load();
    return refresh(error);
}

bool DirectoryIndexCache::refresh(QString *error)
{
    bool changed = false;
    const QDateTime since = m_watermark;
    if (since.isValid()) {
        // Modification times have a resolution of a second on some backends;
        // re-reading a second's worth of items is cheap and idempotent.
        const QDateTime from = since.addSecs(-1);
        for (const Akonadi::Collection &collection : {m_counterparties, m_employees}) {
            const bool employees = collection.id() == m_employees.id();
            const bool ok = m_store.visitCollection(
                collection,
                from,
                [&](const Akonadi::Item &item) {
                    const auto entry = entryFor(item, employees);
                    if (entry) {
                        m_unreadable.remove(item.id());
                    } else if (!m_unreadable.contains(item.id())) {
                        m_unreadable.insert(item.id(), employees);
                        changed = true;
                    }
                    const DirectoryEntry *old = m_index.entry(item.id());
                    if (entry && (!old || !(*old == *entry))) {
                        m_index.insert(*entry);
                        changed = true;
                        ++m_stats.changedItems;
                    } else if (!entry && old) {
                        m_index.remove(item.id());
                        changed = true;
                    }
                    m_watermark = std::max(m_watermark, item.modificationTime());
                },
                error);
            if (!ok) {
                return false;
            }
        }
    }

    // Deletions leave no modification time behind: compare counts.
    auto job = new Akonadi::CollectionFetchJob(Akonadi::Collection::List{m_counterparties, m_employees}, Akonadi::CollectionFetchJob::Base);
    job->fetchScope().setIncludeStatistics(true);
    if (!job->exec()) {
        if (error) {
            *error = job->errorString();
        }
        return false;
    }
    const auto collections = job->collections();
    for (const Akonadi::Collection &c : collections) {
        const bool employees = c.id() == m_employees.id();
        if (!since.isValid() || c.statistics().count() != countOf(employees)) {
            qCDebug(CRM_CORE_LOG) << "re-reading address book" << c.id() << c.statistics().count() << countOf(employees);
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
