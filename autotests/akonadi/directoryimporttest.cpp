// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "akonadi/directory.h"
#include "akonadi/directoryimporter.h"
#include "blocking/blockingstorage.h"
#include "crmtestutils.h"
#include "import/importsource.h"
#include "vcard/vcardmapping.h"

#include <Akonadi/Control>
#include <akonadi/qtest_akonadi.h>

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

class DirectoryImportTest : public QObject
{
    Q_OBJECT

private:
    Crm::Directory m_directory;

    /// As crmctl imports: the files read from disk a slice at a time.
    Crm::ImportReport importFiles(const QStringList &paths, bool employees = false, int sliceSize = 1000)
    {
        std::vector<std::unique_ptr<Crm::ImportSource>> sources;
        for (const QString &path : paths) {
            sources.push_back(Crm::ImportSource::fromFile(path, employees));
        }
        return Crm::importNow(m_directory, std::move(sources), sliceSize);
    }

    Crm::CounterpartyCard cardOf(const QString &taxCode)
    {
        const auto entries = m_directory.index().byTaxCode(taxCode);
        if (entries.size() != 1) {
            qWarning() << "expected one counterparty with tax code" << taxCode << "got" << entries.size();
            return {};
        }
        QString error;
        return Crm::cardNow(m_directory, entries.constFirst(), &error).value_or(Crm::CounterpartyCard{});
    }

    static QStringList lines(const QList<Crm::ImportProblem> &problems)
    {
        QStringList out;
        for (const Crm::ImportProblem &p : problems) {
            out << u"%1:%2"_s.arg(p.fileName).arg(p.line);
        }
        out.sort();
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        AkonadiTest::checkTestIsIsolated();
        QVERIFY(Akonadi::Control::start());
        QString error;
        QVERIFY2(Crm::openNow(m_directory, Crm::Directory::OpenMode::CreateIfMissing, &error), qPrintable(error));
    }

    void shouldImportTheSampleFilesWithPersonsLinkedToTheirCounterparties()
    {
        // GIVEN the demo's sample files: a 1C-style CSV in Ukrainian and vCard 4.0 in English
        // WHEN they are imported
        const Crm::ImportReport report = importFiles({CrmTest::sampleFile("counterparties-ua.csv"), CrmTest::sampleFile("counterparties-en.vcf")});
        // THEN every record is created and none is refused
        QVERIFY2(report.errors.isEmpty(), qPrintable(report.errors.isEmpty() ? QString() : report.errors.constFirst().toString()));
        QCOMPARE(report.created, 7 + 7 + 5 + 4);
        QCOMPARE(m_directory.counterparties().size(), 12);
        // AND persons named by name, short name or tax code hang off their counterparty
        const Crm::CounterpartyCard sonyakh = cardOf(u"32456711"_s);
        QCOMPARE(sonyakh.counterparty.name, u"ТОВ «Сонях Агро»"_s);
        QCOMPARE(sonyakh.persons.size(), 2);
        QCOMPARE(cardOf(u"21453786"_s).persons.size(), 1);
        QCOMPARE(cardOf(u"GB123456789"_s).persons.constFirst().name, u"John Carter"_s);
        // AND the lookups an employee needs while the phone rings answer
        QCOMPARE(m_directory.index().byPhone(u"(044) 123 45 67").constFirst().uid, sonyakh.counterparty.uid);
        QCOMPARE(m_directory.index().byPhone(u"0441234567").constFirst().uid, sonyakh.counterparty.uid);
        QCOMPARE(m_directory.index().byEmail(u"O.Petrenko@Sonyakh-Agro.ua").constFirst().counterpartyUid, sonyakh.counterparty.uid);
        QVERIFY(!m_directory.index().byNamePart(u"сонях").isEmpty());
        QVERIFY(!m_directory.index().byNamePart(u"NORTHWIND").isEmpty());
    }

