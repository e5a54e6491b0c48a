// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "directoryindexcache.h"

#include "vcard/vcardmapping.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

DirectoryIndexCache::DirectoryIndexCache(const Akonadi::Collection &counterparties, const Akonadi::Collection &employees, ItemStorage &storage)
    // 3: a counterparty's name and short name are separate exact-name keys;
    // 4: kept as a list, not joined with " | "; 5: compact (CompactWriter);
    // 6: packed (PackedDirectory), read in place; 7: with the names' trigrams.
    : ItemIndexCache({counterparties, employees}, storage, u"directory-index"_s, 7)
    , m_employees(employees)
{
    // A large index packs itself beside its file, not in memory (an import
    // of 400,000 records would otherwise hold two copies of it while packing).
    const QString folder = QFileInfo(filePath()).absolutePath();
    if (QDir().mkpath(folder)) {
        m_index.setSpoolFolder(folder);
    }
}

QString DirectoryIndexCache::keeperName()
{
    return QStringLiteral("directory");
}

const DirectoryIndex &DirectoryIndexCache::index() const
{
    return m_index;
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

bool DirectoryIndexCache::indexItem(const Akonadi::Item &item, const Akonadi::Collection &collection)
{
    const auto entry = entryFor(item, collection.id() == m_employees.id());
    if (!entry) {
        return false;
    }
    m_index.insert(*entry);
    return true;
}

void DirectoryIndexCache::unindexItem(qint64 itemId)
{
    m_index.remove(itemId);
}

void DirectoryIndexCache::clearIndex()
{
    m_index.clear();
}

void DirectoryIndexCache::writeIndex(QDataStream &out) const
{
    m_index.writeCompact(out);
}

bool DirectoryIndexCache::readsIndexInPlace() const
{
    return true;
}

void DirectoryIndexCache::readIndex(QDataStream &in)
{
    // Kept where it lies in the mapped file: at 400,000 entries a copy is
    // 100 MB more, for as long as the index lives.
    std::shared_ptr<const MappedFile> file;
    QByteArrayView block;
    const auto checks = loadingCheckedFile() ? PackedBlockChecks::SizesOnly : PackedBlockChecks::Everything;
    if (blockInFile(in, &file, &block) && !m_index.fromCompact(std::move(file), block, checks)) {
        in.setStatus(QDataStream::ReadCorruptData);
    }
}

} // namespace Crm
