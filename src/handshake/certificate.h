/*
 * certificate.h — Certificate (RFC 8446 §4.4.2).
 *
 * Judged from the bytes: framing and bounds (decode_error), duplicate extensions in an entry
 * (illegal_parameter), and for a SERVER Certificate: a certificate_request_context that "SHALL be
 * zero length" (decode_error, CRT-02) and an empty certificate_list (decode_error: §4.4.2.4 "If the
 * server supplies an empty Certificate message, the client MUST abort the handshake with a
 * decode_error alert", CRT-01). A client Certificate may be empty (no suitable certificate,
 * §4.4.2.3); count is then 0.
 *
 * At most TLS_MAX_CERTIFICATES entries; a longer chain is refused with certificate_unknown (an
 * implementation limit, not a syntax error). Each entry's extensions are checked for framing and
 * duplicates and kept raw; expand with tls_extensions_parse_raw(). Views into the message body.
 */
#ifndef TLS13_HANDSHAKE_CERTIFICATE_H
#define TLS13_HANDSHAKE_CERTIFICATE_H

#include <stdbool.h>

#include "handshake/extensions.h"

#define TLS_MAX_CERTIFICATES 10

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
 *
 *     struct {
 *         opaque certificate_request_context<0..2^8-1>;
 *         CertificateEntry certificate_list<0..2^24-1>;
 *     } Certificate;
 */
struct tls_certificate_entry {
    struct tls_bytes cert_data;  /* DER X.509 (this client never negotiates RawPublicKey) */
    struct tls_bytes extensions; /* raw block without its length; checked, see above */
};

struct tls_certificate {
    struct tls_bytes certificate_request_context;
    size_t count;                /* 0 only for a client Certificate */
    struct tls_certificate_entry certificate_list[TLS_MAX_CERTIFICATES];
};

/* from_server: apply the server rules above (empty context, non-empty list). */
tls_result tls_certificate_parse(const uint8_t *body, size_t len, bool from_server,
                                 struct tls_certificate *cert, struct tls_error *err);

/* Writes a whole Certificate message (entries' extensions written raw). */
tls_result tls_certificate_encode(struct tls_writer *w, const struct tls_certificate *cert,
                                  struct tls_error *err);

/* The client's answer to a CertificateRequest when it has no certificate (§4.4.2.3): the
 * request's context echoed and an empty certificate_list. At most TLS_EMPTY_CERTIFICATE_MAX bytes:
 * the handshake header, certificate_request_context<0..2^8-1>, and an empty
 * certificate_list<0..2^24-1> (its 3-byte length). */
#define TLS_EMPTY_CERTIFICATE_MAX (TLS_HANDSHAKE_HEADER_LEN + 1 + 255 + 3)
tls_result tls_certificate_encode_empty(struct tls_writer *w, const uint8_t *context,
                                        size_t context_len, struct tls_error *err);

#endif
