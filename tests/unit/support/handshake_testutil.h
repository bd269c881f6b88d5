/*
 * handshake_testutil.h — helpers shared by the handshake message tests: RFC 8448 rows by name,
 * and one "parse this body as msg_type" entry point so negative tests can loop over messages.
 */
#ifndef TLS13_TEST_HANDSHAKE_TESTUTIL_H
#define TLS13_TEST_HANDSHAKE_TESTUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "support/handshake_rfc8448_msgs.h"

/* The n-th (0-based) row of section with this RFC 8448 label and side, or fails the test. */
const struct hs_msg_row *hs_row(const char *section, const char *side, const char *name, int n);

/* Decodes the row's hex into buf; returns the length. */
size_t hs_row_bytes(const struct hs_msg_row *row, uint8_t *buf, size_t cap);

/* A label for assertion messages: "RFC 8448 §3 line 241: ServerHello (server)". */
const char *hs_row_label(const struct hs_msg_row *row, const char *what);

/*
 * Parses body as a message of msg_type with the matching src/handshake parser (Finished with a
 * 32-byte Hash.length, Certificate as from_server when from_server, CertificateRequest as in
 * the handshake). Returns the parser's result.
 */
tls_result hs_parse_body(uint8_t msg_type, bool from_server, const uint8_t *body, size_t len,
                         struct tls_error *err);

#endif
