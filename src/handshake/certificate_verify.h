/*
 * certificate_verify.h — CertificateVerify (RFC 8446 §4.4.3): the message, and the content
 * that is signed.
 *
 * Whether algorithm was offered and fits the key is the state machine's question (CV-03,
 * CRT-07); the parser checks framing only. Views into the message body.
 */
#ifndef TLS13_HANDSHAKE_CERTIFICATE_VERIFY_H
#define TLS13_HANDSHAKE_CERTIFICATE_VERIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "handshake/handshake_msg.h"

/*
 * RFC 8446 §4.4.3:
 *     struct {
 *         SignatureScheme algorithm;
 *         opaque signature<0..2^16-1>;
 *     } CertificateVerify;
 */
struct tls_certificate_verify {
    uint16_t algorithm;
    struct tls_bytes signature;
};

tls_result tls_certificate_verify_parse(const uint8_t *body, size_t len,
                                        struct tls_certificate_verify *cv, struct tls_error *err);

tls_result tls_certificate_verify_encode(struct tls_writer *w, uint16_t algorithm,
                                         const uint8_t *signature, size_t signature_len,
                                         struct tls_error *err);

/* 64 spaces + the longer context string (33) + 0x00 + the longest hash (48). */
#define TLS_CV_SIGNED_CONTENT_MAX (64 + 33 + 1 + 48)

/*
 * Builds the content covered by the signature (§4.4.3): 64 bytes of 0x20, the context string
 * "TLS 1.3, server CertificateVerify" (server == true) or "TLS 1.3, client CertificateVerify",
 * one 0x00 byte, then transcript_hash. Writes into out (cap bytes) and sets *out_len;
 * internal_error if cap is too small or hash_len > 48.
 */
tls_result tls_certificate_verify_signed_content(bool server, const uint8_t *transcript_hash,
                                                 size_t hash_len, uint8_t *out, size_t cap,
                                                 size_t *out_len, struct tls_error *err);

#endif
