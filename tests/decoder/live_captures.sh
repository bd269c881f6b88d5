#!/usr/bin/env bash
# live_captures.sh — captures made here, on lo, with real peers, decoded and compared with tshark.
#
#   live_captures.sh TLS13_BINARY [KEEP_DIR]
#
# Each case starts a server on a fresh port (scripts/interop/server.sh interop_alloc_port),
# captures its port on lo with tshark, runs a client that writes an NSS key log, then checks:
#   - `tls13 decode --keylog` says both Finished messages verified (TLS 1.2: RFC 5246 §7.4.9),
#   - the records (direction, outer type, length, decrypted type, handshake types) equal tshark's
#     (tshark_records.awk and decoder_records.awk, as compare_tshark.sh does),
#   - case-specific text in the decoder's output (e.g. the STARTTLS prefix it named).
# Cases:
#   tls12-cbc-etm      openssl, ECDHE-RSA-AES128-SHA, encrypt_then_mac (RFC 7366, OpenSSL's default)
#   tls12-cbc-mte      the same with -no_etm: MAC-then-encrypt (RFC 5246 §6.2.3.2)
#   tls12-cbc-sha384   ECDHE-RSA-AES256-SHA384 without ETM: HMAC-SHA384, PRF SHA-384
#   tls10-cbc-etm      TLS 1.0 (-tls1), AES128-SHA: the MD5/SHA-1 PRF (RFC 2246 §5), the IV
#   tls10-cbc-mte        chained from the previous record (§6.2.3.2), with and without ETM
#   tls11-cbc-etm      TLS 1.1 (-tls1_1), AES128-SHA: the same PRF, explicit IVs (RFC 4346)
#   tls11-cbc-mte
#   3des-tls12-rsa     gnutls-serv/gnutls-cli (OpenSSL 3 has no 3DES suite left), RSA key
#                      exchange, TLS_RSA_WITH_3DES_EDE_CBC_SHA: 8-byte blocks
#   3des-tls10-ecdhe   TLS 1.0, TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA, without ETM
#   dtls10-cbc-etm     DTLS 1.0 (openssl -dtls1, HelloVerifyRequest), AES128-SHA: TLS 1.1's
#   dtls10-cbc-mte       record protection with epoch || sequence_number (RFC 4347 §4.1)
#   dtls12-cbc-mte     DTLS 1.2, ECDHE-RSA-AES128-SHA without ETM
#                      (DTLS records compared with dtls_tshark_records.awk, as dtls_live.sh does)
#   starttls-PROTO     openssl s_client -starttls PROTO (smtp, ftp, imap, pop3, postgres, ldap,
#                      mysql, xmpp) against starttls_server.py: the decoder names the clear-text
#                      part ("after SMTP STARTTLS (RFC 3207), N bytes") and decodes both sides
# KEEP_DIR keeps each case's capture and key log (how tests/vectors/captures/tls1*-*cbc* were made,
# with LIVE_PORT=44412: every case on that port, which compare_tshark.sh tells tshark is TLS).
# Exits 77 (ctest SKIP_RETURN_CODE) without tshark, openssl or python3, or when lo cannot be
# captured on.
set -u
bin=$1
keep=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
for tool in tshark openssl python3; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "live_captures: $tool is not installed: skipped"
        exit 77
    fi
done
# shellcheck source=../../scripts/interop/server.sh
. "$root/scripts/interop/server.sh"
work=$(mktemp -d)
cap_pid=""
cleanup() {
    [ -n "$cap_pid" ] && kill -INT "$cap_pid" 2>/dev/null
    interop_stop_all
    rm -rf "$work"
}
trap cleanup EXIT INT TERM
export INTEROP_LOG_DIR=$work
failed=0
passed=0
fail() { echo "FAIL $*"; failed=1; }
pass() { echo "ok   $*"; passed=$((passed + 1)); }

openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 2 \
    -keyout "$work/key.pem" -out "$work/cert.pem" >/dev/null 2>&1 || { fail "openssl req"; exit 1; }

