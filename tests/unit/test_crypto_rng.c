/*
 * test_crypto_rng.c — random sources (src/crypto/rng.c; RFC 8446 Appendix C.1).
 *
 * The deterministic DRBG must repeat itself for the same seed (that is its whole purpose in
 * tests) and differ for another seed; the fixed source must hand out its bytes in order, then
 * fail rather than invent more. No statistical claims are made about the system DRBG: it is
 * only checked to produce output that differs between two draws.
 */
#include "support/testutil.h"

#include <string.h>

#include "crypto/rng.h"

static void draw(const uint8_t *seed, size_t seed_len, uint8_t *out, size_t len)
{
    struct tls_drbg *drbg = NULL;
    assert_int_equal(tls_drbg_create_deterministic(&drbg, seed, seed_len, NULL), TLS_OK);
    struct tls_rng rng = tls_drbg_rng(drbg);
    assert_int_equal(tls_random(&rng, out, len, NULL), TLS_OK);
    tls_drbg_free(drbg);
}

static void deterministic_drbg_repeats(void **state)
{
    (void)state;
    static uint8_t a[3000], b[3000], c[3000]; /* > MBEDTLS_CTR_DRBG_MAX_REQUEST: chunked */
    draw((const uint8_t *)"seed one", 8, a, sizeof(a));
    draw((const uint8_t *)"seed one", 8, b, sizeof(b));
    draw((const uint8_t *)"seed two", 8, c, sizeof(c));
    assert_memory_equal(a, b, sizeof(a));
    assert_memory_not_equal(a, c, sizeof(a));
    assert_memory_not_equal(a, a + 1024, 32); /* chunks are not repeats of each other */
}

static void deterministic_drbg_refuses_bad_seed(void **state)
{
    (void)state;
    struct tls_drbg *drbg = (struct tls_drbg *)&drbg; /* must be reset to NULL on failure */
    uint8_t big[257] = {0};
    assert_int_equal(tls_drbg_create_deterministic(&drbg, big, 0, NULL), TLS_E_INTERNAL);
    assert_null(drbg);
    assert_int_equal(tls_drbg_create_deterministic(&drbg, big, sizeof(big), NULL), TLS_E_INTERNAL);
    assert_null(drbg);
    tls_drbg_free(NULL); /* harmless */
}

static void system_drbg_produces_bytes(void **state)
{
    (void)state;
    struct tls_drbg *drbg = NULL;
    uint8_t a[32], b[32];
    assert_int_equal(tls_drbg_create(&drbg, "test_crypto_rng", NULL), TLS_OK);
    struct tls_rng rng = tls_drbg_rng(drbg);
    assert_int_equal(tls_random(&rng, a, sizeof(a), NULL), TLS_OK);
    assert_int_equal(tls_random(&rng, b, sizeof(b), NULL), TLS_OK);
    assert_memory_not_equal(a, b, sizeof(a));
    tls_drbg_free(drbg);
}

static void fixed_random_returns_bytes_then_fails(void **state)
{
    (void)state;
    static const uint8_t bytes[5] = {1, 2, 3, 4, 5};
    struct tls_fixed_random fixed = {bytes, sizeof(bytes), 0};
    struct tls_rng rng = {tls_fixed_random_fill, &fixed};
    uint8_t out[8];
    assert_int_equal(tls_random(&rng, out, 2, NULL), TLS_OK);
    assert_memory_equal(out, bytes, 2);
    assert_int_equal(tls_random(&rng, out, 3, NULL), TLS_OK);
    assert_memory_equal(out, bytes + 2, 3);
    assert_int_equal(tls_random(&rng, out, 0, NULL), TLS_OK);
    /* exhausted: fails, and the failed output is wiped */
    memset(out, 0xaa, sizeof(out));
    assert_int_equal(tls_random(&rng, out, 1, NULL), TLS_E_INTERNAL);
    assert_int_equal(out[0], 0);
    /* asking for more than is left fails without consuming anything */
    struct tls_fixed_random short_one = {bytes, sizeof(bytes), 3};
    assert_int_not_equal(tls_fixed_random_fill(&short_one, out, 3), 0);
    assert_int_equal(short_one.pos, 3);
    assert_int_equal(tls_fixed_random_fill(&short_one, out, 2), 0);
    assert_memory_equal(out, bytes + 3, 2);
}

static void no_source_is_internal_error(void **state)
{
    (void)state;
    uint8_t out[4];
    struct tls_rng none = {NULL, NULL};
    assert_int_equal(tls_random(&none, out, sizeof(out), NULL), TLS_E_INTERNAL);
    assert_int_equal(tls_random(NULL, out, sizeof(out), NULL), TLS_E_INTERNAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(deterministic_drbg_repeats),
        cmocka_unit_test(deterministic_drbg_refuses_bad_seed),
        cmocka_unit_test(system_drbg_produces_bytes),
        cmocka_unit_test(fixed_random_returns_bytes_then_fails),
        cmocka_unit_test(no_source_is_internal_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
