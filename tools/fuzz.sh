#!/usr/bin/env bash
# tools/fuzz.sh [SECONDS] [TARGET…] — the CI fuzz job, kept out of ctest.
#
# Builds the fuzz targets (BUILD_FUZZERS=ON) in their own folder,
# build/<suite>-fuzz, inside the same environment as tools/crm, and runs each
# for SECONDS (default 60) over a seed corpus made of the test inputs. With
# clang they are libFuzzer targets; with GCC (the Debian 13 root has no clang)
# standalone drivers that replay the corpus and mutate it at random (see
# autotests/fuzz/standalonedriver.cpp). The build adds AddressSanitizer and
# UBSan either way. Resident memory is capped at 2 GB, one input at 10 s and
# a target at SECONDS + 60, so a runaway input cannot take the machine.
#
# A crasher is moved to autotests/data/fuzz/<target>/ (commit it: the
# fuzzreplaytest unit test replays every file there) and the job fails.
# Targets: csvimport vcardimport recurrencerule.
set -euo pipefail
SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SECONDS_PER_TARGET=${1:-60}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(csvimport vcardimport recurrencerule)

exec "$SRC/tools/crm" exec bash -s "$SRC" "$SECONDS_PER_TARGET" "${TARGETS[@]}" <<'INNER'
set -euo pipefail
SRC=$1; SECS=$2; shift 2
BUILD="$SRC/build/trixie-fuzz"
if command -v clang++ >/dev/null; then
    compiler=(-DCMAKE_CXX_COMPILER=clang++ "-DCMAKE_CXX_FLAGS=-fsanitize=fuzzer-no-link,address,undefined")
else
    compiler=("-DCMAKE_CXX_FLAGS=-fsanitize=address,undefined -fno-omit-frame-pointer")
fi
if [ ! -f "$BUILD/build.ninja" ]; then
    cmake -S "$SRC" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=OFF -DBUILD_FUZZERS=ON "${compiler[@]}" >/dev/null
fi
cmake --build "$BUILD" --target "${@/%/fuzzer}" -- -j2 >/dev/null
failed=0
for target in "$@"; do
    corpus=$(mktemp -d)
    case $target in
        csvimport) cp "$SRC"/autotests/data/import/*.csv "$corpus"/ ;;
        vcardimport) cp "$SRC"/autotests/data/import/*.vcf "$corpus"/ ;;
        recurrencerule)
            i=0
            for ics in "$SRC"/autotests/data/recurrence/*.ics; do
                grep -h '^RRULE:' "$ics" | sed 's/^RRULE://; s/\r$//' > "$corpus/rule$((i++))" || true
            done ;;
    esac
    [ -d "$SRC/autotests/data/fuzz/$target" ] && cp "$SRC/autotests/data/fuzz/$target"/* "$corpus"/ 2>/dev/null || true
    work=$(mktemp -d)
    echo "== $target: ${SECS}s"
    (
        cd "$work"
        # ASan reserves terabytes of address space, so no ulimit -v: ASan and
        # libFuzzer cap the resident memory at 2 GB instead.
        ASAN_OPTIONS=hard_rss_limit_mb=2048:detect_leaks=0 timeout -s KILL $((SECS + 60)) "$BUILD/bin/${target}fuzzer" -max_total_time="$SECS" -rss_limit_mb=2048 -timeout=10 "$corpus"
    ) || failed=1
    for crash in "$work"/crash-* "$work"/timeout-* "$work"/oom-*; do
        [ -f "$crash" ] || continue
        mkdir -p "$SRC/autotests/data/fuzz/$target"
        dest="$SRC/autotests/data/fuzz/$target/$(basename "$crash")-$(sha1sum "$crash" | cut -c1-12)"
        mv "$crash" "$dest"
        echo "kept $dest"
        failed=1
    done
    rm -rf "$corpus" "$work"
done
exit $failed
INNER
