// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "akonadi/itemindexcache.h"
#include "domain/letterindex.h"
#include "kontactcrmcore_export.h"

namespace Crm
{

/// The index of the correspondence register (its folder and its archive),
/// kept on disk and refreshed from Akonadi (see ItemIndexCache), so that a
/// journal, a card or a new number does not read every message. It reads
/// the messages' headers only; give it an AkonadiItemStorage made with
/// LetterIndexCache::payloadParts().
class KONTACTCRMCORE_EXPORT LetterIndexCache : public ItemIndexCache
{
public:
    /// @p archive may be invalid while the register has none.
    LetterIndexCache(const Akonadi::Collection &registerFolder, const Akonadi::Collection &archive, ItemStorage &storage);

    const LetterIndex &index() const;
    /// What the index reads of a message: its header.
    static QSet<QByteArray> payloadParts();

protected:
    bool indexItem(const Akonadi::Item &item, const Akonadi::Collection &collection) override;
    void unindexItem(qint64 itemId) override;
    void clearIndex() override;
    void writeIndex(QDataStream &out) const override;
    void readIndex(QDataStream &in) override;

private:
    Akonadi::Collection::Id m_archive;
    LetterIndex m_index;
};

} // namespace Crm
