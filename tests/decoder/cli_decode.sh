#!/usr/bin/env bash
# cli_decode.sh — `tls13 decode` as a command: exit status and messages.
#
#   cli_decode.sh TLS13_BINARY VECTORS_DIR
#
# 0 when every input is read; 1 when an input or the key log cannot be read (with a message
# naming it on stderr); 2 on a usage error. --show-data prints the decrypted bytes.
set -u
bin=$1
vectors=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
expect() { # expect STATUS STDERR_PATTERN ARGS...
    local want=$1 pattern=$2
    shift 2
    "$bin" decode "$@" >"$tmp/out" 2>"$tmp/err"
    local got=$?
    if [ "$got" -ne "$want" ] || ! grep -q -- "$pattern" "$tmp/err" "$tmp/out"; then
        echo "FAIL decode $*: status $got (want $want), output lacks '$pattern'"
        head -5 "$tmp/err"
        failed=1
    else
        echo "ok   decode $* -> $got"
    fi
}
cap=$vectors/captures/tls13-keyupdate.pcap
key=$vectors/captures/tls13-keyupdate.keylog
expect 2 "usage: tls13 decode"
expect 2 "usage: tls13 decode" --format xml "$cap"
expect 2 "usage: tls13 decode" --no-such-option "$cap"
expect 1 "$tmp/missing.pcap: cannot open" "$tmp/missing.pcap"
echo "CLIENT_HANDSHAKE_TRAFFIC_SECRET 00 00" >"$tmp/bad.keylog"
expect 1 "bad.keylog line 1: key log: the client random must be 64 hex digits" --keylog "$tmp/bad.keylog" "$cap"
printf 'C: 1x\n' >"$tmp/bad.trace"
expect 1 "bad.trace: line 1, column 5" "$tmp/bad.trace"
# The server's first application data record of the KeyUpdate capture, decrypted (--show-data).
expect 0 "server: data aft" --show-data --keylog "$key" "$cap"
expect 0 '"server_finished": "verified"' --format json --keylog "$key" "$cap"
# Two inputs: one JSON array, two connection objects.
"$bin" decode --format json "$cap" "$vectors/traces/so72871449_schannel_tls13_nst.trace" >"$tmp/two"
if [ "$(grep -c '^{"input": ' "$tmp/two")" -ne 2 ] || [ "$(head -1 "$tmp/two")" != "[" ] ||
    [ "$(tail -1 "$tmp/two")" != "]" ]; then
    echo "FAIL two inputs: not one array of two objects"
    failed=1
else
    echo "ok   two inputs -> one array, two objects"
fi
exit $failed
