/*
 * cbc.h — the primitives of TLS 1.0-1.2 block-cipher records (RFC 5246 §6.2.3.2
 * GenericBlockCipher, §6.2.3.1 HMAC; RFC 2246 §6.2.3.2; RFC 7366 encrypt_then_mac), for the
 * decoder: AES-CBC and 3DES-CBC decryption and the record MAC with HMAC-MD5, HMAC-SHA1,
 * HMAC-SHA256 or HMAC-SHA384.
 *
 * Implementation notes
 * --------------------
 * The client is TLS 1.3 only and never sends such records; a passive decoder reads them in
 * captures of TLS 1.0, 1.1 and 1.2 connections that chose a _CBC_ suite. Neither call allocates:
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

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/error.h"

/* RFC 5246 §6.2.3.1 / Appendix C: MAC algorithms of the CBC suites. */
enum tls_mac_alg {
    TLS_MAC_NONE = 0,
    TLS_MAC_HMAC_MD5,    /* the _MD5 suites (RFC 2246 Appendix A.5): mac_length 16 */
    TLS_MAC_HMAC_SHA1,   /* the _SHA suites: mac_length 20 */
    TLS_MAC_HMAC_SHA256, /* the _SHA256 suites: 32 */
    TLS_MAC_HMAC_SHA384, /* the _SHA384 suites: 48 */
};

#define TLS_MAX_MAC_LEN 48
#define TLS_AES_BLOCK_LEN 16 /* record_iv_length and block_length of AES (RFC 5246 Appendix C) */
#define TLS_DES_BLOCK_LEN 8   /* the same for 3DES_EDE_CBC */
#define TLS_MAX_BLOCK_LEN 16
#define TLS_DES3_KEY_LEN 24   /* 3DES_EDE_CBC: three 8-byte DES keys, parity bits ignored */

/* The block ciphers of the CBC suites. */
enum tls_block_cipher {
    TLS_CBC_AES,  /* AES-128 or AES-256, by key length */
    TLS_CBC_3DES, /* 3DES_EDE_CBC (RFC 5246 Appendix C) */
};
#define TLS_MAC_HEADER_LEN 13 /* seq_num (8) + type (1) + version (2) + length (2) */

/* mac_length (and mac_key_length) of alg; 0 for TLS_MAC_NONE. */
size_t tls_mac_len(enum tls_mac_alg alg);
const char *tls_mac_name(enum tls_mac_alg alg);

/* out[tls_mac_len(alg)] = HMAC(key, header[13] || data[len]). */
tls_result tls_record_mac(enum tls_mac_alg alg, const uint8_t *key, size_t key_len,
                          const uint8_t header[TLS_MAC_HEADER_LEN], const uint8_t *data, size_t len,
                          uint8_t *out, struct tls_error *err);

/* out[tls_mac_len(alg)] = HMAC(key, data[len]) (RFC 2104), for the P_hash of the PRFs. */
tls_result tls_mac_hmac(enum tls_mac_alg alg, const uint8_t *key, size_t key_len, const uint8_t *data,
                        size_t len, uint8_t *out, struct tls_error *err);

/* block_length of the cipher: 16 (AES) or 8 (3DES). */
size_t tls_cbc_block_len(enum tls_block_cipher cipher);

/* CBC decryption of len bytes (a multiple of the block length) into out, with iv of one block;
   key_len 16 or 32 for AES, 24 for 3DES. Padding (RFC 5246 §6.2.3.2) is left to the caller. */
tls_result tls_cbc_decrypt(enum tls_block_cipher cipher, const uint8_t *key, size_t key_len,
                           const uint8_t *iv, const uint8_t *in, size_t len, uint8_t *out,
                           struct tls_error *err);

#endif
