/*
 * aead.c — record protection: AES-GCM (NIST SP 800-38D) and ChaCha20-Poly1305 (RFC 8439)
 * as used by TLS 1.3 (RFC 8446 §5.2 record payload protection, §5.3 per-record nonce).
 *
 * Implementation notes
 * --------------------
 * Keying an AEAD is the expensive part of a small record: for AES-GCM, Mbed TLS allocates the
 * AES context (mbedtls_cipher_setup), expands the key and computes the GHASH table H. So a key
 * is set up once, when it is installed (tls_aead_setup), and kept in a struct tls_aead until it
 * is replaced or the connection ends (tls_aead_free); sealing and opening a record then only
 * encrypt and authenticate, with no allocation. The Mbed TLS context lives in opaque storage in
 * struct tls_aead, so that aead.h, which the record layer includes, does not include Mbed TLS.
 * tls_aead_seal()/tls_aead_open() are the one-shot form: set up, one record, free.
 *
 * On a bad tag nothing of the would-be plaintext survives: Mbed TLS already clears its output
 * on authentication failure, and we wipe it again so the contract does not depend on that.
 */
#include "crypto/aead.h"

#include <stdbool.h>
#include <string.h>

#include <mbedtls/chachapoly.h>
#include <mbedtls/gcm.h>

#include "crypto/util.h"

/*
 * RFC 8446 §5.3:
 *   1. The 64-bit record sequence number is encoded in network byte order and padded to the
 *      left with zeros to iv_length.
 *   2. The padded sequence number is XORed with either the static client_write_iv or
 *      server_write_iv (depending on the role).
 */
static void nonce_from_iv(const uint8_t iv[TLS_IV_LEN], uint64_t seq, uint8_t nonce[TLS_IV_LEN])
{
    memcpy(nonce, iv, TLS_IV_LEN);
    for (size_t i = 0; i < 8; i++) {
        /* the last 8 bytes of the iv meet the sequence number, most significant byte first */
        nonce[TLS_IV_LEN - 1 - i] ^= (uint8_t)(seq >> (8 * i));
    }
}

void tls_aead_nonce(const struct tls_traffic_keys *keys, uint64_t seq, uint8_t nonce[TLS_IV_LEN])
{
    nonce_from_iv(keys->iv, seq, nonce);
}

/* mbedtls would rather not see NULL for an empty buffer. */
static const uint8_t *nonnull(const uint8_t *p)
{
    static const uint8_t empty[1] = {0};
    return p != NULL ? p : empty;
}

/* The storage in struct tls_aead must hold either Mbed TLS context, suitably aligned. */
_Static_assert(sizeof(mbedtls_gcm_context) <= TLS_AEAD_STATE_SIZE,
               "TLS_AEAD_STATE_SIZE too small for mbedtls_gcm_context");
_Static_assert(sizeof(mbedtls_chachapoly_context) <= TLS_AEAD_STATE_SIZE,
               "TLS_AEAD_STATE_SIZE too small for mbedtls_chachapoly_context");
_Static_assert(alignof(mbedtls_gcm_context) <= alignof(max_align_t) &&
                   alignof(mbedtls_chachapoly_context) <= alignof(max_align_t),
               "struct tls_aead storage is not aligned enough");

static mbedtls_gcm_context *gcm_of(struct tls_aead *a)
{
    return (mbedtls_gcm_context *)(void *)a->state;
}

static mbedtls_chachapoly_context *chachapoly_of(struct tls_aead *a)
{
    return (mbedtls_chachapoly_context *)(void *)a->state;
}

static bool is_gcm(const struct tls_cipher_suite *suite)
{
    return suite->aead == TLS_AEAD_AES_128_GCM || suite->aead == TLS_AEAD_AES_256_GCM;
}

void tls_aead_free(struct tls_aead *a)
{
    if (a->suite != NULL && is_gcm(a->suite)) {
        mbedtls_gcm_free(gcm_of(a)); /* frees the AES context and wipes the GHASH table */
    } else if (a->suite != NULL && a->suite->aead == TLS_AEAD_CHACHA20_POLY1305) {
        mbedtls_chachapoly_free(chachapoly_of(a));
    }
    /* the suite pointer, the iv and whatever the free left behind (the ChaCha20 key) */
    tls_wipe(a, sizeof(*a));
}

tls_result tls_aead_setup(struct tls_aead *a, const struct tls_traffic_keys *keys,
                          struct tls_error *err)
{
    tls_aead_free(a);
    if (keys->suite == NULL) {
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 8446 §5.2: no traffic keys installed");
    }
    int rc = -1;
    if (is_gcm(keys->suite)) {
        mbedtls_gcm_init(gcm_of(a));
        rc = mbedtls_gcm_setkey(gcm_of(a), MBEDTLS_CIPHER_ID_AES, keys->key,
                                (unsigned)(keys->suite->key_len * 8));
        if (rc != 0) {
            mbedtls_gcm_free(gcm_of(a));
        }
    } else if (keys->suite->aead == TLS_AEAD_CHACHA20_POLY1305) {
        mbedtls_chachapoly_init(chachapoly_of(a));
        rc = mbedtls_chachapoly_setkey(chachapoly_of(a), keys->key);
        if (rc != 0) {
            mbedtls_chachapoly_free(chachapoly_of(a));
        }
    }
    if (rc != 0) {
        tls_wipe(a, sizeof(*a));
        return tls_fail(err, TLS_ALERT_internal_error,
                        "RFC 8446 §5.2: the AEAD key could not be set up");
    }
    a->suite = keys->suite;
    memcpy(a->iv, keys->iv, TLS_IV_LEN);
    return TLS_OK;
}

