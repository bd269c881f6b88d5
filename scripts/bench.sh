#!/usr/bin/env bash
# bench.sh — the benchmarks (tests/bench/README.md). Not part of scripts/test.sh or ctest:
# their numbers are reported as ratios against a baseline of the same run, never asserted.
#
#   scripts/bench.sh [SIZE_MB...]     decoder vs tshark on generated captures (default: 10 100),
#                                     16 KiB records, and the raw AES-GCM baseline; then the same
#                                     with 1 KiB records (largest size only); then one
#                                     `tls13 connect` vs openssl s_client (peak memory)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
"$here/tests/bench/run_decoder_bench.sh" "$@"
echo
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100)
echo "== 1 KiB records"
BENCH_RECORD=1024 "$here/tests/bench/run_decoder_bench.sh" "${sizes[${#sizes[@]}-1]}"
echo
"$here/tests/bench/run_connect_bench.sh"
