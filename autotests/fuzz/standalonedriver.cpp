// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
//
// A main() for the fuzz targets where libFuzzer is not available (GCC: the
// Debian 13 build root has no clang). It takes libFuzzer's command line for
// the flags tools/fuzz.sh uses:
//
//   FUZZER [-max_total_time=S] [-runs=N] [-timeout=S] [-rss_limit_mb=M]
//          [-max_len=B] [-seed=N] [-artifact_prefix=P] FILE|DIR…
//
// It replays every input, then mutates them (bit flips, byte inserts and
// deletes, interesting bytes and numbers, chunks copied, repeated or taken
// from another input, splices of two inputs) until the time or the runs are
// spent. With the core libraries built with -fsanitize-coverage=trace-pc
// (CRM_FUZZ_COVERAGE, as tools/fuzz.sh does; see fuzzcoverage.h) it is
// coverage guided: a mutant that reaches new code (edge and hit-count
// buckets, as AFL counts them) joins the corpus. Without it, it mutates the
// seeds blindly: it finds less than libFuzzer, but it runs everywhere.
//
// As libFuzzer it leaves the input behind and fails: crash-<hash> on a
// sanitizer report or a deadly signal, timeout-<hash> on an input running
// over -timeout seconds (a watchdog thread), oom-<hash> when the resident
// memory passes -rss_limit_mb or one allocation asks for more (sanitizer
// malloc hook). The fuzzer's own self-check: CRM_FUZZ_PLANT=KIND[:TOKEN]
// makes the driver itself misbehave on any input containing TOKEN (default
// "\x01"; \xNN escapes allowed), KIND one of abort, segv, overflow (a heap
// read past the end, for AddressSanitizer), ubsan (signed overflow), hang,
// oom. The product code knows nothing of it; autotests/fuzz/fuzzcheck.sh
// proves with it that each kind is found, reported and kept.
#include "fuzzcoverage.h"

#include <QByteArray>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QList>
#include <QRandomGenerator>
#include <QSet>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <climits>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <iterator>
#include <pthread.h>
#include <thread>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

// Sanitizer hooks, weak so that the driver also links without sanitizers.
extern "C" {
__attribute__((weak)) void __sanitizer_set_death_callback(void (*callback)(void));
__attribute__((weak)) int __sanitizer_install_malloc_and_free_hooks(void (*mallocHook)(const volatile void *, size_t), void (*freeHook)(const volatile void *));
__attribute__((weak)) void __sanitizer_print_stack_trace();

// GCC links UBSan as its own runtime, which does not call AddressSanitizer's
// death callback: an UBSan report aborts instead, and the SIGABRT handler
// keeps the input. Leaks are not looked for (Qt's globals live to the end).
__attribute__((visibility("default"))) const char *__ubsan_default_options()
{
    return "halt_on_error=1:abort_on_error=1:print_stacktrace=1";
}
__attribute__((visibility("default"))) const char *__asan_default_options()
{
    return "detect_leaks=0";
}
}

namespace
{
// ---- the input under test, for the crash paths (async-signal-safe) ----
const char *volatile currentData = nullptr;
volatile size_t currentSize = 0;
std::atomic<int64_t> runStartMs{0}; // 0 while no input runs
std::atomic<bool> reported{false};
char artifactPrefix[512] = "";
int timeoutSeconds = 1200;
size_t rssLimitMb = 2048;
pthread_t mainThread;

int64_t nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

void say(const char *text)
{
    (void)!::write(2, text, std::strlen(text));
}

// Writes the current input to PREFIX KIND-<fnv1a64>; async-signal-safe.
void keepInput(const char *kind)
{
    const char *data = currentData;
    const size_t size = currentSize;
    uint64_t hash = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < size; ++i) {
        hash = (hash ^ uint8_t(data[i])) * 0x100000001b3ull;
    }
    char name[600];
    size_t n = 0;
    for (const char *p = artifactPrefix; *p && n < 500; ++p) {
        name[n++] = *p;
    }
    for (const char *p = kind; *p && n < 520; ++p) {
        name[n++] = *p;
    }
    name[n++] = '-';
    for (int shift = 60; shift >= 0; shift -= 4) {
        name[n++] = "0123456789abcdef"[(hash >> shift) & 0xf];
    }
    name[n] = '\0';
    const int fd = ::open(name, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
        size_t done = 0;
        while (done < size) {
            const ssize_t w = ::write(fd, data + done, size - done);
            if (w <= 0) {
                break;
            }
            done += size_t(w);
        }
        ::close(fd);
    }
    say("==standalone fuzz driver== ");
    say(kind);
    say(": input kept as ");
    say(name);
    say("\n");
}

