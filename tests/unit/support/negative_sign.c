/*
 * negative_sign.c — rsa_pss_rsae_sha256 signatures with RFC 8448's published server key, so the
 * scripted server can re-sign CertificateVerify over a changed transcript (see negative_sign.h).
 *
 * Implementation notes
 * --------------------
 * RSASSA-PSS-SIGN (RFC 8017 §8.1.1) = EMSA-PSS-ENCODE (§9.1.1) then s = EM^d mod n (RSASP1,
 * §5.2.1). The project's crypto layer only verifies, and only src/crypto may use mbedtls, so this
 * test helper carries its own tiny modular exponentiation: 32-bit limbs, Montgomery
 * multiplication (CIOS), square-and-multiply over the bits of d. It is neither constant time nor
 * fast; it signs a handful of test messages with keys that are public anyway: RFC 8448 §2's, and
 * tests/vectors/certs/strict-leaf.key (RSA-2048, kept in the vectors for this purpose; its
 * modulus and private exponent in strict-leaf-key.txt), the key of the strict-leaf-* test
 * certificates.
 */
#include "support/negative_sign.h"

#include "support/rfc8448.h"
#include "support/testutil.h"

#include <stdlib.h>
#include <string.h>

#include "crypto/hash.h"

#define MAX_LIMBS 64 /* up to 2048-bit moduli: RFC 8448 §2's 1024-bit key, strict-leaf.key */

/* The modulus size of the key in use: LIMBS 32-bit limbs, K bytes. */
static size_t LIMBS = 32;
static size_t K = 128;

typedef uint32_t bn[MAX_LIMBS];

static void bn_from_bytes(bn out, const uint8_t *be, size_t len)
{
    memset(out, 0, sizeof(bn));
    for (size_t i = 0; i < len; i++) {
        size_t byte = len - 1 - i; /* little-endian position */
        out[byte / 4] |= (uint32_t)be[i] << (8 * (byte % 4));
    }
}

static void bn_to_bytes(const bn in, uint8_t *be)
{
    for (size_t i = 0; i < K; i++) {
        size_t byte = K - 1 - i;
        be[i] = (uint8_t)(in[byte / 4] >> (8 * (byte % 4)));
    }
}

/* a >= n, with an extra top limb in a. */
static int geq(const uint32_t *a, uint32_t top, const bn n)
{
    if (top != 0) {
        return 1;
    }
    for (size_t i = LIMBS; i-- > 0;) {
        if (a[i] != n[i]) {
            return a[i] > n[i];
        }
    }
    return 1;
}

static void sub_n(uint32_t *a, const bn n)
{
    uint64_t borrow = 0;
    for (size_t i = 0; i < LIMBS; i++) {
        uint64_t d = (uint64_t)a[i] - n[i] - borrow;
        a[i] = (uint32_t)d;
        borrow = (d >> 63) & 1;
    }
}

/* out = a * b * R^-1 mod n (Montgomery, CIOS), R = 2^(32*LIMBS). */
static void mont_mul(bn out, const bn a, const bn b, const bn n, uint32_t n0inv)
{
    uint32_t t[MAX_LIMBS + 2] = {0};
    for (size_t i = 0; i < LIMBS; i++) {
        uint64_t c = 0;
        for (size_t j = 0; j < LIMBS; j++) {
            uint64_t v = (uint64_t)t[j] + (uint64_t)a[j] * b[i] + c;
            t[j] = (uint32_t)v;
            c = v >> 32;
        }
        uint64_t v = (uint64_t)t[LIMBS] + c;
        t[LIMBS] = (uint32_t)v;
        t[LIMBS + 1] = (uint32_t)(v >> 32);
        uint32_t m = t[0] * n0inv;
        v = (uint64_t)t[0] + (uint64_t)m * n[0];
        c = v >> 32;
        for (size_t j = 1; j < LIMBS; j++) {
            v = (uint64_t)t[j] + (uint64_t)m * n[j] + c;
            t[j - 1] = (uint32_t)v;
            c = v >> 32;
        }
        v = (uint64_t)t[LIMBS] + c;
        t[LIMBS - 1] = (uint32_t)v;
        t[LIMBS] = t[LIMBS + 1] + (uint32_t)(v >> 32);
    }
    if (geq(t, t[LIMBS], n)) {
        sub_n(t, n);
    }
    memcpy(out, t, sizeof(bn));
}

/* out = base^exp mod n. */
static void mod_exp(bn out, const bn base, const bn exp, const bn n)
{
    /* n0inv = -n^-1 mod 2^32 (Newton iteration; n is odd). */
    uint32_t inv = 1;
    for (int i = 0; i < 5; i++) {
        inv *= 2 - n[0] * inv;
    }
    uint32_t n0inv = (uint32_t)(0u - inv);
    /* R^2 mod n by doubling 1 modulo n 2*32*LIMBS times. */
    uint32_t r2[MAX_LIMBS + 1] = {1};
    for (size_t i = 0; i < 2 * 32 * LIMBS; i++) {
        uint32_t carry = 0;
        for (size_t j = 0; j < LIMBS; j++) {
            uint32_t next = r2[j] >> 31;
            r2[j] = r2[j] << 1 | carry;
            carry = next;
        }
        if (geq(r2, carry, n)) {
            sub_n(r2, n);
        }
    }
    bn one = {1}, x, acc;
    mont_mul(x, base, r2, n, n0inv); /* base * R */
    mont_mul(acc, one, r2, n, n0inv); /* R */
    for (size_t bit = 32 * LIMBS; bit-- > 0;) {
        mont_mul(acc, acc, acc, n, n0inv);
        if ((exp[bit / 32] >> (bit % 32)) & 1) {
            mont_mul(acc, acc, x, n, n0inv);
        }
    }
    mont_mul(out, acc, one, n, n0inv);
}

