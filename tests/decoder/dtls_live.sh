#!/usr/bin/env bash
# dtls_live.sh — tls13 decode on DTLS captured here and now, against tshark.
#
#   dtls_live.sh TLS13_BINARY SOURCE_DIR
#
# Runs DTLS 1.2 handshakes on loopback and captures them with dumpcap:
#   openssl-hvr   openssl s_server -dtls1_2 -listen (cookie exchange: HelloVerifyRequest) and
#                 s_client -dtls1_2, both -mtu 500 (the Certificate is fragmented), AES-128-GCM
#   openssl-chacha  without -listen, -mtu 300, ECDHE-RSA-CHACHA20-POLY1305 (RFC 7905 nonce with
#                 epoch || sequence_number)
#   gnutls        gnutls-serv --udp / gnutls-cli --udp --mtu 400, AES-256-GCM (SHA-384 PRF)
# and, from the first capture, two made by editing it (editcap/mergecap, the "capture generator"):
#   duplicated    every datagram sent twice (the whole exchange again): the copies must be
#                 labelled retransmissions
#   reordered     the two Certificate fragments swapped
# and one with a real loss (needs python3): a UDP relay between s_client and s_server drops the
# server's third datagram once, so both sides time out and send their flights again (RFC 6347
# §4.2.4); the capture is of the client's side of the relay:
#   dropped       the repeated ClientHello, ServerHello, ... must be labelled retransmissions
# For each: records (direction, type, length, epoch, sequence_number, fragments) equal tshark's,
# with the key log and without; with it, both Finished verified. Also: a UDP datagram to another
# port is counted as "1 UDP flow that is not DTLS".
# Exits 77 (skip) when tshark, dumpcap, openssl or capturing on lo is not available.
set -u
bin=$1
src=$2
here=$(cd "$(dirname "$0")" && pwd)
for tool in tshark dumpcap openssl editcap mergecap; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "dtls_live: $tool is not installed: skipped"
        exit 77
    fi
done
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

openssl req -x509 -newkey rsa:2048 -nodes -keyout "$tmp/key.pem" -out "$tmp/cert.pem" -subj /CN=localhost \
    -days 2 >/dev/null 2>&1 || { echo "dtls_live: cannot make a certificate: skipped"; exit 77; }

live_name=dtls_live
# shellcheck source=SCRIPTDIR/udp_capture.sh
. "$(dirname "$0")/udp_capture.sh"
stop_capture() {
    sleep 0.5
    kill "$cap_pid" 2>/dev/null
    wait "$cap_pid" 2>/dev/null
}

# compare NAME CAPTURE KEYLOG [tshark-keyless]: records equal tshark's, keyed and keyless; both
# Finished verified. With a fourth argument tshark is known not to decrypt this capture (TShark
# 4.0.17 leaves DTLS 1.2 ChaCha20-Poly1305 records encrypted although it has the key log line),
# so in the keyed run the fragments the decoder found inside encrypted records (epoch > 0) are
# not compared: the verified Finished values are the evidence that they were decrypted right.
compare() {
    local name=$1 capture=$2 keylog=$3 tshark_keyless=${4:-} json
    for keyed in yes no; do
        if [ $keyed = yes ]; then
            tshark -r "$capture" -o "tls.keylog_file:$keylog" -T pdml 2>/dev/null \
                | awk -f "$here/dtls_tshark_records.awk" >"$tmp/want"
            json=$("$bin" decode --keylog "$keylog" --format json "$capture")
        else
            tshark -r "$capture" -T pdml 2>/dev/null | awk -f "$here/dtls_tshark_records.awk" >"$tmp/want"
            json=$("$bin" decode --format json "$capture")
        fi
        printf '%s\n' "$json" | awk -f "$here/decoder_json.awk" -f "$here/dtls_decoder_records.awk" >"$tmp/got"
        if [ -n "$tshark_keyless" ] && [ $keyed = yes ]; then
            awk '$4 > 0 { $6 = "-" } { print }' "$tmp/got" >"$tmp/got2" && mv "$tmp/got2" "$tmp/got"
        fi
        if [ ! -s "$tmp/want" ]; then
            echo "FAIL $name ($keyed keys): tshark listed no DTLS record"
            failed=1
        elif diff -u "$tmp/want" "$tmp/got" >"$tmp/diff"; then
            echo "ok   $name ($keyed keys): $(wc -l <"$tmp/want") records equal to tshark's"
        else
            echo "FAIL $name ($keyed keys): records differ from tshark's (- tshark, + tls13 decode)"
            cat "$tmp/diff"
            failed=1
        fi
        if [ $keyed = yes ]; then
            if printf '%s\n' "$json" | grep -q '"server_finished": "verified", "client_finished": "verified"'; then
                echo "ok   $name: both Finished verified"
            else
                echo "FAIL $name: the Finished values do not both verify with the key log"
                failed=1
            fi
        fi
    done
}

