#!/usr/bin/env bash
# bench.sh — the benchmarks (tests/bench/README.md). Not part of scripts/test.sh or ctest:
# their numbers are reported as ratios against a baseline of the same run, never asserted.
#
#   scripts/bench.sh                    both benchmarks below, with their defaults
#   scripts/bench.sh record [ROUNDS]    record-layer seal/open vs raw Mbed TLS AEAD (1 and 16 KiB)
#   scripts/bench.sh decoder [SIZE_MB...] decoder vs tshark on generated captures (default: 10 100)
#   scripts/bench.sh SIZE_MB...         the decoder benchmark (as before)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
case "${1:-}" in
"")
    "$here/tests/bench/run_record_bench.sh"
    exec "$here/tests/bench/run_decoder_bench.sh"
    ;;
record)
    shift
    exec "$here/tests/bench/run_record_bench.sh" "$@"
    ;;
decoder)
    shift
    exec "$here/tests/bench/run_decoder_bench.sh" "$@"
    ;;
*)
    exec "$here/tests/bench/run_decoder_bench.sh" "$@"
    ;;
esac
