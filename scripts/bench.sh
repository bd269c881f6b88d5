#!/usr/bin/env bash
# bench.sh — the benchmarks (tests/bench/README.md). Not part of scripts/test.sh or ctest:
# their numbers are reported as ratios against a baseline of the same run, never asserted.
#
#   scripts/bench.sh                      all three below, with their defaults
#   scripts/bench.sh record [ROUNDS]      record-layer seal/open vs raw Mbed TLS AEAD (1 and 16 KiB)
#   scripts/bench.sh decoder [SIZE_MB...] decoder vs tshark on generated captures (default: 10 100)
#                                         with 16 KiB records and the raw AES-GCM decrypt
#                                         baseline, then 1 KiB records (largest size only)
#   scripts/bench.sh connect [RUNS]       one `tls13 connect` vs openssl s_client (peak memory)
#   scripts/bench.sh SIZE_MB...           the decoder benchmark (as before)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"

decoder() {
    "$here/tests/bench/run_decoder_bench.sh" "$@"
    local sizes=("$@")
    [ ${#sizes[@]} -gt 0 ] || sizes=(100)
    echo
    echo "== 1 KiB records"
    BENCH_RECORD=1024 "$here/tests/bench/run_decoder_bench.sh" "${sizes[${#sizes[@]}-1]}"
}

case "${1:-}" in
"")
    "$here/tests/bench/run_record_bench.sh"
    decoder
    exec "$here/tests/bench/run_connect_bench.sh"
    ;;
record | connect)
    kind=$1
    shift
    exec "$here/tests/bench/run_${kind}_bench.sh" "$@"
    ;;
decoder)
    shift
    decoder "$@"
    ;;
*)
    decoder "$@"
    ;;
esac
