#!/bin/sh
# test_variant_cli.sh — `tls13 variant` as a course runs it: a per-student RFC 8448 §3 (or, with
# --hrr, §5) trace that `tls13 vectors` checks like the RFC (exit status, output, usage errors).
#
#   sh test_variant_cli.sh TLS13_BINARY VECTORS_DIR
#
# The reference counts are RFC 8448 §3's (tests/vectors/rfc/rfc8448.txt lines 152-856):
# 98 values checked, 11 inputs; and §5's (lines 1589-2358): 95 checked, 11 inputs.
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
summary="98 values checked, 98 passed, 0 failed; 11 values not derivable (inputs)"

# 0. RFC 8448 §3 alone gives the reference summary.
sed -n '152,856p' "$rfc" >"$tmp/s3.txt"
"$tls13" vectors -q "$tmp/s3.txt" >"$tmp/out" 2>"$tmp/err"
expect_rc 0 $? "tls13 vectors on RFC 8448 §3"
[ "$(cat "$tmp/out")" = "$summary" ] || fail "RFC 8448 §3 summary is '$(cat "$tmp/out")'"

# 1. Variants for several IDs check clean, with §3's counts.
for id in alice bob student-0042 "Jane Doe"; do
    "$tls13" variant "$id" >"$tmp/v.txt" 2>"$tmp/err"
    expect_rc 0 $? "tls13 variant '$id'"
    [ -s "$tmp/err" ] && fail "tls13 variant '$id' wrote to stderr: $(cat "$tmp/err")"
    "$tls13" vectors -q "$tmp/v.txt" >"$tmp/out" 2>"$tmp/err"
    expect_rc 0 $? "tls13 vectors on the variant of '$id'"
    [ "$(cat "$tmp/out")" = "$summary" ] || fail "variant '$id': summary is '$(cat "$tmp/out")'"
done
grep -q '^3\.  Simple 1-RTT Handshake$' "$tmp/v.txt" || fail "no §3 title in the variant"
grep -q '^# .*for the ID "Jane Doe"' "$tmp/v.txt" || fail "the header comment does not name the ID"

# 2. --out FILE writes the same bytes as stdout; the same ID twice gives the same bytes;
#    another ID gives other secrets.
"$tls13" variant alice >"$tmp/a1.txt"
"$tls13" variant --out "$tmp/a2.txt" alice >"$tmp/out" 2>"$tmp/err"
expect_rc 0 $? "--out"
[ -s "$tmp/out" ] && fail "--out also wrote to stdout"
cmp -s "$tmp/a1.txt" "$tmp/a2.txt" || fail "same ID, different bytes (stdout vs --out)"
"$tls13" variant -o "$tmp/a3.txt" alice
cmp -s "$tmp/a1.txt" "$tmp/a3.txt" || fail "same ID, different bytes (-o)"
"$tls13" variant bob >"$tmp/b.txt"
cths() { grep -A 14 'derive secret "tls13 c hs traffic":' "$1" | grep -A 2 'expanded' | head -2; }
[ -n "$(cths "$tmp/a1.txt")" ] || fail "no c hs traffic expanded value found in the variant"
[ "$(cths "$tmp/a1.txt")" != "$(cths "$tmp/b.txt")" ] ||
    fail "alice and bob have the same client_handshake_traffic_secret"
[ "$(grep -c '' "$tmp/a1.txt")" -eq "$(grep -c '' "$tmp/b.txt")" ] ||
    fail "alice's and bob's variants differ in line count (the layout must not depend on ID)"

# 3. One hex digit changed in a variant value: exit 1, exactly one FAIL naming it.
line=$(grep -n -A 12 'derive secret "tls13 s hs traffic":' "$tmp/a1.txt" |
    grep 'expanded (32 octets)' | head -1 | cut -d- -f1)
[ -n "$line" ] || fail "no s hs traffic expanded line in the variant"
octet=$(sed -n "${line}s/.*expanded (32 octets):  \(..\).*/\1/p" "$tmp/a1.txt")
flipped=$(printf '%02x' $((0x$octet ^ 1)))
sed "${line}s/octets):  $octet/octets):  $flipped/" "$tmp/a1.txt" >"$tmp/bad.txt"
cmp -s "$tmp/a1.txt" "$tmp/bad.txt" && fail "sed did not change line $line"
"$tls13" vectors "$tmp/bad.txt" >"$tmp/out" 2>"$tmp/err"
expect_rc 1 $? "variant with one digit changed"
[ "$(grep -c '^FAIL' "$tmp/out")" -eq 1 ] || fail "expected exactly one FAIL line"
want="^FAIL   §3 line $line  {server}  derive secret \"tls13 s hs traffic\": expanded\$"
grep -q "$want" "$tmp/out" ||
    fail "the FAIL line does not name §3 line $line s hs traffic expanded"
