#!/usr/bin/env bash
# Records N probe results (and 2 metric samples per result on average) with `canary-bench store`, then lands the
# very same rows with sqlite3's own `.import` of CSV files into a fresh database of the same schema and settings,
# and prints both rates and their ratio.
#
#   swift build -c release --product canary-bench && bench/store.sh [RESULTS]
set -euo pipefail
cd "$(dirname "$0")/.."
results=${1:-1000000}
bin=${BIN:-.build/release}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

line=$("$bin/canary-bench" store --results "$results" --db "$work/canary.sqlite")
echo "$line"
ours=$(echo "$line" | awk '{ for (i = 1; i < NF; i++) if ($(i + 1) == "results/s") print $i }')

sqlite3 -csv "$work/canary.sqlite" "SELECT * FROM probe_results" > "$work/results.csv"
sqlite3 -csv "$work/canary.sqlite" "SELECT * FROM metric_samples" > "$work/samples.csv"
{
    echo "PRAGMA journal_mode = WAL;"
    echo "PRAGMA synchronous = NORMAL;"
    sqlite3 "$work/canary.sqlite" .schema | grep -v '^CREATE TABLE sqlite_sequence'
} > "$work/schema.sql"
sqlite3 "$work/fresh.sqlite" < "$work/schema.sql" > /dev/null
sqlite3 "$work/canary.sqlite" ".dump runs" | grep '^INSERT' | sqlite3 "$work/fresh.sqlite"

start=$(date +%s.%N)
sqlite3 "$work/fresh.sqlite" <<SQL
PRAGMA synchronous = NORMAL;
.mode csv
.import $work/results.csv probe_results
.import $work/samples.csv metric_samples
SQL
end=$(date +%s.%N)
theirs=$(awk -v n="$results" -v s="$start" -v e="$end" 'BEGIN { printf "%.0f", n / (e - s) }')
rows=$(sqlite3 "$work/fresh.sqlite" "SELECT (SELECT COUNT(*) FROM probe_results) + (SELECT COUNT(*) FROM metric_samples)")
echo "sqlite3 .import: $rows rows in $(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }') s: $theirs results/s"
awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "canary-bench store / sqlite3 .import: %.2fx (goal at least 0.8x)\n", a / b }'
