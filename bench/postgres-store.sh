#!/usr/bin/env bash
# Records N probe results (and 2 metric samples per result on average) with `canary-bench store` into a PostgreSQL
# server started here (initdb in a temporary folder, loopback, default durability: fsync and synchronous commit on),
# then lands the very same rows with psql's own `\copy` of CSV files into a fresh database of the same schema, and
# prints both rates and their ratio.
#
#   swift build -c release --product canary-bench && bench/postgres-store.sh [RESULTS]
#
# As root, the server runs as the `postgres` user (PostgreSQL refuses root).
set -euo pipefail
cd "$(dirname "$0")/.."
results=${1:-1000000}
bin=${BIN:-.build/release}
pg=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$pg/initdb" ] || { echo "no PostgreSQL server binaries: apt-get install postgresql" >&2; exit 1; }
as=()
[ "$(id -u)" -eq 0 ] && as=(runuser -u postgres --)
work=$(mktemp -d)
chmod 755 "$work"
[ "$(id -u)" -eq 0 ] && chown postgres "$work"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
stop() {
    "${as[@]}" "$pg/pg_ctl" -D "$work/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap stop EXIT
"${as[@]}" "$pg/initdb" -D "$work/data" -U canary -A trust -E UTF8 >/dev/null
"${as[@]}" "$pg/pg_ctl" -D "$work/data" -l "$work/server.log" -o "-h 127.0.0.1 -p $port -k $work" -w start >/dev/null
psql() { "${as[@]}" "$pg/psql" -h 127.0.0.1 -p "$port" -U canary -v ON_ERROR_STOP=1 -q "$@"; }
psql -d postgres -c "CREATE DATABASE ours" -c "CREATE DATABASE theirs"

line=$("$bin/canary-bench" store --results "$results" --db "postgres://canary@127.0.0.1:$port/ours?sslmode=disable")
echo "$line"
ours=$(echo "$line" | awk '{ for (i = 1; i < NF; i++) if ($(i + 1) == "results/s") print $i }')

# The same schema, runs row and rows, exported as CSV by the server itself.
"${as[@]}" "$pg/pg_dump" -h 127.0.0.1 -p "$port" -U canary --schema-only ours | psql -d theirs >/dev/null
psql -d ours -c "\\copy runs TO '$work/runs.csv' CSV" \
    -c "\\copy (SELECT * FROM probe_results ORDER BY id) TO '$work/results.csv' CSV" \
    -c "\\copy (SELECT run_id, result_id, at, name, labels, value FROM metric_samples ORDER BY seq) TO '$work/samples.csv' CSV"
psql -d theirs -c "ALTER TABLE runs ALTER COLUMN seq DROP IDENTITY" -c "\\copy runs FROM '$work/runs.csv' CSV"

start=$(date +%s.%N)
psql -d theirs -c "BEGIN" -c "\\copy probe_results FROM '$work/results.csv' CSV" \
    -c "\\copy metric_samples (run_id, result_id, at, name, labels, value) FROM '$work/samples.csv' CSV" -c "COMMIT"
end=$(date +%s.%N)
theirs=$(awk -v n="$results" -v s="$start" -v e="$end" 'BEGIN { printf "%.0f", n / (e - s) }')
rows=$(psql -d theirs -At -c "SELECT (SELECT COUNT(*) FROM probe_results) + (SELECT COUNT(*) FROM metric_samples)")
echo "psql \\copy: $rows rows in $(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }') s: $theirs results/s"
awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "canary-bench store (PostgreSQL) / psql \\copy: %.2fx\n", a / b }'
