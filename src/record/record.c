/*
 * record.c — finding record boundaries in a byte stream (RFC 8446 §5, §5.1, §5.2).
 *
 * Implementation notes
 * --------------------
 * The deframer is stateless: it looks at the bytes the caller has so far and either finds one
 * whole record at the start or says how many more bytes are needed. A caller that receives data
 * in arbitrary pieces keeps the unconsumed tail and calls again with more; because nothing is
 * remembered here, cutting the stream at any point gives the same records (the fragmentation
 * tests check exactly that).
 *
 * The header is judged the moment its 5 bytes are there. A length above the limit is refused
 * before the body arrives: otherwise a peer could make us buffer (or wait for) bytes we would
 * reject anyway. legacy_record_version is reported but not checked (§5.1: "MUST be ignored").
 */
#include "record/record.h"

#include <string.h>

#include "common/names.h"
#include "common/reader.h"

bool tls_record_type_known(uint8_t type)
{
    /* RFC 8446 §5: "This document specifies four content types: handshake, application_data,
     * alert, and change_cipher_spec." heartbeat(24) belongs to RFC 6520, which TLS 1.3 does
     * not negotiate, so here it is as unknown as 0x19 or 0xff. */
    switch (type) {
    case TLS_CT_change_cipher_spec:
    case TLS_CT_alert:
    case TLS_CT_handshake:
    case TLS_CT_application_data:
        return true;
    default:
        return false;
    }
}

/*
 *  struct {
 *      ContentType type;
 *      ProtocolVersion legacy_record_version;
 *      uint16 length;
 *      opaque fragment[TLSPlaintext.length];
 *  } TLSPlaintext;
 *
 *  struct {
 *      ContentType opaque_type = application_data; // 23
 *      ProtocolVersion legacy_record_version = 0x0303; // TLS v1.2
 *      uint16 length;
 *      opaque encrypted_record[TLSCiphertext.length];
 *  } TLSCiphertext;
 *
 * Both share the same 5-byte header, so one parser serves both; only the length limit differs.
 */
static tls_result parse_header(const uint8_t *data, bool read_protected, struct tls_record *rec,
                               struct tls_error *err)
{
    struct tls_reader r;
    tls_reader_init(&r, data, TLS_RECORD_HEADER_LEN, err);
    TRY(tls_read_u8(&r, &rec->type, "TLSPlaintext.type"));
    TRY(tls_read_u16(&r, &rec->legacy_record_version, "TLSPlaintext.legacy_record_version"));
    TRY(tls_read_u16(&r, &rec->length, "TLSPlaintext.length"));

    /* RFC 8446 §5: "If a TLS implementation receives an unexpected record type, it MUST
     * terminate the connection with an "unexpected_message" alert." */
    if (!tls_record_type_known(rec->type)) {
        return tls_fail(err, TLS_ALERT_unexpected_message,
                        "RFC 8446 §5: record of an unknown content type");
    }
    if (read_protected) {
        /* RFC 8446 §5.2: "An endpoint that receives a record from its peer with
         * TLSCiphertext.length larger than 2^14 + 256 octets MUST terminate the connection
         * with a "record_overflow" alert." */
        if (rec->length > TLS_MAX_CIPHERTEXT_LEN) {
            return tls_fail(err, TLS_ALERT_record_overflow,
                            "RFC 8446 §5.2: TLSCiphertext.length exceeds 2^14 + 256");
        }
    } else if (rec->length > TLS_MAX_PLAINTEXT_LEN) {
        /* RFC 8446 §5.1: "The length MUST NOT exceed 2^14 bytes. An endpoint that receives a
         * record that exceeds this length MUST terminate the connection with a
         * "record_overflow" alert." */
        return tls_fail(err, TLS_ALERT_record_overflow,
                        "RFC 8446 §5.1: TLSPlaintext.length exceeds 2^14");
    }
    return TLS_OK;
}

tls_result tls_record_deframe(const uint8_t *data, size_t len, bool read_protected,
                              struct tls_record *rec, size_t *need, struct tls_error *err)
{
    memset(rec, 0, sizeof(*rec));
    *need = 0;

    /* Not even a header yet: all we know is how many header bytes are missing. */
    if (len < TLS_RECORD_HEADER_LEN) {
        *need = TLS_RECORD_HEADER_LEN - len;
        return TLS_OK;
    }

    /* The header decides everything about the record before its body is waited for. */
    struct tls_record hdr;
    memset(&hdr, 0, sizeof(hdr));
    TRY(parse_header(data, read_protected, &hdr, err));

    size_t total = TLS_RECORD_HEADER_LEN + (size_t)hdr.length;
    if (len < total) {
        *need = total - len;
        return TLS_OK;
    }

    /* A whole record: describe it as a view into data. */
    *rec = hdr;
    rec->header = data;
    rec->fragment = data + TLS_RECORD_HEADER_LEN;
    rec->total_len = total;
    return TLS_OK;
}
