/*
 * test_crypto_kex.c — key_share key exchange (RFC 8446 §4.2.8, §7.4.2; RFC 7748; src/crypto/kex.c).
 *
 * Known answers: every ephemeral key pair of RFC 8448 (x25519 in §3-§7, and the P-256 pair of
 * §5's second ClientHello) rebuilt from its private key, and each section's shared secret equal
 * to the IKM of its 'extract secret "handshake"' step. Then round trips between generated
 * P-256 / P-384 keys, and every kind of bad peer share: illegal_parameter.
 */
#include "support/testutil.h"

#include <stdio.h>
#include <string.h>

#include "crypto/kex.h"
#include "crypto/rng.h"
#include "support/crypto_rfc8448_table.h"

static void rfc8448_public_keys_from_private_keys(void **state)
{
    (void)state;
    size_t p256 = 0;
    for (size_t i = 0; i < kex_rows_count; i++) {
        const struct kex_row *row = &kex_rows[i];
        uint8_t priv[64], pub[128];
        char what[200];
        struct tls_kex kex;
        size_t priv_len = test_hex(row->private_key, priv, sizeof(priv));
        size_t pub_len = test_hex(row->public_key, pub, sizeof(pub));
        snprintf(what, sizeof(what), "RFC 8448 §%s line %d: {%s} public key from private key (line %d)",
                 row->section, row->public_line, row->side, row->private_line);
        assert_int_equal(tls_kex_from_private(&kex, row->group, priv, priv_len, NULL), TLS_OK);
        assert_bytes_equal(kex.public_key, kex.public_len, pub, pub_len, what);
        p256 += row->group == TLS_GROUP_secp256r1;
        tls_kex_wipe(&kex);
    }
    assert_int_equal(kex_rows_count, 11); /* 2 per section, + §5's first x25519 client share */
    assert_int_equal(p256, 2);
}

/* The last key pair of side in section (the one the handshake secret uses). */
static const struct kex_row *last_key(const char *section, const char *side)
{
    const struct kex_row *found = NULL;
    for (size_t i = 0; i < kex_rows_count; i++) {
        if (strcmp(kex_rows[i].section, section) == 0 && strcmp(kex_rows[i].side, side) == 0) {
            found = &kex_rows[i];
        }
    }
    assert_non_null(found);
    return found;
}

/* Both directions: client private x server public = server private x client public = IKM. */
static void rfc8448_shared_secrets(void **state)
{
    (void)state;
    for (size_t i = 0; i < shared_rows_count; i++) {
        const struct shared_row *row = &shared_rows[i];
        const struct kex_row *mine[2] = {last_key(row->section, "client"),
                                         last_key(row->section, "server")};
        uint8_t want[64], priv[64], peer[128], got[64];
        size_t want_len = test_hex(row->ikm, want, sizeof(want));
        for (int side = 0; side < 2; side++) {
            struct tls_kex kex;
            struct tls_error err = {0};
            char what[200];
            size_t got_len = 0;
            size_t priv_len = test_hex(mine[side]->private_key, priv, sizeof(priv));
            size_t peer_len = test_hex(mine[1 - side]->public_key, peer, sizeof(peer));
            assert_int_equal(tls_kex_from_private(&kex, mine[side]->group, priv, priv_len, NULL), TLS_OK);
            assert_int_equal(tls_kex_shared_secret(&kex, peer, peer_len, got, &got_len, &err),
                             TLS_OK);
            snprintf(what, sizeof(what),
                     "RFC 8448 §%s line %d: (EC)DHE shared secret (IKM of extract \"handshake\"), "
                     "from the %s's private key",
                     row->section, row->line, mine[side]->side);
            assert_bytes_equal(got, got_len, want, want_len, what);
            tls_kex_wipe(&kex);
        }
    }
    assert_int_equal(shared_rows_count, 5);
}

/* RFC 7748 §5: the top bit of a received u-coordinate is masked, so setting it changes nothing. */
static void x25519_top_bit_is_masked(void **state)
{
    (void)state;
    const struct kex_row *client = last_key("3", "client");
    const struct kex_row *server = last_key("3", "server");
    uint8_t priv[32], peer[32], got[32], want[32];
    size_t got_len = 0;
    struct tls_kex kex;
    struct tls_error err = {0};
    test_hex(client->private_key, priv, sizeof(priv));
    test_hex(server->public_key, peer, sizeof(peer));
    test_hex(shared_rows[0].ikm, want, sizeof(want));
    assert_int_equal(peer[31] & 0x80, 0);
    peer[31] |= 0x80;
    assert_int_equal(tls_kex_from_private(&kex, TLS_GROUP_x25519, priv, 32, NULL), TLS_OK);
    assert_int_equal(tls_kex_shared_secret(&kex, peer, 32, got, &got_len, &err), TLS_OK);
    assert_bytes_equal(got, got_len, want, 32,
                       "RFC 8448 §3 line 267: shared secret with the server share's top bit set "
                       "(RFC 7748 §5 must-mask)");
    tls_kex_wipe(&kex);
}

