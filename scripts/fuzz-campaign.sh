#!/usr/bin/env bash
# fuzz-campaign.sh — the measured libFuzzer campaign of tests/fuzz (issue 8, "Fuzzing, measured").
#
#   scripts/fuzz-campaign.sh [--until HH:MM] [--slice SECONDS] [TARGET...]
#                                                           run what remains, two targets at a time
#   scripts/fuzz-campaign.sh --table                        print the README table rows from the ledger
#   scripts/fuzz-campaign.sh --merge TARGET...              minimize what was learned into the corpus
#
# The goal per target: 10 million executions under ASan+UBSan, or, for a target too slow for that,
# 30 minutes of fuzzing (whichever comes first). The 30 minutes are CPU time of the fuzzer, not wall
# time: at nice 19 on a machine others are building on, a fuzzer may get a fifth of a core, and
# half an hour of that is not half an hour of fuzzing. A watchdog stops a run (SIGINT, so libFuzzer
# still prints its final stats) when its CPU time reaches what the target has left. Every run appends one row to the ledger
# tests/fuzz/campaign.tsv (committed), so a later sitting — on this machine or another — continues
# where the last one stopped: a target's executions and seconds are summed over its rows, and a
# target that has reached its goal is skipped. Targets run shortest-remaining-first (by the exec/s
# last measured), so an interrupted sitting leaves as many targets finished as it could.
#
# Runs are `nice -n 19` (other builds on the machine come first) and at most JOBS (default 2, one
# per core) at a time. --until HH:MM (UTC) cuts every run so that none outlives the sitting; a run
# cut short is still counted (its executions and CPU time). --slice SECONDS gives each run at most
# that much wall time, so a sitting too short to finish the slow targets still reaches all of them. A run that crashes stops its target: its input is in
# build/fuzz/artifacts/TARGET/ (the ledger row says "crash" and names it); fix it, add the input as
# tests/fuzz/corpus/TARGET/regress-<what> and run the campaign again: the target continues.
#
# What a run learns goes to build/fuzz/corpus/TARGET; --merge minimizes it into the committed
# corpus: a fresh directory gets the named seeds (make_corpus.py's and regress-*), then
# libFuzzer's -merge=1 adds the fewest inputs (named lf-<sha1>) that cover what they do not, from
# the earlier lf-* files and the new ones (for the slow targets, a subset: replay_budget below).
# Check the ctest fuzz-label time before committing.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"

goal_runs=10000000
goal_secs=1800
jobs=2
ledger=tests/fuzz/campaign.tsv
bin=build/fuzz/tests/fuzz
logs=build/fuzz/logs

# exec/s measured 2026-12-03 (15 s each, two at a time, 2-core VM, nice 19): the order of a first
# sitting. Once a target has a ledger row its last measured rate is used instead.
declare -A first_rate=(
    [key_update]=529888 [finished]=450451 [encrypted_extensions]=304474
    [certificate_verify]=287714 [client_hello]=217223 [certificate]=133644
    [server_hello]=130311 [new_session_ticket]=116072 [certificate_request]=108024
    [extensions]=80751 [tls_start]=50786 [record]=29646 [token_trace]=28012
    [tcp_reassembly]=6598 [vectors]=780 [trace_rfc8448]=409 [client_flight]=125 [client]=117
)

all_targets() { ls tests/fuzz/corpus; }

# Ledger columns (tab-separated, one row per run):
#   target date_utc host execs wall_s cpu_s exec_per_cpu_s cov ft corp result
ledger_header=$'target\tdate_utc\thost\texecs\twall_s\tcpu_s\texec_per_cpu_s\tcov\tft\tcorp\tresult'
[ -f "$ledger" ] || echo "$ledger_header" >"$ledger"

