#!/usr/bin/env bash
# server.sh — start or stop a real TLS 1.3 server for the interop tests.
#
#   server.sh openssl PORT CERT KEY [extra s_server args]   -> prints the server's PID
#   server.sh gnutls  PORT CERT KEY [extra gnutls-serv args] -> prints the server's PID
#   server.sh go|wolfssl|erlang|nss PORT CERT KEY [args]     -> the same, for the peers of
#                                                               tests/interop/run_peers.sh
#   server.sh stop PID                                       -> stops it (TERM, then KILL)
#
# Or source it and call interop_server_start / interop_server_stop (same arguments).
#
# Both servers echo, so a test can send a line and check what comes back:
#   openssl s_server -rev   sends each line back reversed ("hello" -> "olleh")
#   gnutls-serv --echo      sends each line back unchanged
# Both answer the client's close_notify with their own (TLS 1.3 half-close, RFC 8446 §6.1),
# which `tls13 connect` needs for exit status 0.
#
# The other peers (tests/interop/peers/, run_peers.sh) are programs of ours around other TLS
# stacks; they echo each line unchanged and take -groups, -alpn, -verify-client, -keyupdate,
# -reset (see each file's header):
#   go       $INTEROP_PEER_BIN/go_echo          Go crypto/tls (built by run_peers.sh)
#   wolfssl  $INTEROP_PEER_BIN/wolfssl_echo     wolfSSL (built by CMake when libwolfssl-dev is there)
#   erlang   tests/interop/peers/erlang_echo.escript   Erlang/OTP ssl
#   nss      selfserv (NSS's test server, libnss3-tools), with a certificate database made here
#            from CERT and KEY; it answers a request with a fixed HTTP response that says how
#            many bytes it read, not with an echo.
#
# openssl listens on 127.0.0.1 only; gnutls-serv has no bind option and listens on every
# address (tests still connect to 127.0.0.1). TLS 1.3 only in both. The server's output goes to
# $INTEROP_LOG_DIR/server-PORT.log (default: $TMPDIR or /tmp). Every wait is bounded: start
# gives up after $INTEROP_START_TIMEOUT seconds (default 10) if the port does not listen.
set -uo pipefail

# True when something listens on 127.0.0.1:PORT (or on any address), without connecting to it:
# a probe connection would count as a failed handshake in the server's log.
interop_port_listening() {
    local port="$1"
    ss -Hltn "sport = :$port" 2>/dev/null | grep -q LISTEN
}