/* RFC 8446 §5.2: encrypted_record = AEAD-Encrypt(write_key, nonce, additional_data, plaintext) */
tls_result tls_aead_ctx_seal(struct tls_aead *a, uint64_t seq, const uint8_t *aad, size_t aad_len,
                             const uint8_t *in, size_t len, uint8_t *out, struct tls_error *err)
{
    uint8_t nonce[TLS_IV_LEN];
    if (a->suite == NULL) {
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 8446 §5.2: no traffic keys installed");
    }
    nonce_from_iv(a->iv, seq, nonce);
    int rc;
    if (is_gcm(a->suite)) {
        /* ciphertext goes to out, the 16-byte tag right after it */
        rc = mbedtls_gcm_crypt_and_tag(gcm_of(a), MBEDTLS_GCM_ENCRYPT, len, nonce, TLS_IV_LEN,
                                       nonnull(aad), aad_len, nonnull(in), out, TLS_AEAD_TAG_LEN,
                                       out + len);
    } else {
        rc = mbedtls_chachapoly_encrypt_and_tag(chachapoly_of(a), len, nonce, nonnull(aad),
                                                aad_len, nonnull(in), out, out + len);
    }
    if (rc != 0) {
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 8446 §5.2: AEAD encryption failed");
    }
    return TLS_OK;
}

/* RFC 8446 §5.2: plaintext of encrypted_record = AEAD-Decrypt(peer_write_key, nonce, additional_data, AEADEncrypted) */
tls_result tls_aead_ctx_open(struct tls_aead *a, uint64_t seq, const uint8_t *aad, size_t aad_len,
                             const uint8_t *in, size_t len, uint8_t *out, struct tls_error *err)
{
    uint8_t nonce[TLS_IV_LEN];
    if (a->suite == NULL) {
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 8446 §5.2: no traffic keys installed");
    }
    /* Too short to even hold the tag: it cannot authenticate, so it is a bad MAC. */
    if (len < TLS_AEAD_TAG_LEN) {
        return tls_fail(err, TLS_ALERT_bad_record_mac,
                        "RFC 8446 §5.2: record shorter than the AEAD tag");
    }
    size_t ct_len = len - TLS_AEAD_TAG_LEN;
    nonce_from_iv(a->iv, seq, nonce);
    int rc;
    if (is_gcm(a->suite)) {
        rc = mbedtls_gcm_auth_decrypt(gcm_of(a), ct_len, nonce, TLS_IV_LEN, nonnull(aad), aad_len,
                                      in + ct_len, TLS_AEAD_TAG_LEN, nonnull(in), out);
    } else {
        rc = mbedtls_chachapoly_auth_decrypt(chachapoly_of(a), ct_len, nonce, nonnull(aad),
                                             aad_len, in + ct_len, nonnull(in), out);
    }
    if (rc != 0) {
        /* Release nothing that was not authenticated. */
        tls_wipe(out, ct_len);
        /* RFC 8446 §5.2: "If the decryption fails, the receiver MUST terminate the connection
         * with a "bad_record_mac" alert." */
        return tls_fail(err, TLS_ALERT_bad_record_mac, "RFC 8446 §5.2: AEAD tag does not verify");
    }
    return TLS_OK;
}

/* ---- one-shot: key, one record, free ------------------------------------------------------ */

/* The one-shot calls refuse what they always refused, before keying anything. */
static tls_result check_keys(const struct tls_traffic_keys *keys, struct tls_error *err)
{
    if (keys->suite == NULL) {
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 8446 §5.2: no traffic keys installed");
    }
    if (!is_gcm(keys->suite) && keys->suite->aead != TLS_AEAD_CHACHA20_POLY1305) {
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 8446 §5.2: unknown AEAD");
    }
    return TLS_OK;
}

tls_result tls_aead_seal(const struct tls_traffic_keys *keys, uint64_t seq, const uint8_t *aad,
                         size_t aad_len, const uint8_t *in, size_t len, uint8_t *out,
                         struct tls_error *err)
{
    struct tls_aead a = {0};
    tls_result rc = check_keys(keys, err);
    if (rc == TLS_OK) {
        rc = tls_aead_setup(&a, keys, err);
    }
    if (rc == TLS_OK) {
        rc = tls_aead_ctx_seal(&a, seq, aad, aad_len, in, len, out, err);
    }
    tls_aead_free(&a);
    return rc;
}

tls_result tls_aead_open(const struct tls_traffic_keys *keys, uint64_t seq, const uint8_t *aad,
                         size_t aad_len, const uint8_t *in, size_t len, uint8_t *out,
                         struct tls_error *err)
{
    struct tls_aead a = {0};
    tls_result rc = check_keys(keys, err);
    if (rc == TLS_OK && len < TLS_AEAD_TAG_LEN) {
        rc = tls_fail(err, TLS_ALERT_bad_record_mac,
                      "RFC 8446 §5.2: record shorter than the AEAD tag");
    }
    if (rc == TLS_OK) {
        rc = tls_aead_setup(&a, keys, err);
    }
    if (rc == TLS_OK) {
        rc = tls_aead_ctx_open(&a, seq, aad, aad_len, in, len, out, err);
    }
    tls_aead_free(&a);
    return rc;
}
