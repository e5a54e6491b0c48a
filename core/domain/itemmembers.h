// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmdomain_export.h"

#include <QByteArray>
#include <QHash>
#include <QList>

#include <optional>

namespace Crm
{

/// The items an index file has seen: the collection of each and the
/// revision it had when indexed. Kept as its file gives it, records of
/// (item id, collection id, revision) sorted by item id and searched where
/// they lie, with the changes beside them: two QHash of 400,000 items took
/// 30 MiB and some 50 ms to build on every cold start. Changes are merged
/// into the records once they are an eighth of them.
class KONTACTCRMDOMAIN_EXPORT ItemMembers
{
public:
    struct Member {
        qint64 collection = -1;
        int revision = 0;
    };

    /// Takes the records toBytes() wrote (or records in any order, as
    /// older files have them, which are sorted once). False when they are
    /// damaged: the members are then empty.
    bool fromBytes(const QByteArray &bytes);
    /// The records, sorted by item id.
    QByteArray toBytes() const;
    void clear();

    qsizetype size() const;
    bool contains(qint64 itemId) const;
    std::optional<Member> find(qint64 itemId) const;
    void insert(qint64 itemId, Member member);
    void remove(qint64 itemId);
    /// The items of @p collection.
    QList<qint64> idsIn(qint64 collection) const;
    int countIn(qint64 collection) const;

private:
    static constexpr qsizetype headerSize = 8;
    static constexpr qsizetype recordSize = 20;
    qint64 idAt(qsizetype record) const;
    Member memberAt(qsizetype record) const;
    qsizetype findRecord(qint64 itemId) const;
    /// Calls @p visit(id, member) for every member, in no set order.
    template<typename Visit>
    void forEach(Visit visit) const;
    void mergeIfMany();

    QByteArray m_records; ///< sorted by item id
    qsizetype m_count = 0;
    /// Changes since the records: a member, or std::nullopt for one removed.
    QHash<qint64, std::optional<Member>> m_changes;
    qsizetype m_size = 0;
};

} // namespace Crm
