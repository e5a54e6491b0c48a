// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "akonadi/calendarindexcache.h"
#include "blocking/blockingstorage.h"
#include "ical/incidenceentry.h"
#include "indexcachetesthelpers.h"
#include "ownhome.h"
#include "storage/memoryitemstorage.h"

#include <KCalendarCore/Event>
#include <KCalendarCore/Todo>

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <malloc.h>

using namespace Qt::Literals::StringLiterals;
using CrmTest::open;
using CrmTest::todo;
using CrmTest::write;

/// Holds each listing back until release(): a listing still running when
/// the index that asked for it goes (a Kontact part unloaded during its
/// first open).
class HeldVisits : public Crm::MemoryItemStorage
{
public:
    Crm::StorageJob *visit(const Akonadi::Collection &collection,
                           const QDateTime &changedSince,
                           const ItemFilter &wanted,
                           const std::function<void(const Akonadi::Item::List &)> &batch) override
    {
        auto outer = new Crm::StorageJob;
        m_held.append([this, outer, collection, changedSince, wanted, batch] {
            Crm::StorageJob *inner = MemoryItemStorage::visit(collection, changedSince, wanted, batch);
            QObject::connect(inner, &KJob::result, outer, [outer, inner] {
                outer->finish(inner->error() ? inner->errorString() : QString());
            });
        });
        return outer;
    }
    qsizetype held() const
    {
        return m_held.size();
    }
    void release()
    {
        for (const auto &start : std::exchange(m_held, {})) {
            start();
        }
    }

private:
    QList<std::function<void()>> m_held;
};

/// The calendar index over the in-memory storage: opened asynchronously,
/// caught up on reopen, and kept live by following the storage's changes.
class LiveIndexTest : public QObject
{
    Q_OBJECT
    QTemporaryDir m_home; // settings and data of this test alone

private:
    const Akonadi::Collection calendar{11};

private Q_SLOTS:
    void initTestCase()
    {
        CrmTest::useOwnHome(m_home);
    }

    void init()
    {
        // Each case starts without an index file.
        QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/kontact-crm"_s).removeRecursively();
    }

    void shouldOpenWithoutWaitingAndReportFromTheEventLoop()
    {
        Crm::MemoryItemStorage storage;
        storage.addCollection(calendar);
        QVERIFY(write(storage, todo(u"urn:uuid:a"_s, u"Call back"_s), calendar).isValid());
        Crm::CalendarIndexCache cache(calendar, storage);
        bool done = false;
        cache.open([&done](const QString &error) {
            QVERIFY(error.isEmpty());
            done = true;
        });
        // THEN the call returned before the index was read
        QVERIFY(!done);
        QTRY_VERIFY(done);
        QCOMPARE(cache.index().byUid(u"urn:uuid:a"_s).size(), 1);
    }

    void shouldLetGoOfWhatItBuiltOnceItsFileIsWritten()
    {
        // GIVEN more tasks than an index keeps apart from its file
        Crm::MemoryItemStorage storage;
        storage.addCollection(calendar);
        for (int i = 0; i < 1100; ++i) {
            QVERIFY(write(storage, todo(u"urn:uuid:t%1"_s.arg(i), u"Call back"_s), calendar).isValid());
        }
        // WHEN the index is built (no file yet) and written
        Crm::CalendarIndexCache cache(calendar, storage);
        QVERIFY(open(cache));
        QVERIFY(QFile::exists(cache.filePath()));
        // THEN it reads what it built from the file, packed, and holds nothing apart
        QCOMPARE(cache.index().heldApart(), 0);
        QCOMPARE(cache.index().size(), 1100);
        QCOMPARE(cache.index().byUid(u"urn:uuid:t1099"_s).size(), 1);
        QVERIFY(!cache.lastStats().loadedFromFile);
        // AND a few changes after that are held apart until the next time
        cache.follow();
        QVERIFY(write(storage, todo(u"urn:uuid:new"_s, u"Send the offer"_s), calendar).isValid());
        QTRY_COMPARE(cache.index().byUid(u"urn:uuid:new"_s).size(), 1);
        QCOMPARE(cache.index().heldApart(), 1);
    }

    void shouldNotCallBackAnIndexThatWentWhileItsListingRan()
    {
        // Freed memory is overwritten, so that a call into a gone index
        // crashes here rather than maybe later.
        mallopt(M_PERTURB, 0xa5);
        // GIVEN an index whose first open lists the calendar's items
        HeldVisits storage;
        storage.addCollection(calendar);
        for (int i = 0; i < 3; ++i) {
            QVERIFY(write(storage, todo(u"urn:uuid:held-%1"_s.arg(i), u"Call back"_s), calendar).isValid());
        }
        auto cache = std::make_unique<Crm::CalendarIndexCache>(calendar, storage);
        bool done = false;
        cache->open([&done](const QString &) {
            done = true;
        });
        QTRY_COMPARE(storage.held(), 1);
        // WHEN the index goes while the listing runs, which then delivers
        cache.reset();
        storage.release();
        // THEN the listing ends without calling into it
        QTest::qWait(100);
        QVERIFY(!done);
        QCOMPARE(storage.held(), 0);
        mallopt(M_PERTURB, 0);
    }

