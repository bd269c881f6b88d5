#!/usr/bin/env bash
# regen-decoder-expected.sh — rewrites the decoder's expected outputs in tests/vectors/expected/.
#
#   scripts/regen-decoder-expected.sh [BUILD_DIR]        (default: build/test-gcc)
#
# 1. expected/<capture>.records: tshark's list of the records of each keyed capture in
#    tests/decoder/inputs.txt (tests/decoder/tshark_records.awk), the independent oracle of
#    test_decoder_tls. Needs tshark (the version used is written in tests/vectors/README.md).
# 2. expected/decode/<input>[.nokeys].txt and .json: `tls13 decode` output for every input of
#    tests/decoder/inputs.txt, compared by the ctest test decoder_golden. These are the
#    decoder's own output: read the diff before committing it.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$here/build/test-gcc}"
bin="$build/tls13"
vectors="$here/tests/vectors"
out="$vectors/expected"
mkdir -p "$out/decode"
cd "$vectors"
grep -v '^#' "$here/tests/decoder/inputs.txt" | while read -r input keylog; do
    [ -n "$input" ] || continue
    name=$(basename "$input")
    args=()
    suffix=.nokeys
    if [ "$keylog" != "-" ]; then
        args=(--keylog "$keylog")
        suffix=
        # Ports 9000 (hotplace captures) and 44412 (tls12-*) are not TLS ports for tshark: say they are (-d).
        tshark -r "$input" -o "tls.keylog_file:$keylog" -d tcp.port==9000,tls -d tcp.port==44412,tls -T pdml 2>/dev/null \
            | awk -f "$here/tests/decoder/tshark_records.awk" >"$out/$name.records"
    fi
    "$bin" decode "${args[@]}" "$input" >"$out/decode/$name$suffix.txt"
    "$bin" decode "${args[@]}" --format json "$input" >"$out/decode/$name$suffix.json"
    echo "regenerated $name$suffix"
done
