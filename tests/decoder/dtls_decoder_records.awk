# dtls_decoder_records.awk — the DTLS records of `tls13 decode --format json`, one line per
# record, in the format of dtls_tshark_records.awk:
#     <client|server> <content type> <length> <epoch> <sequence_number> <fragments or ->
# Names are turned back into IANA numbers (ContentType, HandshakeType). It relies on the
# decoder writing each record object on one line (docs/decoder-json.md).
BEGIN {
    split("change_cipher_spec 20 alert 21 handshake 22 application_data 23 heartbeat 24", a, " ")
    for (i = 1; i < length(a); i += 2) ct[a[i]] = a[i + 1]
    split("hello_request 0 client_hello 1 server_hello 2 hello_verify_request 3 new_session_ticket 4 " \
          "certificate 11 server_key_exchange 12 certificate_request 13 server_hello_done 14 " \
          "certificate_verify 15 client_key_exchange 16 finished 20 certificate_status 22", b, " ")
    for (i = 1; i < length(b); i += 2) ht[b[i]] = b[i + 1]
}
function field(line, key,    m) {
    if (match(line, "\"" key "\": \"[^\"]*\"")) {
        m = substr(line, RSTART, RLENGTH)
        sub("\"" key "\": \"", "", m)
        return substr(m, 1, length(m) - 1)
    }
    if (match(line, "\"" key "\": [0-9a-z]+")) {
        m = substr(line, RSTART, RLENGTH)
        sub("\"" key "\": ", "", m)
        return m
    }
    return ""
}
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
