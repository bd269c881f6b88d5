/*
 * reader.h — the bounded byte reader every parser goes through (RFC 8446 §3 presentation language).
 *
 * Implementation notes
 * --------------------
 * RFC 8446 §3 describes messages with fixed-width integers (uint8, uint16, uint24, uint32) and
 * variable-length vectors written  opaque x<min..max>;  whose length prefix is as wide as needed
 * to hold max (§3.4). The reader mirrors that notation one call per construct:
 *
 *     opaque legacy_session_id_echo<0..32>;
 *     TRY(tls_read_vector(r, 0, 32, &sid, "ServerHello.legacy_session_id_echo"));
 *
 * tls_read_vector() reads the prefix, checks the <min..max> bounds and hands back a child
 * reader limited to exactly that vector, so a parser of the inside cannot read past it.
 * tls_read_end() then fails with decode_error if bytes are left over (RFC 8446 §6: "decode_error:
 * A message could not be decoded because some field was out of the specified range or the
 * length of the message was incorrect").
 *
 * Every failure is decode_error, recorded in the reader's struct tls_error with the field name,
 * so the caller can say "decode_error: ServerHello.cipher_suite truncated".
 *
 * Memory: the reader never copies. tls_read_bytes() returns a pointer into the input, valid
 * as long as the input is.
 */
#ifndef TLS13_COMMON_READER_H
#define TLS13_COMMON_READER_H

#include <stddef.h>
#include <stdint.h>

#include "common/error.h"

struct tls_reader {
    const uint8_t *data;    /* start of the bytes this reader may read */
    size_t len;             /* how many */
    size_t pos;             /* how many are consumed */
    struct tls_error *err;  /* where failures are recorded; may be NULL; inherited by children */
};

void tls_reader_init(struct tls_reader *r, const uint8_t *data, size_t len, struct tls_error *err);

/* Bytes not yet consumed. */
size_t tls_reader_remaining(const struct tls_reader *r);

/* Pointer to the next unread byte (a view; nothing is consumed). */
const uint8_t *tls_reader_cursor(const struct tls_reader *r);

/* Fixed-width big-endian integers (RFC 8446 §3.3). field names what is read, for the error. */
tls_result tls_read_u8(struct tls_reader *r, uint8_t *out, const char *field);
tls_result tls_read_u16(struct tls_reader *r, uint16_t *out, const char *field);
tls_result tls_read_u24(struct tls_reader *r, uint32_t *out, const char *field);
tls_result tls_read_u32(struct tls_reader *r, uint32_t *out, const char *field);

/* opaque x[n]: a view of the next n bytes. */
tls_result tls_read_bytes(struct tls_reader *r, size_t n, const uint8_t **out, const char *field);

/*
 * x<min..max>: reads a length prefix as wide as max needs (1, 2 or 3 bytes, §3.4), checks
 * min <= length <= max and returns in *child a reader over exactly those bytes.
 */
tls_result tls_read_vector(struct tls_reader *r, size_t min, size_t max, struct tls_reader *child,
                           const char *field);

/* Fails with decode_error unless every byte was consumed ("trailing bytes"). */
tls_result tls_read_end(const struct tls_reader *r, const char *field);

/* The width in bytes of the length prefix of a vector whose maximum length is max (§3.4). */
size_t tls_vector_prefix_width(size_t max);

#endif
