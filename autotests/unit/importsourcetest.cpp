// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "import/importsource.h"
#include "import/importfile.h"
#include "ownhome.h"

#include <KConfigGroup>
#include <KSharedConfig>

#include <QDir>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

/// A file read a slice at a time (ImportSource::fromFile, what an import
/// does) gives the records and problems the whole file read at once gives
/// (ImportFile::read), for every file of the parsers' corpus.
class ImportSourceTest : public QObject
{
    Q_OBJECT
    QTemporaryDir m_home; // settings and data of this test alone

private:
    struct Reading {
        QList<Crm::ImportRecord> records;
        QStringList problems;
    };

    static QStringList problemLines(const Crm::ImportBatch &batch)
    {
        QStringList out;
        for (const Crm::ImportProblem &p : batch.errors) {
            out << u"error "_s + p.toString();
        }
        for (const Crm::ImportProblem &p : batch.warnings) {
            out << u"warning "_s + p.toString();
        }
        return out;
    }

    static Reading whole(const QString &path)
    {
        const Crm::ImportBatch batch = Crm::ImportFile::read(path);
        Reading r{batch.records, problemLines(batch)};
        r.problems.sort();
        return r;
    }

    static Reading sliced(const QString &path, int sliceSize, int passes = 1)
    {
        Reading r;
        const auto source = Crm::ImportSource::fromFile(path);
        for (int pass = 0; pass < passes; ++pass) {
            r = Reading();
            source->rewind();
            int guard = 0;
            while (!source->atEnd() && ++guard < 100000) {
                const Crm::ImportBatch batch = source->next(sliceSize);
                if (sliceSize > 0) {
                    // About sliceSize records: never more than asked.
                    [&] {
                        QVERIFY2(batch.records.size() <= sliceSize, qPrintable(path));
                    }();
                }
                r.records << batch.records;
                r.problems << problemLines(batch);
            }
            if (!source->atEnd()) {
                qWarning() << path << "never came to an end";
            }
            if (source->recordCount() != r.records.size()) {
                qWarning() << path << "counted" << source->recordCount() << "records, handed out" << r.records.size();
                r.records.clear();
            }
        }
        r.problems.sort();
        return r;
    }

    static QStringList corpus()
    {
        QStringList files;
        for (const QString &dir : {QStringLiteral(IMPORT_DATA_DIR),
                                   QStringLiteral(DIRECTORY_DATA_DIR),
                                   QStringLiteral(SAMPLE_DATA_DIR),
                                   QStringLiteral(IMPORT_DATA_DIR "/../fuzz/importslices")}) {
            const auto entries = QDir(dir).entryInfoList(QDir::Files, QDir::Name);
            for (const QFileInfo &f : entries) {
                if (f.suffix() != u"ref" && f.suffix() != u"eml") {
                    files << f.absoluteFilePath();
                }
            }
        }
        return files;
    }

    static void compare(const Reading &expected, const Reading &actual, const QString &what)
    {
        QCOMPARE(actual.problems, expected.problems);
        QCOMPARE(actual.records.size(), expected.records.size());
        for (qsizetype i = 0; i < expected.records.size(); ++i) {
            const Crm::ImportRecord &e = expected.records[i];
            const Crm::ImportRecord &a = actual.records[i];
            const QByteArray at = u"%1, record %2"_s.arg(what).arg(i).toUtf8();
            QVERIFY2(a.kind == e.kind, at.constData());
            QVERIFY2(a.line == e.line, QByteArray(at + " line " + QByteArray::number(a.line) + " != " + QByteArray::number(e.line)).constData());
            QVERIFY2(a.counterparty == e.counterparty, at.constData());
            QVERIFY2(a.person == e.person, at.constData());
            QVERIFY2(a.employee == e.employee, at.constData());
            QVERIFY2(a.counterpartyRef == e.counterpartyRef, at.constData());
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        CrmTest::useOwnHome(m_home);
        KSharedConfig::openConfig(u"kontactcrmrc"_s)->deleteGroup(u"Import"_s);
        QVERIFY(corpus().size() >= 25);
    }

    void shouldReadEveryFileInSlicesAsWhole_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("sliceSize");
        for (const QString &path : corpus()) {
            for (const int size : {1, 2, 3, 1000}) {
                QTest::newRow(qPrintable(u"%1 by %2"_s.arg(QFileInfo(path).fileName()).arg(size))) << path << size;
            }
        }
    }

    void shouldReadEveryFileInSlicesAsWhole()
    {
        QFETCH(QString, path);
        QFETCH(int, sliceSize);
        // WHEN a file is read a slice at a time, and read again from the start
        // THEN both readings give what reading it whole gives
        compare(whole(path), sliced(path, sliceSize, 2), QFileInfo(path).fileName());
    }

    void shouldReadEveryFileInSlicesAsWholeUnderTightLimits()
    {
        // GIVEN limits so small that records and fields of the corpus break them
        KConfigGroup import = KSharedConfig::openConfig(u"kontactcrmrc"_s)->group(u"Import"_s);
        import.writeEntry("MaxRecordSize", 300);
        import.writeEntry("MaxFieldChars", 40);
        import.writeEntry("MaxFileBytes", 4000);
        import.sync();
        for (const QString &path : corpus()) {
            for (const int size : {1, 3}) {
                compare(whole(path), sliced(path, size), u"%1 by %2, tight limits"_s.arg(QFileInfo(path).fileName()).arg(size));
            }
        }
        KSharedConfig::openConfig(u"kontactcrmrc"_s)->deleteGroup(u"Import"_s);
    }

    void shouldNeverHoldMoreThanASliceOfAGeneratedFile()
    {
        // GIVEN a CSV file of 5,000 rows with a quoted line break in each
        QTemporaryDir dir;
        const QString path = dir.filePath(u"big.csv"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("Name;Tax code;Address\n");
        for (int i = 0; i < 5000; ++i) {
            file.write(u"ТОВ «Номер %1»;%2;\"вул. Перша, %1\nКиїв\"\n"_s.arg(i).arg(10000000 + i).toUtf8());
        }
        file.close();
        // WHEN it is read 100 records at a time
        const auto source = Crm::ImportSource::fromFile(path);
        int slices = 0;
        qsizetype records = 0;
        int lastLine = 0;
        while (!source->atEnd()) {
            const Crm::ImportBatch batch = source->next(100);
            QVERIFY(batch.records.size() <= 100);
            QVERIFY2(batch.errors.isEmpty(), qPrintable(batch.errors.value(0).toString()));
            for (const Crm::ImportRecord &r : batch.records) {
                // THEN each row starts two lines after the one before
                QCOMPARE(r.line, lastLine == 0 ? 2 : lastLine + 2);
                lastLine = r.line;
            }
            records += batch.records.size();
            ++slices;
        }
        // AND every row came, in 50 slices or one more
        QCOMPARE(records, 5000);
        QVERIFY2(slices >= 50 && slices <= 51, qPrintable(QString::number(slices)));
        QCOMPARE(source->recordCount(), 5000);
    }
};

QTEST_GUILESS_MAIN(ImportSourceTest)
#include "importsourcetest.moc"