// Once per process: the first report wins (a sanitizer report may end in abort()).
bool firstReport()
{
    return !reported.exchange(true);
}

void onDeath()
{
    if (firstReport() && currentData) {
        keepInput("crash");
    }
}

void onSignal(int signal)
{
    if (firstReport()) {
        say("==standalone fuzz driver== deadly signal\n");
        if (currentData) {
            keepInput("crash");
        }
    }
    ::signal(signal, SIG_DFL);
    ::raise(signal);
}

void onTimeoutInMainThread(int)
{
    // Sent by the watchdog: show where the input hangs, then leave.
    if (__sanitizer_print_stack_trace) {
        __sanitizer_print_stack_trace();
    }
    ::_exit(70);
}

size_t residentMb()
{
    const int fd = ::open("/proc/self/statm", O_RDONLY);
    if (fd < 0) {
        return 0;
    }
    char buffer[128] = {};
    (void)!::read(fd, buffer, sizeof buffer - 1);
    ::close(fd);
    const char *resident = std::strchr(buffer, ' ');
    return resident ? size_t(std::strtoull(resident + 1, nullptr, 10)) * size_t(::sysconf(_SC_PAGESIZE)) / (1024 * 1024) : 0;
}

void outOfMemory(size_t mb, const char *what)
{
    if (!firstReport()) {
        return;
    }
    char line[160];
    std::snprintf(line, sizeof line, "==standalone fuzz driver== out of memory: %s %zu MB (-rss_limit_mb=%zu)\n", what, mb, rssLimitMb);
    say(line);
    if (currentData) {
        keepInput("oom");
    }
    if (__sanitizer_print_stack_trace) {
        __sanitizer_print_stack_trace();
    }
    ::_exit(71);
}

// libFuzzer's -malloc_limit_mb: one allocation above the limit is an OOM.
void onMalloc(const volatile void *, size_t size)
{
    if (size > rssLimitMb * 1024 * 1024 && runStartMs.load(std::memory_order_relaxed) != 0) {
        outOfMemory(size / (1024 * 1024), "one allocation of");
    }
}

void watchdog()
{
    for (;;) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        const int64_t start = runStartMs.load();
        if (start != 0 && nowMs() - start > int64_t(timeoutSeconds) * 1000) {
            if (firstReport()) {
                char line[120];
                std::snprintf(line, sizeof line, "==standalone fuzz driver== timeout: one input ran over %d s\n", timeoutSeconds);
                say(line);
                keepInput("timeout");
                ::pthread_kill(mainThread, SIGUSR2);
                std::this_thread::sleep_for(std::chrono::seconds(2));
            }
            ::_exit(70);
        }
        const size_t mb = residentMb();
        if (mb > rssLimitMb) {
            outOfMemory(mb, "resident memory");
        }
    }
}

// ---- log messages ----
// A parser's qWarning for every odd input would drown the output and slow
// the run: each distinct message is shown once, with the input it came from
// ignored. A message worth fixing (a KI18n warning, say) still shows.
QSet<QString> messagesSeen;

void onMessage(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    if (type == QtFatalMsg || (messagesSeen.size() < 200 && !messagesSeen.contains(message))) {
        messagesSeen.insert(message);
        std::fprintf(stderr, "log (first time): %s\n", qPrintable(message));
    }
}

// ---- the planted misbehaviour (self-check) ----
struct Plant {
    QByteArray kind;
    QByteArray token = QByteArray("\x01", 1);
};

Plant readPlant()
{
    Plant plant;
    const QByteArray spec = qgetenv("CRM_FUZZ_PLANT");
    if (spec.isEmpty()) {
        return plant;
    }
    const qsizetype colon = spec.indexOf(':');
    plant.kind = spec.left(colon);
    if (colon >= 0) {
        QByteArray token;
        const QByteArray raw = spec.mid(colon + 1);
        for (qsizetype i = 0; i < raw.size(); ++i) {
            if (raw[i] == '\\' && i + 3 < raw.size() && raw[i + 1] == 'x') {
                token += char(raw.mid(i + 2, 2).toInt(nullptr, 16));
                i += 3;
            } else {
                token += raw[i];
            }
        }
        plant.token = token;
    }
    std::fprintf(stderr, "self-check: planted %s on inputs containing %d byte(s)\n", plant.kind.constData(), int(plant.token.size()));
    return plant;
}

volatile int sink = 0;

