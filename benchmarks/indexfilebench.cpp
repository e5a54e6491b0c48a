// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later

// The calendar index file, read as a cold crmctl reads it before it asks
// Akonadi what changed (`tools/crm bench indexfile [N…]`): N generated tasks
// (50 employees, 1,000 counterparties, the default cycle's states) saved,
// then opened from the file, best of three, packed and mapped as
// ItemIndexCache opens it (CalendarIndex::toCompact) beside the QDataStream
// format (the naive baseline, in the same run), and "my open tasks" asked
// of it beside the same entries held in hashes. No Akonadi: this is the
// file's share of "index open".
#include "domain/calendarindex.h"
#include "domain/checksum.h"
#include "domain/compactbytes.h"
#include "domain/counterparty.h"
#include "domain/directoryindex.h"
#include "domain/itemmembers.h"
#include "domain/mappedfile.h"
#include "domain/searchkeys.h"
#include "domain/taskquery.h"

#include "benchutils.h"

#include <QCoreApplication>
#include <QDataStream>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSaveFile>

#include <QTemporaryDir>
#include <QTextStream>
#include <QTimeZone>
#include <QtEndian>
#include <malloc.h>

#include <algorithm>
#include <functional>

using namespace Qt::Literals::StringLiterals;

namespace
{

Crm::CalendarIndex generate(int n)
{
    static const QStringList states{u"new"_s, u"accepted"_s, u"in-progress"_s, u"postponed"_s, u"done"_s, u"rejected"_s};
    static const QStringList kinds{u"call back"_s, u"offer"_s, u"delivery"_s, u"payment"_s, u"contract"_s};
    const QDateTime base(QDate(2026, 1, 1), QTime(9, 0), QTimeZone::UTC);
    Crm::CalendarIndex index;
    for (int i = 0; i < n; ++i) {
        Crm::CalendarEntry e;
        e.itemId = 1000 + i;
        e.type = Crm::CalendarEntry::Type::Task;
        e.uid = u"urn:uuid:%1-bench-task"_s.arg(i, 8, 10, QChar(u'0'));
        e.summary = u"Task %1 for counterparty %2"_s.arg(i).arg(i % 1000);
        e.counterpartyUid = u"urn:uuid:counterparty-%1"_s.arg(i % 1000);
        e.kind = kinds.at(i % kinds.size());
        e.state = states.at(i % states.size());
        e.status = e.state == u"done"_s ? Crm::CycleState::Status::Completed : Crm::CycleState::Status::NeedsAction;
        e.responsible = u"emp%1@bench.example"_s.arg(i % 50);
        e.issuer = u"emp%1@bench.example"_s.arg((i + 7) % 50);
        e.start = base.addSecs(qint64(i) * 600);
        e.due = base.addSecs(qint64(i) * 600 + 86400 * 3);
        index.insert(e);
    }
    return index;
}

/// @p n counterparties with three contact persons each, made as the
/// importer makes them (DirectoryEntry::from).
/// An index of @p n counterparties with 3 persons each, filled one entry at
/// a time; with @p asImport, each entry is first looked up by the keys an
/// import plan asks (@p lookups counts their answers).
Crm::DirectoryIndex generateDirectory(int n, bool asImport = false, qsizetype *lookups = nullptr, const QString &spoolFolder = {})
{
    Crm::DirectoryIndex index;
    index.setSpoolFolder(spoolFolder);
    qsizetype answers = 0;
    qint64 id = 1;
    for (int i = 0; i < n; ++i) {
        Crm::Counterparty c;
        c.uid = u"urn:uuid:cp-%1"_s.arg(i);
        c.name = u"ТОВ «Фірма %1»"_s.arg(i);
        c.shortName = u"Фірма %1"_s.arg(i);
        c.taxCode = QString::number(30000000 + i);
        c.phones = {u"+38 044 %1"_s.arg(1000000 + i)};
        c.emails = {u"office@firm%1.example"_s.arg(i)};
        c.groups = {i % 3 ? u"Клієнти"_s : u"Постачальники"_s};
        if (asImport) {
            answers += index.byUid(c.uid).size() + index.byTaxCode(c.taxCode).size() + index.byExactName(c.name).size() + index.byPhone(c.phones.at(0)).size();
        }
        index.insert(Crm::DirectoryEntry::from(c, id++));
        for (int k = 0; k < 3; ++k) {
            Crm::ContactPerson p;
            p.uid = u"urn:uuid:p-%1-%2"_s.arg(i).arg(k);
            p.counterpartyUid = c.uid;
            p.name = u"Олена%1 Коваль%2"_s.arg(k).arg(i);
            p.phones = {u"+38 067 %1"_s.arg(3000000 + i * 3 + k)};
            p.emails = {u"person%1.%2@firm%1.example"_s.arg(i).arg(k)};
            if (asImport) {
                answers += index.byUid(p.uid).size() + index.byEmail(p.emails.at(0)).size() + index.byPhone(p.phones.at(0)).size();
            }
            index.insert(Crm::DirectoryEntry::from(p, id++));
        }
    }
    if (lookups) {
        *lookups = answers;
    }
    return index;
}

/// A cold `crmctl card` of a number: the lookups it asks.
int coldCard(const Crm::DirectoryIndex &index, int n)
{
    const auto hits = index.find(u"044 %1"_s.arg(1000000 + n / 2));
    return hits.isEmpty() ? 0 : int(index.personsOf(hits.constFirst().entry.uid).size()) + 1;
}

/// Every lookup's hash built, as reading the file built them all before
/// they were made on demand: each asked more often than it is scanned.
int everyLookup(const Crm::DirectoryIndex &index)
{
    int found = 0;
    for (int round = 0; round < 4; ++round) {
        found += int(index.byUid(u"urn:uuid:cp-1"_s).size() + index.byTaxCode(u"30000001").size() + index.byPhone(u"+38 044 1000001").size()
                     + index.byEmail(u"office@firm1.example").size() + index.personsOf(u"urn:uuid:cp-1"_s).size() + index.byExactName(u"Фірма 1").size());
    }
    return found;
}

/// Warm searches by a part of a counterparty's name, as the search field
/// and `crmctl counterparty find` ask: the packed index's scan of its folded
/// names, beside the same search over the entries held as QHash and QString
/// (each entry's name keys asked in turn, as the index did before it was
/// packed). Median and p95 over @p m random parts; @p wrong counts answers
/// that do not hold the part.
struct NamePartTimes {
    BenchUtils::Timing packed;
    BenchUtils::Timing held;
};

NamePartTimes namePartSearches(const Crm::DirectoryIndex &index, int n, int m, int *wrong)
{
    QHash<qint64, Crm::DirectoryEntry> held;
    for (const Crm::DirectoryEntry &e : index.entries()) {
        held.insert(e.itemId, e);
    }
    auto *rng = QRandomGenerator::global();
    QList<double> packedMs, heldMs;
    QElapsedTimer timer;
    for (int j = 0; j < m; ++j) {
        const QString part = u"фірма %1"_s.arg(rng->bounded(n));
        timer.start();
        const auto hits = index.find(part, 5);
        packedMs << timer.nsecsElapsed() / 1e6;
        *wrong += hits.isEmpty() || !hits.constFirst().entry.nameKeys.constFirst().contains(part);

        timer.start();
        const QString needle = Crm::SearchKeys::name(part);
        QList<qint64> found;
        for (auto it = held.cbegin(); it != held.cend(); ++it) {
            const QStringList &keys = it->nameKeys;
            if (std::any_of(keys.cbegin(), keys.cend(), [&needle](const QString &k) {
                    return k.contains(needle);
                })) {
                found << it.key();
            }
        }
        heldMs << timer.nsecsElapsed() / 1e6;
        *wrong += found.isEmpty();
    }
    return {BenchUtils::summarize(packedMs), BenchUtils::summarize(heldMs)};
}

/// @p index as the QDataStream files held it (the baseline).
template<typename Index>
QByteArray dataStreamOf(const Index &index)
{
    QByteArray bytes;
    QDataStream stream(&bytes, QIODevice::WriteOnly);
    stream.setVersion(QDataStream::Qt_6_8);
    stream << index;
    return bytes;
}

/// Reads a QDataStream file back as the baseline did; its entries, or -1.
template<typename Index>
int readDataStream(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return -1;
    }
    QDataStream in(&file);
    in.setVersion(QDataStream::Qt_6_8);
    Index index;
    in >> index;
    return in.status() == QDataStream::Ok ? index.size() : -1;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

/// The best of three reads of @p read, in ms.
template<typename Read>
double bestOfThree(Read read, int *entries)
{
    double best = 1e18;
    for (int round = 0; round < 3; ++round) {
        QElapsedTimer timer;
        timer.start();
        *entries = read();
        best = qMin(best, timer.nsecsElapsed() / 1e6);
    }
    return best;
}

} // namespace

