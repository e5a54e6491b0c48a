#!/usr/bin/env bash
# tools/fuzz.sh [SECONDS] [TARGET…]   the CI fuzz job, kept out of ctest
# tools/fuzz.sh --self-check [TARGET…] proves each target can fail
#
# Builds the fuzz targets (BUILD_FUZZERS=ON) with AddressSanitizer and UBSan
# in their own folder, build/<suite>-fuzz, inside the same environment as
# tools/crm, and runs each for SECONDS (default 60) over a seed corpus made
# of the test inputs (autotests/fuzz/seedcorpus.sh). With clang they are
# libFuzzer targets; with GCC (the Debian 13 root has no clang) they get the
# standalone driver (autotests/fuzz/standalonedriver.cpp), coverage guided
# through -fsanitize-coverage=trace-pc on the core libraries
# (CRM_FUZZ_COVERAGE). Resident memory is capped at 2 GB,
# one input at 10 s and a target at SECONDS + 60, so a runaway input cannot
# take the machine. Each target's output is in build/<suite>-fuzz/<target>.log.
#
# A crasher is moved to autotests/data/fuzz/<target>/ (commit it: the
# fuzzreplaytest unit test replays every file there) and the job fails.
# Targets: csvimport vcardimport importslices recurrencerule.
#
# --self-check plants an abort, a segfault, a heap overflow, an UBSan error,
# a hang and an OOM in the standalone driver (CRM_FUZZ_PLANT) and checks
# that each target finds each of them by mutation and keeps the input.
set -euo pipefail
SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SECONDS_PER_TARGET=${1:-60}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(csvimport vcardimport importslices recurrencerule)

exec "$SRC/tools/crm" exec bash -s "$SRC" "$SECONDS_PER_TARGET" "${TARGETS[@]}" <<'INNER'
set -euo pipefail
SRC=$1; SECS=$2; shift 2
BUILD="$SRC/build/trixie-fuzz"
if command -v clang++ >/dev/null; then
    compiler=(-DCMAKE_CXX_COMPILER=clang++ "-DCMAKE_CXX_FLAGS=-fsanitize=fuzzer-no-link,address,undefined")
else
    compiler=("-DCMAKE_CXX_FLAGS=-fsanitize=address,undefined -fno-omit-frame-pointer" -DCRM_FUZZ_COVERAGE=ON)
fi
if [ ! -f "$BUILD/build.ninja" ]; then
    cmake -S "$SRC" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=OFF -DBUILD_FUZZERS=ON "${compiler[@]}" >/dev/null
fi
cmake --build "$BUILD" --target "${@/%/fuzzer}" -- -j2 >/dev/null
if [ "$SECS" = --self-check ]; then
    exec bash "$SRC/autotests/fuzz/fuzzcheck.sh" selfcheck "$BUILD/bin" "$SRC" abort segv overflow ubsan hang oom
fi
failed=0
for target in "$@"; do
    corpus=$(mktemp -d)
    bash "$SRC/autotests/fuzz/seedcorpus.sh" "$target" "$SRC" "$corpus"
    work=$(mktemp -d)
    log="$BUILD/$target.log"
    echo "== $target: ${SECS}s, $(ls "$corpus" | wc -l) seeds"
    (
        cd "$work"
        # ASan reserves terabytes of address space, so no ulimit -v: the
        # fuzzer caps the resident memory at 2 GB instead.
        timeout -s KILL $((SECS + 60)) "$BUILD/bin/${target}fuzzer" -max_total_time="$SECS" -rss_limit_mb=2048 -timeout=10 "$corpus"
    ) > "$log" 2>&1 || { failed=1; tail -n 60 "$log"; }
    grep -E '^(Done|stat::)' "$log" || true
    for crash in "$work"/crash-* "$work"/timeout-* "$work"/oom-* "$work"/leak-*; do
        [ -f "$crash" ] || continue
        mkdir -p "$SRC/autotests/data/fuzz/$target"
        dest="$SRC/autotests/data/fuzz/$target/$(basename "$crash" | cut -d- -f1)-$(sha1sum "$crash" | cut -c1-12)"
        mv "$crash" "$dest"
        echo "kept $dest"
        failed=1
    done
    rm -rf "$corpus" "$work"
done
exit $failed
INNER
