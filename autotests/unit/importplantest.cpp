// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "import/importplan.h"
#include "vcard/vcardmapping.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Crm;

// The import plan against an in-memory index: which record updates which,
// duplicates within a file and against the store, persons finding their
// counterparty, and the merge with what is stored. No storage: milliseconds.
namespace
{
using Kind = ImportRecord::Kind;

ImportRecord counterpartyRecord(int line, const QString &name, const QString &taxCode, const QStringList &phones = {}, const QStringList &emails = {})
{
    ImportRecord r;
    r.kind = Kind::Counterparty;
    r.line = line;
    r.counterparty.name = name;
    r.counterparty.taxCode = taxCode;
    r.counterparty.phones = phones;
    r.counterparty.emails = emails;
    return r;
}

ImportRecord personRecord(int line, const QString &name, const QString &counterpartyRef, const QStringList &phones = {})
{
    ImportRecord r;
    r.kind = Kind::Person;
    r.line = line;
    r.person.name = name;
    r.person.phones = phones;
    r.counterpartyRef = counterpartyRef;
    return r;
}

ImportBatch file(const QList<ImportRecord> &records)
{
    return ImportBatch{u"clients.csv"_s, records, {}, {}};
}

Counterparty storedSunflower()
{
    Counterparty c;
    c.uid = u"urn:uuid:stored-sunflower"_s;
    c.name = u"ТОВ «Сонях Агро»"_s;
    c.taxCode = u"14360570"_s;
    c.phones = {u"+380 44 123-45-67"_s};
    c.note = u"Платить вчасно"_s;
    return c;
}
} // namespace

class ImportPlanTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldMergeTwoRecordsOfOneFileWithTheSameTaxCode()
    {
        // GIVEN an empty directory and a file naming one firm twice, with two phones
        const DirectoryIndex index;
        ImportReport report;
        ImportPlan plan(index, report);
        // WHEN it is planned
        plan.add(file({counterpartyRecord(2, u"Acme Trading"_s, u"00032112"_s, {u"+48 22 765 43 21"_s}),
                       counterpartyRecord(5, u"Acme Trading"_s, u"00032112"_s, {u"+48 22 111 22 33"_s})}));
        // THEN one new record carries both phones, and nothing is wrong
        QVERIFY(report.errors.isEmpty());
        QCOMPARE(plan.records().size(), 1);
        QCOMPARE(plan.records().constFirst().existingId, -1);
        QCOMPARE(plan.records().constFirst().counterparty.phones.size(), 2);
        QVERIFY(plan.existingIds().isEmpty());
    }

    void shouldRefuseASecondNameForTheSameTaxCode()
    {
        // GIVEN a file where lines 2 and 7 share a tax code under different names
        const DirectoryIndex index;
        ImportReport report;
        ImportPlan plan(index, report);
        plan.add(file({counterpartyRecord(2, u"Acme Trading"_s, u"00032112"_s), counterpartyRecord(7, u"Globex"_s, u"00032112"_s)}));
        // THEN line 2 is kept and line 7 is reported, naming the first
        QCOMPARE(plan.records().size(), 1);
        QCOMPARE(plan.records().constFirst().name, u"Acme Trading"_s);
        QCOMPARE(report.errors.size(), 1);
        QCOMPARE(report.errors.constFirst().line, 7);
        QVERIFY2(report.errors.constFirst().message.contains(u"Acme Trading"_s), qPrintable(report.errors.constFirst().message));
    }

    void shouldUpdateTheStoredRecordAndKeepWhatOnlyTheStoreHas()
    {
        // GIVEN a stored counterparty with a phone and a note
        DirectoryIndex index;
        const Counterparty stored = storedSunflower();
        index.insert(DirectoryEntry::from(stored, 41));
        ImportReport report;
        ImportPlan plan(index, report);
        // WHEN a file brings the same tax code with the phone in another notation and an e-mail
        plan.add(file({counterpartyRecord(3, u"ТОВ «Сонях Агро»"_s, u"14360570"_s, {u"044 123 45 67"_s}, {u"office@sonyakh.example"_s})}));
        QCOMPARE(plan.existingIds(), QList<qint64>{41});
        QCOMPARE(plan.records().constFirst().counterparty.uid, stored.uid);
        const auto merged = plan.merge(0, VCardMapping::toAddressee(stored));
        // THEN the vCard to write keeps the stored note and UID, has one phone and the new e-mail
        QVERIFY(merged.has_value());
        const Counterparty written = VCardMapping::counterpartyFrom(*merged);
        QCOMPARE(written.uid, stored.uid);
        QCOMPARE(written.note, stored.note);
        QCOMPARE(written.phones.size(), 1);
        QCOMPARE(written.emails, QStringList{u"office@sonyakh.example"_s});
    }

    void shouldWriteNothingWhenTheStoreAlreadySaysItAll()
    {
        DirectoryIndex index;
        const Counterparty stored = storedSunflower();
        index.insert(DirectoryEntry::from(stored, 41));
        ImportReport report;
        ImportPlan plan(index, report);
        plan.add(file({counterpartyRecord(3, stored.name, stored.taxCode, stored.phones)}));
        QVERIFY(!plan.merge(0, VCardMapping::toAddressee(stored)).has_value());
    }

    void shouldLinkAPersonToTheCounterpartyOfTheSameFile()
    {
        // GIVEN a file with a firm and a person naming it by its name, person first
        const DirectoryIndex index;
        ImportReport report;
        ImportPlan plan(index, report);
        plan.add(file({personRecord(3, u"Олена Коваль"_s, u"Acme Trading"_s), counterpartyRecord(2, u"Acme Trading"_s, u"00032112"_s)}));
        // THEN the person belongs to the firm, and its vCard carries the firm's name as ORG
        QVERIFY(report.errors.isEmpty());
        QCOMPARE(plan.records().size(), 2);
        const PlannedRecord &firm = plan.records().at(0);
        const PlannedRecord &person = plan.records().at(1);
        QCOMPARE(person.kind, Kind::Person);
        QVERIFY(!firm.counterparty.uid.isEmpty());
        QCOMPARE(person.person.counterpartyUid, firm.counterparty.uid);
        QVERIFY(plan.merge(0, {}).has_value());
        const auto vcard = plan.merge(1, {});
        QVERIFY(vcard.has_value());
        QCOMPARE(vcard->organization(), u"Acme Trading"_s);
    }

    void shouldRefuseAPersonWhoseCounterpartyNameIsAmbiguous()
    {
        // GIVEN two stored counterparties of the same name
        DirectoryIndex index;
        Counterparty a = storedSunflower();
        Counterparty b = storedSunflower();
        b.uid = u"urn:uuid:stored-sunflower-2"_s;
        b.taxCode = u"99999999"_s;
        index.insert(DirectoryEntry::from(a, 41));
        index.insert(DirectoryEntry::from(b, 42));
        ImportReport report;
        ImportPlan plan(index, report);
        // WHEN a person names the counterparty by that name
        plan.add(file({personRecord(4, u"Петро Мельник"_s, u"ТОВ «Сонях Агро»"_s)}));
        // THEN it is not planned, and the error lists both candidates by tax code
        QVERIFY(plan.records().isEmpty());
        QCOMPARE(report.errors.size(), 1);
        QCOMPARE(report.errors.constFirst().line, 4);
        QVERIFY(report.errors.constFirst().message.contains(u"14360570"_s));
        QVERIFY(report.errors.constFirst().message.contains(u"99999999"_s));
    }

    void shouldRecogniseARecordWithoutKeysByNameAndPhone()
    {
        // GIVEN a stored firm with no tax code or e-mail
        DirectoryIndex index;
        Counterparty stored;
        stored.uid = u"urn:uuid:stored-bakery"_s;
        stored.name = u"Пекарня Бабусі"_s;
        stored.phones = {u"+380 53 222 33 44"_s};
        index.insert(DirectoryEntry::from(stored, 77));
        ImportReport report;
        ImportPlan plan(index, report);
        // WHEN a file brings it again with the phone written another way
        plan.add(file({counterpartyRecord(2, u"Пекарня Бабусі"_s, {}, {u"0532223344"_s})}));
        // THEN it updates the stored one instead of adding a second
        QCOMPARE(plan.existingIds(), QList<qint64>{77});
    }
};

QTEST_GUILESS_MAIN(ImportPlanTest)

#include "importplantest.moc"
