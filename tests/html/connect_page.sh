#!/usr/bin/env bash
# connect_page.sh — `tls13 connect --html FILE` gives the same kind of page as decode: a handshake
# with a real openssl s_server on 127.0.0.1, then the page checked in headless Chromium by
# check_pages.py against the JSON of the connection's own --trace and --keylog.
#
#   connect_page.sh TLS13_BINARY WORKDIR
#
# Exit 0 on success, 1 on failure, 77 (skipped) without openssl or chromium.
set -uo pipefail
tls13="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
work="$2"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
mkdir -p "$work"
export INTEROP_LOG_DIR="$work/logs"
# shellcheck source=../../scripts/interop/server.sh
. "$root/scripts/interop/server.sh"
for tool in openssl timeout chromium; do
    command -v "$tool" >/dev/null || { echo "SKIP: $tool not installed (scripts/deps.sh)"; exit 77; }
done
"$root/scripts/interop/make-pki.sh" "$work/pki" >/dev/null || { echo "FAIL: make-pki.sh"; exit 1; }
port=$((30000 + ($$ % 20000)))
while interop_port_listening "$port"; do port=$((port + 1)); done
pid="$(interop_server_start openssl "$port" "$work/pki/rsa.pem" "$work/pki/rsa.key" -rev)" ||
    { echo "FAIL: cannot start openssl s_server"; exit 1; }
trap 'interop_server_stop "$pid"' EXIT
rm -f "$work/keys.txt"
if ! echo hello | timeout 30 "$tls13" connect "127.0.0.1:$port" --cafile "$work/pki/ca.pem" \
        --servername localhost --html "$work/connect.html" --trace "$work/connect.trace" \
        --keylog "$work/keys.txt" >"$work/out.txt" 2>"$work/err.txt"; then
    echo "FAIL: tls13 connect: $(cat "$work/err.txt")"
    exit 1
fi
grep -q olleh "$work/out.txt" || { echo "FAIL: no echo from the server"; exit 1; }
python3 "$here/check_pages.py" "$tls13" "$work" "$work/pages" --given-page "$work/connect.html" \
    connect.trace keys.txt || exit 1
# The client knows what no key log carries: its key schedule panel shows every §7.1 step, as
# --explain does (issue 10): the three stage secrets, the (EC)DHE input, both "derived" salts,
# and each Extract recomputed by the decoder agrees with the client's value.
page="$work/connect.html"
for secret in early_secret handshake_secret master_secret; do
    grep -q "data-secret=\"$secret\"" "$page" || { echo "FAIL: no $secret on the page"; exit 1; }
done
[ "$(grep -o 'data-derived="derived"' "$page" | wc -l)" -eq 2 ] ||
    { echo "FAIL: the page does not show both \"derived\" salts"; exit 1; }
grep -q 'IKM: the (EC)DHE shared secret' "$page" || { echo "FAIL: no (EC)DHE input"; exit 1; }
[ "$(grep -o 'HKDF-Extract recomputed here: equal' "$page" | wc -l)" -eq 3 ] ||
    { echo "FAIL: a stage secret does not recompute from the step before"; exit 1; }
! grep -q 'recomputed here: DIFFERENT' "$page" || { echo "FAIL: a stage secret differs"; exit 1; }
echo "ok: the page shows every §7.1 step, each Extract recomputed equal"
