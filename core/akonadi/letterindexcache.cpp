// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "letterindexcache.h"

#include "mime/lettermapping.h"

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

namespace
{
Akonadi::Collection::List foldersOf(const Akonadi::Collection &registerFolder, const Akonadi::Collection &archive)
{
    Akonadi::Collection::List folders{registerFolder};
    if (archive.isValid()) {
        folders << archive;
    }
    return folders;
}
} // namespace

LetterIndexCache::LetterIndexCache(const Akonadi::Collection &registerFolder, const Akonadi::Collection &archive, ItemStorage &storage)
    : ItemIndexCache(foldersOf(registerFolder, archive), storage, u"letter-index"_s, 1)
    , m_archive(archive.isValid() ? archive.id() : -1)
{
}

const LetterIndex &LetterIndexCache::index() const
{
    return m_index;
}

QSet<QByteArray> LetterIndexCache::payloadParts()
{
    // Akonadi::MessagePart::Header: the headers without the body.
    return {QByteArrayLiteral("HEAD")};
}

bool LetterIndexCache::indexItem(const Akonadi::Item &item, const Akonadi::Collection &collection)
{
    if (!item.hasPayload<KMime::Message::Ptr>() || !item.payload<KMime::Message::Ptr>()) {
        return false;
    }
    const auto message = item.payload<KMime::Message::Ptr>();
    // Mail filed into the register's folder by hand is not a register entry.
    if (!LetterMapping::isLetter(message)) {
        m_index.remove(item.id());
        return true;
    }
    Letter letter = LetterMapping::letterFrom(message);
    letter.archived = collection.id() == m_archive;
    m_index.insert(item.id(), letter);
    return true;
}

void LetterIndexCache::unindexItem(qint64 itemId)
{
    m_index.remove(itemId);
}

void LetterIndexCache::clearIndex()
{
    m_index.clear();
}

void LetterIndexCache::writeIndex(QDataStream &out) const
{
    out << m_index;
}

void LetterIndexCache::readIndex(QDataStream &in)
{
    in >> m_index;
}

} // namespace Crm
