#!/usr/bin/env bash
# demo.sh — the README's "main job": one real TLS 1.3 handshake, explained step by step.
#
#   scripts/demo.sh [PORT]     (default port 4433)
#
# 1. installs what is missing (scripts/deps.sh) and builds tls13 (build/release);
# 2. makes a throwaway certificate authority and a certificate for "localhost" (build/demo/pki);
# 3. starts `openssl s_server` on 127.0.0.1 (TLS 1.3 only; it echoes each line reversed);
# 4. runs `tls13 connect localhost:PORT --explain`, sends one line, prints the answer, closes with
#    close_notify; the explanation (every record, message, secret and check, with its RFC 8446
#    section) goes to the terminal, and the NSS key log to build/demo/keylog.txt;
# 5. stops the server.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
port="${1:-4433}"

scripts/deps.sh
scripts/build.sh build/release -DCMAKE_BUILD_TYPE=Release -DTLS13_TESTS=OFF >/dev/null

demo="build/demo"
mkdir -p "$demo"
scripts/interop/make-pki.sh "$demo/pki" >/dev/null

# shellcheck source=interop/server.sh
source scripts/interop/server.sh
export INTEROP_LOG_DIR="$demo"
pid="$(interop_server_start openssl "$port" "$demo/pki/rsa.pem" "$demo/pki/rsa.key")"
trap 'interop_server_stop "$pid" >/dev/null 2>&1 || true' EXIT

echo "== tls13 connect localhost:$port --explain   (server: openssl s_server, RSA certificate)"
echo
status=0
: >"$demo/received.txt"
printf 'hello, TLS 1.3\n' | build/release/tls13 connect "localhost:$port" \
    --cafile "$demo/pki/ca.pem" --keylog "$demo/keylog.txt" --explain \
    | tee "$demo/received.txt" || status=$?
echo
echo "== sent:     hello, TLS 1.3"
echo "== received: $(cat "$demo/received.txt")   (s_server -rev echoes each line reversed)"
echo "== exit status $status (0: verified handshake, data both ways, close_notify both ways)"
echo "== key log for Wireshark/tshark: $demo/keylog.txt"
exit "$status"
