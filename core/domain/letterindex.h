// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmdomain_export.h"
#include "letter.h"

#include <QDataStream>
#include <QHash>
#include <QSet>

namespace Crm
{

/// The register's letters as a journal shows them (their headers: no note,
/// no attachments), by item id, so that the journal's questions are
/// answered without reading a message: a filter, a counterparty's latest
/// letters, the highest number given. Kept newest first (registeredLater),
/// so a period is a range found by bisection and a counterparty's letters
/// a hash look-up.
class KONTACTCRMDOMAIN_EXPORT LetterIndex
{
public:
    /// Adds or replaces the letter of item @p itemId; its note and
    /// attachments are dropped.
    void insert(qint64 itemId, const Letter &letter);
    void remove(qint64 itemId);
    void clear();
    qsizetype size() const;
    const Letter *letter(qint64 itemId) const;
    /// The letter whose uid is @p uid, if any.
    std::optional<Letter> findUid(const QString &uid) const;

    /// The letters @p filter matches, newest first.
    QList<StoredLetter> find(const LetterFilter &filter) const;
    /// The @p count latest letters from or to @p counterpartyUid, the
    /// archived ones included, newest first (what a card shows).
    QList<StoredLetter> latest(const QString &counterpartyUid, int count) const;
    /// The highest sequence given in @p year to letters of @p direction,
    /// archived ones included; 0 when none.
    int highestSequence(Letter::Direction direction, int year) const;

    KONTACTCRMDOMAIN_EXPORT friend QDataStream &operator<<(QDataStream &out, const LetterIndex &index);
    KONTACTCRMDOMAIN_EXPORT friend QDataStream &operator>>(QDataStream &in, LetterIndex &index);

private:
    void sortIfNeeded() const;
    bool isNewer(qint64 a, qint64 b) const;
    /// One shared copy of strings many letters repeat (counterparty, kind,
    /// addressee), which a file read would otherwise allocate per letter.
    QString shared(const QString &text);
    Letter headersOf(const Letter &letter);

    QHash<qint64, Letter> m_letters;
    QHash<QString, QList<qint64>> m_byCounterparty;
    QSet<QString> m_strings;
    mutable QList<qint64> m_newestFirst;
    mutable bool m_sorted = true;
};

} // namespace Crm
