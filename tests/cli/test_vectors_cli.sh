#!/bin/sh
# test_vectors_cli.sh — `tls13 vectors` as a user runs it (exit status, summary, FAIL lines).
#
#   sh test_vectors_cli.sh TLS13_BINARY VECTORS_DIR
#
# Source of the data: tests/vectors/rfc/rfc8448.txt, RFC 8448 as published (see the README there).
set -u
tls13=$1
rfc=$2/rfc/rfc8448.txt
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}
expect_rc() { # expected actual what
    [ "$1" -eq "$2" ] || fail "$3: exit status $2, expected $1"
}

# 1. The RFC text checks clean: every checkable value (493 of 551) recomputed and equal.
"$tls13" vectors "$rfc" >"$tmp/out" 2>"$tmp/err"
expect_rc 0 $? "tls13 vectors rfc8448.txt"
summary="493 values checked, 493 passed, 0 failed; 58 values not derivable (inputs)"
[ "$(tail -n 1 "$tmp/out")" = "$summary" ] || fail "summary is '$(tail -n 1 "$tmp/out")'"
grep -q '^PASS   §3 line 294  {server}  derive secret "tls13 c hs traffic": expanded  = ' "$tmp/out" ||
    fail "no PASS line for §3 line 294"
[ "$(grep -c '^FAIL' "$tmp/out")" -eq 0 ] || fail "FAIL lines on the clean RFC"

# 2. One hex digit changed in RFC 8448 §3 line 294 (client_handshake_traffic_secret, b3 -> b2):
#    exit 1, exactly one FAIL naming section, line, step and label, with both values in hex.
sed '294s/expanded (32 octets):  b3 ed db/expanded (32 octets):  b2 ed db/' "$rfc" >"$tmp/bad.txt"
cmp -s "$rfc" "$tmp/bad.txt" && fail "sed did not change line 294"
"$tls13" vectors "$tmp/bad.txt" >"$tmp/out" 2>"$tmp/err"
expect_rc 1 $? "corrupted copy"
[ "$(grep -c '^FAIL' "$tmp/out")" -eq 1 ] || fail "expected exactly one FAIL line"
grep -q '^FAIL   §3 line 294  {server}  derive secret "tls13 c hs traffic": expanded$' "$tmp/out" ||
    fail "FAIL line does not name §3 line 294 expanded"
grep -q 'trace: *b2eddb126e06' "$tmp/out" || fail "trace value not printed in hex"
grep -q 'recomputed: *b3eddb126e06' "$tmp/out" || fail "recomputed value not printed in hex"
tail -n 1 "$tmp/out" | grep -q '^493 values checked, 492 passed, 1 failed; 58 values' ||
    fail "summary after corruption is '$(tail -n 1 "$tmp/out")'"

# 3. --quiet: only the FAIL (with its hex lines) and the summary.
"$tls13" vectors --quiet "$tmp/bad.txt" >"$tmp/out" 2>"$tmp/err"
expect_rc 1 $? "--quiet on the corrupted copy"
grep -q '^PASS\|^INPUT' "$tmp/out" && fail "--quiet printed PASS or INPUT lines"
grep -q '^FAIL   §3 line 294' "$tmp/out" || fail "--quiet hid the FAIL"
"$tls13" vectors -q "$rfc" >"$tmp/out" 2>"$tmp/err"
expect_rc 0 $? "-q on the RFC"
[ "$(cat "$tmp/out")" = "$summary" ] || fail "-q on a clean trace printed more than the summary"

# 4. --help tells the truth and succeeds.
"$tls13" vectors --help >"$tmp/out" 2>"$tmp/err"
expect_rc 0 $? "--help"
grep -q 'RFC 8448' "$tmp/out" && grep -q -- '--quiet' "$tmp/out" && grep -q 'exit status' "$tmp/out" ||
    fail "--help does not describe the format, --quiet and the exit status"

# 5. Usage and file errors exit 2 with a message on stderr.
"$tls13" vectors "$tmp/no-such-file.txt" >"$tmp/out" 2>"$tmp/err"
expect_rc 2 $? "missing file"
grep -q 'cannot open' "$tmp/err" || fail "missing file: no 'cannot open' message"
"$tls13" vectors >"$tmp/out" 2>"$tmp/err"
expect_rc 2 $? "no FILE"
"$tls13" vectors --bogus "$rfc" >"$tmp/out" 2>"$tmp/err"
expect_rc 2 $? "unknown option"
head -c 12000 "$rfc" >"$tmp/cut.txt" # cuts the ClientHello record of §3 mid-value
"$tls13" vectors "$tmp/cut.txt" >"$tmp/out" 2>"$tmp/err"
expect_rc 2 $? "trace cut inside a value"
grep -q 'cut.txt:[0-9][0-9]*: .*declares' "$tmp/err" || fail "cut trace: no 'FILE:LINE: ... declares' message"

# 6. Nothing checkable (prose only) is not a success.
printf '1.  Introduction\n\n   Just prose.\n' >"$tmp/prose.txt"
"$tls13" vectors "$tmp/prose.txt" >"$tmp/out" 2>"$tmp/err"
expect_rc 1 $? "a trace without values"

if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed"
    exit 1
fi
echo "all tls13 vectors CLI checks passed"
