#!/usr/bin/env bash
# seedcorpus.sh TARGET SRC DEST — fills DEST with TARGET's seed corpus: the
# test inputs of its parser plus every input a fuzzer ever kept for it
# (autotests/data/fuzz/TARGET/). Used by tools/fuzz.sh and fuzzcheck.sh.
set -euo pipefail
target=$1 src=$2 dest=$3
data="$src/autotests/data"
mkdir -p "$dest"
case $target in
    csvimport) cp "$data"/import/*.csv "$dest"/ ;;
    vcardimport) cp "$data"/import/*.vcf "$dest"/ ;;
    importslices) cp "$data"/import/*.csv "$data"/import/*.vcf "$data"/directory/*.csv "$dest"/ ;;
    recurrencerule)
        # One rule a file: the RRULE values of every calendar the tests use.
        i=0
        while IFS= read -r rule; do
            printf '%s' "$rule" > "$dest/rule$((i++))"
        done < <(find "$data" -name '*.ics' -exec grep -h '^RRULE:' {} + | sed 's/^RRULE://; s/\r$//' | sort -u) ;;
    *) echo "unknown fuzz target $target" >&2; exit 2 ;;
esac
if [ -d "$data/fuzz/$target" ]; then
    find "$data/fuzz/$target" -maxdepth 1 -type f ! -name '*.md' -exec cp {} "$dest"/ \;
fi
