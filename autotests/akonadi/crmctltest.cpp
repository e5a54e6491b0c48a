// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "blocking/blockingstorage.h"
#include "crmtestutils.h"

#include <Akonadi/Control>
#include <Akonadi/ItemCreateJob>
#include <akonadi/qtest_akonadi.h>

#include <KMime/Message>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

/// crmctl as a user runs it, against the test's own Akonadi server.
class CrmctlTest : public QObject
{
    Q_OBJECT

private:
    CrmTest::CrmctlRun crmctl(const QStringList &args)
    {
        return CrmTest::crmctl(args);
    }

private Q_SLOTS:
    void initTestCase()
    {
        AkonadiTest::checkTestIsIsolated();
        QVERIFY(Akonadi::Control::start());
    }

    void shouldSayWhatIsMissingBeforeAnythingIsImported()
    {
        const CrmTest::CrmctlRun run = crmctl({u"card"_s, u"Acme"_s});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"do not exist"_s), qPrintable(run.err));
        QVERIFY(run.out.isEmpty());
    }

    void shouldPrintHelpForEveryCommand_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("top") << QStringList{u"--help"_s};
        QTest::newRow("counterparty import") << QStringList{u"counterparty"_s, u"import"_s, u"--help"_s};
        QTest::newRow("counterparty list") << QStringList{u"counterparty"_s, u"list"_s, u"--help"_s};
        QTest::newRow("counterparty find") << QStringList{u"counterparty"_s, u"find"_s, u"--help"_s};
        QTest::newRow("card") << QStringList{u"card"_s, u"--help"_s};
        QTest::newRow("employee import") << QStringList{u"employee"_s, u"import"_s, u"--help"_s};
    }

    void shouldPrintHelpForEveryCommand()
    {
        QFETCH(QStringList, args);
        const CrmTest::CrmctlRun run = crmctl(args);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(u"Usage:"_s), qPrintable(run.out));
    }

    void shouldRefuseAnUnknownCommandOrOption()
    {
        CrmTest::CrmctlRun run = crmctl({u"counterparty"_s, u"explode"_s});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains(u"unknown command"_s));
        run = crmctl({u"card"_s, u"--colour"_s, u"Acme"_s});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"colour"_s), qPrintable(run.err));
    }

    void shouldImportAndShowTheCardOfTheCaller()
    {
        // GIVEN the sample data imported with crmctl
        CrmTest::CrmctlRun run =
            crmctl({u"counterparty"_s, u"import"_s, CrmTest::sampleFile("counterparties-ua.csv"), CrmTest::sampleFile("counterparties-en.vcf")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(u"23 created"_s), qPrintable(run.out));

        // WHEN the phone rings from (044) 123-45-67
        run = crmctl({u"card"_s, u"(044) 123-45-67"_s});
        // THEN the card shows the counterparty and its contact persons
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.out.startsWith(u"ТОВ «Сонях Агро» (Сонях Агро)"_s));
        QVERIFY(run.out.contains(u"32456711"_s));
        QVERIFY(run.out.contains(u"Олена Петренко — головний бухгалтер"_s));
        QVERIFY(run.out.contains(u"Андрій Шевчук"_s));

        // AND the same card comes up by another key, here a person's e-mail (the
        // resolver's answers to every kind of key: counterpartyresolvertest)
        for (const QString &key : {u"o.petrenko@sonyakh-agro.ua"_s}) {
            const CrmTest::CrmctlRun again = crmctl({u"card"_s, key});
            QVERIFY2(again.exitCode == 0, qPrintable(key + u": "_s + again.err));
            QCOMPARE(again.out, run.out);
        }
    }

    void shouldPrintJsonForScripts()
    {
        const CrmTest::CrmctlRun run = crmctl({u"card"_s, u"--json"_s, u"Northwind"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QJsonParseError error;
        const QJsonObject card = QJsonDocument::fromJson(run.out.toUtf8(), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(card.value(u"name"_s).toString(), u"Northwind Traders GmbH"_s);
        QCOMPARE(card.value(u"taxCode"_s).toString(), u"DE811234567"_s);
        const QJsonArray persons = card.value(u"contactPersons"_s).toArray();
        QCOMPARE(persons.size(), 1);
        QCOMPARE(persons.at(0).toObject().value(u"birthday"_s).toString(), u"1990-02-14"_s);
    }

    void shouldListAGroupAndFindInAnyNotation()
    {
        CrmTest::CrmctlRun run = crmctl({u"counterparty"_s, u"list"_s, u"--group"_s, u"Постачальники"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(u"Карпатські ліки"_s));
        QVERIFY(!run.out.contains(u"Сонях"_s));

        run = crmctl({u"counterparty"_s, u"find"_s, u"--json"_s, u"0441234567"_s});
        QCOMPARE(run.exitCode, 0);
        const QJsonArray hits = QJsonDocument::fromJson(run.out.toUtf8()).array();
        QCOMPARE(hits.size(), 1);
        QCOMPARE(hits.at(0).toObject().value(u"taxCode"_s).toString(), u"32456711"_s);

        run = crmctl({u"counterparty"_s, u"find"_s, u"КАМ'ЯНЕЦЬ"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(u"Кам’янець Трейд"_s), qPrintable(run.out));
    }

    void shouldAskWhichWhenANameMatchesSeveral()
    {
        const CrmTest::CrmctlRun run = crmctl({u"card"_s, u"ТОВ"_s});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"Сонях"_s) && run.err.contains(u"Карпатські"_s), qPrintable(run.err));
    }

    void shouldReportBadRecordsWithTheirLinesAndExitNonZero()
    {
        const CrmTest::CrmctlRun run = crmctl({u"counterparty"_s, u"import"_s, CrmTest::dataFile("broken.csv")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"broken.csv:3"_s), qPrintable(run.err));
        QVERIFY(run.err.contains(u"broken.csv:4"_s));
        QVERIFY(run.out.contains(u"2 created"_s));
        // The good records are there.
        QCOMPARE(crmctl({u"card"_s, u"20112238"_s}).exitCode, 0);
    }

    void shouldGatherAMailingsRecipientsFromTheDirectory()
    {
        // GIVEN a mailing
        CrmTest::CrmctlRun run = crmctl({u"mailing"_s,
                                         u"create"_s,
                                         u"--subject"_s,
                                         u"Прайс-лист для {counterparty}"_s,
                                         u"--body"_s,
                                         u"Шановний(а) {fullName|колего}, {position}"_s,
                                         u"--from"_s,
                                         u"sales@firm.example"_s,
                                         u"--json"_s});
        QCOMPARE(run.exitCode, 0);
        const QString id = QJsonDocument::fromJson(run.out.toUtf8()).object().value(u"id"_s).toString();
        // WHEN its recipients are the group Клієнти (persons with an address,
        // or the counterparty's own), a counterparty without persons, and one
        // given twice
        run = crmctl({u"mailing"_s,
                      u"recipients"_s,
                      id,
                      u"--group"_s,
                      u"Клієнти"_s,
                      u"--counterparty"_s,
                      u"Baltic Timber"_s,
                      u"--counterparty"_s,
                      u"32456711"_s,
                      u"--json"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject result = QJsonDocument::fromJson(run.out.toUtf8()).object();
        // THEN the six persons of the five clients and Baltic Timber's own
        // address; Сонях Агро's persons once, the second time reported
        QCOMPARE(result.value(u"recipients"_s).toInt(), 7);
        const QJsonArray removed = result.value(u"removed"_s).toArray();
        QCOMPARE(removed.size(), 2);
        QSet<QString> removedAddresses;
        for (const auto &r : removed) {
            removedAddresses.insert(r.toObject().value(u"email"_s).toString());
        }
        QCOMPARE(removedAddresses, (QSet<QString>{u"o.petrenko@sonyakh-agro.ua"_s, u"a.shevchuk@sonyakh-agro.ua"_s}));
        run = crmctl({u"mailing"_s, u"status"_s, id, u"--all"_s, u"--json"_s});
        QSet<QString> addresses;
        const QJsonArray all = QJsonDocument::fromJson(run.out.toUtf8()).object().value(u"recipients"_s).toArray();
        for (const auto &r : all) {
            addresses.insert(r.toObject().value(u"email"_s).toString());
        }
        QVERIFY(addresses.contains(u"office@baltictimber.example"_s));
        QVERIFY(addresses.contains(u"m.bondar@budmaister.com.ua"_s));
        QVERIFY(!addresses.contains(u"info@sonyakh-agro.ua"_s)); // it has persons with addresses
        // AND the merged message names the person and the counterparty
        run = crmctl({u"mailing"_s, u"preview"_s, id, u"--recipient"_s, u"o.petrenko@sonyakh-agro.ua"_s});
        QCOMPARE(run.exitCode, 0);
        KMime::Message message;
        message.setContent(KMime::CRLFtoLF(run.out.toUtf8()));
        message.parse();
        QCOMPARE(message.subject()->asUnicodeString(), u"Прайс-лист для Сонях Агро"_s); // the name people use
        QVERIFY2(message.textContent()->decodedText().contains(u"Шановний(а) Олена Петренко, головний бухгалтер"_s),
                 qPrintable(message.textContent()->decodedText()));
    }

    void shouldNameTheFirstUnlinkedPersonsAndCountTheRest()
    {
        // GIVEN 30 plain vCards of people stored in the CRM's address book by
        // another program: persons of no counterparty
        const auto books = Crm::addressBooksNow(Crm::CollectionLocator::Mode::FindOnly);
        QVERIFY(books);
        for (int i = 0; i < 30; ++i) {
            KContacts::Addressee person;
            person.setUid(u"urn:uuid:unlinked-%1"_s.arg(i));
            person.setGivenName(u"Unlinked"_s);
            person.setFamilyName(u"Person %1"_s.arg(i, 2, 10, QChar(u'0')));
            person.setFormattedName(u"Unlinked Person %1"_s.arg(i, 2, 10, QChar(u'0')));
            Akonadi::Item item;
            item.setMimeType(KContacts::Addressee::mimeType());
            item.setPayload(person);
            auto job = new Akonadi::ItemCreateJob(item, books->counterparties());
            QVERIFY2(job->exec(), qPrintable(job->errorString()));
        }
        // WHEN "store sync" reports them
        CrmTest::CrmctlRun run = crmctl({u"store"_s, u"sync"_s, u"--json"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonArray all = QJsonDocument::fromJson(run.out.toUtf8()).object().value(u"unlinkedPersons"_s).toArray();
        run = crmctl({u"store"_s, u"sync"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        // THEN --json lists every one, and the text names the first 20
        // (MaxProblemsPerKind, as an import names a problem) and counts the rest
        QVERIFY2(all.size() >= 30, QJsonDocument(all).toJson().constData());
        const QStringList lines = run.err.split(u'\n', Qt::SkipEmptyParts);
        const auto named = std::count_if(lines.cbegin(), lines.cend(), [](const QString &line) {
            return line.startsWith(u"Contact person \""_s);
        });
        QCOMPARE(named, 20);
        QVERIFY2(run.err.contains(u"… and %1 more contact persons belong to no counterparty"_s.arg(all.size() - 20)), qPrintable(run.err));
        QVERIFY2(run.err.contains(u"Contact person \"%1\""_s.arg(all.at(0).toString())), qPrintable(run.err));
        QVERIFY2(!run.err.contains(u"Contact person \"%1\""_s.arg(all.at(20).toString())), qPrintable(run.err));
    }
};

QTEST_AKONADIMAIN(CrmctlTest)

#include "crmctltest.moc"
