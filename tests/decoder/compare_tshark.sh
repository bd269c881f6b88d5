#!/usr/bin/env bash
# compare_tshark.sh — tls13 decode against tshark, run live, on every keyed capture.
#
#   compare_tshark.sh TLS13_BINARY VECTORS_DIR
#
# For each capture in VECTORS_DIR/captures that has a key log, both tools list the records
# (connection, direction, outer type, length, inner type, handshake message types) with
# tshark_records.awk and decoder_records.awk; the lists must be equal. tshark is the independent
# oracle (Wireshark's own TLS dissector and decryption). Exits 77 (ctest SKIP_RETURN_CODE) when
# tshark is not installed. Needs only bash and awk.
set -u
bin=$1
vectors=$2
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v tshark >/dev/null 2>&1; then
    echo "compare_tshark: tshark is not installed: skipped"
    exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
compared=0
for capture in "$vectors"/captures/*.pcap "$vectors"/captures/*.pcapng; do
    base=${capture%.*}
    keylog=$base.keylog
    case $(basename "$capture") in
    hotplace-*) keylog=$vectors/captures/hotplace-tls13.keylog ;;
    esac
    [ -f "$keylog" ] || continue
    # Ports 9000 (hotplace captures) and 44412 (tls12-*) are not TLS ports for tshark: say they are (-d).
    tshark -r "$capture" -o "tls.keylog_file:$keylog" -d tcp.port==9000,tls -d tcp.port==44412,tls -T pdml 2>/dev/null \
        | awk -f "$here/tshark_records.awk" >"$tmp/want"
    "$bin" decode --keylog "$keylog" --format json "$capture" \
        | awk -f "$here/decoder_json.awk" -f "$here/decoder_records.awk" >"$tmp/got"
    if [ ! -s "$tmp/want" ]; then
        echo "FAIL $(basename "$capture"): tshark listed no records"
        failed=1
    elif diff -u "$tmp/want" "$tmp/got" >"$tmp/diff"; then
        echo "ok   $(basename "$capture"): $(wc -l <"$tmp/want") records equal to tshark's"
    else
        echo "FAIL $(basename "$capture"): records differ from tshark's (- tshark, + tls13 decode)"
        cat "$tmp/diff"
        failed=1
    fi
    compared=$((compared + 1))
done
if [ "$compared" -eq 0 ]; then
    echo "FAIL: no keyed capture found in $vectors/captures"
    exit 1
fi
exit $failed
