// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "models/counterpartylistmodel.h"
#include "akonadi/directoryindexcache.h"
#include "models/cardmodels.h"
#include "ownhome.h"
#include "storage/memoryitemstorage.h"
#include "vcard/vcardmapping.h"

#include <KContacts/Addressee>

#include <QAbstractItemModelTester>
#include <QDir>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using Crm::CounterpartyListModel;

/// The counterparties list of the plugin over a live directory index on the
/// in-memory storage: search as you type, the group filter, live updates
/// that keep the selection. No Akonadi, milliseconds.
class CounterpartyListModelTest : public QObject
{
    Q_OBJECT
    QTemporaryDir m_home; // settings and data of this test alone

private:
    const Akonadi::Collection counterparties{21};
    const Akonadi::Collection employees{22};
    std::unique_ptr<Crm::MemoryItemStorage> storage;
    std::unique_ptr<Crm::DirectoryIndexCache> cache;

    static Crm::Counterparty counterparty(const QString &uid, const QString &name, const QString &taxCode, const QStringList &phones, const QStringList &groups)
    {
        Crm::Counterparty c;
        c.uid = uid;
        c.name = name;
        c.taxCode = taxCode;
        c.phones = phones;
        c.emails = {};
        c.groups = groups;
        return c;
    }

    /// Writes one vCard and waits (through the event loop) until it is stored.
    Akonadi::Item write(const KContacts::Addressee &a, const Akonadi::Collection &collection, const Akonadi::Item &base = {})
    {
        Akonadi::Item item = base;
        item.setMimeType(KContacts::Addressee::mimeType());
        item.setPayload<KContacts::Addressee>(a);
        Crm::StorageJob *job = storage->write({{item, base.isValid() ? Akonadi::Collection() : collection}});
        QSignalSpy done(job, &KJob::result);
        if (!done.wait(5000) || job->error() || job->written().value(0).item.id() < 0) {
            return {};
        }
        return job->written().value(0).item;
    }

    /// The search runs on a worker thread: waits for its answer.
    static void settle(const CounterpartyListModel &model)
    {
        QTRY_VERIFY_WITH_TIMEOUT(!model.isSearching(), 5000);
    }

    QStringList names(const CounterpartyListModel &model) const
    {
        QStringList out;
        for (int row = 0; row < model.rowCount(); ++row) {
            out << model.entry(row).displayName;
        }
        return out;
    }

    Akonadi::Item sonyah;
    Akonadi::Item acme;
    Akonadi::Item kyivbud;

private Q_SLOTS:
    void initTestCase()
    {
        CrmTest::useOwnHome(m_home);
    }

    void init()
    {
        QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/kontact-crm"_s).removeRecursively();
        storage = std::make_unique<Crm::MemoryItemStorage>();
        storage->addCollection(counterparties);
        storage->addCollection(employees);
        // GIVEN three counterparties, a contact person and an employee
        auto s = counterparty(u"urn:uuid:sonyah"_s, u"ТОВ «Сонях Агро»"_s, u"32456711"_s, {u"+380 44 123 45 67"_s}, {u"Клієнти"_s});
        s.emails = {u"office@sonyah.example"_s};
        sonyah = write(Crm::VCardMapping::toAddressee(s), counterparties);
        acme = write(Crm::VCardMapping::toAddressee(counterparty(u"urn:uuid:acme"_s, u"Acme Corp"_s, u"12345678"_s, {u"+1 212 555 0100"_s}, {u"Suppliers"_s})),
                     counterparties);
        kyivbud =
            write(Crm::VCardMapping::toAddressee(counterparty(u"urn:uuid:kyivbud"_s, u"Київбуд"_s, {}, {}, {u"клієнти"_s, u"Suppliers"_s})), counterparties);
        Crm::ContactPerson olena;
        olena.uid = u"urn:uuid:olena"_s;
        olena.counterpartyUid = u"urn:uuid:acme"_s;
        olena.name = u"Olena Petrenko"_s;
        olena.emails = {u"olena@acme.example"_s};
        olena.phones = {u"+380 67 765 43 21"_s};
        QVERIFY(write(Crm::VCardMapping::toAddressee(olena, u"Acme Corp"_s), counterparties).isValid());
        Crm::Employee oksana;
        oksana.uid = u"urn:uuid:oksana"_s;
        oksana.name = u"Oksana Acmeeva"_s;
        oksana.emails = {u"oksana@our-firm.example"_s};
        QVERIFY(write(Crm::VCardMapping::toAddressee(oksana), employees).isValid());
        QVERIFY(sonyah.isValid() && acme.isValid() && kyivbud.isValid());

        cache = std::make_unique<Crm::DirectoryIndexCache>(counterparties, employees, *storage);
        bool opened = false;
        cache->open([&opened](const QString &error) {
            QVERIFY2(error.isEmpty(), qPrintable(error));
            opened = true;
        });
        QTRY_VERIFY(opened);
        cache->follow();
    }

