#!/usr/bin/env bash
# run_interop.sh TLS13 [WORKDIR] — `tls13 connect` against real TLS 1.3 servers on 127.0.0.1.
#
# Matrix (each: send a line, get the echo back, exit status 0 = verified + clean close):
#   {openssl s_server, gnutls-serv} x {RSA 2048 (rsa_pss_rsae_*), ECDSA P-256}
#     x {TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256}
#     x {x25519, secp256r1, secp384r1}                               = 36 connections
# Then, against each server kind:
#   HelloRetryRequest: the server accepts only secp384r1, the client shares x25519 (RFC 8446 §4.1.4)
#   KeyUpdate: --key-update, then data both ways (RFC 8446 §4.6.3)
#   ECDSA P-384 leaf (ecdsa_secp384r1_sha384)
# And against openssl:
#   wrong host name -> exit 1, "bad_certificate"     (RFC 8446 §4.4.2.2, RFC 9525)
#   unknown CA      -> exit 1, "unknown_ca"          (RFC 8446 §6.2)
#   --trace writes C:/S: tokens; --explain names the messages; resumption with --sess-out/--sess-in
#   key log + tshark: a capture decrypts with the key log the client wrote (skipped without tshark)
#
# Exit: 0 all passed, 1 something failed, 77 skipped (the client core reports "not implemented",
# or openssl/gnutls-serv are missing). Servers are always stopped (trap). Every client run is
# bounded by `timeout`. Set INTEROP_BASE_PORT to choose the ports (default: derived from the PID).
set -uo pipefail

tls13="${1:?usage: run_interop.sh TLS13_BINARY [WORKDIR]}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="${2:-$(mktemp -d "${TMPDIR:-/tmp}/tls13-interop.XXXXXX")}"
mkdir -p "$work"
export INTEROP_LOG_DIR="$work/logs"
# shellcheck source=../../scripts/interop/server.sh
. "$root/scripts/interop/server.sh"

for tool in openssl gnutls-serv ss timeout rev cmp; do
    if ! command -v "$tool" >/dev/null; then
        echo "SKIP: $tool not installed (scripts/deps.sh installs it)"
        exit 77
    fi
done

pki="$work/pki"
"$root/scripts/interop/make-pki.sh" "$pki" || { echo "FAIL: make-pki.sh"; exit 1; }

trap interop_stop_all EXIT INT TERM

# start KIND CERTNAME [args] -> sets $port (scripts/interop/server.sh stops it at the end).
start() {
    local kind="$1" cert="$2"
    shift 2
    interop_start_server "$kind" "$pki/$cert.pem" "$pki/$cert.key" "$@" || {
        echo "FAIL: cannot start $kind with $cert"
        exit 1
    }
}

failures=0
passes=0
n=0
# client NAME PORT [connect options] — runs the client with a line on stdin (or the file
# $input if set); sets $rc, $out, $err. $address overrides 127.0.0.1:PORT.
input=""
client() {
    local name="$1" p="$2"
    shift 2
    n=$((n + 1))
    out="$work/$n-$name.out"
    err="$work/$n-$name.err"
    local target="${address:-127.0.0.1:$p}"
    if [ -n "$input" ]; then
        timeout 20 "$tls13" connect "$target" --servername localhost --cafile "$pki/ca.pem" "$@" \
            <"$input" >"$out" 2>"$err"
    else
        printf 'hello tls13\n' | timeout 20 "$tls13" connect "$target" --servername localhost \
            --cafile "$pki/ca.pem" "$@" >"$out" 2>"$err"
    fi
    rc=$?
}

pass() { passes=$((passes + 1)); }
fail() {
    failures=$((failures + 1))
    echo "FAIL: $1 (exit $rc)"
    sed 's/^/    stderr: /' "$err" | tail -5
}

# echo_of KIND: what the server sends back for "hello tls13".
echo_of() {
    if [ "$1" = openssl ]; then echo "31slt olleh"; else echo "hello tls13"; fi
}

# expect_ok NAME KIND [must-appear-in-stderr...]: exit 0, the echo on stdout, summary words.
expect_ok() {
    local name="$1" kind="$2"
    shift 2
    if [ "$rc" -ne 0 ] || ! grep -qF "$(echo_of "$kind")" "$out"; then
        fail "$name"
        return
    fi
    for word in "$@"; do
        if ! grep -qF -- "$word" "$err"; then
            fail "$name: '$word' not in the connection summary"
            return
        fi
    done
    pass
}

# expect_alert NAME ALERT: exit 1 and "tls13: ALERT (" on stderr.
expect_alert() {
    if [ "$rc" -ne 1 ] || ! grep -qF "tls13: $2 (" "$err"; then
        fail "$1: expected exit 1 with $2"
        return
    fi
    pass
}