// A heap read one past the end, for AddressSanitizer (UBSan's object-size
// check would see it first).
__attribute__((no_sanitize("undefined"))) void readPastTheEnd()
{
    const size_t size = 16 + size_t(sink & 1);
    char *buffer = new char[size];
    sink = buffer[size];
    delete[] buffer;
}

void triggerPlant(const Plant &plant)
{
    if (plant.kind == "abort") {
        std::abort();
    } else if (plant.kind == "segv") {
        *reinterpret_cast<volatile int *>(uintptr_t(sink) + 16) = 1; // not null: UBSan would see that first
    } else if (plant.kind == "overflow") {
        readPastTheEnd();
    } else if (plant.kind == "ubsan") {
        volatile int big = INT_MAX;
        sink = big + 1;
    } else if (plant.kind == "hang") {
        for (;;) {
            sink = (sink + 1) & 0xffff; // no signed overflow: UBSan would report that instead
        }
    } else if (plant.kind == "oom") {
        for (int i = 0; i < 64 * 1024; ++i) { // up to 64 GB, touched
            char *chunk = static_cast<char *>(std::malloc(1024 * 1024));
            std::memset(chunk, i, 1024 * 1024);
            sink = sink + chunk[i % 1024];
        }
    }
}

// ---- mutation ----
using CrmFuzzCoverage::edgeMap;
using CrmFuzzCoverage::mapSize;
uint8_t seenBuckets[mapSize];

bool recordCoverage()
{
    bool fresh = false;
    const auto *words = reinterpret_cast<const uint64_t *>(edgeMap);
    for (size_t w = 0; w < mapSize / 8; ++w) {
        if (!words[w]) {
            continue;
        }
        for (size_t i = w * 8; i < w * 8 + 8; ++i) {
            const uint8_t hits = edgeMap[i];
            if (!hits) {
                continue;
            }
            // AFL's buckets: 1, 2, 3, 4-7, 8-15, 16-31, 32-127, 128+.
            const uint8_t bucket = hits >= 128 ? 128 : hits >= 32 ? 64 : hits >= 16 ? 32 : hits >= 8 ? 16 : hits >= 4 ? 8 : hits == 3 ? 4 : hits;
            if ((seenBuckets[i] | bucket) != seenBuckets[i]) {
                seenBuckets[i] |= bucket;
                fresh = true;
            }
        }
    }
    return fresh;
}

size_t coveredEdges()
{
    return size_t(std::count_if(seenBuckets, seenBuckets + mapSize, [](uint8_t b) {
        return b != 0;
    }));
}

struct Mutator {
    QRandomGenerator random;
    const QList<QByteArray> &corpus;
    qsizetype maxLen;

    qsizetype below(qsizetype n)
    {
        return n > 0 ? qsizetype(random.bounded(quint64(n))) : 0;
    }

    QByteArray chunkOf(const QByteArray &from)
    {
        if (from.isEmpty()) {
            return {};
        }
        const qsizetype at = below(from.size());
        return from.mid(at, 1 + below(qMin<qsizetype>(64, from.size() - at)));
    }

