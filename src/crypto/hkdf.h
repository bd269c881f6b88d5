/*
 * hkdf.h — HKDF (RFC 5869) and TLS 1.3's labelled wrappers (RFC 8446 §7.1).
 *
 *   HKDF-Extract(salt, IKM) -> PRK                          RFC 5869 §2.2
 *   HKDF-Expand(PRK, info, L) -> OKM                         RFC 5869 §2.3
 *
 *   HKDF-Expand-Label(Secret, Label, Context, Length) =
 *        HKDF-Expand(Secret, HkdfLabel, Length)
 *
 *   Where HkdfLabel is specified as:
 *
 *   struct {
 *       uint16 length = Length;
 *       opaque label<7..255> = "tls13 " + Label;
 *       opaque context<0..255> = Context;
 *   } HkdfLabel;
 *
 *   Derive-Secret(Secret, Label, Messages) =
 *        HKDF-Expand-Label(Secret, Label, Transcript-Hash(Messages), Hash.length)
 *
 * Labels are passed WITHOUT the "tls13 " prefix ("c hs traffic"), as the RFC writes them.
 */
#ifndef TLS13_CRYPTO_HKDF_H
#define TLS13_CRYPTO_HKDF_H

#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "crypto/hash.h"

/* prk gets tls_hash_len(alg) bytes. salt may be NULL with salt_len 0 (= HashLen zeros). */
tls_result tls_hkdf_extract(enum tls_hash_alg alg, const uint8_t *salt, size_t salt_len,
                            const uint8_t *ikm, size_t ikm_len, uint8_t *prk,
                            struct tls_error *err);

tls_result tls_hkdf_expand(enum tls_hash_alg alg, const uint8_t *prk, size_t prk_len,
                           const uint8_t *info, size_t info_len, uint8_t *okm, size_t okm_len,
                           struct tls_error *err);

/* Writes the HkdfLabel structure into out (at most 2 + 1 + 255 + 1 + 255 bytes); sets *out_len. */
tls_result tls_hkdf_label(const char *label, const uint8_t *context, size_t context_len,
                          size_t length, uint8_t *out, size_t out_cap, size_t *out_len,
                          struct tls_error *err);

/* The same with another prefix than "tls13 ": DTLS 1.3 uses "dtls13" (RFC 9147 §5.9), so its
   labels read "dtls13key", "dtls13sn", "dtls13finished". */
tls_result tls_hkdf_label_prefixed(const char *prefix, const char *label, const uint8_t *context,
                                   size_t context_len, size_t length, uint8_t *out, size_t out_cap,
                                   size_t *out_len, struct tls_error *err);

/* secret is tls_hash_len(alg) bytes. */
tls_result tls_hkdf_expand_label(enum tls_hash_alg alg, const uint8_t *secret, const char *label,
                                 const uint8_t *context, size_t context_len, uint8_t *out,
                                 size_t out_len, struct tls_error *err);

tls_result tls_hkdf_expand_label_prefixed(enum tls_hash_alg alg, const char *prefix, const uint8_t *secret,
                                          const char *label, const uint8_t *context, size_t context_len,
                                          uint8_t *out, size_t out_len, struct tls_error *err);

/* transcript_hash is Transcript-Hash(Messages), already computed; out gets Hash.length bytes. */
tls_result tls_derive_secret(enum tls_hash_alg alg, const uint8_t *secret, const char *label,
                             const uint8_t *transcript_hash, uint8_t *out, struct tls_error *err);

#endif
