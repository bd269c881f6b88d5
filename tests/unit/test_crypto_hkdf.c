/*
 * test_crypto_hkdf.c — HKDF (RFC 5869), HkdfLabel / HKDF-Expand-Label (RFC 8446 §7.1),
 * and the hash/HMAC primitives under them (src/crypto/hash.c, hkdf.c).
 *
 * Vectors: RFC 5869 Appendix A test cases 1-3 (the SHA-256 ones; tests/vectors/rfc/rfc5869.txt,
 * line numbers below), and "info" values RFC 8448 prints for its derivations.
 */
#include "support/testutil.h"

#include <stdio.h>
#include <string.h>

#include "crypto/hash.h"
#include "crypto/hkdf.h"

struct hkdf_case {
    const char *source; /* RFC and line of the test case heading */
    const char *ikm, *salt, *info;
    size_t l;
    const char *prk, *okm;
};

static const struct hkdf_case rfc5869_cases[] = {
    {"RFC 5869 A.1 Test Case 1 (rfc5869.txt line 516)",
     "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "000102030405060708090a0b0c",
     "f0f1f2f3f4f5f6f7f8f9", 42,
     "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
     "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"},
    {"RFC 5869 A.2 Test Case 2 (rfc5869.txt line 567)",
     "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
     "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"
     "404142434445464748494a4b4c4d4e4f",
     "606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f"
     "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"
     "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf",
     "b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecf"
     "d0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeef"
     "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff",
     82, "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244",
     "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
     "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
     "cc30c58179ec3e87c14c01d5c1f3434f1d87"},
    {"RFC 5869 A.3 Test Case 3 (rfc5869.txt line 598): zero-length salt and info",
     "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "", "", 42,
     "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04",
     "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"},
};

static void rfc5869_sha256_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(rfc5869_cases) / sizeof(rfc5869_cases[0]); i++) {
        const struct hkdf_case *c = &rfc5869_cases[i];
        uint8_t ikm[128], salt[128], info[128], prk[32], okm[128], want_prk[32], want_okm[128];
        char what[160];
        size_t ikm_len = test_hex(c->ikm, ikm, sizeof(ikm));
        size_t salt_len = test_hex(c->salt, salt, sizeof(salt));
        size_t info_len = test_hex(c->info, info, sizeof(info));
        size_t prk_len = test_hex(c->prk, want_prk, sizeof(want_prk));
        size_t okm_len = test_hex(c->okm, want_okm, sizeof(want_okm));
        assert_int_equal(okm_len, c->l);
        assert_int_equal(tls_hkdf_extract(TLS_HASH_SHA256, salt_len ? salt : NULL, salt_len, ikm,
                                          ikm_len, prk, NULL),
                         TLS_OK);
        snprintf(what, sizeof(what), "%s: PRK", c->source);
        assert_bytes_equal(prk, 32, want_prk, prk_len, what);
        assert_int_equal(tls_hkdf_expand(TLS_HASH_SHA256, prk, 32, info, info_len, okm, c->l, NULL),
                         TLS_OK);
        snprintf(what, sizeof(what), "%s: OKM", c->source);
        assert_bytes_equal(okm, c->l, want_okm, okm_len, what);
    }
}

/* RFC 5869 §2.3: L <= 255*HashLen; longer is refused, not truncated. */
static void expand_refuses_too_long_output(void **state)
{
    (void)state;
    static uint8_t okm[255 * 32 + 1];
    uint8_t prk[32] = {0};
    assert_int_equal(tls_hkdf_expand(TLS_HASH_SHA256, prk, 32, NULL, 0, okm, 255 * 32, NULL), TLS_OK);
    assert_int_equal(tls_hkdf_expand(TLS_HASH_SHA256, prk, 32, NULL, 0, okm, sizeof(okm), NULL),
                     TLS_E_INTERNAL);
}

