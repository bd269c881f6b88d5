/*
 * decode_signature.c — certificates and handshake signatures, checked by a passive observer
 * (RFC 8446 §4.4.2, §4.4.3; RFC 5246 §7.4.3 and RFC 8422 §5.4 for TLS 1.2).
 *
 * Implementation notes
 * --------------------
 * Signatures need no secret: the leaf certificate's public key and the signed bytes are all in
 * the capture. So even without a key log the decoder can say whether the server really signed
 * this handshake:
 *
 *   TLS 1.3 CertificateVerify (§4.4.3): the signature covers
 *       64 spaces || "TLS 1.3, server CertificateVerify" || 0x00 || Transcript-Hash(... Certificate)
 *     (tls_certificate_verify_signed_content(), the client's own function); without keys the
 *     CertificateVerify is encrypted, so this is checked only when it was decrypted.
 *   TLS 1.2 ServerKeyExchange (RFC 5246 §7.4.3, RFC 8422 §5.4): the signature covers
 *       ClientHello.random || ServerHello.random || ServerECDHParams
 *     in plaintext, so it is checked on any capture.
 *
 * The chain itself is not verified: a decoder has no trust anchors for someone else's capture.
 * Subject and issuer are shown so a person can judge.
 */
#include <string.h>

#include "common/names.h"
#include "crypto/x509.h"
#include "decoder/decode_internal.h"
#include "handshake/certificate_verify.h"

void dec_certificate_leaf_key(struct dec_conn *c, enum tls_direction dir, const uint8_t *der,
                              size_t len)
{
    /* The leaf (first) certificate's key signs the handshake (§4.4.2: "The sender's
       certificate MUST come in the first CertificateEntry in the list"). */
    c->have_leaf_key[dir] = tls_x509_leaf_key(der, len, &c->leaf_key[dir], NULL) == TLS_OK;
}

/* Verifies sig with the sender's leaf key; records and prints the verdict. */
static void check(struct dec_conn *c, enum tls_direction dir, uint16_t scheme,
                  const uint8_t *signed_content, size_t signed_len, const uint8_t *sig,
                  size_t sig_len, struct dec_record *rd)
{
    struct tls_error err = {0};
    if (!c->have_leaf_key[dir]) {
        dec_fact_signature(rd, dir, TLS_FINISHED_UNKNOWN, NULL);
        return;
    }
    tls_result rc = tls_sig_verify(scheme, &c->leaf_key[dir], signed_content, signed_len, sig,
                                   sig_len, &err);
    if (rc == TLS_OK) {
        c->signature[dir] = TLS_FINISHED_VERIFIED;
        dec_fact_signature(rd, dir, TLS_FINISHED_VERIFIED, NULL);
    } else if (rc == TLS_E_ALERT(TLS_ALERT_decrypt_error)) {
        c->signature[dir] = TLS_FINISHED_FAILED;
        dec_fact_signature(rd, dir, TLS_FINISHED_FAILED, err.reason);
    } else {
        dec_fact_signature(rd, dir, TLS_FINISHED_UNKNOWN, err.reason);
    }
}

/* The CertificateVerify check as the model shows it: what was signed, with which key. */
static void model_certificate_verify(struct dec_conn *c, enum tls_direction dir, uint16_t scheme,
                                     const uint8_t *th, size_t thl, const uint8_t *sig,
                                     size_t sig_len)
{
    bool server = dir == TLS_DIR_SERVER_TO_CLIENT;
    struct tls_model_check *k = dec_model_check(
        c, server ? "server CertificateVerify" : "client CertificateVerify", "§4.4.3",
        "signature = Sign(leaf certificate key, 0x20 x 64 || context string || 0x00 || "
        "Transcript-Hash(Handshake Context, Certificate))");
    if (k == NULL) {
        return;
    }
    const char *name = tls_signature_scheme_name(scheme);
    k->result = (int)c->signature[dir];
    dec_model_row(k, "algorithm", NULL, 0, name != NULL ? name : "unknown");
    dec_model_row(k, "context string", NULL, 0, server ? "TLS 1.3, server CertificateVerify"
                                                       : "TLS 1.3, client CertificateVerify");
    dec_model_row(k, "Transcript-Hash(ClientHello...Certificate)", th, thl, NULL);
    dec_model_row(k, "signature (first bytes)", sig, sig_len < 32 ? sig_len : 32, NULL);
    dec_model_row(k, "result", NULL, 0,
                  c->signature[dir] == TLS_FINISHED_VERIFIED ? "verified with the leaf "
                  "certificate's public key" : c->signature[dir] == TLS_FINISHED_FAILED
                  ? "does not verify" : "not checked (no certificate key)");
}

void dec_verify_certificate_verify(struct dec_conn *c, enum tls_direction dir,
                                   uint16_t scheme, const uint8_t *sig, size_t sig_len,
                                   struct dec_record *rd)
{
    uint8_t th[TLS_MAX_HASH_LEN];
    size_t thl = 0;
    uint8_t content[TLS_CV_SIGNED_CONTENT_MAX];
    size_t content_len = 0;
    if (!c->transcript_ok || tls_transcript_peek(&c->transcript, th, &thl, NULL) != TLS_OK ||
        tls_certificate_verify_signed_content(dir == TLS_DIR_SERVER_TO_CLIENT, th, thl, content,
                                              sizeof(content), &content_len, NULL) != TLS_OK) {
        dec_fact_signature(rd, dir, TLS_FINISHED_UNKNOWN, "the transcript was not followed");
        return;
    }
    check(c, dir, scheme, content, content_len, sig, sig_len, rd);
    model_certificate_verify(c, dir, scheme, th, thl, sig, sig_len);
}

void dec_verify_server_key_exchange(struct dec_conn *c, const uint8_t *params, size_t params_len,
                                    uint16_t scheme, const uint8_t *sig, size_t sig_len,
                                    struct dec_record *rd)
{
    /* RFC 8422 §5.4: SHA(ClientHello.random + ServerHello.random + ServerKeyExchange.params) */
    uint8_t content[64 + 512];
    if (!c->have_client_hello || !c->have_server_hello || params_len > sizeof(content) - 64) {
        dec_fact_signature(rd, TLS_DIR_SERVER_TO_CLIENT, TLS_FINISHED_UNKNOWN,
                           "both hellos are needed");
        return;
    }
    memcpy(content, c->client_random, 32);
    memcpy(content + 32, c->server_random, 32);
    memcpy(content + 64, params, params_len);
    check(c, TLS_DIR_SERVER_TO_CLIENT, scheme, content, 64 + params_len, sig, sig_len, rd);
}
