// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "domain/letterexport.h"
#include "import/csvreader.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;

/// The journal's CSV export: RFC 4180 quoting, read back by the CSV reader
/// the imports use, every field as it was.
class LetterExportTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldQuoteOnlyWhatNeedsIt_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("written");
        QTest::newRow("plain") << u"Договір № 15"_s << u"Договір № 15"_s;
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("semicolon") << u"a; b"_s << u"a; b"_s;
        QTest::newRow("comma") << u"a, b"_s << u"\"a, b\""_s;
        QTest::newRow("quote") << u"ТОВ \"Зерно\""_s << u"\"ТОВ \"\"Зерно\"\"\""_s;
        QTest::newRow("line feed") << u"a\nb"_s << u"\"a\nb\""_s;
        QTest::newRow("carriage return") << u"a\rb"_s << u"\"a\rb\""_s;
        QTest::newRow("formula") << u"=HYPERLINK(\"http://x.example\")"_s << u"\"'=HYPERLINK(\"\"http://x.example\"\")\""_s;
        QTest::newRow("plus") << u"+380 44 1000001"_s << u"'+380 44 1000001"_s;
        QTest::newRow("minus") << u"-2+3"_s << u"'-2+3"_s;
        QTest::newRow("at") << u"@SUM(A1)"_s << u"'@SUM(A1)"_s;
        QTest::newRow("tab") << u"\t=1"_s << u"'\t=1"_s;
        QTest::newRow("inner equals") << u"a=b"_s << u"a=b"_s;
    }

    void shouldQuoteOnlyWhatNeedsIt()
    {
        QFETCH(QString, value);
        QFETCH(QString, written);
        QCOMPARE(Crm::LetterExport::csvField(value), written);
    }

    void shouldReadBackEveryFieldOfEveryLetter()
    {
        // GIVEN two letters, one with a subject holding a comma, quotes and a line break
        Crm::Letter a;
        a.number = u"ВХ-2026/0001"_s;
        a.direction = Crm::Letter::Direction::Incoming;
        a.registrationDate = QDate(2026, 12, 1);
        a.documentDate = QDate(2026, 11, 28);
        a.counterpartyUid = u"urn:uuid:1"_s;
        a.addressee = Crm::Participant{u"urn:uuid:p"_s, u"Іван Петренко"_s, u"ivan@zerno.ua"_s};
        a.kind = {u"Contract"_s, u"Supplementary agreement"_s};
        a.priority = Crm::Letter::Priority::Urgent;
        a.subject = u"Ціна, \"знижка\"\nі строки"_s;
        a.attachments = {Crm::Attachment{u"скан.pdf"_s, {}, "x", u"application/pdf"_s}, Crm::Attachment{u"додаток, 2.png"_s, {}, "y", u"image/png"_s}};
        Crm::Letter b;
        b.number = u"ВИХ-2026/0007"_s;
        b.direction = Crm::Letter::Direction::Outgoing;
        b.registrationDate = QDate(2026, 12, 2);
        b.documentDate = QDate(2026, 12, 2);
        b.counterpartyUid = u"urn:uuid:gone"_s;
        b.kind = {u"Letter"_s};
        b.subject = u"Лист"_s;
        b.archived = true;
        // WHEN exported
        const QByteArray data = Crm::LetterExport::csv({a, b}, [](const QString &uid) {
            return uid == u"urn:uuid:1"_s ? u"ТОВ «Зерно», філія"_s : uid;
        });
        // THEN the lines end in CRLF
        QVERIFY(data.startsWith("Number,Registered,Document date,Direction,Counterparty,Addressee,Kind,Priority,Subject,Attachments,Archived\r\n"));
        // AND the reader the imports use gets the header and every field back
        Crm::CsvReader reader;
        QVERIFY2(reader.read(data), qPrintable(reader.errorString()));
        QCOMPARE(reader.separator(), u',');
        const auto rows = reader.rows();
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows.at(0).fields, Crm::LetterExport::header());
        QCOMPARE(rows.at(1).fields,
                 (QStringList{u"ВХ-2026/0001"_s,
                              u"2026-12-01"_s,
                              u"2026-11-28"_s,
                              u"incoming"_s,
                              u"ТОВ «Зерно», філія"_s,
                              u"Іван Петренко <ivan@zerno.ua>"_s,
                              u"Contract/Supplementary agreement"_s,
                              u"urgent"_s,
                              u"Ціна, \"знижка\"\nі строки"_s,
                              u"скан.pdf; додаток, 2.png"_s,
                              u"no"_s}));
        QCOMPARE(rows.at(2).fields,
                 (QStringList{u"ВИХ-2026/0007"_s,
                              u"2026-12-02"_s,
                              u"2026-12-02"_s,
                              u"outgoing"_s,
                              u"urn:uuid:gone"_s,
                              QString(),
                              u"Letter"_s,
                              u"normal"_s,
                              u"Лист"_s,
                              QString(),
                              u"yes"_s}));
    }

    void shouldSortTheEarliestRegistrationFirst()
    {
        QList<Crm::Letter> letters(3);
        letters[0].registrationDate = QDate(2026, 12, 2);
        letters[0].sequence = 1;
        letters[1].registrationDate = QDate(2026, 12, 1);
        letters[1].sequence = 2;
        letters[2].registrationDate = QDate(2026, 12, 1);
        letters[2].sequence = 1;
        Crm::LetterExport::sortChronologically(letters);
        QCOMPARE(letters.at(0).sequence, 1);
        QCOMPARE(letters.at(1).sequence, 2);
        QCOMPARE(letters.at(2).registrationDate, QDate(2026, 12, 2));
    }
};

QTEST_GUILESS_MAIN(LetterExportTest)
#include "letterexporttest.moc"
