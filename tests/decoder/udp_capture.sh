# shellcheck shell=bash
# udp_capture.sh — sourced by dtls_live.sh and dtls13_live.sh: a capture on lo and a wait for a
# UDP server, the two steps every live DTLS run starts with. The sourcing script sets
# $live_name (for messages) and the array pids (what its cleanup kills).
: "${live_name:=live capture}"

# start_capture FILE FILTER: dumpcap on lo, returns once it writes (sets cap_pid); exits 77
# (skip) when capturing on lo is not possible here.
start_capture() {
    dumpcap -q -i lo -f "$2" -w "$1" >/dev/null 2>"$1.err" &
    cap_pid=$!
    pids+=("$cap_pid")
    for _ in $(seq 50); do
        [ -s "$1" ] && return 0
        kill -0 "$cap_pid" 2>/dev/null || break
        sleep 0.1
    done
    echo "$live_name: dumpcap cannot capture on lo: $(cat "$1.err"): skipped"
    exit 77
}

# wait_udp PORT: until something is bound to UDP PORT on loopback (up to 5 s), so the client's
# first datagram is not lost to a server or relay still starting under load.
wait_udp() {
    for _ in $(seq 50); do
        ss -Hlun "sport = :$1" 2>/dev/null | grep -q . && return 0
        sleep 0.1
    done
}
