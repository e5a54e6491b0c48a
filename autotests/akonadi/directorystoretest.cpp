// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "akonadi/directory.h"
#include "blocking/blockingstorage.h"
#include "crmtestutils.h"
#include "vcard/vcardmapping.h"

#include <Akonadi/Control>
#include <Akonadi/ItemDeleteJob>
#include <Akonadi/ItemModifyJob>
#include <akonadi/qtest_akonadi.h>

#include <QFile>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

class ItemStoreTest : public QObject
{
    Q_OBJECT

private:
    Crm::Counterparty fullCounterparty() const
    {
        Crm::Counterparty c;
        c.uid = Crm::newUid();
        c.name = u"ТОВ «Кам’янець Трейд» Повна"_s;
        c.shortName = u"Кам’янець Трейд"_s;
        c.taxCode = u"37123455"_s;
        c.phones = {u"+380 3849 2-11-00"_s, u"(067) 123 45 67"_s};
        c.emails = {u"trade@kamtrade.ua"_s, u"buh@kamtrade.ua"_s};
        c.addresses = {Crm::PostalAddress{u"вул. Соборна, 5"_s, u"Кам'янець-Подільський"_s, u"Хмельницька"_s, u"32300"_s, u"Україна"_s}};
        c.website = u"https://kamtrade.ua"_s;
        c.groups = {u"Клієнти"_s, u"Опт"_s};
        c.note = u"Два рядки,\nз комою; і крапкою з комою"_s;
        return c;
    }

    Akonadi::Item store(Crm::Directory &directory, const KContacts::Addressee &a, const Akonadi::Collection &collection)
    {
        const auto results =
            Crm::writeNow(directory.storage(), {{Crm::ItemStorage::withPayload(Akonadi::Item(), a, KContacts::Addressee::mimeType()), collection}});
        if (results.size() != 1 || !results[0].error.isEmpty()) {
            qWarning() << "write failed" << (results.isEmpty() ? QString() : results[0].error);
            return {};
        }
        return results[0].item;
    }

    KContacts::Addressee readBack(Crm::Directory &directory, Akonadi::Item::Id id)
    {
        const auto items = Crm::fetchNow(directory.storage(), {id});
        if (items.size() != 1 || !items[0].hasPayload<KContacts::Addressee>()) {
            return {};
        }
        return items[0].payload<KContacts::Addressee>();
    }

private Q_SLOTS:
    void initTestCase()
    {
        AkonadiTest::checkTestIsIsolated();
        QVERIFY(Akonadi::Control::start());
    }

    void shouldRefuseToOpenBeforeTheAddressBooksExist()
    {
        // GIVEN a fresh server
        Crm::Directory directory;
        QString error;
        // WHEN a read-only command opens the directory
        const bool opened = Crm::openNow(directory, Crm::Directory::OpenMode::Existing, &error);
        // THEN it says so instead of creating anything
        QVERIFY(!opened);
        QVERIFY(error.contains(u"do not exist"_s));
    }

    void shouldCreateAddressBooksOnFirstUseAndFindThemAgain()
    {
        // GIVEN a fresh server
        Crm::Directory first;
        QString error;
        // WHEN the CRM opens it for writing
        bool opened = false;
        first.open(Crm::Directory::OpenMode::CreateIfMissing, [&](const QString &e) {
            error = e;
            opened = true;
        });
        // THEN the call returns at once (a view keeps painting) and reports later
        QVERIFY(!opened);
        QTRY_VERIFY_WITH_TIMEOUT(opened, 60000);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        // THEN a "Personal Contacts" resource holds two address books of vCards
        const auto counterparties = first.collections().counterparties();
        const auto employees = first.collections().employees();
        QVERIFY(counterparties.isValid());
        QVERIFY(employees.isValid());
        QVERIFY(counterparties.id() != employees.id());
        QCOMPARE(counterparties.resource(), employees.resource());
        QVERIFY(counterparties.resource().startsWith(u"akonadi_contacts_resource"_s));
        QVERIFY(counterparties.contentMimeTypes().contains(KContacts::Addressee::mimeType()));

        // AND a second open finds the same ones instead of creating more
        Crm::Directory second;
        QVERIFY2(Crm::openNow(second, Crm::Directory::OpenMode::Existing, &error), qPrintable(error));
        QCOMPARE(second.collections().counterparties().id(), counterparties.id());
        QCOMPARE(second.collections().employees().id(), employees.id());
    }

