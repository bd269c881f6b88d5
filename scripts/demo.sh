#!/usr/bin/env bash
# demo.sh — the README's "main job": build tls13 and show it working.
#
# For now: check every value of RFC 8448 with `tls13 vectors` (the key schedule, traffic keys,
# records and Finished values recomputed from the trace's own inputs).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
scripts/deps.sh
scripts/build.sh build/release -DCMAKE_BUILD_TYPE=Release -DTLS13_TESTS=OFF >/dev/null
exec build/release/tls13 vectors tests/vectors/rfc/rfc8448.txt