    void shouldFollowChangesMadeAfterItOpened()
    {
        // GIVEN an opened index that follows the storage
        Crm::MemoryItemStorage storage;
        storage.addCollection(calendar);
        Crm::CalendarIndexCache cache(calendar, storage);
        QVERIFY(open(cache));
        cache.follow();
        QSignalSpy changed(&cache, &Crm::ItemIndexCache::changed);
        // WHEN another writer adds, changes and removes an item
        const Akonadi::Item item = write(storage, todo(u"urn:uuid:b"_s, u"Send the offer"_s), calendar);
        QVERIFY(item.isValid());
        // THEN the index has each change without being refreshed
        QTRY_COMPARE(cache.index().byUid(u"urn:uuid:b"_s).size(), 1);
        QVERIFY(changed.count() >= 1);
        QVERIFY(write(storage, todo(u"urn:uuid:b"_s, u"Send the signed offer"_s, item), {}).isValid());
        QTRY_COMPARE(cache.index().entry(item.id()) ? cache.index().entry(item.id())->summary : QString(), u"Send the signed offer"_s);
        QVERIFY(Crm::waitFor(storage.remove({item.id()})));
        QTRY_VERIFY(!cache.index().entry(item.id()));
    }

    void shouldSeeDeletionsMadeWhileClosedOnReopen()
    {
        Crm::MemoryItemStorage storage;
        storage.addCollection(calendar);
        const Akonadi::Item keep = write(storage, todo(u"urn:uuid:keep"_s, u"Keep"_s), calendar);
        const Akonadi::Item gone = write(storage, todo(u"urn:uuid:gone"_s, u"Gone"_s), calendar);
        {
            Crm::CalendarIndexCache cache(calendar, storage);
            QVERIFY(open(cache));
            QVERIFY(cache.index().entry(gone.id()));
        }
        QVERIFY(Crm::waitFor(storage.remove({gone.id()})));
        Crm::CalendarIndexCache reopened(calendar, storage);
        QVERIFY(open(reopened));
        QVERIFY(reopened.lastStats().loadedFromFile);
        QVERIFY(reopened.index().entry(keep.id()));
        QVERIFY(!reopened.index().entry(gone.id()));
    }

    void shouldReadNoItemAgainWhenNothingChangedSinceItsFile()
    {
        // GIVEN an index saved to its file, the items of its watermark's
        // instant among them (the server lists them again: "since" is >=)
        Crm::MemoryItemStorage storage;
        storage.addCollection(calendar);
        const Akonadi::Item changedLater = write(storage, todo(u"urn:uuid:a"_s, u"Call back"_s), calendar);
        QVERIFY(write(storage, todo(u"urn:uuid:b"_s, u"Send the offer"_s), calendar).isValid());
        {
            Crm::CalendarIndexCache cache(calendar, storage);
            QVERIFY(open(cache));
        }
        const qsizetype readBefore = storage.payloadsRead();
        // WHEN it is opened again with nothing changed
        {
            Crm::CalendarIndexCache reopened(calendar, storage);
            QVERIFY(open(reopened));
            QVERIFY(reopened.lastStats().loadedFromFile);
            QCOMPARE(reopened.lastStats().changedItems, 0);
            // THEN no item was read again
            QCOMPARE(storage.payloadsRead(), readBefore);
        }
        // AND an item changed meanwhile is read, and only that one
        QVERIFY(write(storage, todo(u"urn:uuid:a"_s, u"Call back on Monday"_s, changedLater), {}).isValid());
        Crm::CalendarIndexCache again(calendar, storage);
        QVERIFY(open(again));
        QCOMPARE(storage.payloadsRead(), readBefore + 1);
        QCOMPARE(again.index().entry(changedLater.id())->summary, u"Call back on Monday"_s);
    }