/* MGF1 with SHA-256 (RFC 8017 §B.2.1), XORed into out. */
static void mgf1_xor(const uint8_t *seed, size_t seed_len, uint8_t *out, size_t len)
{
    uint8_t block[64], digest[32];
    for (uint32_t counter = 0; counter * 32 < len; counter++) {
        memcpy(block, seed, seed_len);
        block[seed_len] = (uint8_t)(counter >> 24);
        block[seed_len + 1] = (uint8_t)(counter >> 16);
        block[seed_len + 2] = (uint8_t)(counter >> 8);
        block[seed_len + 3] = (uint8_t)counter;
        assert_int_equal(tls_hash(TLS_HASH_SHA256, block, seed_len + 4, digest), 0);
        for (size_t i = 0; i < 32 && counter * 32 + i < len; i++) {
            out[counter * 32 + i] ^= digest[i];
        }
    }
}

/* RSASSA-PSS-SIGN with SHA-256, salt length 32, for a modulus n (n_len bytes, top bit of the
 * first byte set) and private exponent d: sig gets n_len bytes. */
static void pss_sign(const uint8_t *n_bytes, size_t n_len, const uint8_t *d_bytes, size_t d_len,
                     const uint8_t *msg, size_t len, uint8_t *sig)
{
    assert_true(n_len % 4 == 0 && n_len / 4 <= MAX_LIMBS && n_bytes[0] >= 0x80);
    K = n_len;
    LIMBS = n_len / 4;
    /* EMSA-PSS-ENCODE, emBits = 8K - 1, emLen = K, hLen = sLen = 32 (RFC 8446 §4.2.3). */
    static const uint8_t salt[32] = "tls13 negative-test fixed salt.";
    uint8_t m_prime[8 + 32 + 32] = {0};
    assert_int_equal(tls_hash(TLS_HASH_SHA256, msg, len, m_prime + 8), 0);
    memcpy(m_prime + 40, salt, 32);
    uint8_t em[4 * MAX_LIMBS] = {0};
    uint8_t *h = em + K - 33;
    assert_int_equal(tls_hash(TLS_HASH_SHA256, m_prime, sizeof(m_prime), h), 0);
    size_t db_len = K - 32 - 1;          /* DB = PS || 0x01 || salt */
    em[db_len - 32 - 1] = 0x01;
    memcpy(em + db_len - 32, salt, 32);
    mgf1_xor(h, 32, em, db_len);
    em[0] &= 0x7f;                       /* 8*emLen - emBits = 1 leftmost bit cleared */
    em[K - 1] = 0xbc;

    /* RSASP1: s = m^d mod n. */
    bn n, d, m, s;
    bn_from_bytes(n, n_bytes, n_len);
    bn_from_bytes(d, d_bytes, d_len);
    bn_from_bytes(m, em, K);
    mod_exp(s, m, d, n);
    bn_to_bytes(s, sig);
}

void neg_rsa_pss_sha256_sign(const uint8_t *msg, size_t len, uint8_t sig[NEG_RSA_SIG_LEN])
{
    /* RFC 8448 §2's modulus and private exponent. */
    struct rfc8448 *v = rfc8448_load("rfc8448-2-private-keys.json");
    size_t n_len, d_len;
    const uint8_t *n_bytes = rfc8448_value(v, "", "modulus (public)", 0, &n_len);
    const uint8_t *d_bytes = rfc8448_value(v, "", "private exponent", 0, &d_len);
    assert_int_equal(n_len, NEG_RSA_SIG_LEN);
    pss_sign(n_bytes, n_len, d_bytes, d_len, msg, len, sig);
    rfc8448_free(v);
}

static int hex_digit(char ch)
{
    return ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
}

/* Reads "name=HEX" from the key file's text (NUL-terminated) into out, leading zero bytes
 * dropped. */
static size_t key_value(const char *text, const char *name, uint8_t *out, size_t cap)
{
    const char *p = strstr(text, name);
    assert_non_null(p);
    p += strlen(name);
    size_t n = 0;
    while (hex_digit(p[0]) >= 0 && hex_digit(p[1]) >= 0) {
        uint8_t v = (uint8_t)(hex_digit(p[0]) << 4 | hex_digit(p[1]));
        if (n > 0 || v != 0) {
            assert_true(n < cap);
            out[n++] = v;
        }
        p += 2;
    }
    return n;
}

void neg_rsa2048_pss_sha256_sign(const uint8_t *msg, size_t len, uint8_t sig[NEG_RSA2048_SIG_LEN])
{
    size_t file_len;
    uint8_t *file = test_read_vector_file("certs/strict-leaf-key.txt", &file_len);
    char *text = malloc(file_len + 1); /* the file's bytes as a C string */
    assert_non_null(text);
    memcpy(text, file, file_len);
    text[file_len] = '\0';
    free(file);
    uint8_t n[NEG_RSA2048_SIG_LEN], d[NEG_RSA2048_SIG_LEN];
    size_t n_len = key_value(text, "n=", n, sizeof(n));
    size_t d_len = key_value(text, "d=", d, sizeof(d));
    assert_int_equal(n_len, NEG_RSA2048_SIG_LEN);
    pss_sign(n, n_len, d, d_len, msg, len, sig);
    free(text);
}
