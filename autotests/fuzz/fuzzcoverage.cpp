// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "fuzzcoverage.h"

namespace CrmFuzzCoverage
{
alignas(64) uint8_t edgeMap[mapSize];
bool recording = false;
uintptr_t previousLocation = 0;
} // namespace CrmFuzzCoverage

// Called by instrumented code on every basic block: counts the edge from the
// previous block, as AFL does. Not thread-aware: the parsers run in one thread.
extern "C" __attribute__((visibility("default"))) __attribute__((no_sanitize("address", "undefined"))) void __sanitizer_cov_trace_pc()
{
    using namespace CrmFuzzCoverage;
    if (!recording) {
        return;
    }
    const uintptr_t location = reinterpret_cast<uintptr_t>(__builtin_return_address(0));
    const uintptr_t hashed = (location ^ (location >> 15)) * 0x9E3779B1u;
    uint8_t &counter = edgeMap[(hashed ^ previousLocation) & (mapSize - 1)];
    if (counter != 255) {
        ++counter;
    }
    previousLocation = hashed >> 1;
}
