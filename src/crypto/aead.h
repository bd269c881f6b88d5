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
 */
#ifndef TLS13_CRYPTO_AEAD_H
#define TLS13_CRYPTO_AEAD_H

#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "crypto/key_schedule.h"

void tls_aead_nonce(const struct tls_traffic_keys *keys, uint64_t seq, uint8_t nonce[TLS_IV_LEN]);

/* out receives len + TLS_AEAD_TAG_LEN bytes: ciphertext then tag. */
tls_result tls_aead_seal(const struct tls_traffic_keys *keys, uint64_t seq, const uint8_t *aad,
                         size_t aad_len, const uint8_t *in, size_t len, uint8_t *out);

/* in holds ciphertext || tag (len >= TLS_AEAD_TAG_LEN); out receives len - TLS_AEAD_TAG_LEN. */
tls_result tls_aead_open(const struct tls_traffic_keys *keys, uint64_t seq, const uint8_t *aad,
                         size_t aad_len, const uint8_t *in, size_t len, uint8_t *out);

#endif
