#!/usr/bin/env bash
# test_compare_cli.sh — `tls13 compare` on pairs of the stored captures (issue 13).
#
#   test_compare_cli.sh TLS13_BINARY VECTORS_DIR          check
#   REGEN=1 test_compare_cli.sh TLS13_BINARY VECTORS_DIR  rewrite the expected outputs
#
# Checked, for every pair of compare_pairs.txt (run from VECTORS_DIR, so the paths printed are
# the same as when the expected files were made):
#   - the text list (--layout list) and the JSON equal expected/compare/NAME.{txt,json};
#   - swapping A and B swaps the columns and nothing else: the JSON of (B, A) equals the JSON of
#     (A, B) with "a"/"b", "only_a"/"only_b" and the two values of each difference exchanged;
#   - the HTML page is one self-contained file (nothing fetched) with both ladders, one table row
#     per JSON difference, and a record list item per record of each side's JSON;
# then what each pair is there to show (the differences named, read from the JSON), pairs of
# identical connections, TLS and DTLS (no difference: JSON "differences" is []), and bad command
# lines.
# The expected files are this program's own output: after an intended change, regenerate them
# and read the diff before committing it.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
vectors=$2
[ -x "$bin" ] || { echo "FAIL: $1 is not a program"; exit 1; }
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$vectors" || exit 1
command -v jq >/dev/null || { echo "FAIL: jq is needed (scripts/deps.sh)"; exit 1; }
failed=0
ok() { echo "ok   $*"; }
fail() { echo "FAIL $*"; failed=1; }

# The JSON of (A, B) rewritten as the JSON of (B, A) should be.
swap='{a: .b, b: .a, items_compared, truncated,
       differences: [.differences[] | {section, item,
         kind: (if .kind == "only_a" then "only_b" elif .kind == "only_b" then "only_a" else .kind end),
         a: .b, b: .a, a_sizes: .b_sizes, b_sizes: .a_sizes}]}'

pairs=0
while read -r name keylogs a b; do
    case $name in '' | '#'*) continue ;; esac
    pairs=$((pairs + 1))
    args=()
    if [ "$keylogs" != "-" ]; then
        IFS=, read -r -a kls <<<"$keylogs"
        for k in "${kls[@]}"; do args+=(--keylog "$k"); done
    fi
    "$bin" compare "${args[@]}" --layout list "$a" "$b" >"$tmp/$name.txt" 2>"$tmp/err" || fail "$name: exit status $? ($(cat "$tmp/err"))"
    "$bin" compare "${args[@]}" --format json "$a" "$b" >"$tmp/$name.json" || fail "$name: json exit status"
    [ -s "$tmp/$name.txt" ] && [ -s "$tmp/$name.json" ] || { fail "$name: empty output"; continue; }
    if [ -n "${REGEN:-}" ]; then
        mkdir -p expected/compare
        cp "$tmp/$name.txt" "$tmp/$name.json" expected/compare/
        echo "regenerated expected/compare/$name.{txt,json}"
        continue
    fi
    for f in txt json; do
        if diff -u "expected/compare/$name.$f" "$tmp/$name.$f" >"$tmp/diff"; then
            ok "$name.$f equals expected/compare/$name.$f"
        else
            fail "$name.$f differs from expected/compare/$name.$f (- expected, + now):"
            head -40 "$tmp/diff"
        fi
    done
    jq -e . "$tmp/$name.json" >/dev/null || fail "$name: not valid JSON"
    "$bin" compare "${args[@]}" --format json "$b" "$a" >"$tmp/ba.json"
    if diff <(jq -S "$swap" "$tmp/$name.json") <(jq -S . "$tmp/ba.json") >"$tmp/diff"; then
        ok "$name: B A is A B with the columns swapped ($(jq '.differences | length' "$tmp/$name.json") differences)"
    else
        fail "$name: swapping A and B changed more than the columns:"
        head -20 "$tmp/diff"
    fi
    "$bin" compare "${args[@]}" --format html "$a" "$b" >"$tmp/$name.html"
    rows=$(grep -c '<tr class="\(only_a\|only_b\|value\|position\)"' "$tmp/$name.html")
    want=$(jq '.differences | length' "$tmp/$name.json")
    ra=$(grep -c '<li [^>]*data-side="a"' "$tmp/$name.html")
    rb=$(grep -c '<li [^>]*data-side="b"' "$tmp/$name.html")
    wa=$(jq '.a.records | length' "$tmp/$name.json")
    wb=$(jq '.b.records | length' "$tmp/$name.json")
    if [ "$rows" = "$want" ] && [ "$ra" = "$wa" ] && [ "$rb" = "$wb" ] &&
        ! grep -Eq '<(script|link|img)[^>]* (src|href)=|url\(' "$tmp/$name.html" &&
        grep -q '^</body></html>$' "$tmp/$name.html"; then
        ok "$name.html: self-contained, $rows difference rows, $ra + $rb records in the ladders"
        # Every link of the page points at an id the page has.
        missing=$(grep -o 'href="#[^"]*"' "$tmp/$name.html" | sort -u | sed 's/href="#\(.*\)"/\1/' |
            while read -r id; do grep -q "id=\"$id\"" "$tmp/$name.html" || echo "$id"; done)
        [ -z "$missing" ] && ok "$name.html: every link has its target" || fail "$name.html: links to nothing: $missing"
    else
        fail "$name.html: $rows difference rows (JSON: $want), ladders $ra/$rb records (JSON: $wa/$wb), or fetches something"
    fi
