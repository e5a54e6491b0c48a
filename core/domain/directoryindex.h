// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmdomain_export.h"
#include "packedblock.h"

#include <QDataStream>
#include <QHash>
#include <QIODevice>
#include <QList>
#include <QMultiHash>
#include <QSet>
#include <QString>
#include <QStringList>

#include <array>
#include <initializer_list>
#include <memory>
#include <optional>

namespace Crm
{

struct Counterparty;
struct ContactPerson;
struct Employee;
class PackedDirectory;
class MappedFile;

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

/// The exact lookups of the directory.
enum class DirectoryKey : quint8 {
    Uid,
    TaxCode,
    PhoneSuffix, ///< the last 9 digits of a normalized number
    Email,
    Counterparty, ///< a person's counterparty's UID
    ExactName, ///< a whole folded name
};
constexpr int DirectoryKeyCount = 6;

/// An index over the directory: by name part, phone, e-mail, tax code and
/// UID. What was read from its file stays packed (PackedDirectory: sorted
/// tables searched in place, entries made when asked for); what changed
/// since is packed 8,192 entries at a time into a second, smaller block,
/// which goes into the first once it is an eighth of it. Lookups are
/// binary searches in both blocks and in small hashes of the changes, and
/// 400,000 entries take about a third of the memory QHash and QString took.
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

    DirectoryIndex();
    ~DirectoryIndex();
    DirectoryIndex(const DirectoryIndex &other);
    DirectoryIndex &operator=(const DirectoryIndex &other);

    void insert(const DirectoryEntry &entry); ///< replaces the entry with the same item id
    void remove(qint64 itemId);
    void clear();
    int size() const;
    bool contains(qint64 itemId) const;
    std::optional<DirectoryEntry> entry(qint64 itemId) const;
    QList<DirectoryEntry> entries() const;

    /// What a user types: a UID, a tax code, a phone number, an e-mail address
    /// or any part of a name. Exact keys win over name parts; results are
    /// sorted counterparties first, then by name.
    QList<Hit> find(QStringView text, int limit = 50) const;
    /// What find() answers from exact keys alone (UID, tax code, e-mail,
    /// phone), before it falls back to name parts.
    QList<Hit> findExact(QStringView text) const;
    /// The ids of the entries with @p text in a name, each once, unsorted:
    /// what byNamePart() finds, without making or sorting the entries (a
    /// letter typed can match tens of thousands).
    QList<qint64> idsByNamePart(QStringView text) const;
    /// The first entry with @p uid.
    std::optional<DirectoryEntry> firstByUid(const QString &uid) const;

    QList<DirectoryEntry> byUid(const QString &uid) const;
    QList<DirectoryEntry> byTaxCode(QStringView taxCode) const;
    QList<DirectoryEntry> byPhone(QStringView phone) const;
    QList<DirectoryEntry> byEmail(QStringView email) const;
    QList<DirectoryEntry> byNamePart(QStringView text, int limit = 50) const;
    /// Entries whose name or short name is exactly @p text (after SearchKeys::name).
    QList<DirectoryEntry> byExactName(QStringView text) const;
    QList<DirectoryEntry> personsOf(const QString &counterpartyUid) const;
    QList<DirectoryEntry> ofKind(DirectoryEntry::Kind kind) const;

    /// The index for its file (PackedDirectory's block).
    QByteArray toCompact() const;
    /// Replaces the index with what toCompact() wrote, kept as it is (no
    /// copy, nothing built); false, leaving it empty, when @p bytes are damaged.
    bool fromCompact(const QByteArray &bytes);
    /// The same for the form at @p offset of @p holder (an index file read
    /// whole), kept there rather than copied.
    bool fromCompact(const QByteArray &holder, qsizetype offset, qsizetype size);
    /// The same for the form in a mapped file (an index file), read where
    /// it lies: its pages are touched only by the lookups that need them.
    bool fromCompact(std::shared_ptr<const MappedFile> file, QByteArrayView block, PackedBlockChecks checks = PackedBlockChecks::Everything);
    /// Writes toCompact()'s form to @p out as a QByteArray, without a copy
    /// of a form that lies in a mapped file.
    void writeCompact(QDataStream &out) const;
    /// Lets the pages of a form read from a mapped file go from the
    /// process's resident memory (they stay in the page cache).
    void releasePages() const;
    /// Where a large index packs itself (into a temporary file, mapped and
    /// unlinked at once) rather than into memory: an import that fills
    /// 400,000 entries then holds the block in the page cache, not twice on
    /// its heap while packing. Empty (the default): packed in memory.
    void setSpoolFolder(const QString &folder);
    friend KONTACTCRMDOMAIN_EXPORT QDataStream &operator<<(QDataStream &out, const DirectoryIndex &index);
    friend KONTACTCRMDOMAIN_EXPORT QDataStream &operator>>(QDataStream &in, DirectoryIndex &index);

private:
    using Key = DirectoryKey;
    /// The values @p entry has in the lookup @p key.
    static QStringList keysOf(Key key, const DirectoryEntry &entry);
    void forgetChange(qint64 itemId);
    void clearChanges();
    /// The ids found by @p value in the lookup @p key.
    QList<qint64> idsFor(Key key, const QString &value) const;
    QList<DirectoryEntry> collect(Key key, const QString &value) const;
    struct Level;
    struct Levels;
    /// Where an entry is: in the changes (level null) or a packed record.
    struct Place {
        const Level *level;
        int record;
    };
    std::optional<Place> entryPlace(qint64 itemId) const;
    /// Everything packed into one block.
    QByteArray packAll() const;
    /// The current records of @p levels and the changes, packed.
    QByteArray merge(std::initializer_list<const Level *> levels) const;
    bool merge(std::initializer_list<const Level *> levels, QIODevice *out, const QString &spoolFolder) const;
    /// The same, packed into a file in the spool folder and mapped.
    std::optional<PackedDirectory> packedInFile(std::initializer_list<const Level *> levels) const;
    /// Packs the changes away once they are many.
    void packIfMany();

    std::unique_ptr<Levels> m_levels;
    QHash<qint64, DirectoryEntry> m_changed; ///< inserted since the last packing
    std::array<QMultiHash<QString, qint64>, DirectoryKeyCount> m_changedKeys; ///< the changes by each lookup
    QString m_spoolFolder;
};

KONTACTCRMDOMAIN_EXPORT QDataStream &operator<<(QDataStream &out, const DirectoryEntry &e);
KONTACTCRMDOMAIN_EXPORT QDataStream &operator>>(QDataStream &in, DirectoryEntry &e);

} // namespace Crm
