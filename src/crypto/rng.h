/*
 * rng.h — where randomness comes from: a callback, so tests can inject RFC 8448's values.
 *
 * The client core never calls a random source directly: it is handed a struct tls_rng. The
 * program passes a CTR-DRBG seeded from the system's entropy; tests pass either a DRBG seeded
 * from a fixed seed (repeatable) or a tls_fixed_random that returns given bytes in order
 * (the RFC 8448 client random, for instance).
 */
#ifndef TLS13_CRYPTO_RNG_H
#define TLS13_CRYPTO_RNG_H

#include <stddef.h>
#include <stdint.h>

#include "common/error.h"

/* Fills out with len random bytes; returns 0 on success, non-zero on failure. */
typedef int (*tls_random_fn)(void *ctx, uint8_t *out, size_t len);

struct tls_rng {
    tls_random_fn fill;
    void *ctx;
};

/* Fills out from rng; internal_error if the source fails. */
tls_result tls_random(const struct tls_rng *rng, uint8_t *out, size_t len, struct tls_error *err);

/* CTR-DRBG (NIST SP 800-90A, AES-256). Allocated inside src/crypto; free with tls_drbg_free. */
struct tls_drbg;

/* Seeded from the system entropy source. */
tls_result tls_drbg_create(struct tls_drbg **out, const char *personalization,
                           struct tls_error *err);
/* Seeded only from seed: the same seed gives the same bytes (for tests). */
tls_result tls_drbg_create_deterministic(struct tls_drbg **out, const uint8_t *seed, size_t len,
                                         struct tls_error *err);
void tls_drbg_free(struct tls_drbg *drbg);
/* A struct tls_rng drawing from drbg. */
struct tls_rng tls_drbg_rng(struct tls_drbg *drbg);

/* Returns the given bytes in order, then fails: for replaying recorded traces. */
struct tls_fixed_random {
    const uint8_t *bytes;
    size_t len;
    size_t pos;
};
int tls_fixed_random_fill(void *fixed_random, uint8_t *out, size_t len);

#endif
