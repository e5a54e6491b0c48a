// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "akonadi/indexkeeper.h"
#include "akonadi/calendarindexcache.h"
#include "blocking/blockingstorage.h"
#include "indexcachetesthelpers.h"
#include "ownhome.h"
#include "storage/memoryitemstorage.h"

#include <KCalendarCore/Todo>

#include <QDir>
#include <QFileInfo>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;
using CrmTest::open;
using CrmTest::todo;

/// Counts the listings ("what changed since") an open asks for.
class CountingStorage : public Crm::MemoryItemStorage
{
public:
    using MemoryItemStorage::visit;
    Crm::StorageJob *visit(const Akonadi::Collection &collection,
                           const QDateTime &changedSince,
                           const ItemFilter &wanted,
                           const std::function<void(const Akonadi::Item::List &)> &batch) override
    {
        ++listings;
        return MemoryItemStorage::visit(collection, changedSince, wanted, batch);
    }
    int listings = 0;
};

/// A process that keeps an index (the reminder agent) vouches for its file,
/// and a cold reader then reads only the items it names: what it trusts,
/// and when it asks the storage as before.
class IndexKeeperTest : public QObject
{
    Q_OBJECT
    QTemporaryDir m_home;

private:
    const Akonadi::Collection calendar{11};

    Akonadi::Item write(Crm::ItemStorage &storage, const Akonadi::Item &item)
    {
        return CrmTest::write(storage, item, calendar);
    }

    static void remove(Crm::ItemStorage &storage, qint64 id)
    {
        Crm::waitFor(storage.remove({id}), [](Crm::StorageJob *) { });
    }

    /// The keeper in the agent, told each change as the agent's change recorder would.
    struct Keeper {
        Crm::IndexKeeper keeper;
        std::unique_ptr<Crm::StorageMonitor> monitor;
        Keeper(Crm::ItemStorage &storage, const Akonadi::Collection &calendar)
            : keeper(u"test"_s, std::make_unique<Crm::CalendarIndexCache>(calendar, storage))
            , monitor(storage.monitor({calendar}))
        {
            QObject::connect(monitor.get(), &Crm::StorageMonitor::itemChanged, &keeper, [this](const Akonadi::Item &item) {
                keeper.itemChanged(item);
            });
            QObject::connect(monitor.get(), &Crm::StorageMonitor::itemRemoved, &keeper, [this](qint64 id) {
                keeper.itemRemoved(id);
            });
            keeper.start();
        }
    };

    /// Asks @p keeper as a process asks over D-Bus: the answer comes from the event loop.
    static Crm::ItemIndexCache::AskKeeper askerOf(Crm::IndexKeeper &keeper, int *asked = nullptr)
    {
        return [&keeper, asked](const QString &file, const Crm::ItemIndexCache::KeeperAnswer &answer) {
            if (asked) {
                ++*asked;
            }
            QTimer::singleShot(0, &keeper, [&keeper, file, answer] {
                answer(Crm::IndexVouch::fromJson(keeper.vouch(file)));
            });
        };
    }

private Q_SLOTS:
    void initTestCase()
    {
        CrmTest::useOwnHome(m_home);
    }

    void init()
    {
        QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/kontact-crm"_s).removeRecursively();
    }

    void shouldReadOnlyWhatTheKeeperNamesWhenItVouches()
    {
        CountingStorage storage;
        storage.addCollection(calendar);
        const Akonadi::Item a = write(storage, todo(u"urn:uuid:a"_s, u"Call back"_s));
        const Akonadi::Item b = write(storage, todo(u"urn:uuid:b"_s, u"Send the offer"_s));
        Keeper k(storage, calendar);
        QTRY_VERIFY(k.keeper.isReady());
        // Changes after the keeper wrote its file: too few to write it again.
        write(storage, todo(u"urn:uuid:a"_s, u"Call back on Monday"_s, a));
        write(storage, todo(u"urn:uuid:c"_s, u"Visit the farm"_s));
        remove(storage, b.id());
        QTRY_COMPARE(
            Crm::IndexVouch::fromJson(k.keeper.vouch(Crm::CalendarIndexCache(calendar, storage).filePath())).value_or(Crm::IndexVouch()).changed.size(),
            2);

        storage.listings = 0;
        Crm::CalendarIndexCache reader(calendar, storage);
        int asked = 0;
        reader.setKeeper(askerOf(k.keeper, &asked));
        QVERIFY(open(reader));
        QCOMPARE(asked, 1);
        // THEN nothing was listed, and the reader knows what the keeper knows
        QCOMPARE(storage.listings, 0);
        QVERIFY(reader.lastStats().vouched);
        QCOMPARE(reader.index().byUid(u"urn:uuid:a"_s).value(0).summary, u"Call back on Monday"_s);
        QCOMPARE(reader.index().byUid(u"urn:uuid:c"_s).size(), 1);
        QVERIFY(reader.index().byUid(u"urn:uuid:b"_s).isEmpty());
    }

