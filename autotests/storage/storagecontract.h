// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "blocking/blockingstorage.h"
#include "storage/itemstorage.h"

#include <KCalendarCore/Todo>

#include <QObject>
#include <QSet>
#include <QTest>

#include <functional>

using namespace Qt::Literals::StringLiterals;
#include <memory>

/// What every ItemStorage must do, as the Akonadi server does it. Run once
/// against MemoryItemStorage (storagecontract-memory) and once against a
/// real isolated Akonadi (akonadi-sqlite-storagecontracttest): a fake that
/// drifts from the server fails here.
class StorageContract : public QObject
{
    Q_OBJECT
public:
    using Factory = std::function<std::unique_ptr<Crm::ItemStorage>()>;
    using CollectionMaker = std::function<Akonadi::Collection()>;

    StorageContract(Factory make, CollectionMaker collection)
        : m_make(std::move(make))
        , m_makeCollection(std::move(collection))
    {
    }

private:
    static Akonadi::Item todoItem(const QString &summary, const Akonadi::Item &base = Akonadi::Item())
    {
        KCalendarCore::Todo::Ptr todo(new KCalendarCore::Todo);
        todo->setSummary(summary);
        todo->setUid(u"urn:uuid:contract-"_s + summary);
        Akonadi::Item item = base;
        item.setMimeType(KCalendarCore::Todo::todoMimeType());
        item.setPayload<KCalendarCore::Incidence::Ptr>(todo);
        return item;
    }

    static QString summaryOf(const Akonadi::Item &item)
    {
        return item.hasPayload<KCalendarCore::Incidence::Ptr>() ? item.payload<KCalendarCore::Incidence::Ptr>()->summary() : QString();
    }

    QList<Crm::StorageJob::Written> write(const QList<Crm::ItemStorage::Write> &writes, int batchSize = 200)
    {
        QList<Crm::StorageJob::Written> out;
        const bool ok = Crm::waitFor(m_storage->write(writes, batchSize), [&out](Crm::StorageJob *job) {
            out = job->written();
        });
        return ok ? out : QList<Crm::StorageJob::Written>();
    }

    Akonadi::Item::List fetch(const QList<Akonadi::Item::Id> &ids, QString *error = nullptr)
    {
        Akonadi::Item::List out;
        Crm::waitFor(
            m_storage->fetch(ids),
            [&out](Crm::StorageJob *job) {
                out = job->items();
            },
            error);
        return out;
    }

    QStringList summariesInCollection()
    {
        QStringList out;
        const bool ok = Crm::waitFor(m_storage->visit(m_collection, {}, [&out](const Akonadi::Item::List &items) {
            for (const Akonadi::Item &item : items) {
                out << summaryOf(item);
            }
        }));
        if (!ok) {
            return {u"visit failed"_s};
        }
        out.sort();
        return out;
    }

    Akonadi::Item created(const QString &summary)
    {
        const auto written = write({{todoItem(summary), m_collection}});
        return written.size() == 1 ? written.constFirst().item : Akonadi::Item();
    }

    Factory m_make;
    CollectionMaker m_makeCollection;
    std::unique_ptr<Crm::ItemStorage> m_storage;
    Akonadi::Collection m_collection;

private Q_SLOTS:
    void initTestCase()
    {
        m_collection = m_makeCollection();
        QVERIFY(m_collection.isValid());
        m_storage = m_make();
    }

    void shouldAnswerFromTheEventLoopNeverInsideTheCall()
    {
        bool reported = false;
        Crm::StorageJob *job = m_storage->fetch({});
        connect(job, &KJob::result, this, [&reported] {
            reported = true;
        });
        QVERIFY(!reported);
        QTRY_VERIFY(reported);
    }

