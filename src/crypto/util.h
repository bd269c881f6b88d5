/*
 * util.h — the two crypto hygiene helpers every layer needs (RFC 8446 §4.4.4, §6).
 *
 * tls_wipe(): RFC 8446 §6: implementations "MUST forget the secret values and keys established
 * in failed connections", and STYLE.md asks that secrets be wiped when their stage ends. A plain
 * memset of a buffer that is never read again may be removed by the compiler; this one is not.
 *
 * tls_ct_equal(): compares without an early exit, so the time taken does not tell an attacker
 * how many leading bytes of a guessed Finished or binder were right.
 */
#ifndef TLS13_CRYPTO_UTIL_H
#define TLS13_CRYPTO_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

void tls_wipe(void *p, size_t n);

/* True when a and b (n bytes each) are equal; time depends on n only. */
bool tls_ct_equal(const uint8_t *a, const uint8_t *b, size_t n);

#endif
