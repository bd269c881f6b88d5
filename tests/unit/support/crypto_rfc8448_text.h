/*
 * crypto_rfc8448_text.h — reads a labelled value straight out of tests/vectors/rfc/rfc8448.txt.
 *
 * RFC 8448 prints every value as   Label (N octets):  hex hex ...  continued on the following
 * lines, sometimes across a page break. rfc8448_text_value(line, ...) returns the N bytes whose label
 * is on that line (1-based), so a test can cite the RFC line it reads.
 */
#ifndef TLS13_TEST_CRYPTO_RFC8448_TEXT_H
#define TLS13_TEST_CRYPTO_RFC8448_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* Fails the test if the line holds no "(N octets):" label or the value is malformed. */
size_t rfc8448_text_value(int line, uint8_t *out, size_t cap);

#endif