done <"$here/compare_pairs.txt"
[ "$pairs" -gt 0 ] || fail "no pairs in compare_pairs.txt"
[ -n "${REGEN:-}" ] && exit $failed

# What each pair shows, from its JSON. jq -e fails on false/null.
check() { # NAME JQ-EXPRESSION WHAT (an empty or missing file fails: jq -e sees no value)
    if [ -s "$tmp/$1.json" ] && jq -e "$2" "$tmp/$1.json" >/dev/null; then ok "$1: $3"; else fail "$1: $3 ($2)"; fi
}
d='.differences[]'
check ours-vs-schannel "[$d | select(.section == \"client_hello\" and .kind == \"only_b\" and .item == \"extension status_request\")] | length == 1" \
    "Schannel offers status_request in its TLS 1.3 ClientHello, we do not"
check ours-vs-schannel "[$d | select(.section == \"client_hello\" and .kind == \"only_b\" and .item == \"extension extended_master_secret\")] | length == 1" \
    "Schannel offers extended_master_secret in its TLS 1.3 ClientHello, we do not"
check ours-vs-schannel "[$d | select(.item == \"flight 3\" and (.a | test(\"64 bytes\")) and (.b | test(\"80 bytes\")) and (.b_sizes | test(\"74 = 5 header [+] 4[+]48 finished [(]SHA-384[)] [+] 1 content type [+] 16 AEAD tag\")))] | length == 1" \
    "client flight: 80 bytes (CCS + a 74-byte Finished under SHA-384) against our 64 (SHA-256)"
check ours-vs-schannel '.b.after.new_session_ticket_count >= 1 and .a.negotiated.keys and (.b.negotiated.keys | not)' \
    "a NewSessionTicket after the Finished on B (inferred without keys), ours decrypted"
check tls13-vs-tls12 "[$d | select(.item == \"version\" and .a == \"TLS 1.3\" and .b == \"TLS 1.2\")] | length == 1" \
    "negotiated version TLS 1.3 against TLS 1.2"
check tls13-vs-tls12 '.b.negotiated.extended_master_secret and .b.client_hello_2 == null and ([.b.records[] | select(.what == "server_key_exchange")] | length == 1)' \
    "TLS 1.2: extended master secret, a ServerKeyExchange"
check tls13-vs-tls12 "[$d | select(.item == \"flight 3\" and (.b_sizes | test(\"4[+]12 finished [+] 24 explicit nonce and tag\")))] | length == 1" \
    "a TLS 1.2 Finished is 12 bytes of verify_data plus the GCM nonce and tag"
check hrr-vs-nohrr "[$d | select(.item == \"hello_retry_request\" and .a == \"yes\" and .b == \"no\")] | length == 1" \
    "HelloRetryRequest on A only"
check hrr-vs-nohrr "[$d | select(.section == \"client_hello_2\" and .kind == \"only_a\" and .item == \"key_share secp256r1\")] | length == 1" \
    "a second ClientHello with a secp256r1 key share on A only"
check hrr-vs-nohrr "[$d | select(.section == \"client_hello\" and .kind == \"only_a\" and .item == \"supported_groups secp256r1\")] | length == 1" \
    "A offers secp256r1 without a key share for it"
check resumed-vs-full "[$d | select(.item == \"resumption\" and .a == \"resumed (psk_dhe_ke)\" and .b == \"full handshake\")] | length == 1" \
    "resumed with psk_dhe_ke against a full handshake"
check resumed-vs-full "[$d | select(.section == \"client_hello\" and .kind == \"only_a\" and .item == \"extension pre_shared_key\")] | length == 1" \
    "pre_shared_key offered by A only"