sum_col() { # TARGET COLUMN: the column summed over the target's rows
    awk -F'\t' -v t="$1" -v c="$2" 'NR > 1 && $1 == t { s += $c } END { print s + 0 }' "$ledger"
}
last_col() { # TARGET COLUMN: the column of the target's last row (empty if none)
    awk -F'\t' -v t="$1" -v c="$2" 'NR > 1 && $1 == t { v = $c } END { print v }' "$ledger"
}
crashed() { awk -F'\t' -v t="$1" 'NR > 1 && $1 == t { v = $11 } END { exit !(v ~ /^crash/) }' "$ledger"; }
finished() {
    [ "$(sum_col "$1" 4)" -ge "$goal_runs" ] || [ "$(sum_col "$1" 6)" -ge "$goal_secs" ]
}
status() {
    local t="$1" e s
    e="$(sum_col "$t" 4)"
    s="$(sum_col "$t" 6)"
    if [ "$e" -ge "$goal_runs" ]; then echo "done (10 M)"
    elif [ "$s" -ge "$goal_secs" ]; then echo "done (30 CPU min; $((e / 100000)) % of 10 M)"
    elif [ "$e" -eq 0 ]; then echo "not run"
    else echo "not finished: $(awk -v e="$e" 'BEGIN { printf "%.2f", e / 1e6 }') M of 10 M, ${s} of 1800 CPU s"
    fi
}
corpus_size() { # DIR: "files/bytes"
    if [ -d "$1" ]; then
        echo "$(find "$1" -type f | wc -l)/$(find "$1" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')"
    else
        echo "0/0"
    fi
}

# exec/CPU s counts only the runs whose CPU time was measured; "(+)" marks a CPU total that
# misses some runs (the first runs of 2026-12-03 had no watchdog).
print_table() {
    echo "| target | executions | wall s | CPU s | exec/CPU s | cov | ft | corpus committed (files/bytes) | findings | status |"
    echo "|---|---:|---:|---:|---:|---:|---:|---|---|---|"
    local t e w s rate
    for t in $(all_targets); do
        e="$(sum_col "$t" 4)"
        w="$(sum_col "$t" 5)"
        s="$(awk -F'\t' -v t="$t" 'NR > 1 && $1 == t { c += $6; if ($6 == "") { m = 1 } }
                                  END { printf "%d%s", c, m ? " (+)" : "" }' "$ledger")"
        rate="$(awk -F'\t' -v t="$t" 'NR > 1 && $1 == t && $6 != "" { e += $4; c += $6 }
                                     END { if (c > 0) { printf "%d", e / c } else { print "-" } }' "$ledger")"
        printf '| `%s` | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$t" "$e" "$w" "$s" "$rate" \
            "$(last_col "$t" 8)" "$(last_col "$t" 9)" "$(corpus_size "tests/fuzz/corpus/$t")" \
            "$(awk -F'\t' -v t="$t" 'NR > 1 && $1 == t && $11 != "ok" && $11 != "cut" { printf "%s%s", n++ ? "; " : "", $11 }' "$ledger")" \
            "$(status "$t")"
    done
}

build() {
    fuzzer_lib="$(clang --print-resource-dir)/lib/linux/libclang_rt.fuzzer-$(uname -m).a"
    if [ ! -f "$fuzzer_lib" ]; then
        echo "fuzz-campaign.sh: libFuzzer not found ($fuzzer_lib); install libclang-rt-<clang version>-dev" >&2
        exit 2
    fi
    # -O2 as in the test build: the campaign measures executions, and -O0 halves them.
    nice -n 19 env CC=clang scripts/build.sh build/fuzz -DTLS13_FUZZ=ON -DTLS13_WERROR=ON \
        -DCMAKE_C_FLAGS=-O2 >/dev/null
}

# The standalone driver replays every committed seed at every cut on each ctest run; for the
# targets whose inputs are slow (real cryptography, whole traces) or large, all that a merge keeps
# would multiply that run's time, so they keep a subset: the inputs adding the most coverage per
# replay run, within this many runs (tests/fuzz/pick_seeds.py; "RUNS CUTS", CUTS being the
# driver's cuts per seed for the target, tests/fuzz/CMakeLists.txt).
declare -A replay_budget=(
    [client]="400 128" [client_flight]="400 128"
    [trace_rfc8448]="15000 512" [vectors]="5000 512" [tcp_reassembly]="25000 512"
)