    void shouldCreateItemsAndReadThemBack()
    {
        // WHEN three new items are written
        const auto written = write({{todoItem(u"alpha"_s), m_collection}, {todoItem(u"beta"_s), m_collection}, {todoItem(u"gamma"_s), m_collection}});
        // THEN each has an id, in the order given, and reads back with its payload
        QCOMPARE(written.size(), 3);
        QList<Akonadi::Item::Id> ids;
        for (const auto &w : written) {
            QVERIFY2(w.item.isValid(), qPrintable(w.error));
            ids << w.item.id();
        }
        QCOMPARE(QSet<Akonadi::Item::Id>(ids.cbegin(), ids.cend()).size(), 3);
        const auto items = fetch(ids);
        QStringList summaries;
        for (const Akonadi::Item &item : items) {
            summaries << summaryOf(item);
            QCOMPARE(item.parentCollection().id(), m_collection.id());
        }
        summaries.sort();
        QCOMPARE(summaries, (QStringList{u"alpha"_s, u"beta"_s, u"gamma"_s}));
    }

    void shouldGiveANewItemItsRecordUidAsGid()
    {
        // WHEN a new item is written
        const Akonadi::Item item = created(u"epsilon"_s);
        QVERIFY(item.isValid());
        // THEN it carries its record's UID as GID, written and read back,
        // so a retried create can merge by it
        QCOMPARE(item.gid(), u"urn:uuid:contract-epsilon"_s);
        const auto items = fetch({item.id()});
        QCOMPARE(items.size(), 1);
        QCOMPARE(items.constFirst().gid(), u"urn:uuid:contract-epsilon"_s);
    }

    void shouldReportAWriteOnlyOnceItsResourceHasWrittenIt()
    {
        // WHEN a new item is written and reported done
        const Akonadi::Item item = created(u"zeta"_s);
        QVERIFY(item.isValid());
        // THEN its resource has written it: it has the remote id the
        // resource gave (what Akonadi lacks for a change still queued)
        QVERIFY(!item.remoteId().isEmpty());
        const auto items = fetch({item.id()});
        QCOMPARE(items.size(), 1);
        QCOMPARE(items.constFirst().remoteId(), item.remoteId());
    }

    void shouldLeaveOutMissingIdsWhenFetching()
    {
        const Akonadi::Item one = created(u"present"_s);
        QVERIFY(one.isValid());
        QString error;
        QCOMPARE(fetch({one.id(), 99999999}, &error).size(), 1);
        QCOMPARE(fetch({99999999}, &error).size(), 0);
    }

    void shouldVisitEveryItemOfTheCollection()
    {
        const QStringList before = summariesInCollection();
        QVERIFY(created(u"delta"_s).isValid());
        QStringList expected = before;
        expected << u"delta"_s;
        expected.sort();
        QCOMPARE(summariesInCollection(), expected);
    }

    void shouldVisitEveryItemOnceWhenTheCollectionIsLargerThanAPage()
    {
        // GIVEN more items than one page of a visit (Akonadi: 500), changed now
        const QDateTime since = QDateTime::currentDateTimeUtc().addSecs(-1);
        QList<Crm::ItemStorage::Write> writes;
        for (int i = 0; i < 1201; ++i) {
            writes << Crm::ItemStorage::Write{todoItem(u"page %1"_s.arg(i)), m_collection};
        }
        QCOMPARE(write(writes).size(), writes.size());
        // WHEN the items changed since then are visited
        QHash<QString, int> seen;
        int largestBatch = 0;
        QVERIFY(Crm::waitFor(m_storage->visit(m_collection, since, [&](const Akonadi::Item::List &items) {
            largestBatch = std::max(largestBatch, int(items.size()));
            for (const Akonadi::Item &item : items) {
                QVERIFY(item.hasPayload());
                ++seen[summaryOf(item)];
            }
        })));
        // THEN each of them comes once, with its payload
        for (int i = 0; i < 1201; ++i) {
            QCOMPARE(seen.value(u"page %1"_s.arg(i)), 1);
        }
        qDebug() << "largest batch" << largestBatch;
    }

