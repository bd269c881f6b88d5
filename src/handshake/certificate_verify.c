/*
 * certificate_verify.c — CertificateVerify (RFC 8446 §4.4.3): the message and the signed
 * content. See certificate_verify.h.
 */
#include "handshake/certificate_verify.h"

#include <string.h>

#include "common/reader.h"

/*
 * RFC 8446 §4.4.3:
 *     struct {
 *         SignatureScheme algorithm;
 *         opaque signature<0..2^16-1>;
 *     } CertificateVerify;
 */
tls_result tls_certificate_verify_parse(const uint8_t *body, size_t len,
                                        struct tls_certificate_verify *cv, struct tls_error *err)
{
    struct tls_reader r, sig;
    tls_reader_init(&r, body, len, err);
    TRY(tls_read_u16(&r, &cv->algorithm, "CertificateVerify.algorithm"));
    /* An empty signature is within <0..2^16-1>: it parses, and fails verification
     * (decrypt_error, checklist CV-01) where the signature is checked. */
    TRY(tls_read_vector(&r, 0, 0xffff, &sig, "CertificateVerify.signature"));
    TRY(tls_read_end(&r, "CertificateVerify"));
    cv->signature.data = sig.data;
    cv->signature.len = sig.len;
    return TLS_OK;
}

tls_result tls_certificate_verify_encode(struct tls_writer *w, uint16_t algorithm,
                                         const uint8_t *signature, size_t signature_len,
                                         struct tls_error *err)
{
    struct tls_vector_mark msg = tls_handshake_msg_begin(w, TLS_HT_certificate_verify);
    tls_write_u16(w, algorithm);
    struct tls_vector_mark sig = tls_write_vector_begin(w, 0xffff);
    tls_write_bytes(w, signature, signature_len);
    tls_write_vector_end(w, sig);
    tls_handshake_msg_end(w, msg);
    return tls_writer_result(w, err);
}

/*
 * §4.4.3: "The digital signature is then computed over the concatenation of:
 *   -  A string that consists of octet 32 (0x20) repeated 64 times
 *   -  The context string
 *   -  A single 0 byte which serves as the separator
 *   -  The content to be signed"
 * where the content is Transcript-Hash(Handshake Context, Certificate) and the context string
 * is "TLS 1.3, server CertificateVerify" or "TLS 1.3, client CertificateVerify".
 */
tls_result tls_certificate_verify_signed_content(bool server, const uint8_t *transcript_hash,
                                                 size_t hash_len, uint8_t *out, size_t cap,
                                                 size_t *out_len, struct tls_error *err)
{
    const char *context = server ? "TLS 1.3, server CertificateVerify"
                                 : "TLS 1.3, client CertificateVerify";
    size_t context_len = strlen(context);
    size_t total = 64 + context_len + 1 + hash_len;
    if (hash_len > 48 || cap < total) {
        return tls_fail(err, TLS_ALERT_internal_error,
                        "RFC 8446 §4.4.3: buffer too small for the CertificateVerify signed content");
    }
    /* The 64 spaces exist so that a TLS 1.2 signature over (client_random || ...) can never
     * collide with this one: the prefix cannot be an attacker-chosen random (§4.4.3 note). */
    memset(out, 0x20, 64);
    memcpy(out + 64, context, context_len);
    out[64 + context_len] = 0x00;
    memcpy(out + 64 + context_len + 1, transcript_hash, hash_len);
    *out_len = total;
    return TLS_OK;
}
