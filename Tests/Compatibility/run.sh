#!/usr/bin/env bash
# Drives the vendors' own Python SDKs against a running `fakecrm serve`.
#
# Creates a virtual environment (COMPAT_VENV, default .build/compat-venv), installs the pinned SDKs from
# requirements.txt, builds and starts `fakecrm serve --port 0`, exports each printed service as
# FAKE_<NAME>_URL and each key=value after it as FAKE_<NAME>_<KEY>, runs pytest on this folder, and stops
# the server. Exits with pytest's status. FAKECRM_BIN names an already built fakecrm to use instead.
set -euo pipefail
cd "$(dirname "$0")/../.."

venv="${COMPAT_VENV:-.build/compat-venv}"
here="Tests/Compatibility"

echo "== compatibility: python SDKs in $venv"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"

if [ -n "${FAKECRM_BIN:-}" ]; then
    bin="$FAKECRM_BIN"
else
    echo "== compatibility: building fakecrm"
    swift build --product fakecrm >/dev/null
    bin="$(swift build --show-bin-path)/fakecrm"
fi

work="$(mktemp -d)"
"$bin" serve --port 0 --host 127.0.0.1 >"$work/out" 2>"$work/err" &
server=$!
stop() {
    kill -TERM "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    rm -rf "$work"
}
trap stop EXIT

for _ in $(seq 1 300); do
    if grep -q '^deployment ' "$work/out" 2>/dev/null; then break; fi
    if ! kill -0 "$server" 2>/dev/null; then
        echo "fakecrm serve exited before it was ready:" >&2
        cat "$work/err" >&2
        exit 1
    fi
    sleep 0.1
done
if ! grep -q '^deployment ' "$work/out"; then
    echo "fakecrm serve printed no service lines within 30 s" >&2
    cat "$work/err" >&2
    exit 1
fi
sleep 0.2

while read -r name url rest; do
    [ -n "$name" ] || continue
    upper="$(printf '%s' "$name" | tr '[:lower:]-' '[:upper:]_')"
    export "FAKE_${upper}_URL=$url"
    echo "   $name $url"
    for pair in $rest; do
        key="$(printf '%s' "${pair%%=*}" | tr '[:lower:]-' '[:upper:]_')"
        export "FAKE_${upper}_${key}=${pair#*=}"
    done
done <"$work/out"

echo "== compatibility: pytest"
status=0
"$venv/bin/python" -m pytest "$here" -q -p no:cacheprovider || status=$?
exit "$status"
