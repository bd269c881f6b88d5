#!/usr/bin/env bash
# deps.sh — install the Debian packages tls13 needs, only those missing; safe to run again.
#
#   scripts/deps.sh            build + test dependencies
#
# Needs root (or sudo) only when something is missing. Non-interactive.
set -euo pipefail

packages=(
    build-essential cmake clang pkg-config
    libmbedtls-dev libcmocka-dev libpcap-dev python3
    openssl gnutls-bin tshark valgrind iproute2
    # more interop peers (tests/interop/run_peers.sh): Go crypto/tls, wolfSSL, NSS selfserv,
    # Erlang/OTP ssl (erlang-ssl brings erlang-base with escript, erlang-crypto, public-key)
    golang-go libwolfssl-dev libnss3-tools erlang-ssl
    # the DTLS 1.3 decoder test (tests/decoder/dtls13_live.sh): NSS tstclnt is the peer, and its
    # key log shim (tests/decoder/peers/nss_keylog_shim.c) builds against NSS
    libnss3-dev
    chromium    # tests/html: the decoder's HTML page checked in a real (headless) browser
    jq          # tests/cli/test_compare_cli.sh and scripts/compare-schannel.sh read compare's JSON
)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

echo "deps: installing ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
# tshark asks whether non-root users may capture; answer once, without a prompt.
echo "wireshark-common wireshark-common/install-setuid boolean false" | $sudo debconf-set-selections
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
