/*
 * sign.c — RSASSA-PSS signing for CertificateVerify (RFC 8446 §4.2.3, §4.4.3; RFC 8017 §8.1.1).
 * See sign.h for who uses it and why the salt comes from the caller's random source.
 *
 * RSASSA-PSS-SIGN(K, M) = EMSA-PSS-ENCODE(M, modBits - 1) (§9.1.1), then s = m^d mod n
 * (RSASP1, §5.2.1); Mbed TLS does both in mbedtls_rsa_rsassa_pss_sign_ext(). The key is loaded
 * through a pk context so that the same calls work with Mbed TLS 2.28 and 3.x (their
 * mbedtls_rsa_init() differ; mbedtls_pk_setup() hides it).
 */
#include "crypto/sign.h"

#include <mbedtls/md.h>
#include <mbedtls/pk.h>
#include <mbedtls/rsa.h>

#include "common/names.h"

/* The hash of each rsa_pss_rsae_* scheme (RFC 8446 §4.2.3); MBEDTLS_MD_NONE for others. */
static mbedtls_md_type_t pss_hash(uint16_t scheme)
{
    switch (scheme) {
    case TLS_SIG_rsa_pss_rsae_sha256:
        return MBEDTLS_MD_SHA256;
    case TLS_SIG_rsa_pss_rsae_sha384:
        return MBEDTLS_MD_SHA384;
    case TLS_SIG_rsa_pss_rsae_sha512:
        return MBEDTLS_MD_SHA512;
    default:
        return MBEDTLS_MD_NONE;
    }
}

/* Mbed TLS's f_rng shape over a struct tls_rng. */
static int rng_adapter(void *ctx, unsigned char *out, size_t len)
{
    return tls_random(ctx, out, len, NULL) == TLS_OK ? 0 : -1;
}

/* The key's integers into an RSA context; 0 when they form a consistent private key. */
static int load_key(mbedtls_rsa_context *rsa, const struct tls_rsa_private_key *key,
                    mbedtls_md_type_t md)
{
    int rc = mbedtls_rsa_import_raw(rsa, key->n, key->n_len, key->p, key->p_len, key->q,
                                    key->q_len, key->d, key->d_len, key->e, key->e_len);
    if (rc == 0) {
        rc = mbedtls_rsa_complete(rsa); /* the CRT values (dP, dQ, qInv) from p, q, d */
    }
    if (rc == 0) {
        rc = mbedtls_rsa_check_privkey(rsa);
    }
    /* PKCS#1 v2.1 = PSS; MGF1 with the scheme's hash (§4.2.3) */
    mbedtls_rsa_set_padding(rsa, MBEDTLS_RSA_PKCS_V21, (int)md);
    return rc;
}

tls_result tls_rsa_pss_sign(uint16_t scheme, const struct tls_rsa_private_key *key,
                            const uint8_t *msg, size_t msg_len, const struct tls_rng *rng,
                            uint8_t *sig, size_t sig_cap, size_t *sig_len, struct tls_error *err)
{
    static const uint8_t empty[1] = {0};
    mbedtls_md_type_t md = pss_hash(scheme);
    if (md == MBEDTLS_MD_NONE) {
        return tls_fail(err, TLS_ALERT_internal_error,
                        "RFC 8446 §4.2.3: only rsa_pss_rsae_* schemes can be signed here");
    }
    const mbedtls_md_info_t *info = mbedtls_md_info_from_type(md);
    uint8_t hash[MBEDTLS_MD_MAX_SIZE];
    size_t hash_len = mbedtls_md_get_size(info);
    if (mbedtls_md(info, msg != NULL ? msg : empty, msg_len, hash) != 0) {
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 8446 §4.4.3: hashing failed");
    }
    mbedtls_pk_context pk;
    mbedtls_pk_init(&pk);
    tls_result result = TLS_OK;
    if (mbedtls_pk_setup(&pk, mbedtls_pk_info_from_type(MBEDTLS_PK_RSA)) != 0 ||
        load_key(mbedtls_pk_rsa(pk), key, md) != 0) {
        result = tls_fail(err, TLS_ALERT_internal_error,
                          "RFC 8017 §3.2: the RSA private key is not consistent");
    } else if (mbedtls_rsa_get_len(mbedtls_pk_rsa(pk)) > sig_cap) {
        result = tls_fail(err, TLS_ALERT_internal_error,
                          "RFC 8017 §8.1.1: signature buffer shorter than the modulus");
    } else if (mbedtls_rsa_rsassa_pss_sign_ext(mbedtls_pk_rsa(pk), rng_adapter, (void *)rng, md,
                                               (unsigned int)hash_len, hash, (int)hash_len,
                                               sig) != 0) {
        /* RFC 8446 §4.2.3: "The length of the Salt MUST be equal to the length of the output
         * of the digest algorithm" -- saltlen = hash_len above. */
        result = tls_fail(err, TLS_ALERT_internal_error,
                          "RFC 8017 §9.1.1: RSASSA-PSS signing failed (modulus too short for "
                          "hash and salt, or the random source failed)");
    } else {
        *sig_len = mbedtls_rsa_get_len(mbedtls_pk_rsa(pk));
    }
    mbedtls_pk_free(&pk); /* frees (and zeroizes) the private key material */
    return result;
}
