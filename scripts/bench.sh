#!/usr/bin/env bash
# bench.sh — the benchmarks (tests/bench/README.md). Not part of scripts/test.sh or ctest:
# their numbers are reported as ratios against a baseline of the same run, never asserted.
#
#   scripts/bench.sh [SIZE_MB...]     decoder vs tshark on generated captures (default: 10 100)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
exec "$here/tests/bench/run_decoder_bench.sh" "$@"