    void shouldRoundTripEveryCounterpartyField()
    {
        // GIVEN a counterparty with every field set, Cyrillic included
        Crm::Directory directory;
        QString error;
        QVERIFY2(Crm::openNow(directory, Crm::Directory::OpenMode::CreateIfMissing, &error), qPrintable(error));
        const Crm::Counterparty c = fullCounterparty();
        // WHEN it is stored and read back from the server
        const Akonadi::Item item = store(directory, Crm::VCardMapping::toAddressee(c), directory.collections().counterparties());
        QVERIFY(item.isValid());
        const KContacts::Addressee back = readBack(directory, item.id());
        // THEN nothing is lost, and it is still an organisation (KIND:org)
        QCOMPARE(Crm::VCardMapping::kindOf(back), Crm::VCardMapping::RecordKind::Counterparty);
        const Crm::Counterparty read = Crm::VCardMapping::counterpartyFrom(back);
        QCOMPARE(read.uid, c.uid);
        QCOMPARE(read.name, c.name);
        QCOMPARE(read.shortName, c.shortName);
        QCOMPARE(read.taxCode, c.taxCode);
        QCOMPARE(read.phones, c.phones);
        QCOMPARE(read.emails, c.emails);
        QCOMPARE(read.addresses, c.addresses);
        QCOMPARE(read.website, c.website);
        QCOMPARE(read.groups, c.groups);
        QCOMPARE(read.note, c.note);
        QVERIFY(read == c);
        // AND the vCard the server keeps carries the CRM properties by name
        const QByteArray vcard = Crm::fetchNow(directory.storage(), {item.id()}).constFirst().payloadData();
        QVERIFY2(vcard.contains("X-KDE-CRM-TAXCODE:37123455"), vcard.constData());
        // Akonadi keeps vCard 3.0, which has no KIND: the organisation mark is
        // the X-ADDRESSBOOKSERVER-KIND that phones and CardDAV clients read.
        QVERIFY2(vcard.contains("X-ADDRESSBOOKSERVER-KIND:org"), vcard.constData());
        QVERIFY2(vcard.contains("CATEGORIES:"), vcard.constData());
    }

    void shouldRoundTripEveryContactPersonField()
    {
        // GIVEN a contact person of a stored counterparty
        Crm::Directory directory;
        QString error;
        QVERIFY2(Crm::openNow(directory, Crm::Directory::OpenMode::CreateIfMissing, &error), qPrintable(error));
        Crm::ContactPerson p;
        p.uid = Crm::newUid();
        p.counterpartyUid = u"urn:uuid:00000000-0000-4000-8000-000000000001"_s;
        p.name = u"Ґанна Їжакевич-Щербань"_s;
        p.position = u"головний бухгалтер"_s;
        p.phones = {u"+380 67 555 12 34"_s};
        p.emails = {u"hanna@example.ua"_s};
        p.birthday = QDate(1985, 3, 12);
        p.note = u"Дзвонити після 10:00"_s;
        // WHEN it is stored and read back
        const Akonadi::Item item = store(directory, Crm::VCardMapping::toAddressee(p, u"ТОВ «Приклад»"_s), directory.collections().counterparties());
        QVERIFY(item.isValid());
        const KContacts::Addressee back = readBack(directory, item.id());
        // THEN every field survives, and address books see where the person works
        QCOMPARE(Crm::VCardMapping::kindOf(back), Crm::VCardMapping::RecordKind::Person);
        QCOMPARE(Crm::VCardMapping::personFrom(back), p);
        QCOMPARE(back.organization(), u"ТОВ «Приклад»"_s);
        QCOMPARE(back.familyName(), u"Їжакевич-Щербань"_s);
    }