    void shouldUpdateInsteadOfDuplicatingOnReimport()
    {
        // GIVEN the sample data already imported
        const auto before = CrmTest::snapshot(m_directory.collections().counterparties());
        // WHEN the same files are imported again
        const Crm::ImportReport again = importFiles({CrmTest::sampleFile("counterparties-ua.csv"), CrmTest::sampleFile("counterparties-en.vcf")});
        // THEN nothing is added and nothing changes
        QVERIFY2(again.errors.isEmpty(), qPrintable(again.errors.isEmpty() ? QString() : again.errors.constFirst().toString()));
        QCOMPARE(again.created, 0);
        QCOMPARE(again.updated, 0);
        QCOMPARE(again.unchanged, 23);
        QCOMPARE(CrmTest::snapshot(m_directory.collections().counterparties()), before);

        // WHEN a file with changes for a known tax code and person is imported
        const Crm::ImportReport changed = importFiles({CrmTest::dataFile("reimport-changed.csv")});
        // THEN those records are updated in place, merged with what was stored
        QVERIFY2(changed.errors.isEmpty(), qPrintable(changed.errors.isEmpty() ? QString() : changed.errors.constFirst().toString()));
        QCOMPARE(changed.created, 0);
        QCOMPARE(changed.updated, 2);
        QCOMPARE(CrmTest::snapshot(m_directory.collections().counterparties()).size(), before.size());
        const Crm::CounterpartyCard card = cardOf(u"32456711"_s);
        QCOMPARE(card.counterparty.phones, (QStringList{u"+380 44 123 00 99"_s, u"+380 44 123-45-67"_s}));
        QCOMPARE(card.counterparty.groups, (QStringList{u"VIP"_s, u"Клієнти"_s}));
        QCOMPARE(card.counterparty.emails, QStringList{u"info@sonyakh-agro.ua"_s});
        QCOMPARE(card.persons.size(), 2);
        for (const Crm::ContactPerson &p : card.persons) {
            if (p.name == u"Олена Петренко") {
                QCOMPARE(p.position, u"фінансовий директор"_s);
                QCOMPARE(p.birthday, QDate(1985, 3, 12));
            }
        }
    }

    void shouldImportTheGoodRecordsOfABrokenFileAndLeaveTheRestAsItWas()
    {
        // GIVEN the store as it is
        const auto before = CrmTest::snapshot(m_directory.collections().counterparties());
        // WHEN a file with good and bad records is imported
        const Crm::ImportReport report = importFiles({CrmTest::dataFile("broken.csv")});
        // THEN each bad record is reported with its line
        QCOMPARE(lines(report.errors), (QStringList{u"broken.csv:3"_s, u"broken.csv:4"_s, u"broken.csv:6"_s, u"broken.csv:7"_s}));
        // AND the good ones are stored: the new counterparty and its valid person
        QCOMPARE(report.created, 2);
        QCOMPARE(report.updated, 0);
        const Crm::CounterpartyCard zorya = cardOf(u"20112238"_s);
        QCOMPARE(zorya.counterparty.name, u"ТОВ «Нова Зоря»"_s);
        QCOMPARE(zorya.persons.size(), 1);
        QCOMPARE(zorya.persons.constFirst().name, u"Світлана Зоряна"_s);
        // AND every vCard that was there before is byte for byte the same
        const auto after = CrmTest::snapshot(m_directory.collections().counterparties());
        QCOMPARE(after.size(), before.size() + 2);
        for (auto it = before.cbegin(); it != before.cend(); ++it) {
            QCOMPARE(after.value(it.key()), it.value());
        }
    }

