// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "letterindex.h"

#include <algorithm>

namespace Crm
{

namespace
{
void writeParticipant(QDataStream &out, const Participant &p)
{
    out << p.uid << p.name << p.email;
}

/// registeredLater, with one order for letters alike, so runs agree.
bool newerFirst(const StoredLetter &a, const StoredLetter &b)
{
    if (registeredLater(a.letter, b.letter) != registeredLater(b.letter, a.letter)) {
        return registeredLater(a.letter, b.letter);
    }
    return a.itemId > b.itemId;
}
} // namespace

QString LetterIndex::shared(const QString &text)
{
    if (text.isEmpty()) {
        return {};
    }
    const auto it = m_strings.constFind(text);
    if (it != m_strings.cend()) {
        return *it;
    }
    m_strings.insert(text);
    return text;
}

Letter LetterIndex::headersOf(const Letter &letter)
{
    Letter h = letter;
    h.note.clear();
    h.attachments.clear();
    h.counterpartyUid = shared(letter.counterpartyUid);
    for (QString &segment : h.kind) {
        segment = shared(segment);
    }
    h.addressee = {shared(letter.addressee.uid), shared(letter.addressee.name), shared(letter.addressee.email)};
    for (Participant &p : h.notify) {
        p = {shared(p.uid), shared(p.name), shared(p.email)};
    }
    return h;
}

void LetterIndex::insert(qint64 itemId, const Letter &letter)
{
    remove(itemId);
    Letter h = headersOf(letter);
    if (!h.counterpartyUid.isEmpty()) {
        m_byCounterparty[h.counterpartyUid].append(itemId);
    }
    m_letters.insert(itemId, std::move(h));
    if (m_sorted) {
        m_newestFirst.append(itemId);
        m_sorted = m_newestFirst.size() < 2 || !isNewer(itemId, m_newestFirst.at(m_newestFirst.size() - 2));
    }
}

void LetterIndex::remove(qint64 itemId)
{
    const auto it = m_letters.constFind(itemId);
    if (it == m_letters.cend()) {
        return;
    }
    const auto theirs = m_byCounterparty.find(it->counterpartyUid);
    if (theirs != m_byCounterparty.end()) {
        theirs->removeOne(itemId);
        if (theirs->isEmpty()) {
            m_byCounterparty.erase(theirs);
        }
    }
    m_letters.erase(it);
    // Rebuilt on the next question rather than searched for here: a
    // refresh replaces thousands of letters at once.
    m_sorted = false;
}

bool LetterIndex::isNewer(qint64 a, qint64 b) const
{
    return newerFirst(StoredLetter{a, *m_letters.constFind(a)}, StoredLetter{b, *m_letters.constFind(b)});
}

void LetterIndex::clear()
{
    m_letters.clear();
    m_byCounterparty.clear();
    m_strings.clear();
    m_newestFirst.clear();
    m_sorted = true;
}

qsizetype LetterIndex::size() const
{
    return m_letters.size();
}

const Letter *LetterIndex::letter(qint64 itemId) const
{
    const auto it = m_letters.constFind(itemId);
    return it == m_letters.cend() ? nullptr : &*it;
}

std::optional<Letter> LetterIndex::findUid(const QString &uid) const
{
    for (const Letter &l : m_letters) {
        if (l.uid == uid) {
            return l;
        }
    }
    return std::nullopt;
}

void LetterIndex::sortIfNeeded() const
{
    if (m_sorted) {
        return;
    }
    QList<StoredLetter> all;
    all.reserve(m_letters.size());
    for (auto it = m_letters.cbegin(); it != m_letters.cend(); ++it) {
        all.append(StoredLetter{it.key(), it.value()});
    }
    std::sort(all.begin(), all.end(), newerFirst);
    m_newestFirst.clear();
    m_newestFirst.reserve(all.size());
    for (const StoredLetter &s : std::as_const(all)) {
        m_newestFirst.append(s.itemId);
    }
    m_sorted = true;
}

QList<StoredLetter> LetterIndex::find(const LetterFilter &filter) const
{
    QList<StoredLetter> found;
    if (!filter.counterpartyUid.isEmpty()) {
        for (const qint64 id : m_byCounterparty.value(filter.counterpartyUid)) {
            const Letter &l = *m_letters.constFind(id);
            if (filter.matches(l)) {
                found.append(StoredLetter{id, l});
            }
        }
        std::sort(found.begin(), found.end(), newerFirst);
        return found;
    }
    sortIfNeeded();
    // Newest first: the period is one run of the list.
    auto begin = m_newestFirst.cbegin();
    auto end = m_newestFirst.cend();
    if (filter.to.isValid()) {
        begin = std::partition_point(begin, end, [&](qint64 id) {
            return m_letters.constFind(id)->registrationDate > filter.to;
        });
    }
    if (filter.from.isValid()) {
        end = std::partition_point(begin, end, [&](qint64 id) {
            return m_letters.constFind(id)->registrationDate >= filter.from;
        });
    }
    for (auto it = begin; it != end; ++it) {
        const Letter &l = *m_letters.constFind(*it);
        if (filter.matches(l)) {
            found.append(StoredLetter{*it, l});
        }
    }
    return found;
}

QList<StoredLetter> LetterIndex::latest(const QString &counterpartyUid, int count) const
{
    if (counterpartyUid.isEmpty()) {
        return {};
    }
    LetterFilter filter;
    filter.counterpartyUid = counterpartyUid;
    QList<StoredLetter> found = find(filter);
    found.resize(std::min<qsizetype>(found.size(), std::max(count, 0)));
    return found;
}

int LetterIndex::highestSequence(Letter::Direction direction, int year) const
{
    int highest = 0;
    for (const Letter &l : m_letters) {
        if (l.direction == direction && l.registrationDate.year() == year) {
            highest = std::max(highest, l.sequence);
        }
    }
    return highest;
}

QDataStream &operator<<(QDataStream &out, const LetterIndex &index)
{
    // Newest first, so that reading it back needs no sort.
    index.sortIfNeeded();
    out << qint64(index.m_newestFirst.size());
    for (const qint64 id : std::as_const(index.m_newestFirst)) {
        const Letter &l = *index.m_letters.constFind(id);
        out << id << l.uid << quint8(l.direction) << l.counterpartyUid;
        writeParticipant(out, l.addressee);
        out << l.registrationDate << l.documentDate << l.number << qint32(l.sequence) << l.kind << quint8(l.priority) << l.subject << l.archived
            << qint32(l.notify.size());
        for (const Participant &p : l.notify) {
            writeParticipant(out, p);
        }
    }
    return out;
}

QDataStream &operator>>(QDataStream &in, LetterIndex &index)
{
    index.clear();
    qint64 count = 0;
    in >> count;
    index.m_letters.reserve(qsizetype(std::clamp<qint64>(count, 0, 1 << 20)));
    for (qint64 i = 0; i < count && in.status() == QDataStream::Ok; ++i) {
        qint64 id = 0;
        quint8 direction = 0;
        quint8 priority = 0;
        qint32 sequence = 0;
        qint32 notified = 0;
        Letter l;
        in >> id >> l.uid >> direction >> l.counterpartyUid >> l.addressee.uid >> l.addressee.name >> l.addressee.email >> l.registrationDate >> l.documentDate
            >> l.number >> sequence >> l.kind >> priority >> l.subject >> l.archived >> notified;
        if (direction > quint8(Letter::Direction::Outgoing) || priority > quint8(Letter::Priority::Urgent) || notified < 0 || notified > 10000) {
            in.setStatus(QDataStream::ReadCorruptData);
            break;
        }
        l.direction = Letter::Direction(direction);
        l.priority = Letter::Priority(priority);
        l.sequence = sequence;
        for (qint32 n = 0; n < notified; ++n) {
            Participant p;
            in >> p.uid >> p.name >> p.email;
            l.notify.append(p);
        }
        index.insert(id, l);
    }
    return in;
}

} // namespace Crm
