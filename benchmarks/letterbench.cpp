// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later

// The correspondence register benchmark (benchmarks/letters.sh drives it):
//   generate N         store N letters in the register (headers and a short
//                      note, no attachment), spread over three years and the
//                      counterparties of the directory, and wait until the
//                      maildir resource has written every one
//   query M NAIVE      M filters by counterparty and M by a month through the
//                      register's index, then NAIVE times the naive way: read
//                      every message's headers from Akonadi, parse, filter
#include "akonadi/letterindexcache.h"
#include "akonadi/writebarrier.h"
#include "blocking/blockingstorage.h"
#include "mime/lettermapping.h"
#include "storage/akonadiitemstorage.h"

#include <Akonadi/ItemFetchJob>
#include <Akonadi/ItemFetchScope>

#include "benchutils.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QRandomGenerator>
#include <QTextStream>

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
    // Letters in date order, numbered per year and direction as the
    // register numbers them.
    QList<QDate> dates;
    for (int i = 0; i < n; ++i) {
        dates << firstDay.addDays(QRandomGenerator::global()->bounded(days));
    }
    std::sort(dates.begin(), dates.end());
    QHash<QPair<int, int>, int> sequences;
    static const QList<QStringList> kinds{{u"Letter"_s}, {u"Contract"_s}, {u"Contract"_s, u"Supplementary agreement"_s}, {u"Invoice"_s}, {u"Act"_s}};
    Crm::AkonadiItemStorage storage;
    QElapsedTimer timer;
    timer.start();
    QList<Crm::ItemStorage::Write> batch;
    Akonadi::Item::List written;
    int failures = 0;
    const auto flush = [&] {
        for (const auto &w : Crm::writeNow(storage, batch, 500)) {
            if (w.item.isValid()) {
                written << w.item;
            } else {
                ++failures;
            }
        }
        batch.clear();
    };
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
        batch << Crm::ItemStorage::Write{
            Crm::ItemStorage::withPayload(Akonadi::Item(), Crm::LetterMapping::toMessage(l), QString::fromLatin1(Crm::LetterMapping::mimeType)),
            *folder};
        if (batch.size() == 1000) {
            flush();
        }
    }
    flush();
    const double storedS = timer.elapsed() / 1000.0;
    // Measured once the resource has written every file, not when Akonadi
    // has the items (AgentInstance::status() Idle comes too early).
    int stalled = 0;
    QEventLoop loop;
    Crm::WriteBarrier::waitCommitted(written, &loop, [&](const QHash<Akonadi::Item::Id, Akonadi::Item> &, const Akonadi::Item::List &left) {
        stalled = left.size();
        loop.quit();
    });
    loop.exec();
    const double committedS = timer.elapsed() / 1000.0;
    out() << "| generate | " << n << " letters | stored in Akonadi " << storedS << " s | written by the maildir resource " << committedS << " s | "
          << int(n / std::max(committedS, 0.001)) << " letters/s | failed writes " << failures << " | never written " << stalled << " |" << Qt::endl;
    return failures == 0 && stalled == 0 ? 0 : 1;
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
