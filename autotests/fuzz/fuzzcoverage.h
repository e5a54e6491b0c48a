// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>

/// Edge coverage for the standalone fuzz driver. Code built with GCC's
/// -fsanitize-coverage=trace-pc (the core libraries and the fuzz targets,
/// when CRM_FUZZ_COVERAGE is on) calls __sanitizer_cov_trace_pc() on every
/// basic block; this small shared library (not instrumented itself) counts
/// the edges while the driver runs an input.
namespace CrmFuzzCoverage
{
inline constexpr size_t mapSize = size_t(1) << 16;
/// Hits per edge (saturating at 255) of the input being run.
__attribute__((visibility("default"))) extern uint8_t edgeMap[mapSize];
/// Counts only while an input runs, not while the driver mutates.
__attribute__((visibility("default"))) extern bool recording;
/// The previous block, so that an edge (not only a block) is counted.
__attribute__((visibility("default"))) extern uintptr_t previousLocation;
} // namespace CrmFuzzCoverage
