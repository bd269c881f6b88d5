/*
 * hash.h — SHA-256 / SHA-384 and the running transcript hash (RFC 8446 §4.4.1).
 *
 * Implementation notes
 * --------------------
 * Every TLS 1.3 cipher suite names a hash (the _SHA256 / _SHA384 suffix); the key schedule,
 * HMAC and the transcript all use it. The transcript hash is "Hash(Handshake Context)": the
 * hash of every handshake message so far, concatenated, headers included (§4.4.1). Secrets are
 * derived from the hash *at several points* of the handshake (after ServerHello, after server
 * Finished, ...), so the running hash must be readable without being finished: tls_hash_peek()
 * finishes a clone and leaves the running one untouched.
 *
 * The context is a fixed-size opaque block so that a connection struct can hold it without
 * any heap allocation and without including mbedtls outside src/crypto.
 */
#ifndef TLS13_CRYPTO_HASH_H
#define TLS13_CRYPTO_HASH_H

#include <stddef.h>
#include <stdint.h>

#include "common/error.h"

enum tls_hash_alg {
    TLS_HASH_NONE = 0,
    TLS_HASH_SHA256,
    TLS_HASH_SHA384,
};

#define TLS_MAX_HASH_LEN 48

/* Output length in bytes: 32 or 48 (0 for TLS_HASH_NONE). */
size_t tls_hash_len(enum tls_hash_alg alg);

/* "SHA-256" / "SHA-384". */
const char *tls_hash_name(enum tls_hash_alg alg);

struct tls_hash {
    enum tls_hash_alg alg;
    _Alignas(16) unsigned char state[256]; /* mbedtls_sha256/512_context, opaque here */
};

/* One-shot: out = Hash(data). out must hold tls_hash_len(alg) bytes. */
tls_result tls_hash(enum tls_hash_alg alg, const uint8_t *data, size_t len, uint8_t *out,
                    struct tls_error *err);

tls_result tls_hash_init(struct tls_hash *h, enum tls_hash_alg alg, struct tls_error *err);
tls_result tls_hash_update(struct tls_hash *h, const uint8_t *data, size_t len,
                           struct tls_error *err);
/* Current digest of everything fed so far; h keeps running (a clone is finished). */
tls_result tls_hash_peek(const struct tls_hash *h, uint8_t *out, struct tls_error *err);
/* Copies the running state (e.g. to hash a truncated ClientHello for a PSK binder). */
void tls_hash_clone(struct tls_hash *dst, const struct tls_hash *src);
void tls_hash_wipe(struct tls_hash *h);

/* HMAC(key, data) with the given hash (RFC 2104); out holds tls_hash_len(alg) bytes. */
tls_result tls_hmac(enum tls_hash_alg alg, const uint8_t *key, size_t key_len,
                    const uint8_t *data, size_t len, uint8_t *out, struct tls_error *err);

#endif
