// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "domain/letterindex.h"

#include <QBuffer>
#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <map>

using namespace Qt::Literals::StringLiterals;

/// The index answers every question exactly as filtering and sorting all
/// the letters does (the naive journal), through edits and a file round trip.
class LetterIndexTest : public QObject
{
    Q_OBJECT

private:
    QRandomGenerator m_random{20261127};
    std::map<qint64, Crm::Letter> m_all; ///< what the index should hold

    Crm::Letter randomLetter(qint64 id)
    {
        Crm::Letter l;
        l.uid = u"letter-%1@crm"_s.arg(id);
        l.direction = m_random.bounded(2) ? Crm::Letter::Direction::Incoming : Crm::Letter::Direction::Outgoing;
        l.counterpartyUid = u"cp-%1"_s.arg(m_random.bounded(40));
        l.registrationDate = QDate(2025, 1, 1).addDays(m_random.bounded(600));
        l.documentDate = l.registrationDate.addDays(-m_random.bounded(10));
        l.sequence = int(id);
        l.number = u"N-%1"_s.arg(id);
        static const QList<QStringList> kinds{{u"Contract"_s}, {u"Contract"_s, u"Supplementary agreement"_s}, {u"Invoice"_s}, {u"Letter"_s}};
        l.kind = kinds.at(m_random.bounded(int(kinds.size())));
        l.priority = Crm::Letter::Priority(m_random.bounded(3));
        l.subject = m_random.bounded(5) ? u"Поставка %1"_s.arg(id) : u"Claim about goods %1"_s.arg(id);
        l.addressee = {u"p-%1"_s.arg(m_random.bounded(10)), u"Person"_s, u"p@example.com"_s};
        l.archived = m_random.bounded(4) == 0;
        l.note = u"dropped by the index"_s;
        l.attachments = {Crm::Attachment{u"scan.pdf"_s, {}, QByteArray(10, 'x'), u"application/pdf"_s}};
        return l;
    }

    QList<Crm::StoredLetter> naive(const Crm::LetterFilter &filter) const
    {
        QList<Crm::StoredLetter> found;
        for (const auto &[id, l] : m_all) {
            if (filter.matches(l)) {
                Crm::Letter h = l;
                h.note.clear();
                h.attachments.clear();
                found.append(Crm::StoredLetter{id, h});
            }
        }
        std::sort(found.begin(), found.end(), [](const Crm::StoredLetter &a, const Crm::StoredLetter &b) {
            if (Crm::registeredLater(a.letter, b.letter) != Crm::registeredLater(b.letter, a.letter)) {
                return Crm::registeredLater(a.letter, b.letter);
            }
            return a.itemId > b.itemId;
        });
        return found;
    }

    Crm::LetterFilter randomFilter()
    {
        Crm::LetterFilter f;
        if (m_random.bounded(2)) {
            f.from = QDate(2025, 1, 1).addDays(m_random.bounded(600));
        }
        if (m_random.bounded(2)) {
            f.to = QDate(2025, 1, 1).addDays(m_random.bounded(600));
        }
        if (m_random.bounded(3) == 0) {
            f.counterpartyUid = u"cp-%1"_s.arg(m_random.bounded(41)); // cp-40: nobody's
        }
        if (m_random.bounded(3) == 0) {
            f.direction = m_random.bounded(2) ? Crm::Letter::Direction::Incoming : Crm::Letter::Direction::Outgoing;
        }
        if (m_random.bounded(4) == 0) {
            f.kind = {u"Contract"_s};
        }
        if (m_random.bounded(4) == 0) {
            f.archived = m_random.bounded(2) == 0;
        }
        if (m_random.bounded(5) == 0) {
            f.text = u"claim"_s;
        }
        return f;
    }

    void compare(const Crm::LetterIndex &index)
    {
        QCOMPARE(index.size(), qsizetype(m_all.size()));
        for (int i = 0; i < 300; ++i) {
            const Crm::LetterFilter f = randomFilter();
            const auto expected = naive(f);
            const auto found = index.find(f);
            QCOMPARE(found.size(), expected.size());
            for (qsizetype n = 0; n < found.size(); ++n) {
                QCOMPARE(found.at(n).itemId, expected.at(n).itemId);
                QCOMPARE(found.at(n).letter, expected.at(n).letter);
            }
        }
        for (const auto direction : {Crm::Letter::Direction::Incoming, Crm::Letter::Direction::Outgoing}) {
            for (int year : {2025, 2026, 2027}) {
                int highest = 0;
                for (const auto &[id, l] : m_all) {
                    if (l.direction == direction && l.registrationDate.year() == year) {
                        highest = std::max(highest, l.sequence);
                    }
                }
                QCOMPARE(index.highestSequence(direction, year), highest);
            }
        }
        Crm::LetterFilter theirs;
        theirs.counterpartyUid = u"cp-7"_s;
        QCOMPARE(index.latest(u"cp-7"_s, 5), naive(theirs).mid(0, 5));
        QVERIFY(index.latest(QString(), 5).isEmpty());
    }

private Q_SLOTS:
    void shouldAnswerAsTheNaiveJournalThroughEdits()
    {
        // GIVEN 3,000 letters
        Crm::LetterIndex index;
        for (qint64 id = 1; id <= 3000; ++id) {
            m_all[id] = randomLetter(id);
            index.insert(id, m_all[id]);
        }
        compare(index);
        // WHEN some are replaced (a kind renamed, a letter archived) and some removed
        for (int i = 0; i < 500; ++i) {
            const qint64 id = 1 + m_random.bounded(3000);
            if (m_random.bounded(3) == 0) {
                m_all.erase(id);
                index.remove(id);
            } else {
                m_all[id] = randomLetter(id);
                index.insert(id, m_all[id]);
            }
        }
        // THEN it still answers as the naive journal does
        compare(index);
        QVERIFY(index.letter(m_all.begin()->first));
        QVERIFY(index.letter(m_all.begin()->first)->note.isEmpty());
        QVERIFY(index.letter(m_all.begin()->first)->attachments.isEmpty());

        // WHEN it is written to its file and read back
        QByteArray bytes;
        {
            QDataStream out(&bytes, QIODevice::WriteOnly);
            out << index;
        }
        Crm::LetterIndex read;
        QDataStream in(bytes);
        in >> read;
        // THEN the copy answers the same
        QCOMPARE(in.status(), QDataStream::Ok);
        compare(read);

        // AND a cut file is noticed, not trusted
        Crm::LetterIndex cut;
        QDataStream torn(bytes.left(bytes.size() / 2));
        torn >> cut;
        QVERIFY(torn.status() != QDataStream::Ok);
    }

    void shouldFindAPeriodAtItsEdges()
    {
        m_all.clear();
        Crm::LetterIndex index;
        for (qint64 id = 1; id <= 10; ++id) {
            Crm::Letter l = randomLetter(id);
            l.registrationDate = QDate(2026, 1, int(id));
            m_all[id] = l;
            index.insert(id, l);
        }
        Crm::LetterFilter f;
        f.from = QDate(2026, 1, 3);
        f.to = QDate(2026, 1, 5);
        const auto found = index.find(f);
        QCOMPARE(found.size(), 3);
        QCOMPARE(found.first().itemId, 5);
        QCOMPARE(found.last().itemId, 3);
    }
};

QTEST_GUILESS_MAIN(LetterIndexTest)
#include "letterindextest.moc"
