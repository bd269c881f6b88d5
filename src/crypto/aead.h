/*
 * aead.h — record protection (RFC 8446 §5.2, §5.3).
 *
 * §5.3 per-record nonce: the 64-bit record sequence number, big-endian, left-padded with zeros
 * to iv_length, XORed with the static write_iv. Each direction has its own sequence number,
 * reset to 0 whenever its key changes.
 *
 * §5.2: AEAD-Encrypt(write_key, nonce, additional_data, plaintext) with
 *       additional_data = TLSCiphertext.opaque_type || legacy_record_version || length
 * (the 5-byte record header of the protected record itself).
 *
 * tls_aead_open() releases nothing unless the tag verifies: on a bad tag the output buffer is
 * wiped and the result is bad_record_mac (§5.2: "If the decryption fails, the receiver MUST
 * terminate the connection with a "bad_record_mac" alert").
 * Both functions work in place (in == out).
 *
 * Two ways to use them. tls_aead_seal()/tls_aead_open() take the traffic keys and key a fresh
 * AEAD for the one call (for tools and tests that touch a key once or twice). A connection's
 * record layer keys a struct tls_aead once, when the key is installed (tls_aead_setup()), and
 * seals and opens every record of that key with it (tls_aead_ctx_seal()/tls_aead_ctx_open()):
 * the AES key expansion and the GHASH table are computed once per key, not once per record,
 * and sealing or opening a record allocates nothing. tls_aead_free() wipes it when the key is
 * replaced or the connection ends.
 */
#ifndef TLS13_CRYPTO_AEAD_H
#define TLS13_CRYPTO_AEAD_H

#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "crypto/key_schedule.h"

void tls_aead_nonce(const struct tls_traffic_keys *keys, uint64_t seq, uint8_t nonce[TLS_IV_LEN]);

/* out receives len + TLS_AEAD_TAG_LEN bytes: ciphertext then tag. */
tls_result tls_aead_seal(const struct tls_traffic_keys *keys, uint64_t seq, const uint8_t *aad,
                         size_t aad_len, const uint8_t *in, size_t len, uint8_t *out,
                         struct tls_error *err);

/* in holds ciphertext || tag (len >= TLS_AEAD_TAG_LEN); out receives len - TLS_AEAD_TAG_LEN. */
tls_result tls_aead_open(const struct tls_traffic_keys *keys, uint64_t seq, const uint8_t *aad,
                         size_t aad_len, const uint8_t *in, size_t len, uint8_t *out,
                         struct tls_error *err);

/*
 * One traffic key, keyed for AEAD-Encrypt/-Decrypt: an Mbed TLS GCM or ChaCha20-Poly1305
 * context kept in opaque storage (only src/crypto includes Mbed TLS; aead.c checks at compile
 * time that both contexts fit). Setting up a GCM key allocates once (Mbed TLS keeps the AES
 * round keys on the heap): a set-up struct tls_aead must reach tls_aead_free().
 * It may be moved (copied, then the original forgotten without tls_aead_free()), never
 * duplicated: two copies in use would free the same memory twice.
 */
#define TLS_AEAD_STATE_SIZE 512
struct tls_aead {
    const struct tls_cipher_suite *suite; /* NULL: not set up (all zero bytes is "not set up") */
    uint8_t iv[TLS_IV_LEN];               /* write_iv, for the §5.3 nonce */
    alignas(max_align_t) unsigned char state[TLS_AEAD_STATE_SIZE];
};

/* Keys a with keys->key and copies keys->iv (keys is left as it was). internal_error if
 * keys has no suite or Mbed TLS cannot set the key up (a is then not set up). Frees a first:
 * a must be set up or all zero. */
tls_result tls_aead_setup(struct tls_aead *a, const struct tls_traffic_keys *keys,
                          struct tls_error *err);

/* Frees and wipes a; it is then all zero (not set up). Harmless on an all-zero a. */
void tls_aead_free(struct tls_aead *a);

/* tls_aead_seal() / tls_aead_open() with a key set up by tls_aead_setup(); same contract.
 * (a is not const: Mbed TLS keeps per-message state in the context between its steps.) */
tls_result tls_aead_ctx_seal(struct tls_aead *a, uint64_t seq, const uint8_t *aad, size_t aad_len,
                             const uint8_t *in, size_t len, uint8_t *out, struct tls_error *err);
tls_result tls_aead_ctx_open(struct tls_aead *a, uint64_t seq, const uint8_t *aad, size_t aad_len,
                             const uint8_t *in, size_t len, uint8_t *out, struct tls_error *err);

#endif
