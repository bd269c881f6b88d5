/*
 * certificate.c — Certificate (RFC 8446 §4.4.2). See certificate.h.
 */
#include "handshake/certificate.h"

/*
 * RFC 8446 §4.4.2:
 *     struct {
 *         select (certificate_type) {
 *             case RawPublicKey:
 *               // From RFC 7250 ASN.1_subjectPublicKeyInfo
 *               opaque ASN1_subjectPublicKeyInfo<1..2^24-1>;
 *             case X509:
 *               opaque cert_data<1..2^24-1>;
 *         };
 *         Extension extensions<0..2^16-1>;
 *     } CertificateEntry;
 */
static tls_result read_entry(struct tls_reader *list, struct tls_certificate_entry *e)
{
    struct tls_reader data, exts;
    struct tls_extensions parsed;
    TRY(tls_read_vector(list, 1, 0xffffff, &data, "CertificateEntry.cert_data"));
    TRY(tls_read_vector(list, 0, 0xffff, &exts, "CertificateEntry.extensions"));
    /* Check framing and duplicates now (SH-05 lists CertificateEntry too); keep the block raw
     * so that struct tls_certificate stays small. */
    TRY(tls_extensions_parse_raw(exts.data, exts.len, &parsed, "CertificateEntry.extensions",
                                 list->err));
    e->cert_data.data = data.data;
    e->cert_data.len = data.len;
    e->extensions.data = exts.data;
    e->extensions.len = exts.len;
    return TLS_OK;
}

/*
 *     struct {
 *         opaque certificate_request_context<0..2^8-1>;
 *         CertificateEntry certificate_list<0..2^24-1>;
 *     } Certificate;
 */
tls_result tls_certificate_parse(const uint8_t *body, size_t len, bool from_server,
                                 struct tls_certificate *cert, struct tls_error *err)
{
    struct tls_reader r, ctx, list;
    tls_reader_init(&r, body, len, err);
    TRY(tls_read_vector(&r, 0, 255, &ctx, "Certificate.certificate_request_context"));
    TRY(tls_read_vector(&r, 0, 0xffffff, &list, "Certificate.certificate_list"));
    TRY(tls_read_end(&r, "Certificate"));
    cert->certificate_request_context.data = ctx.data;
    cert->certificate_request_context.len = ctx.len;
    cert->count = 0;
    while (tls_reader_remaining(&list) > 0) {
        if (cert->count == TLS_MAX_CERTIFICATES) {
            return tls_hs_fail(err, TLS_ALERT_certificate_unknown, "Certificate.certificate_list",
                               "RFC 8446 §4.4.2: more certificates than this implementation accepts (10)");
        }
        TRY(read_entry(&list, &cert->certificate_list[cert->count]));
        cert->count++;
    }
    if (!from_server) {
        return TLS_OK; /* §4.4.2.3: a client may send an empty list */
    }
    /* §4.4.2: "In the case of server authentication, this field SHALL be zero length." The
     * field's length is out of range: decode_error (checklist CRT-02). */
    if (ctx.len != 0) {
        return tls_hs_fail(err, TLS_ALERT_decode_error, "Certificate.certificate_request_context",
                           "RFC 8446 §4.4.2: a server's certificate_request_context SHALL be zero length");
    }
    /* RFC 8446 §4.4.2.4: "If the server supplies an empty Certificate message, the client MUST
     * abort the handshake with a "decode_error" alert." */
    if (cert->count == 0) {
        return tls_hs_fail(err, TLS_ALERT_decode_error, "Certificate.certificate_list",
                           "RFC 8446 §4.4.2.4: the server sent an empty certificate_list");
    }
    return TLS_OK;
}

tls_result tls_certificate_encode(struct tls_writer *w, const struct tls_certificate *cert,
                                  struct tls_error *err)
{
    struct tls_vector_mark msg = tls_handshake_msg_begin(w, TLS_HT_certificate);
    struct tls_vector_mark ctx = tls_write_vector_begin(w, 255);
    tls_write_bytes(w, cert->certificate_request_context.data, cert->certificate_request_context.len);
    tls_write_vector_end(w, ctx);
    struct tls_vector_mark list = tls_write_vector_begin(w, 0xffffff);
    for (size_t i = 0; i < cert->count; i++) {
        const struct tls_certificate_entry *e = &cert->certificate_list[i];
        struct tls_vector_mark data = tls_write_vector_begin(w, 0xffffff);
        tls_write_bytes(w, e->cert_data.data, e->cert_data.len);
        tls_write_vector_end(w, data);
        struct tls_vector_mark exts = tls_write_vector_begin(w, 0xffff);
        tls_write_bytes(w, e->extensions.data, e->extensions.len);
        tls_write_vector_end(w, exts);
    }
    tls_write_vector_end(w, list);
    tls_handshake_msg_end(w, msg);
    return tls_writer_result(w, err);
}

tls_result tls_certificate_encode_empty(struct tls_writer *w, const uint8_t *context,
                                        size_t context_len, struct tls_error *err)
{
    /* §4.4.2.3: "If the server requests client authentication but no suitable certificate is
     * available, the client MUST send a Certificate message containing no certificates."
     * §4.4.2: the context is the one from the CertificateRequest being answered. */
    struct tls_certificate empty = {{context, context_len}, 0, {{{NULL, 0}, {NULL, 0}}}};
    return tls_certificate_encode(w, &empty, err);
}