check resumed-vs-full '([.a.records[] | select(.what | test("certificate"))] | length == 0) and ([.b.records[] | select(.what | test("certificate"))] | length > 0)' \
    "no Certificate in the resumed handshake"
check sha384-vs-sha256 "[$d | select(.item == \"flight 3\" and (.a | test(\"80 bytes\")) and (.b | test(\"64 bytes\")))] | length == 1" \
    "CCS + Finished: 80 bytes under SHA-384, 64 under SHA-256"
check sha384-vs-sha256 '.a.after.new_session_ticket_count == 2 and (.a.after.new_session_tickets | map(.ticket_lifetime) | all(. != null))' \
    "two NewSessionTickets with their lifetimes (decrypted)"
# DTLS (RFC 6347): the cookie exchange compared as the HRR case is, datagrams, fragments.
check dtls-openssl-vs-gnutls "[$d | select(.section == \"client_hello_2\" and .item == \"cookie (DTLS)\" and .a == \"20 bytes\" and .b == \"16 bytes\")] | length == 1" \
    "the ClientHello after the HelloVerifyRequest echoes a 20-byte cookie (OpenSSL) against 16 (GnuTLS)"
check dtls-openssl-vs-gnutls '.a.client_hello.cookie_length == 0 and .a.dtls.hello_verify_request and .a.dtls.cookie_echoed and .b.dtls.cookie_echoed' \
    "both: an empty cookie first, then a HelloVerifyRequest whose cookie is echoed"
check dtls-openssl-vs-gnutls "[$d | select(.item == \"server certificate cut\" and .a == \"787 bytes in 2 fragments: 0+361,361+426\" and .b == \"787 bytes in 3 fragments: 0+375,375+375,750+37\")] | length == 1" \
    "the 787-byte Certificate cut in 2 fragments at MTU 500, in 3 at MTU 400"
check dtls-openssl-vs-gnutls "[$d | select(.item == \"server largest datagram\" and (.a | test(\"^472 bytes [(]within\")) and (.b | test(\"^400 bytes [(]within Schannel's default MTU of 1096\")))] | length == 1" \
    "largest server datagram 472 against 400 bytes, both within Schannel's 1096"
check dtls-openssl-vs-gnutls '[.b.records[] | select(.datagram != null and .epoch == 0)] | length > 5' \
    "records carry their datagram and epoch"
check dtls-trace-vs-capture '[.differences[] | select(.item != "transport end")] == []' \
    "the DTLS token trace and its capture differ only in how the transport ended"
check tls12-vs-dtls12 "[$d | select(.item == \"transport\" and .a == \"TLS over TCP\" and .b == \"DTLS over UDP\")] | length == 1" \
    "TLS against DTLS: one line says so"
check tls12-vs-dtls12 "([$d | select(.item == \"hello_verify_request\" and .kind == \"only_b\")] | length == 1) and ([$d | select(.item == \"extended_master_secret\")] | length == 0)" \
    "the DTLS-only items on B's side only; extended_master_secret compared (both yes)"

# The HTML links each ClientHello difference to its bytes: status_request (type 5) of B's
# ClientHello (record 1) is a span holding its 9 bytes (type, length, status_type ocsp, two
# empty lists: 00 05 00 05 01 00 00 00 00, RFC 6066 §8).
"$bin" compare --format html --keylog traces/ours-tls13-openssl.keylog traces/ours-tls13-openssl.trace \
    captures/schannel/tls13_win_curl_schannel_client.pcap >"$tmp/page.html"
grep -q '<a href="#b-r1-x5">#2, 5 bytes: 0100000000</a>' "$tmp/page.html" &&
    grep -q '<span class="f" id="b-r1-x5" data-field="status_request">00 05 00 05 01 00 00 00 00</span>' "$tmp/page.html" &&
    ok "html: a ClientHello difference links to its bytes" || fail "html: status_request not linked to its bytes"

# The same connection twice: no difference.
same=captures/tls13-aes-128-gcm-x25519.pcap
"$bin" compare --format json --keylog captures/tls13-aes-128-gcm-x25519.keylog "$same" "$same" >"$tmp/same.json"
if [ -s "$tmp/same.json" ] && jq -e '.differences == [] and .items_compared > 50' "$tmp/same.json" >/dev/null; then
    ok "a connection against itself: differences == [] ($(jq .items_compared "$tmp/same.json") items compared)"
else
    fail "a connection against itself has differences"
fi
"$bin" compare --layout list "$same#1" "$same" >"$tmp/out" && tail -1 "$tmp/out" | grep -q '^no difference (' &&
    ok "text: 'no difference' (#1 is the default)" || fail "text of identical connections: $(tail -1 "$tmp/out")"