# capture_start PORT FILE: tshark on lo for that port; returns 1 when lo cannot be captured on.
capture_start() {
    local log="$work/tshark-$1.log"
    : >"$log"
    timeout 60 tshark -i lo -f "tcp port $1" -w "$2" >"$log" 2>&1 &
    cap_pid=$!
    for _ in $(seq 50); do
        grep -q "Capturing on" "$log" && break
        sleep 0.1
    done
    grep -q "Capturing on" "$log" || return 1
    sleep 0.3 # the filter is set just after "Capturing on" is printed
}
capture_stop() {
    sleep 1 # let dumpcap write the last packets
    kill -INT "$cap_pid" 2>/dev/null
    wait "$cap_pid" 2>/dev/null
    cap_pid=""
}

# wait_listening PORT: up to 10 s.
wait_listening() {
    for _ in $(seq 100); do
        interop_port_listening "$1" && return 0
        sleep 0.1
    done
    return 1
}

# compare_records NAME CAPTURE KEYLOG AWK_PREFIX [tshark args]: decode with the key log; both
# Finished must verify, and the records must equal tshark's (AWK_PREFIX "" for TLS, dtls_ for
# DTLS: which record-format scripts read the two). Leaves the JSON in $work/NAME.json.
compare_records() {
    local name=$1 cap=$2 keylog=$3 kind=$4
    shift 4
    "$bin" decode --keylog "$keylog" --format json "$cap" >"$work/$name.json" 2>"$work/$name.err"
    if grep -q '"server_finished": "verified", "client_finished": "verified"' "$work/$name.json"; then
        pass "$name: both Finished verified"
    else
        fail "$name: Finished not verified by tls13 decode:"
        grep -E '"(version|cipher_suite|server_finished)"|notes' "$work/$name.json" | head -5
    fi
    tshark -r "$cap" -o "tls.keylog_file:$keylog" "$@" -T pdml 2>/dev/null \
        | awk -f "$here/${kind}tshark_records.awk" >"$work/$name.want"
    awk -f "$here/decoder_json.awk" -f "$here/${kind}decoder_records.awk" "$work/$name.json" >"$work/$name.got"
    if [ ! -s "$work/$name.want" ]; then
        fail "$name: tshark listed no ${kind:+DTLS }records"
    elif diff -u "$work/$name.want" "$work/$name.got" >"$work/$name.diff"; then
        pass "$name: $(wc -l <"$work/$name.want") records equal to tshark's"
    else
        fail "$name: records differ from tshark's (- tshark, + tls13 decode)"
        cat "$work/$name.diff"
    fi
}

# check NAME CAPTURE KEYLOG TSHARK_DECODE_AS [GREP_TEXT]: the checks listed at the top.
check() {
    local name=$1 cap=$2 keylog=$3 decode_as=$4 text=${5:-}
    if [ -n "$keep" ]; then
        cp "$cap" "$keep/$name.pcapng"
        cp "$keylog" "$keep/$name.keylog"
    fi
    compare_records "$name" "$cap" "$keylog" "" -d "$decode_as"
    if [ -n "$text" ]; then
        "$bin" decode --keylog "$keylog" "$cap" >"$work/$name.txt" 2>&1
        if grep -qF "$text" "$work/$name.txt"; then
            pass "$name: the decoder says \"$text\""
        else
            fail "$name: the decoder's text lacks \"$text\":"
            grep -i note "$work/$name.txt" | head -5
        fi
    fi
}

