/*
 * cbc.h — the primitives of TLS 1.2 block-cipher records (RFC 5246 §6.2.3.2 GenericBlockCipher,
 * §6.2.3.1 HMAC; RFC 7366 encrypt_then_mac), for the decoder: AES-CBC decryption and the record
 * MAC with HMAC-SHA1, HMAC-SHA256 or HMAC-SHA384.
 *
 * Implementation notes
 * --------------------
 * The client is TLS 1.3 only and never sends such records; a passive decoder reads them in
 * captures of TLS 1.2 (and 1.1) connections that chose a _CBC_ suite. Neither call allocates:
 * the Mbed TLS AES and hash contexts live on the stack and are wiped before returning, so the
 * decoder may call them once per record.
 *
 * The record MAC (RFC 5246 §6.2.3.1) is
 *     HMAC_hash(MAC_write_key, seq_num + TLSCompressed.type + TLSCompressed.version +
 *                              TLSCompressed.length + TLSCompressed.fragment)
 * tls_record_mac() takes the 13 header bytes and the fragment separately, so the caller need
 * not copy the fragment behind the header. Secret inputs are not handled in constant time: a
 * decoder of captured traffic is no padding oracle.
 */
#ifndef TLS13_CRYPTO_CBC_H
#define TLS13_CRYPTO_CBC_H

#include <stddef.h>
#include <stdint.h>

#include "common/error.h"

/* RFC 5246 §6.2.3.1 / Appendix C: MAC algorithms of the CBC suites. */
enum tls_mac_alg {
    TLS_MAC_NONE = 0,
    TLS_MAC_HMAC_SHA1,   /* the _SHA suites: mac_length 20 */
    TLS_MAC_HMAC_SHA256, /* the _SHA256 suites: 32 */
    TLS_MAC_HMAC_SHA384, /* the _SHA384 suites: 48 */
};

#define TLS_MAX_MAC_LEN 48
#define TLS_AES_BLOCK_LEN 16 /* record_iv_length and block_length of AES (RFC 5246 Appendix C) */
#define TLS_MAC_HEADER_LEN 13 /* seq_num (8) + type (1) + version (2) + length (2) */

/* mac_length (and mac_key_length) of alg; 0 for TLS_MAC_NONE. */
size_t tls_mac_len(enum tls_mac_alg alg);
const char *tls_mac_name(enum tls_mac_alg alg);

/* out[tls_mac_len(alg)] = HMAC(key, header[13] || data[len]). */
tls_result tls_record_mac(enum tls_mac_alg alg, const uint8_t *key, size_t key_len,
                          const uint8_t header[TLS_MAC_HEADER_LEN], const uint8_t *data, size_t len,
                          uint8_t *out, struct tls_error *err);

/* AES-CBC decryption (key_len 16 or 32) of len bytes (a multiple of 16) into out, without
   removing padding (RFC 5246 §6.2.3.2 padding is checked by the caller). */
tls_result tls_aes_cbc_decrypt(const uint8_t *key, size_t key_len,
                               const uint8_t iv[TLS_AES_BLOCK_LEN], const uint8_t *in, size_t len,
                               uint8_t *out, struct tls_error *err);

#endif