# --- is the core there at all? ------------------------------------------------------------
start openssl rsa
openssl_rsa="$port"
client probe "$openssl_rsa"
if grep -q "not implemented" "$err"; then
    echo "SKIP: the client core is not implemented yet: $(head -1 "$err")"
    exit 77
fi

start gnutls rsa
gnutls_rsa="$port"
start openssl ecdsa256
openssl_ec="$port"
start gnutls ecdsa256
gnutls_ec="$port"

# --- the matrix ---------------------------------------------------------------------------
suites="TLS_AES_128_GCM_SHA256 TLS_AES_256_GCM_SHA384 TLS_CHACHA20_POLY1305_SHA256"
groups="x25519 secp256r1 secp384r1"
for server in "openssl:rsa:$openssl_rsa:rsa_pss_rsae" "gnutls:rsa:$gnutls_rsa:rsa_pss_rsae" \
              "openssl:ecdsa256:$openssl_ec:ecdsa_secp256r1_sha256" \
              "gnutls:ecdsa256:$gnutls_ec:ecdsa_secp256r1_sha256"; do
    IFS=: read -r kind cert p scheme <<<"$server"
    for suite in $suites; do
        for group in $groups; do
            client "$kind-$cert-$suite-$group" "$p" --ciphers "$suite" --groups "$group"
            expect_ok "$kind $cert $suite $group" "$kind" "$suite" "group $group" "signature $scheme"
        done
    done
done

# --- HelloRetryRequest, KeyUpdate, P-384 --------------------------------------------------
start openssl rsa -groups secp384r1
client hrr-openssl "$port"
expect_ok "openssl HelloRetryRequest" openssl HelloRetryRequest "group secp384r1"
INTEROP_GNUTLS_PRIORITY="NORMAL:-VERS-ALL:+VERS-TLS1.3:-GROUP-ALL:+GROUP-SECP384R1" start gnutls rsa
client hrr-gnutls "$port"
expect_ok "gnutls HelloRetryRequest" gnutls HelloRetryRequest "group secp384r1"

client keyupdate-openssl "$openssl_rsa" --key-update
expect_ok "openssl KeyUpdate" openssl
client keyupdate-gnutls "$gnutls_rsa" --key-update
expect_ok "gnutls KeyUpdate" gnutls

start openssl ecdsa384
client p384-openssl "$port"
expect_ok "openssl ECDSA P-384 leaf" openssl "signature ecdsa_secp384r1_sha384"
start gnutls ecdsa384
client p384-gnutls "$port"
expect_ok "gnutls ECDSA P-384 leaf" gnutls "signature ecdsa_secp384r1_sha384"

# --- ALPN (RFC 7301): the server picks h2 from our list ----------------------------------
start openssl rsa -alpn h2
client alpn "$port" --alpn http/1.1,h2
expect_ok "ALPN negotiated" openssl ", alpn h2"

# --- a server that asks for a client certificate (we have none: empty Certificate, §4.4.2) ---
start openssl rsa -verify 1
client cert-request "$port"
expect_ok "openssl CertificateRequest answered with an empty Certificate" openssl

# --- bulk data: many records each way, records split across reads (RFC 8446 §5.1) --------
bulk="$work/bulk.txt"
for i in $(seq 1500); do printf 'line %05d of the bulk transfer test, forty-odd bytes\n' "$i"; done >"$bulk"
input="$bulk" client bulk-gnutls "$gnutls_rsa"
if [ "$rc" -eq 0 ] && cmp -s "$bulk" "$out"; then pass; else fail "gnutls: 80 KB echoed back unchanged"; fi
input="$bulk" client bulk-openssl "$openssl_rsa"
if [ "$rc" -eq 0 ] && rev "$bulk" | cmp -s - "$out"; then pass; else fail "openssl: 80 KB echoed back reversed"; fi

# --- IPv6 literal in brackets (gnutls-serv listens on every address) ------------------------
if ip -6 addr show dev lo 2>/dev/null | grep -q "::1/128"; then
    address="[::1]:$gnutls_rsa" client ipv6 "$gnutls_rsa"
    expect_ok "[::1]:PORT" gnutls
else
    echo "NOTE: no ::1 on lo; IPv6 test skipped"
fi

# --- the server dies mid-connection: exit 3, truncated (RFC 8446 §6.1) --------------------
start openssl rsa
victim="${interop_pids[${#interop_pids[@]} - 1]}"
n=$((n + 1))
err="$work/$n-truncated.err"
# stdin stays open (its writer keeps no descriptor of ours, so nothing waits for it)
timeout 20 "$tls13" connect "127.0.0.1:$port" --servername localhost --cafile "$pki/ca.pem" \
    < <(exec 2>/dev/null; sleep 15) >/dev/null 2>"$err" &
