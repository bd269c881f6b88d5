/* writer.c — sticky-overflow writer with length back-patching (see writer.h). */
#include "common/writer.h"

#include "common/reader.h"

void tls_writer_init(struct tls_writer *w, uint8_t *buf, size_t cap)
{
    w->buf = buf;
    w->cap = cap;
    w->len = 0;
    w->overflow = false;
}

uint8_t *tls_write_reserve(struct tls_writer *w, size_t n)
{
    if (w->overflow || w->cap - w->len < n) {
        w->overflow = true;
        return NULL;
    }
    uint8_t *p = w->buf + w->len;
    w->len += n;
    return p;
}

/* Writes v big-endian in n bytes. */
static void write_uint(struct tls_writer *w, uint32_t v, size_t n)
{
    uint8_t *p = tls_write_reserve(w, n);
    if (p == NULL) {
        return;
    }
    for (size_t i = 0; i < n; i++) {
        p[i] = (uint8_t)(v >> (8 * (n - 1 - i)));
    }
}

void tls_write_u8(struct tls_writer *w, uint8_t v)
{
    write_uint(w, v, 1);
}

void tls_write_u16(struct tls_writer *w, uint16_t v)
{
    write_uint(w, v, 2);
}

void tls_write_u24(struct tls_writer *w, uint32_t v)
{
    write_uint(w, v & 0xffffff, 3);
}

void tls_write_u32(struct tls_writer *w, uint32_t v)
{
    write_uint(w, v, 4);
}

void tls_write_bytes(struct tls_writer *w, const uint8_t *p, size_t n)
{
    uint8_t *dst = tls_write_reserve(w, n);
    if (dst == NULL) {
        return;
    }
    for (size_t i = 0; i < n; i++) {
        dst[i] = p[i];
    }
}

struct tls_vector_mark tls_write_vector_begin(struct tls_writer *w, size_t max)
{
    struct tls_vector_mark mark = {w->len, tls_vector_prefix_width(max), max};
    write_uint(w, 0, mark.width); /* patched by tls_write_vector_end() */
    return mark;
}

void tls_write_vector_end(struct tls_writer *w, struct tls_vector_mark mark)
{
    if (w->overflow) {
        return;
    }
    size_t length = w->len - mark.prefix_at - mark.width;
    if (length > mark.max) {
        w->overflow = true;
        return;
    }
    for (size_t i = 0; i < mark.width; i++) {
        w->buf[mark.prefix_at + i] = (uint8_t)(length >> (8 * (mark.width - 1 - i)));
    }
}

tls_result tls_writer_result(const struct tls_writer *w, struct tls_error *err)
{
    if (w->overflow) {
        return tls_fail(err, TLS_ALERT_internal_error,
                        "output buffer too small, or a vector longer than its RFC maximum");
    }
    return TLS_OK;
}
