// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmdomain_export.h"

#include <QDataStream>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace Crm
{

struct Counterparty;
struct ContactPerson;
struct Employee;

/// What the index keeps of one stored vCard: enough to answer a lookup and
/// to fetch the full item by its id, and no more, so 40,000 entries stay small.
struct KONTACTCRMDOMAIN_EXPORT DirectoryEntry {
    enum class Kind : quint8 {
        Counterparty,
        Person,
        Employee
    };
    qint64 itemId = -1;
    Kind kind = Kind::Counterparty;
    QString uid;
    QString counterpartyUid; ///< for a person: the counterparty it belongs to
    QString displayName;
    QStringList nameKeys; ///< SearchKeys::name of each name the record goes by (name, then short name)
    QString taxCode;
    QStringList phones; ///< normalized
    QStringList emails; ///< normalized
    QStringList groups;

    static DirectoryEntry from(const Counterparty &c, qint64 itemId);
    static DirectoryEntry from(const ContactPerson &p, qint64 itemId);
    static DirectoryEntry from(const Employee &e, qint64 itemId);
    bool operator==(const DirectoryEntry &other) const = default;
};

/// An in-memory index over the directory: by name part, phone, e-mail, tax
/// code and UID. Lookups are hash probes, except the name-part search, which
/// is a scan of short folded strings (a few milliseconds at 40,000 entries).
class KONTACTCRMDOMAIN_EXPORT DirectoryIndex
{
public:
    enum class Match {
        Uid,
        TaxCode,
        Phone,
        Email,
        Name
    };
    struct Hit {
        DirectoryEntry entry;
        Match match;
    };

    void insert(const DirectoryEntry &entry); ///< replaces the entry with the same item id
    void remove(qint64 itemId);
    void clear();
    int size() const;
    bool contains(qint64 itemId) const;
    const DirectoryEntry *entry(qint64 itemId) const;
    QList<DirectoryEntry> entries() const;

    /// What a user types: a UID, a tax code, a phone number, an e-mail address
    /// or any part of a name. Exact keys win over name parts; results are
    /// sorted counterparties first, then by name.
    QList<Hit> find(QStringView text, int limit = 50) const;
    /// What find() answers from exact keys alone (UID, tax code, e-mail,
    /// phone), before it falls back to name parts.
    QList<Hit> findExact(QStringView text) const;
    /// The ids of the entries with @p text in a name, each once, unsorted:
    /// what byNamePart() finds, without copying or sorting the entries (a
    /// letter typed can match tens of thousands).
    QList<qint64> idsByNamePart(QStringView text) const;
    /// The first entry with @p uid, or null; no copy.
    const DirectoryEntry *firstByUid(const QString &uid) const;

    QList<DirectoryEntry> byUid(const QString &uid) const;
    QList<DirectoryEntry> byTaxCode(QStringView taxCode) const;
    QList<DirectoryEntry> byPhone(QStringView phone) const;
    QList<DirectoryEntry> byEmail(QStringView email) const;
    QList<DirectoryEntry> byNamePart(QStringView text, int limit = 50) const;
    /// Entries whose name or short name is exactly @p text (after SearchKeys::name).
    QList<DirectoryEntry> byExactName(QStringView text) const;
    QList<DirectoryEntry> personsOf(const QString &counterpartyUid) const;
    QList<DirectoryEntry> ofKind(DirectoryEntry::Kind kind) const;

    /// The index for its file (CompactWriter: each distinct string once).
    QByteArray toCompact() const;
    /// Replaces the index with what toCompact() wrote; false, leaving it
    /// empty, when @p bytes are damaged.
    bool fromCompact(QByteArrayView bytes);
    friend KONTACTCRMDOMAIN_EXPORT QDataStream &operator<<(QDataStream &out, const DirectoryIndex &index);
    friend KONTACTCRMDOMAIN_EXPORT QDataStream &operator>>(QDataStream &in, DirectoryIndex &index);

private:
    enum class Key : quint8 {
        Uid,
        TaxCode,
        PhoneSuffix,
        Email,
        Counterparty,
        ExactName,
    };
    static constexpr int KeyCount = 6;
    /// The keys @p entry is found by in the lookup @p key.
    static QStringList keysOf(Key key, const DirectoryEntry &entry);
    static bool hasKey(Key key, const DirectoryEntry &entry, const QString &value);
    static constexpr int ScansBeforeHash = 3;
    /// The lookup @p key, made by the query after ScansBeforeHash that need
    /// it (those scan), then kept current: a cold crmctl asks a question or
    /// two, and reading 400,000 entries from the index file makes none of
    /// the six hashes. Not thread-safe, as the rest.
    const QMultiHash<QString, qint64> &lookup(Key key) const;
    /// The ids found by @p value in the lookup @p key.
    QList<qint64> idsFor(Key key, const QString &value) const;
    QList<DirectoryEntry> collect(Key key, const QString &value) const;
    void addKeys(const DirectoryEntry &e);
    void removeKeys(const DirectoryEntry &e);

    QHash<qint64, DirectoryEntry> m_entries;
    struct Lookup {
        int scans = 0; ///< questions answered by a scan so far
        bool built = false;
        QMultiHash<QString, qint64> hash;
    };
    mutable Lookup m_lookups[KeyCount];

    // Every name key in one string, so a name-part search is one indexOf
    // pass over contiguous memory instead of a contains() per entry; built
    // on the first search after a change.
    void buildNameText() const;
    mutable bool m_nameTextDirty = true;
    mutable QString m_nameText;
    mutable QList<qsizetype> m_nameStarts; ///< where each entry's key begins in m_nameText
    mutable QList<qint64> m_nameIds; ///< the entry at each start
};

KONTACTCRMDOMAIN_EXPORT QDataStream &operator<<(QDataStream &out, const DirectoryEntry &e);
KONTACTCRMDOMAIN_EXPORT QDataStream &operator>>(QDataStream &in, DirectoryEntry &e);

} // namespace Crm