    void shouldSeeAnInteractionStrippedWhenTheCollectionIsReadAgain()
    {
        // GIVEN an interaction in an index saved to its file, and another item
        Crm::MemoryItemStorage storage;
        storage.addCollection(calendar);
        KCalendarCore::Event::Ptr event(new KCalendarCore::Event);
        event->setUid(u"urn:uuid:call"_s);
        event->setSummary(u"Prices for 2027"_s);
        event->setDtStart(QDateTime(QDate(2026, 11, 20), QTime(10, 30), QTimeZone::UTC));
        Crm::IncidenceEntry::setCrmProperty(event, "TYPE", u"interaction"_s);
        Crm::IncidenceEntry::setCrmProperty(event, "COUNTERPARTY", u"urn:uuid:sonyakh"_s);
        Akonadi::Item item;
        item.setMimeType(KCalendarCore::Event::eventMimeType());
        item.setPayload<KCalendarCore::Incidence::Ptr>(event);
        const Akonadi::Item interaction = write(storage, item, calendar);
        QVERIFY(interaction.isValid());
        QTest::qWait(5); // the other item is the newer: the index's watermark
        const Akonadi::Item other = write(storage, todo(u"urn:uuid:other"_s, u"Other"_s), calendar);
        {
            Crm::CalendarIndexCache cache(calendar, storage);
            QVERIFY(open(cache));
            QCOMPARE(cache.index().entry(interaction.id())->type, Crm::CalendarEntry::Type::Interaction);
        }
        // WHEN, while no index is open, a program saves the interaction
        // without the CRM's X-properties, merged by its resource with its
        // old modification time, and another item is removed, so the counts
        // disagree and the next refresh reads the whole collection again
        KCalendarCore::Event::Ptr stripped(new KCalendarCore::Event(*event));
        stripped->removeCustomProperty("CRM", "TYPE");
        stripped->removeCustomProperty("CRM", "COUNTERPARTY");
        Akonadi::Item changed = interaction;
        changed.setPayload<KCalendarCore::Incidence::Ptr>(stripped);
        QVERIFY(storage.mergeKeepingModificationTime(changed));
        QVERIFY(Crm::waitFor(storage.remove({other.id()})));
        Crm::CalendarIndexCache reopened(calendar, storage);
        QVERIFY(open(reopened));
        QVERIFY(reopened.lastStats().rebuiltCollections > 0);
        // THEN the index knows it as a plain event, and what it lost is recorded
        QCOMPARE(reopened.index().entry(interaction.id())->type, Crm::CalendarEntry::Type::Other);
        const auto losses = reopened.unsettledLosses();
        QCOMPARE(losses.size(), 1);
        QCOMPARE(losses.constFirst().uid, u"urn:uuid:call"_s);
        QCOMPARE(losses.constFirst().counterpartyUid, u"urn:uuid:sonyakh"_s);
        QVERIFY(losses.constFirst().lost.contains(u"X-KDE-CRM-TYPE"_s));
    }

    void shouldCheckAnIndexFileWholeOnlyWhenItDidNotWriteIt()
    {
        // GIVEN an index saved to its file
        Crm::MemoryItemStorage storage;
        storage.addCollection(calendar);
        const Akonadi::Item item = write(storage, todo(u"urn:uuid:a"_s, u"Call back"_s), calendar);
        QString path;
        {
            Crm::CalendarIndexCache cache(calendar, storage);
            QVERIFY(open(cache));
            path = cache.filePath();
        }
        const auto openFile = [this, &storage] {
            Crm::CalendarIndexCache cache(calendar, storage);
            return std::pair{open(cache) && cache.lastStats().loadedFromFile, cache.lastStats().checkedWhole};
        };
        // WHEN it is opened: THEN it is not summed and walked again: the
        // process that wrote it summed what it wrote and marked the file
        QCOMPARE(openFile(), std::pair(true, false));
        QCOMPARE(openFile(), std::pair(true, false));
        // WHEN the file is written anew (an open that read a changed item
        // saves it): THEN the new file is not checked whole either
        QVERIFY(write(storage, todo(u"urn:uuid:a"_s, u"Call back on Monday"_s, item), {}).isValid());
        QCOMPARE(openFile(), std::pair(true, false));
        QCOMPARE(openFile(), std::pair(true, false));
        // WHEN a file the index did not write takes its place (a copy put
        // back from a backup): THEN it is checked whole at its first open
        const QString copy = path + u".copy"_s;
        QVERIFY(QFile::copy(path, copy));
        QVERIFY(QFile::remove(path));
        QVERIFY(QFile::rename(copy, path));
        QCOMPARE(openFile(), std::pair(true, true));
        QCOMPARE(openFile(), std::pair(true, false));
    }