"$bin" compare --layout columns "$same" captures/tls13-hrr-x25519-to-p256.pcap >"$tmp/out" &&
    grep -q '^~ extension supported_groups .* | #3, 6 bytes: x25519,secp256r1$' "$tmp/out" &&
    grep -q '^  extension server_name  .* | #1, 14 bytes: localhost$' "$tmp/out" &&
    ok "columns: every item, differing ones marked" || fail "columns layout"

dtls=captures/dtls/dtls12-gnutls-hvr-mtu400.pcapng
"$bin" compare --format json --keylog captures/dtls/dtls12-gnutls-hvr-mtu400.keylog "$dtls" "$dtls" >"$tmp/same.json"
if [ -s "$tmp/same.json" ] && jq -e '.differences == [] and .items_compared > 50 and .a.dtls != null' "$tmp/same.json" >/dev/null; then
    ok "a DTLS connection against itself: differences == [] ($(jq .items_compared "$tmp/same.json") items compared)"
else
    fail "a DTLS connection against itself has differences"
fi
"$bin" compare --format html --keylog captures/dtls/dtls12-gnutls-hvr-mtu400.keylog "$dtls" "$dtls" >"$tmp/page.html"
grep -q '<span class="f" id="a-r3-x23" data-field="extended_master_secret">00 17 00 00</span>' "$tmp/page.html" &&
    ok "html: the second DTLS ClientHello's extensions are found after its cookie" || fail "html: DTLS ClientHello bytes not linked"
# A retransmission (RFC 6347 §4.2.4): the DTLS trace with its HelloVerifyRequest datagram sent
# again under a new record sequence number (0x20, unused in the trace); only the server's
# second flight and its counts differ.
dt=traces/dtls12-openssl-hvr-mtu500.trace
awk '{print} /^S: 16feff00000000000000000023/ && !done {l=$0; sub(/^S: 16feff00000000000000000023/, "S: 16feff00000000000000200023", l); print l; done=1}' \
    "$dt" >"$tmp/retx.trace"
"$bin" compare --format json --keylog captures/dtls/dtls12-openssl-hvr-mtu500.keylog "$dt" "$tmp/retx.trace" >"$tmp/retx.json"
if [ -s "$tmp/retx.json" ] && jq -e '(.differences | map(.item)) == ["flight 2", "server handshake total", "server datagrams"] and
        (.differences[0].b | test("2 records in 2 datagrams, 96 bytes: hello_verify_request 48, hello_verify_request [(]retransmitted[)] 48$")) and
        .differences[2].b == "5 datagram(s), 1 retransmitted record(s)" and .b.dtls.retransmitted_records.server == 1' "$tmp/retx.json" >/dev/null; then
    ok "DTLS: a retransmitted HelloVerifyRequest is one more datagram in flight 2, labelled, and counted"
else
    fail "DTLS retransmission: $(jq -c '[.differences[] | {item, b}]' "$tmp/retx.json")"
fi

# Bad command lines: one line naming the problem, then the usage; exit status 1 or 2.
bad() { # STATUS PATTERN ARGS...
    local want=$1 pattern=$2
    shift 2
    "$bin" compare "$@" >"$tmp/out" 2>"$tmp/err"
    local got=$?
    if [ "$got" = "$want" ] && head -1 "$tmp/err" | grep -q -- "$pattern" && [ ! -s "$tmp/out" ]; then
        ok "compare $*: exit $got, '$(head -1 "$tmp/err")'"
    else
        fail "compare $*: exit $got (want $want), stderr '$(head -1 "$tmp/err")'"
    fi
}
bad 1 "^tls13 compare: nonexistent.pcap: " nonexistent.pcap "$same"
bad 1 "^tls13 compare: $same#3: no connection #3 (it holds 1)$" "$same" "$same#3"
bad 1 "no connection #5 (it holds 2)$" captures/tls13-resumption.pcap#5 "$same"
bad 2 "connections are numbered from 1" "$same#0" "$same"
bad 2 "two inputs are needed" "$same"
bad 2 "more than two inputs given" "$same" "$same" "$same"
bad 2 "^tls13 compare: --format: 'yaml' is not one of: text, json, html$" --format yaml "$same" "$same"
bad 1 "^tls13 compare: cannot read key log nonexistent.keylog$" --keylog nonexistent.keylog "$same" "$same"
"$bin" compare --help >"$tmp/out" && grep -q "A\[#N\] B\[#M\]" "$tmp/out" && ok "compare --help" || fail "compare --help"
"$bin" help | grep -q "^  compare " && ok "tls13 help lists compare" || fail "tls13 help does not list compare"

exit $failed
