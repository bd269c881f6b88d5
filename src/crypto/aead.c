/*
 * aead.c — record protection: AES-GCM (NIST SP 800-38D) and ChaCha20-Poly1305 (RFC 8439)
 * as used by TLS 1.3 (RFC 8446 §5.2 record payload protection, §5.3 per-record nonce).
 *
 * Implementation notes
 * --------------------
 * The API is stateless: each call is handed the traffic keys and the record's sequence number,
 * sets up an Mbed TLS context on the stack, uses it once and wipes it. That costs one AES key
 * expansion per record, and buys a record layer that holds only plain bytes (key, iv, seq).
 *
 * On a bad tag nothing of the would-be plaintext survives: Mbed TLS already clears its output
 * on authentication failure, and we wipe it again so the contract does not depend on that.
 */
#include "crypto/aead.h"

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
void tls_aead_nonce(const struct tls_traffic_keys *keys, uint64_t seq, uint8_t nonce[TLS_IV_LEN])
{
    memcpy(nonce, keys->iv, TLS_IV_LEN);
    for (size_t i = 0; i < 8; i++) {
        /* the last 8 bytes of the iv meet the sequence number, most significant byte first */
        nonce[TLS_IV_LEN - 1 - i] ^= (uint8_t)(seq >> (8 * i));
    }
}

/* mbedtls would rather not see NULL for an empty buffer. */
static const uint8_t *nonnull(const uint8_t *p)
{
    static const uint8_t empty[1] = {0};
    return p != NULL ? p : empty;
}

static tls_result gcm_seal(const struct tls_traffic_keys *keys, const uint8_t nonce[TLS_IV_LEN],
                           const uint8_t *aad, size_t aad_len, const uint8_t *in, size_t len,
                           uint8_t *out)
{
    mbedtls_gcm_context gcm;
    mbedtls_gcm_init(&gcm);
    int rc = mbedtls_gcm_setkey(&gcm, MBEDTLS_CIPHER_ID_AES, keys->key,
                                (unsigned)(keys->suite->key_len * 8));
    if (rc == 0) {
        /* ciphertext goes to out, the 16-byte tag right after it */
        rc = mbedtls_gcm_crypt_and_tag(&gcm, MBEDTLS_GCM_ENCRYPT, len, nonce, TLS_IV_LEN,
                                       nonnull(aad), aad_len, nonnull(in), out,
                                       TLS_AEAD_TAG_LEN, out + len);
    }
    mbedtls_gcm_free(&gcm);
    if (rc != 0) {
        return tls_fail(NULL, TLS_ALERT_internal_error, "RFC 8446 §5.2: AES-GCM encryption failed");
    }
    return TLS_OK;
}

static tls_result chachapoly_seal(const struct tls_traffic_keys *keys,
                                  const uint8_t nonce[TLS_IV_LEN], const uint8_t *aad,
                                  size_t aad_len, const uint8_t *in, size_t len, uint8_t *out)
{
    mbedtls_chachapoly_context ccp;
    mbedtls_chachapoly_init(&ccp);
    int rc = mbedtls_chachapoly_setkey(&ccp, keys->key);
    if (rc == 0) {
        rc = mbedtls_chachapoly_encrypt_and_tag(&ccp, len, nonce, nonnull(aad), aad_len,
                                                nonnull(in), out, out + len);
    }
    mbedtls_chachapoly_free(&ccp);
    if (rc != 0) {
        return tls_fail(NULL, TLS_ALERT_internal_error,
                        "RFC 8446 §5.2: ChaCha20-Poly1305 encryption failed");
    }
    return TLS_OK;
}

/* RFC 8446 §5.2: encrypted_record = AEAD-Encrypt(write_key, nonce, additional_data, plaintext) */
tls_result tls_aead_seal(const struct tls_traffic_keys *keys, uint64_t seq, const uint8_t *aad,
                         size_t aad_len, const uint8_t *in, size_t len, uint8_t *out)
{
    uint8_t nonce[TLS_IV_LEN];
    if (keys->suite == NULL) {
        return tls_fail(NULL, TLS_ALERT_internal_error, "RFC 8446 §5.2: no traffic keys installed");
    }
    tls_aead_nonce(keys, seq, nonce);
    switch (keys->suite->aead) {
    case TLS_AEAD_AES_128_GCM:
    case TLS_AEAD_AES_256_GCM:
        return gcm_seal(keys, nonce, aad, aad_len, in, len, out);
    case TLS_AEAD_CHACHA20_POLY1305:
        return chachapoly_seal(keys, nonce, aad, aad_len, in, len, out);
    default:
        return tls_fail(NULL, TLS_ALERT_internal_error, "RFC 8446 §5.2: unknown AEAD");
    }
}