# openssl_case NAME VERSION_FLAG CIPHER [s_client args]: that version and suite, one line each way.
openssl_case() {
    local name=$1 version=$2 cipher=$3
    shift 3
    interop_alloc_port
    [ -n "${LIVE_PORT:-}" ] && port=$LIVE_PORT
    local p=$port cap="$work/$name.pcapng" keylog="$work/$name.keylog"
    if ! capture_start "$p" "$cap"; then
        echo "live_captures: tshark cannot capture on lo: skipped"
        exit 77
    fi
    openssl s_server -accept "127.0.0.1:$p" "$version" -cipher "$cipher" -cert "$work/cert.pem" \
        -key "$work/key.pem" -rev -ign_eof </dev/null >"$work/server-$name.log" 2>&1 &
    interop_pids+=("$!")
    wait_listening "$p" || { fail "$name: s_server did not listen"; capture_stop; return; }
    printf 'hello %s\n' "$name" | timeout 20 openssl s_client -connect "127.0.0.1:$p" "$version" \
        -cipher "$cipher" -keylogfile "$keylog" -quiet "$@" >"$work/client-$name.log" 2>&1
    capture_stop
    interop_stop_all
    check "$name" "$cap" "$keylog" "tcp.port==$p,tls"
}

openssl_case tls12-cbc-etm -tls1_2 ECDHE-RSA-AES128-SHA
openssl_case tls12-cbc-mte -tls1_2 ECDHE-RSA-AES128-SHA -no_etm
openssl_case tls12-cbc-sha384 -tls1_2 ECDHE-RSA-AES256-SHA384 -no_etm
# TLS 1.0 and 1.1 are below OpenSSL 3's default security level 1: @SECLEVEL=0 lets them through.
openssl_case tls10-cbc-etm -tls1 AES128-SHA@SECLEVEL=0
openssl_case tls10-cbc-mte -tls1 AES128-SHA@SECLEVEL=0 -no_etm
openssl_case tls11-cbc-etm -tls1_1 AES128-SHA@SECLEVEL=0
openssl_case tls11-cbc-mte -tls1_1 AES128-SHA@SECLEVEL=0 -no_etm

# gnutls_case NAME PRIORITY: gnutls-serv --echo and gnutls-cli (key log through SSLKEYLOGFILE).
gnutls_case() {
    local name=$1 priority=$2 text=${3:-}
    if ! command -v gnutls-serv >/dev/null 2>&1 || ! command -v gnutls-cli >/dev/null 2>&1; then
        echo "skip $name: gnutls-serv / gnutls-cli not installed"
        return
    fi
    interop_alloc_port
    [ -n "${LIVE_PORT:-}" ] && port=$LIVE_PORT
    local p=$port cap="$work/$name.pcapng" keylog="$work/$name.keylog"
    capture_start "$p" "$cap" || { echo "live_captures: tshark cannot capture on lo: skipped"; exit 77; }
    gnutls-serv -p "$p" --x509certfile "$work/cert.pem" --x509keyfile "$work/key.pem" --echo \
        --priority "$priority" >"$work/server-$name.log" 2>&1 &
    interop_pids+=("$!")
    wait_listening "$p" || { fail "$name: gnutls-serv did not listen"; capture_stop; return; }
    (printf 'hello %s\n' "$name"; sleep 1) | SSLKEYLOGFILE=$keylog timeout 20 gnutls-cli -p "$p" 127.0.0.1 \
        --no-ca-verification --priority "$priority" >"$work/client-$name.log" 2>&1
    capture_stop
    interop_stop_all
    check "$name" "$cap" "$keylog" "tcp.port==$p,tls" "$text"
}

gnutls_case 3des-tls12-rsa 'NORMAL:-VERS-ALL:+VERS-TLS1.2:-CIPHER-ALL:+3DES-CBC:-KX-ALL:+RSA' \
    "TLS_RSA_WITH_3DES_EDE_CBC_SHA"
gnutls_case 3des-tls10-ecdhe 'NORMAL:-VERS-ALL:+VERS-TLS1.0:-CIPHER-ALL:+3DES-CBC:-KX-ALL:+ECDHE-RSA:%NO_ETM' \
    "MAC-then-encrypt, RFC 5246 §6.2.3.2): HMAC-SHA1 verified"

