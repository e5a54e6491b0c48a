# Shell functions the benchmark scripts share; sourced, not run.

# cold_card N WORK: ten cold `crmctl card` runs, by the phone of ten of the
# N generated counterparties; prints the median, the maximum and peak memory.
cold_card() {
    local n=$1 work=$2 times=() mem=0 i phone s e m
    echo "cold crmctl card (process start to exit, index files present, 10 runs):"
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
    echo "| cold crmctl card | median ${sorted[5]} ms | max ${sorted[9]} ms | peak $((mem / 1024)) MiB |"
}
