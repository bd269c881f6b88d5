/*
 * test_crypto_prf10.c — the TLS 1.0/1.1 PRF and MD5 + SHA-1 handshake hash (src/crypto/prf10.c),
 * HMAC-MD5 and keys longer than a block in the HMAC of src/crypto/cbc.c, and 3DES-CBC.
 *
 * Vectors and their sources:
 *   PRF      secret 48 x 0xab, label "PRF Testvector", seed 64 x 0xcd, 104 bytes: the TLS 1.0
 *            PRF test vector posted to the IETF TLS working group list
 *            (http://www.imc.org/ietf-tls/mail-archive/msg01589.html)
 *   HMAC     RFC 2202 §2 test case 2 (HMAC-MD5, key "Jefe"), test case 6 (§2 HMAC-MD5 and §3
 *            HMAC-SHA1, key 80 x 0xaa, longer than the 64-byte block)
 *   hashes   RFC 1321 Appendix A.5 MD5("abc"), FIPS 180-2 Appendix A.1 SHA-1("abc")
 *   3DES     NIST CSRC "TDES CBC" example values (Key1 0123456789abcdef, Key2 23456789abcdef01,
 *            Key3 456789abcdef0123, IV f69f2445df4f9b17), first two blocks
 */
#include "support/testutil.h"

#include <string.h>

#include "crypto/cbc.h"
#include "crypto/prf10.h"

static void prf10_vector(void **state)
{
    (void)state;
    uint8_t secret[48];
    uint8_t seed[64];
    uint8_t want[104];
    uint8_t got[104];
    memset(secret, 0xab, sizeof(secret));
    memset(seed, 0xcd, sizeof(seed));
    assert_int_equal(test_hex("d3d4d1e349b5d515044666d51de32bab258cb521b6b053463e354832fd976754"
                              "443bcf9a296519bc289abcbc1187e4ebd31e602353776c408aafb74cbc85eff6"
                              "9255f9788faa184cbb957a9819d84a5d7eb006eb459d3ae8de9810454b8b2d8f"
                              "1afbc655a8c9a013", want, sizeof(want)), sizeof(want));
    assert_int_equal(tls_prf10(secret, sizeof(secret), "PRF Testvector", seed, sizeof(seed), got,
                               sizeof(got), NULL), TLS_OK);
    assert_bytes_equal(got, sizeof(got), want, sizeof(want), "IETF TLS WG TLS 1.0 PRF vector");
    /* Shorter outputs are prefixes (12: a verify_data; 37: ends inside an MD5 and a SHA-1 block). */
    static const size_t lens[] = {1, 12, 16, 20, 37};
    for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
        memset(got, 0, sizeof(got));
        assert_int_equal(tls_prf10(secret, sizeof(secret), "PRF Testvector", seed, sizeof(seed), got,
                                   lens[i], NULL), TLS_OK);
        assert_memory_equal(got, want, lens[i]);
        assert_int_equal(got[lens[i]], 0); /* nothing written past out_len */
    }
    /* label + seed longer than the PRF's buffer: refused with a reason. */
    uint8_t big[200];
    memset(big, 1, sizeof(big));
    struct tls_error err = {0};
    assert_int_not_equal(tls_prf10(secret, sizeof(secret), "x", big, sizeof(big), got, 12, &err), TLS_OK);
    assert_non_null(strstr(err.reason, "too long"));
}

static void hmac_md5_and_long_keys(void **state)
{
    (void)state;
    uint8_t got[TLS_MAX_MAC_LEN];
    uint8_t want[TLS_MAX_MAC_LEN];
    const char *jefe = "what do ya want for nothing?";
    assert_int_equal(tls_mac_len(TLS_MAC_HMAC_MD5), 16);
    assert_string_equal(tls_mac_name(TLS_MAC_HMAC_MD5), "HMAC-MD5");
    test_hex("750c783e6ab0b503eaa86e310a5db738", want, sizeof(want));
    assert_int_equal(tls_mac_hmac(TLS_MAC_HMAC_MD5, (const uint8_t *)"Jefe", 4, (const uint8_t *)jefe,
                                  strlen(jefe), got, NULL), TLS_OK);
    assert_bytes_equal(got, 16, want, 16, "RFC 2202 §2 test case 2");
    /* the record MAC of the same message, split after 13 header bytes */
    assert_int_equal(tls_record_mac(TLS_MAC_HMAC_MD5, (const uint8_t *)"Jefe", 4, (const uint8_t *)jefe,
                                    (const uint8_t *)jefe + TLS_MAC_HEADER_LEN,
                                    strlen(jefe) - TLS_MAC_HEADER_LEN, got, NULL), TLS_OK);
    assert_bytes_equal(got, 16, want, 16, "RFC 2202 §2 test case 2");
    uint8_t key[80];
    memset(key, 0xaa, sizeof(key));
    const char *d = "Test Using Larger Than Block-Size Key - Hash Key First";
    static const struct {
        enum tls_mac_alg alg;
        const char *want;
        const char *source;
    } rows[] = {
        {TLS_MAC_HMAC_MD5, "6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd", "RFC 2202 §2 test case 6"},
        {TLS_MAC_HMAC_SHA1, "aa4ae5e15272d00e95705637ce8a3b55ed402112", "RFC 2202 §3 test case 6"},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        size_t n = test_hex(rows[i].want, want, sizeof(want));
        assert_int_equal(tls_mac_hmac(rows[i].alg, key, sizeof(key), (const uint8_t *)d, strlen(d), got, NULL),
                         TLS_OK);
        assert_bytes_equal(got, n, want, n, rows[i].source);
    }
    struct tls_error err = {0};
    assert_int_not_equal(tls_mac_hmac(TLS_MAC_NONE, key, 4, key, 4, got, &err), TLS_OK);
    assert_non_null(strstr(err.reason, "no MAC algorithm"));
}

