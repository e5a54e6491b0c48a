// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include <QList>

#include <cstdio>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

/// What the benchmark harnesses share: summarising timings, peak memory.
namespace BenchUtils
{

struct Timing {
    double median = 0;
    double p95 = 0;
};

inline Timing summarize(QList<double> ms)
{
    if (ms.isEmpty()) {
        return {};
    }
    std::sort(ms.begin(), ms.end());
    return Timing{ms[ms.size() / 2], ms[std::min<qsizetype>(ms.size() - 1, qsizetype(ms.size() * 0.95))]};
}

/// The CPU time the calling thread has used, in ms: what a piece of work
/// costs that thread, without the time it was waiting or descheduled.
inline double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/// The process's peak resident memory so far, in MiB.
inline long peakRssMiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

/// The process's resident memory now, in MiB (/proc/self/statm).
inline double currentRssMiB()
{
    FILE *statm = fopen("/proc/self/statm", "r");
    long pages = 0;
    long resident = 0;
    if (statm) {
        if (fscanf(statm, "%ld %ld", &pages, &resident) != 2) {
            resident = 0;
        }
        fclose(statm);
    }
    return resident * double(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

/// A "Name: N kB" field of /proc/self/status (@p format: "VmHWM: %ld kB"), in MiB.
inline long statusFieldMiB(const char *format)
{
    FILE *status = fopen("/proc/self/status", "r");
    long kib = 0;
    if (status) {
        char line[256];
        while (fgets(line, sizeof line, status)) {
            if (sscanf(line, format, &kib) == 1) {
                break;
            }
        }
        fclose(status);
    }
    return kib / 1024;
}

/// The peak resident memory of this program since it was started, in MiB
/// (VmHWM: unlike getrusage()'s, not carried over from the process that
/// forked it, which a benchmark's child measured by QProcess would be).
inline long programPeakRssMiB()
{
    return statusFieldMiB("VmHWM: %ld kB");
}

/// The process's own memory now (RssAnon: not its mapped files), in MiB.
inline long currentRssAnonMiB()
{
    return statusFieldMiB("RssAnon: %ld kB");
}

/// Samples currentRssAnonMiB() every 20 ms while it lives: the peak of the
/// process's own memory, which the kernel does not keep (VmHWM adds the
/// pages of mapped files to it).
class AnonPeakSampler
{
public:
    AnonPeakSampler()
        : m_thread([this] {
            while (!m_stop.load()) {
                m_peak = std::max(m_peak.load(), currentRssAnonMiB());
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
        })
    {
    }
    ~AnonPeakSampler()
    {
        m_stop = true;
        m_thread.join();
    }
    long peakMiB() const
    {
        return std::max(m_peak.load(), currentRssAnonMiB());
    }

private:
    std::atomic<bool> m_stop{false};
    std::atomic<long> m_peak{0};
    std::thread m_thread;
};

} // namespace BenchUtils
