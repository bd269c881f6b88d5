#!/usr/bin/env bash
# run_workflow.sh REPO BUILD WORK — a new instructor and a new student, from a clean directory.
#
# Runs the commands of course/README.md's "course-steps" block exactly as written (only the
# workspace path is replaced), then what the handout tells a student to do (make, make check,
# ./tls-course check), and checks what each must give:
#   new            a workspace that builds; its untouched tls-course runs
#   grade          exit 1, one PASS/FAIL line per exercise and per server in order, every one
#                  FAIL, "not written yet" for each exercise, no crash, last line "0 passed, 9 failed"
#   solve; grade --json
#                  exit 0, 9 PASS lines, "9 passed, 0 failed", results.json with score 100 and
#                  9 tests each scored max_score
set -uo pipefail
repo="$1" build="$2" work="$3"
export COURSE_BUILD="$build"
rm -rf "$work"
mkdir -p "$work"
ws="$work/tls-course-alice"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

mapfile -t steps < <(awk '/<!-- course-steps/ { on = 1; next } /<!-- end course-steps/ { on = 0 }
                          on && /^scripts\/course.sh/' "$repo/course/README.md")
[ "${#steps[@]}" -eq 4 ] || { echo "FAIL: expected 4 commands in course/README.md's course-steps block, found ${#steps[@]}"; exit 1; }
names=(records handshake_keys decrypt transcript finished application_keys post_handshake live_openssl live_gnutls)

run_step() { # run_step N -> output in $work/stepN.out, status in $status
    local cmd="${steps[$1]%%#*}"
    cmd="${cmd//\~\/tls-course-alice/$ws}"
    echo "\$ $cmd"
    (cd "$work" && bash -c "$repo/$cmd") >"$work/step$1.out" 2>&1
    status=$?
    sed 's/^/    | /' "$work/step$1.out"
}

verdicts() { # the verdict lines' names and results, in order
    grep -E "^(PASS|FAIL) [a-z_]+(:|$)" "$1" | sed -E 's/^(PASS|FAIL) ([a-z_]+).*/\2 \1/'
}

# 1. new: the workspace builds and runs untouched
run_step 0
[ "$status" -eq 0 ] || fail "course.sh new exited $status"
for f in README.md Makefile course.h records.c handshake_keys.c decrypt.c transcript.c finished.c \
    application_keys.c post_handshake.c; do
    [ -f "$ws/$f" ] || fail "the workspace lacks $f"
done
# the student, following the handout
(cd "$ws" && make -s && ./tls-course list >/dev/null) || fail "make / ./tls-course in the new workspace"
(cd "$ws" && make -s check) >"$work/student-check.out" 2>&1
[ "$(grep -c "not written yet" "$work/student-check.out")" -eq 7 ] || fail "make check: 7 'not written yet' expected"
grep -q "Sanitizer\|runtime error" "$work/student-check.out" && fail "make check: a sanitizer spoke"

# 2. grade the untouched workspace: zero, cleanly
run_step 1
[ "$status" -eq 1 ] || fail "grade of the skeleton exited $status, expected 1"
expected="$(for n in "${names[@]}"; do echo "$n FAIL"; done)"
[ "$(verdicts "$work/step1.out")" = "$expected" ] || fail "grade of the skeleton: the verdict lines are not 9 FAILs in order"
[ "$(grep -c "^FAIL [a-z_]*: .*not written yet (TODO in [a-z_]*\.c" "$work/step1.out")" -ge 7 ] ||
    fail "grade of the skeleton: each exercise should say 'not written yet (TODO in FILE)'"
grep -q "Sanitizer\|runtime error\|crashed\|did not finish" "$work/step1.out" && fail "grade of the skeleton: a crash or hang"
[ "$(tail -1 "$work/step1.out")" = "0 passed, 9 failed" ] || fail "grade of the skeleton: last line"

# 3. solve, grade with --json: full marks, offline and live
run_step 2
[ "$status" -eq 0 ] || fail "course.sh solve exited $status"
run_step 3
[ "$status" -eq 0 ] || fail "grade of the reference solution exited $status, expected 0"
expected="$(for n in "${names[@]}"; do echo "$n PASS"; done)"
[ "$(verdicts "$work/step3.out")" = "$expected" ] || fail "grade of the solution: not 9 PASS lines in order"
[ "$(tail -1 "$work/step3.out")" = "9 passed, 0 failed" ] || fail "grade of the solution: last line"
python3 - "$work/results.json" <<'PY' || fail "results.json is not the expected Gradescope results"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["score"] == 100, r["score"]
assert len(r["tests"]) == 9
for t in r["tests"]:
    assert set(("name", "score", "max_score", "output")) <= set(t), t
    assert t["score"] == t["max_score"] > 0, t
PY
# and the student's run against a server, as the handout says, through the grader's live lines
grep -q "^PASS live_openssl" "$work/step3.out" && grep -q "^PASS live_gnutls" "$work/step3.out" ||
    fail "the reference solution's live stage"
echo "$failures failed"
[ "$failures" -eq 0 ]
