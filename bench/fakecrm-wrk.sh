#!/usr/bin/env bash
# Benchmarks the fake HubSpot with wrk against a release build of `fakecrm serve`: a bare route
# (`GET /__fake/ping`), contact search over 1,000 contacts, a bare POST reading the create body, and contact
# create, then the ratio of create to the bare POST. Needs `wrk`, `curl` and `python3`.
# DURATION (default 15s), CONNECTIONS (default 32) and THREADS (default 2) tune each run; SEARCH=0 skips the
# search run; FAKECRM_BIN names an already built release fakecrm to use instead of building one.
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${DURATION:-15s}"
connections="${CONNECTIONS:-32}"
threads="${THREADS:-2}"
for tool in wrk curl python3; do
    command -v "$tool" >/dev/null || { echo "fakecrm-wrk.sh needs $tool: install it (Debian: apt-get install $tool)" >&2; exit 69; }
done

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

# One wrk run; prints its summary and keeps its requests/s in `rate`.
measure() {
    local title="$1"
    shift
    echo "== $title"
    local out
    out="$(wrk -t"$threads" -c"$connections" -d"$duration" "$@")"
    echo "$out"
    rate="$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")"
}

measure "bare route: GET /__fake/ping" "$url/__fake/ping"
get_rate="$rate"
if [ "${SEARCH:-1}" != 0 ]; then
    measure "contact search (1,000 contacts)" -s bench/hubspot-search.lua "$url/crm/v3/objects/contacts/search"
fi
# The create body posted to a route that only reads it: the ceiling of a write route on this server.
measure "bare POST: POST /__fake/ping with the create body" -s bench/hubspot-create.lua "$url/__fake/ping"
post_rate="$rate"
measure "contact create" -s bench/hubspot-create.lua "$url/crm/v3/objects/contacts"
create_rate="$rate"

echo "== summary"
printf 'bare GET %s req/s, bare POST %s req/s, create %s req/s, create/bare POST %s\n' \
    "$get_rate" "$post_rate" "$create_rate" "$(awk -v c="$create_rate" -v p="$post_rate" 'BEGIN {printf "%.2fx", c / p}')"
