#!/usr/bin/env bash
# run_peers.sh TLS13 WORKDIR [WOLFSSL_ECHO] — `tls13 connect` against four more independent
# TLS 1.3 servers on 127.0.0.1: Go crypto/tls, wolfSSL, NSS selfserv and Erlang/OTP ssl
# (README.md). The same shape as run_interop.sh, one block of cells per peer:
#
#   3 suites x {x25519, secp256r1, secp384r1} x {RSA 2048, ECDSA P-256}     18 connections
#   HelloRetryRequest (server: secp384r1 only), ALPN, CertificateRequest (answered with an empty
#   Certificate), 80 KB both ways checked by SHA-256, resumption (--sess-out, --sess-in),
#   KeyUpdate from the client (--key-update), KeyUpdate from the server (update_requested: the
#   client answers once), and the server closing first: close_notify then TCP close/reset
#   without waiting for ours (RFC 8446 §6.1), alone and right after a server KeyUpdate.
#
# A cell a peer cannot do is skipped with its reason printed (peer_args below), never silently;
# a peer whose program is missing is skipped as a whole, with the package that provides it.
# Adding a peer: a case in scripts/interop/server.sh (how to start it) and one in peer_args
# (how to ask it for each feature).
#
# WOLFSSL_ECHO: the wolfSSL server built by CMake (empty: libwolfssl-dev was not there).
# Exit: 0 all run cells passed, 1 something failed, 77 no peer available at all.
set -uo pipefail

tls13="${1:?usage: run_peers.sh TLS13_BINARY WORKDIR [WOLFSSL_ECHO]}"
work="${2:?usage: run_peers.sh TLS13_BINARY WORKDIR [WOLFSSL_ECHO]}"
wolfssl_echo="${3:-}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
rm -rf "$work"
mkdir -p "$work/bin"
export INTEROP_LOG_DIR="$work/logs"
export INTEROP_PEER_BIN="$work/bin"
# an Erlang VM starts in about a second, more on a loaded machine
export INTEROP_START_TIMEOUT="${INTEROP_START_TIMEOUT:-60}"
# shellcheck source=../../scripts/interop/server.sh
. "$root/scripts/interop/server.sh"

for tool in openssl ss timeout sha256sum; do
    if ! command -v "$tool" >/dev/null; then
        echo "SKIP: $tool not installed (scripts/deps.sh installs it)"
        exit 77
    fi
done
pki="$work/pki"
"$root/scripts/interop/make-pki.sh" "$pki" || { echo "FAIL: make-pki.sh"; exit 1; }

passes=0
failures=0
skips=0
skip() {
    skips=$((skips + 1))
    echo "SKIP: $1"
}
pass() { passes=$((passes + 1)); }
fail() {
    failures=$((failures + 1))
    echo "FAIL: $1 (exit $rc)"
    sed 's/^/    stderr: /' "$err" | tail -5
}

# --- which peers can run here --------------------------------------------------------------
# peer_prepare KIND: builds or finds the server; on failure prints why and returns 1.
peer_prepare() {
    case "$1" in
    go)
        command -v go >/dev/null || { echo "Go is not installed (Debian golang-go)"; return 1; }
        # standard library only: no module, no download (GOPROXY=off), caches in the work dir
        (cd "$here/peers" && GOFLAGS=-mod=mod GOPROXY=off GOTOOLCHAIN=local \
            GOCACHE="$work/go-cache" GOPATH="$work/go-path" \
            go build -o "$work/bin/go_echo" go_echo.go) >"$work/go-build.log" 2>&1 ||
            { echo "go build failed: $(tail -1 "$work/go-build.log")"; return 1; }
        ;;
    wolfssl)
        [ -n "$wolfssl_echo" ] && [ -x "$wolfssl_echo" ] ||
            { echo "wolfssl_echo not built (Debian libwolfssl-dev missing when CMake ran)"; return 1; }
        ln -sf "$(readlink -f "$wolfssl_echo")" "$work/bin/wolfssl_echo"
        ;;
    erlang)
        command -v escript >/dev/null ||
            { echo "Erlang is not installed (Debian erlang-ssl)"; return 1; }
        erl -noshell -eval 'halt(case code:which(ssl) of non_existing -> 1; _ -> 0 end)' ||
            { echo "Erlang's ssl application is missing (Debian erlang-ssl)"; return 1; }
        ;;
    nss)
        for t in selfserv certutil pk12util; do
            command -v "$t" >/dev/null || { echo "$t is not installed (Debian libnss3-tools)"; return 1; }
        done
        ;;
    esac
}