    void shouldImportEmployeesIntoTheirOwnAddressBook()
    {
        // WHEN the employees file is imported as employees
        const Crm::ImportReport report = importFiles({CrmTest::sampleFile("employees.vcf")}, true);
        // THEN they land in the employees address book, not among counterparties
        QVERIFY(report.errors.isEmpty());
        QCOMPARE(report.created, 3);
        QCOMPARE(CrmTest::snapshot(m_directory.collections().employees()).size(), 3);
        const auto found = m_directory.index().byEmail(u"emma@our-firm.example");
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.constFirst().kind, Crm::DirectoryEntry::Kind::Employee);
    }

    static QStringList personNames(const Crm::CounterpartyCard &card)
    {
        QStringList names;
        for (const Crm::ContactPerson &p : card.persons) {
            names << p.name;
        }
        return names;
    }

    void shouldLinkPersonsToCounterpartiesOfTheDirectoryByNameOrShortName()
    {
        // GIVEN the sample counterparties in the directory, and two that share a name
        const Crm::ImportReport twins = importFiles({CrmTest::dataFile("twins.csv")});
        QCOMPARE(twins.created, 2);
        // WHEN a 1C-style list of contact persons names their counterparties
        // by full name ("ТОВ «Полтавська пекарня»") or short name ("Карпатські ліки")
        const Crm::ImportReport report = importFiles({CrmTest::dataFile("persons-by-name.csv")});
        // THEN each person hangs off the counterparty of the directory it names
        QCOMPARE(report.created, 2);
        QVERIFY(personNames(cardOf(u"44128760"_s)).contains(u"Ірина Коваль"_s));
        QVERIFY(personNames(cardOf(u"40987654"_s)).contains(u"Петро Сидоренко"_s));
        // AND the person whose counterparty's name fits two is refused, with both listed
        QCOMPARE(lines(report.errors), QStringList{u"persons-by-name.csv:4"_s});
        const QString message = report.errors.constFirst().toString();
        QVERIFY2(message.contains(u"11111116"_s) && message.contains(u"22222221"_s), qPrintable(message));
    }

    void shouldReportTwoRecordsWithOneTaxCodeAndKeepTheFirst()
    {
        // WHEN a file holds two counterparties with one tax code under different names
        const Crm::ImportReport report = importFiles({CrmTest::dataFile("same-tax-code.csv")});
        // THEN the later one is reported with both lines and left out
        QCOMPARE(lines(report.errors), QStringList{u"same-tax-code.csv:3"_s});
        const QString message = report.errors.constFirst().toString();
        QVERIFY2(message.contains(u"line 2"_s) && message.contains(u"ТОВ «Ранок»"_s), qPrintable(message));
        // AND the first is stored as it is in the file, not renamed by the second
        QCOMPARE(report.created, 2);
        const Crm::CounterpartyCard first = cardOf(u"33333338"_s);
        QCOMPARE(first.counterparty.name, u"ТОВ «Ранок»"_s);
        QCOMPARE(first.counterparty.phones, QStringList{u"+380 44 700 00 01"_s});
    }

    void shouldImportAFileManySlicesLongAsIfItWereOne()
    {
        // GIVEN a file read two records at a time, where the persons come
        // before their counterparties, a counterparty comes back three slices
        // later with another phone and once more under another name, and a
        // row of a later slice is broken
        QTemporaryDir dir;
        const QString path = dir.filePath(u"sliced.csv"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            u"Найменування;Код ЄДРПОУ;Телефон;Електронна пошта;Контрагент;Посада\n"
            "Марта Лісова;;+380 67 500 00 01;marta@lis.ua;ТОВ «Лісовик»;директор\n"
            "Назар Лісовий;;+380 67 500 00 02;nazar@lis.ua;55500013;бухгалтер\n"
            "Олесь Польовий;;+380 67 500 00 03;oles@pole.ua;ТОВ «Поле»;менеджер\n"
            "\"ТОВ «Лісовик»\";55500013;+380 44 500 00 10;info@lis.ua;;\n"
            "\"ТОВ «Поле»\";55500027;+380 44 500 00 20;info@pole.ua;;\n"
            "Хтось Без Імені;;+380 67 500 00 04;not-an-email;;\n"
            "\"ТОВ «Лісовик»\";55500013;+380 44 500 00 11;;;\n"
            "\"ТОВ «Лісова Пісня»\";55500013;+380 44 500 00 12;;;\n"_s.toUtf8());
        file.close();
        // WHEN it is imported
        const Crm::ImportReport report = importFiles({path}, false, 2);
        // THEN the broken row is reported with its line in the file, and so
        // is a counterparty with a tax code of an earlier slice under another name
        QCOMPARE(lines(report.errors), (QStringList{u"sliced.csv:7"_s, u"sliced.csv:9"_s}));
        const QString twin = report.errors.constLast().toString();
        QVERIFY2(twin.contains(u"line 5"_s) && twin.contains(u"ТОВ «Лісовик»"_s), qPrintable(twin));
        // AND each counterparty is stored once, with the phones of both its rows
        QCOMPARE(report.created, 5);
        const Crm::CounterpartyCard lisovyk = cardOf(u"55500013"_s);
        QCOMPARE(lisovyk.counterparty.phones, (QStringList{u"+380 44 500 00 11"_s, u"+380 44 500 00 10"_s}));
        // AND the persons read before their counterparties hang off them
        QCOMPARE(personNames(lisovyk), (QStringList{u"Марта Лісова"_s, u"Назар Лісовий"_s}));
        QCOMPARE(personNames(cardOf(u"55500027"_s)), QStringList{u"Олесь Польовий"_s});

        // WHEN it is imported again
        const Crm::ImportReport again = importFiles({path}, false, 2);
        // THEN nothing is added
        QCOMPARE(again.created, 0);
        QCOMPARE(cardOf(u"55500013"_s).persons.size(), 2);
    }

    void shouldReportAFileThatIsNotThere()
    {
        const Crm::ImportReport report = importFiles({u"/nonexistent/clients.csv"_s});
        QCOMPARE(report.imported(), 0);
        QCOMPARE(report.errors.size(), 1);
        QVERIFY(report.errors.constFirst().toString().contains(u"does not exist"_s));
    }
};

QTEST_AKONADIMAIN(DirectoryImportTest)

#include "directoryimporttest.moc"
