# decoder_records.awk — the records of `tls13 decode --format json`, one line per record, in the
# format of tshark_records.awk:
#     <connection id> <client|server> <outer type> <length> <inner type or -> <handshake types or ->
# Names are turned back into IANA numbers (RFC 8446 §5.1 ContentType, §4 HandshakeType). It
# relies on the decoder writing each record object on one line (docs/decoder-json.md).
BEGIN {
    split("change_cipher_spec 20 alert 21 handshake 22 application_data 23 heartbeat 24", a, " ")
    for (i = 1; i < length(a); i += 2) ct[a[i]] = a[i + 1]
    ct["none"] = ""  # an SSL 2.0-format record has no content type; tshark prints none
    split("hello_request 0 client_hello 1 server_hello 2 hello_verify_request 3 new_session_ticket 4 " \
          "end_of_early_data 5 hello_retry_request 6 encrypted_extensions 8 certificate 11 " \
          "server_key_exchange 12 certificate_request 13 server_hello_done 14 certificate_verify 15 " \
          "client_key_exchange 16 finished 20 certificate_url 21 certificate_status 22 " \
          "supplemental_data 23 key_update 24 compressed_certificate 25 message_hash 254", b, " ")
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
