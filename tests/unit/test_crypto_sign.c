/*
 * test_crypto_sign.c — RSASSA-PSS signing (src/crypto/sign.c; RFC 8446 §4.2.3, RFC 8017 §8.1.1)
 * with RFC 8448 §2's private key, checked by the project's verifier against RFC 8448 §3's
 * certificate (the public half of that key).
 *
 * 1. rsa_pss_rsae_sha256/384 signatures verify under the same scheme, and not under another
 *    scheme nor over another message. rsa_pss_rsae_sha512 cannot be made with a 1024-bit key
 *    (RFC 8017 §9.1.1: emLen 128 < hLen 64 + sLen 64 + 2) and is refused.
 * 2. The same random source gives the same signature (the salt is its first hLen bytes), another
 *    one a different signature that verifies too.
 * 3. Refusals: a scheme that is not RSA-PSS, a key whose parts do not fit, a short buffer.
 */
#include "support/testutil.h"

#include <string.h>

#include "cli/variant_rfc8448.h"
#include "common/names.h"
#include "crypto/rng.h"
#include "crypto/sign.h"
#include "crypto/x509.h"

static const uint8_t msg[] = "TLS 1.3, server CertificateVerify: any content";

static void sign_with_seed(uint16_t scheme, const char *seed, uint8_t sig[128])
{
    struct tls_drbg *drbg = NULL;
    assert_int_equal(tls_drbg_create_deterministic(&drbg, (const uint8_t *)seed, strlen(seed), NULL),
                     TLS_OK);
    struct tls_rng rng = tls_drbg_rng(drbg);
    size_t sig_len = 0;
    struct tls_error err = {0};
    assert_int_equal(tls_rsa_pss_sign(scheme, &variant_rfc8448_rsa_key, msg, sizeof(msg), &rng,
                                      sig, 128, &sig_len, &err),
                     TLS_OK);
    assert_int_equal(sig_len, 128);
    tls_drbg_free(drbg);
}

static void leaf_key(struct tls_peer_key *key)
{
    assert_int_equal(tls_x509_leaf_key(variant_rfc8448_certificate,
                                       sizeof(variant_rfc8448_certificate), key, NULL),
                     TLS_OK);
}

static void signatures_verify(void **state)
{
    (void)state;
    static const uint16_t schemes[] = {TLS_SIG_rsa_pss_rsae_sha256, TLS_SIG_rsa_pss_rsae_sha384};
    struct tls_peer_key key;
    leaf_key(&key);
    for (size_t i = 0; i < 2; i++) {
        uint8_t sig[128];
        sign_with_seed(schemes[i], "seed", sig);
        assert_int_equal(tls_sig_verify(schemes[i], &key, msg, sizeof(msg), sig, 128, NULL),
                         TLS_OK);
        assert_int_not_equal(tls_sig_verify(schemes[(i + 1) % 2], &key, msg, sizeof(msg), sig,
                                            128, NULL),
                             TLS_OK);
        assert_int_not_equal(tls_sig_verify(schemes[i], &key, msg, sizeof(msg) - 1, sig, 128, NULL),
                             TLS_OK);
    }
}

static void same_source_same_signature(void **state)
{
    (void)state;
    uint8_t a[128], b[128], c[128];
    struct tls_peer_key key;
    leaf_key(&key);
    sign_with_seed(TLS_SIG_rsa_pss_rsae_sha256, "one seed", a);
    sign_with_seed(TLS_SIG_rsa_pss_rsae_sha256, "one seed", b);
    sign_with_seed(TLS_SIG_rsa_pss_rsae_sha256, "another seed", c);
    assert_memory_equal(a, b, 128);
    assert_memory_not_equal(a, c, 128); /* PSS is randomized by its salt */
    assert_int_equal(tls_sig_verify(TLS_SIG_rsa_pss_rsae_sha256, &key, msg, sizeof(msg), c, 128,
                                    NULL),
                     TLS_OK);
}

static void refusals(void **state)
{
    (void)state;
    struct tls_drbg *drbg = NULL;
    assert_int_equal(tls_drbg_create_deterministic(&drbg, (const uint8_t *)"x", 1, NULL), TLS_OK);
    struct tls_rng rng = tls_drbg_rng(drbg);
    uint8_t sig[128];
    size_t sig_len = 0;
    struct tls_error err = {0};
    assert_int_equal(tls_rsa_pss_sign(TLS_SIG_rsa_pkcs1_sha256, &variant_rfc8448_rsa_key, msg,
                                      sizeof(msg), &rng, sig, sizeof(sig), &sig_len, &err),
                     TLS_E_INTERNAL);
    assert_non_null(strstr(err.reason, "rsa_pss_rsae"));
    struct tls_rsa_private_key bad = variant_rfc8448_rsa_key;
    bad.q = variant_rfc8448_rsa_key.p; /* p * p != n */
    err = (struct tls_error){0};
    assert_int_equal(tls_rsa_pss_sign(TLS_SIG_rsa_pss_rsae_sha256, &bad, msg, sizeof(msg), &rng,
                                      sig, sizeof(sig), &sig_len, &err),
                     TLS_E_INTERNAL);
    assert_non_null(strstr(err.reason, "not consistent"));
    err = (struct tls_error){0};
    assert_int_equal(tls_rsa_pss_sign(TLS_SIG_rsa_pss_rsae_sha256, &variant_rfc8448_rsa_key, msg,
                                      sizeof(msg), &rng, sig, 127, &sig_len, &err),
                     TLS_E_INTERNAL);
    assert_non_null(strstr(err.reason, "shorter than the modulus"));
    err = (struct tls_error){0};
    assert_int_equal(tls_rsa_pss_sign(TLS_SIG_rsa_pss_rsae_sha512, &variant_rfc8448_rsa_key, msg,
                                      sizeof(msg), &rng, sig, sizeof(sig), &sig_len, &err),
                     TLS_E_INTERNAL);
    assert_non_null(strstr(err.reason, "modulus too short"));
    tls_drbg_free(drbg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(signatures_verify),
        cmocka_unit_test(same_source_same_signature),
        cmocka_unit_test(refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