/* Low-order u-coordinates give the all-zero secret: RFC 8446 §7.4.2 abort, illegal_parameter. */
static void x25519_low_order_points_are_refused(void **state)
{
    (void)state;
    /* u = 0, u = 1, and a point of order 8 (u = e0eb7a7c..., a widely published low-order
     * Curve25519 point); all multiply to the identity for a clamped scalar. */
    static const char *const low_order[] = {
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
    };
    const struct kex_row *client = last_key("3", "client");
    uint8_t priv[32], peer[32], out[32];
    struct tls_kex kex;
    test_hex(client->private_key, priv, sizeof(priv));
    assert_int_equal(tls_kex_from_private(&kex, TLS_GROUP_x25519, priv, 32, NULL), TLS_OK);
    for (size_t i = 0; i < sizeof(low_order) / sizeof(low_order[0]); i++) {
        struct tls_error err = {0};
        size_t out_len = 0;
        test_hex(low_order[i], peer, sizeof(peer));
        memset(out, 0xaa, sizeof(out));
        assert_int_equal(tls_kex_shared_secret(&kex, peer, 32, out, &out_len, &err),
                         TLS_E_ALERT(TLS_ALERT_illegal_parameter));
        assert_non_null(err.reason);
        assert_non_null(strstr(err.reason, "§7.4.2"));
    }
    /* wrong lengths */
    for (size_t len = 0; len <= 33; len++) {
        struct tls_error err = {0};
        size_t out_len = 0;
        uint8_t any[33] = {9};
        if (len == 32) {
            continue;
        }
        assert_int_equal(tls_kex_shared_secret(&kex, any, len, out, &out_len, &err),
                         TLS_E_ALERT(TLS_ALERT_illegal_parameter));
    }
    tls_kex_wipe(&kex);
}

/* Two generated keys agree on one secret, for P-256 and P-384 (and x25519). */
static void generated_keys_agree(void **state)
{
    (void)state;
    static const uint16_t groups[] = {TLS_GROUP_secp256r1, TLS_GROUP_secp384r1, TLS_GROUP_x25519};
    struct tls_drbg *drbg = NULL;
    assert_int_equal(tls_drbg_create_deterministic(&drbg, (const uint8_t *)"kex test seed", 13, NULL),
                     TLS_OK);
    struct tls_rng rng = tls_drbg_rng(drbg);
    for (size_t g = 0; g < sizeof(groups) / sizeof(groups[0]); g++) {
        struct tls_kex a, b;
        struct tls_error err = {0};
        uint8_t s1[TLS_MAX_SHARED_SECRET_LEN], s2[TLS_MAX_SHARED_SECRET_LEN];
        size_t l1 = 0, l2 = 0;
        assert_true(tls_kex_supported(groups[g]));
        assert_int_equal(tls_kex_generate(&a, groups[g], &rng, NULL), TLS_OK);
        assert_int_equal(tls_kex_generate(&b, groups[g], &rng, NULL), TLS_OK);
        assert_int_equal(a.public_len, tls_kex_share_len(groups[g]));
        assert_memory_not_equal(a.public_key, b.public_key, a.public_len);
        assert_int_equal(tls_kex_shared_secret(&a, b.public_key, b.public_len, s1, &l1, &err), TLS_OK);
        assert_int_equal(tls_kex_shared_secret(&b, a.public_key, a.public_len, s2, &l2, &err), TLS_OK);
        assert_int_equal(l1, groups[g] == TLS_GROUP_secp384r1 ? 48 : 32);
        assert_bytes_equal(s1, l1, s2, l2, "ECDH agreement between two generated keys (self-consistency)");
        tls_kex_wipe(&a);
        tls_kex_wipe(&b);
    }
    tls_drbg_free(drbg);
    assert_int_equal(tls_kex_share_len(TLS_GROUP_secp256r1), 65);
    assert_int_equal(tls_kex_share_len(TLS_GROUP_secp384r1), 97);
    assert_int_equal(tls_kex_share_len(TLS_GROUP_x25519), 32);
    assert_false(tls_kex_supported(TLS_GROUP_x448));
    assert_int_equal(tls_kex_share_len(TLS_GROUP_ffdhe2048), 0);
}

