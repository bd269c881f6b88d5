#!/usr/bin/env bash
# test_program_cli.sh — the tls13 program as a user meets it: --version, help, options anywhere,
# usage errors (exit 2, naming the option and the allowed values), and the man pages and bash
# completion that the build writes from the same option tables as --help.
#
#   test_program_cli.sh TLS13_BINARY DOC_DIR VECTORS_DIR
set -u
bin=$1
doc=$2
vectors=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
fail() { echo "FAIL $*"; failed=1; }
ok() { echo "ok   $*"; }

# run STATUS ARGS...: runs tls13 ARGS, stdout to $tmp/out, stderr to $tmp/err; checks the status.
run() {
    local want=$1
    shift
    "$bin" "$@" >"$tmp/out" 2>"$tmp/err"
    local got=$?
    if [ "$got" -ne "$want" ]; then
        fail "tls13 $*: status $got, want $want"
        head -3 "$tmp/err"
        return 1
    fi
    return 0
}

# The commands, as `tls13 help` lists them: every check below runs on each, so a new command
# without a man page or a --version fails here.
mapfile -t commands < <("$bin" help | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p')
[ "${#commands[@]}" -ge 3 ] && ok "commands: ${commands[*]}" || fail "tls13 help lists ${#commands[@]} commands"

# 1. --version, at the top and per command.
version=$("$bin" --version)
if [[ $version =~ ^tls13\ [0-9]+\.[0-9]+\.[0-9]+$ ]]; then ok "--version: $version"; else fail "--version printed '$version'"; fi
for cmd in "${commands[@]}"; do
    run 0 "$cmd" --version && [ "$(cat "$tmp/out")" = "$version" ] && ok "$cmd --version" ||
        fail "$cmd --version does not print '$version'"
done

# 2. help: `tls13 help COMMAND` is `tls13 COMMAND --help`; unknown commands are usage errors.
run 0 help && grep -q "^  decode INPUT" "$tmp/out" && ok "help lists the commands" || fail "help"
for cmd in "${commands[@]}"; do
    "$bin" help "$cmd" >"$tmp/a" 2>&1
    "$bin" "$cmd" --help >"$tmp/b" 2>&1
    cmp -s "$tmp/a" "$tmp/b" && grep -q "^exit status:" "$tmp/a" && ok "help $cmd = $cmd --help" ||
        fail "help $cmd differs from $cmd --help, or has no exit statuses"
done
run 2 help nope && grep -q "unknown command 'nope'" "$tmp/err" && ok "help nope -> 2" || fail "help nope"
run 2 nope && grep -q "unknown command 'nope'" "$tmp/err" && ok "nope -> 2" || fail "unknown command"
run 2 && ok "no command -> 2" || true

# 3. Options anywhere, both value forms, and "--".
cap=$vectors/captures/tls13-keyupdate.pcap
key=$vectors/captures/tls13-keyupdate.keylog
run 0 decode --keylog "$key" --format json "$cap" && cp "$tmp/out" "$tmp/first"
run 0 decode "$cap" --format=json --keylog "$key" &&
    cmp -s "$tmp/out" "$tmp/first" && grep -q '"server_finished": "verified"' "$tmp/out" &&
    ok "decode CAP --keylog K: the same as options first" || fail "options after the input"
cp "$cap" "$tmp/-x.pcap"
(cd "$tmp" && "$bin" decode --format json -- -x.pcap >"$tmp/out" 2>"$tmp/err") &&
    grep -q '"input": "-x.pcap"' "$tmp/out" && ok "-- ends the options" || fail "-- ends the options"

# 4. Usage errors: status 2, one line naming the option (and the allowed values).
run 2 decode --format yaml "$cap" && grep -q -- "--format: 'yaml' is not one of: text, json" "$tmp/err" &&
    ok "--format yaml -> 2, names text and json" || fail "--format yaml"
run 2 decode "$cap" --keylog && grep -q -- "--keylog needs a value" "$tmp/err" && ok "--keylog without a value" ||
    fail "--keylog without a value"
run 2 vectors --quiet=1 x && grep -q -- "--quiet takes no value" "$tmp/err" && ok "flag with a value" ||
    fail "flag with a value"
run 2 connect --bogus localhost && grep -q -- "--bogus" "$tmp/err" && ok "connect --bogus" || fail "connect --bogus"

# 5. The man pages render without a groff warning (a long unbreakable word excepted) and say what --help says; completion works.
for page in tls13 "${commands[@]/#/tls13-}"; do
    if ! groff -man -Tutf8 -ww -Wbreak -z "$doc/$page.1" 2>"$tmp/groff" || [ -s "$tmp/groff" ]; then
        fail "$page.1 does not render cleanly"; cat "$tmp/groff"
    else
        ok "$page.1 renders"
    fi
done
for cmd in "${commands[@]}"; do
    "$bin" "$cmd" --help | grep -oE -- '--[a-z-]+' | sort -u >"$tmp/help-opts"
    MANWIDTH=200 man -l "$doc/tls13-$cmd.1" 2>/dev/null | grep -oE -- '--[a-z-]+' | sort -u >"$tmp/man-opts"
    comm -23 "$tmp/help-opts" "$tmp/man-opts" >"$tmp/missing"
    [ ! -s "$tmp/missing" ] && ok "tls13-$cmd(1) names every option of --help" ||
        fail "tls13-$cmd(1) lacks $(tr '\n' ' ' <"$tmp/missing")"
done
if bash -n "$doc/tls13.bash-completion"; then
    got=$(bash -c 'source "$1"; COMP_WORDS=(tls13 decode --for); COMP_CWORD=2; _tls13; echo "${COMPREPLY[*]}"' _ "$doc/tls13.bash-completion")
    [ "$got" = "--format" ] && ok "completion: decode --for -> --format" || fail "completion gave '$got'"
    got=$(bash -c 'source "$1"; COMP_WORDS=(tls13 decode --format ""); COMP_CWORD=3; _tls13; echo "${COMPREPLY[*]}"' _ "$doc/tls13.bash-completion")
    [ "$got" = "text json html" ] && ok "completion: --format -> text json html" || fail "completion gave '$got'"
    got=$(bash -c 'source "$1"; COMP_WORDS=(tls13 ve); COMP_CWORD=1; _tls13; echo "${COMPREPLY[*]}"' _ "$doc/tls13.bash-completion")
    [ "$got" = "vectors" ] && ok "completion: ve -> vectors" || fail "completion gave '$got'"
else
    fail "the completion script is not valid bash"
fi
exit $failed
