# dtls_decoder_records.awk — the DTLS records of `tls13 decode --format json`, one line per
# record, in the format of dtls_tshark_records.awk:
#     <client|server> <content type> <length> <epoch> <sequence_number> <fragments or ->
# Names are turned back into IANA numbers (ContentType, HandshakeType). It relies on the
# decoder writing each record object on one line (docs/decoder-json.md).
# Needs decoder_json.awk first (awk -f decoder_json.awk -f THIS): ct[], ht[] and field().
/^    \{"dir": / && /"epoch": / {
    msgs = $0
    sub(/.*"messages": \[/, "", msgs)
    sub(/\].*/, "", msgs)
    frags = ""
    while (match(msgs, /\{[^}]*\}/)) {
        m = substr(msgs, RSTART, RLENGTH)
        msgs = substr(msgs, RSTART + RLENGTH)
        t = field(m, "type")
        frags = (frags == "" ? "" : frags ",") (t in ht ? ht[t] : t) "/" field(m, "message_seq") "/" \
                field(m, "fragment_offset") "/" field(m, "fragment_length")
    }
    outer = field($0, "content_type")
    print field($0, "dir"), (outer in ct ? ct[outer] : outer), field($0, "length"), field($0, "epoch"),
          field($0, "sequence_number"), (frags == "" ? "-" : frags)
}
