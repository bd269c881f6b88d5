# decoder_json.awk — what decoder_records.awk and dtls_decoder_records.awk share: IANA numbers
# for the names `tls13 decode --format json` writes (RFC 8446 §5.1 ContentType, §4 HandshakeType,
# RFC 6347's hello_verify_request) and field(line, key), the value of "key" in a one-line JSON
# object. Run before either: awk -f decoder_json.awk -f decoder_records.awk.
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
