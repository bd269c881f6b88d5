#!/usr/bin/env bash
# check-deb-clean.sh — the .deb on a clean Debian 12: not a test (it downloads a minimal Debian
# with debootstrap, about 2 minutes and 150 MB), a check to run by hand before a release.
#
#   scripts/check-deb-clean.sh [DIR]     (default build/clean-debian; needs root)
#
# 1. builds build/release and its .deb (cpack -G DEB);
# 2. debootstraps a minimal bookworm into DIR (once) and installs the .deb there with apt-get,
#    which must find every dependency the package declares;
# 3. in that chroot: tls13 --version, man tls13-decode, tls13 decode on a keyed capture (both
#    Finished verified), and tls13 connect to an openssl s_server started outside it.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
root="$(realpath -m "${1:-build/clean-debian}")"
scripts/deps.sh
command -v debootstrap >/dev/null || apt-get install -y -qq debootstrap >/dev/null
scripts/build.sh build/release -DCMAKE_BUILD_TYPE=Release -DTLS13_TESTS=OFF -DTLS13_BENCH=OFF >/dev/null
(cd build/release && rm -f tls13_*.deb && cpack -G DEB >/dev/null)
deb="$(ls build/release/tls13_*.deb)"
[ -x "$root/bin/bash" ] || debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >/dev/null
cp /etc/resolv.conf /etc/hosts "$root/etc/"
work="$(mktemp -d)"
pid=""
# shellcheck source=interop/server.sh
source scripts/interop/server.sh
trap '[ -n "$pid" ] && interop_server_stop "$pid" >/dev/null 2>&1; umount "$root/proc" 2>/dev/null; rm -rf "$work"' EXIT
mount --bind /proc "$root/proc"
cp "$deb" tests/vectors/captures/tls13-keyupdate.pcap tests/vectors/captures/tls13-keyupdate.keylog "$root/tmp/"
scripts/interop/make-pki.sh "$work/pki" >/dev/null
cp "$work/pki/ca.pem" "$root/tmp/ca.pem"
export INTEROP_LOG_DIR=$work
port=$((20000 + RANDOM % 20000))
pid=$(interop_server_start openssl "$port" "$work/pki/rsa.pem" "$work/pki/rsa.key")
chroot "$root" bash -euo pipefail -c "
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq man-db /tmp/$(basename "$deb") >/dev/null
    dpkg-query -W -f='installed: \${Package} \${Version}; Depends: \${Depends}\n' tls13
    tls13 --version
    MANWIDTH=80 man tls13-decode | grep -q -- '--keylog' && echo 'man tls13-decode: ok'
    tls13 decode --keylog /tmp/tls13-keyupdate.keylog /tmp/tls13-keyupdate.pcap |
        grep -q 'server Finished: verified, client Finished: verified' && echo 'tls13 decode: ok'
    echo 'hello from a clean Debian' | tls13 connect localhost:$port --cafile /tmp/ca.pem
    echo 'tls13 connect: ok'
"
