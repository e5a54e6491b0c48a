# Shell functions the benchmark scripts share; sourced, not run.

# cold_card N WORK [LABEL]: ten cold `crmctl card` runs, by the phone of ten
# of the N generated counterparties; prints the median, the maximum and peak
# memory.
cold_card() {
    local n=$1 work=$2 label=${3:-cold crmctl card} times=() mem=0 i phone s e m
    echo "$label (process start to exit, index files present, 10 runs):"
    for i in $(seq 0 9); do
        phone=$(crm-directory-bench phone $(((i * 7919) % n)))
        s=$(date +%s%N)
        /usr/bin/time -f '%M' -o "$work/card.mem" crmctl card "$phone" >/dev/null
        e=$(date +%s%N)
        times+=($(((e - s) / 1000000)))
        m=$(cat "$work/card.mem")
        [ "$m" -gt "$mem" ] && mem=$m
    done
    local sorted
    sorted=($(printf '%s\n' "${times[@]}" | sort -n))
    echo "| $label | median ${sorted[5]} ms | max ${sorted[9]} ms | peak $((mem / 1024)) MiB |"
}

# sample_memory PID OUT: until PID exits, samples its resident memory every
# half second and writes the peaks to OUT as "private MiB, mapped file MiB":
# the process's own memory (RssAnon) and the file pages it has mapped
# (RssFile: an index file's pages, shared with the page cache and given back
# under pressure), which VmHWM adds together.
sample_memory() {
    local pid=$1 out=$2 anon=0 file=0 a f
    while [ -r "/proc/$pid/status" ]; do
        a=$(awk '/^RssAnon:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
        f=$(awk '/^RssFile:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
        [ -n "$a" ] && [ "$a" -gt "$anon" ] && anon=$a
        [ -n "$f" ] && [ "$f" -gt "$file" ] && file=$f
        sleep 0.5
    done
    echo "$((anon / 1024)) $((file / 1024))" >"$out"
}

# sampled OUT /usr/bin/time … CMD …: runs the command line, sampling the
# memory of the program /usr/bin/time starts (see sample_memory); returns its
# exit code.
sampled() {
    local out=$1 rc=0 tp cp=""
    shift
    "$@" &
    tp=$!
    for _ in $(seq 1 50); do
        cp=$(pgrep -P "$tp" | head -1 || true)
        [ -n "$cp" ] && break
        sleep 0.05
    done
    if [ -n "$cp" ]; then
        sample_memory "$cp" "$out" &
    else
        echo "0 0" >"$out"
    fi
    wait "$tp" || rc=$?
    wait
    return $rc
}
