#!/usr/bin/env bash
# dtls13_live.sh — tls13 decode on DTLS 1.3 captured here and now from NSS's tstclnt, against
# tshark and against what the peers sent.
#
#   dtls13_live.sh TLS13_BINARY SOURCE_DIR NSS_KEYLOG_SHIM
#
# NSS 3.87 (libnss3-tools) is the one DTLS 1.3 implementation Debian 12 ships: `tstclnt -P server`
# is a DTLS server, `tstclnt -P client` a client (-V tls1.3:tls1.3). It sends the last draft
# (supported_versions 0x7f2b, draft-ietf-tls-dtls13-43); src/decoder/dtls13_keys.h lists how its
# records differ from RFC 9147. Debian's libssl3 ignores SSLKEYLOGFILE, so the server runs with
# NSS_KEYLOG_SHIM preloaded (tests/decoder/peers/nss_keylog_shim.c), which logs the traffic
# secrets with a zero client_random; the ClientHello.random read by tshark replaces it.
#
# Runs:
#   full       one handshake, "hello over DTLS 1.3" from the client, an answer from the server
#              (TLS_AES_128_GCM_SHA256: the AES-ECB record number mask)
#   hrr        the server accepts only P-256 (-I P256): the client's x25519 key share gets a
#              HelloRetryRequest (RFC 8446 §4.1.4, RFC 9147 §5.1)
#   fragments  the client's record_size_limit is 100 (RFC 8449, set by the shim: tstclnt has no
#              MTU option), so the server cuts its encrypted Certificate into fragments; the
#              client logs its secrets too, and both logs must agree
#   chacha     the client offers only TLS_CHACHA20_POLY1305_SHA256 (-c :1303): the ChaCha20 mask
#   aes256     only TLS_AES_256_GCM_SHA384 (-c :1302): SHA-384 secrets, AES-256 mask
# and checks, for each, with the key log and without:
#   - the plaintext records (ClientHello, ServerHello, HelloRetryRequest) equal tshark's: TShark
#     4.0.17 does not dissect DTLS 1.3 unified headers (it shows "Continuation Data") nor
#     plaintext ACK records (content type 26: an empty DTLS tree), so it is the oracle for the
#     other plaintext records only;
#   - with the key log: every unified-header record decrypted, its reconstructed sequence numbers
#     0, 1, 2, ... per side and epoch (RFC 9147 §4.2.2: NSS numbers from 0 in each epoch), both
#     Finished verified, the CertificateVerify signature verified, and the application data the
#     decoder shows equal to the bytes the client and the server sent;
#   - without it: the same records listed, none decrypted.
# Exits 77 (skip) when tstclnt, certutil, tshark, dumpcap or the shim is missing, or when
# capturing on lo is not possible.
set -u
bin=$1
src=$2
shim=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
for tool in tstclnt certutil tshark dumpcap; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "dtls13_live: $tool is not installed (tstclnt/certutil: libnss3-tools, scripts/deps.sh): skipped"
        exit 77
    fi
done
if [ -z "$shim" ] || [ ! -f "$shim" ]; then
    echo "dtls13_live: the NSS key log shim was not built (needs libnss3-dev): skipped"
    exit 77
fi
# shellcheck source=../../scripts/interop/server.sh
. "$src/scripts/interop/server.sh"
tmp=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
    [ -n "${DTLS_LIVE_KEEP:-}" ] || rm -rf "$tmp"
}
trap cleanup EXIT
failed=0
ok() { echo "ok   $*"; }
fail() { echo "FAIL $*"; failed=1; }

db=$tmp/nssdb
mkdir -p "$db"
head -c 64 /dev/urandom >"$tmp/noise"
if ! certutil -N -d "sql:$db" --empty-password >/dev/null 2>&1 ||
    ! certutil -S -s "CN=localhost" -n leaf -x -t "CT,C,C" -k ec -q nistp256 -d "sql:$db" -z "$tmp/noise" \
        -v 12 -8 localhost >/dev/null 2>&1; then
    echo "dtls13_live: cannot make an NSS certificate database: skipped"
    exit 77
fi

live_name=dtls13_live
# shellcheck source=SCRIPTDIR/udp_capture.sh
. "$(dirname "$0")/udp_capture.sh"