/* Returns the mbedtls result: 0, or non-zero when the tag does not verify. */
static int gcm_open(const struct tls_traffic_keys *keys, const uint8_t nonce[TLS_IV_LEN],
                    const uint8_t *aad, size_t aad_len, const uint8_t *in, size_t len,
                    uint8_t *out)
{
    mbedtls_gcm_context gcm;
    mbedtls_gcm_init(&gcm);
    int rc = mbedtls_gcm_setkey(&gcm, MBEDTLS_CIPHER_ID_AES, keys->key,
                                (unsigned)(keys->suite->key_len * 8));
    if (rc == 0) {
        rc = mbedtls_gcm_auth_decrypt(&gcm, len, nonce, TLS_IV_LEN, nonnull(aad), aad_len,
                                      in + len, TLS_AEAD_TAG_LEN, nonnull(in), out);
    }
    mbedtls_gcm_free(&gcm);
    return rc;
}

static int chachapoly_open(const struct tls_traffic_keys *keys, const uint8_t nonce[TLS_IV_LEN],
                           const uint8_t *aad, size_t aad_len, const uint8_t *in, size_t len,
                           uint8_t *out)
{
    mbedtls_chachapoly_context ccp;
    mbedtls_chachapoly_init(&ccp);
    int rc = mbedtls_chachapoly_setkey(&ccp, keys->key);
    if (rc == 0) {
        rc = mbedtls_chachapoly_auth_decrypt(&ccp, len, nonce, nonnull(aad), aad_len, in + len,
                                             nonnull(in), out);
    }
    mbedtls_chachapoly_free(&ccp);
    return rc;
}

/* RFC 8446 §5.2: plaintext of encrypted_record = AEAD-Decrypt(peer_write_key, nonce, additional_data, AEADEncrypted) */
tls_result tls_aead_open(const struct tls_traffic_keys *keys, uint64_t seq, const uint8_t *aad,
                         size_t aad_len, const uint8_t *in, size_t len, uint8_t *out)
{
    uint8_t nonce[TLS_IV_LEN];
    if (keys->suite == NULL) {
        return tls_fail(NULL, TLS_ALERT_internal_error, "RFC 8446 §5.2: no traffic keys installed");
    }
    /* Too short to even hold the tag: it cannot authenticate, so it is a bad MAC. */
    if (len < TLS_AEAD_TAG_LEN) {
        return tls_fail(NULL, TLS_ALERT_bad_record_mac,
                        "RFC 8446 §5.2: record shorter than the AEAD tag");
    }
    size_t ct_len = len - TLS_AEAD_TAG_LEN;
    tls_aead_nonce(keys, seq, nonce);
    int rc = -1;
    switch (keys->suite->aead) {
    case TLS_AEAD_AES_128_GCM:
    case TLS_AEAD_AES_256_GCM:
        rc = gcm_open(keys, nonce, aad, aad_len, in, ct_len, out);
        break;
    case TLS_AEAD_CHACHA20_POLY1305:
        rc = chachapoly_open(keys, nonce, aad, aad_len, in, ct_len, out);
        break;
    default:
        return tls_fail(NULL, TLS_ALERT_internal_error, "RFC 8446 §5.2: unknown AEAD");
    }
    if (rc != 0) {
        /* Release nothing that was not authenticated. */
        tls_wipe(out, ct_len);
        /* RFC 8446 §5.2: "If the decryption fails, the receiver MUST terminate the connection
         * with a "bad_record_mac" alert." */
        return tls_fail(NULL, TLS_ALERT_bad_record_mac, "RFC 8446 §5.2: AEAD tag does not verify");
    }
    return TLS_OK;
}