# openssl_run NAME MTU CIPHER SERVER_OPTS: one handshake and a line of data; sets $capture.
openssl_run() {
    local name=$1 mtu=$2 cipher=$3 sopts=$4 other
    interop_alloc_port
    other=$((port + 1))
    capture=$tmp/$name.pcapng
    start_capture "$capture" "udp and (port $port or port $other)"
    # shellcheck disable=SC2086
    openssl s_server -dtls1_2 -accept "$port" -cert "$tmp/cert.pem" -key "$tmp/key.pem" -mtu "$mtu" \
        -cipher "$cipher" $sopts -quiet >"$tmp/$name.server" 2>&1 &
    pids+=("$!")
    wait_udp "$port"
    (echo "hello over DTLS"; sleep 1) | timeout 10 openssl s_client -dtls1_2 -connect "127.0.0.1:$port" \
        -mtu "$mtu" -cipher "$cipher" -keylogfile "$tmp/$name.keylog" >"$tmp/$name.client" 2>&1
    printf 'not dtls' >"/dev/udp/127.0.0.1/$other" 2>/dev/null
    stop_capture
}

openssl_run openssl-hvr 500 ECDHE-RSA-AES128-GCM-SHA256 -listen
hvr=$capture
compare openssl-hvr "$hvr" "$tmp/openssl-hvr.keylog"
"$bin" decode "$hvr" >"$tmp/hvr.txt" 2>&1
if grep -q "HelloVerifyRequest, echoed" "$tmp/hvr.txt"; then
    echo "ok   openssl-hvr: the cookie echoed in the second ClientHello is explained"
else
    echo "FAIL openssl-hvr: no HelloVerifyRequest / cookie explanation"
    grep -i "cookie" "$tmp/hvr.txt"
    failed=1
fi
if grep -q "1 UDP flow that is not DTLS" "$tmp/hvr.txt"; then
    echo "ok   openssl-hvr: the UDP flow that is not DTLS is counted"
else
    echo "FAIL openssl-hvr: the non-DTLS UDP flow is not counted"
    failed=1
fi

openssl_run openssl-chacha 300 ECDHE-RSA-CHACHA20-POLY1305 ""
compare openssl-chacha "$capture" "$tmp/openssl-chacha.keylog" tshark-keyless

# Edited copies of the first capture: only its DTLS frames (the other flow dropped).
tshark -r "$hvr" -Y dtls -w "$tmp/dtls-only.pcapng" 2>/dev/null
mergecap -a -w "$tmp/duplicated.pcapng" "$tmp/dtls-only.pcapng" "$tmp/dtls-only.pcapng"
compare duplicated "$tmp/duplicated.pcapng" "$tmp/openssl-hvr.keylog"
total=$("$bin" decode --format json "$tmp/dtls-only.pcapng" | grep -c '^    {"dir": ')
retrans=$("$bin" decode --format json "$tmp/duplicated.pcapng" | grep -c '"retransmission": true')
# Every record of the second copy repeats one of the first (its handshake fragments were seen,
# and its epoch and sequence_number too: RFC 6347 §4.1.2.6), so each is labelled, and none of
# the first copy is.
if [ "$retrans" -eq "$total" ]; then
    echo "ok   duplicated: all $retrans repeated records labelled retransmissions or copies"
else
    echo "FAIL duplicated: $retrans records labelled retransmissions, want the $total repeated ones"
    failed=1
