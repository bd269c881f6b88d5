#!/usr/bin/env bash
# run_decoder_bench.sh — decoder throughput and peak memory, as ratios against tshark, same run.
#
#   tests/bench/run_decoder_bench.sh [SIZE_MB...]        (default: 10 100)
#   BENCH_MSS=N (default 1448, Ethernet): TCP payload bytes per generated packet; loopback
#   captures have up to 65483.
#   BENCH_RECORD=N (default 16384, the §5.1 maximum): application data bytes per record; 1024
#   is the small-records case, where per-record costs (key setup, parsing, output) dominate.
#   BENCH_REPEAT=N (default 3): each command runs N times; the table shows the fastest wall time,
#   the least CPU time and the largest peak RSS of the N (the machine is shared, so the fastest
#   run is the one least disturbed by others).
#
# 1. builds a Release tree build/bench-release (the generator, bench_run and tls13 itself);
# 2. writes build/bench/tls13-<N>MB.pcap from the small real capture
#    tests/vectors/captures/tls13-aes-128-gcm-x25519.pcap and its key log (gen_tls13_capture.c),
#    unless that file is already there;
# 3. correctness gate on a 2 MB capture: tls13 decode must verify both Finished messages and
#    decrypt every record, and decrypt as many application_data records as tshark;
# 4. for each size: `tls13 decode --keylog K --format json F` and
#    `tshark -r F -o tls.keylog_file:K -T fields -e tls.record.content_type`, one after the
#    other, each under bench_run (wall time, CPU time, peak RSS); the same gate on their outputs;
#    a table of bytes, seconds, MB/s, peak RSS and the tls13/tshark ratios;
# 5. the raw-AEAD baseline (aead_baseline.c): mbedtls AES-128-GCM opening records of the same
#    size with one key set up once, on as many bytes as the largest capture; the decoder's
#    throughput per CPU second as a fraction of it: best of each, and the median of
#    BENCH_PAIRS (default 9) rounds run back to back. Each round also runs the two other ways
#    of aead_baseline: "cold" (each record opened once from a capture-sized buffer in memory)
#    and "file" (the records read back from a file with read(2), then opened), whose ratios
#    are reported next to the hot one's (tests/bench/README.md says why).
#
# Why that tshark command: it is the cheapest tshark run that does the same work as ours. To
# print tls.record.content_type of a protected record tshark must reassemble the TCP stream,
# find every record, decrypt it with the key log's secrets and dissect the inner plaintext (the
# field is the inner type); -T fields then prints one short line per packet, while our JSON
# prints an object per record. Full tree output (-V, -T json) would mostly measure tshark's
# printing of Ethernet/IP/TCP fields, which we do not print at all.
#
# Speed and memory are reported, never asserted (house rule): only the correctness gate fails.
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$here"

