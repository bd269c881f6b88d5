#!/usr/bin/env bash
# run_fakecore.sh FAKECORE WORKDIR — the socket loop of `tls13 connect` against a toy core and a
# toy server (see fake_client.c, fake_server.py). Exit 0 passed, 1 failed, 77 no python3.
set -uo pipefail
bin="${1:?usage: run_fakecore.sh FAKECORE WORKDIR}"
work="${2:?usage: run_fakecore.sh FAKECORE WORKDIR}"
here="$(cd "$(dirname "$0")" && pwd)"
command -v python3 >/dev/null || { echo "SKIP: python3 not installed"; exit 77; }
rm -rf "$work"
mkdir -p "$work"
failures=0

# run NAME MODE EXPECTED_EXIT [client options] — stdin from $stdin_cmd; sets $out and $err.
run() {
    local name="$1" mode="$2" want="$3"
    shift 3
    local portfile="$work/$name.port"
    timeout 30 python3 "$here/fake_server.py" "$mode" "$portfile" 2>"$work/$name.server" &
    local spid=$!
    for _ in $(seq 100); do [ -s "$portfile" ] && break; sleep 0.05; done
    out="$work/$name.out"
    err="$work/$name.err"
    # $slow: the client's stdout is a one-page pipe read only after the server's reset
    # (slow_stdout.py), so the reset always comes before the client's close_notify
    local wrap=() stdout_file="$out"
    if [ -n "${slow:-}" ]; then
        wrap=(python3 "$here/slow_stdout.py" "$portfile.reset" "$out")
        stdout_file=/dev/null
    fi
    timeout 30 "${wrap[@]}" "$bin" "127.0.0.1:$(cat "$portfile")" --servername localhost \
        --insecure "$@" < <(exec 2>/dev/null; eval "$stdin_cmd") >"$stdout_file" 2>"$err"
    local rc=$?
    wait "$spid"
    local src=$?
    if [ "$rc" -ne "$want" ] || [ "$src" -ne 0 ]; then
        echo "FAIL: $name: client exit $rc (want $want), server exit $src"
        sed 's/^/    client: /' "$err"
        sed 's/^/    server: /' "$work/$name.server"
        failures=$((failures + 1))
        return 1
    fi
    return 0
}

check() { # check NAME CONDITION-DESCRIPTION COMMAND...
    local name="$1" what="$2"
    shift 2
    if ! "$@"; then
        echo "FAIL: $name: $what"
        failures=$((failures + 1))
    fi
}

stdin_cmd="printf 'hello\n'"
if run echo echo 0 --trace "$work/trace.txt" --keylog "$work/keylog.txt"; then
    check echo "echo on stdout" grep -qx HELLO "$out"
    check echo "summary on stderr" grep -q "tls13: connected: TLS 1.3 TLS_AES_128_GCM_SHA256 group x25519" "$err"
    # tokens: C: HELLO record; S: the WELCOME record split in three chunks
    check echo "trace tokens" grep -q '^C: 1603030005' "$work/trace.txt"
    check echo "split token" grep -qx 'S: 1603' "$work/trace.txt"
    check echo "close_notify token" grep -qx 'C: 15030300020100' "$work/trace.txt"
    check echo "key log line" grep -qx "CLIENT_HANDSHAKE_TRAFFIC_SECRET $(printf 'ab%.0s' $(seq 32)) 5e$(printf '00%.0s' $(seq 31))" "$work/keylog.txt"
fi

stdin_cmd="printf 'abc\n'; sleep 0.5"
if run extras extras 0 --key-update --sess-out "$work/sess.txt" --explain; then
    check extras "echo" grep -qx ABC "$out"
    check extras "session file" grep -qx "ticket: 5449434b4554" "$work/sess.txt"
    check extras "explain records" grep -q "record   S->C  handshake(22)" "$err"
fi

stdin_cmd="sleep 10"   # stdin stays open: the server's close_notify must end the run
if SSLKEYLOGFILE="$work/env-keylog.txt" run early early 0; then
    check early "data that came with the last flight" grep -qx early-bye "$out"
    check early "SSLKEYLOGFILE used when --keylog is not given" grep -q "^CLIENT_HANDSHAKE_TRAFFIC_SECRET " "$work/env-keylog.txt"
fi

# The server sends data and close_notify, then resets TCP without waiting for ours (RFC 8446
# §6.1 allows it; wolfSSL and Erlang/OTP servers do it). Our close_notify (and a KeyUpdate reply)
# then cannot be sent: that is a clean close all the same. Without the close_notify it is not.
stdin_cmd="sleep 10"
expected_data="$(printf 'a%.0s' $(seq 8192); printf 'b%.0s' $(seq 8192); printf 'c%.0s' $(seq 8192))"
if slow=1 run reset reset 0; then
    check reset "all data before the reset" test "$(cat "$out")" = "$expected_data"
    check reset "note" grep -q "note: the server closed TCP after its close_notify (Connection reset by peer)" "$err"
fi
if slow=1 run reset-keyupdate reset-keyupdate 0; then
    check reset-keyupdate "all data before the reset" test "$(cat "$out")" = "$expected_data"
fi
if slow=1 run reset-no-close reset-no-close 4; then
    check reset-no-close "message" grep -qx "tls13: send failed: Connection reset by peer" "$err"
fi

stdin_cmd="printf 'x\n'; sleep 10"
if run truncate truncate 3; then
    check truncate "message" grep -q "truncated: connection closed without close_notify (RFC 8446 §6.1)" "$err"
fi

stdin_cmd="true"
if run alert alert 1; then
    check alert "message" grep -qx "tls13: handshake_failure (received): toy: the server sent an alert" "$err"
fi

# refused: nothing listens on a port we just closed
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
timeout 10 "$bin" "127.0.0.1:$port" --servername localhost --insecure </dev/null 2>"$work/refused.err"
rc=$?
check refused "exit 4 on connection refused (got $rc)" test "$rc" -eq 4
check refused "message" grep -q "cannot connect" "$work/refused.err"
timeout 10 "$bin" "no-such-host.invalid" --insecure </dev/null 2>"$work/dns.err"
rc=$?
check dns "exit 4 on a name that does not resolve (got $rc)" test "$rc" -eq 4

# usage errors: exit 2, one line; --help: exit 0 with the exit statuses
"$bin" 127.0.0.1:1 --groups x448 2>"$work/usage.err"
rc=$?
check usage "exit 2 for a bad list value (got $rc)" test "$rc" -eq 2
check usage "one line" test "$(wc -l <"$work/usage.err")" -eq 1
"$bin" --help >"$work/help.out"
rc=$?
check help "exit 0 (got $rc)" test "$rc" -eq 0
check help "exit statuses listed" grep -q "3  connection closed without close_notify" "$work/help.out"

echo "fakecore: $failures failure(s)"
[ "$failures" -eq 0 ]
