#!/usr/bin/env bash
# run_record_bench.sh — record-layer seal/open throughput as a ratio to raw Mbed TLS AEAD,
# measured in the same run (bench_record.c says what each column is).
#
#   tests/bench/run_record_bench.sh [ROUNDS]     (default 301; each round times every way once)
#
# Builds the Release tree build/bench-release (shared with run_decoder_bench.sh) and runs
# bench_record. Reports, never asserts (house rule); only its correctness gate can fail the run.
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$here"
build="build/bench-release"
echo "== build ($build, Release)"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DTLS13_TESTS=OFF >/dev/null
cmake --build "$build" -j "$(nproc)" --target bench_record >/dev/null
echo "== record layer vs raw Mbed TLS AEAD (CPU time, median of ${1:-301} rounds; ratio 1.0 = no overhead)"
"$build/tests/bench/bench_record" "${1:-301}"