/* HkdfLabel (RFC 8446 §7.1) against the "info" values RFC 8448 prints. */
static void hkdf_label_matches_rfc8448_info(void **state)
{
    (void)state;
    uint8_t out[600], want[600], ctx[64];
    size_t out_len, want_len, ctx_len;

    /* RFC 8448 §3 line 290: derive secret "tls13 c hs traffic", hash (line 287) as context */
    ctx_len = test_hex("860c06edc07858ee8e78f0e7428c58edd6b43f2ca3e6e95f02ed063cf0e1cad8", ctx,
                       sizeof(ctx));
    want_len = test_hex("002012746c73313320632068732074726166666963"
                        "20860c06edc07858ee8e78f0e7428c58edd6b43f2ca3e6e95f02ed063cf0e1cad8",
                        want, sizeof(want));
    assert_int_equal(tls_hkdf_label("c hs traffic", ctx, ctx_len, 32, out, sizeof(out), &out_len, NULL),
                     TLS_OK);
    assert_bytes_equal(out, out_len, want, want_len,
                       "RFC 8448 §3 line 290: info of derive secret \"tls13 c hs traffic\"");

    /* RFC 8448 §3 line 365: key info (empty context, length 16) */
    want_len = test_hex("001009746c733133206b657900", want, sizeof(want));
    assert_int_equal(tls_hkdf_label("key", NULL, 0, 16, out, sizeof(out), &out_len, NULL), TLS_OK);
    assert_bytes_equal(out, out_len, want, want_len, "RFC 8448 §3 line 365: key info");

    /* RFC 8448 §3 line 370: iv info */
    want_len = test_hex("000c08746c73313320697600", want, sizeof(want));
    assert_int_equal(tls_hkdf_label("iv", NULL, 0, 12, out, sizeof(out), &out_len, NULL), TLS_OK);
    assert_bytes_equal(out, out_len, want, want_len, "RFC 8448 §3 line 370: iv info");

    /* RFC 8448 §3 line 756: "tls13 resumption" with ticket_nonce 0000 as context */
    want_len = test_hex("002010746c73313320726573756d7074696f6e020000", want, sizeof(want));
    assert_int_equal(tls_hkdf_label("resumption", (const uint8_t *)"\0\0", 2, 32, out,
                                    sizeof(out), &out_len, NULL),
                     TLS_OK);
    assert_bytes_equal(out, out_len, want, want_len, "RFC 8448 §3 line 756: resumption info");
}

/* HKDF-Expand-Label = HKDF-Expand(secret, HkdfLabel): RFC 8448 §3 lines 362-367, server hs key. */
static void expand_label_matches_rfc8448(void **state)
{
    (void)state;
    uint8_t secret[32], want[16], got[16];
    test_hex("b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38", secret, 32);
    test_hex("3fce516009c21727d0f2e4e86ee403bc", want, 16);
    assert_int_equal(tls_hkdf_expand_label(TLS_HASH_SHA256, secret, "key", NULL, 0, got, 16, NULL),
                     TLS_OK);
    assert_bytes_equal(got, 16, want, 16, "RFC 8448 §3 line 367: server handshake write key");
}

/* HkdfLabel bounds (§7.1: label<7..255>, context<0..255>) and a too-small output buffer. */
static void hkdf_label_bounds(void **state)
{
    (void)state;
    char label[251];
    uint8_t ctx[256] = {0}, out[600];
    size_t out_len;
    memset(label, 'a', sizeof(label) - 1);
    label[sizeof(label) - 1] = '\0'; /* 250 + "tls13 " = 256 > 255 */
    assert_int_equal(tls_hkdf_label(label, NULL, 0, 32, out, sizeof(out), &out_len, NULL),
                     TLS_E_INTERNAL);
    /* The reason reaches the caller's struct tls_error (one error channel, crypto included). */
    struct tls_error err = {0};
    assert_int_equal(tls_hkdf_label(label, NULL, 0, 32, out, sizeof(out), &out_len, &err),
                     TLS_E_INTERNAL);
    assert_int_equal(err.code, TLS_E_INTERNAL);
    assert_string_equal(err.reason, "RFC 8446 §7.1: HkdfLabel.label > 255 bytes");
    label[249] = '\0'; /* 249 + 6 = 255: the maximum */
    assert_int_equal(tls_hkdf_label(label, NULL, 0, 32, out, sizeof(out), &out_len, NULL), TLS_OK);
    assert_int_equal(out_len, 2 + 1 + 255 + 1);
    assert_int_equal(tls_hkdf_label("key", ctx, 256, 32, out, sizeof(out), &out_len, NULL),
                     TLS_E_INTERNAL);
    assert_int_equal(tls_hkdf_label("key", ctx, 255, 32, out, sizeof(out), &out_len, NULL), TLS_OK);
    assert_int_equal(tls_hkdf_label("key", NULL, 0, 0x10000, out, sizeof(out), &out_len, NULL),
                     TLS_E_INTERNAL);
    for (size_t cap = 0; cap < 13; cap++) { /* "key" HkdfLabel is 13 bytes */
        assert_int_equal(tls_hkdf_label("key", NULL, 0, 16, out, cap, &out_len, NULL), TLS_E_INTERNAL);
    }
}

