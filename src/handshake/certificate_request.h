/*
 * certificate_request.h — CertificateRequest (RFC 8446 §4.3.2).
 *
 * Judged from the bytes: framing, duplicates, the signature_algorithms extension that "MUST be
 * specified" (missing_extension, §6.2 / checklist CR-02), and — when the caller says the message
 * arrived during the handshake — a certificate_request_context that "SHALL be zero length"
 * (decode_error, CR-01; the RFC names no alert, BoringSSL sends decode_error). Views into the body.
 */
#ifndef TLS13_HANDSHAKE_CERTIFICATE_REQUEST_H
#define TLS13_HANDSHAKE_CERTIFICATE_REQUEST_H

#include <stdbool.h>

#include "handshake/extensions.h"

/*
 * RFC 8446 §4.3.2:
 *     struct {
 *         opaque certificate_request_context<0..2^8-1>;
 *         Extension extensions<2..2^16-1>;
 *     } CertificateRequest;
 */
struct tls_certificate_request {
    struct tls_bytes certificate_request_context;
    struct tls_extensions extensions;
    struct tls_u16_list signature_algorithms; /* from the mandatory extension */
};

/* in_handshake: true for the CR between EE and Certificate, false for post-handshake (§4.6.2). */
tls_result tls_certificate_request_parse(const uint8_t *body, size_t len, bool in_handshake,
                                         struct tls_certificate_request *cr, struct tls_error *err);

tls_result tls_certificate_request_encode(struct tls_writer *w, const uint8_t *context,
                                          size_t context_len, const struct tls_extension *exts,
                                          size_t n, struct tls_error *err);

#endif