    void shouldReadOnlyTheItemsTheVisitWants()
    {
        // GIVEN three items
        const Akonadi::Item first = created(u"wanted one"_s);
        const Akonadi::Item skipped = created(u"not wanted"_s);
        const Akonadi::Item last = created(u"wanted two"_s);
        QVERIFY(first.isValid() && skipped.isValid() && last.isValid());
        // WHEN they are visited with a filter that does not want one of them
        QHash<Akonadi::Item::Id, int> offeredRevisions;
        QStringList read;
        const auto wanted = [&](const Akonadi::Item &listed) {
            if (listed.hasPayload()) {
                qWarning() << "a listed item came with its payload";
                return false;
            }
            offeredRevisions.insert(listed.id(), listed.revision());
            return listed.id() != skipped.id();
        };
        QVERIFY(Crm::waitFor(m_storage->visit(m_collection, {}, wanted, [&read](const Akonadi::Item::List &items) {
            for (const Akonadi::Item &item : items) {
                QVERIFY(item.hasPayload());
                read << summaryOf(item);
            }
        })));
        // THEN the filter saw each item with its revision and no payload
        QCOMPARE(offeredRevisions.value(first.id(), -1), first.revision());
        QCOMPARE(offeredRevisions.value(skipped.id(), -1), skipped.revision());
        QCOMPARE(offeredRevisions.value(last.id(), -1), last.revision());
        // AND only the wanted ones were read (the collection holds the
        // other cases' items too)
        QVERIFY(read.contains(u"wanted one"_s));
        QVERIFY(read.contains(u"wanted two"_s));
        QVERIFY(!read.contains(u"not wanted"_s));
        QCOMPARE(read.size(), offeredRevisions.size() - 1);
    }

    void shouldListEachItemWithItsRevision()
    {
        // GIVEN an item changed once, beside one never changed
        const Akonadi::Item kept = created(u"kept"_s);
        const Akonadi::Item original = created(u"changed"_s);
        QVERIFY(kept.isValid() && original.isValid());
        const auto replaced = write({{todoItem(u"changed again"_s, original), {}}});
        QCOMPARE(replaced.size(), 1);
        QVERIFY2(replaced.constFirst().item.isValid(), qPrintable(replaced.constFirst().error));
        // WHEN the collection's revisions are listed
        QHash<Akonadi::Item::Id, int> revisions;
        QVERIFY(Crm::waitFor(m_storage->revisions(m_collection), [&revisions](Crm::StorageJob *job) {
            const auto items = job->items();
            for (const Akonadi::Item &item : items) {
                QVERIFY(!item.hasPayload());
                revisions.insert(item.id(), item.revision());
            }
        }));
        // THEN each item is there with the revision it has now
        QCOMPARE(revisions.value(kept.id(), -1), kept.revision());
        QCOMPARE(revisions.value(original.id(), -1), replaced.constFirst().item.revision());
        QVERIFY(replaced.constFirst().item.revision() > original.revision());
        QCOMPARE(revisions.size(), summariesInCollection().size());
    }

    void shouldReplaceAnItemAndRefuseAStaleRevision()
    {
        // GIVEN an item, changed once
        const Akonadi::Item original = created(u"draft"_s);
        QVERIFY(original.isValid());
        auto written = write({{todoItem(u"final"_s, original), {}}});
        QCOMPARE(written.size(), 1);
        QVERIFY2(written.constFirst().item.isValid(), qPrintable(written.constFirst().error));
        QCOMPARE(summaryOf(fetch({original.id()}).value(0)), u"final"_s);
        // WHEN somebody writes a change based on the original revision
        written = write({{todoItem(u"stale"_s, original), {}}});
        // THEN it is refused and the newer text stays
        QCOMPARE(written.size(), 1);
        QVERIFY(!written.constFirst().item.isValid());
        QVERIFY(!written.constFirst().error.isEmpty());
        QCOMPARE(summaryOf(fetch({original.id()}).value(0)), u"final"_s);
    }