# nss_run NAME "CLIENT OPTIONS" [server options]: one DTLS 1.3 connection; sets $capture and
# $keylog. $record_limit, when set, is the client's record_size_limit (and the client logs too).
nss_run() {
    local name=$1 copts=$2 spid random
    shift 2
    interop_alloc_port
    capture=$tmp/$name.pcapng
    keylog=$tmp/$name.keylog
    start_capture "$capture" "udp port $port"
    # The server answers what it reads on stdin; it never exits by itself (killed below).
    (echo "answer over DTLS 1.3"; sleep 4) | NSS_SHIM_KEYLOG=$tmp/$name.secrets LD_PRELOAD=$shim \
        tstclnt -P server -p "$port" -h 127.0.0.1 -d "sql:$db" -n leaf -V tls1.3:tls1.3 "$@" \
        >"$tmp/$name.server" 2>&1 &
    spid=$!
    pids+=("$spid")
    wait_udp "$port"
    # shellcheck disable=SC2086
    (echo "hello over DTLS 1.3"; sleep 2) | if [ -n "${record_limit:-}" ]; then
        NSS_SHIM_RECORD_SIZE_LIMIT=$record_limit NSS_SHIM_KEYLOG=$tmp/$name.client-secrets LD_PRELOAD=$shim \
            timeout 5 tstclnt -P client -p "$port" -h 127.0.0.1 -d "sql:$db" -V tls1.3:tls1.3 -o $copts
    else
        timeout 5 tstclnt -P client -p "$port" -h 127.0.0.1 -d "sql:$db" -V tls1.3:tls1.3 -o $copts
    fi >"$tmp/$name.client" 2>&1
    sleep 0.5
    kill "$spid" 2>/dev/null
    wait "$spid" 2>/dev/null
    sleep 0.3
    kill "$cap_pid" 2>/dev/null
    wait "$cap_pid" 2>/dev/null
    random=$(tshark -r "$capture" -d "udp.port==$port,dtls" -Y 'dtls.handshake.type == 1' \
        -T fields -e dtls.handshake.random 2>/dev/null | tail -1)
    if [ -z "$random" ] || [ ! -s "$tmp/$name.secrets" ]; then
        fail "$name: no DTLS 1.3 handshake captured or no secrets logged"
        cat "$tmp/$name.server" "$tmp/$name.client" | grep -v PR_Poll | tail -5
        return 1
    fi
    sed "s/ 0\{64\} / $random /" "$tmp/$name.secrets" >"$keylog"
}