    void shouldTakeANamedItemThatIsGoneAsRemoved()
    {
        CountingStorage storage;
        storage.addCollection(calendar);
        write(storage, todo(u"urn:uuid:a"_s, u"Call back"_s));
        Keeper k(storage, calendar);
        QTRY_VERIFY(k.keeper.isReady());
        const Akonadi::Item c = write(storage, todo(u"urn:uuid:c"_s, u"Visit the farm"_s));
        const QString file = Crm::CalendarIndexCache(calendar, storage).filePath();
        QTRY_COMPARE(Crm::IndexVouch::fromJson(k.keeper.vouch(file)).value_or(Crm::IndexVouch()).changed, QList<qint64>{c.id()});
        // WHEN the item goes and the reader asks before the keeper hears of it
        k.monitor.reset();
        remove(storage, c.id());
        Crm::CalendarIndexCache reader(calendar, storage);
        reader.setKeeper(askerOf(k.keeper));
        QVERIFY(open(reader));
        QVERIFY(reader.lastStats().vouched);
        QVERIFY(reader.index().byUid(u"urn:uuid:c"_s).isEmpty());
        QCOMPARE(reader.index().byUid(u"urn:uuid:a"_s).size(), 1);
    }

    void shouldListAsBeforeWhenAnotherProcessReplacedTheFile()
    {
        CountingStorage storage;
        storage.addCollection(calendar);
        write(storage, todo(u"urn:uuid:a"_s, u"Call back"_s));
        Keeper k(storage, calendar);
        QTRY_VERIFY(k.keeper.isReady());
        // Another process (the plugin) writes the file after a change of its own.
        {
            Crm::CalendarIndexCache other(calendar, storage);
            QVERIFY(open(other));
            k.monitor.reset(); // the keeper does not hear of it (yet)
            const Akonadi::Item d = write(storage, todo(u"urn:uuid:d"_s, u"Pay the invoice"_s));
            other.applyChange(d, calendar);
            QVERIFY(other.save());
        }
        const QString file = Crm::CalendarIndexCache(calendar, storage).filePath();
        QVERIFY(k.keeper.vouch(file).isEmpty());
        storage.listings = 0;
        Crm::CalendarIndexCache reader(calendar, storage);
        reader.setKeeper(askerOf(k.keeper));
        QVERIFY(open(reader));
        QVERIFY(!reader.lastStats().vouched);
        QVERIFY(storage.listings > 0);
        QCOMPARE(reader.index().byUid(u"urn:uuid:d"_s).size(), 1);
        // THEN the keeper writes its own file a moment later and vouches again
        QTRY_VERIFY_WITH_TIMEOUT(!k.keeper.vouch(file).isEmpty(), 10000);
    }

    void shouldListAsBeforeWithoutAKeeper()
    {
        CountingStorage storage;
        storage.addCollection(calendar);
        write(storage, todo(u"urn:uuid:a"_s, u"Call back"_s));
        {
            Crm::CalendarIndexCache first(calendar, storage);
            QVERIFY(open(first));
        }
        write(storage, todo(u"urn:uuid:e"_s, u"Order seeds"_s));
        storage.listings = 0;
        Crm::CalendarIndexCache reader(calendar, storage);
        reader.setKeeper(CrmTest::keeperAnswering(std::nullopt));
        QVERIFY(open(reader));
        QVERIFY(!reader.lastStats().vouched);
        QVERIFY(storage.listings > 0);
        QCOMPARE(reader.index().byUid(u"urn:uuid:e"_s).size(), 1);
    }

    void shouldNotVouchForAnotherFileOrAFileItDidNotRead()
    {
        CountingStorage storage;
        storage.addCollection(calendar);
        write(storage, todo(u"urn:uuid:a"_s, u"Call back"_s));
        Crm::IndexKeeper keeper(u"test"_s, std::make_unique<Crm::CalendarIndexCache>(calendar, storage));
        const QString file = Crm::CalendarIndexCache(calendar, storage).filePath();
        QVERIFY(keeper.vouch(file).isEmpty()); // not open yet
        keeper.start();
        QTRY_VERIFY(keeper.isReady());
        QVERIFY(!keeper.vouch(file).isEmpty());
        QVERIFY(keeper.vouch(file + u".other"_s).isEmpty());
        // A vouch whose header does not match the file read is not trusted.
        auto vouch = Crm::IndexVouch::fromJson(keeper.vouch(file));
        QVERIFY(vouch);
        vouch->checksum ^= 1;
        write(storage, todo(u"urn:uuid:f"_s, u"Renew the lease"_s));
        storage.listings = 0;
        Crm::CalendarIndexCache reader(calendar, storage);
        reader.setKeeper(CrmTest::keeperAnswering(vouch));
        QVERIFY(open(reader));
        QVERIFY(!reader.lastStats().vouched);
        QCOMPARE(reader.index().byUid(u"urn:uuid:f"_s).size(), 1);
    }