static void expect_illegal(const struct tls_kex *kex, const uint8_t *peer, size_t len,
                           const char *why)
{
    struct tls_error err = {0};
    uint8_t out[TLS_MAX_SHARED_SECRET_LEN];
    size_t out_len = 0;
    tls_result rc = tls_kex_shared_secret(kex, peer, len, out, &out_len, &err);
    if (rc != TLS_E_ALERT(TLS_ALERT_illegal_parameter)) {
        fail_msg("%s: expected illegal_parameter, got %d", why, rc);
    }
    assert_non_null(err.reason);
}

/* RFC 8446 §4.2.8.2: not on the curve, compressed, infinity, wrong length -> illegal_parameter. */
static void nist_invalid_points_are_refused(void **state)
{
    (void)state;
    static const uint16_t groups[] = {TLS_GROUP_secp256r1, TLS_GROUP_secp384r1};
    struct tls_drbg *drbg = NULL;
    assert_int_equal(tls_drbg_create_deterministic(&drbg, (const uint8_t *)"invalid points", 14, NULL),
                     TLS_OK);
    struct tls_rng rng = tls_drbg_rng(drbg);
    for (size_t g = 0; g < 2; g++) {
        struct tls_kex mine, peer_kex;
        uint8_t bad[TLS_MAX_KEY_SHARE_LEN + 2];
        assert_int_equal(tls_kex_generate(&mine, groups[g], &rng, NULL), TLS_OK);
        assert_int_equal(tls_kex_generate(&peer_kex, groups[g], &rng, NULL), TLS_OK);
        size_t n = peer_kex.public_len;
        size_t coord = (n - 1) / 2;

        memcpy(bad, peer_kex.public_key, n);
        bad[n - 1] ^= 0x01; /* Y changed: off the curve */
        expect_illegal(&mine, bad, n, "point not on the curve");

        memcpy(bad, peer_kex.public_key, n);
        bad[0] = 0x02 | (peer_kex.public_key[n - 1] & 1); /* compressed form, full length */
        expect_illegal(&mine, bad, n, "compressed tag with uncompressed length");
        expect_illegal(&mine, bad, 1 + coord, "compressed point (0x02/0x03 || X)");

        bad[0] = 0x00; /* the point at infinity */
        expect_illegal(&mine, bad, 1, "infinity 0x00");
        memset(bad, 0, n);
        expect_illegal(&mine, bad, n, "all zero bytes");
        bad[0] = 0x04; /* (0, 0) is not on either curve */
        expect_illegal(&mine, bad, n, "04 || 0 || 0");

        memcpy(bad, peer_kex.public_key, n);
        bad[n] = 0;
        expect_illegal(&mine, bad, n + 1, "one byte too long");
        expect_illegal(&mine, bad, n - 1, "one byte too short");
        expect_illegal(&mine, bad, 0, "empty");
        /* the other curve's share length */
        expect_illegal(&mine, bad, groups[g] == TLS_GROUP_secp256r1 ? 97 : 65, "other curve's length");

        /* and the original is fine */
        struct tls_error err = {0};
        uint8_t out[48];
        size_t out_len = 0;
        assert_int_equal(tls_kex_shared_secret(&mine, peer_kex.public_key, n, out, &out_len, &err),
                         TLS_OK);
        tls_kex_wipe(&mine);
        tls_kex_wipe(&peer_kex);
    }
    tls_drbg_free(drbg);
}

/* Misuse by the caller is internal_error, not a crash. */
static void bad_private_keys(void **state)
{
    (void)state;
    struct tls_kex kex;
    uint8_t zeros[48] = {0};
    uint8_t out[48];
    size_t out_len;
    assert_int_equal(tls_kex_from_private(&kex, TLS_GROUP_x25519, zeros, 31, NULL), TLS_E_INTERNAL);
    assert_int_equal(tls_kex_from_private(&kex, TLS_GROUP_x448, zeros, 56, NULL), TLS_E_INTERNAL);
    /* d = 0 is not a NIST private key */
    assert_int_equal(tls_kex_from_private(&kex, TLS_GROUP_secp256r1, zeros, 32, NULL), TLS_E_INTERNAL);
    memset(&kex, 0, sizeof(kex));
    assert_int_equal(tls_kex_shared_secret(&kex, zeros, 32, out, &out_len, NULL), TLS_E_INTERNAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rfc8448_public_keys_from_private_keys),
        cmocka_unit_test(rfc8448_shared_secrets),
        cmocka_unit_test(x25519_top_bit_is_masked),
        cmocka_unit_test(x25519_low_order_points_are_refused),
        cmocka_unit_test(generated_keys_agree),
        cmocka_unit_test(nist_invalid_points_are_refused),
        cmocka_unit_test(bad_private_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
