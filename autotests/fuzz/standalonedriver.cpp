// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
//
// A main() for the fuzz targets where libFuzzer is not available (GCC: the
// Debian 13 build root has no clang). It takes libFuzzer's basic command
// line: FILE|DIR… replays the inputs; -max_total_time=N then mutates them
// at random (bit flips, byte insertions and deletions, copied ranges, splices
// of two inputs) for N seconds. Before each run the input goes to
// crash-current; a crash (signal) or an input running over 10 s copies it to
// crash-<pid> and ends the process, as libFuzzer leaves crash-<sha1> behind. No coverage guidance:
// it finds less than libFuzzer, but it runs everywhere.
#include <QByteArray>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QList>
#include <QRandomGenerator>

#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace
{
char crashName[64];

void onCrash(int signal)
{
    // Async-signal-safe: the current input is already in crash-current.
    ::rename("crash-current", crashName);
    const char message[] = "standalone fuzz driver: crash, input kept as crash-<pid>\n";
    (void)!::write(2, message, sizeof message - 1);
    ::signal(signal == SIGALRM ? SIGABRT : signal, SIG_DFL);
    ::raise(signal == SIGALRM ? SIGABRT : signal);
}

void run(const QByteArray &input)
{
    const int fd = ::open("crash-current", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
        (void)!::write(fd, input.constData(), size_t(input.size()));
        ::close(fd);
    }
    // Like libFuzzer's -timeout: an input that takes 10 s counts as a crash.
    ::alarm(10);
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(input.constData()), size_t(input.size()));
    ::alarm(0);
}

QByteArray mutate(QByteArray input, const QList<QByteArray> &corpus, QRandomGenerator &random)
{
    const int steps = 1 + int(random.bounded(4));
    for (int s = 0; s < steps; ++s) {
        const qsizetype n = input.size();
        switch (random.bounded(6)) {
        case 0: // flip a bit
            if (n > 0) {
                input[random.bounded(n)] ^= char(1 << random.bounded(8));
            }
            break;
        case 1: // insert an interesting byte
        {
            static const char interesting[] = {'=', '\r', '\n', ';', ',', ':', '"', '\0', '\x1b', '\xff', '\xd0', ' ', '\t', '-', '9'};
            input.insert(n > 0 ? random.bounded(n + 1) : 0, interesting[random.bounded(int(sizeof interesting))]);
            break;
        }
        case 2: // delete a range
            if (n > 0) {
                const qsizetype at = random.bounded(n);
                input.remove(at, 1 + random.bounded(qMin<qsizetype>(16, n - at)));
            }
            break;
        case 3: // copy a range elsewhere
            if (n > 1 && n < 1024 * 1024) {
                const qsizetype at = random.bounded(n);
                const QByteArray range = input.mid(at, 1 + random.bounded(qMin<qsizetype>(64, n - at)));
                input.insert(random.bounded(n + 1), range);
            }
            break;
        case 4: // splice with another input
            if (!corpus.isEmpty()) {
                const QByteArray &other = corpus[random.bounded(corpus.size())];
                input = input.left(n > 0 ? random.bounded(n + 1) : 0) + other.mid(other.isEmpty() ? 0 : random.bounded(other.size()));
            }
            break;
        default: // replace a byte
            if (n > 0) {
                input[random.bounded(n)] = char(random.bounded(256));
            }
            break;
        }
    }
    return input.left(256 * 1024);
}
} // namespace

int main(int argc, char **argv)
{
    std::snprintf(crashName, sizeof crashName, "crash-%d", int(::getpid()));
    for (int s : {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL, SIGALRM}) {
        ::signal(s, onCrash);
    }
    qint64 seconds = 0;
    QList<QByteArray> corpus;
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg.startsWith("-max_total_time=")) {
            seconds = arg.mid(16).toLongLong();
            continue;
        }
        if (arg.startsWith('-')) {
            continue; // other libFuzzer flags mean nothing here
        }
        const QFileInfo info(QFile::decodeName(arg));
        QStringList files;
        if (info.isDir()) {
            for (const QString &f : QDir(info.filePath()).entryList(QDir::Files, QDir::Name)) {
                files << QDir(info.filePath()).filePath(f);
            }
        } else {
            files << info.filePath();
        }
        for (const QString &f : std::as_const(files)) {
            QFile file(f);
            if (file.open(QIODevice::ReadOnly)) {
                corpus << file.read(1024 * 1024);
            }
        }
    }
    for (const QByteArray &input : std::as_const(corpus)) {
        run(input);
    }
    std::fprintf(stderr, "replayed %lld inputs\n", qint64(corpus.size()));
    if (seconds > 0) {
        QRandomGenerator random(quint32(::getpid()));
        QElapsedTimer timer;
        timer.start();
        qint64 runs = 0;
        while (timer.elapsed() < seconds * 1000) {
            const QByteArray base = corpus.isEmpty() ? QByteArray() : corpus[random.bounded(corpus.size())];
            run(mutate(base, corpus, random));
            ++runs;
        }
        std::fprintf(stderr, "%lld mutated runs in %lld s, no crash\n", runs, seconds);
    }
    ::unlink("crash-current");
    return 0;
}
