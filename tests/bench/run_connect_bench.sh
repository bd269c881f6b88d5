#!/usr/bin/env bash
# run_connect_bench.sh — peak memory and start-up of one `tls13 connect` against openssl s_client,
# as ratios measured in the same run (tests/bench/README.md). Not a test: nothing is asserted
# beyond the gate that both clients got their line back.
#
#   run_connect_bench.sh [RUNS]     (default 5; the largest peak RSS and least time of the runs)
#
# Both clients connect to the same local `openssl s_server -rev` (RSA certificate, TLS 1.3), send
# one line, read the reversed answer and close; each runs under bench_run (wall, CPU, peak RSS).
# Standard input ends half a second after the line (s_client closes at once on end of input, before
# the answer arrives), so both wall times include that half second.
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$here"
runs="${1:-5}"
build=build/bench-release
scripts/deps.sh
scripts/build.sh "$build" -DCMAKE_BUILD_TYPE=Release -DTLS13_TESTS=OFF >/dev/null
work=$(mktemp -d)
pid=""
# shellcheck source=../../scripts/interop/server.sh
source scripts/interop/server.sh
trap '[ -n "$pid" ] && interop_server_stop "$pid" >/dev/null 2>&1; rm -rf "$work"' EXIT
scripts/interop/make-pki.sh "$work/pki" >/dev/null
export INTEROP_LOG_DIR=$work
port=$((20000 + RANDOM % 20000))
pid=$(interop_server_start openssl "$port" "$work/pki/rsa.pem" "$work/pki/rsa.key")
printf 'hello, bench\n' >"$work/line"

# one NAME COMMAND...: runs it RUNS times; prints "least-wall least-cpu largest-rss".
one() {
    local name=$1 best_wall="" best_cpu="" max_rss=0
    shift
    for _ in $(seq "$runs"); do
        rm -f "$work/fifo" && mkfifo "$work/fifo"
        (cat "$work/line"; sleep 0.5) >"$work/fifo" &
        read -r wall cpu rss status < <("$build/tests/bench/bench_run" "$work/$name.out" "$@" <"$work/fifo" 2>/dev/null)
        wait
        grep -q "hcneb ,olleh" "$work/$name.out" || { echo "gate: $name did not get its answer back" >&2; exit 1; }
        [ "$status" -eq 0 ] || { echo "gate: $name exited $status" >&2; exit 1; }
        best_wall=$(python3 -c "print(min(x for x in [$wall, ${best_wall:-1e9}]))")
        best_cpu=$(python3 -c "print(min(x for x in [$cpu, ${best_cpu:-1e9}]))")
        max_rss=$((rss > max_rss ? rss : max_rss))
    done
    echo "$best_wall $best_cpu $max_rss"
}
read -r t_wall t_cpu t_rss < <(one tls13 "$build/tls13" connect "localhost:$port" --cafile "$work/pki/ca.pem")
read -r o_wall o_cpu o_rss < <(one s_client openssl s_client -connect "127.0.0.1:$port" -servername localhost \
    -CAfile "$work/pki/ca.pem" -quiet -no_ign_eof)
python3 - "$t_wall" "$t_cpu" "$t_rss" "$o_wall" "$o_cpu" "$o_rss" "$runs" <<'PY'
import sys
tw, tc, tr, ow, oc, orss, runs = sys.argv[1:]
tw, tc, ow, oc = map(float, (tw, tc, ow, oc)); tr, orss = int(tr), int(orss)
print(f"one connection (handshake, a line each way, close_notify), best of {runs} runs")
print("| client | wall s | CPU s | peak RSS MiB |")
print("|---|---|---|---|")
print(f"| tls13 connect | {tw:.3f} | {tc:.3f} | {tr/1024:.1f} |")
print(f"| openssl s_client | {ow:.3f} | {oc:.3f} | {orss/1024:.1f} |")
print(f"ratios tls13/s_client: peak RSS {tr/orss:.2f} (target <= 0.5), CPU {tc/oc:.2f}, wall {tw/ow:.2f}")
PY