sizes=("$@")
if [ ${#sizes[@]} -eq 0 ]; then
    sizes=(10 100)
fi
build="build/bench-release"
out="build/bench"
template="tests/vectors/captures/tls13-aes-128-gcm-x25519.pcap"
keylog="tests/vectors/captures/tls13-aes-128-gcm-x25519.keylog"

command -v tshark >/dev/null || { echo "bench: tshark not found (scripts/deps.sh installs it)" >&2; exit 1; }

echo "== build ($build, Release)"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DTLS13_TESTS=OFF >/dev/null
cmake --build "$build" -j "$(nproc)" >/dev/null
gen="$build/tests/bench/gen_tls13_capture"
run="$build/tests/bench/bench_run"
tls13="$build/tls13"
mkdir -p "$out"
cp "$keylog" "$out/tls13.keylog"

mss="${BENCH_MSS:-1448}"
record="${BENCH_RECORD:-16384}"
capture() { # capture SIZE_MB: generate once, print the path
    local f="$out/tls13-$1MB-mss$mss-rec$record.pcap"
    if [ ! -s "$f" ]; then
        "$gen" "$template" "$keylog" "$f.tmp" $(($1 * 1000 * 1000)) "$mss" "$record" >/dev/null
        mv "$f.tmp" "$f"
    fi
    echo "$f"
}

# best "wall cpu rss" "wall cpu rss": least wall, least CPU, largest peak RSS
best() {
    awk -v a="$1" -v b="$2" 'BEGIN { split(a, x, " "); split(b, y, " ");
        printf "%s %s %s\n", (x[1] < y[1] ? x[1] : y[1]), (x[2] < y[2] ? x[2] : y[2]),
                              (x[3] > y[3] ? x[3] : y[3]) }'
}

# measure FILE [REPEAT]: runs both decoders on FILE, alternately, REPEAT times; leaves
# "wall cpu rss_kib" in m_tls13 and m_tshark, then checks both outputs.
measure() {
    local f="$1" n="${2:-1}" r i
    m_tls13="" m_tshark=""
    for ((i = 0; i < n; i++)); do
        r="$("$run" "$out/decode.json" "$tls13" decode --keylog "$out/tls13.keylog" --format json "$f")"
        [ "${r##* }" = 0 ] || { echo "bench: tls13 decode failed on $f" >&2; exit 1; }
        m_tls13="$(best "${m_tls13:-${r% *}}" "${r% *}")"
        # tshark's stderr (its "Running as user root" notice) is kept in a file, shown on failure.
        r="$("$run" "$out/tshark.txt" tshark -r "$f" -o "tls.keylog_file:$out/tls13.keylog" \
                -T fields -e tls.record.content_type 2>"$out/tshark.err")"
        [ "${r##* }" = 0 ] || { cat "$out/tshark.err" >&2; echo "bench: tshark failed on $f" >&2; exit 1; }
        m_tshark="$(best "${m_tshark:-${r% *}}" "${r% *}")"
    done
    python3 tests/bench/check_decode.py "$out/decode.json" "$out/tshark.txt"
}

echo "== correctness gate (2 MB capture)"
small="$out/tls13-2MB.pcap"
[ -s "$small" ] || "$gen" "$template" "$keylog" "$small" 2000000 >/dev/null
measure "$small"

echo "== benchmark"
rows=()
for mb in "${sizes[@]}"; do
    f="$(capture "$mb")"
    echo "-- $f"
    measure "$f" "${BENCH_REPEAT:-3}"
    bytes="$(stat -c %s "$f")"
    rows+=("$bytes $m_tls13 $m_tshark")
done

echo
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(tshark --version 2>/dev/null | head -1)"
echo "(best of ${BENCH_REPEAT:-3} runs each; segments of $mss bytes, records of $record bytes;"
echo " tshark: -T fields -e tls.record.content_type, see above)"
python3 - "${rows[@]}" <<'PY'
import sys
print(f"| capture | tool | seconds (wall) | CPU s | MB/s | peak RSS MiB |")
print(f"|---|---|---|---|---|---|")
ratios = []
for row in sys.argv[1:]:
    b, w1, c1, r1, w2, c2, r2 = row.split()
    b = int(b)
    for name, w, c, r in (("tls13 decode", w1, c1, r1), ("tshark", w2, c2, r2)):
        w, c, r = float(w), float(c), int(r)
        print(f"| {b / 1e6:.1f} MB | {name} | {w:.2f} | {c:.2f} | {b / 1e6 / w:.1f} | {r / 1024:.1f} |")
    ratios.append((b, float(w1) / float(w2), float(c1) / float(c2), int(r1) / int(r2)))
print()
print("| capture | wall time tls13/tshark | CPU time tls13/tshark | peak RSS tls13/tshark |")
print("|---|---|---|---|")
for b, t, c, m in ratios:
    print(f"| {b / 1e6:.1f} MB | {t:.3f} | {c:.3f} | {m:.4f} |")
PY

# The ceiling: raw AES-128-GCM decryption of records of the same size, on as many bytes as the
# largest capture (best of BENCH_REPEAT), against the decoder's CPU time on that capture.
last="${rows[${#rows[@]}-1]}"
read -r bytes _ cpu _ _ _ _ <<<"$last"
base=""
for ((i = 0; i < ${BENCH_REPEAT:-3}; i++)); do
    r="$("$build/tests/bench/aead_baseline" "$bytes" "$record")"
    c="${r#* }"
    if [ -z "$base" ] || awk -v a="$c" -v b="$base" 'BEGIN { exit !(a < b) }'; then base="$c"; fi
done
# Paired: the baseline and the decoder one right after the other, BENCH_PAIRS times (default 9);
# the median of the per-pair ratios. On a shared machine the load changes between the best-of
# runs above (minutes apart); within a pair it changes less, so this is the steadier figure.
# Each round runs the hot baseline (the one above), the cold and the file ones and the decoder,
# in an order that rotates from round to round (so that none always runs first); the ratios
# against the hot baseline are the headline, the other two are reported next to them.
pairs=""
lastf="$(capture "${sizes[${#sizes[@]}-1]}")"
one() { # one hot|cold|file|decoder: prints its CPU seconds
    local r
    case "$1" in
    decoder)
        r="$("$run" /dev/null "$tls13" decode --keylog "$out/tls13.keylog" --format json "$lastf")"
        read -r _ r _ _ <<<"$r"
        echo "$r"
        ;;
    file) r="$("$build/tests/bench/aead_baseline" "$bytes" "$record" file "$out/aead_baseline.records")"
        echo "${r#* }" ;;
    *) r="$("$build/tests/bench/aead_baseline" "$bytes" "$record" "$1")"
        echo "${r#* }" ;;
    esac
}
ways=(hot cold file decoder)
for ((i = 0; i < ${BENCH_PAIRS:-9}; i++)); do
    declare -A t=()
    for ((k = 0; k < 4; k++)); do
        w="${ways[(i + k) % 4]}"
        t[$w]="$(one "$w")"
    done
    pairs="$pairs ${t[hot]}/${t[cold]}/${t[file]}/${t[decoder]}"
    unset t
done
python3 - "$bytes" "$cpu" "$base" "$record" "$pairs" <<'PY'
import statistics, sys
b, dec, raw, rec = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
rounds = [tuple(map(float, p.split("/"))) for p in sys.argv[5].split()]
print()
print(f"raw AES-128-GCM decrypt (mbedtls, {rec}-byte records, key set up once): "
      f"{b / 1e6 / raw:.1f} MB per CPU second")
print(f"tls13 decode on the {b / 1e6:.1f} MB capture: {b / 1e6 / dec:.1f} MB per CPU second, "
      f"{raw / dec:.3f} of the raw AEAD throughput (best of each)")
for k, name in enumerate(("hot (one record, again and again)",
                          "cold (each record once, from memory)",
                          "file (each record once, read(2) from a file)")):
    ratios = [r[k] / r[3] for r in rounds]
    print(f"paired, {len(rounds)} rounds, baseline {name}: median tls13/raw "
          f"{statistics.median(ratios):.3f} (min {min(ratios):.3f}, max {max(ratios):.3f}), "
          f"baseline median {b / 1e6 / statistics.median(r[k] for r in rounds):.1f} MB per CPU second")
PY
