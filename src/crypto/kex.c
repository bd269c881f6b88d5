/*
 * kex.c — (EC)DHE for the key_share extension: x25519 (RFC 7748 §5, §6.1), secp256r1 and
 * secp384r1 (RFC 8446 §4.2.8.2, §7.4.2).
 *
 * Implementation notes
 * --------------------
 * Encodings differ by group, and RFC 8446 fixes both:
 *
 *   x25519     key_exchange = the 32-byte u-coordinate, little-endian (RFC 7748 §5);
 *              shared secret = the 32-byte X25519 output (RFC 8446 §7.4.2).
 *   secp*r1    key_exchange = UncompressedPointRepresentation (0x04 || X || Y, §4.2.8.2);
 *              shared secret = X of the product point, fixed length, leading zeros kept (§7.4.2).
 *
 * Mbed TLS handles Curve25519 as a Montgomery curve inside mbedtls_ecp: the scalar is an mpi
 * read little-endian, and its point I/O reads/writes the u-coordinate little-endian. Two RFC 7748
 * rules are applied here, in plain sight, rather than trusted to the library:
 *   - decodeScalar25519 "clamping" of the private key (clear bits 0-2 and 255, set bit 254), so
 *     tls_kex_from_private() reproduces RFC 8448's public keys from its private keys;
 *   - masking the top bit of a received u-coordinate (RFC 7748 §5 "MUST mask").
 *
 * Mbed TLS blinds scalar multiplication with random values (a side-channel counter-measure);
 * where the API gives us no struct tls_rng, one CTR-DRBG from system entropy, created on first
 * use and kept for the life of the process, supplies them (seeding a new one for every operation
 * cost more than the multiplication). The blinding does not change any result.
 */
#include "crypto/kex.h"

#include <string.h>

#include <mbedtls/bignum.h>
#include <mbedtls/ecdh.h>
#include <mbedtls/ecp.h>

#include "common/names.h"
#include "crypto/util.h"

struct curve {
    uint16_t group;            /* NamedGroup */
    mbedtls_ecp_group_id id;
    size_t private_len;        /* bytes of the private scalar */
    size_t share_len;          /* bytes of KeyShareEntry.key_exchange */
    size_t secret_len;         /* bytes of the shared secret */
    int montgomery;            /* 1 for x25519 */
};

static const struct curve curves[] = {
    {TLS_GROUP_x25519, MBEDTLS_ECP_DP_CURVE25519, 32, 32, 32, 1},
    {TLS_GROUP_secp256r1, MBEDTLS_ECP_DP_SECP256R1, 32, 65, 32, 0},
    {TLS_GROUP_secp384r1, MBEDTLS_ECP_DP_SECP384R1, 48, 97, 48, 0},
};

static const struct curve *curve_find(uint16_t group)
{
    for (size_t i = 0; i < sizeof(curves) / sizeof(curves[0]); i++) {
        if (curves[i].group == group) {
            return &curves[i];
        }
    }
    return NULL;
}

bool tls_kex_supported(uint16_t group)
{
    return curve_find(group) != NULL;
}

size_t tls_kex_share_len(uint16_t group)
{
    const struct curve *c = curve_find(group);
    return c != NULL ? c->share_len : 0;
}

/* mbedtls's f_rng signature over a struct tls_rng. */
static int mbed_rng(void *ctx, unsigned char *out, size_t len)
{
    const struct tls_rng *rng = ctx;
    return rng->fill(rng->ctx, out, len) == 0 ? 0 : MBEDTLS_ERR_ECP_RANDOM_FAILED;
}

/* Everything one operation needs; opened and closed around each public call. */
struct ec_work {
    mbedtls_ecp_group grp;
    mbedtls_mpi d;            /* our private scalar */
    mbedtls_mpi z;            /* shared secret (X of d*Q) */
    mbedtls_ecp_point peer;   /* Q, the peer's share */
    mbedtls_ecp_point pub;    /* d*G, our share */
    struct tls_rng blind_rng; /* blinding randomness (blinding_rng()) */
};

/* The process-wide blinding source, created on first use. This client is single-threaded; a
 * threaded caller must make its first key exchange before starting threads. */
static tls_result blinding_rng(struct tls_rng *rng)
{
    static struct tls_drbg *drbg = NULL;
    if (drbg == NULL) {
        TRY(tls_drbg_create(&drbg, "tls13 ecp blinding", NULL));
    }
    *rng = tls_drbg_rng(drbg);
    return TLS_OK;
}

static void work_close(struct ec_work *w)
{
    mbedtls_ecp_group_free(&w->grp);
    mbedtls_mpi_free(&w->d); /* mbedtls zeroizes mpi limbs on free */
    mbedtls_mpi_free(&w->z);
    mbedtls_ecp_point_free(&w->peer);
    mbedtls_ecp_point_free(&w->pub);
}

