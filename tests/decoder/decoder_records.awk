# decoder_records.awk — the records of `tls13 decode --format json`, one line per record, in the
# format of tshark_records.awk:
#     <connection id> <client|server> <outer type> <length> <inner type or -> <handshake types or ->
# Names are turned back into IANA numbers (RFC 8446 §5.1 ContentType, §4 HandshakeType). It
# relies on the decoder writing each record object on one line (docs/decoder-json.md).
# Needs decoder_json.awk first (awk -f decoder_json.awk -f THIS): ct[], ht[] and field().
/^\{"input": / { conn = field($0, "id") }
/^    \{"dir": / {
    inner = field($0, "inner_content_type")
    msgs = $0
    sub(/.*"messages": \[/, "", msgs)
    sub(/\].*/, "", msgs)
    types = ""
    while (match(msgs, /"type": "[a-z_]+"/)) {
        t = substr(msgs, RSTART + 9, RLENGTH - 10)
        types = (types == "" ? "" : types ",") (t in ht ? ht[t] : t)
        msgs = substr(msgs, RSTART + RLENGTH)
    }
    outer = field($0, "content_type")
    print conn, field($0, "dir"), (outer in ct ? ct[outer] : outer), field($0, "length"),
          (inner == "" ? "-" : (inner in ct ? ct[inner] : inner)), (types == "" ? "-" : types)
}