    void step(QByteArray &input)
    {
        static const char interestingBytes[] = {'=',    '\r',   '\n',   ';',    ',',    ':',    '"', '\0', '\x1b', '\x07', '\x7f', '\x80', '\xff',
                                                '\xd0', '\xd1', '\xc3', '\xef', '\xbb', '\xbf', ' ', '\t', '-',    '+',    '0',    '9',    '\\'};
        static const char *const interestingNumbers[] = {
            "0",     "1",    "-1",   "7",     "24",    "60",         "127",        "128",         "255",        "256",
            "366",   "1000", "9999", "32767", "65535", "2147483647", "2147483648", "-2147483648", "4294967296", "99999999999999999999",
            "1e308", "nan"};
        const qsizetype n = input.size();
        switch (random.bounded(12)) {
        case 0: // flip a bit
            if (n > 0) {
                input[below(n)] ^= char(1 << random.bounded(8));
            }
            break;
        case 1: // replace a byte
            if (n > 0) {
                input[below(n)] = char(random.bounded(256));
            }
            break;
        case 2: // insert an interesting byte
            input.insert(below(n + 1), interestingBytes[random.bounded(int(sizeof interestingBytes))]);
            break;
        case 3: // insert random bytes
        {
            QByteArray bytes(1 + below(8), '\0');
            for (char &c : bytes) {
                c = char(random.bounded(256));
            }
            input.insert(below(n + 1), bytes);
            break;
        }
        case 4: // delete a range
            if (n > 0) {
                const qsizetype at = below(n);
                input.remove(at, 1 + below(qMin<qsizetype>(32, n - at)));
            }
            break;
        case 5: // copy a chunk of this input elsewhere
            input.insert(below(n + 1), chunkOf(input));
            break;
        case 6: // overwrite with a chunk of this input
            if (n > 0) {
                const QByteArray chunk = chunkOf(input);
                const qsizetype at = below(n);
                input.replace(at, qMin(chunk.size(), n - at), chunk);
            }
            break;
        case 7: // repeat a chunk many times (floods, deep nesting, long fields)
        {
            const QByteArray chunk = chunkOf(input).left(16);
            if (!chunk.isEmpty()) {
                const qsizetype times = 2 + below(random.bounded(4) == 0 ? 4000 : 60);
                input.insert(below(n + 1), chunk.repeated(qMin<qsizetype>(times, maxLen / chunk.size())));
            }
            break;
        }
        case 8: // insert a chunk of another input (its tokens: BYHOUR=, ENCODING=, …)
            if (!corpus.isEmpty()) {
                input.insert(below(n + 1), chunkOf(corpus[below(corpus.size())]));
            }
            break;
        case 9: // splice: this input's head, another's tail
            if (!corpus.isEmpty()) {
                const QByteArray &other = corpus[below(corpus.size())];
                input = input.left(below(n + 1)) + other.mid(below(other.size() + 1));
            }
            break;
        case 10: // replace a run of digits with an interesting number
        {
            qsizetype at = n > 0 ? below(n) : 0;
            while (at < n && !(input[at] >= '0' && input[at] <= '9')) {
                ++at;
            }
            qsizetype end = at;
            while (end < n && input[end] >= '0' && input[end] <= '9') {
                ++end;
            }
            input.replace(at, end - at, interestingNumbers[random.bounded(int(std::size(interestingNumbers)))]);
            break;
        }
        default: // change a byte by a small amount
            if (n > 0) {
                input[below(n)] += char(int(random.bounded(9)) - 4);
            }
            break;
        }
    }

    QByteArray mutate(QByteArray input)
    {
        const int steps = 1 + int(random.bounded(random.bounded(8) == 0 ? 16 : 4));
        for (int s = 0; s < steps; ++s) {
            step(input);
            if (input.size() > maxLen) {
                input.truncate(maxLen);
            }
        }
        return input;
    }
};

// Runs one input; returns whether it reached new code.
bool run(const QByteArray &input, const Plant &plant)
{
    // The target gets its own copy of exactly input.size() bytes, so that a
    // read past the end is seen by AddressSanitizer.
    char *copy = new char[size_t(qMax<qsizetype>(input.size(), 1))];
    std::memcpy(copy, input.constData(), size_t(input.size()));
    currentSize = size_t(input.size());
    currentData = copy;
    std::memset(edgeMap, 0, sizeof edgeMap);
    runStartMs.store(nowMs());
    CrmFuzzCoverage::previousLocation = 0;
    CrmFuzzCoverage::recording = true;
    if (!plant.kind.isEmpty() && input.contains(plant.token)) {
        triggerPlant(plant);
    }
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(copy), size_t(input.size()));
    CrmFuzzCoverage::recording = false;
    runStartMs.store(0);
    currentData = nullptr;
    delete[] copy;
    return recordCoverage();
}

void readInputs(const QString &path, QList<QByteArray> &into)
{
    const QFileInfo info(path);
    QStringList files;
    if (info.isDir()) {
        const QDir dir(path);
        for (const QString &f : dir.entryList(QDir::Files, QDir::Name)) {
            files << dir.filePath(f);
        }
    } else {
        files << path;
    }
    for (const QString &f : std::as_const(files)) {
        QFile file(f);
        if (file.open(QIODevice::ReadOnly)) {
            into << file.read(1024 * 1024);
        } else {
            std::fprintf(stderr, "cannot read %s\n", qPrintable(f));
        }
    }
}
} // namespace

