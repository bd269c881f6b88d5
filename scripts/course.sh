#!/usr/bin/env bash
# course.sh — the course kit's commands (course/README.md is the instructor's guide).
#
#   scripts/course.sh new DIR [--student ID]    a student workspace: the exercise files (TODO),
#                                              the handout README.md, a Makefile
#   scripts/course.sh solve DIR                 fill DIR's exercise files with the reference solution
#   scripts/course.sh grade DIR [--json FILE] [--offline]
#                                              build DIR with ASan+UBSan, grade each exercise in its
#                                              own process under a timeout, then the live stage
#                                              against openssl s_server and gnutls-serv; last line
#                                              "N passed, M failed"; exit 0 only if all pass.
#                                              --json writes Gradescope's results.json.
#   scripts/course.sh variant ID                the student's RFC 8448-format trace (tls13 variant)
#
# The project's libraries are built into build/course (or $COURSE_BUILD, which must then already
# hold a build of this tree: the tests use their own). Environment: COURSE_TIMEOUT (seconds per
# exercise, default 20), COURSE_LIVE_TIMEOUT (per server, default 30), COURSE_TLS13 (the tls13
# program that makes variant traces; default: the build's).
set -uo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
exercises=(records handshake_keys decrypt transcript finished application_keys post_handshake)

die() {
    echo "course.sh: $*" >&2
    exit 2
}

usage() {
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" >&2
    exit 2
}

# The build holding the course runtime and the project's libraries; prints its directory.
course_build() {
    local dir="${COURSE_BUILD:-}"
    if [ -n "$dir" ]; then
        [ -f "$dir/course/course.mk" ] || die "COURSE_BUILD=$dir holds no course build (course/course.mk)"
        (cd "$dir" && pwd)
        return
    fi
    dir="$here/build/course"
    "$here/scripts/deps.sh" >&2 || die "cannot install the Debian packages (scripts/deps.sh)"
    local jobs
    jobs="$(nproc 2>/dev/null || echo 1)"
    [ "$jobs" -gt 2 ] && jobs=2
    if [ ! -f "$dir/CMakeCache.txt" ]; then
        echo "course.sh: building the project's libraries into $dir (once)" >&2
        cmake -S "$here" -B "$dir" -DCMAKE_BUILD_TYPE=Debug -DTLS13_TESTS=OFF -DTLS13_BENCH=OFF \
            >/dev/null || die "cmake failed"
    fi
    cmake --build "$dir" -j "$jobs" --target course_runtime tls13 >/dev/null ||
        die "building the course runtime failed (run: cmake --build $dir --target course_runtime)"
    echo "$dir"
}

# Reads DIR/.course/config (COURSE_MK, STUDENT_ID).
load_workspace() {
    ws="$(cd "$1" 2>/dev/null && pwd)" || die "no workspace at $1"
    [ -f "$ws/.course/config" ] || die "$ws is not a course workspace (no .course/config; make one with: course.sh new DIR)"
    COURSE_MK="" STUDENT_ID=""
    # shellcheck disable=SC1091
    . "$ws/.course/config"
}

write_config() {
    local ws="$1" build="$2" id="$3"
    mkdir -p "$ws/.course"
    {
        echo "# written by scripts/course.sh: which build of tls13 this workspace links against"
        printf 'COURSE_MK=%q\n' "$build/course/course.mk"
        printf 'STUDENT_ID=%q\n' "$id"
    } >"$ws/.course/config"
    # the Makefile reads the same path
    echo "COURSE_MK = $build/course/course.mk" >"$ws/.course/config.mk"
}

cmd_new() {
    local dir="" id=""
    while [ $# -gt 0 ]; do
        case "$1" in
        --student) id="${2:?--student needs an ID}"; shift 2 ;;
        -*) usage ;;
        *) dir="$1"; shift ;;
        esac
    done
    [ -n "$dir" ] || usage
    if [ -e "$dir" ] && [ -n "$(ls -A "$dir" 2>/dev/null)" ]; then
        die "$dir exists and is not empty"
    fi
    local build
    build="$(course_build)" || exit 2
    mkdir -p "$dir"
    for ex in "${exercises[@]}"; do
        cp "$here/course/skeleton/$ex.c" "$dir/$ex.c"
    done
    cp "$here/course/handout/README.md" "$dir/README.md"
    cp "$here/course/handout/Makefile" "$dir/Makefile"
    cp "$here/course/include/course.h" "$dir/course.h"
    write_config "$dir" "$build" "$id"
    if ! make -s -C "$dir" >/dev/null; then
        die "the new workspace does not build (make -C $dir)"
    fi
    echo "course.sh: workspace $dir ready${id:+ for student $id}: read $dir/README.md"
}

