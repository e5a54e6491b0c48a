// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "domain/itemmembers.h"
#include "domain/compactbytes.h"

#include <QRandomGenerator>
#include <QTest>

using Crm::ItemMembers;

/// ItemMembers answers as the two QHash it replaces did, through changes,
/// merges and a round trip through its bytes.
class ItemMembersTest : public QObject
{
    Q_OBJECT

private:
    using Model = QHash<qint64, ItemMembers::Member>;

    static void compare(const ItemMembers &members, const Model &model, const char *when)
    {
        QVERIFY2(members.size() == model.size(), when);
        for (auto it = model.cbegin(); it != model.cend(); ++it) {
            const auto found = members.find(it.key());
            QVERIFY2(found && found->collection == it->collection && found->revision == it->revision, when);
        }
        for (const qint64 collection : {1, 2, 3}) {
            QList<qint64> expected;
            for (auto it = model.cbegin(); it != model.cend(); ++it) {
                if (it->collection == collection) {
                    expected << it.key();
                }
            }
            QList<qint64> ids = members.idsIn(collection);
            std::sort(ids.begin(), ids.end());
            std::sort(expected.begin(), expected.end());
            QVERIFY2(ids == expected, when);
            QVERIFY2(members.countIn(collection) == expected.size(), when);
        }
    }

private Q_SLOTS:
    void shouldAnswerAsAHashThroughChangesMergesAndItsBytes()
    {
        // GIVEN members changed at random: added, changed, removed, far more
        // than an eighth of them, so changes are merged in many times
        QRandomGenerator random(17);
        ItemMembers members;
        Model model;
        for (int step = 0; step < 60000; ++step) {
            const qint64 id = random.bounded(20000);
            if (random.bounded(5) == 0) {
                members.remove(id);
                model.remove(id);
            } else {
                const ItemMembers::Member m{1 + random.bounded(3), int(random.bounded(100))};
                members.insert(id, m);
                model.insert(id, m);
            }
            if (step % 15000 == 14999) {
                // AND written to bytes and read back on the way
                ItemMembers read;
                QVERIFY(read.fromBytes(members.toBytes()));
                members = read;
            }
            QVERIFY(!members.contains(20000 + step));
        }
        // THEN every answer is the hash's
        compare(members, model, "after the changes");
        ItemMembers read;
        QVERIFY(read.fromBytes(members.toBytes()));
        compare(read, model, "read back");
        QVERIFY(!read.find(-1));
    }

    void shouldReadTheRecordsOlderFilesWroteInAHashsOrder()
    {
        // GIVEN members as CompactWriter wrote them, in no order, one id twice
        Crm::CompactWriter out;
        out.putU32(4);
        for (const auto &[id, collection, revision] : {std::tuple{30, 2, 7}, {10, 1, 3}, {20, 1, 4}, {10, 2, 5}}) {
            out.putI64(id);
            out.putI64(collection);
            out.putU32(revision);
        }
        ItemMembers members;
        // WHEN they are read
        QVERIFY(members.fromBytes(out.bytes()));
        // THEN each is found, the later of the twice-written one kept
        QCOMPARE(members.size(), 3);
        QCOMPARE(members.find(10)->collection, 2);
        QCOMPARE(members.find(10)->revision, 5);
        QCOMPARE(members.find(30)->revision, 7);
        QCOMPARE(members.countIn(1), 1);
    }

    void shouldRefuseDamagedRecords()
    {
        ItemMembers members;
        members.insert(5, {1, 1});
        const QByteArray good = members.toBytes();
        QVERIFY(ItemMembers().fromBytes(good));
        const QList<QByteArray> damaged{good.chopped(1), QByteArray(good + 'x'), QByteArray(3, '\0'), QByteArray("\1\0\0\0\0\0\0\0", 8)};
        for (const QByteArray &bad : damaged) {
            ItemMembers read;
            QVERIFY(!read.fromBytes(bad));
            QCOMPARE(read.size(), 0);
        }
    }
};

QTEST_GUILESS_MAIN(ItemMembersTest)
#include "itemmemberstest.moc"
