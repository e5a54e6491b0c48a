// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "calendarentry.h"
#include "kontactcrmdomain_export.h"
#include "packedblock.h"

#include <QByteArray>

#include <functional>
#include <memory>

namespace Crm
{

class MappedFile;

/// The calendar index as one block of bytes read where it lies, like
/// PackedDirectory: fixed-size records sorted by item id, their strings in
/// UTF-8, and for each lookup (counterparty, responsible, UID, a task's
/// deadline) a table of record numbers sorted by its key. Opening a block
/// the CRM wrote and marked builds nothing: a cold crmctl card at 500,000
/// incidences touches the pages of one counterparty's records instead of
/// making 500,000 entries with eight strings each (and freeing them at
/// exit). A record becomes a CalendarEntry only when asked for; its type
/// and status are read without that, so filters cost no strings.
/// Immutable: CalendarIndex keeps later changes beside it.
class KONTACTCRMDOMAIN_EXPORT PackedCalendar
{
public:
    enum class Lookup : quint8 {
        Counterparty,
        Responsible,
        Uid,
    };
    static constexpr int LookupCount = 3;

    /// Packs @p count entries given one at a time by @p entryAt, in the
    /// order of their item ids (unique), each asked for once.
    static QByteArray pack(qsizetype count, const std::function<CalendarEntry(qsizetype i)> &entryAt);
    /// Takes a block pack() made (kept, not copied); false (and empty) when
    /// its shape is damaged: with Checks::Everything every offset, count
    /// and record number is checked against its size here, so reading it
    /// later never leaves it.
    bool open(const QByteArray &bytes);
    using Checks = PackedBlockChecks;
    /// The same, for a block that lies in a file mapped into memory, which
    /// is kept (and not read until asked).
    bool open(std::shared_ptr<const MappedFile> file, QByteArrayView block, Checks checks = Checks::Everything);
    /// The block (a copy when it lies in a mapped file).
    QByteArray bytes() const;

    int size() const;
    /// The record of @p itemId, or -1.
    int find(qint64 itemId) const;
    qint64 itemIdAt(int record) const;
    CalendarEntry::Type typeAt(int record) const;
    CycleState::Status statusAt(int record) const;
    CalendarEntry entryAt(int record) const;
    /// The records whose @p lookup key is @p utf8Key, by item id.
    QList<int> records(Lookup lookup, QByteArrayView utf8Key) const;
    /// The tasks with a deadline, earliest first (equal ones by item id).
    int dueCount() const;
    int dueRecordAt(int i) const;
    qint64 dueAt(int record) const;

private:
    struct Text {
        quint32 offset = 0;
        quint32 length = 0;
    };
    Text textField(int record, int field) const;
    QString string(int record, int field) const;
    /// Checks the block taken into m_block; empties this when it is damaged.
    bool check(Checks checks);

    PackedBlock m_block;
    int m_count = 0;
    qsizetype m_text = 0;
    quint64 m_textSize = 0;
    qsizetype m_tables[LookupCount + 1] = {}; ///< the lookups, then the deadlines
    quint32 m_tableCounts[LookupCount + 1] = {};
};

} // namespace Crm