interop_server_start() {
    local kind="$1" port="$2" cert="$3" key="$4"
    shift 4
    local logdir="${INTEROP_LOG_DIR:-${TMPDIR:-/tmp}}"
    local log="$logdir/server-$port.log"
    local timeout="${INTEROP_START_TIMEOUT:-10}"
    mkdir -p "$logdir"
    if interop_port_listening "$port"; then
        echo "server.sh: port $port is already in use" >&2
        return 1
    fi
    case "$kind" in
    openssl)
        # -rev: echo reversed lines; -ign_eof: stdin (/dev/null) EOF must not stop the server
        openssl s_server -accept "127.0.0.1:$port" -tls1_3 -cert "$cert" -key "$key" \
            -rev -ign_eof "$@" </dev/null >"$log" 2>&1 &
        ;;
    gnutls)
        # -a: do not ask for a client certificate; priority: TLS 1.3 only
        gnutls-serv --echo -p "$port" --x509certfile="$cert" --x509keyfile="$key" -a \
            --priority "${INTEROP_GNUTLS_PRIORITY:-NORMAL:-VERS-ALL:+VERS-TLS1.3}" "$@" \
            </dev/null >"$log" 2>&1 &
        ;;
    go | wolfssl)
        "${INTEROP_PEER_BIN:?set INTEROP_PEER_BIN}/${kind}_echo" -port "$port" -cert "$cert" \
            -key "$key" "$@" </dev/null >"$log" 2>&1 &
        ;;
    erlang)
        escript "$(dirname "${BASH_SOURCE[0]}")/../../tests/interop/peers/erlang_echo.escript" \
            -port "$port" -cert "$cert" -key "$key" "$@" </dev/null >"$log" 2>&1 &
        ;;
    nss)
        # NSS keeps keys in a database; certificates with the same subject share a nickname,
        # so one database per server. -V: TLS 1.3 only; -u: session tickets.
        local db="$logdir/nssdb-$port"
        rm -rf "$db" && mkdir -p "$db"
        if ! certutil -N -d "sql:$db" --empty-password ||
            ! openssl pkcs12 -export -in "$cert" -inkey "$key" -name leaf -passout pass: \
                -out "$db/leaf.p12" ||
            ! pk12util -i "$db/leaf.p12" -d "sql:$db" -W '' >/dev/null; then
            echo "server.sh: cannot make the NSS database $db" >&2
            return 1
        fi
        selfserv -d "sql:$db" -n leaf -p "$port" -V tls1.3:tls1.3 -u "$@" </dev/null >"$log" 2>&1 &
        ;;
    *)
        echo "server.sh: unknown server '$kind' (openssl, gnutls, go, wolfssl, erlang or nss)" >&2
        return 2
        ;;
    esac
    local pid=$!
    local waited=0
    # poll every 0.1 s, at most $timeout seconds
    while ! interop_port_listening "$port"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "server.sh: $kind server exited at start; log $log:" >&2
            tail -5 "$log" >&2
            return 1
        fi
        if [ "$waited" -ge $((timeout * 10)) ]; then
            echo "server.sh: $kind server not listening on $port after ${timeout}s" >&2
            kill "$pid" 2>/dev/null
            return 1
        fi
        sleep 0.1
        waited=$((waited + 1))
    done
    echo "$pid"
}

interop_server_stop() {
    local pid="$1"
    kill "$pid" 2>/dev/null || return 0
    # up to 2 s for a clean exit, then KILL
    for _ in $(seq 20); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null
    return 0
}

# For a test script that starts several servers: each gets a distinct free high port, and one
# trap stops them all.
#
#   trap interop_stop_all EXIT INT TERM
#   interop_start_server openssl CERT KEY [args]   -> sets $port; the PID is kept in interop_pids
interop_pids=()
interop_next_port=""

interop_stop_all() {
    local pid
    for pid in "${interop_pids[@]}"; do
        interop_server_stop "$pid"
    done
    interop_pids=()
}

# Sets $port to the next port not listening, from $INTEROP_BASE_PORT or one derived from the PID.
interop_alloc_port() {
    : "${interop_next_port:=${INTEROP_BASE_PORT:-$((20000 + ($$ * 7 + 5000) % 20000))}}"
    while interop_port_listening "$interop_next_port"; do
        interop_next_port=$((interop_next_port + 1))
    done
    port="$interop_next_port"
    interop_next_port=$((interop_next_port + 1))
}

# interop_start_server KIND CERT KEY [args]: on a fresh port (sets $port); 1 if it did not start.
interop_start_server() {
    local kind="$1" cert="$2" key="$3" pid
    shift 3
    interop_alloc_port
    pid="$(interop_server_start "$kind" "$port" "$cert" "$key" "$@")" || return 1
    interop_pids+=("$pid")
}

# Executed (not sourced): dispatch on the first argument.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    case "${1:-}" in
    stop)
        interop_server_stop "${2:?usage: server.sh stop PID}"
        ;;
    openssl | gnutls | go | wolfssl | erlang | nss)
        [ $# -ge 4 ] || { echo "usage: server.sh KIND PORT CERT KEY [args]" >&2; exit 2; }
        interop_server_start "$@"
        ;;
    *)
        echo "usage: server.sh {openssl|gnutls|go|wolfssl|erlang|nss} PORT CERT KEY [args] | server.sh stop PID" >&2
        exit 2
        ;;
    esac
fi
