#!/usr/bin/env bash
# build.sh — configure and build one build tree.
#
#   scripts/build.sh DIR [cmake options...]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
dir="$1"
shift
cmake -S "$here" -B "$dir" -DCMAKE_BUILD_TYPE=Debug "$@" >/dev/null
cmake --build "$dir" -j "$(nproc)"
