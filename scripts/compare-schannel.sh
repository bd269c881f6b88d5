#!/usr/bin/env bash
# compare-schannel.sh — our client's handshake against Windows Schannel's, end to end.
#
#   scripts/compare-schannel.sh [OUTDIR]      (default: build/compare-schannel)
#
# 1. builds tls13 (build/release; or uses $TLS13_BIN when set);
# 2. makes a throwaway PKI for "localhost" and starts `openssl s_server` (TLS 1.3, RSA
#    certificate) on a free port of 127.0.0.1;
# 3. runs `tls13 connect localhost:PORT --trace OUTDIR/ours.trace --keylog OUTDIR/ours.keylog`
#    (one line sent, close_notify both ways) and stops the server;
# 4. compares that connection with the Schannel client of
#    tests/vectors/captures/schannel/tls13_win_curl_schannel_client.pcap (curl.exe on Windows,
#    TLS 1.3, no key log published): the list of differences on stdout, the same as JSON and
#    as one HTML page (two ladders side by side) in OUTDIR;
# 5. names, from the JSON, the Schannel habits the comparison shows.
#
# A capture of your own Schannel client (pcap/pcapng, or the SSPI tokens as a token trace) can
# replace the stored one: SCHANNEL=path/to/capture scripts/compare-schannel.sh.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
out="${1:-build/compare-schannel}"
schannel="${SCHANNEL:-tests/vectors/captures/schannel/tls13_win_curl_schannel_client.pcap}"
mkdir -p "$out"

tls13="${TLS13_BIN:-}"
if [ -z "$tls13" ]; then
    scripts/deps.sh
    scripts/build.sh build/release -DCMAKE_BUILD_TYPE=Release -DTLS13_TESTS=OFF >/dev/null
    tls13=build/release/tls13
fi
command -v jq >/dev/null || { echo "compare-schannel.sh: needs jq (scripts/deps.sh installs it)" >&2; exit 1; }

scripts/interop/make-pki.sh "$out/pki" >/dev/null
# shellcheck source=interop/server.sh
source scripts/interop/server.sh
export INTEROP_LOG_DIR="$out"
interop_alloc_port # sets $port
# shellcheck disable=SC2154 # port: set by interop_alloc_port (server.sh)
pid="$(interop_server_start openssl "$port" "$out/pki/rsa.pem" "$out/pki/rsa.key")"
trap 'interop_server_stop "$pid" >/dev/null 2>&1 || true' EXIT

rm -f "$out/ours.keylog" "$out/ours.trace"
printf 'hello, Schannel\n' | "$tls13" connect "localhost:$port" --cafile "$out/pki/ca.pem" \
    --keylog "$out/ours.keylog" --trace "$out/ours.trace" >/dev/null
interop_server_stop "$pid" >/dev/null 2>&1 || true
trap - EXIT

echo "== tls13 compare --keylog $out/ours.keylog $out/ours.trace $schannel"
"$tls13" compare --layout list --keylog "$out/ours.keylog" "$out/ours.trace" "$schannel" | tee "$out/compare.txt"
"$tls13" compare --format json --keylog "$out/ours.keylog" "$out/ours.trace" "$schannel" >"$out/compare.json"
"$tls13" compare --format html --keylog "$out/ours.keylog" "$out/ours.trace" "$schannel" >"$out/compare.html"

# What the comparison says about Schannel (B), read from the JSON (docs/compare-json.md).
j="$out/compare.json"
echo
echo "== Schannel habits seen in $schannel (B) against ours (A)"
only_b_ext() { jq -r --arg e "$1" '[.differences[] | select(.section=="client_hello" and .kind=="only_b" and .item==("extension " + $e))] | length' "$j"; }
if [ "$(only_b_ext status_request)" != 0 ]; then
    echo "- status_request (OCSP stapling, RFC 6066 §8) offered in a TLS 1.3 ClientHello: ours does not."
fi
if [ "$(only_b_ext extended_master_secret)" != 0 ]; then
    echo "- extended_master_secret (RFC 7627, TLS 1.2 only) offered in a TLS 1.3 ClientHello too: it"
    echo "  is kept for servers that answer with TLS 1.2, and has no effect in TLS 1.3."
fi
jq -r '.b.negotiated | "- negotiated \(.version) with \(.cipher_suite) over \(.group)."' "$j"
jq -r '.b.records[] | select(.direction=="client" and (.what|test("^finished"))) |
       "- the client Finished record is \(.length + 5) bytes: \(.breakdown)."' "$j"
jq -r '[.a, .b] | map([.flights[] | select(.direction == "client")] | last | .bytes) |
       "- its last client flight (ChangeCipherSpec + Finished) is \(.[1]) bytes, ours \(.[0]): the Finished carries Hash.length bytes of verify_data (RFC 8446 §4.4.4), 48 under SHA-384, 32 under SHA-256."' "$j"
jq -r '.b.after | if .new_session_ticket_count > 0 then
       "- after the client Finished, the server sends \(.new_session_ticket_count) record(s) the decoder reads as NewSessionTicket (\([.new_session_tickets[].record_length + 5] | map(tostring) | join(", ")) bytes). A Windows Schannel server does the same: the extra 103-byte message after the Finished in tests/vectors/traces/so72871449_schannel_tls13_nst.trace is a NewSessionTicket (tls13 decode that trace)."
       else empty end' "$j"
jq -r '"- \(.differences | length) differences in all; the page is '"$out"'/compare.html."' "$j"