cmd_solve() {
    [ $# -eq 1 ] || usage
    load_workspace "$1"
    for ex in "${exercises[@]}"; do
        cp "$here/course/solution/$ex.c" "$ws/$ex.c"
    done
    echo "course.sh: $ws now holds the reference solution"
}

# The tls13 program of the build the workspace links against.
tls13_of_workspace() {
    if [ -n "${COURSE_TLS13:-}" ]; then
        echo "$COURSE_TLS13"
        return
    fi
    sed -n 's/^COURSE_TLS13 = //p' "$COURSE_MK"
}

cmd_variant() {
    [ $# -eq 1 ] || usage
    local build tls13
    build="$(course_build)" || exit 2
    tls13="${COURSE_TLS13:-$(sed -n 's/^COURSE_TLS13 = //p' "$build/course/course.mk")}"
    local out
    out="$(mktemp)"
    make_variant "$tls13" "$1" "$out" || { rm -f "$out"; exit 1; }
    cat "$out"
    rm -f "$out"
}

# make_variant TLS13 ID FILE: the student's RFC 8448 §3 variant, then §5's, into FILE.
make_variant() {
    local tls13="$1" id="$2" out="$3" err
    err="$(mktemp)"
    if ! "$tls13" variant --out "$out" "$id" 2>"$err"; then
        echo "course.sh: cannot make the variant trace of student '$id' ($(head -1 "$err")): graded against RFC 8448 only" >&2
        rm -f "$err"
        return 1
    fi
    rm -f "$err"
    # §5's shape too (HelloRetryRequest, message_hash), for the transcript exercise; in the rare
    # case it cannot be made (tests/vectors/README.md), §3's trace alone is used.
    "$tls13" variant --hrr "$id" >>"$out" 2>/dev/null || true
}

# --- grading -----------------------------------------------------------------------------------

results=()   # "name|max|score|output file"
tmpdir=""

record() { # record NAME MAX PASSED(0/1) OUTPUT_FILE
    results+=("$1|$2|$3|$4")
}

grade_exercise() {
    local bin="$1" ex="$2" out="$3" variant="$4"
    local timeout="${COURSE_TIMEOUT:-20}" rc verdict
    local runs=("RFC 8448|")
    [ -n "$variant" ] && runs+=("your variant trace (student $STUDENT_ID)|$variant")
    : >"$out"
    for run in "${runs[@]}"; do
        local name="${run%%|*}" trace="${run#*|}" log="$tmpdir/$ex.log"
        local args=(check "$ex" --name "$name")
        [ -n "$trace" ] && args+=(--trace "$trace")
        ASAN_OPTIONS=detect_leaks=0:abort_on_error=0:exitcode=86 \
            UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=86 \
            timeout -k 2 "$timeout" "$bin" "${args[@]}" >"$log" 2>&1 </dev/null
        rc=$?
        verdict="$(grep -m1 -E "^(PASS|FAIL) $ex(:|$)" "$log")"
        if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
            echo "FAIL $ex: did not finish within ${timeout} s (an infinite loop? checks against $name)" >"$out"
            grep -E "^    " "$log" | head -20 >>"$out"
            return 1
        fi
        if [ -z "$verdict" ] || { [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; }; then
            local what="crashed (exit status $rc)"
            grep -q "AddressSanitizer" "$log" && what="crashed: $(grep -m1 -oE 'AddressSanitizer: [a-z-]+' "$log") (a memory error caught by AddressSanitizer)"
            grep -q "runtime error" "$log" && what="crashed: undefined behaviour, $(grep -m1 -oE 'runtime error: .*' "$log" | cut -c1-160)"
            grep -q "^AddressSanitizer:DEADLYSIGNAL\|SEGV" "$log" && ! grep -q "runtime error" "$log" &&
                what="crashed: $(grep -m1 -oE 'SEGV on unknown address [0-9a-fx]+' "$log") (a bad pointer)"
            [ "$rc" -eq 3 ] && what="grader error (not your fault): $(grep -m1 -E '^grader|^FAIL' "$log")"
            echo "FAIL $ex: $what (checks against $name)" >"$out"
            # where: the first frames of the stack, without the C library's
            grep -E "^ *#[0-9]+ .* in " "$log" | grep -v -E "libasan|libubsan|sanitizer_common|libc_start|in _start " |
                head -4 | sed 's/^ */    at /' >>"$out"
            grep -E "^    " "$log" | grep -v -E "^ +#[0-9]" | head -20 >>"$out"
            return 1
        fi
        if [[ "$verdict" == FAIL* ]]; then
            cat "$log" >"$out"
            return 1
        fi
    done
    echo "PASS $ex" >"$out"
    return 0
}

# A free TCP port on 127.0.0.1 (nothing listening on it).
free_port() {
    local port
    for _ in $(seq 50); do
        port=$((20000 + RANDOM % 40000))
        if ! ss -Hltn "sport = :$port" 2>/dev/null | grep -q LISTEN; then
            echo "$port"
            return 0
        fi
    done
    return 1
}

grade_live() {
    local bin="$1" kind="$2" out="$3" pki="$4"
    local name="live_$kind" port pid rc log got
    log="$tmpdir/$name.log"
    got="$tmpdir/$name.out"
    local line="hello from the tls13 course grader" want
    local tool=openssl
    [ "$kind" = gnutls ] && tool=gnutls-serv
    if ! command -v "$tool" >/dev/null; then
        echo "FAIL $name: cannot run: $tool is not installed (scripts/deps.sh installs it)" >"$out"
        return 1
    fi
    want="$line"
    [ "$kind" = openssl ] && want="$(echo "$line" | rev)"
    local cert="$pki/rsa.pem" key="$pki/rsa.key"
    [ "$kind" = gnutls ] && cert="$pki/ecdsa256.pem" key="$pki/ecdsa256.key"
    pid=""
    for _ in 1 2 3; do
        port="$(free_port)" || break
        pid="$(INTEROP_LOG_DIR="$tmpdir" "$here/scripts/interop/server.sh" "$kind" "$port" "$cert" "$key" 2>>"$log")" && break
        pid=""
    done
    if [ -z "$pid" ]; then
        echo "FAIL $name: cannot run: $tool did not start (see $log)" >"$out"
        return 1
    fi
    ASAN_OPTIONS=detect_leaks=0:exitcode=86 UBSAN_OPTIONS=halt_on_error=1:exitcode=86 \
        timeout -k 2 "${COURSE_LIVE_TIMEOUT:-30}" "$bin" connect "127.0.0.1:$port" \
        --cafile "$pki/ca.pem" --servername localhost --send "$line"$'\n' \
        >"$got" 2>"$log" </dev/null
    rc=$?
    "$here/scripts/interop/server.sh" stop "$pid"
    if [ "$rc" -eq 0 ] && [ "$(cat "$got")" = "$want" ]; then
        echo "PASS $name" >"$out"
        return 0
    fi
    local why
    why="$(grep -m1 -E "^tls-course: .*(not written|failed|does not|bad|closed|cannot|unexpected|alert|set \*consumed|wrote|still needs|returned|inside)" "$log")"
    [ "$rc" -eq 124 ] && why="did not finish within ${COURSE_LIVE_TIMEOUT:-30} s"
    grep -q "AddressSanitizer\|runtime error" "$log" && why="crashed: $(grep -m1 -oE 'AddressSanitizer: [a-z-]+|runtime error: .*' "$log" | cut -c1-160)"
    [ -z "$why" ] && [ "$rc" -eq 0 ] && why="the answer was '$(head -c 200 "$got")', expected '$want'"
    [ -z "$why" ] && why="exit status $rc"
    echo "FAIL $name: ${why#tls-course: } (handshake with $tool on 127.0.0.1:$port)" >"$out"
    sed 's/^/    /' "$log" | head -12 >>"$out"
    echo "    run it yourself: $tool as in scripts/interop/server.sh, then ./tls-course connect 127.0.0.1:PORT --cafile ca.pem --servername localhost -v" >>"$out"
    return 1
}

write_json() { # write_json FILE
    python3 - "$1" "${results[@]}" <<'PY'
import json, sys
out, rows = sys.argv[1], sys.argv[2:]
tests, total = [], 0.0
for row in rows:
    name, max_score, passed, path = row.split("|", 3)
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    score = float(max_score) if passed == "1" else 0.0
    total += score
    tests.append({"name": name, "score": score, "max_score": float(max_score),
                  "status": "passed" if passed == "1" else "failed", "output": text})
passed = sum(1 for t in tests if t["status"] == "passed")
result = {"score": total, "output": "%d passed, %d failed" % (passed, len(tests) - passed),
          "tests": tests}
with open(out, "w", encoding="utf-8") as f:
    json.dump(result, f, indent=2)
    f.write("\n")
PY
}

cmd_grade() {
    local dir="" json="" offline=0
    while [ $# -gt 0 ]; do
        case "$1" in
        --json) json="${2:?--json needs a FILE}"; shift 2 ;;
        --offline) offline=1; shift ;;
        -*) usage ;;
        *) dir="$1"; shift ;;
        esac
    done
    [ -n "$dir" ] || usage
    load_workspace "$dir"
    [ -f "$COURSE_MK" ] || die "the build this workspace uses is gone ($COURSE_MK): run course.sh new again"
    if [ -z "${COURSE_BUILD:-}" ]; then
        COURSE_BUILD="$(dirname "$(dirname "$COURSE_MK")")"
        export COURSE_BUILD
        course_build >/dev/null || exit 2   # brings the runtime up to date
    fi
    tmpdir="$(mktemp -d)"
    trap 'rm -rf "$tmpdir"' EXIT
    local bin="$ws/.course/tls-course-graded" failed=0 passed=0

    # 1. Build with the sanitizers: a memory error in student code is reported, not undefined.
    if ! make -s -C "$ws" SANITIZE=1 OUT="$bin" >"$tmpdir/build.log" 2>&1; then
        for ex in "${exercises[@]}"; do
            {
                echo "FAIL $ex: the workspace does not compile"
                grep -m5 -E "error|undefined reference" "$tmpdir/build.log" | sed 's/^/    /'
            } >"$tmpdir/$ex.out"
        done
        rm -f "$bin"
    fi

    # 2. Each exercise in its own process, under a timeout; RFC 8448, then the student's variant.
    local variant=""
    if [ -n "$STUDENT_ID" ] && [ -x "$bin" ]; then
        if make_variant "$(tls13_of_workspace)" "$STUDENT_ID" "$tmpdir/variant.txt" 2>"$tmpdir/variant.err"; then
            variant="$tmpdir/variant.txt"
        else
            echo "note: $(cat "$tmpdir/variant.err" | sed 's/^course.sh: //')"
        fi
    fi
    for ex in "${exercises[@]}"; do
        local out="$tmpdir/$ex.out" ok=0
        if [ -x "$bin" ]; then
            grade_exercise "$bin" "$ex" "$out" "$variant" && ok=1
        fi
        cat "$out"
        record "$ex" 10 "$ok" "$out"
        if [ "$ok" = 1 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
    done

    # 3. The live stage: the student's code against real servers.
    if [ "$offline" = 0 ]; then
        local pki="$tmpdir/pki"
        "$here/scripts/interop/make-pki.sh" "$pki" >"$tmpdir/pki.log" 2>&1
        for kind in openssl gnutls; do
            local out="$tmpdir/live_$kind.out" ok=0
            if [ -x "$bin" ]; then
                grade_live "$bin" "$kind" "$out" "$pki" && ok=1
            else
                echo "FAIL live_$kind: the workspace does not compile" >"$out"
            fi
            cat "$out"
            record "live_$kind" 15 "$ok" "$out"
            if [ "$ok" = 1 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
        done
    fi
    [ -n "$json" ] && write_json "$json"
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}

case "${1:-}" in
new) shift; cmd_new "$@" ;;
solve) shift; cmd_solve "$@" ;;
grade) shift; cmd_grade "$@" ;;
variant) shift; cmd_variant "$@" ;;
*) usage ;;
esac