/* SHA-256/384 of "abc" (FIPS 180-2 Appendix B.1 / D.1) and the running hash with peek. */
static void hash_known_answers_and_peek(void **state)
{
    (void)state;
    uint8_t got[48], want[48], peek1[48], peek2[48];
    size_t n = test_hex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", want,
                        sizeof(want));
    assert_int_equal(tls_hash(TLS_HASH_SHA256, (const uint8_t *)"abc", 3, got, NULL), TLS_OK);
    assert_bytes_equal(got, 32, want, n, "FIPS 180-2 B.1: SHA-256(\"abc\")");
    n = test_hex("cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
                 "8086072ba1e7cc2358baeca134c825a7",
                 want, sizeof(want));
    assert_int_equal(tls_hash(TLS_HASH_SHA384, (const uint8_t *)"abc", 3, got, NULL), TLS_OK);
    assert_bytes_equal(got, 48, want, n, "FIPS 180-2 D.1: SHA-384(\"abc\")");
    assert_int_equal(tls_hash_len(TLS_HASH_SHA384), 48);
    assert_string_equal(tls_hash_name(TLS_HASH_SHA256), "SHA-256");

    for (int alg = TLS_HASH_SHA256; alg <= TLS_HASH_SHA384; alg++) {
        struct tls_hash h, copy;
        size_t len = tls_hash_len((enum tls_hash_alg)alg);
        assert_int_equal(tls_hash_init(&h, (enum tls_hash_alg)alg, NULL), TLS_OK);
        assert_int_equal(tls_hash_update(&h, (const uint8_t *)"a", 1, NULL), TLS_OK);
        assert_int_equal(tls_hash_peek(&h, peek1, NULL), TLS_OK); /* Hash("a"), h keeps running */
        tls_hash_clone(&copy, &h);
        assert_int_equal(tls_hash_update(&h, (const uint8_t *)"bc", 2, NULL), TLS_OK);
        assert_int_equal(tls_hash_peek(&h, peek2, NULL), TLS_OK);
        assert_int_equal(tls_hash((enum tls_hash_alg)alg, (const uint8_t *)"abc", 3, got, NULL), TLS_OK);
        assert_bytes_equal(peek2, len, got, len, "running hash after peek = one-shot Hash(\"abc\")");
        assert_int_equal(tls_hash_peek(&copy, peek2, NULL), TLS_OK);
        assert_bytes_equal(peek2, len, peek1, len, "clone keeps the state at the time of cloning");
        tls_hash_wipe(&h);
        tls_hash_wipe(&copy);
    }
    struct tls_hash none;
    assert_int_equal(tls_hash_init(&none, TLS_HASH_NONE, NULL), TLS_E_INTERNAL);
    struct tls_error err = {0};
    assert_int_equal(tls_hash_init(&none, TLS_HASH_NONE, &err), TLS_E_INTERNAL);
    assert_string_equal(err.reason, "RFC 8446 §B.4: no hash selected");
}

/* RFC 4231 Test Case 2 (HMAC-SHA-256 and -384 with key "Jefe"). */
static void hmac_rfc4231_case2(void **state)
{
    (void)state;
    const char *data = "what do ya want for nothing?";
    uint8_t got[48], want[48];
    size_t n = test_hex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", want,
                        sizeof(want));
    assert_int_equal(tls_hmac(TLS_HASH_SHA256, (const uint8_t *)"Jefe", 4, (const uint8_t *)data,
                              strlen(data), got, NULL),
                     TLS_OK);
    assert_bytes_equal(got, 32, want, n, "RFC 4231 §4.3 Test Case 2: HMAC-SHA-256");
    n = test_hex("af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e"
                 "8e2240ca5e69e2c78b3239ecfab21649",
                 want, sizeof(want));
    assert_int_equal(tls_hmac(TLS_HASH_SHA384, (const uint8_t *)"Jefe", 4, (const uint8_t *)data,
                              strlen(data), got, NULL),
                     TLS_OK);
    assert_bytes_equal(got, 48, want, n, "RFC 4231 §4.3 Test Case 2: HMAC-SHA-384");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rfc5869_sha256_cases),
        cmocka_unit_test(expand_refuses_too_long_output),
        cmocka_unit_test(hkdf_label_matches_rfc8448_info),
        cmocka_unit_test(expand_label_matches_rfc8448),
        cmocka_unit_test(hkdf_label_bounds),
        cmocka_unit_test(hash_known_answers_and_peek),
        cmocka_unit_test(hmac_rfc4231_case2),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
