/*
 * dtls13.h — DTLS 1.3 record protection keys and record number encryption (RFC 9147 §4.2.3,
 * §5.9), for a reader of DTLS 1.3 records (the decoder).
 *
 * DTLS 1.3 protects records with the TLS 1.3 AEADs and the TLS 1.3 key schedule (RFC 8446 §7),
 * with two differences that matter to someone holding a traffic secret:
 *
 *   labels       every HKDF-Expand-Label uses the prefix "dtls13" instead of "tls13 " (§5.9):
 *                write_key = HKDF-Expand-Label(Secret, "key", "", key_length) is computed over
 *                the label "dtls13key", write_iv over "dtls13iv", finished_key over
 *                "dtls13finished";
 *   record       the 8- or 16-bit sequence number in the unified header is encrypted (§4.2.3):
 *   numbers      sn_key = HKDF-Expand-Label(Secret, "sn", "", key_length), and
 *                  AES suites:      Mask = AES-ECB(sn_key, Ciphertext[0..15])
 *                  ChaCha20 suites: Mask = ChaCha20(sn_key, counter = Ciphertext[0..3] (little
 *                                   endian), nonce = Ciphertext[4..15]) applied to zeros
 *                and the sequence number bytes are XORed with the first one or two bytes of
 *                the mask. A record shorter than 16 bytes of ciphertext cannot be unmasked
 *                (and is invalid: a tag alone is 16 bytes).
 *
 * The mask uses the same construction as QUIC header protection (RFC 9001 §5.4.3, §5.4.4),
 * whose test vectors (RFC 9001 Appendix A) check it. Nothing here allocates.
 */
#ifndef TLS13_CRYPTO_DTLS13_H
#define TLS13_CRYPTO_DTLS13_H

#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "crypto/key_schedule.h"
#include "crypto/suite.h"

#define TLS_DTLS13_LABEL_PREFIX "dtls13" /* RFC 9147 §5.9 */
#define TLS_DTLS13_MASK_SAMPLE 16u       /* bytes of ciphertext the mask is computed from */

struct tls_dtls13_keys {
    struct tls_traffic_keys aead;        /* write_key, write_iv ("dtls13" labels) */
    uint8_t sn_key[TLS_MAX_KEY_LEN];     /* key_length bytes */
};

/* write_key, write_iv and sn_key of a traffic secret (tls_hash_len(suite->hash) bytes). */
tls_result tls_dtls13_keys_derive(const struct tls_cipher_suite *suite, const uint8_t *traffic_secret,
                                  struct tls_dtls13_keys *out, struct tls_error *err);

void tls_dtls13_keys_wipe(struct tls_dtls13_keys *keys);

/* The §4.2.3 mask from the first 16 bytes of ciphertext (len must be at least 16, else
   decode_error). mask gets TLS_DTLS13_MASK_SAMPLE bytes; the caller uses the first 1 or 2. */
tls_result tls_dtls13_record_number_mask(const struct tls_cipher_suite *suite, const uint8_t *sn_key,
                                         const uint8_t *ciphertext, size_t len,
                                         uint8_t mask[TLS_DTLS13_MASK_SAMPLE], struct tls_error *err);

/* Finished (RFC 8446 §4.4.4) with the "dtls13" prefix: tls_finished_key_prefixed() and
   tls_finished_verify_data_prefixed() of key_schedule.h with TLS_DTLS13_LABEL_PREFIX. */

#endif
