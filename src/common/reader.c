/* reader.c — bounded reader over RFC 8446 §3 presentation-language data (see reader.h). */
#include "common/reader.h"

void tls_reader_init(struct tls_reader *r, const uint8_t *data, size_t len, struct tls_error *err)
{
    r->data = data;
    r->len = len;
    r->pos = 0;
    r->err = err;
}

size_t tls_reader_remaining(const struct tls_reader *r)
{
    return r->len - r->pos;
}

const uint8_t *tls_reader_cursor(const struct tls_reader *r)
{
    return r->data + r->pos;
}

/* Every short read is the same failure: the message ended inside a field. */
static tls_result truncated(const struct tls_reader *r, const char *field)
{
    if (r->err != NULL && r->err->code == TLS_OK) {
        r->err->field = field;
    }
    return tls_fail(r->err, TLS_ALERT_decode_error,
                    "RFC 8446 §6: message truncated: a field extends past the end of its container");
}

/* Reads n (<= 4) bytes as a big-endian unsigned integer (RFC 8446 §3.3 "network byte order"). */
static tls_result read_uint(struct tls_reader *r, size_t n, uint32_t *out, const char *field)
{
    if (tls_reader_remaining(r) < n) {
        return truncated(r, field);
    }
    uint32_t v = 0;
    for (size_t i = 0; i < n; i++) {
        v = (v << 8) | r->data[r->pos + i];
    }
    r->pos += n;
    *out = v;
    return TLS_OK;
}

tls_result tls_read_u8(struct tls_reader *r, uint8_t *out, const char *field)
{
    uint32_t v = 0;
    TRY(read_uint(r, 1, &v, field));
    *out = (uint8_t)v;
    return TLS_OK;
}

tls_result tls_read_u16(struct tls_reader *r, uint16_t *out, const char *field)
{
    uint32_t v = 0;
    TRY(read_uint(r, 2, &v, field));
    *out = (uint16_t)v;
    return TLS_OK;
}

tls_result tls_read_u24(struct tls_reader *r, uint32_t *out, const char *field)
{
    return read_uint(r, 3, out, field);
}

tls_result tls_read_u32(struct tls_reader *r, uint32_t *out, const char *field)
{
    return read_uint(r, 4, out, field);
}

tls_result tls_read_bytes(struct tls_reader *r, size_t n, const uint8_t **out, const char *field)
{
    if (tls_reader_remaining(r) < n) {
        return truncated(r, field);
    }
    *out = r->data + r->pos;
    r->pos += n;
    return TLS_OK;
}

size_t tls_vector_prefix_width(size_t max)
{
    /* RFC 8446 §3.4: "The length will be in the form of a number consuming as many bytes as
     * required to hold the vector's specified maximum (ceiling) length." */
    if (max <= 0xff) {
        return 1;
    }
    if (max <= 0xffff) {
        return 2;
    }
    return 3;
}

tls_result tls_read_vector(struct tls_reader *r, size_t min, size_t max, struct tls_reader *child,
                           const char *field)
{
    uint32_t length = 0;
    TRY(read_uint(r, tls_vector_prefix_width(max), &length, field));
    if (length < min || length > max) {
        if (r->err != NULL && r->err->code == TLS_OK) {
            r->err->field = field;
        }
        return tls_fail(r->err, TLS_ALERT_decode_error,
                        "RFC 8446 §3.4: vector length outside its <min..max> bounds");
    }
    const uint8_t *body = NULL;
    TRY(tls_read_bytes(r, length, &body, field));
    tls_reader_init(child, body, length, r->err);
    return TLS_OK;
}

tls_result tls_read_end(const struct tls_reader *r, const char *field)
{
    if (tls_reader_remaining(r) != 0) {
        if (r->err != NULL && r->err->code == TLS_OK) {
            r->err->field = field;
        }
        return tls_fail(r->err, TLS_ALERT_decode_error,
                        "RFC 8446 §6: trailing bytes after the end of a structure");
    }
    return TLS_OK;
}
