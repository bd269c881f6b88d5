/*
 * kex.h — (EC)DHE key exchange for key_share (RFC 8446 §4.2.8, §7.4.2).
 *
 * Groups: x25519 (RFC 7748), secp256r1 and secp384r1 (uncompressed points, §4.2.8.2).
 *
 * Peer shares are validated before use: §4.2.8.2 "Peers MUST validate each other's public key"
 * (on the curve, not the point at infinity, uncompressed form only); for X25519, §7.4.2 "...MUST
 * check whether the computed Diffie-Hellman shared secret is the all-zero value and abort if so".
 * Both failures are illegal_parameter.
 *
 * The shared secret is, for X25519, the 32-byte output; for ECDHE, the X coordinate only,
 * left-padded to the field size (§7.4.2).
 */
#ifndef TLS13_CRYPTO_KEX_H
#define TLS13_CRYPTO_KEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "crypto/rng.h"

#define TLS_MAX_KEX_PRIVATE_LEN 48
#define TLS_MAX_KEY_SHARE_LEN 97   /* uncompressed secp384r1 point: 0x04 || X(48) || Y(48) */
#define TLS_MAX_SHARED_SECRET_LEN 48

struct tls_kex {
    uint16_t group;                               /* NamedGroup, e.g. 0x001d x25519 */
    uint8_t private_key[TLS_MAX_KEX_PRIVATE_LEN]; /* x25519: the 32 bytes as in RFC 7748 */
    size_t private_len;
    uint8_t public_key[TLS_MAX_KEY_SHARE_LEN];    /* KeyShareEntry.key_exchange */
    size_t public_len;
};

bool tls_kex_supported(uint16_t group);

/* Length of a key_exchange value for group (32, 65, 97), or 0 if unsupported. */
size_t tls_kex_share_len(uint16_t group);

tls_result tls_kex_generate(struct tls_kex *kex, uint16_t group, const struct tls_rng *rng,
                            struct tls_error *err);

/* Rebuilds a key pair from a known private key (to replay RFC 8448 traces). */
tls_result tls_kex_from_private(struct tls_kex *kex, uint16_t group, const uint8_t *private_key,
                                size_t private_len, struct tls_error *err);

/* shared gets tls_kex_share_len-dependent bytes (32, 32, 48); *shared_len set. */
tls_result tls_kex_shared_secret(const struct tls_kex *kex, const uint8_t *peer, size_t peer_len,
                                 uint8_t *shared, size_t *shared_len, struct tls_error *err);

void tls_kex_wipe(struct tls_kex *kex);

#endif
