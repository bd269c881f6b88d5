#!/usr/bin/env bash
# check_deb.sh — `cpack -G DEB` on the build tree: the package's dependencies, and its contents
# unpacked and used (the program runs, the man page renders, pkg-config finds the library).
#
#   check_deb.sh BUILD_DIR
set -euo pipefail
build=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && cpack -G DEB --config "$build/CPackConfig.cmake" >"$tmp/cpack.log")
deb=$(ls "$tmp"/tls13_*.deb)
depends=$(dpkg-deb -f "$deb" Depends)
failed=0
for lib in libmbedcrypto7 libmbedx509-1 libpcap0.8 libc6; do
    if [[ $depends == *"$lib"* ]]; then echo "ok   Depends names $lib"; else echo "FAIL Depends lacks $lib: $depends"; failed=1; fi
done
dpkg-deb -x "$deb" "$tmp/root"
for f in usr/bin/tls13 usr/share/man/man1/tls13-decode.1.gz usr/share/man/man1/tls13.1.gz \
         usr/share/bash-completion/completions/tls13 usr/include/tls13/handshake/client.h \
         usr/lib/pkgconfig/tls13.pc usr/lib/cmake/tls13/tls13Config.cmake; do
    [ -e "$tmp/root/$f" ] && echo "ok   $f" || { echo "FAIL $f missing"; failed=1; }
done
"$tmp/root/usr/bin/tls13" --version | grep -q '^tls13 ' && echo "ok   the packaged program runs" ||
    { echo "FAIL the packaged program does not run"; failed=1; }
MANWIDTH=80 man -l "$tmp/root/usr/share/man/man1/tls13-decode.1.gz" 2>/dev/null | grep -q -- '--keylog' &&
    echo "ok   man tls13-decode renders" || { echo "FAIL man page"; failed=1; }
PKG_CONFIG_PATH=$tmp/root/usr/lib/pkgconfig pkg-config --cflags tls13 | grep -q "/include/tls13" &&
    echo "ok   pkg-config finds tls13 in the unpacked tree" || { echo "FAIL pkg-config"; failed=1; }
exit $failed
