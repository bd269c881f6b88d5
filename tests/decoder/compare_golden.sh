#!/usr/bin/env bash
# compare_golden.sh — `tls13 decode` output (text and JSON) against the stored expected output.
#
#   compare_golden.sh TLS13_BINARY VECTORS_DIR
#
# For every line "INPUT KEYLOG" of inputs.txt, runs the decoder from VECTORS_DIR (so the paths
# printed are the same as when the expected files were made) and compares with
# VECTORS_DIR/expected/decode/<input>[.nokeys].{txt,json}. After an intended change of the output,
# regenerate them with scripts/regen-decoder-expected.sh and review the diff.
set -u
bin=$1
vectors=$2
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$vectors" || exit 1
failed=0
checked=0
while read -r input keylog; do
    case $input in '' | '#'*) continue ;; esac
    name=$(basename "$input")
    args=()
    suffix=.nokeys
    if [ "$keylog" != "-" ]; then
        args=(--keylog "$keylog")
        suffix=
    fi
    for format in txt json; do
        want="expected/decode/$name$suffix.$format"
        fmt=text
        [ "$format" = json ] && fmt=json
        "$bin" decode "${args[@]}" --format "$fmt" "$input" >"$tmp/got"
        if diff -u "$want" "$tmp/got" >"$tmp/diff"; then
            echo "ok   $name$suffix.$format"
        else
            echo "FAIL $name$suffix.$format differs from $want (- expected, + now):"
            head -40 "$tmp/diff"
            failed=1
        fi
        checked=$((checked + 1))
    done
done <"$here/inputs.txt"
[ "$checked" -gt 0 ] || { echo "FAIL: no inputs"; exit 1; }
exit $failed
