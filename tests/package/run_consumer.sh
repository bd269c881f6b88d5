#!/usr/bin/env bash
# run_consumer.sh — installs the build tree into a scratch prefix, as `cmake --install` would for a
# user, and builds tests/package/consumer against it twice — once with pkg-config, once with
# find_package(tls13) — then has each consumer complete a handshake against openssl s_server.
#
#   run_consumer.sh BUILD_DIR SOURCE_DIR EXTRA_CFLAGS
#
# EXTRA_CFLAGS: what the build's own objects need at link time (the sanitizer flags when the
# tree was built with them; empty otherwise).
set -euo pipefail
build=$1
src=$2
extra=${3:-}
tmp=$(mktemp -d)
pid=""
# Runs on exit whatever the status: it must not change the status (set -e would make a failing
# rm the script's exit status), and the server may still be writing its log into $tmp.
cleanup() {
    set +e
    [ -n "$pid" ] && interop_server_stop "$pid" >/dev/null 2>&1
    rm -rf "$tmp" 2>/dev/null || { sleep 1; rm -rf "$tmp"; }
    return 0
}
trap cleanup EXIT
# shellcheck source=../../scripts/interop/server.sh
source "$src/scripts/interop/server.sh"

prefix=$tmp/prefix
cmake --install "$build" --prefix "$prefix" >"$tmp/install.log"
for f in bin/tls13 include/tls13/handshake/client.h lib/pkgconfig/tls13.pc \
         lib/cmake/tls13/tls13Config.cmake share/man/man1/tls13-decode.1.gz \
         share/bash-completion/completions/tls13; do
    [ -e "$prefix/$f" ] || { echo "FAIL: $f not installed"; exit 1; }
done
if find "$prefix/include" -name '*_internal.h' | grep -q .; then
    echo "FAIL: internal headers installed"; exit 1
fi
"$prefix/bin/tls13" --version
echo "ok   installed: program, headers, libraries, pkg-config, CMake package, man pages, completion"

# 1. pkg-config, as a Makefile would use it.
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
read -r -a cflags <<<"$(pkg-config --cflags tls13)"
read -r -a libs <<<"$(pkg-config --libs tls13)"
# shellcheck disable=SC2086
cc -std=c11 -Wall -Wextra -Werror $extra "${cflags[@]}" "$src/tests/package/consumer/consumer.c" \
    "${libs[@]}" -o "$tmp/consumer-pkgconfig"
echo "ok   built with pkg-config: ${cflags[*]} ${libs[*]}"

# 2. find_package(tls13) in a CMake project of its own.
cmake -S "$src/tests/package/consumer" -B "$tmp/cmake-build" -DCMAKE_PREFIX_PATH="$prefix" \
    -DCMAKE_C_FLAGS="$extra" -DCMAKE_EXE_LINKER_FLAGS="$extra" >"$tmp/cmake.log"
cmake --build "$tmp/cmake-build" >>"$tmp/cmake.log"
echo "ok   built with find_package(tls13)"

# 3. Both complete a handshake against openssl s_server and get their line back (reversed).
"$src/scripts/interop/make-pki.sh" "$tmp/pki" >/dev/null
export INTEROP_LOG_DIR=$tmp
port=$((20000 + RANDOM % 20000))
pid=$(interop_server_start openssl "$port" "$tmp/pki/rsa.pem" "$tmp/pki/rsa.key")
failed=0
for consumer in "$tmp/consumer-pkgconfig" "$tmp/cmake-build/consumer"; do
    got=$(timeout 30 "$consumer" 127.0.0.1 "$port" localhost "$tmp/pki/ca.pem" "hello, downstream" || true)
    if [ "$got" = "maertsnwod ,olleh" ]; then
        echo "ok   $(basename "$consumer"): handshake, data both ways, close_notify"
    else
        echo "FAIL $(basename "$consumer"): got '$got'"
        failed=1
    fi
done
exit $failed
