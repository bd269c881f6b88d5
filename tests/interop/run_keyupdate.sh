#!/usr/bin/env bash
# run_keyupdate.sh TLS13 WORKDIR — KeyUpdate started by the server (RFC 8446 §4.6.3), live.
#
# openssl s_server takes commands on its standard input: a line "k" sends KeyUpdate
# (update_not_requested), "K" sends KeyUpdate(update_requested), which obliges the client to
# answer with its own KeyUpdate before its next application data. Both programs' stdin are FIFOs
# driven from here, so the test decides when each side speaks:
#
#   client "one"   -> server            (generation 0 keys both ways)
#   server "K"     -> client            server's write key moves to generation 1; the client
#                                       rotates its read key and answers with KeyUpdate, moving
#                                       its own write key to generation 1
#   client "two"   -> server            the server can only read it under the client's new key
#   server "red"   -> client            the client can only read it under the server's new key
#   server "k"     -> client            generation 2 for the server, no answer requested
#   server "blue"  -> client
#   client "three" -> server
#   close_notify both ways, exit 0.
#
# Exit 0 passed, 1 failed, 77 skipped (no openssl).
set -uo pipefail
tls13="$1"
work="$2"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
command -v openssl >/dev/null || { echo "SKIP: openssl not installed"; exit 77; }

rm -rf "$work"
mkdir -p "$work"
"$root/scripts/interop/make-pki.sh" "$work/pki" >/dev/null
port=$((${INTEROP_BASE_PORT:-31000} + 400 + RANDOM % 500))

mkfifo "$work/server.in" "$work/client.in"
openssl s_server -accept "127.0.0.1:$port" -tls1_3 -cert "$work/pki/rsa.pem" \
    -key "$work/pki/rsa.key" -ign_eof <"$work/server.in" >"$work/server.log" 2>&1 &
server=$!
exec 3>"$work/server.in"
cleanup() {
    exec 3>&- 4>&- 2>/dev/null
    kill "$server" "${client:-}" 2>/dev/null
    wait 2>/dev/null
}
trap cleanup EXIT
for _ in $(seq 50); do
    ss -Hltn "sport = :$port" 2>/dev/null | grep -q LISTEN && break
    sleep 0.1
done

timeout 30 "$tls13" connect "127.0.0.1:$port" --servername localhost --cafile "$work/pki/ca.pem" \
    --explain <"$work/client.in" >"$work/client.out" 2>"$work/client.err" &
client=$!
exec 4>"$work/client.in"

# Waits (bounded) until FILE contains TEXT.
wait_for() {
    for _ in $(seq 100); do
        grep -q -- "$2" "$1" 2>/dev/null && return 0
        sleep 0.1
    done
    echo "FAIL: timed out waiting for '$2' in $(basename "$1")"
    return 1
}

ok=0
step() { "$@" || ok=1; }
step wait_for "$work/client.err" "tls13: connected"
echo one >&4;   step wait_for "$work/server.log" "^one"
echo K >&3;     step wait_for "$work/client.err" "message  S->C  key_update(24)"
echo two >&4;   step wait_for "$work/server.log" "^two"
echo red >&3;   step wait_for "$work/client.out" "^red"
echo k >&3;     sleep 0.5
echo blue >&3;  step wait_for "$work/client.out" "^blue"
echo three >&4; step wait_for "$work/server.log" "^three"
exec 4>&-   # client stdin EOF: close_notify, then wait for the server's
sleep 0.5
exec 3>&-   # server stdin EOF with -ign_eof: it answers close_notify and keeps listening
wait "$client"
rc=$?

received=$(grep -c "message  S->C  key_update(24)" "$work/client.err")
sent=$(grep -c "message  C->S  key_update(24)" "$work/client.err")
[ "$rc" -eq 0 ] || { echo "FAIL: tls13 connect exited $rc"; ok=1; }
[ "$received" -eq 2 ] || { echo "FAIL: client saw $received server KeyUpdates, want 2"; ok=1; }
# exactly one answer: to "K" (update_requested), none to "k" (update_not_requested)
[ "$sent" -eq 1 ] || { echo "FAIL: client sent $sent KeyUpdates, want 1"; ok=1; }
if [ "$ok" -ne 0 ]; then
    echo "--- client stderr"; tail -40 "$work/client.err"
    echo "--- server log"; cat "$work/server.log"
    exit 1
fi
echo "keyupdate: 2 server KeyUpdates received, 1 answered, data both ways under each generation: passed"
