#!/usr/bin/env bash
# fuzzcheck.sh smoke BINDIR SRC SECONDS
#     Runs each fuzz target over its seed corpus, then mutates for SECONDS:
#     fails if any input crashes, hangs or runs out of memory (ctest fuzzsmoke).
# fuzzcheck.sh selfcheck BINDIR SRC KIND…
#     Proves the fuzzers can fail: for each KIND (abort segv overflow ubsan
#     hang oom) the driver is told to misbehave on inputs containing a byte
#     no seed contains (CRM_FUZZ_PLANT, driver only, never the product code).
#     Each target must find it by mutation within 30 s, exit non-zero and
#     keep the input (crash-*, timeout-* or oom-*) with that byte in it.
#     The OOM limit is CRM_FUZZCHECK_RSS_MB (default 1200: ASan needs ~500).
set -uo pipefail
mode=$1 bindir=$2 src=$3
shift 3
targets=(csvimport vcardimport importslices recurrencerule)
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

corpus() { # corpus TARGET: the seed folder, built once
    [ -d "$scratch/seeds-$1" ] || bash "$here/seedcorpus.sh" "$1" "$src" "$scratch/seeds-$1"
    echo "$scratch/seeds-$1"
}

case $mode in
smoke)
    seconds=${1:-2}
    failed=0
    for t in "${targets[@]}"; do
        work="$scratch/work-$t"
        mkdir -p "$work"
        out=$(cd "$work" && "$bindir/${t}fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -seed=1 "$(corpus "$t")" 2>&1)
        rc=$?
        echo "$t: $(grep '^Done' <<<"$out" || tail -n 30 <<<"$out")"
        if [ $rc -ne 0 ] || compgen -G "$work/*-*" >/dev/null; then
            echo "$t failed (exit $rc):"
            tail -n 40 <<<"$out"
            for f in "$work"/*-*; do
                [ -f "$f" ] && echo "--- $f (base64):" && base64 "$f" | head -c 4000 && echo
            done
            failed=1
        fi
    done
    exit $failed ;;
selfcheck)
    failed=0
    for kind in "$@"; do
        limit=10
        case $kind in hang) artifact=timeout limit=1 ;; oom) artifact=oom ;; *) artifact=crash ;; esac
        for t in "${targets[@]}"; do
            seeds=$(corpus "$t")
            # A byte no seed has, so that only a mutation can plant it.
            token=
            for hex in 01 02 03 04 05 06 0e 0f 10 11 12 13 14 15 16 17 18 19 1a 1c 1d 1e 1f; do
                if ! LC_ALL=C grep -rqF "$(printf "\\x$hex")" "$seeds"; then token=$hex; break; fi
            done
            if [ -z "$token" ]; then echo "$t: every candidate byte occurs in the seeds"; failed=1; continue; fi
            work="$scratch/plant-$kind-$t"
            mkdir -p "$work"
            start=$(date +%s%N)
            out=$(cd "$work" && CRM_FUZZ_PLANT="$kind:\\x$token" timeout -s KILL 60 \
                "$bindir/${t}fuzzer" -max_total_time=30 -timeout=$limit -rss_limit_mb=${CRM_FUZZCHECK_RSS_MB:-1200} "$seeds" 2>&1)
            rc=$?
            ms=$((($(date +%s%N) - start) / 1000000))
            kept=$(compgen -G "$work/$artifact-*" | head -n 1)
            if [ $rc -ne 0 ] && [ -n "$kept" ] && LC_ALL=C grep -qF "$(printf "\\x$token")" "$kept"; then
                echo "$kind in $t: found in $ms ms, exit $rc, kept $(basename "$kept") ($(stat -c %s "$kept") bytes, has byte 0x$token)"
            else
                echo "$kind in $t: NOT detected (exit $rc, artifact '${kept}')"
                tail -n 20 <<<"$out"
                failed=1
            fi
        done
    done
    exit $failed ;;
*)
    echo "usage: $0 smoke|selfcheck BINDIR SRC …" >&2
    exit 2 ;;
esac
