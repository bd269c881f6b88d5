/*
 * dtls13.c — DTLS 1.3 traffic keys with the "dtls13" labels and the record number mask
 * (RFC 9147 §4.2.3, §5.9); dtls13.h describes the contracts.
 */
#include "crypto/dtls13.h"

#include <string.h>

#include <mbedtls/aes.h>
#include <mbedtls/chacha20.h>

#include "crypto/hash.h"
#include "crypto/hkdf.h"
#include "crypto/util.h"

tls_result tls_dtls13_keys_derive(const struct tls_cipher_suite *suite, const uint8_t *traffic_secret,
                                  struct tls_dtls13_keys *out, struct tls_error *err)
{
    tls_dtls13_keys_wipe(out);
    out->aead.suite = suite;
    tls_result rc = tls_hkdf_expand_label_prefixed(suite->hash, TLS_DTLS13_LABEL_PREFIX, traffic_secret, "key",
                                                   NULL, 0, out->aead.key, suite->key_len, err);
    if (rc == TLS_OK) {
        rc = tls_hkdf_expand_label_prefixed(suite->hash, TLS_DTLS13_LABEL_PREFIX, traffic_secret, "iv", NULL, 0,
                                            out->aead.iv, suite->iv_len, err);
    }
    if (rc == TLS_OK) {
        /* §4.2.3: sn_key = HKDF-Expand-Label(Secret, "sn", "", key_length) */
        rc = tls_hkdf_expand_label_prefixed(suite->hash, TLS_DTLS13_LABEL_PREFIX, traffic_secret, "sn", NULL, 0,
                                            out->sn_key, suite->key_len, err);
    }
    if (rc != TLS_OK) {
        tls_dtls13_keys_wipe(out);
    }
    return rc;
}

void tls_dtls13_keys_wipe(struct tls_dtls13_keys *keys)
{
    tls_wipe(keys, sizeof(*keys));
    keys->aead.suite = NULL;
}

tls_result tls_dtls13_record_number_mask(const struct tls_cipher_suite *suite, const uint8_t *sn_key,
                                         const uint8_t *ciphertext, size_t len,
                                         uint8_t mask[TLS_DTLS13_MASK_SAMPLE], struct tls_error *err)
{
    if (len < TLS_DTLS13_MASK_SAMPLE) {
        return tls_fail(err, TLS_ALERT_decode_error,
                        "RFC 9147 §4.2.3: fewer than 16 bytes of ciphertext to compute the record number mask");
    }
    int rc = -1;
    if (suite->aead == TLS_AEAD_CHACHA20_POLY1305) {
        /* counter = the first 4 bytes, little endian; nonce = the next 12 (as RFC 9001 §5.4.4) */
        static const uint8_t zeros[TLS_DTLS13_MASK_SAMPLE];
        uint32_t counter = (uint32_t)ciphertext[0] | (uint32_t)ciphertext[1] << 8 | (uint32_t)ciphertext[2] << 16 |
                           (uint32_t)ciphertext[3] << 24;
        rc = mbedtls_chacha20_crypt(sn_key, ciphertext + 4, counter, sizeof(zeros), zeros, mask);
    } else {
        mbedtls_aes_context aes;
        mbedtls_aes_init(&aes);
        rc = mbedtls_aes_setkey_enc(&aes, sn_key, (unsigned)(suite->key_len * 8));
        if (rc == 0) {
            rc = mbedtls_aes_crypt_ecb(&aes, MBEDTLS_AES_ENCRYPT, ciphertext, mask);
        }
        mbedtls_aes_free(&aes); /* wipes the round keys */
    }
    if (rc != 0) {
        tls_wipe(mask, TLS_DTLS13_MASK_SAMPLE);
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 9147 §4.2.3: the record number mask failed");
    }
    return TLS_OK;
}