/// What the directory index in @p path takes in memory, held @p how
/// ("packed" as it is read, or "hash": its entries in a QHash, as every
/// index held them before), measured by a process of its own; MiB.
double memoryOf(const QString &how, const QString &path)
{
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QCoreApplication::applicationFilePath(), {u"--memory"_s, how, path});
    child.waitForFinished(600000);
    return child.readAllStandardOutput().trimmed().toDouble();
}

/// Opens the packed directory in @p path as an index file is opened:
/// mapped, summed a part at a time (the pages let go), checked where it
/// lies, and let go again; a cold card then reads a few pages of it.
bool openMapped(const QString &path, Crm::DirectoryIndex *index)
{
    const auto mapped = Crm::MappedFile::open(path);
    if (!mapped) {
        return false;
    }
    constexpr qsizetype part = 4 << 20;
    const QByteArrayView bytes = mapped->bytes();
    quint32 crc = 0;
    for (qsizetype at = 0; at < bytes.size(); at += part) {
        const QByteArrayView piece = bytes.sliced(at, std::min(part, bytes.size() - at));
        crc = Crm::crc32(piece, crc);
        mapped->releasePages(piece);
    }
    const bool ok = crc != 0 && index->fromCompact(mapped, bytes);
    index->releasePages();
    return ok;
}