tail -n 1 "$tmp/out" | grep -q '^98 values checked, 97 passed, 1 failed' ||
    fail "summary after the change is '$(tail -n 1 "$tmp/out")'"

# 4. --hrr: RFC 8448 §5 (HelloRetryRequest), checked with §5's own counts (lines 1589-2358).
summary5="95 values checked, 95 passed, 0 failed; 11 values not derivable (inputs)"
sed -n '1589,2358p' "$rfc" >"$tmp/s5.txt"
"$tls13" vectors -q "$tmp/s5.txt" >"$tmp/out" 2>"$tmp/err"
[ "$(cat "$tmp/out")" = "$summary5" ] || fail "RFC 8448 §5 summary is '$(cat "$tmp/out")'"
for id in alice bob; do
    "$tls13" variant --hrr "$id" >"$tmp/h-$id.txt" 2>"$tmp/err"
    expect_rc 0 $? "tls13 variant --hrr '$id'"
    "$tls13" vectors -q "$tmp/h-$id.txt" >"$tmp/out" 2>"$tmp/err"
    expect_rc 0 $? "tls13 vectors on the --hrr variant of '$id'"
    [ "$(cat "$tmp/out")" = "$summary5" ] ||
        fail "--hrr variant '$id': summary is '$(cat "$tmp/out")'"
done
grep -q '^5\.  HelloRetryRequest$' "$tmp/h-alice.txt" || fail "no §5 title in the --hrr variant"
[ "$(grep -c 'create an ephemeral P-256 key pair' "$tmp/h-alice.txt")" -eq 2 ] ||
    fail "the --hrr variant does not have §5's two P-256 key pairs"
"$tls13" variant --hrr --out "$tmp/h2.txt" alice && cmp -s "$tmp/h-alice.txt" "$tmp/h2.txt" ||
    fail "--hrr: same ID, different bytes"
cmp -s "$tmp/h-alice.txt" "$tmp/h-bob.txt" && fail "--hrr: alice and bob have the same trace"

# 5. --help tells the truth and succeeds.
"$tls13" variant --help >"$tmp/out" 2>"$tmp/err"
expect_rc 0 $? "--help"
grep -q 'RFC 8448' "$tmp/out" && grep -q -- '--out FILE' "$tmp/out" &&
    grep -q -- '--hrr' "$tmp/out" && grep -q 'exit status' "$tmp/out" ||
    fail "--help does not describe the format, --out, --hrr and the exit status"
"$tls13" --help | grep -q '^  variant ID' || fail "tls13 --help does not list variant"

# 6. Usage errors exit 2 with a one-line message on stderr and nothing on stdout.
usage_error() { # what args...
    what=$1
    shift
    "$tls13" variant "$@" >"$tmp/out" 2>"$tmp/err"
    expect_rc 2 $? "$what"
    [ "$(grep -c '' "$tmp/err")" -eq 1 ] || fail "$what: stderr is not one line: $(cat "$tmp/err")"
    grep -q '^tls13 variant: ' "$tmp/err" ||
        fail "$what: message does not start with 'tls13 variant: '"
    [ -s "$tmp/out" ] && fail "$what: wrote to stdout"
}
usage_error "missing ID"
usage_error "empty ID" ""
usage_error "unknown option" --bogus alice
usage_error "two IDs" alice bob
usage_error "--out without FILE" alice --out
usage_error "ID with a newline" "$(printf 'a\nb')"
grep -q 'control character' "$tmp/err" || fail "newline ID: message does not say why"
"$tls13" variant --out "$tmp/no-such-dir/x.txt" alice >"$tmp/out" 2>"$tmp/err"
expect_rc 1 $? "unwritable --out"
grep -q 'cannot open' "$tmp/err" || fail "unwritable --out: no 'cannot open' message"

if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed"
    exit 1
fi