    void shouldKeepWhatOtherProgramsWroteWhenUpdating()
    {
        // GIVEN a counterparty that another program enriched with its own field
        Crm::Directory directory;
        QString error;
        QVERIFY2(Crm::openNow(directory, Crm::Directory::OpenMode::CreateIfMissing, &error), qPrintable(error));
        Crm::Counterparty c = fullCounterparty();
        KContacts::Addressee a = Crm::VCardMapping::toAddressee(c);
        a.insertCustom(u"KADDRESSBOOK"_s, u"BlogFeed"_s, u"https://kamtrade.ua/feed"_s);
        a.setGeo(KContacts::Geo(48.68f, 26.58f));
        Akonadi::Item item = store(directory, a, directory.collections().counterparties());
        QVERIFY(item.isValid());
        // WHEN the CRM changes its own fields on top of the stored vCard
        const KContacts::Addressee stored = readBack(directory, item.id());
        c.phones = {u"+380 44 000 00 01"_s};
        const auto written = Crm::writeNow(directory.storage(),
                                           {{Crm::ItemStorage::withPayload(Crm::fetchNow(directory.storage(), {item.id()}).constFirst(),
                                                                           Crm::VCardMapping::toAddressee(c, stored),
                                                                           KContacts::Addressee::mimeType()),
                                             {}}});
        QVERIFY2(written.constFirst().error.isEmpty(), qPrintable(written.constFirst().error));
        // THEN the other program's fields are still there
        const KContacts::Addressee back = readBack(directory, item.id());
        QCOMPARE(back.custom(u"KADDRESSBOOK"_s, u"BlogFeed"_s), u"https://kamtrade.ua/feed"_s);
        QVERIFY(back.geo().isValid());
        QCOMPARE(Crm::VCardMapping::counterpartyFrom(back).phones, c.phones);
    }

    void shouldSeeEditsAndDeletionsMadeElsewhereOnReopen()
    {
        // GIVEN a stored counterparty that the index knows
        Crm::Directory directory;
        QString error;
        QVERIFY2(Crm::openNow(directory, Crm::Directory::OpenMode::CreateIfMissing, &error), qPrintable(error));
        Crm::Counterparty c = fullCounterparty();
        c.taxCode = u"44128760"_s;
        c.phones = {u"+380 53 222 33 44"_s};
        c.emails = {u"hello@pekarnia.pl.ua"_s};
        const Akonadi::Item item = store(directory, Crm::VCardMapping::toAddressee(c), directory.collections().counterparties());
        QVERIFY(item.isValid());
        QVERIFY(Crm::waitForDone(
            [&](const Crm::DoneCallback &done) {
                directory.cache().refresh(done);
            },
            &error));
        QCOMPARE(directory.index().byPhone(u"0532223344").size(), 1);

        // WHEN another program (KAddressBook, a phone over CardDAV) changes its phone
        Akonadi::Item edited = Crm::fetchNow(directory.storage(), {item.id()}).constFirst();
        KContacts::Addressee a = edited.payload<KContacts::Addressee>();
        a.setPhoneNumbers({KContacts::PhoneNumber(u"+380 53 999 88 77"_s, KContacts::PhoneNumber::Work)});
        edited.setPayload(a);
        auto modify = new Akonadi::ItemModifyJob(edited);
        QVERIFY(modify->exec());

        // THEN a newly opened directory finds it by the new number only
        {
            Crm::Directory reopened;
            QVERIFY2(Crm::openNow(reopened, Crm::Directory::OpenMode::Existing, &error), qPrintable(error));
            QVERIFY(reopened.cache().lastStats().loadedFromFile);
            QCOMPARE(reopened.index().byPhone(u"(053) 999-88-77").size(), 1);
            QCOMPARE(reopened.index().byPhone(u"0532223344").size(), 0);
        }

        // WHEN it is deleted elsewhere
        auto remove = new Akonadi::ItemDeleteJob(Akonadi::Item(item.id()));
        QVERIFY(remove->exec());

        // THEN a newly opened directory no longer has it
        Crm::Directory reopened;
        QVERIFY2(Crm::openNow(reopened, Crm::Directory::OpenMode::Existing, &error), qPrintable(error));
        QVERIFY(!reopened.index().contains(item.id()));
        QCOMPARE(reopened.index().byTaxCode(u"44128760").size(), 0);
    }

    void shouldSurviveADamagedIndexFile()
    {
        // GIVEN an index file overwritten with garbage
        Crm::Directory directory;
        QString error;
        QVERIFY2(Crm::openNow(directory, Crm::Directory::OpenMode::Existing, &error), qPrintable(error));
        const int entries = directory.index().size();
        QVERIFY(entries > 0);
        QFile file(directory.cache().filePath());
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("CRMI\x00\x00\x00\x01garbage that is not an index", 40);
        file.close();
        // WHEN the directory is opened again
        Crm::Directory reopened;
        QVERIFY2(Crm::openNow(reopened, Crm::Directory::OpenMode::Existing, &error), qPrintable(error));
        // THEN it is rebuilt from Akonadi with nothing missing
        QCOMPARE(reopened.index().size(), entries);
    }
};

QTEST_AKONADIMAIN(ItemStoreTest)

#include "directorystoretest.moc"
