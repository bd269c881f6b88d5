/*
 * certificate_request.c — CertificateRequest (RFC 8446 §4.3.2). See certificate_request.h.
 */
#include "handshake/certificate_request.h"

/*
 * RFC 8446 §4.3.2:
 *     struct {
 *         opaque certificate_request_context<0..2^8-1>;
 *         Extension extensions<2..2^16-1>;
 *     } CertificateRequest;
 */
tls_result tls_certificate_request_parse(const uint8_t *body, size_t len, bool in_handshake,
                                         struct tls_certificate_request *cr, struct tls_error *err)
{
    struct tls_reader r, ctx;
    tls_reader_init(&r, body, len, err);
    TRY(tls_read_vector(&r, 0, 255, &ctx, "CertificateRequest.certificate_request_context"));
    cr->certificate_request_context.data = ctx.data;
    cr->certificate_request_context.len = ctx.len;
    TRY(tls_extensions_read(&r, 2, 0xffff, &cr->extensions, "CertificateRequest.extensions"));
    TRY(tls_read_end(&r, "CertificateRequest"));
    /* §4.3.2: "certificate_request_context ... This field SHALL be zero length unless used for
     * the post-handshake authentication exchanges described in Section 4.6.2." No alert is
     * named; the field's length is out of range, so decode_error (checklist CR-01). */
    if (in_handshake && ctx.len != 0) {
        return tls_hs_fail(err, TLS_ALERT_decode_error, "CertificateRequest.certificate_request_context",
                           "RFC 8446 §4.3.2: certificate_request_context SHALL be zero length in the handshake");
    }
    /* §4.3.2: "The "signature_algorithms" extension MUST be specified"; §6.2 missing_extension:
     * "Sent by endpoints that receive a handshake message not containing an extension that is
     * mandatory to send for the offered TLS version" (checklist CR-02). */
    const struct tls_extension *sa = tls_extensions_find(&cr->extensions, TLS_EXT_signature_algorithms);
    if (sa == NULL) {
        return tls_hs_fail(err, TLS_ALERT_missing_extension, "CertificateRequest.extensions",
                           "RFC 8446 §4.3.2: the signature_algorithms extension MUST be specified");
    }
    return tls_ext_signature_algorithms_parse(sa, &cr->signature_algorithms, err);
}

tls_result tls_certificate_request_encode(struct tls_writer *w, const uint8_t *context,
                                          size_t context_len, const struct tls_extension *exts,
                                          size_t n, struct tls_error *err)
{
    struct tls_vector_mark msg = tls_handshake_msg_begin(w, TLS_HT_certificate_request);
    struct tls_vector_mark ctx = tls_write_vector_begin(w, 255);
    tls_write_bytes(w, context, context_len);
    tls_write_vector_end(w, ctx);
    tls_extensions_write(w, 0xffff, exts, n);
    tls_handshake_msg_end(w, msg);
    return tls_writer_result(w, err);
}
