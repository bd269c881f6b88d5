#!/usr/bin/env bash
# run_variant.sh REPO BUILD SOLUTION WORK — a per-student variant trace (scripts/course.sh variant)
# grades the reference solution in full, like RFC 8448, and gives other values than RFC 8448.
set -uo pipefail
repo="$1" build="$2" solution="$3" work="$4"
export COURSE_BUILD="$build"
rm -rf "$work"
mkdir -p "$work"
"$repo/scripts/course.sh" variant student-42 >"$work/variant.txt" 2>"$work/variant.err"
rc=$?
[ "$rc" -eq 0 ] || { echo "FAIL: course.sh variant exited $rc"; cat "$work/variant.err"; exit 1; }
failures=0
for ex in records handshake_keys decrypt transcript finished application_keys post_handshake; do
    "$solution" check "$ex" --trace "$work/variant.txt" --name "variant student-42" | tee "$work/$ex.out"
    grep -q "^PASS $ex$" "$work/$ex.out" || failures=$((failures + 1))
done
grep -q "b3 ed db 12 6e 06 7f 35 a7 80 b3 ab f4 5e 2d 8f" "$work/variant.txt" &&
    { echo "FAIL: the variant has RFC 8448's client_handshake_traffic_secret"; failures=$((failures + 1)); }
[ "$failures" -eq 0 ]