    void shouldLeaveAFewChangedItemsForTheNextOpenToReadAgain()
    {
        // GIVEN an index of 2,048 tasks saved to its file
        Crm::MemoryItemStorage storage;
        storage.addCollection(calendar);
        QList<Akonadi::Item> items;
        for (int i = 0; i < 2048; ++i) {
            items << write(storage, todo(u"urn:uuid:t%1"_s.arg(i), u"Task %1"_s.arg(i)), calendar);
        }
        QString path;
        {
            Crm::CalendarIndexCache cache(calendar, storage);
            QVERIFY(open(cache));
            path = cache.filePath();
        }
        const auto fileBytes = [&path] {
            QFile f(path);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        };
        const QByteArray saved = fileBytes();
        QVERIFY(!saved.isEmpty());
        // (what an open read again, and the summary it gives task 7)
        const auto openFile = [this, &storage, &items] {
            Crm::CalendarIndexCache cache(calendar, storage);
            const bool ok = open(cache);
            const auto seven = cache.index().entry(items.at(7).id());
            return std::pair{ok ? cache.lastStats().changedItems : -1, seven ? seven->summary : QString()};
        };
        // WHEN one task changes
        QVERIFY(write(storage, todo(u"urn:uuid:t7"_s, u"Changed"_s, items.at(7)), {}).isValid());
        // THEN an open reads it and has it, and leaves the file as it was:
        // rewriting 2,048 entries for one is not worth it
        QCOMPARE(openFile(), std::pair(1, u"Changed"_s));
        QCOMPARE(fileBytes(), saved);
        // AND the next open reads it again
        QCOMPARE(openFile(), std::pair(1, u"Changed"_s));
        // WHEN a second task changes (2 of 2,048: a 1/1024th)
        QVERIFY(write(storage, todo(u"urn:uuid:t8"_s, u"Changed too"_s, items.at(8)), {}).isValid());
        // THEN the open writes the file, and the next one reads nothing again
        QCOMPARE(openFile(), std::pair(2, u"Changed"_s));
        const QByteArray withTwo = fileBytes();
        QVERIFY(withTwo != saved);
        QCOMPARE(openFile(), std::pair(0, u"Changed"_s));
        // WHEN one more changes and a task is removed: THEN the file is
        // written at once (a removal is not found again by "changed since")
        QVERIFY(write(storage, todo(u"urn:uuid:t9"_s, u"Changed as well"_s, items.at(9)), {}).isValid());
        QVERIFY(Crm::waitFor(storage.remove({items.at(10).id()})));
        {
            Crm::CalendarIndexCache cache(calendar, storage);
            QVERIFY(open(cache));
            QVERIFY(!cache.index().entry(items.at(10).id()));
        }
        QVERIFY(fileBytes() != withTwo);
        {
            Crm::CalendarIndexCache cache(calendar, storage);
            QVERIFY(open(cache));
            QCOMPARE(cache.lastStats().changedItems, 0);
            QCOMPARE(cache.lastStats().rebuiltCollections, 0);
            QVERIFY(!cache.index().entry(items.at(10).id()));
            QCOMPARE(cache.index().size(), 2047);
        }
    }

    void shouldRebuildFromADamagedOrTornIndexFile_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::newRow("a changed byte") << u"byte"_s;
        QTest::newRow("cut short") << u"cut"_s;
    }

    void shouldRebuildFromADamagedOrTornIndexFile()
    {
        QFETCH(QString, damage);
        Crm::MemoryItemStorage storage;
        storage.addCollection(calendar);
        const Akonadi::Item item = write(storage, todo(u"urn:uuid:a"_s, u"Call back"_s), calendar);
        QString path;
        {
            Crm::CalendarIndexCache cache(calendar, storage);
            QVERIFY(open(cache));
            path = cache.filePath();
        }
        // (the file has its mark of having passed, which the writer made)
        QVERIFY(QFile::exists(path + u".checked"_s));
        // GIVEN an index file damaged where the task's summary lies, or cut short
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QByteArray bytes = file.readAll();
        if (damage == u"byte"_s) {
            const QByteArray summary("Call back"); // the packed index keeps UTF-8
            const qsizetype at = bytes.indexOf(summary);
            QVERIFY(at > 0);
            bytes[at] = 'K'; // "Kall back": still a well-formed string
        } else {
            bytes.chop(7);
        }
        QVERIFY(file.resize(0));
        QVERIFY(file.seek(0));
        QCOMPARE(file.write(bytes), bytes.size());
        file.close();
        // WHEN opened again
        Crm::CalendarIndexCache reopened(calendar, storage);
        QVERIFY(open(reopened));
        // THEN the file is not trusted: the index is read again from the storage, as it is there
        QVERIFY(!reopened.lastStats().loadedFromFile);
        QCOMPARE(reopened.index().entry(item.id())->summary, u"Call back"_s);
        // and the file written anew opens next time
        Crm::CalendarIndexCache again(calendar, storage);
        QVERIFY(open(again));
        QVERIFY(again.lastStats().loadedFromFile);
        QCOMPARE(again.index().entry(item.id())->summary, u"Call back"_s);
    }
};

QTEST_GUILESS_MAIN(LiveIndexTest)
#include "liveindextest.moc"