fi
# The frames holding the Certificate's two fragments: the first two server frames after the
# second ClientHello that carry certificate fragments.
frames=$(tshark -r "$tmp/dtls-only.pcapng" -Y 'dtls.handshake.type == 11' -T fields -e frame.number 2>/dev/null | head -2 | tr '\n' ' ')
set -- $frames
if [ $# -eq 2 ]; then
    n=$(tshark -r "$tmp/dtls-only.pcapng" 2>/dev/null | wc -l)
    editcap -r "$tmp/dtls-only.pcapng" "$tmp/a.pcapng" "1-$(($1 - 1))" 2>/dev/null
    editcap -r "$tmp/dtls-only.pcapng" "$tmp/b.pcapng" "$2" 2>/dev/null
    editcap -r "$tmp/dtls-only.pcapng" "$tmp/c.pcapng" "$1" 2>/dev/null
    editcap -r "$tmp/dtls-only.pcapng" "$tmp/d.pcapng" "$(($2 + 1))-$n" 2>/dev/null
    mergecap -a -w "$tmp/reordered.pcapng" "$tmp/a.pcapng" "$tmp/b.pcapng" "$tmp/c.pcapng" "$tmp/d.pcapng"
    compare reordered "$tmp/reordered.pcapng" "$tmp/openssl-hvr.keylog"
else
    echo "FAIL reordered: the Certificate is not in two fragments ($frames)"
    failed=1
fi

# The relay: listens on argv[1], forwards to argv[2], drops the server's datagram number argv[3]
# (from 1) once, stops after argv[4] seconds.
cat >"$tmp/relay.py" <<'PY'
import select, socket, sys, time
front = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
front.bind(("127.0.0.1", int(sys.argv[1])))
back = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
back.bind(("127.0.0.1", 0))
client, n, end = None, 0, time.time() + float(sys.argv[4])
while time.time() < end:
    ready, _, _ = select.select([front, back], [], [], 0.2)
    for s in ready:
        data, addr = s.recvfrom(65535)
        if s is front:
            client = addr
            back.sendto(data, ("127.0.0.1", int(sys.argv[2])))
        elif client is not None:
            n += 1
            if n != int(sys.argv[3]):
                front.sendto(data, client)
PY
if command -v python3 >/dev/null 2>&1; then
    interop_alloc_port
    front=$port
    interop_alloc_port
    back=$port
    capture=$tmp/dropped.pcapng
    start_capture "$capture" "udp port $front"
    openssl s_server -dtls1_2 -accept "$back" -cert "$tmp/cert.pem" -key "$tmp/key.pem" -mtu 500 \
        -cipher ECDHE-RSA-AES128-GCM-SHA256 -listen -quiet >"$tmp/dropped.server" 2>&1 &
    pids+=("$!")
    python3 "$tmp/relay.py" "$front" "$back" 3 20 &
    pids+=("$!")
    wait_udp "$back"
    wait_udp "$front"
    (echo "hello over DTLS"; sleep 3) | timeout 15 openssl s_client -dtls1_2 -connect "127.0.0.1:$front" \
        -mtu 500 -cipher ECDHE-RSA-AES128-GCM-SHA256 -keylogfile "$tmp/dropped.keylog" >"$tmp/dropped.client" 2>&1
    stop_capture
    compare dropped "$capture" "$tmp/dropped.keylog"
    retrans=$("$bin" decode --format json "$capture" | grep -c '"retransmission": true')
    if [ "$retrans" -ge 2 ]; then
        echo "ok   dropped: $retrans records labelled retransmissions after the lost datagram"
    else
        echo "FAIL dropped: $retrans records labelled retransmissions, want the repeated flights (>= 2)"
        failed=1
    fi
else
    echo "skip dropped: python3 not installed (the relay that drops a datagram)"
fi

if command -v gnutls-serv >/dev/null 2>&1 && command -v gnutls-cli >/dev/null 2>&1; then
    interop_alloc_port
    capture=$tmp/gnutls.pcapng
    start_capture "$capture" "udp port $port"
    gnutls-serv --udp -p "$port" --x509certfile "$tmp/cert.pem" --x509keyfile "$tmp/key.pem" --mtu 400 \
        >"$tmp/gnutls.server" 2>&1 &
    pids+=("$!")
    wait_udp "$port"
    (echo "hello over DTLS"; sleep 1) | SSLKEYLOGFILE=$tmp/gnutls.keylog timeout 10 gnutls-cli --udp \
        --insecure -p "$port" 127.0.0.1 --mtu 400 \
        --priority 'NORMAL:-VERS-ALL:+VERS-DTLS1.2:-CIPHER-ALL:+AES-256-GCM' >"$tmp/gnutls.client" 2>&1
    stop_capture
    compare gnutls "$capture" "$tmp/gnutls.keylog"
else
    echo "skip gnutls: gnutls-serv / gnutls-cli not installed"
fi
exit $failed