# peer_args KIND FEATURE: prints the server arguments that ask for FEATURE; or prints the reason
# the peer cannot do it and returns 1.
peer_args() {
    case "$1:$2" in
    nss:hrr) echo "-I P384" ;;
    *:hrr) echo "-groups secp384r1" ;;
    nss:alpn) echo "-Q" ;; # selfserv's only ALPN option: http/1.1
    *:alpn) echo "-alpn h2" ;;
    nss:verify) echo "-r" ;; # request, not require, a certificate
    go:verify) echo "-verify-client" ;;
    *:verify) echo "-verify-client $pki/ca.pem" ;;
    go:keyupdate) echo "Go's crypto/tls has no API to send a KeyUpdate (it answers the client's)"; return 1 ;;
    nss:keyupdate) echo "selfserv has no option to send a KeyUpdate"; return 1 ;;
    *:keyupdate) echo "-keyupdate" ;;
    nss:bulk) echo "selfserv does not echo: it reads at most 10239 bytes of a request and answers with a fixed text (and its -g blocks are not counted per connection)"; return 1 ;;
    *:bulk) echo "" ;;
    nss:reset) echo "selfserv answers only after the client's close_notify: it cannot close first"; return 1 ;;
    *:reset) echo "-reset" ;;
    go:keyupdate-reset | nss:keyupdate-reset) peer_args "$1" keyupdate; return 1 ;;
    *:keyupdate-reset) echo "-keyupdate -reset" ;;
    *) echo "unknown feature $2"; return 1 ;;
    esac
}

# The ALPN protocol the server picks from the client's "http/1.1,h2".
alpn_of() { if [ "$1" = nss ]; then echo http/1.1; else echo h2; fi; }

# --- servers, clients and checks ------------------------------------------------------------
trap interop_stop_all EXIT INT TERM

# start KIND CERTNAME [args] -> sets $port (scripts/interop/server.sh stops it at the end).
start() {
    local kind="$1" cert="$2"
    shift 2
    # shellcheck disable=SC2068 # args may hold several words from peer_args
    interop_start_server "$kind" "$pki/$cert.pem" "$pki/$cert.key" $@ || {
        echo "FAIL: cannot start $kind with $cert $*"
        failures=$((failures + 1))
        return 1
    }
}

# client NAME PORT [connect options] — stdin from $stdin_cmd; sets $rc, $out, $err, $input_file.
n=0
client() {
    local name="$1" p="$2"
    shift 2
    n=$((n + 1))
    out="$work/$n-$name.out"
    err="$work/$n-$name.err"
    timeout 60 "$tls13" connect "127.0.0.1:$p" --servername localhost --cafile "$pki/ca.pem" "$@" \
        < <(exec 2>/dev/null; eval "$stdin_cmd") >"$out" 2>"$err"
    rc=$?
}
line_file="$work/line.txt"
printf 'hello tls13\n' >"$line_file"
stdin_cmd="cat '$line_file'"
sent_file="$line_file"

# echo_ok KIND: what came back matches what was sent ($sent_file): the same bytes (SHA-256) from
# an echo server; from selfserv, its report of how many bytes it read.
echo_ok() {
    if [ "$1" = nss ]; then
        grep -qF "Get or Post incomplete after $(wc -c <"$sent_file") bytes." "$out"
    else
        [ "$(sha256sum <"$out")" = "$(sha256sum <"$sent_file")" ]
    fi
}

# expect_ok NAME KIND [must-appear-in-stderr...]
expect_ok() {
    local name="$1" kind="$2"
    shift 2
    if [ "$rc" -ne 0 ] || ! echo_ok "$kind"; then
        fail "$name: exit 0 and the data back expected"
        return 1
    fi
    for word in "$@"; do
        if ! grep -qF -- "$word" "$err"; then
            fail "$name: '$word' not in the client's stderr"
            return 1
        fi
    done
    pass
}

# feature_server KIND FEATURE CELL-NAME: starts a server for FEATURE, or skips the cell.
feature_server() {
    local args
    if ! args="$(peer_args "$1" "$2")"; then
        skip "$1 $3: $args"
        return 1
    fi
    start "$1" rsa $args
}

bulk="$work/bulk.txt"
for i in $(seq 1500); do printf 'line %05d of the bulk transfer test, forty-odd bytes\n' "$i"; done >"$bulk"

