#!/usr/bin/env bash
# fuzz.sh — run one libFuzzer harness of tests/fuzz with its seed corpus.
#
#   scripts/fuzz.sh TARGET [SECONDS]      e.g. scripts/fuzz.sh server_hello 60
#   scripts/fuzz.sh --list                the targets
#
# Builds build/fuzz with clang and -DTLS13_FUZZ=ON (libFuzzer + ASan + UBSan) when needed, then
# runs fuzz_TARGET_libfuzzer for SECONDS (default 60) on one core. New inputs the fuzzer finds go
# to build/fuzz/corpus/TARGET (the committed corpus tests/fuzz/corpus/TARGET is only read); a
# crashing input is written to build/fuzz/artifacts/TARGET/ — fix the bug, then copy the input to
# tests/fuzz/corpus/TARGET/regress-<what> so the ctest run replays it from then on.
# Extra arguments after SECONDS go to libFuzzer (e.g. -jobs=2, -max_len=4096).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"

if [ "${1:-}" = "--list" ]; then
    ls tests/fuzz/corpus
    exit 0
fi
if [ $# -lt 1 ]; then
    echo "usage: scripts/fuzz.sh TARGET [SECONDS] [libFuzzer options...]  (targets: scripts/fuzz.sh --list)" >&2
    exit 2
fi
target="$1"
seconds="${2:-60}"
shift $(($# < 2 ? $# : 2))
if [ ! -d "tests/fuzz/corpus/$target" ]; then
    echo "fuzz.sh: unknown target '$target' (no tests/fuzz/corpus/$target)" >&2
    exit 2
fi

# libFuzzer ships with clang's runtime libraries (Debian: libclang-rt-14-dev for clang 14).
fuzzer_lib="$(clang --print-resource-dir)/lib/linux/libclang_rt.fuzzer-$(uname -m).a"
if [ ! -f "$fuzzer_lib" ]; then
    echo "fuzz.sh: libFuzzer not found ($fuzzer_lib); install libclang-rt-<clang version>-dev" >&2
    exit 2
fi

CC=clang scripts/build.sh build/fuzz -DTLS13_FUZZ=ON -DTLS13_WERROR=ON >/dev/null

mkdir -p "build/fuzz/corpus/$target" "build/fuzz/artifacts/$target"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
exec "build/fuzz/tests/fuzz/fuzz_${target}_libfuzzer" \
    -max_total_time="$seconds" -print_final_stats=1 \
    -artifact_prefix="build/fuzz/artifacts/$target/" \
    "$@" "build/fuzz/corpus/$target" "tests/fuzz/corpus/$target"
