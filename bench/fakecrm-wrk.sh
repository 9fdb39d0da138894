#!/usr/bin/env bash
# Benchmarks the fake HubSpot with wrk against a release build of `fakecrm serve`: a bare route
# (`GET /__fake/ping`), contact search over 1,000 contacts, and contact create. Needs `wrk` and `curl`.
# DURATION (default 15s), CONNECTIONS (default 32) and THREADS (default 2) tune each run; FAKECRM_BIN names
# an already built release fakecrm to use instead of building one.
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${DURATION:-15s}"
connections="${CONNECTIONS:-32}"
threads="${THREADS:-2}"

if [ -n "${FAKECRM_BIN:-}" ]; then
    bin="$FAKECRM_BIN"
else
    swift build -c release --product fakecrm >/dev/null
    bin="$(swift build -c release --show-bin-path)/fakecrm"
fi
work="$(mktemp -d)"
"$bin" serve --providers hubspot --port 0 --log-level warning >"$work/out" 2>"$work/err" &
server=$!
trap 'kill -TERM "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do grep -q '^hubspot ' "$work/out" && break; sleep 0.1; done
read -r _ url client_id_field client_secret_field < <(grep '^hubspot ' "$work/out")
client_id="${client_id_field#client_id=}"
client_secret="${client_secret_field#client_secret=}"

curl -sf -X PUT "$url/__fake/rate-limits" \
    -d '{"perTenSeconds":1000000000,"perDay":1000000000,"searchPerSecond":1000000000}' >/dev/null
location="$(curl -sf -o /dev/null -w '%{redirect_url}' \
    "$url/oauth/authorize?client_id=$client_id&redirect_uri=http://127.0.0.1/cb&scope=crm.objects.contacts.write%20crm.objects.contacts.read")"
code="${location#*code=}"
code="${code%%&*}"
HUBSPOT_TOKEN="$(curl -sf -X POST "$url/oauth/v1/token" \
    -d "grant_type=authorization_code&code=$code&redirect_uri=http://127.0.0.1/cb&client_id=$client_id&client_secret=$client_secret" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')"
export HUBSPOT_TOKEN

for batch in $(seq 0 9); do
    inputs=""
    for n in $(seq 0 99); do
        inputs+="${inputs:+,}{\"properties\":{\"email\":\"seed-$batch-$n@example.com\",\"firstname\":\"seed\"}}"
    done
    curl -sf -X POST "$url/crm/v3/objects/contacts/batch/create" -H "Authorization: Bearer $HUBSPOT_TOKEN" \
        -H 'Content-Type: application/json' -d "{\"inputs\":[$inputs]}" >/dev/null
done

echo "== bare route: GET /__fake/ping"
wrk -t"$threads" -c"$connections" -d"$duration" "$url/__fake/ping"
echo "== contact search (1,000 contacts)"
wrk -t"$threads" -c"$connections" -d"$duration" -s bench/hubspot-search.lua "$url/crm/v3/objects/contacts/search"
echo "== contact create"
wrk -t"$threads" -c"$connections" -d"$duration" -s bench/hubspot-create.lua "$url/crm/v3/objects/contacts"