static tls_result work_open(struct ec_work *w, const struct curve *c, struct tls_error *err)
{
    mbedtls_ecp_group_init(&w->grp);
    mbedtls_mpi_init(&w->d);
    mbedtls_mpi_init(&w->z);
    mbedtls_ecp_point_init(&w->peer);
    mbedtls_ecp_point_init(&w->pub);
    if (mbedtls_ecp_group_load(&w->grp, c->id) != 0) {
        work_close(w);
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 8446 §4.2.7: curve not available");
    }
    tls_result rc = blinding_rng(&w->blind_rng);
    if (rc != TLS_OK) {
        work_close(w);
    }
    return rc;
}

/*
 * The private scalar into w->d. RFC 7748 §5 decodeScalar25519:
 *     k_list[0] &= 248; k_list[31] &= 127; k_list[31] |= 64
 * i.e. a multiple of the cofactor 8, with bit 254 the top bit. NIST keys are big-endian,
 * 1 <= d < n.
 */
static tls_result load_private(struct ec_work *w, const struct curve *c, const uint8_t *key,
                               struct tls_error *err)
{
    int rc;
    if (c->montgomery) {
        rc = mbedtls_mpi_read_binary_le(&w->d, key, c->private_len);
        rc = rc != 0 ? rc : mbedtls_mpi_set_bit(&w->d, 0, 0);
        rc = rc != 0 ? rc : mbedtls_mpi_set_bit(&w->d, 1, 0);
        rc = rc != 0 ? rc : mbedtls_mpi_set_bit(&w->d, 2, 0);
        rc = rc != 0 ? rc : mbedtls_mpi_set_bit(&w->d, 255, 0);
        rc = rc != 0 ? rc : mbedtls_mpi_set_bit(&w->d, 254, 1);
    } else {
        rc = mbedtls_mpi_read_binary(&w->d, key, c->private_len);
    }
    if (rc != 0 || mbedtls_ecp_check_privkey(&w->grp, &w->d) != 0) {
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 8446 §4.2.8: invalid private key");
    }
    return TLS_OK;
}

/* Our share: d*G, encoded as KeyShareEntry.key_exchange. */
static tls_result compute_public(struct ec_work *w, const struct curve *c, struct tls_kex *kex,
                                 struct tls_error *err)
{
    size_t olen = 0;
    if (mbedtls_ecp_mul(&w->grp, &w->pub, &w->d, &w->grp.G, mbed_rng, &w->blind_rng) != 0 ||
        mbedtls_ecp_point_write_binary(&w->grp, &w->pub, MBEDTLS_ECP_PF_UNCOMPRESSED, &olen,
                                       kex->public_key, sizeof(kex->public_key)) != 0 ||
        olen != c->share_len) {
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 8446 §4.2.8: computing the key share failed");
    }
    kex->public_len = olen;
    return TLS_OK;
}

tls_result tls_kex_from_private(struct tls_kex *kex, uint16_t group, const uint8_t *private_key,
                                size_t private_len, struct tls_error *err)
{
    const struct curve *c = curve_find(group);
    tls_kex_wipe(kex);
    if (c == NULL || private_len != c->private_len) {
        return tls_fail(err, TLS_ALERT_internal_error,
                        "RFC 8446 §4.2.7: unsupported group or private key length");
    }
    struct ec_work w;
    TRY(work_open(&w, c, err));
    tls_result rc = load_private(&w, c, private_key, err);
    if (rc == TLS_OK) {
        rc = compute_public(&w, c, kex, err);
    }
    work_close(&w);
    if (rc != TLS_OK) {
        tls_kex_wipe(kex);
        return rc;
    }
    kex->group = group;
    memcpy(kex->private_key, private_key, private_len); /* as given: clamping happens at use */
    kex->private_len = private_len;
    return TLS_OK;
}

tls_result tls_kex_generate(struct tls_kex *kex, uint16_t group, const struct tls_rng *rng,
                            struct tls_error *err)
{
    const struct curve *c = curve_find(group);
    uint8_t key[TLS_MAX_KEX_PRIVATE_LEN];
    if (c == NULL) {
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 8446 §4.2.7: unsupported group");
    }
    if (c->montgomery) {
        /* RFC 7748 §6.1: "generates 32 random bytes"; any 32 bytes are a valid key */
        TRY(tls_random(rng, key, c->private_len, err));
    } else {
        /* NIST: a uniformly random 1 <= d < n, drawn by mbedtls from our source */
        struct ec_work w;
        struct tls_rng source = *rng; /* mbedtls wants a non-const context pointer */
        TRY(work_open(&w, c, err));
        int mrc = mbedtls_ecp_gen_privkey(&w.grp, &w.d, mbed_rng, &source);
        if (mrc == 0) {
            mrc = mbedtls_mpi_write_binary(&w.d, key, c->private_len);
        }
        work_close(&w);
        if (mrc != 0) {
            tls_wipe(key, sizeof(key));
            return tls_fail(err, TLS_ALERT_internal_error,
                            "RFC 8446 §C.1: generating an ECDHE private key failed");
        }
    }
    tls_result rc = tls_kex_from_private(kex, group, key, c->private_len, err);
    tls_wipe(key, sizeof(key));
    return rc;
}