merge() {
    local t fresh f
    build
    for t in "$@"; do
        fresh="build/fuzz/merge/$t"
        rm -rf "$fresh" && mkdir -p "$fresh" "build/fuzz/corpus/$t" "build/fuzz/merge-old/$t"
        rm -f "build/fuzz/merge-old/$t"/*
        find "tests/fuzz/corpus/$t" -type f ! -name 'lf-*' -exec cp {} "$fresh/" \;
        find "tests/fuzz/corpus/$t" -type f -name 'lf-*' -exec cp {} "build/fuzz/merge-old/$t/" \;
        echo "== $t: before $(corpus_size "tests/fuzz/corpus/$t")"
        # A control file left by an earlier merge would be resumed, with paths that are gone.
        rm -f "$fresh.control"
        nice -n 19 "$bin/fuzz_${t}_libfuzzer" -merge=1 -merge_control_file="$fresh.control" \
            "$fresh" "build/fuzz/merge-old/$t" "build/fuzz/corpus/$t" >"$logs/$t-merge.log" 2>&1
        grep -h 'MERGE-OUTER: [0-9]* new files' "$logs/$t-merge.log" || true
        rm -f "tests/fuzz/corpus/$t"/lf-*
        if [ -n "${replay_budget[$t]:-}" ]; then
            # shellcheck disable=SC2086 # "RUNS CUTS" are two arguments
            python3 tests/fuzz/pick_seeds.py "$fresh.control" ${replay_budget[$t]} |
                while read -r f; do
                    cp "$f" "tests/fuzz/corpus/$t/lf-$(sha1sum "$f" | cut -c1-40)"
                done
        else
            # libFuzzer names what it adds by its SHA-1; the prefix tells them from the named seeds.
            for f in "$fresh"/*; do
                if [[ "$(basename "$f")" =~ ^[0-9a-f]{40}$ ]]; then
                    cp "$f" "tests/fuzz/corpus/$t/lf-$(basename "$f")"
                fi
            done
        fi
        echo "== $t: after  $(corpus_size "tests/fuzz/corpus/$t")"
    done
}

# CPU seconds (user + system) a running process has used so far.
cpu_of() {
    awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); print int(($12 + $13) / hz) }' "/proc/$1/stat" 2>/dev/null
}

# One run of TARGET for at most RUNS executions, CPU CPU seconds and WALL seconds (--until);
# CPU_LEFT is what the 30-minute rule leaves the target (a run stopped before by --until or a
# signal is "cut"). Appends its ledger row. The fuzzer's pid is kept in build/fuzz/logs/running/
# so that a signal to this script stops it cleanly.
run_one() {
    local t="$1" runs="$2" cpu="$3" wall="$4" stamp log start end rc pid e used c rate cov ft corp result art
    stamp="$(date -u +%Y%m%dT%H%M%S)"
    log="$logs/$t-$stamp.log"
    mkdir -p "build/fuzz/corpus/$t" "build/fuzz/artifacts/$t" "$logs/running"
    start="$(date +%s)"
    rc=0
    ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}" \
        UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}" \
        nice -n 19 "$bin/fuzz_${t}_libfuzzer" -runs="$runs" -max_total_time="$wall" -timeout=60 \
        -print_final_stats=1 -artifact_prefix="build/fuzz/artifacts/$t/" \
        "build/fuzz/corpus/$t" "tests/fuzz/corpus/$t" >"$log" 2>&1 &
    pid=$!
    echo "$pid" >"$logs/running/$t.pid"
    used=0
    while kill -0 "$pid" 2>/dev/null; do
        c="$(cpu_of "$pid" || true)" # || true: it may have ended (and been reaped) since kill -0
        if [ -n "$c" ]; then
            used="$c"
            if [ "$used" -ge "$cpu" ]; then
                kill -INT "$pid" 2>/dev/null || true
                break
            fi
        fi
        sleep 2
    done
    wait "$pid" || rc=$?
    rm -f "$logs/running/$t.pid"
    end="$(date +%s)"
    e="$(awk '/^stat::number_of_executed_units:/ { print $2 }' "$log")"
    if [ -z "$e" ]; then # no final stats (a crash): the last status line's count
        e="$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')"
    fi
    e="${e:-0}"
    rate=$((e / (used > 0 ? used : 1)))
    cov="$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | awk '{ print $2 }')"
    ft="$(grep -oE 'ft: [0-9]+' "$log" | tail -1 | awk '{ print $2 }')"
    corp="$(grep -oE 'corp: [0-9]+/[0-9]+[a-zA-Z]*' "$log" | tail -1 | awk '{ print $2 }')"
    if { [ "$rc" -eq 0 ] || [ "$rc" -eq 72 ]; } && { [ "$e" -ge "$runs" ] || [ "$used" -ge "$cpu" ]; }; then
        result=ok
    elif [ "$rc" -eq 0 ] || [ "$rc" -eq 72 ]; then # 72: libFuzzer's exit on SIGINT
        result=cut
    else
        art="$(grep -oE "Test unit written to [^ ]+" "$log" | tail -1 | awk '{ print $5 }')"
        result="crash ${art:-rc=$rc} (log $log)"
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "$stamp" "$(hostname)" "$e" \
        "$((end - start))" "$used" "$rate" "${cov:-}" "${ft:-}" "${corp:-}" "$result" >>"$ledger"
    echo "$(date -u +%H:%M:%S) $t: $e execs in $((end - start)) s ($used CPU s), cov ${cov:-?} ft ${ft:-?}: $result"
}

case "${1:-}" in
--table)
    print_table
    exit 0
    ;;
--merge)
    shift
    mkdir -p "$logs"
    merge "$@"
    exit 0
    ;;
*) ;;
esac

until_epoch=""
if [ "${1:-}" = "--until" ]; then
    until_epoch="$(date -u -d "$2" +%s)"
    shift 2
fi
slice=""
if [ "${1:-}" = "--slice" ]; then
    slice="$2"
    shift 2
fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(all_targets)

build
mkdir -p "$logs"

for t in "${targets[@]}"; do
    [ -d "tests/fuzz/corpus/$t" ] || { echo "fuzz-campaign.sh: unknown target $t" >&2; exit 2; }
done

# Shortest remaining time first.
queue=()
while read -r _ t; do queue+=("$t"); done < <(
    for t in "${targets[@]}"; do
        finished "$t" && continue
        crashed "$t" && echo "fuzz-campaign.sh: $t: its last run crashed (ledger); run again as fixed" >&2
        rate="$(last_col "$t" 7)"
        rate="${rate:-${first_rate[$t]:-1000}}"
        [ "$rate" -gt 0 ] || rate=1
        left_runs=$((goal_runs - $(sum_col "$t" 4)))
        left_secs=$((goal_secs - $(sum_col "$t" 6)))
        est=$((left_runs / rate))
        [ "$est" -lt "$left_secs" ] || est="$left_secs"
        echo "$est $t"
    done | sort -n
)
echo "fuzz-campaign.sh: queue: ${queue[*]:-(nothing left)}"

# SIGINT/SIGTERM: libFuzzer stops on SIGINT with its final stats, so the runs are still counted.
stopping=0
on_signal() {
    stopping=1
    local f
    for f in "$logs"/running/*.pid; do
        [ -f "$f" ] && kill -INT "$(cat "$f")" 2>/dev/null || true
    done
}
trap on_signal INT TERM
running=0
for t in "${queue[@]}"; do
    while [ "$running" -ge "$jobs" ] && [ "$stopping" -eq 0 ]; do
        wait -n || true
        running=$(jobs -rp | wc -l)
    done
    [ "$stopping" -eq 0 ] || break
    left_runs=$((goal_runs - $(sum_col "$t" 4)))
    left_cpu=$((goal_secs - $(sum_col "$t" 6)))
    wall=86400
    if [ -n "$until_epoch" ]; then
        wall=$((until_epoch - $(date +%s)))
        if [ "$wall" -lt 60 ]; then
            echo "fuzz-campaign.sh: --until reached; not started: $t"
            continue
        fi
    fi
    if [ -n "$slice" ] && [ "$slice" -lt "$wall" ]; then
        wall="$slice"
    fi
    echo "$(date -u +%H:%M:%S) start $t: up to $left_runs execs, $left_cpu CPU s, $wall s"
    run_one "$t" "$left_runs" "$left_cpu" "$wall" &
    running=$((running + 1))
done
while [ "$(jobs -rp | wc -l)" -gt 0 ]; do wait || true; done
print_table