# dtls_case NAME VERSION_FLAG CIPHER [s_client args]: openssl over UDP, one line from the client.
dtls_case() {
    local name=$1 version=$2 cipher=$3
    shift 3
    interop_alloc_port
    local p=$port cap="$work/$name.pcapng" keylog="$work/$name.keylog" log="$work/tshark-$name.log"
    : >"$log"
    timeout 60 tshark -i lo -f "udp port $p" -w "$cap" >"$log" 2>&1 &
    cap_pid=$!
    for _ in $(seq 50); do
        grep -q "Capturing on" "$log" && break
        sleep 0.1
    done
    grep -q "Capturing on" "$log" || { echo "live_captures: tshark cannot capture on lo: skipped"; exit 77; }
    sleep 0.3
    # s_server quits at the end of its standard input: keep it open while the client talks.
    sleep 6 | openssl s_server -accept "127.0.0.1:$p" "$version" -cipher "$cipher" -cert "$work/cert.pem" \
        -key "$work/key.pem" >"$work/server-$name.log" 2>&1 &
    interop_pids+=("$!")
    sleep 0.5 # UDP: nothing to wait for but the socket
    (printf 'hello %s\n' "$name"; sleep 1) | timeout 20 openssl s_client -connect "127.0.0.1:$p" "$version" \
        -cipher "$cipher" -keylogfile "$keylog" -quiet "$@" >"$work/client-$name.log" 2>&1
    capture_stop
    interop_stop_all
    compare_records "$name" "$cap" "$keylog" dtls_
}

dtls_case dtls10-cbc-etm -dtls1 AES128-SHA@SECLEVEL=0
dtls_case dtls10-cbc-mte -dtls1 AES128-SHA@SECLEVEL=0 -no_etm
dtls_case dtls12-cbc-mte -dtls1_2 ECDHE-RSA-AES128-SHA -no_etm

# starttls_case PROTO TSHARK_DISSECTOR TEXT [s_client args]: the clear part by
# starttls_server.py, then TLS 1.2.
starttls_case() {
    local proto=$1 dissector=$2 text=$3 name=starttls-$1
    shift 3
    interop_alloc_port
    [ -n "${LIVE_PORT:-}" ] && port=$LIVE_PORT
    local p=$port cap="$work/$name.pcapng" keylog="$work/$name.keylog"
    capture_start "$p" "$cap" || { echo "live_captures: tshark cannot capture on lo: skipped"; exit 77; }
    timeout 30 python3 "$here/starttls_server.py" "$proto" "$p" "$work/cert.pem" "$work/key.pem" \
        >"$work/server-$name.log" 2>&1 &
    interop_pids+=("$!")
    wait_listening "$p" || { fail "$name: starttls_server.py did not listen"; capture_stop; return; }
    printf 'hello %s\n' "$name" | timeout 20 openssl s_client -connect "127.0.0.1:$p" \
        -starttls "$proto" -keylogfile "$keylog" -quiet -ign_eof "$@" >"$work/client-$name.log" 2>&1
    capture_stop
    interop_stop_all
    check "$name" "$cap" "$keylog" "tcp.port==$p,$dissector" "$text"
}

starttls_case smtp smtp "after SMTP STARTTLS (RFC 3207)"
starttls_case ftp ftp "client: TLS starts at offset 10, after FTP AUTH TLS (RFC 4217), 10 bytes"
starttls_case imap imap "after IMAP STARTTLS (RFC 3501 §6.2.1)"
starttls_case pop3 pop "after POP3 STLS (RFC 2595 §4)"
starttls_case postgres pgsql "client: TLS starts at offset 8, after PostgreSQL SSLRequest, 8 bytes"
starttls_case ldap ldap "after LDAP StartTLS extended operation (RFC 4511 §4.14)"
starttls_case mysql mysql "after MySQL SSLRequest"
starttls_case xmpp xmpp "client: TLS starts at offset 173, after XMPP STARTTLS (RFC 6120 §5), 173 bytes" \
    -xmpphost xmpp.example.test

echo "live_captures: $passed passed, failed=$failed"
exit $failed