    void cleanup()
    {
        cache.reset();
        storage.reset();
    }

    void shouldListEveryCounterpartyByNameWithoutText()
    {
        CounterpartyListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCache(cache.get());
        settle(model);
        // THEN counterparties only: no person, no employee
        QCOMPARE(names(model), (QStringList{u"Acme Corp"_s, u"Київбуд"_s, u"ТОВ «Сонях Агро»"_s}));
    }

    void shouldFindAsYouType_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<QString>("via");
        QTest::newRow("phone in another notation") << u"(044) 123-45-67"_s << QStringList{u"ТОВ «Сонях Агро»"_s} << QString();
        QTest::newRow("national phone digits") << u"0441234567"_s << QStringList{u"ТОВ «Сонях Агро»"_s} << QString();
        QTest::newRow("e-mail in any case") << u"Office@Sonyah.Example"_s << QStringList{u"ТОВ «Сонях Агро»"_s} << QString();
        QTest::newRow("tax code with spaces") << u"3245 6711"_s << QStringList{u"ТОВ «Сонях Агро»"_s} << QString();
        QTest::newRow("name part, any case") << u"сонях"_s << QStringList{u"ТОВ «Сонях Агро»"_s} << QString();
        QTest::newRow("a person's e-mail stands for its counterparty") << u"olena@acme.example"_s << QStringList{u"Acme Corp"_s} << u"Olena Petrenko"_s;
        QTest::newRow("a person's phone") << u"067 765 43 21"_s << QStringList{u"Acme Corp"_s} << u"Olena Petrenko"_s;
        QTest::newRow("an employee is not a counterparty") << u"oksana@our-firm.example"_s << QStringList{} << QString();
        QTest::newRow("nothing") << u"Zebra"_s << QStringList{} << QString();
    }

    void shouldFindAsYouType()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, expected);
        QFETCH(QString, via);
        CounterpartyListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCache(cache.get());
        settle(model);
        // WHEN the user types, character by character
        for (qsizetype n = 1; n <= text.size(); ++n) {
            model.setFilterText(text.left(n));
            settle(model);
        }
        QCOMPARE(names(model), expected);
        if (!expected.isEmpty()) {
            QCOMPARE(model.data(model.index(0), CounterpartyListModel::ViaPersonRole).toString(), via);
        }
        // AND clearing the field lists everything again
        model.setFilterText({});
        settle(model);
        QCOMPARE(model.rowCount(), 3);
    }

    void shouldFilterByGroupInAnyCase()
    {
        CounterpartyListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCache(cache.get());
        settle(model);
        QCOMPARE(Crm::CounterpartySearch::groups(cache->index()), (QStringList{u"Suppliers"_s, u"Клієнти"_s}));
        model.setGroup(u"КЛІЄНТИ"_s);
        settle(model);
        QCOMPARE(names(model), (QStringList{u"Київбуд"_s, u"ТОВ «Сонях Агро»"_s}));
        // AND the group and the search narrow together
        model.setFilterText(u"Київ"_s);
        settle(model);
        QCOMPARE(names(model), (QStringList{u"Київбуд"_s}));
        model.setGroup(u"Suppliers"_s);
        settle(model);
        model.setFilterText({});
        settle(model);
        QCOMPARE(names(model), (QStringList{u"Acme Corp"_s, u"Київбуд"_s}));
    }

    void shouldFollowChangesMadeElsewhereKeepingTheSelection()
    {
        CounterpartyListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCache(cache.get());
        settle(model);
        QPersistentModelIndex selected = model.index(model.rowOf(sonyah.id()));
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

        // WHEN another program adds a counterparty
        const Akonadi::Item added =
            write(Crm::VCardMapping::toAddressee(counterparty(u"urn:uuid:bdzhola"_s, u"Бджола"_s, u"40000001"_s, {}, {})), counterparties);
        QVERIFY(added.isValid());
        // THEN it appears in its place, as one inserted row
        QTRY_COMPARE(model.rowCount(), 4);
        QCOMPARE(names(model), (QStringList{u"Acme Corp"_s, u"Бджола"_s, u"Київбуд"_s, u"ТОВ «Сонях Агро»"_s}));
        QCOMPARE(inserted.count(), 1);

        // WHEN one is renamed so that it sorts elsewhere
        auto renamed = counterparty(u"urn:uuid:acme"_s, u"Янтар"_s, u"12345678"_s, {}, {u"Suppliers"_s});
        QVERIFY(write(Crm::VCardMapping::toAddressee(renamed), {}, acme).isValid());
        QTRY_COMPARE(names(model), (QStringList{u"Бджола"_s, u"Київбуд"_s, u"ТОВ «Сонях Агро»"_s, u"Янтар"_s}));

        // WHEN one is removed elsewhere
        Crm::StorageJob *removal = storage->remove({kyivbud.id()});
        QSignalSpy removed(removal, &KJob::result);
        QVERIFY(removed.wait(5000));
        QTRY_COMPARE(model.rowCount(), 3);

        // THEN the list was never reset and the chosen row is still the chosen one
        QCOMPARE(resets.count(), 0);
        QVERIFY(selected.isValid());
        QCOMPARE(model.entry(selected.row()).itemId, sonyah.id());
    }

    void shouldShowAChangeThatMakesACounterpartyMatchTheSearch()
    {
        CounterpartyListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCache(cache.get());
        settle(model);
        model.setFilterText(u"+380 50 111 22 33"_s);
        settle(model);
        QCOMPARE(model.rowCount(), 0);
        // WHEN KAddressBook adds that phone to Київбуд
        auto k = counterparty(u"urn:uuid:kyivbud"_s, u"Київбуд"_s, {}, {u"050 111 2233"_s}, {u"клієнти"_s});
        QVERIFY(write(Crm::VCardMapping::toAddressee(k), {}, kyivbud).isValid());
        // THEN the open search shows it without being typed again
        QTRY_COMPARE(names(model), (QStringList{u"Київбуд"_s}));
    }

    void shouldResetOnceWhenAKeystrokeChangesManyScatteredRows()
    {
        // GIVEN 80 more counterparties, "Alpha" and "Beta" in turn in the list
        QList<Crm::ItemStorage::Write> writes;
        for (int i = 0; i < 80; ++i) {
            Akonadi::Item item;
            item.setMimeType(KContacts::Addressee::mimeType());
            const QString name = u"Row %1 %2"_s.arg(i, 2, 10, QChar(u'0')).arg(i % 2 ? u"Beta"_s : u"Alpha"_s);
            item.setPayload<KContacts::Addressee>(Crm::VCardMapping::toAddressee(counterparty(u"urn:uuid:n%1"_s.arg(i), name, {}, {}, {})));
            writes << Crm::ItemStorage::Write{item, counterparties};
        }
        Crm::StorageJob *job = storage->write(writes);
        QSignalSpy written(job, &KJob::result);
        QVERIFY(written.wait(5000));
        QTRY_COMPARE(cache->index().ofKind(Crm::DirectoryEntry::Kind::Counterparty).size(), 83);
        CounterpartyListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCache(cache.get());
        settle(model);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        // WHEN a keystroke keeps every other row
        model.setFilterText(u"alpha"_s);
        settle(model);
        // THEN the view gets one reset, not 40 removals
        QCOMPARE(model.rowCount(), 40);
        QCOMPARE(resets.count(), 1);
        QCOMPARE(removed.count(), 0);
        // AND a change of a few runs is applied exactly again
        model.setFilterText(u"row 0"_s);
        settle(model);
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(resets.count(), 1);
        QCOMPARE(removed.count(), 1);
    }

    void shouldResetOnceWhenAKeystrokePutsManyRowsInAnotherOrder()
    {
        // GIVEN "Aa Gamma NN" and "Gamma NN" in turn: alphabetically interleaved
        QList<Crm::ItemStorage::Write> writes;
        for (int i = 0; i < 80; ++i) {
            Akonadi::Item item;
            item.setMimeType(KContacts::Addressee::mimeType());
            const QString name = (i % 2 ? u"Aa Gamma %1"_s : u"Gamma %1"_s).arg(i / 2, 2, 10, QChar(u'0'));
            item.setPayload<KContacts::Addressee>(Crm::VCardMapping::toAddressee(counterparty(u"urn:uuid:g%1"_s.arg(i), name, {}, {}, {})));
            writes << Crm::ItemStorage::Write{item, counterparties};
        }
        Crm::StorageJob *job = storage->write(writes);
        QSignalSpy written(job, &KJob::result);
        QVERIFY(written.wait(5000));
        QTRY_COMPARE(cache->index().ofKind(Crm::DirectoryEntry::Kind::Counterparty).size(), 83);
        CounterpartyListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCache(cache.get());
        settle(model);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy layouts(&model, &QAbstractItemModel::layoutChanged);
        // WHEN a keystroke keeps them all but puts the names that start with it first
        model.setFilterText(u"gamma"_s);
        settle(model);
        // THEN the view gets one reset, not a new layout moving 40 rows
        QCOMPARE(model.rowCount(), 80);
        QCOMPARE(model.entry(0).displayName, u"Gamma 00"_s);
        QCOMPARE(model.entry(40).displayName, u"Aa Gamma 00"_s);
        QCOMPARE(resets.count(), 1);
        QCOMPARE(layouts.count(), 0);
        // AND going back to the whole list, a rename elsewhere still moves one row without a reset
        model.setFilterText({});
        settle(model);
        QCOMPARE(model.rowCount(), 83);
        QCOMPARE(model.entry(0).displayName, u"Aa Gamma 00"_s);
        const int resetsBefore = int(resets.count());
        auto renamed = counterparty(u"urn:uuid:acme"_s, u"Янтар"_s, u"12345678"_s, {}, {u"Suppliers"_s});
        QVERIFY(write(Crm::VCardMapping::toAddressee(renamed), {}, acme).isValid());
        QTRY_COMPARE(model.entry(82).displayName, u"Янтар"_s);
        QCOMPARE(resets.count(), resetsBefore);
    }

    void cardModelsShouldPassTheTester()
    {
        Crm::ContactPersonModel persons;
        QAbstractItemModelTester personsTester(&persons, QAbstractItemModelTester::FailureReportingMode::QtTest);
        Crm::ContactPerson p;
        p.name = u"Olena"_s;
        p.phones = {u"+380 67 765 43 21"_s};
        persons.setPersons({p, p});
        QCOMPARE(persons.rowCount(), 2);
        QCOMPARE(persons.data(persons.index(0, Crm::ContactPersonModel::PhoneColumn)).toString(), u"+380 67 765 43 21"_s);
        persons.setPersons({});
        QCOMPARE(persons.rowCount(), 0);

        Crm::TimelineModel timeline;
        QAbstractItemModelTester timelineTester(&timeline, QAbstractItemModelTester::FailureReportingMode::QtTest);
        Crm::AgendaRow overdue;
        overdue.kind = Crm::AgendaRow::Kind::Task;
        overdue.when = QDateTime::currentDateTime().addDays(-1);
        overdue.title = u"Send the invoice"_s;
        overdue.overdue = true;
        timeline.setRows({overdue});
        QCOMPARE(timeline.data(timeline.index(0, Crm::TimelineModel::WhatColumn)).toString(), u"Send the invoice"_s);
        QVERIFY(timeline.data(timeline.index(0, 0), Crm::TimelineModel::OverdueRole).toBool());
        QVERIFY(timeline.data(timeline.index(0, 0), Qt::ForegroundRole).isValid());
    }
};

QTEST_MAIN(CounterpartyListModelTest)
#include "counterpartylistmodeltest.moc"
