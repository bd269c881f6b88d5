/*
 * negative_sign.c — rsa_pss_rsae_sha256 signatures with a known test key, so the scripted server
 * can re-sign CertificateVerify over a changed transcript (see negative_sign.h).
 *
 * The signing itself is src/crypto/sign.c (RSASSA-PSS, RFC 8017 §8.1.1); this helper only reads
 * a key (RFC 8448 §2's from the vector file, or the strict-leaf key's integers from
 * certs/strict-leaf-key.txt) and hands the signer a DRBG with a fixed seed, so every run signs a
 * given message the same way.
 */
#include "support/negative_sign.h"

#include "support/rfc8448.h"
#include "support/testutil.h"

#include <stdlib.h>
#include <string.h>

#include "common/hex.h"
#include "common/names.h"
#include "crypto/rng.h"
#include "crypto/sign.h"

static void sign_with(const struct tls_rsa_private_key *key, const uint8_t *msg, size_t len,
                      uint8_t *sig, size_t sig_len)
{
    static const uint8_t seed[32] = "tls13 negative-test fixed salt.";
    assert_int_equal(key->n_len, sig_len);
    struct tls_drbg *drbg = NULL;
    assert_int_equal(tls_drbg_create_deterministic(&drbg, seed, sizeof(seed), NULL), TLS_OK);
    struct tls_rng rng = tls_drbg_rng(drbg);
    struct tls_error err = {0};
    size_t got = 0;
    assert_int_equal(tls_rsa_pss_sign(TLS_SIG_rsa_pss_rsae_sha256, key, msg, len, &rng, sig,
                                      sig_len, &got, &err),
                     TLS_OK);
    assert_int_equal(got, sig_len);
    tls_drbg_free(drbg);
}

void neg_rsa_pss_sha256_sign(const uint8_t *msg, size_t len, uint8_t sig[NEG_RSA_SIG_LEN])
{
    struct rfc8448 *v = rfc8448_load("rfc8448-2-private-keys.json");
    struct tls_rsa_private_key key;
    key.n = rfc8448_value(v, "", "modulus (public)", 0, &key.n_len);
    key.e = rfc8448_value(v, "", "public exponent", 0, &key.e_len);
    key.d = rfc8448_value(v, "", "private exponent", 0, &key.d_len);
    key.p = rfc8448_value(v, "", "prime1", 0, &key.p_len);
    key.q = rfc8448_value(v, "", "prime2", 0, &key.q_len);
    sign_with(&key, msg, len, sig, NEG_RSA_SIG_LEN);
    rfc8448_free(v);
}

/* One "name=HEX" line of the key file (file_len bytes, not NUL-terminated), leading zero bytes
 * dropped (openssl prints a sign byte). */
static size_t key_value(const uint8_t *file, size_t file_len, const char *name, uint8_t *out,
                        size_t cap)
{
    size_t name_len = strlen(name);
    size_t i = 0;
    while (i + name_len <= file_len && memcmp(file + i, name, name_len) != 0) {
        const uint8_t *nl = memchr(file + i, '\n', file_len - i);
        assert_non_null(nl);
        i = (size_t)(nl - file) + 1;
    }
    assert_true(i + name_len <= file_len);
    size_t n = 0;
    for (i += name_len; i + 1 < file_len && file[i] != '\n'; i += 2) {
        int hi = tls_hex_value(file[i]), lo = tls_hex_value(file[i + 1]);
        assert_true(hi >= 0 && lo >= 0);
        uint8_t byte = (uint8_t)(hi << 4 | lo);
        if (n > 0 || byte != 0) {
            assert_true(n < cap);
            out[n++] = byte;
        }
    }
    return n;
}

void neg_rsa2048_pss_sha256_sign(const uint8_t *msg, size_t len, uint8_t sig[NEG_RSA2048_SIG_LEN])
{
    size_t file_len;
    uint8_t *file = test_read_vector_file("certs/strict-leaf-key.txt", &file_len);
    uint8_t n[256], e[8], d[256], p[128], q[128];
    struct tls_rsa_private_key key = {
        .n = n, .n_len = key_value(file, file_len, "n=", n, sizeof(n)),
        .e = e, .e_len = key_value(file, file_len, "e=", e, sizeof(e)),
        .d = d, .d_len = key_value(file, file_len, "d=", d, sizeof(d)),
        .p = p, .p_len = key_value(file, file_len, "p=", p, sizeof(p)),
        .q = q, .q_len = key_value(file, file_len, "q=", q, sizeof(q)),
    };
    free(file);
    sign_with(&key, msg, len, sig, NEG_RSA2048_SIG_LEN);
}
