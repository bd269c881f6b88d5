/*
 * suite.c — the TLS 1.3 cipher suites this client implements (RFC 8446 §B.4, §5.3).
 *
 *   CipherSuite TLS_AES_128_GCM_SHA256       = {0x13,0x01};
 *   CipherSuite TLS_AES_256_GCM_SHA384       = {0x13,0x02};
 *   CipherSuite TLS_CHACHA20_POLY1305_SHA256 = {0x13,0x03};
 *
 * RFC 8446 §9.1: "A TLS-compliant application MUST implement the TLS_AES_128_GCM_SHA256
 * [GCM] cipher suite and SHOULD implement the TLS_AES_256_GCM_SHA384 [GCM] and
 * TLS_CHACHA20_POLY1305_SHA256 [RFC8439] cipher suites". The two CCM suites are not offered.
 *
 * §5.3: iv_length = max(8 bytes, N_MIN); N_MIN is 12 for all three AEADs, so every iv is 12 bytes.
 */
#include "crypto/suite.h"

#include "common/names.h"

/* In this client's order of preference: the mandatory suite first. */
static const struct tls_cipher_suite suites[] = {
    {TLS_SUITE_TLS_AES_128_GCM_SHA256, "TLS_AES_128_GCM_SHA256", TLS_AEAD_AES_128_GCM,
     TLS_HASH_SHA256, 16, TLS_IV_LEN, TLS_AEAD_TAG_LEN},
    {TLS_SUITE_TLS_AES_256_GCM_SHA384, "TLS_AES_256_GCM_SHA384", TLS_AEAD_AES_256_GCM,
     TLS_HASH_SHA384, 32, TLS_IV_LEN, TLS_AEAD_TAG_LEN},
    {TLS_SUITE_TLS_CHACHA20_POLY1305_SHA256, "TLS_CHACHA20_POLY1305_SHA256",
     TLS_AEAD_CHACHA20_POLY1305, TLS_HASH_SHA256, 32, TLS_IV_LEN, TLS_AEAD_TAG_LEN},
};

const struct tls_cipher_suite *tls_cipher_suite_find(uint16_t id)
{
    for (size_t i = 0; i < sizeof(suites) / sizeof(suites[0]); i++) {
        if (suites[i].id == id) {
            return &suites[i];
        }
    }
    return NULL;
}

const struct tls_cipher_suite *tls_cipher_suites(size_t *count)
{
    *count = sizeof(suites) / sizeof(suites[0]);
    return suites;
}
