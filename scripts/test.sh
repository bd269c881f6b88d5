#!/usr/bin/env bash
# test.sh — the README's "run every test" command, and what CI runs.
#
# 1. installs missing Debian packages (scripts/deps.sh),
# 2. builds with gcc, -Werror, ASan+UBSan, and runs every ctest test (unit, vectors, cli, interop),
# 3. builds with clang, -Werror, to keep both compilers warning-free.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"

scripts/deps.sh

echo "== gcc, -Werror, ASan+UBSan"
CC=gcc scripts/build.sh build/test-gcc -DTLS13_WERROR=ON -DTLS13_SANITIZERS=ON

echo "== clang, -Werror"
CC=clang scripts/build.sh build/test-clang -DTLS13_WERROR=ON

echo "== ctest (gcc build, sanitizers on)"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir build/test-gcc --output-on-failure -j "$(nproc)" "$@"
