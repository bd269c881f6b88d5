#!/usr/bin/env bash
# cli_interrupt.sh — a long `tls13 decode`: a progress line on stderr only when stderr is a
# terminal, and Ctrl-C (SIGINT) still writes what was decoded so far as valid JSON (or a whole
# HTML page), exit 130.
#
#   cli_interrupt.sh TLS13_BINARY GEN_TLS13_CAPTURE VECTORS_DIR
set -u
bin=$1
gen=$2
vectors=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
fail() { echo "FAIL $*"; failed=1; }
ok() { echo "ok   $*"; }

# A 200 MB keyed TLS 1.3 capture, grown from a real one (tests/bench/README.md).
tmpl=$vectors/captures/tls13-aes-128-gcm-x25519
"$gen" "$tmpl.pcap" "$tmpl.keylog" "$tmp/big.pcap" 200000000 >/dev/null || { echo "FAIL generator"; exit 1; }

# SIGINT once the decoder is well into the capture: when it has read past the first MiB of
# big.pcap (its read position, /proc/PID/fdinfo). Its handler is installed before it opens the
# capture (src/cli/decode.c); a fixed delay could land before that on a loaded machine, where the
# default action would end the process with status 130, no message and no output. Sets rc.
read_position() {
    local pid="$1" fd
    for fd in /proc/"$pid"/fd/*; do
        if [ "$(readlink "$fd" 2>/dev/null)" = "$tmp/big.pcap" ]; then
            awk '/^pos:/ { print $2 }' /proc/"$pid"/fdinfo/"${fd##*/}" 2>/dev/null
            return
        fi
    done
    echo 0
}
interrupt_when_started() {
    local out="$1" err="$2" pid pos
    shift 2
    "$@" >"$out" 2>"$err" &
    pid=$!
    for _ in $(seq 1 400); do
        kill -0 "$pid" 2>/dev/null || break
        pos="$(read_position "$pid")"
        [ "${pos:-0}" -gt 1048576 ] && break
        sleep 0.05
    done
    kill -INT "$pid" 2>/dev/null
    rc=0
    wait "$pid" || rc=$?
}

# 1. SIGINT while decoding: exit 130, a message, and JSON that parses, holding the connection.
interrupt_when_started "$tmp/out.json" "$tmp/err" \
    "$bin" decode --format json --keylog "$tmpl.keylog" "$tmp/big.pcap"
[ "$rc" -eq 130 ] && ok "interrupted: exit 130" || fail "interrupted: exit $rc (want 130)"
grep -q "interrupted" "$tmp/err" && ok "interrupted: says so on stderr" || fail "no message on stderr"
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d) == 1 and d[0]["records"], d' \
    "$tmp/out.json" 2>"$tmp/py"; then
    ok "interrupted: the JSON is valid and holds the records decoded so far"
else
    fail "interrupted: JSON not valid: $(tail -1 "$tmp/py")"
fi
grep -q "stopped by the user" "$tmp/out.json" && ok "interrupted: the connection notes where reading stopped" ||
    fail "no note of the stop"

# The same with --format html: the page is finished (its last line closes the document).
interrupt_when_started "$tmp/out.html" /dev/null \
    "$bin" decode --format html --keylog "$tmpl.keylog" "$tmp/big.pcap"
[ "$rc" -eq 130 ] && [ "$(tail -n 1 "$tmp/out.html")" = "</body></html>" ] && grep -q 'data-record="1"' "$tmp/out.html" &&
    ok "interrupted --format html: exit 130, a whole page with the records so far" ||
    fail "interrupted --format html: exit $rc, last line '$(tail -n 1 "$tmp/out.html")'"

# 2. Progress: on a terminal (script(1) gives stderr a pty) a line with bytes and connections;
#    into a file or pipe, nothing.
script -qec "'$bin' decode --format json '$tmp/big.pcap' >/dev/null" /dev/null >"$tmp/tty" 2>&1
tr '\r' '\n' <"$tmp/tty" >"$tmp/tty.lines"
grep -aq "big.pcap: [0-9.]* MB of [0-9.]* MB (100%), 1 connection" "$tmp/tty.lines" &&
    ok "progress on a terminal, ending at 100%" || fail "no progress line on a terminal: $(tail -2 "$tmp/tty.lines")"
"$bin" decode --format json "$vectors/captures/tls13-keyupdate.pcap" >/dev/null 2>"$tmp/err2"
[ ! -s "$tmp/err2" ] && ok "no progress when stderr is not a terminal" || fail "stderr not empty: $(head -2 "$tmp/err2")"
exit $failed