/*
 * The peer's share into w->peer, validated.
 *
 * RFC 8446 §4.2.8.2:
 *   struct {
 *       uint8 legacy_form = 4;
 *       opaque X[coordinate_length];
 *       opaque Y[coordinate_length];
 *   } UncompressedPointRepresentation;
 */
static tls_result load_peer(struct ec_work *w, const struct curve *c, const uint8_t *peer,
                            size_t peer_len, struct tls_error *err)
{
    uint8_t u[32];
    if (peer_len != c->share_len) {
        return tls_fail(err, TLS_ALERT_illegal_parameter,
                        "RFC 8446 §4.2.8.2: key_exchange has the wrong length for its group");
    }
    if (c->montgomery) {
        /* RFC 7748 §5: "When receiving such an array, implementations of X25519 (but not
         * X448) MUST mask the most significant bit in the final byte." */
        memcpy(u, peer, sizeof(u));
        u[31] &= 0x7f;
        if (mbedtls_ecp_point_read_binary(&w->grp, &w->peer, u, sizeof(u)) != 0) {
            return tls_fail(err, TLS_ALERT_illegal_parameter, "RFC 7748 §5: bad X25519 share");
        }
        return TLS_OK;
    }
    /* Only the uncompressed form exists in TLS 1.3; 0x00 (infinity), 0x02/0x03 (compressed)
     * are not points TLS 1.3 can carry. */
    if (peer[0] != 0x04) {
        return tls_fail(err, TLS_ALERT_illegal_parameter,
                        "RFC 8446 §4.2.8.2: legacy_form must be 4 (uncompressed point)");
    }
    /* RFC 8446 §4.2.8.2: "Peers MUST validate each other's public key Y by ensuring that the
     * point is a valid point on the elliptic curve." */
    if (mbedtls_ecp_point_read_binary(&w->grp, &w->peer, peer, peer_len) != 0 ||
        mbedtls_ecp_check_pubkey(&w->grp, &w->peer) != 0) {
        return tls_fail(err, TLS_ALERT_illegal_parameter,
                        "RFC 8446 §4.2.8.2: key share is not a valid point on the curve");
    }
    return TLS_OK;
}

/* X of d*Q into shared, fixed length (little-endian for X25519, big-endian for NIST). */
static tls_result compute_shared(struct ec_work *w, const struct curve *c, uint8_t *shared,
                                 struct tls_error *err)
{
    int mrc = mbedtls_ecdh_compute_shared(&w->grp, &w->z, &w->peer, &w->d, mbed_rng,
                                          &w->blind_rng);
    if (mrc == MBEDTLS_ERR_ECP_RANDOM_FAILED) {
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 8446 §C.1: blinding randomness failed");
    }
    if (mrc != 0) {
        /* mbedtls refuses a product that is the point at infinity / all-zero: a low-order share */
        return tls_fail(err, TLS_ALERT_illegal_parameter,
                        "RFC 8446 §7.4.2: the (EC)DH shared secret is the all-zero value");
    }
    /* RFC 8446 §7.4.2: "leading zeros found in this octet string MUST NOT be truncated" */
    mrc = c->montgomery ? mbedtls_mpi_write_binary_le(&w->z, shared, c->secret_len)
                        : mbedtls_mpi_write_binary(&w->z, shared, c->secret_len);
    if (mrc != 0) {
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 8446 §7.4.2: shared secret encoding");
    }
    return TLS_OK;
}

tls_result tls_kex_shared_secret(const struct tls_kex *kex, const uint8_t *peer, size_t peer_len,
                                 uint8_t *shared, size_t *shared_len, struct tls_error *err)
{
    const struct curve *c = curve_find(kex->group);
    if (c == NULL || kex->private_len != c->private_len) {
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 8446 §4.2.8: no key share of ours");
    }
    struct ec_work w;
    TRY(work_open(&w, c, err));
    tls_result rc = load_peer(&w, c, peer, peer_len, err);
    if (rc == TLS_OK) {
        rc = load_private(&w, c, kex->private_key, err);
    }
    if (rc == TLS_OK) {
        rc = compute_shared(&w, c, shared, err);
    }
    work_close(&w);
    /* RFC 8446 §7.4.2: "For X25519 and X448, implementations MUST check whether the computed
     * Diffie-Hellman shared secret is the all-zero value and abort if so". Checked here too, so
     * the rule does not rest on the library's behaviour alone. */
    if (rc == TLS_OK && c->montgomery) {
        static const uint8_t zeros[32] = {0};
        if (tls_ct_equal(shared, zeros, c->secret_len)) {
            rc = tls_fail(err, TLS_ALERT_illegal_parameter,
                          "RFC 8446 §7.4.2: the X25519 shared secret is the all-zero value");
        }
    }
    if (rc != TLS_OK) {
        tls_wipe(shared, c->secret_len);
        return rc;
    }
    *shared_len = c->secret_len;
    return TLS_OK;
}

void tls_kex_wipe(struct tls_kex *kex)
{
    tls_wipe(kex, sizeof(*kex));
}
