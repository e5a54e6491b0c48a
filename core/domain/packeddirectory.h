// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "directoryindex.h"
#include "kontactcrmdomain_export.h"
#include "packedblock.h"

#include <QByteArray>
#include <QIODevice>

#include <QList>
#include <functional>
#include <memory>

namespace Crm
{

class MappedFile;

/// The directory index as one block of bytes that is read where it lies:
/// fixed-size records sorted by item id, their strings in UTF-8, and for
/// each lookup a table of (key, record) sorted by key. Opening it checks the
/// block's shape and builds nothing, so a cold crmctl that asks one question
/// of 400,000 entries reads the file and a few pages of it, instead of
/// making 2.4 million QStrings and six hashes; a warm one keeps the block (a
/// third of what the same entries take as QHash and QString) and answers
/// by binary search. An entry becomes a DirectoryEntry only when asked for.
/// Immutable: DirectoryIndex keeps later changes beside it.
class KONTACTCRMDOMAIN_EXPORT PackedDirectory
{
public:
    /// The lookups, each a sorted table in the block.
    using Key = DirectoryKey;
    static constexpr int KeyCount = DirectoryKeyCount;

    PackedDirectory() = default;
    /// Packs @p entries (any order; item ids unique).
    static QByteArray pack(const QList<DirectoryEntry> &entries);
    /// Packs @p count entries given one at a time by @p entryAt, in the
    /// order of their item ids (unique), each asked for twice: the entries
    /// need never be held all at once.
    static QByteArray pack(qsizetype count, const std::function<DirectoryEntry(qsizetype i)> &entryAt);
    /// The same, written to @p out; with a @p spoolFolder, what is packed
    /// waits there in temporary files rather than in memory, so that
    /// packing a large block into a file holds little more than its keys.
    /// False when writing failed.
    static bool pack(qsizetype count, const std::function<DirectoryEntry(qsizetype i)> &entryAt, QIODevice *out, const QString &spoolFolder);
    /// Takes a block pack() made; false (and empty) when its shape is
    /// damaged: every offset and count is checked against its size here, so
    /// reading it later never leaves it.
    bool open(const QByteArray &bytes);
    /// The same, for the block at @p offset of @p holder (an index file read
    /// whole), which is kept rather than copied.
    bool open(const QByteArray &holder, qsizetype offset, qsizetype size);
    using Checks = PackedBlockChecks;
    /// The same, for a block that lies in a file mapped into memory, which
    /// is kept (and not read until asked).
    bool open(std::shared_ptr<const MappedFile> file, QByteArrayView block, Checks checks = Checks::Everything);
    /// The block (a copy when it lies in a mapped file).
    QByteArray bytes() const;
    /// The block where it lies, valid while this is.
    QByteArrayView view() const;
    /// Lets the pages of a block in a mapped file go from the process's
    /// resident memory (see MappedFile); nothing for a block in memory.
    void releasePages() const;

    int size() const;
    /// The record of @p itemId, or -1.
    int find(qint64 itemId) const;
    qint64 itemIdAt(int record) const;
    DirectoryEntry::Kind kindAt(int record) const;
    DirectoryEntry entryAt(int record) const;
    /// The records found by @p utf8Key in the lookup @p key.
    QList<int> records(Key key, QByteArrayView utf8Key) const;
    /// The records with @p utf8Needle in one of their folded names, each once.
    QList<int> recordsByNamePart(QByteArrayView utf8Needle) const;

private:
    struct Text {
        quint32 offset = 0;
        quint32 length = 0;
    };
    QByteArrayView text(Text t) const;
    Text textField(int record, int field) const;
    QStringList list(quint32 listOffset) const;
    /// Checks the block taken into m_block; empties this when it is damaged.
    bool check(Checks checks);
    /// The row of @p gram in the gram table, or -1.
    qsizetype gramRow(quint32 gram) const;
    /// The records a gram row names.
    QList<int> gramRecords(qsizetype row) const;

    PackedBlock m_block;
    int m_count = 0;
    qsizetype m_records = 0;
    qsizetype m_lists = 0;
    qsizetype m_listsEnd = 0;
    qsizetype m_text = 0;
    qsizetype m_nameTextEnd = 0;
    qsizetype m_textEnd = 0;
    qsizetype m_keys[KeyCount] = {};
    quint32 m_keyCounts[KeyCount] = {};
    qsizetype m_grams = 0;
    quint32 m_gramCount = 0;
    qsizetype m_postings = 0;
};

} // namespace Crm
