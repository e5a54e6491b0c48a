// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later

// The correspondence register benchmark (benchmarks/letters.sh drives it):
//   generate N         put N letters in the register (headers and a short
//                      note, no attachment), spread over three years and the
//                      counterparties of the directory: maildir files the
//                      resource then reads in
//   query M NAIVE      M filters by counterparty and M by a month through the
//                      register's index, then NAIVE times the naive way: read
//                      every message's headers from Akonadi, parse, filter
#include "akonadi/collectionlocator.h"
#include "akonadi/letterindexcache.h"
#include "blocking/blockingstorage.h"
#include "mime/lettermapping.h"
#include "storage/akonadiitemstorage.h"

#include <Akonadi/AgentManager>
#include <Akonadi/CollectionFetchJob>
#include <Akonadi/CollectionFetchScope>
#include <Akonadi/CollectionStatistics>
#include <Akonadi/ItemFetchJob>
#include <Akonadi/ItemFetchScope>

#include "benchutils.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QRandomGenerator>
#include <QTextStream>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace
{
QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

const QDate firstDay(2024, 1, 1);
constexpr int days = 3 * 365;

std::optional<Akonadi::Collection> registerFolder(Crm::CollectionLocator::Mode mode)
{
    QString error;
    const auto folder = Crm::registerFolderNow(mode, &error);
    if (!folder) {
        out() << "no register: " << error << Qt::endl;
    }
    return folder;
}

int generate(int n)
{
    Crm::Directory directory;
    QString error;
    if (!Crm::openNow(directory, Crm::Directory::OpenMode::Existing, &error)) {
        out() << "cannot open the directory: " << error << Qt::endl;
        return 1;
    }
    const auto counterparties = directory.counterparties();
    const auto folder = registerFolder(Crm::CollectionLocator::Mode::CreateIfMissing);
    if (!folder || counterparties.isEmpty()) {
        out() << "import counterparties first" << Qt::endl;
        return 1;
    }
    // A register kept for years, already on disk: the messages are written
    // as maildir files and the resource reads them in, as it does with a
    // maildir KMail or a backup brings. Registering them one by one would
    // measure the maildir resource's writing (about 50 files/s here), not
    // the journal.
    const QString path = Crm::CollectionLocator::defaultStoragePath(Crm::CollectionLocator::Store::Register) + u"/cur/"_s;
    QList<QDate> dates;
    for (int i = 0; i < n; ++i) {
        dates << firstDay.addDays(QRandomGenerator::global()->bounded(days));
    }
    std::sort(dates.begin(), dates.end());
    QHash<QPair<int, int>, int> sequences;
    static const QList<QStringList> kinds{{u"Letter"_s}, {u"Contract"_s}, {u"Contract"_s, u"Supplementary agreement"_s}, {u"Invoice"_s}, {u"Act"_s}};
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < n; ++i) {
        auto *rng = QRandomGenerator::global();
        Crm::Letter l;
        l.uid = Crm::LetterMapping::newLetterUid();
        l.direction = rng->bounded(2) ? Crm::Letter::Direction::Incoming : Crm::Letter::Direction::Outgoing;
        l.registrationDate = dates.at(i);
        l.documentDate = l.registrationDate.addDays(-rng->bounded(7));
        l.sequence = ++sequences[{l.registrationDate.year(), int(l.direction)}];
        l.number = Crm::NumberPattern::defaultFor(l.direction).format(l.registrationDate.year(), l.sequence);
        l.counterpartyUid = counterparties.at(rng->bounded(counterparties.size())).uid;
        l.kind = kinds.at(rng->bounded(int(kinds.size())));
        l.priority = rng->bounded(10) == 0 ? Crm::Letter::Priority::Urgent : Crm::Letter::Priority::Normal;
        l.subject = u"Лист про поставку № %1"_s.arg(i);
        l.note = u"Зареєстровано для вимірювання."_s;
        l.addressee = {QString(), u"Олена Коваль"_s, u"olena@example.com"_s};
        QFile file(path + u"%1.bench%2.crm:2,S"_s.arg(QDateTime::currentSecsSinceEpoch()).arg(i));
        if (!file.open(QIODevice::WriteOnly) || file.write(Crm::LetterMapping::toMessage(l)->encodedContent()) < 0) {
            out() << "cannot write " << file.fileName() << Qt::endl;
            return 1;
        }
    }
    const double filesS = timer.elapsed() / 1000.0;
    Akonadi::AgentManager::self()->synchronizeCollection(*folder);
    qint64 count = 0;
    QElapsedTimer stalled;
    stalled.start();
    while (count < n && stalled.elapsed() < 120000) {
        auto fetch = new Akonadi::CollectionFetchJob(*folder, Akonadi::CollectionFetchJob::Base);
        fetch->fetchScope().setIncludeStatistics(true);
        QEventLoop loop;
        QObject::connect(fetch, &KJob::result, &loop, &QEventLoop::quit);
        loop.exec();
        const qint64 now = fetch->collections().isEmpty() ? 0 : fetch->collections().constFirst().statistics().count();
        if (now != count) {
            stalled.restart();
            count = now;
        }
        QTimer::singleShot(500, &loop, &QEventLoop::quit);
        loop.exec();
    }
    const double syncedS = timer.elapsed() / 1000.0 - filesS;
    out() << "| generate | " << n << " letters | files written " << filesS << " s | read in by the maildir resource " << syncedS << " s | "
          << int(n / std::max(syncedS, 0.001)) << " letters/s | in Akonadi " << count << " |" << Qt::endl;
    return count == n ? 0 : 1;
}

