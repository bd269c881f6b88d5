/*
 * negative_sign.c — rsa_pss_rsae_sha256 signatures with RFC 8448's published server key, so the
 * scripted server can re-sign CertificateVerify over a changed transcript (see negative_sign.h).
 *
 * The signing itself is src/crypto/sign.c (RSASSA-PSS, RFC 8017 §8.1.1); this helper only reads
 * RFC 8448 §2's key from the vector file and hands the signer a DRBG with a fixed seed, so every
 * run signs a given message the same way.
 */
#include "support/negative_sign.h"

#include "support/rfc8448.h"
#include "support/testutil.h"

#include <string.h>

#include "common/names.h"
#include "crypto/rng.h"
#include "crypto/sign.h"

void neg_rsa_pss_sha256_sign(const uint8_t *msg, size_t len, uint8_t sig[NEG_RSA_SIG_LEN])
{
    static const uint8_t seed[32] = "tls13 negative-test fixed salt.";
    struct rfc8448 *v = rfc8448_load("rfc8448-2-private-keys.json");
    struct tls_rsa_private_key key;
    key.n = rfc8448_value(v, "", "modulus (public)", 0, &key.n_len);
    key.e = rfc8448_value(v, "", "public exponent", 0, &key.e_len);
    key.d = rfc8448_value(v, "", "private exponent", 0, &key.d_len);
    key.p = rfc8448_value(v, "", "prime1", 0, &key.p_len);
    key.q = rfc8448_value(v, "", "prime2", 0, &key.q_len);
    assert_int_equal(key.n_len, NEG_RSA_SIG_LEN);
    struct tls_drbg *drbg = NULL;
    assert_int_equal(tls_drbg_create_deterministic(&drbg, seed, sizeof(seed)), TLS_OK);
    struct tls_rng rng = tls_drbg_rng(drbg);
    struct tls_error err = {0};
    size_t sig_len = 0;
    assert_int_equal(tls_rsa_pss_sign(TLS_SIG_rsa_pss_rsae_sha256, &key, msg, len, &rng, sig,
                                      NEG_RSA_SIG_LEN, &sig_len, &err),
                     TLS_OK);
    assert_int_equal(sig_len, NEG_RSA_SIG_LEN);
    tls_drbg_free(drbg);
    rfc8448_free(v);
}
