# tshark_records.awk — TLS records out of `tshark -T pdml`, one line per record:
#     <tcp.stream + 1> <client|server> <outer type> <length> <inner type or -> <handshake types or ->
# The outer type is tls.record.opaque_type when tshark decrypted the record (TLS 1.3), else
# tls.record.content_type; the inner type is content_type of a decrypted record. The client of
# a stream is the sender of its SYN (without ACK). Used by compare_tshark.sh and by
# scripts/regen-decoder-expected.sh; every value is tshark's own (an independent oracle).
function show(line,    m) {
    if (match(line, /show="[^"]*"/)) {
        return substr(line, RSTART + 6, RLENGTH - 7)
    }
    return ""
}
function flush() {
    if (have) {
        dir = (port == client_port[stream]) ? "client" : "server"
        outer = (opaque != "") ? opaque : ctype
        inner = (opaque != "") ? ctype : "-"
        print stream + 1, dir, outer, len, inner, (types == "" ? "-" : types)
    }
    have = 0; ctype = ""; opaque = ""; len = ""; types = ""
}
/<packet>/ { flush(); syn = 0; ack = 0; port = ""; stream = "" }
/name="tcp.srcport"/ { port = show($0) }
/name="tcp.stream"/ { stream = show($0) }
/name="tcp.flags.syn"/ { syn = show($0) }
/name="tcp.flags.ack"/ { ack = show($0) }
/name="tls.record"/ { flush(); have = 1 }
/name="tls.record.content_type"/ { if (have && ctype == "") ctype = show($0) }
/name="tls.record.opaque_type"/ { if (have) opaque = show($0) }
/name="tls.record.length"/ { if (have && len == "") len = show($0) }
/name="tls.handshake.type"/ { if (have) types = (types == "" ? "" : types ",") show($0) }
/<\/packet>/ {
    if (syn == "1" && ack == "0") client_port[stream] = port
    flush()
}
