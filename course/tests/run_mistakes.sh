#!/usr/bin/env bash
# run_mistakes.sh REPO BUILD WORK [--live] — every realistic mistake of course/mistakes/*.sed (and
# the faults of course/tests/faults/*.sed: a hang, a crash, a buffer overflow), applied one at a
# time to the reference solution, must make exactly the exercises its "# fails:" line lists
# FAIL (the others PASS), and the failing exercise's feedback must contain its "# names:" text.
# Offline (vectors) grading; with --live, one mistake is also graded live and must fail there.
set -uo pipefail
repo="$1" build="$2" work="$3" live="${4:-}"
course="$repo/scripts/course.sh"
exercises=(records handshake_keys decrypt transcript finished application_keys post_handshake)
export COURSE_BUILD="$build" COURSE_TIMEOUT=10
rm -rf "$work"
mkdir -p "$work"
ws="$work/ws"
"$course" new "$ws" >/dev/null || { echo "FAIL: course.sh new"; exit 1; }
"$course" solve "$ws" >/dev/null || { echo "FAIL: course.sh solve"; exit 1; }

failures=0 count=0
declare -A per_exercise
check_one() {
    local sed_file="$1" mode="$2"
    local name file fails names out rc
    name="$(basename "$sed_file" .sed)"
    file="$(sed -n 's/^# file: //p' "$sed_file")"
    fails="$(sed -n 's/^# fails: //p' "$sed_file")"
    names="$(sed -n 's/^# names: //p' "$sed_file")"
    cp "$repo/course/solution/$file" "$ws/$file"
    sed -i -f "$sed_file" "$ws/$file"
    if cmp -s "$repo/course/solution/$file" "$ws/$file"; then
        echo "FAIL $name: the sed script changed nothing in $file (the solution moved on?)"
        failures=$((failures + 1))
        return
    fi
    out="$work/$name.out"
    if [ "$mode" = live ]; then
        "$course" grade "$ws" >"$out" 2>&1
    else
        "$course" grade "$ws" --offline >"$out" 2>&1
    fi
    rc=$?
    cp "$repo/course/solution/$file" "$ws/$file"
    local bad=""
    for ex in "${exercises[@]}"; do
        local want=PASS
        [[ " $fails " == *" $ex "* ]] && want=FAIL
        grep -qE "^$want $ex(:|$)" "$out" || bad="$bad $ex(want $want)"
    done
    if [ "$mode" = live ]; then
        local live_names
        live_names="$(sed -n 's/^# live: //p' "$sed_file")"
        grep -qE "^FAIL live_openssl: .*$live_names" "$out" || bad="$bad live_openssl(want FAIL naming '$live_names')"
        grep -qE "^FAIL live_gnutls: .*$live_names" "$out" || bad="$bad live_gnutls(want FAIL naming '$live_names')"
    fi
    # the feedback of the failing exercise (its verdict line and the indented lines under it)
    local feedback
    feedback="$(awk -v f=" $fails " '/^(PASS|FAIL) / { split($2, a, ":"); on = (index(f, " " a[1] " ") > 0) } on' "$out")"
    grep -qF -- "$names" <<<"$feedback" || bad="$bad feedback-without('$names')"
    [ "$rc" -eq 1 ] || bad="$bad exit-status($rc, want 1)"
    tail -1 "$out" | grep -qE "^[0-9]+ passed, [0-9]+ failed$" || bad="$bad last-line"
    count=$((count + 1))
    if [ -n "$bad" ]; then
        echo "FAIL $name:$bad"
        sed 's/^/    | /' "$out"
        failures=$((failures + 1))
    else
        echo "ok   $name: $(grep -m1 -E "^FAIL " "$out" | cut -c1-150)"
        [[ "$sed_file" == */mistakes/* ]] && for ex in $fails; do per_exercise[$ex]=$((${per_exercise[$ex]:-0} + 1)); done
    fi
}

start=$SECONDS
for f in "$repo"/course/mistakes/*.sed "$repo"/course/tests/faults/*.sed; do
    check_one "$f" offline
done
if [ "$live" = --live ]; then
    check_one "$repo/course/mistakes/decrypt-seq-not-incremented.sed" live
fi
echo "mistakes caught per exercise:"
for ex in "${exercises[@]}"; do
    echo "  $ex: ${per_exercise[$ex]:-0}"
    if [ "${per_exercise[$ex]:-0}" -lt 3 ]; then
        echo "FAIL: fewer than 3 mistakes for $ex"
        failures=$((failures + 1))
    fi
done
echo "$count mistakes graded in $((SECONDS - start)) s, $failures failed"
[ "$failures" -eq 0 ]