# check NAME: the checks listed at the top.
check() {
    local name=$1 json got
    for keyed in yes no; do
        if [ $keyed = yes ]; then
            json=$("$bin" decode --keylog "$keylog" --format json "$capture")
        else
            json=$("$bin" decode --format json "$capture")
        fi
        printf '%s\n' "$json" | awk -f "$here/decoder_json.awk" -f "$here/dtls_decoder_records.awk" >"$tmp/got.all"
        printf '%s\n' "$json" | grep '^    {"dir": ' >"$tmp/json.records"
        # tshark's records: the plaintext ones (it shows the rest as "Continuation Data")
        tshark -r "$capture" -d "udp.port==$port,dtls" -T pdml 2>/dev/null \
            | awk -f "$here/dtls_tshark_records.awk" >"$tmp/want"
        # ...and without the plaintext ACKs (content type 26) of a flight acknowledged in epoch 0
        # (NSS sends one when the peer's flight comes twice): TShark 4.0.17 shows an empty
        # "Datagram Transport Layer Security" tree for them, no dtls.record.
        grep -v '"unified_header": true' "$tmp/json.records" | grep -v '"content_type": "ack"' \
            | awk -f "$here/decoder_json.awk" -f "$here/dtls_decoder_records.awk" >"$tmp/got"
        if [ ! -s "$tmp/want" ]; then
            fail "$name ($keyed keys): tshark listed no DTLS record"
        elif diff -u "$tmp/want" "$tmp/got" >"$tmp/diff"; then
            ok "$name ($keyed keys): $(wc -l <"$tmp/want") plaintext records equal to tshark's"
        else
            fail "$name ($keyed keys): plaintext records differ from tshark's (- tshark, + tls13 decode)"
            cat "$tmp/diff"
        fi
        local unified decrypted
        unified=$(grep -c '"unified_header": true' "$tmp/json.records")
        decrypted=$(grep '"unified_header": true' "$tmp/json.records" | grep -c '"decrypted": true')
        if [ "$unified" -lt 5 ]; then
            fail "$name ($keyed keys): only $unified unified-header records"
        elif [ $keyed = no ] && [ "$decrypted" -eq 0 ]; then
            ok "$name (no keys): $unified unified-header records listed, none decrypted"
        elif [ $keyed = yes ] && [ "$decrypted" -eq "$unified" ]; then
            ok "$name (keys): all $unified unified-header records decrypted"
        else
            fail "$name ($keyed keys): $decrypted of $unified unified-header records decrypted"
        fi
    done
    # Sequence numbers per (direction, epoch) in the order sent: 0, 1, 2, ... (§4.2.2).
    json=$("$bin" decode --keylog "$keylog" --format json "$capture")
    got=$(printf '%s\n' "$json" | grep '"unified_header": true' \
        | awk -f "$here/decoder_json.awk" -f "$here/dtls_decoder_records.awk" \
        | awk '{ k = $1 " " $4; if ($5 != n[k] + 0) bad = bad " " k "/" $5 " (want " n[k] + 0 ")"; n[k]++ }
               END { print (bad == "" ? "ok" : bad) }')
    if [ "$got" = ok ]; then
        ok "$name: reconstructed sequence numbers 0, 1, 2, ... in each direction and epoch"
    else
        fail "$name: sequence numbers out of order:$got"
    fi
    if printf '%s\n' "$json" | grep -q '"server_finished": "verified", "client_finished": "verified"'; then
        ok "$name: both Finished verified"
    else
        fail "$name: the Finished values do not both verify with the key log:" \
            "$(printf '%s\n' "$json" | grep -o '"server_finished": "[a-z]*", "client_finished": "[a-z]*"')"
        [ -n "${DTLS_LIVE_KEEP:-}" ] || cp "$capture" "$keylog" "${TMPDIR:-/tmp}/" 2>/dev/null
    fi
    "$bin" decode --keylog "$keylog" --show-data "$capture" >"$tmp/$name.txt" 2>&1
    if grep -q "signature: verified" "$tmp/$name.txt"; then
        ok "$name: the server's CertificateVerify verified"
    else
        fail "$name: the server's CertificateVerify does not verify"
    fi
    # --show-data prints 16 bytes a line: the first 16 of each text
    for line in "hello over DTLS" "answer over DTLS"; do
        if grep -q "$line" "$tmp/$name.txt"; then
            ok "$name: the application data \"$line\" decrypted"
        else
            fail "$name: \"$line\" is not among the decrypted application data"
        fi
    done
}

if nss_run full ""; then
    check full
    "$bin" decode --keylog "$keylog" "$capture" >"$tmp/full.summary" 2>&1
    if grep -q "DTLS 1.3 draft 43" "$tmp/full.summary"; then
        ok "full: the version is named DTLS 1.3 draft 43 (0x7f2b)"
    else
        fail "full: the draft version is not named"; head -3 "$tmp/full.summary"
    fi
fi
if nss_run hrr "" -I P256; then
    "$bin" decode --keylog "$keylog" "$capture" >"$tmp/hrr.summary" 2>&1
    if grep -q "after a HelloRetryRequest" "$tmp/hrr.summary"; then
        ok "hrr: a HelloRetryRequest was sent"
        check hrr
    else
        fail "hrr: tstclnt -I P256 did not make the client retry"; head -3 "$tmp/hrr.summary"
    fi
fi
record_limit=100
if nss_run fragments ""; then
    check fragments
    # certificate fragments (type 11) with fragment_offset > 0, inside decrypted records
    "$bin" decode --keylog "$keylog" --format json "$capture" >"$tmp/fragments.json"
    n=$(grep '"unified_header": true' "$tmp/fragments.json" | grep -o '{"type": "certificate", [^}]*}' | grep -vc '"fragment_offset": 0,')
    if [ "$n" -ge 1 ]; then
        ok "fragments: the encrypted Certificate came in $((n + 1)) fragments, reassembled"
    else
        fail "fragments: the Certificate was not fragmented under record_size_limit 100"
    fi
    if [ -s "$tmp/fragments.client-secrets" ] &&
        diff <(sort "$tmp/fragments.client-secrets") <(sort "$tmp/fragments.secrets") >/dev/null; then
        ok "fragments: the client's and the server's logged secrets agree"
    else
        fail "fragments: the client's secrets differ from the server's (or were not logged)"
    fi
fi
record_limit=
for run in "chacha :1303 TLS_CHACHA20_POLY1305_SHA256" "aes256 :1302 TLS_AES_256_GCM_SHA384"; do
    # shellcheck disable=SC2086 # three words: name, cipher, suite name
    set -- $run
    if nss_run "$1" "-c $2"; then
        check "$1"
        "$bin" decode --keylog "$keylog" "$capture" >"$tmp/$1.summary" 2>&1
        if head -3 "$tmp/$1.summary" | grep -q "cipher_suite $3"; then
            ok "$1: $3 negotiated"
        else
            fail "$1: $3 not negotiated"; head -3 "$tmp/$1.summary"
        fi
    fi
done
exit $failed
