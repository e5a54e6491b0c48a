// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "../fuzz/fuzztargets.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

/// Every input a fuzzer ever found (autotests/data/fuzz/<target>/), and
/// the seed corpus, replayed through the fuzz targets: none may crash, and
/// none may take long.
class FuzzReplayTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shouldSurviveEveryKeptInput_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("path");
        const QDir data(QStringLiteral(CRM_DATA_DIR));
        const QList<std::pair<QString, QStringList>> sources = {
            {u"csvimport"_s, {u"fuzz/csvimport"_s, u"import"_s}},
            {u"vcardimport"_s, {u"fuzz/vcardimport"_s, u"import"_s}},
            {u"importslices"_s, {u"fuzz/importslices"_s, u"import"_s}},
            {u"recurrencerule"_s, {u"fuzz/recurrencerule"_s}},
        };
        for (const auto &[target, folders] : sources) {
            for (const QString &folder : folders) {
                const QDir dir(data.filePath(folder));
                for (const QString &f : dir.entryList(QDir::Files, QDir::Name)) {
                    if (!f.endsWith(u".ref") && !f.endsWith(u".md")) {
                        QTest::newRow(qPrintable(target + u':' + folder + u'/' + f)) << target << dir.filePath(f);
                    }
                }
            }
        }
    }
    void shouldSurviveEveryKeptInput()
    {
        // GIVEN an input
        QFETCH(QString, target);
        QFETCH(QString, path);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray data = file.readAll();
        const auto *bytes = reinterpret_cast<const uint8_t *>(data.constData());
        // WHEN its target reads it
        QElapsedTimer timer;
        timer.start();
        if (target == u"csvimport") {
            CrmFuzz::csvImport(bytes, size_t(data.size()));
        } else if (target == u"vcardimport") {
            CrmFuzz::vcardImport(bytes, size_t(data.size()));
        } else if (target == u"importslices") {
            CrmFuzz::importSlices(bytes, size_t(data.size()));
        } else {
            CrmFuzz::recurrenceRule(bytes, size_t(data.size()));
        }
        // THEN it returns, and soon: the check of a rule within a second
        // (as the README promises), an import file within five
        const qint64 limitMs = target == u"recurrencerule" ? 1000 : 5000;
        QVERIFY2(timer.elapsed() < limitMs, qPrintable(u"%1 ms"_s.arg(timer.elapsed())));
    }

    void shouldSurviveRulesFromTheRecurrenceCorpus()
    {
        const QDir dir(QStringLiteral(CRM_DATA_DIR "/recurrence"));
        int rules = 0;
        for (const QString &f : dir.entryList({u"*.ics"_s}, QDir::Files)) {
            QFile file(dir.filePath(f));
            QVERIFY(file.open(QIODevice::ReadOnly));
            for (const QByteArray &line : file.readAll().split('\n')) {
                if (line.startsWith("RRULE:")) {
                    const QByteArray rule = line.mid(6).trimmed();
                    CrmFuzz::recurrenceRule(reinterpret_cast<const uint8_t *>(rule.constData()), size_t(rule.size()));
                    ++rules;
                }
            }
        }
        QVERIFY(rules >= 10);
    }
};

QTEST_GUILESS_MAIN(FuzzReplayTest)
#include "fuzzreplaytest.moc"
