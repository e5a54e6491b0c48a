// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "domain/clock.h"
#include "import/boundedfile.h"
#include "import/csvimportparser.h"
#include "import/csvreader.h"
#include "import/importfile.h"
#include "import/importproblems.h"
#include "import/vcardimportparser.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Qt::Literals::StringLiterals;
using namespace Crm;

// Each file in autotests/data/import is one case: its .ref beside it holds
// what the parser must make of it, in the text form written below. On a
// mismatch the actual text is left in the build tree as <file>.out.

namespace
{
QString escaped(const QString &text)
{
    QString out;
    for (const QChar c : text) {
        if (c == u'\\') {
            out += u"\\\\"_s;
        } else if (c == u'\n') {
            out += u"\\n"_s;
        } else if (c == u'\t') {
            out += u"\\t"_s;
        } else if (c.category() == QChar::Other_Control) {
            out += u"\\x"_s + QString::number(c.unicode(), 16).rightJustified(2, u'0');
        } else {
            out += c;
        }
    }
    return out;
}

void addField(QStringList &parts, const QString &key, const QString &value)
{
    if (!value.isEmpty()) {
        parts << key + u'=' + escaped(value);
    }
}

void addField(QStringList &parts, const QString &key, const QStringList &values)
{
    addField(parts, key, values.join(u"; "_s));
}

QString describe(const ImportRecord &r)
{
    QStringList parts;
    switch (r.kind) {
    case ImportRecord::Kind::Counterparty: {
        const Counterparty &c = r.counterparty;
        addField(parts, u"name"_s, c.name);
        addField(parts, u"short"_s, c.shortName);
        addField(parts, u"tax"_s, c.taxCode);
        addField(parts, u"phones"_s, c.phones);
        addField(parts, u"emails"_s, c.emails);
        for (const PostalAddress &a : c.addresses) {
            QStringList address;
            addField(address, u"street"_s, a.street);
            addField(address, u"code"_s, a.postalCode);
            addField(address, u"city"_s, a.locality);
            addField(address, u"region"_s, a.region);
            addField(address, u"country"_s, a.country);
            parts << u"address("_s + address.join(u", "_s) + u')';
        }
        addField(parts, u"web"_s, c.website);
        addField(parts, u"groups"_s, c.groups);
        addField(parts, u"note"_s, c.note);
        addField(parts, u"uid"_s, c.uid);
        return u"COUNTERPARTY "_s + QString::number(r.line) + u" | "_s + parts.join(u" | "_s);
    }
    case ImportRecord::Kind::Person: {
        const ContactPerson &p = r.person;
        addField(parts, u"name"_s, p.name);
        addField(parts, u"ref"_s, r.counterpartyRef);
        addField(parts, u"position"_s, p.position);
        addField(parts, u"phones"_s, p.phones);
        addField(parts, u"emails"_s, p.emails);
        addField(parts, u"birthday"_s, p.birthday.isValid() ? p.birthday.toString(Qt::ISODate) : QString());
        addField(parts, u"note"_s, p.note);
        addField(parts, u"uid"_s, p.uid);
        addField(parts, u"counterpartyUid"_s, p.counterpartyUid);
        return u"PERSON "_s + QString::number(r.line) + u" | "_s + parts.join(u" | "_s);
    }
    case ImportRecord::Kind::Employee: {
        const Employee &e = r.employee;
        addField(parts, u"name"_s, e.name);
        addField(parts, u"position"_s, e.position);
        addField(parts, u"phones"_s, e.phones);
        addField(parts, u"emails"_s, e.emails);
        addField(parts, u"uid"_s, e.uid);
        return u"EMPLOYEE "_s + QString::number(r.line) + u" | "_s + parts.join(u" | "_s);
    }
    }
    return {};
}

QString describe(const QString &severity, const ImportProblem &p)
{
    QString out = severity + u' ' + QString::number(p.line);
    if (!p.record.isEmpty()) {
        out += u" record=\""_s + escaped(p.record) + u'"';
    }
    if (!p.field.isEmpty()) {
        out += u" field=\""_s + escaped(p.field) + u'"';
    }
    return out + u": "_s + escaped(p.message);
}

QString describe(const ImportBatch &batch)
{
    QStringList lines;
    for (const ImportRecord &r : batch.records) {
        lines << describe(r);
    }
    // As crmctl shows them: a flood is listed a few times, then summarised.
    for (const ImportProblem &p : ImportProblems::summarized(batch.errors)) {
        lines << describe(u"ERROR"_s, p);
    }
    for (const ImportProblem &p : ImportProblems::summarized(batch.warnings)) {
        lines << describe(u"WARNING"_s, p);
    }
    return lines.join(u'\n');
}

QString describeCsv(const QByteArray &data)
{
    CsvReader reader;
    reader.read(data);
    const QString separator = reader.separator() == u'\t' ? u"TAB"_s : QString(reader.separator());
    return u"# csv encoding="_s + reader.encodingName() + u" separator="_s + separator + u" rows="_s + QString::number(reader.rows().size()) + u'\n'
        + describe(CsvImportParser::parse(data, u"test.csv"_s));
}

QString describeVCard(const QByteArray &data)
{
    return u"# vcard\n"_s + describe(VCardImportParser::parse(data, u"test.vcf"_s));
}
} // namespace

class ImportParserTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        // Birthdays "in the future" are judged against a fixed day.
        Clock::setNow(QDateTime(QDate(2026, 1, 15), QTime(12, 0), QTimeZone::UTC));
        qputenv("LANGUAGE", "en");
    }

    void shouldParseFileAsItsReferenceSays_data()
    {
        QTest::addColumn<QString>("path");
        const QDir dir(QStringLiteral(IMPORT_DATA_DIR));
        const QStringList files = dir.entryList(QDir::Files, QDir::Name);
        int cases = 0;
        for (const QString &file : files) {
            if (file.endsWith(u".ref") || file.endsWith(u".out")) {
                continue;
            }
            QTest::newRow(qPrintable(file)) << dir.filePath(file);
            ++cases;
        }
        QVERIFY(cases > 0);
    }
    void shouldParseFileAsItsReferenceSays()
    {
        // GIVEN
        QFETCH(QString, path);
        QFile input(path);
        QVERIFY(input.open(QIODevice::ReadOnly));
        const QByteArray data = input.readAll();
        QFile refFile(path + u".ref"_s);
        QVERIFY2(refFile.open(QIODevice::ReadOnly), qPrintable(u"missing "_s + refFile.fileName()));
        const QString expected = QString::fromUtf8(refFile.readAll()).trimmed();

        // WHEN
        QString actual;
        if (path.endsWith(u".csv")) {
            actual = describeCsv(data);
        } else if (path.endsWith(u".vcf")) {
            actual = describeVCard(data);
        } else {
            // Anything else is fed to both parsers: neither may take it for data.
            actual = describeCsv(data) + u'\n' + describeVCard(data);
        }
        actual = actual.trimmed();

        // THEN
        if (actual != expected) {
            QFile out(QDir::current().filePath(QFileInfo(path).fileName() + u".out"_s));
            if (out.open(QIODevice::WriteOnly)) {
                out.write(actual.toUtf8() + '\n');
            }
            qWarning().noquote() << "actual output written to" << out.fileName() << "\n" << actual;
        }
        QCOMPARE(actual, expected);
    }

    void shouldReadOnlyRegularFiles_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("zero") << u"/dev/zero"_s;
        QTest::newRow("urandom") << u"/dev/urandom"_s;
        QTest::newRow("fifo without writer") << u"FIFO"_s;
        QTest::newRow("folder") << u"/"_s;
    }
    void shouldReadOnlyRegularFiles()
    {
        // GIVEN something that is not a regular file; a FIFO nobody writes to
        QFETCH(QString, path);
        QTemporaryDir dir;
        if (path == u"FIFO") {
            path = dir.filePath(u"fifo.csv"_s);
            QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);
        }
        // WHEN it is given as an import file or an attachment
        QElapsedTimer timer;
        timer.start();
        const ImportBatch batch = ImportFile::read(path);
        QString error;
        const auto attachment = BoundedFile::read(path, 1024 * 1024, &error);
        // THEN it is refused at once, without reading it
        QVERIFY(timer.elapsed() < 2000);
        QVERIFY(batch.records.isEmpty());
        QCOMPARE(batch.errors.size(), 1);
        QVERIFY2(batch.errors.constFirst().message.contains(u"not a regular file"_s) || batch.errors.constFirst().message.contains(u"folder"_s),
                 qPrintable(batch.errors.constFirst().message));
        QVERIFY(!attachment);
        QVERIFY(!error.isEmpty());
    }

    void shouldLimitWhatIsReadNotWhatStatSays()
    {
        // GIVEN a file whose stat size is 0 but that holds more (procfs)
        QFileInfo status(u"/proc/self/status"_s);
        QCOMPARE(status.size(), 0);
        // WHEN it is read with a limit below its real size
        QString error;
        const auto small = BoundedFile::read(status.filePath(), 16, &error);
        // THEN it is refused; with room enough it is read whole
        QVERIFY(!small);
        QVERIFY2(error.contains(u"larger than"_s), qPrintable(error));
        const auto whole = BoundedFile::read(status.filePath(), 1024 * 1024, &error);
        QVERIFY(whole && whole->size() > 16);
    }

    void shouldKeepLineNumbersAfterMultiLineField()
    {
        // GIVEN
        const QByteArray data = "Name;Note\r\n\"A\";\"one\r\ntwo\r\nthree\"\r\n\r\nB;x\r\n";
        // WHEN
        CsvReader reader;
        const bool ok = reader.read(data);
        // THEN
        QVERIFY(ok);
        QCOMPARE(reader.rows().size(), 3);
        QCOMPARE(reader.rows().at(1).line, 2);
        QCOMPARE(reader.rows().at(1).fields, (QStringList{u"A"_s, u"one\ntwo\nthree"_s}));
        QCOMPARE(reader.rows().at(2).line, 6);
    }

    void shouldReportUnterminatedQuoteWithItsLine()
    {
        // GIVEN
        const QByteArray data = "Name,Note\nA,ok\nB,\"never closed\nC,x\n";
        // WHEN
        CsvReader reader;
        const bool ok = reader.read(data);
        // THEN
        QVERIFY(!ok);
        QCOMPARE(reader.errorLine(), 3);
        QCOMPARE(reader.rows().size(), 2);
        QCOMPARE(reader.separator(), u',');
    }

    void shouldDecodeWindows1251WhenNotUtf8()
    {
        // GIVEN: "Назва" in Windows-1251
        const QByteArray data = "\xCD\xE0\xE7\xE2\xE0";
        // WHEN
        CsvReader::Encoding encoding;
        const QString text = CsvReader::decode(data, &encoding);
        // THEN
        QCOMPARE(encoding, CsvReader::Encoding::Windows1251);
        QCOMPARE(text, u"Назва"_s);
    }

    void shouldSummariseAProblemRepeatedOnceMoreWithoutI18nWarnings_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<QString>("summary");
        QTest::newRow("once more") << 21 << u"The same problem (bad phone) once more, on line 21."_s;
        QTest::newRow("more times") << 23 << u"The same problem (bad phone) 3 more times, on lines 21 to 23."_s;
    }
    void shouldSummariseAProblemRepeatedOnceMoreWithoutI18nWarnings()
    {
        // Found by the csvimport fuzzer: the singular form had one
        // placeholder less than the arguments, and KI18n warned on stderr
        // ("4 instead of 3 arguments to message") on every such import.
        QFETCH(int, count);
        QFETCH(QString, summary);
        QTest::failOnWarning(QRegularExpression(u"arguments to message"_s));
        // GIVEN the same problem on lines 1 to count
        QList<ImportProblem> problems;
        for (int line = 1; line <= count; ++line) {
            problems << ImportProblem{u"f.csv"_s, line, {}, u"Phone"_s, u"bad phone"_s};
        }
        // WHEN summarised after 20 of a kind
        const QList<ImportProblem> out = ImportProblems::summarized(problems, 20);
        // THEN 20 are listed and the rest said in one line
        QCOMPARE(out.size(), 21);
        QCOMPARE(out.last().message, summary);
        QCOMPARE(out.last().line, 21);
    }

    void shouldStripUtf8ByteOrderMark()
    {
        // GIVEN
        const QByteArray data = "\xEF\xBB\xBFName\n";
        // WHEN
        CsvReader::Encoding encoding;
        const QString text = CsvReader::decode(data, &encoding);
        // THEN
        QCOMPARE(encoding, CsvReader::Encoding::Utf8);
        QCOMPARE(text, u"Name\n"_s);
    }
};

QTEST_GUILESS_MAIN(ImportParserTest)
#include "importparsertest.moc"