int measureMemory(const QString &how, const QString &path)
{
    const double before = BenchUtils::currentRssMiB();
    Crm::DirectoryIndex index;
    if (how == u"mapped"_s) {
        const long peakBefore = BenchUtils::programPeakRssMiB();
        if (!openMapped(path, &index) || coldCard(index, index.size() / 4) != 4) {
            return 1;
        }
        // What stays, and (on stderr) how far the peak rose while opening.
        QTextStream(stdout) << BenchUtils::currentRssMiB() - before << Qt::endl;
        QTextStream(stderr) << "mapped open: the peak rose by " << BenchUtils::programPeakRssMiB() - peakBefore << " MiB" << Qt::endl;
        return 0;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || !index.fromCompact(file.readAll())) {
        return 1;
    }
    QHash<qint64, Crm::DirectoryEntry> held;
    if (how == u"hash"_s) {
        for (const Crm::DirectoryEntry &e : index.entries()) {
            held.insert(e.itemId, e);
        }
        index.clear();
        malloc_trim(0); // the packed block and the list entries() made are gone
    }
    QTextStream(stdout) << BenchUtils::currentRssMiB() - before << Qt::endl;
    return 0;
}

/// The peak of a process that fills an empty directory index with @p n
/// counterparties (and 3n persons) one entry at a time, as an import does,
/// and packs it for its file; MiB.
int fillPeak(int n, const QString &how)
{
    // "spool": packed into files beside the index file, as DirectoryIndexCache
    // has it; "memory": packed in memory (the baseline).
    QTemporaryDir spool;
    const BenchUtils::AnonPeakSampler sampler;
    QElapsedTimer timer;
    timer.start();
    qsizetype answers = 0;
    const Crm::DirectoryIndex index = generateDirectory(n, true, &answers, how == u"spool"_s ? spool.path() : QString());
    const qint64 filled = timer.elapsed();
    QFile file(spool.filePath(u"index.bin"_s));
    if (!file.open(QIODevice::WriteOnly)) {
        return 1;
    }
    {
        QDataStream out(&file);
        index.writeCompact(out); // as the index file is saved
    }
    // Every record was new: an answer is a wrong one.
    QTextStream(stdout) << "| " << n << " + " << 3 * n << " | " << how << " | " << filled << " ms (" << double(filled) * 1000 / (4.0 * n) << " µs a record) | "
                        << timer.elapsed() - filled << " ms | " << file.size() / 1024 / 1024 << " MiB | " << BenchUtils::peakRssMiB() << " MiB | "
                        << sampler.peakMiB() << " MiB | " << answers << " |" << Qt::endl;
    return answers == 0 ? 0 : 1;
}

