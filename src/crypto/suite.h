/*
 * suite.h — what each supported TLS 1.3 cipher suite means (RFC 8446 §B.4, §5.3, §7.3).
 *
 * A TLS 1.3 suite names only an AEAD and a hash: TLS_AES_128_GCM_SHA256 = AES-128-GCM + SHA-256.
 * Key exchange and signature are negotiated separately (supported_groups, signature_algorithms).
 */
#ifndef TLS13_CRYPTO_SUITE_H
#define TLS13_CRYPTO_SUITE_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/hash.h"

enum tls_aead_alg {
    TLS_AEAD_AES_128_GCM,
    TLS_AEAD_AES_256_GCM,
    TLS_AEAD_CHACHA20_POLY1305,
};

struct tls_cipher_suite {
    uint16_t id;            /* IANA code point, e.g. 0x1301 */
    const char *name;       /* "TLS_AES_128_GCM_SHA256" */
    enum tls_aead_alg aead;
    enum tls_hash_alg hash;
    size_t key_len;         /* 16 or 32 */
    size_t iv_len;          /* 12 for all three: §5.3 "iv_length ... max(8 bytes, N_MIN)" */
    size_t tag_len;         /* 16 */
};

#define TLS_MAX_KEY_LEN 32
#define TLS_IV_LEN 12
#define TLS_AEAD_TAG_LEN 16

/* The suite with this code point, or NULL if this client does not implement it. */
const struct tls_cipher_suite *tls_cipher_suite_find(uint16_t id);

/* The implemented suites, in this client's default order of preference; *count set. */
const struct tls_cipher_suite *tls_cipher_suites(size_t *count);

#endif
