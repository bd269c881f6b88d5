/*
 * test_crypto_cbc.c — the TLS 1.2 CBC record primitives (src/crypto/cbc.c): the record MAC
 * (RFC 5246 §6.2.3.1, HMAC of RFC 2104) and AES-CBC decryption (NIST SP 800-38A §6.2).
 *
 * tls_record_mac() MACs 13 header bytes then the data; the RFC vectors' messages are split
 * after their 13th byte, so the result must be the vector's HMAC of the whole message:
 *   RFC 2202 §3 test case 2 (HMAC-SHA1) and RFC 4231 §4.3 test case 2 (HMAC-SHA256, -SHA384),
 *   key "Jefe", data "what do ya want for nothing?".
 * tls_aes_cbc_decrypt() must give NIST SP 800-38A Appendix F.2.2 (CBC-AES128.Decrypt) and
 * F.2.6 (CBC-AES256.Decrypt), first two blocks.
 */
#include "support/testutil.h"

#include <string.h>

#include "crypto/cbc.h"

static const char jefe_data[] = "what do ya want for nothing?";

static void hmac_rfc_vectors(void **state)
{
    (void)state;
    static const struct {
        enum tls_mac_alg alg;
        const char *want;
        const char *source;
    } rows[] = {
        {TLS_MAC_HMAC_SHA1, "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79", "RFC 2202 §3 test case 2"},
        {TLS_MAC_HMAC_SHA256, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
         "RFC 4231 §4.3 test case 2"},
        {TLS_MAC_HMAC_SHA384, "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e"
                              "8e2240ca5e69e2c78b3239ecfab21649", "RFC 4231 §4.3 test case 2"},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        uint8_t want[TLS_MAX_MAC_LEN];
        uint8_t got[TLS_MAX_MAC_LEN];
        size_t n = test_hex(rows[i].want, want, sizeof(want));
        assert_int_equal(n, tls_mac_len(rows[i].alg));
        const uint8_t *m = (const uint8_t *)jefe_data;
        assert_int_equal(tls_record_mac(rows[i].alg, (const uint8_t *)"Jefe", 4, m, m + TLS_MAC_HEADER_LEN,
                                        strlen(jefe_data) - TLS_MAC_HEADER_LEN, got, NULL), TLS_OK);
        assert_bytes_equal(got, n, want, n, rows[i].source);
    }
    uint8_t out[TLS_MAX_MAC_LEN];
    struct tls_error err = {0};
    assert_int_not_equal(tls_record_mac(TLS_MAC_NONE, (const uint8_t *)"Jefe", 4,
                                        (const uint8_t *)jefe_data, NULL, 0, out, &err), TLS_OK);
    assert_non_null(strstr(err.reason, "no MAC algorithm")); /* the reason reaches the caller */
}

static void aes_cbc_nist_vectors(void **state)
{
    (void)state;
    static const struct {
        const char *key;
        const char *ct;
        const char *source;
    } rows[] = {
        {"2b7e151628aed2a6abf7158809cf4f3c",
         "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2", "SP 800-38A F.2.2"},
        {"603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
         "f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d", "SP 800-38A F.2.6"},
    };
    uint8_t iv[TLS_AES_BLOCK_LEN];
    uint8_t want[32];
    test_hex("000102030405060708090a0b0c0d0e0f", iv, sizeof(iv));
    test_hex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51", want, sizeof(want));
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        uint8_t key[32];
        uint8_t ct[32];
        uint8_t got[32];
        size_t kl = test_hex(rows[i].key, key, sizeof(key));
        assert_int_equal(test_hex(rows[i].ct, ct, sizeof(ct)), 32);
        assert_int_equal(tls_cbc_decrypt(TLS_CBC_AES, key, kl, iv, ct, sizeof(ct), got, NULL), TLS_OK);
        assert_bytes_equal(got, sizeof(got), want, sizeof(want), rows[i].source);
        /* Not a whole number of blocks, or a key that is neither AES-128 nor AES-256: refused. */
        struct tls_error err = {0};
        assert_int_not_equal(tls_cbc_decrypt(TLS_CBC_AES, key, kl, iv, ct, sizeof(ct) - 1, got, &err), TLS_OK);
        assert_non_null(strstr(err.reason, "not a CBC input"));
        assert_int_not_equal(tls_cbc_decrypt(TLS_CBC_AES, key, 24, iv, ct, sizeof(ct), got, NULL), TLS_OK);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hmac_rfc_vectors),
        cmocka_unit_test(aes_cbc_nist_vectors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