    void shouldWriteTheGoodOnesWhenOneWriteIsBad()
    {
        // GIVEN a batch whose middle write replaces an item that does not exist
        const QStringList before = summariesInCollection();
        Akonadi::Item ghost = todoItem(u"ghost"_s);
        ghost.setId(99999999);
        const auto written = write({{todoItem(u"first"_s), m_collection}, {ghost, m_collection}, {todoItem(u"last"_s), m_collection}}, 10);
        // THEN the two good ones are written once each and the bad one says why
        QCOMPARE(written.size(), 3);
        QVERIFY(written.at(0).item.isValid());
        QVERIFY(!written.at(1).item.isValid());
        QVERIFY(!written.at(1).error.isEmpty());
        QVERIFY(written.at(2).item.isValid());
        QStringList expected = before;
        expected << u"first"_s << u"last"_s;
        expected.sort();
        QCOMPARE(summariesInCollection(), expected);
    }

    void shouldRefuseToWriteIntoACollectionThatDoesNotExist()
    {
        const auto written = write({{todoItem(u"nowhere"_s), Akonadi::Collection(99999999)}});
        QCOMPARE(written.size(), 1);
        QVERIFY(!written.constFirst().item.isValid());
        QVERIFY(!written.constFirst().error.isEmpty());
    }

    void shouldRemoveAndRefuseToRemoveWhatIsGone()
    {
        const Akonadi::Item item = created(u"to remove"_s);
        QVERIFY(item.isValid());
        QString error;
        QVERIFY2(Crm::waitFor(m_storage->remove({item.id()}), {}, &error), qPrintable(error));
        QCOMPARE(fetch({item.id()}).size(), 0);
        QVERIFY(!Crm::waitFor(m_storage->remove({item.id()})));
    }

    void shouldCountTheItemsOfACollection()
    {
        const auto countNow = [this] {
            qint64 n = -1;
            const bool ok = Crm::waitFor(m_storage->count({m_collection}), [&n, this](Crm::StorageJob *job) {
                n = job->counts().value(m_collection.id(), -1);
            });
            return ok ? n : -1;
        };
        const qint64 before = countNow();
        QVERIFY(before >= 0);
        const Akonadi::Item item = created(u"counted"_s);
        QVERIFY(item.isValid());
        QTRY_COMPARE(countNow(), before + 1);
        QVERIFY(Crm::waitFor(m_storage->remove({item.id()})));
        QTRY_COMPARE(countNow(), before);
    }

    void shouldTellAMonitorWhatChanges()
    {
        // GIVEN a monitor on the collection
        const auto monitor = m_storage->monitor({m_collection});
        QHash<Akonadi::Item::Id, QString> seen;
        QList<Akonadi::Item::Id> removed;
        connect(monitor.get(), &Crm::StorageMonitor::itemChanged, this, [&seen](const Akonadi::Item &item, const Akonadi::Collection &) {
            seen.insert(item.id(), summaryOf(item));
        });
        connect(monitor.get(), &Crm::StorageMonitor::itemRemoved, this, [&removed](Akonadi::Item::Id id) {
            removed << id;
        });
        // Akonadi's monitor subscribes asynchronously; give it a moment.
        QTest::qWait(200);
        // WHEN an item is created, changed and removed
        const Akonadi::Item item = created(u"watched"_s);
        QVERIFY(item.isValid());
        // THEN the monitor hears each, a change with its payload
        QTRY_COMPARE(seen.value(item.id()), u"watched"_s);
        const auto changed = write({{todoItem(u"watched again"_s, item), {}}});
        QVERIFY(changed.value(0).item.isValid());
        QTRY_COMPARE(seen.value(item.id()), u"watched again"_s);
        QVERIFY(Crm::waitFor(m_storage->remove({item.id()})));
        QTRY_VERIFY(removed.contains(item.id()));
    }
};