int main(int argc, char **argv)
{
    mainThread = ::pthread_self();
    qint64 maxTotalTime = 0;
    qint64 maxRuns = -1;
    qsizetype maxLen = 0;
    quint32 seed = quint32(::getpid()) ^ quint32(nowMs());
    QList<QByteArray> corpus;
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        auto value = [&arg](const char *flag) {
            return arg.mid(qsizetype(std::strlen(flag)));
        };
        if (arg.startsWith("-max_total_time=")) {
            maxTotalTime = value("-max_total_time=").toLongLong();
        } else if (arg.startsWith("-runs=")) {
            maxRuns = value("-runs=").toLongLong();
        } else if (arg.startsWith("-timeout=")) {
            timeoutSeconds = qMax(1, value("-timeout=").toInt());
        } else if (arg.startsWith("-rss_limit_mb=")) {
            rssLimitMb = value("-rss_limit_mb=").toULongLong();
        } else if (arg.startsWith("-max_len=")) {
            maxLen = value("-max_len=").toLongLong();
        } else if (arg.startsWith("-seed=")) {
            seed = value("-seed=").toUInt();
        } else if (arg.startsWith("-artifact_prefix=")) {
            std::snprintf(artifactPrefix, sizeof artifactPrefix, "%s", value("-artifact_prefix=").constData());
        } else if (arg.startsWith('-')) {
            std::fprintf(stderr, "ignoring %s\n", arg.constData());
        } else {
            readInputs(QFile::decodeName(arg), corpus);
        }
    }
    if (rssLimitMb == 0) {
        rssLimitMb = SIZE_MAX / (1024 * 1024);
    }
    if (maxLen <= 0) {
        // As libFuzzer: longer seeds are replayed whole, their mutants cut.
        maxLen = 4096;
    }

    // Sanitizers report and die through the death callback; the signals
    // they do not claim (abort, and all of them without sanitizers) are ours.
    if (__sanitizer_set_death_callback) {
        __sanitizer_set_death_callback(onDeath);
    }
    if (__sanitizer_install_malloc_and_free_hooks) {
        __sanitizer_install_malloc_and_free_hooks(onMalloc, nullptr);
    }
    for (int s : {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL}) {
        struct sigaction current = {};
        ::sigaction(s, nullptr, &current);
        if (current.sa_handler == SIG_DFL) {
            ::signal(s, onSignal);
        }
    }
    ::signal(SIGUSR2, onTimeoutInMainThread);
    qInstallMessageHandler(onMessage);
    std::thread(watchdog).detach();

    const Plant plant = readPlant();
    std::fprintf(stderr,
                 "standalone fuzz driver: seed %u, %lld inputs, -max_len=%lld -timeout=%d -rss_limit_mb=%zu\n",
                 seed,
                 qint64(corpus.size()),
                 qint64(maxLen),
                 timeoutSeconds,
                 rssLimitMb);

    QElapsedTimer timer;
    timer.start();
    qint64 runs = 0;
    for (const QByteArray &input : std::as_const(corpus)) {
        run(input, plant);
        ++runs;
    }
    const qint64 seeds = corpus.size();
    std::fprintf(stderr, "#%lld replayed the inputs in %lld ms, %zu edges covered\n", runs, qint64(timer.elapsed()), coveredEdges());
    if (corpus.isEmpty()) {
        corpus << QByteArray();
    }

    Mutator mutator{QRandomGenerator(seed), corpus, maxLen};
    const qint64 deadlineMs = maxTotalTime * 1000;
    qint64 nextReportMs = 10000;
    const bool fuzzing = maxTotalTime > 0 || maxRuns > runs;
    while (fuzzing && (maxTotalTime <= 0 || timer.elapsed() < deadlineMs) && (maxRuns < 0 || runs < maxRuns)) {
        // Of two inputs picked at random the shorter is mutated: shorter
        // inputs run faster and are easier to read when they fail.
        const QByteArray &a = corpus[mutator.below(corpus.size())];
        const QByteArray &b = corpus[mutator.below(corpus.size())];
        const QByteArray mutant = mutator.mutate(a.size() <= b.size() ? a : b);
        if (run(mutant, plant)) {
            corpus << mutant;
        }
        ++runs;
        if (timer.elapsed() >= nextReportMs) {
            std::fprintf(stderr,
                         "#%lld %lld s, %lld exec/s, corpus %lld (+%lld new), %zu edges, rss %zu MB\n",
                         runs,
                         qint64(timer.elapsed() / 1000),
                         runs * 1000 / qMax<qint64>(1, timer.elapsed()),
                         qint64(corpus.size()),
                         qint64(corpus.size()) - seeds,
                         coveredEdges(),
                         residentMb());
            nextReportMs += 10000;
        }
    }
    const qint64 elapsed = qMax<qint64>(1, timer.elapsed());
    std::fprintf(stderr,
                 "Done %lld runs in %lld s: %lld exec/s, corpus %lld (%lld found by coverage), %zu edges, rss %zu MB, no crash\n",
                 runs,
                 elapsed / 1000,
                 runs * 1000 / elapsed,
                 qint64(corpus.size()),
                 qint64(corpus.size()) - qMax<qint64>(seeds, 1),
                 coveredEdges(),
                 residentMb());
    return 0;
}
