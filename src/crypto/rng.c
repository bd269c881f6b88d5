/*
 * rng.c — random bytes for ClientHello.random, key shares and legacy_session_id
 * (RFC 8446 §4.1.2, §4.2.8; Appendix C.1 "Random Number Generation and Seeding").
 *
 * Implementation notes
 * --------------------
 * RFC 8446 Appendix C.1: "TLS requires a cryptographically secure pseudorandom number generator
 * (CSPRNG)." The program uses NIST SP 800-90A CTR_DRBG (AES-256) from Mbed TLS, seeded from
 * the operating system through mbedtls_entropy. The DRBG lives on the heap, inside src/crypto,
 * so that the layers above never see an mbedtls type (and never allocate).
 *
 * For tests there are two repeatable sources:
 *   - tls_drbg_create_deterministic(): the same CTR_DRBG, but its "entropy" callback hands out
 *     the caller's seed bytes (cycling through them when asked for more), so a seed always
 *     produces the same stream. Never use it for a real connection.
 *   - struct tls_fixed_random: returns recorded bytes in order (RFC 8448's client random and
 *     key share), then fails, so a test notices when the client draws more than the trace has.
 */
#include "crypto/rng.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>

#include "crypto/util.h"

#define TLS_DRBG_MAX_SEED 256

struct tls_drbg {
    mbedtls_ctr_drbg_context ctr_drbg;
    mbedtls_entropy_context entropy; /* used only when seeded from the system */
    bool has_entropy;
    uint8_t seed[TLS_DRBG_MAX_SEED]; /* deterministic variant: the caller's seed */
    size_t seed_len;
    size_t seed_pos;
};

tls_result tls_random(const struct tls_rng *rng, uint8_t *out, size_t len, struct tls_error *err)
{
    if (rng == NULL || rng->fill == NULL) {
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 8446 §C.1: no random source");
    }
    if (rng->fill(rng->ctx, out, len) != 0) {
        tls_wipe(out, len);
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 8446 §C.1: random source failed");
    }
    return TLS_OK;
}

/* Frees everything a (possibly half-built) DRBG holds, secrets first. */
void tls_drbg_free(struct tls_drbg *drbg)
{
    if (drbg == NULL) {
        return;
    }
    mbedtls_ctr_drbg_free(&drbg->ctr_drbg);
    if (drbg->has_entropy) {
        mbedtls_entropy_free(&drbg->entropy);
    }
    tls_wipe(drbg, sizeof(*drbg));
    free(drbg);
}

tls_result tls_drbg_create(struct tls_drbg **out, const char *personalization,
                           struct tls_error *err)
{
    *out = NULL;
    struct tls_drbg *drbg = calloc(1, sizeof(*drbg));
    if (drbg == NULL) {
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 8446 §C.1: out of memory for the DRBG");
    }
    mbedtls_ctr_drbg_init(&drbg->ctr_drbg);
    mbedtls_entropy_init(&drbg->entropy);
    drbg->has_entropy = true;
    /* The personalization string separates this instance from others seeded at the same time. */
    const char *pers = personalization != NULL ? personalization : "tls13";
    if (mbedtls_ctr_drbg_seed(&drbg->ctr_drbg, mbedtls_entropy_func, &drbg->entropy,
                              (const unsigned char *)pers, strlen(pers)) != 0) {
        tls_drbg_free(drbg);
        return tls_fail(err, TLS_ALERT_internal_error,
                        "RFC 8446 §C.1: could not seed the DRBG from system entropy");
    }
    *out = drbg;
    return TLS_OK;
}

/* The deterministic "entropy source": the seed bytes, in order, wrapping around. */
static int seed_entropy(void *ctx, unsigned char *out, size_t len)
{
    struct tls_drbg *drbg = ctx;
    for (size_t i = 0; i < len; i++) {
        out[i] = drbg->seed[drbg->seed_pos];
        drbg->seed_pos = (drbg->seed_pos + 1) % drbg->seed_len;
    }
    return 0;
}

tls_result tls_drbg_create_deterministic(struct tls_drbg **out, const uint8_t *seed, size_t len,
                                         struct tls_error *err)
{
    *out = NULL;
    if (len == 0 || len > TLS_DRBG_MAX_SEED) {
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 8446 §C.1: deterministic DRBG seed must be 1..256 bytes");
    }
    struct tls_drbg *drbg = calloc(1, sizeof(*drbg));
    if (drbg == NULL) {
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 8446 §C.1: out of memory for the DRBG");
    }
    mbedtls_ctr_drbg_init(&drbg->ctr_drbg);
    memcpy(drbg->seed, seed, len);
    drbg->seed_len = len;
    if (mbedtls_ctr_drbg_seed(&drbg->ctr_drbg, seed_entropy, drbg, NULL, 0) != 0) {
        tls_drbg_free(drbg);
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 8446 §C.1: could not seed the deterministic DRBG");
    }
    *out = drbg;
    return TLS_OK;
}

/* tls_random_fn over a DRBG: CTR_DRBG serves at most MBEDTLS_CTR_DRBG_MAX_REQUEST per call. */
static int drbg_fill(void *ctx, uint8_t *out, size_t len)
{
    struct tls_drbg *drbg = ctx;
    while (len > 0) {
        size_t chunk = len < MBEDTLS_CTR_DRBG_MAX_REQUEST ? len : MBEDTLS_CTR_DRBG_MAX_REQUEST;
        if (mbedtls_ctr_drbg_random(&drbg->ctr_drbg, out, chunk) != 0) {
            return -1;
        }
        out += chunk;
        len -= chunk;
    }
    return 0;
}

struct tls_rng tls_drbg_rng(struct tls_drbg *drbg)
{
    struct tls_rng rng = {drbg_fill, drbg};
    return rng;
}

int tls_fixed_random_fill(void *fixed_random, uint8_t *out, size_t len)
{
    struct tls_fixed_random *f = fixed_random;
    /* All or nothing: a partial answer would hide that the trace ran out. */
    if (f->pos > f->len || len > f->len - f->pos) {
        return -1;
    }
    if (len == 0) {
        return 0;
    }
    memcpy(out, f->bytes + f->pos, len);
    f->pos += len;
    return 0;
}
