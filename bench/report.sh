#!/usr/bin/env bash
# Times `canary report` on a database of N probe results against sqlite3 computing the same percentiles
# and counts (bench/report-percentiles.sql), with peak memory from /usr/bin/time -v.
#
#   swift build -c release && bench/report.sh [RESULTS] [REPEATS]
#   DB=existing.sqlite bench/report.sh      # reuse a database made by `canary-bench report-db`
set -euo pipefail
cd "$(dirname "$0")/.."
results=${1:-1000000}
repeats=${2:-3}
bin=${BIN:-.build/release}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ -n "${DB:-}" ]; then cp "$DB" "$work/bench.sqlite"; else
    "$bin/canary-bench" report-db --db "$work/bench.sqlite" --results "$results"
fi

measure() { # label, command…: prints "label wall-seconds cpu-seconds peak-KiB" per repeat
    local label=$1; shift
    for _ in $(seq "$repeats"); do
        /usr/bin/time -v "$@" > "$work/out" 2> "$work/time"
        local wall cpu rss
        wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$work/time")
        cpu=$(awk -F': ' '/(User|System) time/ { s += $2 } END { print s }' "$work/time")
        rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time")
        echo "$label $wall $cpu $rss"
    done
}

{
    measure canary-report "$bin/canary" report bench --db "$work/bench.sqlite" --out "$work/reports"
    measure sqlite3 sh -c "sqlite3 '$work/bench.sqlite' < bench/report-percentiles.sql"
} | tee "$work/runs"

# Best wall time of each; CPU time (user + system) too, as it is steadier on a busy machine.
awk '{ if (!($1 in best) || $2 < best[$1]) { best[$1] = $2; rss[$1] = $4 }
       if (!($1 in cpu) || $3 < cpu[$1]) cpu[$1] = $3 }
     END {
         printf "best of %d, wall: canary report %.2f s, sqlite3 %.2f s: %.2fx\n", '"$repeats"',
             best["canary-report"], best["sqlite3"], best["canary-report"] / best["sqlite3"]
         printf "best of %d, cpu:  canary report %.2f s, sqlite3 %.2f s: %.2fx\n", '"$repeats"',
             cpu["canary-report"], cpu["sqlite3"], cpu["canary-report"] / cpu["sqlite3"]
         printf "peak memory: canary report %.0f MiB, sqlite3 %.0f MiB\n", rss["canary-report"] / 1024, rss["sqlite3"] / 1024
     }' "$work/runs"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
