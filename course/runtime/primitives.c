/*
 * primitives.c — what the course gives students: the project's hash, HMAC, HKDF and AEAD
 * (src/crypto), behind the small interface of course.h.
 *
 * course_aead_seal/open take the nonce the student computed (RFC 8446 §5.3) rather than a
 * sequence number: the project's AEAD computes nonce = iv XOR seq itself, so it is handed the
 * student's nonce as its "iv" with sequence number 0 (x XOR 0 = x).
 */
#include <string.h>

#include "course_internal.h"
#include "crypto/aead.h"
#include "crypto/hash.h"
#include "crypto/hkdf.h"
#include "crypto/suite.h"
#include "crypto/util.h"

static enum tls_hash_alg alg_of(size_t hash_len)
{
    switch (hash_len) {
    case 32:
        return TLS_HASH_SHA256;
    case 48:
        return TLS_HASH_SHA384;
    default:
        return TLS_HASH_NONE;
    }
}

course_result course_hash(size_t hash_len, const uint8_t *data, size_t len, uint8_t *out)
{
    if (alg_of(hash_len) == TLS_HASH_NONE) {
        return COURSE_ALERT(ALERT_INTERNAL_ERROR);
    }
    return tls_hash(alg_of(hash_len), data, len, out, NULL);
}

course_result course_hmac(size_t hash_len, const uint8_t *key, size_t key_len, const uint8_t *data,
                          size_t len, uint8_t *out)
{
    if (alg_of(hash_len) == TLS_HASH_NONE) {
        return COURSE_ALERT(ALERT_INTERNAL_ERROR);
    }
    return tls_hmac(alg_of(hash_len), key, key_len, data, len, out, NULL);
}

course_result course_hkdf_extract(size_t hash_len, const uint8_t *salt, size_t salt_len,
                                  const uint8_t *ikm, size_t ikm_len, uint8_t *prk)
{
    if (alg_of(hash_len) == TLS_HASH_NONE) {
        return COURSE_ALERT(ALERT_INTERNAL_ERROR);
    }
    return tls_hkdf_extract(alg_of(hash_len), salt, salt_len, ikm, ikm_len, prk, NULL);
}

course_result course_hkdf_expand(size_t hash_len, const uint8_t *prk, const uint8_t *info,
                                 size_t info_len, uint8_t *out, size_t out_len)
{
    if (alg_of(hash_len) == TLS_HASH_NONE) {
        return COURSE_ALERT(ALERT_INTERNAL_ERROR);
    }
    return tls_hkdf_expand(alg_of(hash_len), prk, hash_len, info, info_len, out, out_len, NULL);
}

course_result course_hkdf_expand_label(size_t hash_len, const uint8_t *secret, const char *label,
                                       const uint8_t *context, size_t context_len, uint8_t *out,
                                       size_t out_len)
{
    if (alg_of(hash_len) == TLS_HASH_NONE) {
        return COURSE_ALERT(ALERT_INTERNAL_ERROR);
    }
    return tls_hkdf_expand_label(alg_of(hash_len), secret, label, context, context_len, out,
                                 out_len, NULL);
}

course_result course_derive_secret(size_t hash_len, const uint8_t *secret, const char *label,
                                   const uint8_t *transcript_hash, uint8_t *out)
{
    if (alg_of(hash_len) == TLS_HASH_NONE) {
        return COURSE_ALERT(ALERT_INTERNAL_ERROR);
    }
    return tls_derive_secret(alg_of(hash_len), secret, label, transcript_hash, out, NULL);
}

/* The project's traffic keys with the student's nonce standing in for the iv (see above). */
static course_result nonce_keys(const struct course_suite *suite, const uint8_t *key,
                                const uint8_t *nonce, struct tls_traffic_keys *keys)
{
    memset(keys, 0, sizeof(*keys));
    keys->suite = suite != NULL ? tls_cipher_suite_find(suite->id) : NULL;
    if (keys->suite == NULL) {
        return COURSE_ALERT(ALERT_INTERNAL_ERROR);
    }
    memcpy(keys->key, key, keys->suite->key_len);
    memcpy(keys->iv, nonce, TLS_IV_LEN);
    return COURSE_OK;
}

course_result course_aead_seal(const struct course_suite *suite, const uint8_t *key,
                               const uint8_t *nonce, const uint8_t *aad, size_t aad_len,
                               const uint8_t *in, size_t len, uint8_t *out)
{
    struct tls_traffic_keys keys;
    TRY(nonce_keys(suite, key, nonce, &keys));
    course_result rc = tls_aead_seal(&keys, 0, aad, aad_len, in, len, out, NULL);
    tls_traffic_keys_wipe(&keys);
    return rc;
}

course_result course_aead_open(const struct course_suite *suite, const uint8_t *key,
                               const uint8_t *nonce, const uint8_t *aad, size_t aad_len,
                               const uint8_t *in, size_t len, uint8_t *out)
{
    struct tls_traffic_keys keys;
    if (len < COURSE_TAG_LEN) {
        return COURSE_ALERT(ALERT_BAD_RECORD_MAC);
    }
    TRY(nonce_keys(suite, key, nonce, &keys));
    course_result rc = tls_aead_open(&keys, 0, aad, aad_len, in, len, out, NULL);
    tls_traffic_keys_wipe(&keys);
    return rc;
}

int course_memcmp_ct(const uint8_t *a, const uint8_t *b, size_t len)
{
    uint8_t diff = 0;
    for (size_t i = 0; i < len; i++) {
        diff |= (uint8_t)(a[i] ^ b[i]);
    }
    return diff;
}

/* The suites the project implements, in course.h's terms. */
static const struct course_suite course_suites[] = {
    {0x1301, "TLS_AES_128_GCM_SHA256", 32, 16, 12},
    {0x1302, "TLS_AES_256_GCM_SHA384", 48, 32, 12},
    {0x1303, "TLS_CHACHA20_POLY1305_SHA256", 32, 32, 12},
};

const struct course_suite *course_suite_find(uint16_t id)
{
    for (size_t i = 0; i < sizeof(course_suites) / sizeof(course_suites[0]); i++) {
        if (course_suites[i].id == id && tls_cipher_suite_find(id) != NULL) {
            return &course_suites[i];
        }
    }
    return NULL;
}