/// The naive journal: every message's headers from Akonadi, parsed, filtered.
QList<Crm::Letter> naiveFind(const Akonadi::Collection &folder, const Crm::LetterFilter &filter)
{
    Akonadi::ItemFetchJob fetch(folder);
    fetch.fetchScope().fetchPayloadPart(QByteArrayLiteral("HEAD"));
    QEventLoop loop;
    QObject::connect(&fetch, &KJob::result, &loop, &QEventLoop::quit);
    fetch.setAutoDelete(false);
    fetch.start();
    loop.exec();
    QList<Crm::Letter> found;
    for (const Akonadi::Item &item : fetch.items()) {
        if (!item.hasPayload<KMime::Message::Ptr>()) {
            continue;
        }
        const Crm::Letter l = Crm::LetterMapping::letterFrom(item.payload<KMime::Message::Ptr>());
        if (filter.matches(l)) {
            found << l;
        }
    }
    std::sort(found.begin(), found.end(), Crm::registeredLater);
    return found;
}

int query(int m, int naiveRuns)
{
    const auto folder = registerFolder(Crm::CollectionLocator::Mode::FindOnly);
    if (!folder) {
        return 1;
    }
    QElapsedTimer timer;
    timer.start();
    Crm::AkonadiItemStorage storage(Crm::LetterIndexCache::payloadParts());
    Crm::LetterIndexCache cache(*folder, Akonadi::Collection(), storage);
    QString error;
    if (!Crm::waitForDone(
            [&cache](const Crm::DoneCallback &done) {
                cache.open(done);
            },
            &error)) {
        out() << "cannot open the index: " << error << Qt::endl;
        return 1;
    }
    const double buildMs = timer.nsecsElapsed() / 1e6;
    const long buildRss = BenchUtils::peakRssMiB();
    const Crm::LetterIndex &index = cache.index();
    out() << "index built from Akonadi: " << buildMs << " ms, " << index.size() << " letters (from file: " << (cache.lastStats().loadedFromFile ? "yes" : "no")
          << ")" << Qt::endl;
    timer.restart();
    {
        Crm::LetterIndexCache again(*folder, Akonadi::Collection(), storage);
        Crm::waitForDone([&again](const Crm::DoneCallback &done) {
            again.open(done);
        });
    }
    const double reopenMs = timer.nsecsElapsed() / 1e6;

    // The counterparties that have letters, and the queries to ask.
    QStringList owners;
    for (const Crm::StoredLetter &s : index.find({})) {
        if (!owners.contains(s.letter.counterpartyUid) && owners.size() < 2000) {
            owners << s.letter.counterpartyUid;
        }
    }
    auto *rng = QRandomGenerator::global();
    const auto byCounterparty = [&] {
        Crm::LetterFilter f;
        f.counterpartyUid = owners.at(rng->bounded(owners.size()));
        return f;
    };
    const auto byMonth = [&] {
        Crm::LetterFilter f;
        f.from = firstDay.addDays(rng->bounded(days - 30));
        f.to = f.from.addDays(30);
        return f;
    };
    QList<double> indexedMs[2];
    qsizetype rows[2] = {0, 0};
    for (int j = 0; j < m; ++j) {
        for (int kind = 0; kind < 2; ++kind) {
            const Crm::LetterFilter f = kind == 0 ? byCounterparty() : byMonth();
            timer.restart();
            const auto found = index.find(f);
            indexedMs[kind] << timer.nsecsElapsed() / 1e6;
            rows[kind] += found.size();
        }
    }
    QList<double> naiveMs[2];
    int wrong = 0;
    for (int j = 0; j < naiveRuns; ++j) {
        for (int kind = 0; kind < 2; ++kind) {
            const Crm::LetterFilter f = kind == 0 ? byCounterparty() : byMonth();
            timer.restart();
            const auto found = naiveFind(*folder, f);
            naiveMs[kind] << timer.nsecsElapsed() / 1e6;
            // Both ways give the same journal.
            wrong += found.size() != index.find(f).size();
        }
    }
    out() << Qt::fixed << qSetRealNumberPrecision(2);
    out() << "index open from its file (nothing changed): " << reopenMs << " ms; peak RSS after the build " << buildRss << " MiB\n";
    out() << "| filter over " << index.size() << " letters (" << m << " runs, " << naiveRuns
          << " naive) | rows (mean) | indexed median | indexed p95 | naive median | naive p95 | speed-up (p95) |\n";
    out() << "|---|---|---|---|---|---|---|\n";
    const char *names[2] = {"by counterparty", "by a month"};
    for (int kind = 0; kind < 2; ++kind) {
        const auto indexed = BenchUtils::summarize(indexedMs[kind]);
        const auto naive = BenchUtils::summarize(naiveMs[kind]);
        out() << "| " << names[kind] << " | " << rows[kind] / std::max(m, 1) << " | " << indexed.median << " ms | " << indexed.p95 << " ms | " << naive.median
              << " ms | " << naive.p95 << " ms | " << naive.p95 / std::max(indexed.p95, 0.001) << "x |\n";
    }
    out() << "peak RSS: " << BenchUtils::peakRssMiB() << " MiB\n";
    out() << "wrong answers: " << wrong << Qt::endl;
    return wrong == 0 ? 0 : 1;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() >= 3 && args[1] == u"generate") {
        return generate(args[2].toInt());
    }
    if (args.size() >= 3 && args[1] == u"query") {
        return query(args[2].toInt(), args.size() >= 4 ? args[3].toInt() : 3);
    }
    QTextStream(stderr) << "usage: crm-letter-bench generate N | query M [NAIVE_RUNS]\n";
    return 2;
}