    void shouldWriteItsFileRatherThanNameTooManyChanges()
    {
        CountingStorage storage;
        storage.addCollection(calendar);
        write(storage, todo(u"urn:uuid:a"_s, u"Call back"_s));
        Keeper k(storage, calendar);
        QTRY_VERIFY(k.keeper.isReady());
        const QString file = Crm::CalendarIndexCache(calendar, storage).filePath();
        QSignalSpy written(&k.keeper, &Crm::IndexKeeper::written);
        QList<Crm::ItemStorage::Write> writes;
        for (int i = 0; i < 2100; ++i) {
            writes.append({todo(u"urn:uuid:bulk-%1"_s.arg(i), u"Bulk %1"_s.arg(i)), calendar});
        }
        Crm::waitFor(storage.write(writes), [](Crm::StorageJob *) { });
        // THEN it writes its file and vouches for it with nothing to read
        QTRY_COMPARE_WITH_TIMEOUT(written.count(), 1, 10000);
        const auto vouch = Crm::IndexVouch::fromJson(k.keeper.vouch(file));
        QVERIFY(vouch->changed.isEmpty());
        Crm::CalendarIndexCache reader(calendar, storage);
        reader.setKeeper(askerOf(k.keeper));
        QVERIFY(open(reader));
        QVERIFY(reader.lastStats().vouched);
        QCOMPARE(reader.index().byUid(u"urn:uuid:bulk-2099"_s).size(), 1);
    }

    void shouldLeaveWritingTheFileToTheKeeperWhileItVouches()
    {
        CountingStorage storage;
        storage.addCollection(calendar);
        write(storage, todo(u"urn:uuid:a"_s, u"Call back"_s));
        // GIVEN a view that follows the storage while a keeper vouches for the file
        Crm::CalendarIndexCache view(calendar, storage);
        bool keeperRuns = true;
        int asked = 0;
        view.setKeeper([&](const QString &file, const Crm::ItemIndexCache::KeeperAnswer &answer) {
            ++asked;
            QTimer::singleShot(0, &view, [&, file, answer] {
                std::optional<Crm::IndexVouch> vouch;
                if (keeperRuns) {
                    vouch = Crm::IndexVouch{file, 1, 1, {}, {}};
                }
                answer(vouch);
            });
        });
        QVERIFY(open(view));
        QVERIFY(!view.lastStats().vouched); // (the header above names no real file)
        view.follow();
        const QString file = view.filePath();
        const QDateTime before = QFileInfo(file).lastModified();
        QVERIFY(before.isValid());
        // WHEN a task is removed (a view writes its file a moment after that)
        const Akonadi::Item b = write(storage, todo(u"urn:uuid:b"_s, u"Send the offer"_s));
        QTRY_COMPARE(view.index().byUid(u"urn:uuid:b"_s).size(), 1);
        remove(storage, b.id());
        QTRY_VERIFY(view.index().byUid(u"urn:uuid:b"_s).isEmpty());
        // THEN it asks, and leaves the file to the keeper
        QTRY_COMPARE_WITH_TIMEOUT(asked, 2, 10000);
        QTest::qWait(200);
        QCOMPARE(QFileInfo(file).lastModified(), before);
        // AND without a keeper it writes the file after its next change
        keeperRuns = false;
        write(storage, todo(u"urn:uuid:c"_s, u"Visit the farm"_s));
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(file).lastModified() != before, 10000);
        QCOMPARE(asked, 3);
    }

    void shouldReadOnlyWellFormedVouches()
    {
        Crm::IndexVouch v;
        v.file = u"/tmp/index.bin"_s;
        v.payloadSize = 0xfffffffffffULL;
        v.checksum = 0xffffffffU;
        v.changed = {1, 70000000000LL};
        v.removed = {3};
        const auto back = Crm::IndexVouch::fromJson(v.toJson());
        QVERIFY(back);
        QCOMPARE(back->file, v.file);
        QCOMPARE(back->payloadSize, v.payloadSize);
        QCOMPARE(back->checksum, v.checksum);
        QCOMPARE(back->changed, v.changed);
        QCOMPARE(back->removed, v.removed);
        QVERIFY(!Crm::IndexVouch::fromJson(QString()));
        QVERIFY(!Crm::IndexVouch::fromJson(u"{"_s));
        QVERIFY(!Crm::IndexVouch::fromJson(v.toJson().replace(u"[3]"_s, u"[-3]"_s)));
        QVERIFY(!Crm::IndexVouch::fromJson(v.toJson().replace(u"\"size\""_s, u"\"sise\""_s)));
    }
};

QTEST_GUILESS_MAIN(IndexKeeperTest)
#include "indexkeepertest.moc"