/// Reading the members table of an index file of @p n items: as the
/// records where they lie (ItemMembers), and into two QHash as before
/// (the baseline); time and memory, each in a process of its own (@p how).
int membersRead(int n, const QString &how)
{
    Crm::ItemMembers written;
    for (qint64 id = 0; id < n; ++id) {
        written.insert(id * 3, {id % 3, int(id % 100)});
    }
    const QByteArray bytes = written.toBytes();
    written.clear();
    malloc_trim(0);
    const double before = BenchUtils::currentRssMiB();
    QElapsedTimer timer;
    timer.start();
    qint64 found = 0;
    Crm::ItemMembers members;
    QHash<qint64, qint64> collections;
    QHash<qint64, int> revisions;
    if (how == u"records"_s) {
        members.fromBytes(bytes);
        found = members.find(qint64(n / 2) * 3)->collection;
    } else {
        Crm::CompactReader in(bytes);
        const quint32 count = in.u32();
        collections.reserve(count);
        revisions.reserve(count);
        for (quint32 i = 0; i < count; ++i) {
            const qint64 id = in.i64();
            collections.insert(id, in.i64());
            revisions.insert(id, int(in.u32()));
        }
        found = collections.value(qint64(n / 2) * 3);
    }
    const double ms = timer.nsecsElapsed() / 1e6;
    QTextStream(stdout) << "| " << n << " | " << how << " | " << ms << " ms | " << BenchUtils::currentRssMiB() - before << " MiB | " << found << " |"
                        << Qt::endl;
    return 0;
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (app.arguments().size() == 4 && app.arguments().at(1) == u"--members"_s) {
        return membersRead(app.arguments().at(2).toInt(), app.arguments().at(3));
    }
    if (app.arguments().size() == 4 && app.arguments().at(1) == u"--fill"_s) {
        return fillPeak(app.arguments().at(2).toInt(), app.arguments().at(3));
    }
    if (app.arguments().size() == 4 && app.arguments().at(1) == u"--memory"_s) {
        return measureMemory(app.arguments().at(2), app.arguments().at(3));
    }
    QTextStream out(stdout);
    QList<int> sizes;
    for (const QString &a : app.arguments().mid(1)) {
        sizes.append(a.toInt());
    }
    if (sizes.isEmpty()) {
        sizes = {50000, 500000};
    }
    QTemporaryDir dir;
    out << "| tasks | QDataStream file, read (baseline) | packed file | mapped, open | mapped, summed and checked whole, open | "
           "mapped, open + one counterparty's tasks | my open tasks, warm: packed median | p95 | as QHash (baseline): median | p95 |\n"
           "|---|---|---|---|---|---|---|---|---|---|\n";
    const Crm::BusinessCycles cycles;
    const QDateTime now(QDate(2026, 6, 1), QTime(12, 0), QTimeZone::UTC);
    for (const int n : std::as_const(sizes)) {
        const QString naivePath = dir.filePath(u"naive.bin"_s);
        const QString packedPath = dir.filePath(u"packed.bin"_s);
        qint64 packedSize = 0;
        // The baseline for "my open tasks": every entry held in hashes, as
        // the index kept them before it was packed (and as it keeps changes).
        Crm::CalendarIndex held = generate(n);
        {
            const QByteArray packed = held.toCompact();
            if (!writeFile(naivePath, dataStreamOf(held)) || !writeFile(packedPath, packed)) {
                out << "cannot write in " << dir.path() << Qt::endl;
                return 1;
            }
            packedSize = packed.size();
        }
        int naiveEntries = 0;
        const double naiveMs = bestOfThree(
            [&] {
                return readDataStream<Crm::CalendarIndex>(naivePath);
            },
            &naiveEntries);
        // As ItemIndexCache opens a file its writer marked (sizes only), a
        // file it did not write (summed, every reference checked), and the
        // first question of a cold card after the first.
        auto openMapped = [&](Crm::PackedBlockChecks checks, const std::function<int(const Crm::CalendarIndex &)> &then) {
            const auto mapped = Crm::MappedFile::open(packedPath);
            if (!mapped) {
                return -1;
            }
            if (checks == Crm::PackedBlockChecks::Everything && Crm::crc32(mapped->bytes()) == 0) {
                return -1;
            }
            Crm::CalendarIndex index;
            if (!index.fromCompact(mapped, mapped->bytes(), checks)) {
                return -1;
            }
            return then ? then(index) : index.size();
        };
        int openEntries = 0;
        const double openMs = bestOfThree(
            [&] {
                return openMapped(Crm::PackedBlockChecks::SizesOnly, {});
            },
            &openEntries);
        int checkedEntries = 0;
        const double checkedMs = bestOfThree(
            [&] {
                return openMapped(Crm::PackedBlockChecks::Everything, {});
            },
            &checkedEntries);
        int cardTasks = 0;
        const double cardMs = bestOfThree(
            [&] {
                return openMapped(Crm::PackedBlockChecks::SizesOnly, [](const Crm::CalendarIndex &index) {
                    return int(index.byCounterparty(u"urn:uuid:counterparty-7"_s).size());
                });
            },
            &cardTasks);
        // "My open tasks" of 200 employees' turns, warm: packed and mapped,
        // and over the same entries held in hashes.
        const auto mapped = Crm::MappedFile::open(packedPath);
        Crm::CalendarIndex packed;
        if (!mapped || !packed.fromCompact(mapped, mapped->bytes(), Crm::PackedBlockChecks::SizesOnly)) {
            out << "cannot open " << packedPath << Qt::endl;
            return 1;
        }
        auto myOpenTasks = [&](const Crm::CalendarIndex &index, QList<qsizetype> *found) {
            QList<double> times;
            for (int i = 0; i < 200; ++i) {
                Crm::TaskQuery q;
                q.responsible = u"emp%1@bench.example"_s.arg(i % 50);
                q.openOnly = true;
                QElapsedTimer timer;
                timer.start();
                found->append(q.run(index, cycles, now).size());
                times.append(timer.nsecsElapsed() / 1e6);
            }
            return BenchUtils::summarize(times);
        };
        QList<qsizetype> packedFound;
        QList<qsizetype> heldFound;
        const BenchUtils::Timing packedTimes = myOpenTasks(packed, &packedFound);
        const BenchUtils::Timing heldTimes = myOpenTasks(held, &heldFound);
        if (naiveEntries != n || openEntries != n || checkedEntries != n || cardTasks != n / 1000 || packedFound != heldFound || packedFound.first() == 0) {
            out << "read back " << naiveEntries << ", " << openEntries << " and " << checkedEntries << " entries of " << n << ", " << cardTasks
                << " tasks of a counterparty; my open tasks " << (packedFound == heldFound ? "agree" : "differ") << Qt::endl;
            return 1;
        }
        auto ms = [](double v) {
            return QString::number(v, 'f', v < 10 ? 2 : 1) + u" ms"_s;
        };
        out << "| " << n << " | " << ms(naiveMs) << " | " << packedSize / 1024 << " KiB | " << ms(openMs) << " | " << ms(checkedMs) << " | " << ms(cardMs)
            << " | " << ms(packedTimes.median) << " | " << ms(packedTimes.p95) << " | " << ms(heldTimes.median) << " | " << ms(heldTimes.p95) << " |\n";
        out << "(" << n << ": " << packedFound.first() << " open tasks of one employee)\n";
        out.flush();
    }
    QList<int> directorySizes;
    for (const int n : std::as_const(sizes)) {
        directorySizes.append(n / 5); // 50,000 tasks beside 10,000 counterparties, as the issues' sizes go
    }
    out << "\n| counterparties + persons | QDataStream file, read (baseline) | packed file, read and open | read, open + a cold card's lookups | "
           "mapped, summed, open + a cold card's lookups | read, open + every lookup, 4 times | memory: entries as QHash | memory: packed, read | "
           "memory: packed, mapped, after a cold card |\n|---|---|---|---|---|---|---|---|---|\n";
    for (const int n : std::as_const(directorySizes)) {
        const QString naivePath = dir.filePath(u"dir-naive.bin"_s);
        const QString compactPath = dir.filePath(u"dir-compact.bin"_s);
        {
            const Crm::DirectoryIndex index = generateDirectory(n);
            const QByteArray naive = dataStreamOf(index);
            if (!writeFile(naivePath, naive) || !writeFile(compactPath, index.toCompact())) {
                out << "cannot write in " << dir.path() << Qt::endl;
                return 1;
            }
        }
        auto readCompact = [&](const std::function<int(const Crm::DirectoryIndex &)> &then) {
            QFile file(compactPath);
            if (!file.open(QIODevice::ReadOnly)) {
                return -1;
            }
            Crm::DirectoryIndex index;
            if (!index.fromCompact(file.readAll())) {
                return -1;
            }
            return then ? then(index) : index.size();
        };
        int entries = 0;
        const double naiveMs = bestOfThree(
            [&] {
                return readDataStream<Crm::DirectoryIndex>(naivePath);
            },
            &entries);
        int compactEntries = 0;
        const double compactMs = bestOfThree(
            [&] {
                return readCompact({});
            },
            &compactEntries);
        int card = 0;
        const double cardMs = bestOfThree(
            [&] {
                return readCompact([n](const Crm::DirectoryIndex &index) {
                    return coldCard(index, n);
                });
            },
            &card);
        int mappedCard = 0;
        const double mappedCardMs = bestOfThree(
            [&] {
                Crm::DirectoryIndex index;
                return openMapped(compactPath, &index) ? coldCard(index, n) : -1;
            },
            &mappedCard);
        int every = 0;
        const double everyMs = bestOfThree(
            [&] {
                return readCompact(everyLookup);
            },
            &every);
        // The memory an open index takes, packed, beside the same entries
        // held as QHash and QString (what every index held before): each
        // in a process of its own, so that nothing freed before is reused.
        const double packedMiB = memoryOf(u"packed"_s, compactPath);
        const double hashMiB = memoryOf(u"hash"_s, compactPath);
        const double mappedMiB = memoryOf(u"mapped"_s, compactPath);
        if (entries != n * 4 || compactEntries != n * 4 || card != 4 || mappedCard != 4 || every < 24) {
            out << "wrong answers: " << entries << " " << compactEntries << " " << card << " " << mappedCard << " " << every << Qt::endl;
            return 1;
        }
        out << "| " << n << " + " << 3 * n << " | " << QString::number(naiveMs, 'f', 1) << " ms | " << QString::number(compactMs, 'f', 1) << " ms | "
            << QString::number(cardMs, 'f', 1) << " ms | " << QString::number(mappedCardMs, 'f', 1) << " ms | " << QString::number(everyMs, 'f', 1) << " ms | "
            << QString::number(hashMiB, 'f', 0) << " MiB | " << QString::number(packedMiB, 'f', 0) << " MiB | " << QString::number(mappedMiB, 'f', 1)
            << " MiB |\n";
        out.flush();
    }
    out << "\n| counterparties + persons, 200 warm searches by a name part | packed, mapped: median | p95 | entries as QHash (baseline): median | p95 | "
           "the file written again for one changed entry |\n"
           "|---|---|---|---|---|---|\n";
    for (const int n : std::as_const(directorySizes)) {
        const QString path = dir.filePath(u"dir-names.bin"_s);
        if (!writeFile(path, generateDirectory(n).toCompact())) {
            out << "cannot write in " << dir.path() << Qt::endl;
            return 1;
        }
        Crm::DirectoryIndex index;
        int wrong = 0;
        if (!openMapped(path, &index)) {
            out << "cannot open " << path << Qt::endl;
            return 1;
        }
        const NamePartTimes t = namePartSearches(index, n, 200, &wrong);
        if (wrong) {
            out << "wrong answers: " << wrong << Qt::endl;
            return 1;
        }
        auto ms = [](double v) {
            return QString::number(v, 'f', 2) + u" ms"_s;
        };
        // What an open that read one changed entry paid until session 17:
        // the index written again whole (packed, then saved as its file).
        int resaved = 0;
        const double resaveMs = bestOfThree(
            [&] {
                Crm::DirectoryIndex opened;
                if (!openMapped(path, &opened)) {
                    return -1;
                }
                Crm::Counterparty c;
                c.uid = u"urn:uuid:cp-1"_s;
                c.name = u"ТОВ «Фірма 1», змінена"_s;
                opened.insert(Crm::DirectoryEntry::from(c, 1));
                QSaveFile file(dir.filePath(u"dir-resaved.bin"_s));
                if (!file.open(QIODevice::WriteOnly)) {
                    return -1;
                }
                QDataStream stream(&file);
                opened.writeCompact(stream);
                return file.commit() ? int(opened.size()) : -1;
            },
            &resaved);
        if (resaved != n * 4) {
            out << "the file was not written again: " << resaved << Qt::endl;
            return 1;
        }
        out << "| " << n << " + " << 3 * n << " | " << ms(t.packed.median) << " | " << ms(t.packed.p95) << " | " << ms(t.held.median) << " | " << ms(t.held.p95)
            << " | " << ms(resaveMs) << " |\n";
        out.flush();
    }
    out << "peak memory: " << BenchUtils::peakRssMiB() << " MiB\n";
    return 0;
}
