/*
 * writer.h — building RFC 8446 §3 structures into a caller-owned buffer.
 *
 * Implementation notes
 * --------------------
 * Encoders write field after field without checking space at each step: the writer has a
 * sticky overflow flag, set by the first write that does not fit, after which every write is
 * ignored. The encoder checks once, at the end, with tls_writer_result().
 *
 * Vectors are written the way they read in the RFC: open the vector (which reserves its length
 * prefix), write its contents, close it (which patches the prefix with the real length):
 *
 *     size_t ext = tls_write_vector_begin(w, 0xffff);   // Extension extensions<8..2^16-1>;
 *     ... write each extension ...
 *     tls_write_vector_end(w, ext);
 *
 * The prefix width comes from the vector's maximum, as in the RFC (§3.4), so the call names the
 * same <..max> as the struct comment above it.
 */
#ifndef TLS13_COMMON_WRITER_H
#define TLS13_COMMON_WRITER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/error.h"

struct tls_writer {
    uint8_t *buf;
    size_t cap;
    size_t len;     /* bytes written so far */
    bool overflow;  /* sticky: some write did not fit (or a vector exceeded its maximum) */
};

/* A vector opened with tls_write_vector_begin(); pass it back to tls_write_vector_end(). */
struct tls_vector_mark {
    size_t prefix_at; /* offset of the length prefix */
    size_t width;     /* 1, 2 or 3 bytes */
    size_t max;       /* the vector's maximum length */
};

void tls_writer_init(struct tls_writer *w, uint8_t *buf, size_t cap);

void tls_write_u8(struct tls_writer *w, uint8_t v);
void tls_write_u16(struct tls_writer *w, uint16_t v);
void tls_write_u24(struct tls_writer *w, uint32_t v);
void tls_write_u32(struct tls_writer *w, uint32_t v);
void tls_write_bytes(struct tls_writer *w, const uint8_t *p, size_t n);

/* Reserves n bytes and returns where they are (to be filled in later), or NULL on overflow. */
uint8_t *tls_write_reserve(struct tls_writer *w, size_t n);

/* Opens a vector of maximum length max: reserves its length prefix. */
struct tls_vector_mark tls_write_vector_begin(struct tls_writer *w, size_t max);

/* Closes it: patches the prefix with the bytes written since; overflow if above max. */
void tls_write_vector_end(struct tls_writer *w, struct tls_vector_mark mark);

/* TLS_OK, or internal_error ("output buffer too small") if anything overflowed. */
tls_result tls_writer_result(const struct tls_writer *w, struct tls_error *err);

#endif
