/*
 * crypto_internal.h — helpers shared by the src/crypto files that speak mbedtls types.
 * Not for other layers: they include only the mbedtls-free headers (hash.h, hkdf.h, ...).
 */
#ifndef TLS13_CRYPTO_INTERNAL_H
#define TLS13_CRYPTO_INTERNAL_H

#include <mbedtls/md.h>

#include "crypto/hash.h"

/* The mbedtls message-digest description of a TLS hash (RFC 8446 §B.4), or NULL for none. */
const mbedtls_md_info_t *tls_md_info(enum tls_hash_alg alg);

#endif
