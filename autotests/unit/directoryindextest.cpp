// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "domain/directoryindex.h"
#include "domain/counterparty.h"
#include "domain/mappedfile.h"
#include "domain/packeddirectory.h"

#include <QBuffer>
#include <QDir>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>
#include <QtEndian>

using namespace Qt::Literals::StringLiterals;
using namespace Crm;

namespace
{
Counterparty sunflower()
{
    Counterparty c;
    c.uid = u"urn:uuid:0d6e8c1e-5a4f-4c1a-9e0b-000000000001"_s;
    c.name = u"ТОВ «Сонях Агро»"_s;
    c.shortName = u"Сонях"_s;
    c.taxCode = u"14360570"_s;
    c.phones = {u"+380 44 123-45-67"_s};
    c.emails = {u"Office@Sonyakh.example"_s};
    c.groups = {u"Постачальники"_s};
    return c;
}

Counterparty acme()
{
    Counterparty c;
    c.uid = u"urn:uuid:0d6e8c1e-5a4f-4c1a-9e0b-000000000002"_s;
    c.name = u"Acme Trading Ltd"_s;
    c.taxCode = u"00032112"_s;
    c.phones = {u"+48 22 765 43 21"_s};
    c.emails = {u"sales@acme.example"_s};
    return c;
}

ContactPerson petrenko()
{
    ContactPerson p;
    p.uid = u"urn:uuid:0d6e8c1e-5a4f-4c1a-9e0b-000000000003"_s;
    p.counterpartyUid = sunflower().uid;
    p.name = u"Іван Петренко"_s;
    p.phones = {u"(067) 555 12 34"_s};
    p.emails = {u"ivan@sonyakh.example"_s};
    return p;
}

DirectoryIndex sampleIndex()
{
    DirectoryIndex index;
    index.insert(DirectoryEntry::from(sunflower(), 1));
    index.insert(DirectoryEntry::from(acme(), 2));
    index.insert(DirectoryEntry::from(petrenko(), 3));
    return index;
}

/// @p n counterparties and persons named from a few syllables, item ids 1…n.
QList<DirectoryEntry> manyNamedEntries(int n)
{
    const QStringList syllables = {u"Ко"_s, u"валь"_s, u"чук"_s, u"Сун"_s, u"Ова"_s, u"ї"_s, u"sun"_s, u"ova"_s, u"Agro"_s, u"енко"_s, u" "_s};
    QRandomGenerator rng(n);
    QList<DirectoryEntry> out;
    for (int id = 1; id <= n; ++id) {
        QString name;
        for (int k = 0, parts = 2 + rng.bounded(4); k < parts; ++k) {
            name += syllables.at(rng.bounded(syllables.size()));
        }
        name += u' ' + QString::number(rng.bounded(1000));
        if (id % 4) {
            Counterparty c;
            c.uid = u"urn:uuid:many-%1"_s.arg(id);
            c.name = name;
            c.shortName = id % 3 ? QString() : name.left(5);
            out << DirectoryEntry::from(c, id);
        } else {
            ContactPerson p;
            p.uid = u"urn:uuid:many-%1"_s.arg(id);
            p.counterpartyUid = u"urn:uuid:many-%1"_s.arg(id - 1);
            p.name = name;
            out << DirectoryEntry::from(p, id);
        }
    }
    return out;
}

QList<qint64> ids(const QList<DirectoryEntry> &entries)
{
    QList<qint64> out;
    for (const DirectoryEntry &e : entries) {
        out << e.itemId;
    }
    std::sort(out.begin(), out.end());
    return out;
}

QList<qint64> ids(const QList<DirectoryIndex::Hit> &hits)
{
    QList<qint64> out;
    for (const DirectoryIndex::Hit &h : hits) {
        out << h.entry.itemId;
    }
    return out;
}
} // namespace

class DirectoryIndexTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shouldFindCounterpartyByPhoneInAnyNotation_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::newRow("as stored") << u"+380 44 123-45-67"_s;
        QTest::newRow("national") << u"(044) 123 45 67"_s;
        QTest::newRow("digits only") << u"0441234567"_s;
        QTest::newRow("without plus") << u"380441234567"_s;
        QTest::newRow("00 prefix") << u"00380441234567"_s;
    }
    void shouldFindCounterpartyByPhoneInAnyNotation()
    {
        // GIVEN
        QFETCH(QString, typed);
        const DirectoryIndex index = sampleIndex();
        // WHEN
        const QList<DirectoryEntry> byPhone = index.byPhone(typed);
        const QList<DirectoryIndex::Hit> found = index.find(typed);
        // THEN
        QCOMPARE(ids(byPhone), QList<qint64>{1});
        QCOMPARE(ids(found), QList<qint64>{1});
        QCOMPARE(found.first().match, DirectoryIndex::Match::Phone);
    }

    void shouldNotConfuseNumbersOfOtherCountries()
    {
        // GIVEN
        DirectoryIndex index = sampleIndex();
        Counterparty twin = acme();
        twin.uid = u"urn:uuid:twin"_s;
        twin.phones = {u"+48 44 123 45 67"_s}; // same last nine digits as Sonyakh
        index.insert(DirectoryEntry::from(twin, 9));
        // WHEN
        const QList<DirectoryEntry> found = index.byPhone(u"(044) 123 45 67");
        // THEN
        QCOMPARE(ids(found), QList<qint64>{1});
    }

    void shouldFindACounterpartyByItsExactNameOrShortName()
    {
        const DirectoryIndex index = sampleIndex();
        QCOMPARE(ids(index.byExactName(u"ТОВ \"Сонях Агро\"")), QList<qint64>{1});
        QCOMPARE(ids(index.byExactName(u"сонях")), QList<qint64>{1});
        QCOMPARE(ids(index.byExactName(u"ACME trading ltd")), QList<qint64>{2});
        QVERIFY(index.byExactName(u"Сонях Агро Сонях").isEmpty());
    }

    void shouldKeepEachNameAsItsOwnKey()
    {
        // A list, not one string joined with " | ": each name once, the name first
        QCOMPARE(DirectoryEntry::from(sunflower(), 1).nameKeys, (QStringList{u"тов сонях агро"_s, u"сонях"_s}));
        Counterparty same = acme();
        same.shortName = u"ACME Trading Ltd"_s;
        QCOMPARE(DirectoryEntry::from(same, 2).nameKeys, QStringList{u"acme trading ltd"_s});
        Counterparty onlyShort = acme();
        onlyShort.name.clear();
        onlyShort.shortName = u"Acme"_s;
        QCOMPARE(DirectoryEntry::from(onlyShort, 2).nameKeys, QStringList{u"acme"_s});
        QCOMPARE(DirectoryEntry::from(petrenko(), 3).nameKeys, QStringList{u"іван петренко"_s});
    }

    void shouldFindByEmailCaseInsensitively()
    {
        // GIVEN
        const DirectoryIndex index = sampleIndex();
        // WHEN
        const QList<DirectoryIndex::Hit> found = index.find(u"office@SONYAKH.example");
        // THEN
        QCOMPARE(ids(found), QList<qint64>{1});
        QCOMPARE(found.first().match, DirectoryIndex::Match::Email);
    }

    void shouldFindByTaxCodeWithSpaces()
    {
        // GIVEN
        const DirectoryIndex index = sampleIndex();
        // WHEN
        const QList<DirectoryEntry> byCode = index.byTaxCode(u"0003 2112");
        const QList<DirectoryIndex::Hit> found = index.find(u"14360570");
        // THEN
        QCOMPARE(ids(byCode), QList<qint64>{2});
        QCOMPARE(ids(found), QList<qint64>{1});
        QCOMPARE(found.first().match, DirectoryIndex::Match::TaxCode);
    }

    void shouldFindByNamePartsCaseInsensitively_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QList<qint64>>("expected");
        QTest::newRow("cyrillic lower case") << u"сонях"_s << QList<qint64>{1};
        QTest::newRow("cyrillic upper case") << u"АГРО"_s << QList<qint64>{1};
        QTest::newRow("with quotes") << u"«Сонях"_s << QList<qint64>{1};
        QTest::newRow("person family name") << u"петренко"_s << QList<qint64>{3};
        QTest::newRow("latin") << u"acme"_s << QList<qint64>{2};
        QTest::newRow("latin mixed case part") << u"TRADING"_s << QList<qint64>{2};
        QTest::newRow("nothing") << u"Зоря"_s << QList<qint64>{};
    }
    void shouldFindByNamePartsCaseInsensitively()
    {
        // GIVEN
        QFETCH(QString, typed);
        QFETCH(QList<qint64>, expected);
        const DirectoryIndex index = sampleIndex();
        // WHEN
        const QList<DirectoryIndex::Hit> found = index.find(typed);
        // THEN
        QCOMPARE(ids(found), expected);
        for (const DirectoryIndex::Hit &h : found) {
            QCOMPARE(h.match, DirectoryIndex::Match::Name);
        }
    }

    void shouldFindByUidWithOrWithoutPrefix()
    {
        // GIVEN
        const DirectoryIndex index = sampleIndex();
        // WHEN
        const QList<DirectoryIndex::Hit> full = index.find(petrenko().uid);
        const QList<DirectoryIndex::Hit> bare = index.find(u"0d6e8c1e-5a4f-4c1a-9e0b-000000000003");
        // THEN
        QCOMPARE(ids(full), QList<qint64>{3});
        QCOMPARE(ids(bare), QList<qint64>{3});
        QCOMPARE(bare.first().match, DirectoryIndex::Match::Uid);
    }

    void shouldListPersonsOfCounterparty()
    {
        // GIVEN
        const DirectoryIndex index = sampleIndex();
        // WHEN
        const QList<DirectoryEntry> persons = index.personsOf(sunflower().uid);
        // THEN
        QCOMPARE(ids(persons), QList<qint64>{3});
    }

    void shouldForgetAllKeysOfRemovedEntry()
    {
        // GIVEN
        DirectoryIndex index = sampleIndex();
        // WHEN
        index.remove(1);
        // THEN
        QCOMPARE(index.size(), 2);
        QVERIFY(!index.contains(1));
        QVERIFY(index.byPhone(u"0441234567").isEmpty());
        QVERIFY(index.byEmail(u"office@sonyakh.example").isEmpty());
        QVERIFY(index.byTaxCode(u"14360570").isEmpty());
        QVERIFY(index.byUid(sunflower().uid).isEmpty());
        QVERIFY(index.byNamePart(u"сонях").isEmpty());
    }

    void shouldReplaceEntryWithSameItemId()
    {
        // GIVEN
        DirectoryIndex index = sampleIndex();
        Counterparty renamed = sunflower();
        renamed.name = u"ТОВ «Зоря»"_s;
        renamed.shortName.clear();
        renamed.phones = {u"+380 32 222 33 44"_s};
        // WHEN
        index.insert(DirectoryEntry::from(renamed, 1));
        // THEN
        QCOMPARE(index.size(), 3);
        QVERIFY(index.byPhone(u"0441234567").isEmpty());
        QCOMPARE(ids(index.byPhone(u"032 222 33 44")), QList<qint64>{1});
        QCOMPARE(ids(index.byNamePart(u"зоря")), QList<qint64>{1});
        QVERIFY(index.byNamePart(u"сонях").isEmpty());
    }

    void shouldSurviveDataStreamRoundTrip()
    {
        // GIVEN
        const DirectoryIndex index = sampleIndex();
        QByteArray bytes;
        {
            QDataStream out(&bytes, QIODevice::WriteOnly);
            out << index;
        }
        // WHEN
        DirectoryIndex restored;
        QDataStream in(bytes);
        in >> restored;
        // THEN
        QCOMPARE(in.status(), QDataStream::Ok);
        QCOMPARE(restored.size(), index.size());
        for (const DirectoryEntry &e : index.entries()) {
            QVERIFY(restored.entry(e.itemId));
            QCOMPARE(*restored.entry(e.itemId), e);
        }
        QCOMPARE(ids(restored.byPhone(u"(044) 123 45 67")), QList<qint64>{1});
        QCOMPARE(ids(restored.byNamePart(u"петренко")), QList<qint64>{3});
        QCOMPARE(ids(restored.personsOf(sunflower().uid)), QList<qint64>{3});
    }

    void shouldAnswerFromThePackedFileAndTheChangesBesideIt()
    {
        // GIVEN an index read from its packed form
        DirectoryIndex index;
        QVERIFY(index.fromCompact(sampleIndex().toCompact()));
        Counterparty renamed = sunflower();
        renamed.phones = {u"+380 32 222 33 44"_s};
        renamed.taxCode = u"99999999"_s;
        for (int round = 0; round < 3; ++round) {
            // THEN every answer follows the change, whether it is kept
            // beside the packed entries (round 1) or packed with them (round 2)
            const bool changed = round > 0;
            QCOMPARE(ids(index.byPhone(u"(044) 123 45 67")), changed ? QList<qint64>{} : QList<qint64>{1});
            QCOMPARE(ids(index.byTaxCode(u"14360570")), changed ? QList<qint64>{} : QList<qint64>{1});
            QCOMPARE(ids(index.byUid(sunflower().uid)), QList<qint64>{1});
            QCOMPARE(ids(index.byEmail(u"IVAN@sonyakh.example")), QList<qint64>{3});
            QCOMPARE(ids(index.personsOf(sunflower().uid)), QList<qint64>{3});
            QCOMPARE(index.firstByUid(petrenko().uid)->itemId, 3);
            QCOMPARE(ids(index.byPhone(u"032 222 33 44")), changed ? QList<qint64>{1} : QList<qint64>{});
            QCOMPARE(ids(index.byTaxCode(u"99999999")), changed ? QList<qint64>{1} : QList<qint64>{});
            QCOMPARE(ids(index.byNamePart(u"сонях")), QList<qint64>{1});
            QCOMPARE(index.size(), 3);
            // WHEN the counterparty changes its phone and tax code
            if (round == 0) {
                index.insert(DirectoryEntry::from(renamed, 1));
            }
            // AND then so many others come that the changes are packed in
            if (round == 1) {
                for (qint64 id = 1000; id < 4000; ++id) {
                    Counterparty other;
                    other.uid = u"other-%1"_s.arg(id);
                    other.name = u"Інша фірма %1"_s.arg(id);
                    index.insert(DirectoryEntry::from(other, id));
                }
                for (qint64 id = 1000; id < 4000; ++id) {
                    index.remove(id);
                }
            }
        }
        // AND a packed entry removed is gone from every lookup
        index.remove(3);
        QVERIFY(!index.contains(3));
        QVERIFY(index.byEmail(u"ivan@sonyakh.example").isEmpty());
        QVERIFY(index.personsOf(sunflower().uid).isEmpty());
        QVERIFY(index.byNamePart(u"петренко").isEmpty());
        QCOMPARE(index.size(), 2);
    }

    void shouldPackTheChangesBesideThePackedEntriesAsIfPackedAtOnce()
    {
        // GIVEN an index with packed entries (ids 10, 20, ... 2000) and
        // changes beside them: new ids between and after them, a packed
        // entry replaced and one removed
        DirectoryIndex index;
        {
            DirectoryIndex packed;
            for (qint64 id = 10; id <= 2000; id += 10) {
                Counterparty c;
                c.uid = u"packed-%1"_s.arg(id);
                c.name = u"Фірма %1"_s.arg(id);
                c.phones = {u"+380 44 000 %1"_s.arg(id, 4, 10, QLatin1Char('0'))};
                packed.insert(DirectoryEntry::from(c, id));
            }
            QVERIFY(index.fromCompact(packed.toCompact()));
        }
        for (qint64 id = 5; id <= 2105; id += 20) {
            ContactPerson p;
            p.uid = u"change-%1"_s.arg(id);
            p.counterpartyUid = u"packed-%1"_s.arg(id + 5);
            p.name = u"Особа %1"_s.arg(id);
            index.insert(DirectoryEntry::from(p, id));
        }
        Counterparty replaced;
        replaced.uid = u"packed-500"_s;
        replaced.name = u"Нова назва"_s;
        index.insert(DirectoryEntry::from(replaced, 500));
        index.remove(700);
        // WHEN it is packed for its file, entry by entry
        const QByteArray packed = index.toCompact();
        // THEN the block is the one packing every entry at once gives
        QCOMPARE(packed, PackedDirectory::pack(index.entries()));
        DirectoryIndex reopened;
        QVERIFY(reopened.fromCompact(packed));
        QCOMPARE(reopened.size(), 200 + 106 - 1);
        QCOMPARE(reopened.entry(500)->displayName, u"Нова назва"_s);
        QVERIFY(!reopened.contains(700));
        QCOMPARE(ids(reopened.personsOf(u"packed-30"_s)), QList<qint64>{25});
    }

    void shouldAnswerAsAPlainModelThroughManyPackings()
    {
        // GIVEN an index and a plain model of it (id -> entry), and 200,000
        // random inserts, replacements and removals over 120,000 ids: enough
        // for the changes to be packed many times into the recent block and
        // the recent block several times into the base
        DirectoryIndex index;
        QHash<qint64, DirectoryEntry> model;
        QRandomGenerator random(17);
        auto entryFor = [&random](qint64 id) {
            const int variant = int(random.bounded(4));
            if (id % 3 == 0) {
                Counterparty c;
                c.uid = u"cp-%1"_s.arg(id);
                c.name = u"Фірма %1 варіант %2"_s.arg(id).arg(variant);
                c.taxCode = QString::number(10000000 + id * 10 + variant);
                c.phones = {u"+380 44 %1"_s.arg(1000000 + id * 4 + variant)};
                return DirectoryEntry::from(c, id);
            }
            ContactPerson p;
            p.uid = u"p-%1"_s.arg(id);
            p.counterpartyUid = u"cp-%1"_s.arg(id / 3 * 3);
            p.name = u"Особа %1 %2"_s.arg(id).arg(variant);
            p.emails = {u"p%1.%2@firm.example"_s.arg(id).arg(variant)};
            return DirectoryEntry::from(p, id);
        };
        auto check = [&](qint64 probe) {
            QCOMPARE(index.size(), model.size());
            for (qint64 id = probe; id < probe + 30; ++id) {
                const auto found = index.entry(id);
                QCOMPARE(found.has_value(), model.contains(id));
                if (found) {
                    QCOMPARE(*found, model.value(id));
                    const DirectoryEntry &e = model.value(id);
                    QCOMPARE(ids(index.byUid(e.uid)), QList<qint64>{id});
                    QCOMPARE(ids(index.byExactName(e.displayName)), QList<qint64>{id});
                    if (!e.taxCode.isEmpty()) {
                        QCOMPARE(ids(index.byTaxCode(e.taxCode)), QList<qint64>{id});
                        QCOMPARE(ids(index.byPhone(e.phones.constFirst())), QList<qint64>{id});
                    } else {
                        QCOMPARE(ids(index.byEmail(e.emails.constFirst())), QList<qint64>{id});
                    }
                } else {
                    QVERIFY(index.byUid(u"cp-%1"_s.arg(id)).isEmpty() && index.byUid(u"p-%1"_s.arg(id)).isEmpty());
                }
            }
            QList<qint64> persons;
            for (const DirectoryEntry &e : std::as_const(model)) {
                if (e.counterpartyUid == u"cp-%1"_s.arg(probe / 3 * 3)) {
                    persons << e.itemId;
                }
            }
            std::sort(persons.begin(), persons.end());
            QCOMPARE(ids(index.personsOf(u"cp-%1"_s.arg(probe / 3 * 3))), persons);
        };
        for (int step = 1; step <= 200000; ++step) {
            // WHEN it changes
            const qint64 id = 1 + qint64(random.bounded(120000));
            if (random.bounded(5) == 0) {
                index.remove(id);
                model.remove(id);
            } else {
                const DirectoryEntry e = entryFor(id);
                index.insert(e);
                model.insert(id, e);
            }
            // THEN it answers as the model does, between packings and across them
            if (step % 4999 == 0) {
                check(1 + qint64(random.bounded(119970)));
            }
        }
        // AND its packed form holds exactly the model's entries
        DirectoryIndex reopened;
        QVERIFY(reopened.fromCompact(index.toCompact()));
        QList<DirectoryEntry> expected = model.values();
        QCOMPARE(reopened.toCompact(), PackedDirectory::pack(expected));
    }

    void shouldReadItsFormWhereItLiesInAMappedFile()
    {
        // GIVEN an index written to a file through writeCompact()
        QTemporaryDir dir;
        const QString path = dir.filePath(u"index.bin"_s);
        const DirectoryIndex written = sampleIndex();
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            QDataStream out(&file);
            written.writeCompact(out);
        }
        // WHEN the file is mapped and the form read where it lies (past
        // QDataStream's 4-byte size)
        DirectoryIndex index;
        {
            const auto mapped = MappedFile::open(path);
            QVERIFY(mapped);
            QVERIFY(index.fromCompact(mapped, mapped->bytes().sliced(4)));
        } // the index keeps the mapping
        // THEN it answers as the index written, also after its pages were let go
        index.releasePages();
        QCOMPARE(ids(index.byPhone(u"(044) 123 45 67")), QList<qint64>{1});
        QCOMPARE(ids(index.byNamePart(u"петренко")), QList<qint64>{3});
        QCOMPARE(index.entries().size(), 3);
        // AND written again without a change it is the same form, and a
        // change is packed in
        QByteArray again;
        {
            QDataStream out(&again, QIODevice::WriteOnly);
            index.writeCompact(out);
        }
        QCOMPARE(again.sliced(4), written.toCompact());
        index.remove(2);
        QCOMPARE(index.toCompact(), PackedDirectory::pack({DirectoryEntry::from(sunflower(), 1), DirectoryEntry::from(petrenko(), 3)}));
        // AND a form cut short in its file is refused
        const auto mapped = MappedFile::open(path);
        QVERIFY(!index.fromCompact(mapped, mapped->bytes().sliced(4, mapped->bytes().size() - 5)));
        QCOMPARE(index.size(), 0);
    }

    void shouldPackIntoAFileWhatItWouldPackInMemory()
    {
        // GIVEN 30,000 entries, and an index that packs itself into files
        // in a spool folder
        QTemporaryDir spool;
        DirectoryIndex index;
        index.setSpoolFolder(spool.path());
        QList<DirectoryEntry> all;
        for (qint64 id = 1; id <= 30000; ++id) {
            Counterparty c;
            c.uid = u"cp-%1"_s.arg(id);
            c.name = u"Фірма №%1"_s.arg(id);
            c.taxCode = QString::number(20000000 + id);
            c.phones = {u"+380 44 %1"_s.arg(2000000 + id)};
            c.groups = {id % 2 ? u"Клієнти"_s : u"Постачальники"_s};
            all << DirectoryEntry::from(c, id);
        }
        // WHEN they come one at a time, as an import brings them, and some change again
        for (const DirectoryEntry &e : std::as_const(all)) {
            index.insert(e);
        }
        for (qint64 id = 100; id <= 30000; id += 100) {
            all[id - 1].displayName = u"Перейменована %1"_s.arg(id);
            index.insert(all.at(id - 1));
        }
        index.remove(7);
        all.removeAt(6);
        // THEN every answer is there, its block is the one packed in memory,
        // and no file is left in the folder (the block's file is unlinked
        // once mapped)
        QCOMPARE(index.size(), 29999);
        QCOMPARE(ids(index.byPhone(u"044 200 12 34")), QList<qint64>{1234});
        QCOMPARE(index.entry(2500)->displayName, u"Перейменована 2500"_s);
        QVERIFY(!index.contains(7));
        QCOMPARE(index.toCompact(), PackedDirectory::pack(all));
        QCOMPARE(QDir(spool.path()).entryList(QDir::Files), QStringList{});
        // AND packing into a file through a spool gives the same bytes as in memory
        QTemporaryFile file(spool.filePath(u"block-XXXXXX"_s));
        QVERIFY(file.open());
        QVERIFY(PackedDirectory::pack(
            all.size(),
            [&all](qsizetype i) {
                return all.at(i);
            },
            &file,
            spool.path()));
        QVERIFY(file.seek(0));
        QCOMPARE(file.readAll(), PackedDirectory::pack(all));
    }

    void shouldFindNamePartsThroughTheTrigramsAsAScanWould()
    {
        // GIVEN 3,000 entries with names made of a few syllables, Cyrillic
        // and Latin, so that some parts are rare and some are everywhere
        const QList<DirectoryEntry> all = manyNamedEntries(3000);
        PackedDirectory packed;
        QVERIFY(packed.open(PackedDirectory::pack(all)));
        auto holding = [&all](const QByteArray &needle) {
            QList<int> out;
            for (int r = 0; r < all.size(); ++r) {
                const QStringList &keys = all.at(r).nameKeys;
                if (std::any_of(keys.cbegin(), keys.cend(), [&needle](const QString &k) {
                        return k.toUtf8().contains(needle);
                    })) {
                    out << r;
                }
            }
            return out;
        };
        // WHEN searched by parts of names of every length, whole names,
        // parts that cut a Cyrillic letter in two, and parts no name holds
        QRandomGenerator rng(17);
        QList<QByteArray> needles = {"ко", "ковальчук", "zz", "ova", "щщщ", "qzx", "sun 1", "ї", "1", "12", "123", "\xd0", "\xba\xd0\xbe"};
        for (int i = 0; i < 400; ++i) {
            const QByteArray name = all.at(rng.bounded(all.size())).nameKeys.constFirst().toUtf8();
            const int from = rng.bounded(name.size());
            needles << name.mid(from, 1 + rng.bounded(qMin<int>(12, name.size() - from)));
        }
        // THEN each finds exactly the records whose names hold it, in order
        int rare = 0;
        for (const QByteArray &needle : std::as_const(needles)) {
            const QList<int> expected = holding(needle);
            QCOMPARE(packed.recordsByNamePart(needle), expected);
            rare += !expected.isEmpty() && expected.size() < all.size() / 16;
        }
        QVERIFY(rare > 100); // the trigram table, not only the scan, answered
    }

    void shouldRefuseADamagedTrigramTable()
    {
        // GIVEN a packed block and where its trigram table lies
        const QByteArray bytes = PackedDirectory::pack(manyNamedEntries(200));
        const quint32 gramCount = qFromLittleEndian<quint32>(bytes.constData() + 16 + 4 * PackedDirectory::KeyCount);
        const quint32 postingsSize = qFromLittleEndian<quint32>(bytes.constData() + 20 + 4 * PackedDirectory::KeyCount);
        QVERIFY(gramCount > 100);
        const qsizetype table = bytes.size() - postingsSize - qsizetype(gramCount) * 12;
        // WHEN two grams are out of order, a gram's records lie past the
        // postings, or it claims more records than the block holds
        QByteArray unsorted = bytes;
        std::copy_n(bytes.constData() + table + 12, 4, unsorted.data() + table);
        QByteArray outside = bytes;
        qToLittleEndian<quint32>(postingsSize, outside.data() + table + 12 * 5 + 4);
        QByteArray tooMany = bytes;
        qToLittleEndian<quint32>(201, tooMany.data() + table + 12 * 7 + 8);
        // THEN each is refused, and the block as packed is not
        PackedDirectory packed;
        QVERIFY(!packed.open(unsorted));
        QVERIFY(!packed.open(outside));
        QVERIFY(!packed.open(tooMany));
        QVERIFY(packed.open(bytes));
        QCOMPARE(packed.size(), 200);
    }

    void shouldAnswerOnlyHoldersFromDamagedPostings()
    {
        // Postings are not read at open (that would read all of them): each
        // byte changed in turn, a search still finds only records that hold
        // what was asked, and reads nothing outside the block.
        const QList<DirectoryEntry> all = manyNamedEntries(200);
        const QByteArray bytes = PackedDirectory::pack(all);
        const quint32 postingsSize = qFromLittleEndian<quint32>(bytes.constData() + 20 + 4 * PackedDirectory::KeyCount);
        for (qsizetype at = bytes.size() - postingsSize; at < bytes.size(); ++at) {
            for (const char value : {char(0xff), char(0x80), char(0)}) {
                QByteArray damaged = bytes;
                damaged[at] = value;
                PackedDirectory packed;
                QVERIFY(packed.open(damaged));
                for (const QByteArray needle : {"sun", "ков", "ова 1"}) {
                    for (const int r : packed.recordsByNamePart(needle)) {
                        QVERIFY(r >= 0 && r < all.size());
                        QVERIFY(packed.entryAt(r).nameKeys.join(u'\n').toUtf8().contains(needle));
                    }
                }
            }
        }
    }

    void shouldNeverReadADamagedPackedFormAsData()
    {
        // Each byte of the packed form changed in turn: the form is refused,
        // or what it answers stays within it (no crash, no read outside).
        const QByteArray bytes = sampleIndex().toCompact();
        int refused = 0;
        for (qsizetype at = 0; at < bytes.size(); ++at) {
            for (const char value : {char(0xff), char(0x7f), char(0)}) {
                QByteArray damaged = bytes;
                if (damaged[at] == value) {
                    continue;
                }
                damaged[at] = value;
                DirectoryIndex restored;
                if (!restored.fromCompact(damaged)) {
                    ++refused;
                    QCOMPARE(restored.size(), 0);
                    continue;
                }
                for (const DirectoryEntry &e : restored.entries()) {
                    restored.byUid(e.uid);
                    restored.byNamePart(e.displayName.left(3));
                }
                restored.byPhone(u"0441234567");
                restored.find(u"сон");
            }
        }
        QVERIFY(refused > 0);
    }

    void shouldRefuseACutCompactForm()
    {
        const QByteArray bytes = sampleIndex().toCompact();
        for (qsizetype size = 0; size < bytes.size(); ++size) {
            DirectoryIndex restored;
            QVERIFY(!restored.fromCompact(bytes.first(size)));
            QCOMPARE(restored.size(), 0);
        }
        DirectoryIndex restored;
        QVERIFY(restored.fromCompact(bytes));
        QCOMPARE(restored.size(), 3);
        for (const DirectoryEntry &e : sampleIndex().entries()) {
            QCOMPARE(*restored.entry(e.itemId), e);
        }
    }

    void shouldRejectCorruptStream()
    {
        // GIVEN
        QByteArray bytes;
        {
            QDataStream out(&bytes, QIODevice::WriteOnly);
            out << quint32(1) << qint64(5) << quint8(42); // a kind that does not exist
        }
        // WHEN
        DirectoryIndex restored;
        QDataStream in(bytes);
        in >> restored;
        // THEN
        QVERIFY(in.status() != QDataStream::Ok);
        QCOMPARE(restored.size(), 0);
    }
};

QTEST_GUILESS_MAIN(DirectoryIndexTest)
#include "directoryindextest.moc"