static void md5_sha1_running(void **state)
{
    (void)state;
    struct tls_md5_sha1 h;
    uint8_t got[TLS_MD5_SHA1_LEN];
    uint8_t want[TLS_MD5_SHA1_LEN];
    test_hex("900150983cd24fb0d6963f7d28e17f72" "a9993e364706816aba3e25717850c26c9cd0d89d", want, sizeof(want));
    assert_int_equal(tls_md5_sha1_init(&h, NULL), TLS_OK);
    assert_int_equal(tls_md5_sha1_update(&h, (const uint8_t *)"a", 1, NULL), TLS_OK);
    assert_int_equal(tls_md5_sha1_update(&h, NULL, 0, NULL), TLS_OK);
    assert_int_equal(tls_md5_sha1_update(&h, (const uint8_t *)"bc", 2, NULL), TLS_OK);
    assert_int_equal(tls_md5_sha1_peek(&h, got, NULL), TLS_OK);
    assert_bytes_equal(got, sizeof(got), want, sizeof(want), "RFC 1321 A.5 MD5(abc) + FIPS 180-2 A.1 SHA-1(abc)");
    /* peek leaves it running: one more byte gives the hashes of "abcd", as a fresh run does */
    assert_int_equal(tls_md5_sha1_update(&h, (const uint8_t *)"d", 1, NULL), TLS_OK);
    assert_int_equal(tls_md5_sha1_peek(&h, got, NULL), TLS_OK);
    struct tls_md5_sha1 fresh;
    uint8_t again[TLS_MD5_SHA1_LEN];
    assert_int_equal(tls_md5_sha1_init(&fresh, NULL), TLS_OK);
    assert_int_equal(tls_md5_sha1_update(&fresh, (const uint8_t *)"abcd", 4, NULL), TLS_OK);
    assert_int_equal(tls_md5_sha1_peek(&fresh, again, NULL), TLS_OK);
    assert_memory_equal(got, again, sizeof(got));
    assert_memory_not_equal(got, want, sizeof(got));
    tls_md5_sha1_wipe(&h);
    tls_md5_sha1_wipe(&fresh);
    for (size_t i = 0; i < sizeof(h.state); i++) {
        assert_int_equal(h.state[i], 0);
    }
}

static void des3_cbc_nist(void **state)
{
    (void)state;
    uint8_t key[TLS_DES3_KEY_LEN];
    uint8_t iv[TLS_DES_BLOCK_LEN];
    uint8_t ct[32];
    uint8_t want[32];
    uint8_t got[32];
    test_hex("0123456789abcdef23456789abcdef01456789abcdef0123", key, sizeof(key));
    test_hex("f69f2445df4f9b17", iv, sizeof(iv));
    test_hex("2079c3d53aa763e193b79e2569ab5262516570481f25b50f73c0bda85c8e0da7", ct, sizeof(ct));
    test_hex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51", want, sizeof(want));
    assert_int_equal(tls_cbc_block_len(TLS_CBC_3DES), 8);
    assert_int_equal(tls_cbc_block_len(TLS_CBC_AES), 16);
    assert_int_equal(tls_cbc_decrypt(TLS_CBC_3DES, key, sizeof(key), iv, ct, sizeof(ct), got, NULL), TLS_OK);
    assert_bytes_equal(got, sizeof(got), want, sizeof(want), "NIST CSRC TDES CBC example");
    /* one 8-byte block less is still whole blocks: the first 24 bytes */
    assert_int_equal(tls_cbc_decrypt(TLS_CBC_3DES, key, sizeof(key), iv, ct, 24, got, NULL), TLS_OK);
    assert_memory_equal(got, want, 24);
    struct tls_error err = {0};
    assert_int_not_equal(tls_cbc_decrypt(TLS_CBC_3DES, key, sizeof(key), iv, ct, 12, got, &err), TLS_OK);
    assert_non_null(strstr(err.reason, "not a CBC input"));
    assert_int_not_equal(tls_cbc_decrypt(TLS_CBC_3DES, key, 16, iv, ct, sizeof(ct), got, NULL), TLS_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(prf10_vector),
        cmocka_unit_test(hmac_md5_and_long_keys),
        cmocka_unit_test(md5_sha1_running),
        cmocka_unit_test(des3_cbc_nist),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
