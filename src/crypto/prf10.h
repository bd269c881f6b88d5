/*
 * prf10.h — the pseudorandom function of TLS 1.0 and 1.1 (RFC 2246 §5, RFC 4346 §5; DTLS 1.0,
 * RFC 4347, uses the same) and the MD5 + SHA-1 hash of their handshake messages (RFC 2246 §7.4.9).
 *
 * Implementation notes
 * --------------------
 * TLS 1.2 replaced this PRF with a single P_<hash> (RFC 5246 §5); TLS 1.0 and 1.1 split the
 * secret in two halves, S1 the first and S2 the last ceil(len/2) bytes (they share the middle
 * byte when the length is odd), and XOR two expansions:
 *     PRF(secret, label, seed) = P_MD5(S1, label + seed) XOR P_SHA-1(S2, label + seed)
 *     P_hash(secret, seed) = HMAC_hash(secret, A(1) + seed) + HMAC_hash(secret, A(2) + seed) + ...
 *         A(0) = seed, A(i) = HMAC_hash(secret, A(i-1))
 * It gives the master secret, the key block (§6.3) and the Finished verify_data (§7.4.9):
 *     verify_data = PRF(master_secret, finished_label, MD5(handshake_messages) +
 *                                                      SHA-1(handshake_messages))[0..11]
 * so a passive decoder keeps both hashes over the handshake messages, in struct tls_md5_sha1,
 * until it knows the version. Like struct tls_hash, the state is an opaque fixed-size block: a
 * connection holds it without the heap or an mbedtls header. The client (TLS 1.3 only) never
 * uses any of this; the decoder does, for captures of old connections.
 */
#ifndef TLS13_CRYPTO_PRF10_H
#define TLS13_CRYPTO_PRF10_H

#include <stddef.h>
#include <stdint.h>

#include "common/error.h"

#define TLS_MD5_SHA1_LEN 36 /* MD5 (16) + SHA-1 (20) */

struct tls_md5_sha1 {
    _Alignas(16) unsigned char state[256]; /* mbedtls_md5_context + mbedtls_sha1_context */
};

tls_result tls_md5_sha1_init(struct tls_md5_sha1 *h, struct tls_error *err);
tls_result tls_md5_sha1_update(struct tls_md5_sha1 *h, const uint8_t *data, size_t len,
                               struct tls_error *err);
/* out = MD5(everything so far) || SHA-1(everything so far); h keeps running. */
tls_result tls_md5_sha1_peek(const struct tls_md5_sha1 *h, uint8_t out[TLS_MD5_SHA1_LEN],
                             struct tls_error *err);
void tls_md5_sha1_wipe(struct tls_md5_sha1 *h);

/* out[0..out_len) = PRF(secret, label, seed) of RFC 2246 §5. label + seed at most 128 bytes. */
tls_result tls_prf10(const uint8_t *secret, size_t secret_len, const char *label, const uint8_t *seed,
                     size_t seed_len, uint8_t *out, size_t out_len, struct tls_error *err);

#endif