# --- one peer -------------------------------------------------------------------------------
run_peer() {
    local kind="$1" why
    if ! why="$(peer_prepare "$kind")"; then
        skip "$kind: every cell: $why"
        return
    fi
    local before_pass=$passes before_skip=$skips before_fail=$failures t0=$SECONDS
    start "$kind" rsa || return
    local p_rsa="$port"
    start "$kind" ecdsa256 || return
    local p_ec="$port"

    # the matrix: every suite, every group, both certificate kinds
    for server in "rsa:$p_rsa:rsa_pss_rsae" "ecdsa256:$p_ec:ecdsa_secp256r1_sha256"; do
        IFS=: read -r cert p scheme <<<"$server"
        for suite in TLS_AES_128_GCM_SHA256 TLS_AES_256_GCM_SHA384 TLS_CHACHA20_POLY1305_SHA256; do
            for group in x25519 secp256r1 secp384r1; do
                client "$kind-$cert-$suite-$group" "$p" --ciphers "$suite" --groups "$group"
                expect_ok "$kind $cert $suite $group" "$kind" "$suite" "group $group" \
                    "signature $scheme"
            done
        done
    done

    # HelloRetryRequest: we share x25519 first, the server takes only secp384r1 (§4.1.4)
    if feature_server "$kind" hrr "HelloRetryRequest"; then
        client "$kind-hrr" "$port"
        expect_ok "$kind HelloRetryRequest" "$kind" HelloRetryRequest "group secp384r1"
    fi
    # ALPN (RFC 7301)
    if feature_server "$kind" alpn "ALPN"; then
        client "$kind-alpn" "$port" --alpn http/1.1,h2
        expect_ok "$kind ALPN" "$kind" ", alpn $(alpn_of "$kind")"
    fi
    # CertificateRequest, answered with an empty Certificate (§4.4.2)
    if feature_server "$kind" verify "CertificateRequest"; then
        client "$kind-cert-request" "$port" --explain
        expect_ok "$kind CertificateRequest" "$kind" "certificate_request(13)"
    fi

    # 80 KB both ways (many records, records split across reads), compared by SHA-256
    local why_not
    if why_not="$(peer_args "$kind" bulk)"; then
        stdin_cmd="cat '$bulk'" sent_file="$bulk" client "$kind-bulk" "$p_rsa"
        sent_file="$bulk" expect_ok "$kind 80 KB checked by SHA-256" "$kind"
    else
        skip "$kind 80 KB: $why_not"
    fi

    # resumption (§2.2): the ticket of one connection resumes the next, without a Certificate
    client "$kind-sess-out" "$p_rsa" --sess-out "$work/session-$kind.txt"
    expect_ok "$kind --sess-out" "$kind"
    if [ -s "$work/session-$kind.txt" ]; then
        client "$kind-sess-in" "$p_rsa" --sess-in "$work/session-$kind.txt" --explain
        if expect_ok "$kind --sess-in (PSK resumption)" "$kind" ", resumed" "pre_shared_key(41)" &&
            grep -qE "message +S->C +certificate(_verify)?\((11|15)\)" "$err"; then
            fail "$kind --sess-in: the server sent a Certificate on a resumed handshake"
        fi
    else
        fail "$kind --sess-out: no NewSessionTicket saved (RFC 8446 §4.6.1)"
    fi

    # KeyUpdate from us (update_requested), then data both ways (§4.6.3)
    client "$kind-keyupdate-client" "$p_rsa" --key-update --explain
    expect_ok "$kind KeyUpdate from the client" "$kind" "message  C->S  key_update(24)"

    # KeyUpdate from the server (update_requested) before its echo: we answer exactly once.
    # stdin stays open until the server's KeyUpdate has arrived (at most 15 s), so that our
    # write direction is still open to answer: a fixed second was too short on a loaded machine,
    # where stdin's EOF (our close_notify) could come first and leave nothing to answer with.
    if feature_server "$kind" keyupdate "KeyUpdate from the server"; then
        stdin_cmd="cat '$line_file'; for _ in \$(seq 150); do grep -q 'S->C  key_update(24)' \"\$err\" && break; sleep 0.1; done; sleep 0.5" \
            client "$kind-keyupdate-server" "$port" --explain
        if expect_ok "$kind KeyUpdate from the server" "$kind" "message  S->C  key_update(24)"; then
            local answered
            answered="$(grep -c "message  C->S  key_update(24)" "$err")"
            [ "$answered" -eq 1 ] || fail "$kind KeyUpdate from the server: answered $answered times, want 1"
        fi
    fi

    # The server closes first: its echo, close_notify, then TCP closed (or reset) at once,
    # while our stdin is still open. Our close_notify (or KeyUpdate answer) may then meet a
    # reset: still a clean close (RFC 8446 §6.1), exit 0, before stdin's EOF 20 s later.
    local feature
    for feature in reset keyupdate-reset; do
        if feature_server "$kind" "$feature" "server closes first ($feature)"; then
            local s0=$SECONDS
            stdin_cmd="cat '$line_file'; sleep 20" client "$kind-$feature" "$port"
            if expect_ok "$kind server closes first ($feature)" "$kind"; then
                if [ $((SECONDS - s0)) -ge 20 ]; then
                    fail "$kind $feature: the run ended with stdin, not with the server's close_notify"
                elif grep -q "ours was not delivered" "$err"; then
                    echo "note: $kind $feature: our close_notify met the reset (exit 0, as it should)"
                fi
            fi
        fi
    done

    interop_stop_all
    echo "peer $kind: $((passes - before_pass)) passed, $((failures - before_fail)) failed," \
        "$((skips - before_skip)) skipped ($((SECONDS - t0)) s)"
}

for kind in ${INTEROP_PEERS:-go wolfssl nss erlang}; do
    run_peer "$kind"
done

echo "peers: $passes passed, $failures failed, $skips skipped (work dir $work)"
if [ "$passes" -eq 0 ] && [ "$failures" -eq 0 ]; then
    exit 77
fi
[ "$failures" -eq 0 ]