cpid=$!
for _ in $(seq 100); do
    grep -q "tls13: connected" "$err" && break
    sleep 0.1
done
kill -9 "$victim" 2>/dev/null
wait "$cpid"
rc=$?
if [ "$rc" -eq 3 ] && grep -q "truncated: connection closed without close_notify" "$err"; then
    pass
else
    fail "server killed: expected exit 3 (truncated)"
fi

# --- certificate failures -----------------------------------------------------------------
client wrong-name "$openssl_rsa" --servername not-localhost.example
expect_alert "wrong host name" bad_certificate
client unknown-ca "$openssl_rsa" --cafile "$pki/other-ca.pem"
expect_alert "unknown CA (client trusts another CA)" unknown_ca
start openssl other-rsa
client unknown-ca-server "$port"
expect_alert "unknown CA (server certificate from another CA)" unknown_ca

# --- --trace, --explain, resumption -------------------------------------------------------
client trace "$openssl_rsa" --trace "$work/trace.txt"
if [ "$rc" -eq 0 ] && grep -q '^C: 16' "$work/trace.txt" && grep -q '^S: 16' "$work/trace.txt"; then
    pass
else
    fail "--trace: expected C: and S: tokens starting with a handshake record (0x16)"
fi
client explain "$gnutls_rsa" --explain
expect_ok "--explain" gnutls "client_hello(1)" "server_hello(2)" "certificate_verify(15)" \
    "client_handshake_traffic_secret" "WAIT_FINISHED -> CONNECTED"

# --- resumption (RFC 8446 §2.2): a ticket saved by one connection resumes the next ------------
for server in openssl gnutls; do
    if [ "$server" = openssl ]; then p="$openssl_rsa"; else p="$gnutls_rsa"; fi
    rm -f "$work/session-$server.txt"
    client "sess-out-$server" "$p" --sess-out "$work/session-$server.txt"
    expect_ok "--sess-out ($server)" "$server"
    if [ ! -s "$work/session-$server.txt" ]; then
        fail "--sess-out ($server): no NewSessionTicket saved (RFC 8446 §4.6.1)"
        continue
    fi
    client "sess-in-$server" "$p" --sess-in "$work/session-$server.txt" --explain
    expect_ok "--sess-in ($server: PSK resumption, RFC 8446 §2.2)" "$server" ", resumed" \
        "pre_shared_key(41)"
    # the resumed handshake authenticates with the PSK: no Certificate, no CertificateVerify
    if grep -qE "message +S->C +certificate(_verify)?\((11|15)\)" "$err"; then
        fail "--sess-in ($server): the server sent a Certificate on a resumed handshake"
    else
        pass
    fi
done

# --- key log, checked by tshark decrypting a capture ----------------------------------------
tshark_test() {
    command -v tshark >/dev/null || { echo "NOTE: tshark not installed; key log test skipped"; return; }
    local cap="$work/capture.pcapng" keylog="$work/keylog.txt" tlog="$work/tshark.log"
    rm -f "$cap" "$keylog"
    : >"$tlog"
    timeout 30 tshark -i lo -f "tcp port $openssl_rsa" -w "$cap" >"$tlog" 2>&1 &
    local tpid=$!
    interop_pids+=("$tpid")
    for _ in $(seq 50); do
        grep -q "Capturing on" "$tlog" && break
        sleep 0.1
    done
    if ! grep -q "Capturing on" "$tlog"; then
        echo "NOTE: tshark cannot capture on lo; key log test skipped"
        return
    fi
    sleep 0.3 # "Capturing on" is printed as the capture starts; give the filter a moment
    client keylog "$openssl_rsa" --keylog "$keylog"
    sleep 1 # let dumpcap write the last packets before it is stopped
    kill -INT "$tpid" 2>/dev/null
    wait "$tpid" 2>/dev/null
    # In TLS 1.3 Certificate (11) and Finished (20) are encrypted: tshark sees them only if
    # the key log is right. "hello tls13\n" in hex must appear as decrypted data.
    local decrypted
    decrypted="$(tshark -r "$cap" -o "tls.keylog_file:$keylog" -T fields -e tls.handshake.type \
        -e data.data 2>/dev/null | tr '\t,' '\n')"
    if [ "$rc" -eq 0 ] && grep -qx 11 <<<"$decrypted" && grep -qx 20 <<<"$decrypted" &&
        grep -q 68656c6c6f20746c7331330a <<<"$decrypted"; then
        pass
    else
        fail "key log: tshark could not decrypt the capture with $keylog"
    fi
}
tshark_test

echo "interop: $passes passed, $failures failed (work dir $work)"
[ "$failures" -eq 0 ]
