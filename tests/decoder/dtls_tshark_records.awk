# dtls_tshark_records.awk — DTLS records out of `tshark -T pdml`, one line per record:
#     <client|server> <content type> <length> <epoch> <sequence_number> <fragments or ->
# where each fragment is <handshake type>/<message_seq>/<fragment_offset>/<fragment_length>
# (RFC 6347 §4.1, §4.2.2), as tshark's DTLS dissector shows them (decrypted records included
# when it was given the key log). The client of a UDP stream is the sender of its first
# ClientHello. Used by dtls_interop.sh and dtls_capture.sh; every value is tshark's own.
function show(line) {
    if (match(line, /show="[^"]*"/)) {
        return substr(line, RSTART + 6, RLENGTH - 7)
    }
    return ""
}
function flush_record() {
    if (have) {
        n++
        rec[n] = ctype " " len " " epoch " " seq " " (frags == "" ? "-" : frags)
    }
    have = 0; ctype = ""; len = ""; epoch = ""; seq = ""; frags = ""; ht = ""
}
function flush_fragment() {
    if (ht != "") {
        frags = (frags == "" ? "" : frags ",") ht "/" mseq "/" foff "/" flen
    }
    ht = ""
}
/<packet>/ { n = 0; have = 0; port = ""; stream = ""; hello = 0 }
/name="udp.srcport"/ { port = show($0) }
/name="udp.stream"/ { stream = show($0) }
/name="dtls.record"/ { flush_fragment(); flush_record(); have = 1 }
/name="dtls.record.content_type"/ { if (have && ctype == "") ctype = show($0) }
/name="dtls.record.length"/ { if (have && len == "") len = show($0) }
/name="dtls.record.epoch"/ { if (have && epoch == "") epoch = show($0) }
/name="dtls.record.sequence_number"/ { if (have && seq == "") seq = show($0) }
/name="dtls.handshake.type"/ { if (have) { flush_fragment(); ht = show($0); if (ht == "1") hello = 1 } }
/name="dtls.handshake.message_seq"/ { mseq = show($0) }
/name="dtls.handshake.fragment_offset"/ { foff = show($0) }
/name="dtls.handshake.fragment_length"/ { flen = show($0) }
/<\/packet>/ {
    flush_fragment()
    flush_record()
    if (hello && !(stream in client_port)) client_port[stream] = port
    for (i = 1; i <= n; i++) {
        print (port == client_port[stream] ? "client" : "server"), rec[i]
    }
}
