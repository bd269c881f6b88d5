/*
 * model_fields.c — cuts a record into named byte ranges (RFC 8446 §5.1 TLSPlaintext, §5.2
 * TLSCiphertext, §5.4 TLSInnerPlaintext, §4 Handshake, §6 Alert; RFC 5246 §6.2.3.3 for TLS 1.2
 * AEAD records). The message bodies are in model_messages.c.
 *
 * Implementation notes
 * --------------------
 * Every byte of a record lands in exactly one field (model_tiler.h). Handshake messages may span
 * records (§5.1), so the describer keeps, per direction, how much of a message begun earlier is
 * still to come (struct tls_model_hs_cursor): such a continuation, or a message that does not
 * end in this record, is one field; only a message whole in its record is cut to its fields.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "common/names.h"
#include "decoder/model_tiler.h"

/* ---- the tiler ------------------------------------------------------------------------- */

static struct tls_model_field *add_field(struct model_tiler *t, size_t n)
{
    struct tls_model_fields *o = t->out;
    /* Past the bound, the last field grows to hold the rest: coarser, but the tiling stays. */
    if (o->count == TLS_MODEL_MAX_FIELDS) {
        struct tls_model_field *last = &o->items[o->count - 1];
        last->length += (uint32_t)n;
        snprintf(last->name, sizeof(last->name), "%s", "further fields");
        last->explain = "more fields than this page cuts one by one";
        last->value[0] = '\0';
        return NULL;
    }
    struct tls_model_field *f = &o->items[o->count++];
    memset(f, 0, sizeof(*f));
    f->offset = t->base + (uint32_t)t->pos;
    f->length = (uint32_t)n;
    f->message = t->message;
    f->depth = t->depth;
    return f;
}

static void stop(struct model_tiler *t)
{
    model_rest(t, "unparsed", "bytes that do not parse as the structure the RFC gives here",
               t->rfc);
    t->stopped = true;
    t->out->malformed = true;
}

bool model_take(struct model_tiler *t, size_t n, const char *name, const char *explain,
                const char *rfc, const char *value_fmt, ...)
{
    if (t->stopped) {
        return false;
    }
    if (n > t->len - t->pos) {
        stop(t);
        return false;
    }
    if (n == 0) {
        return true; /* an empty vector has no bytes to name */
    }
    struct tls_model_field *f = add_field(t, n);
    if (f != NULL) {
        snprintf(f->name, sizeof(f->name), "%s", name);
        f->explain = explain;
        f->rfc = rfc != NULL ? rfc : t->rfc;
        if (value_fmt != NULL) {
            va_list ap;
            va_start(ap, value_fmt);
            vsnprintf(f->value, sizeof(f->value), value_fmt, ap);
            va_end(ap);
        }
    }
    t->pos += n;
    return true;
}

uint32_t model_peek_at(const struct model_tiler *t, size_t skip, size_t n)
{
    if (t->stopped || skip > t->len - t->pos || n > t->len - t->pos - skip) {
        return 0;
    }
    uint32_t v = 0;
    for (size_t i = 0; i < n; i++) {
        v = v << 8 | t->p[t->pos + skip + i];
    }
    return v;
}

uint32_t model_peek(const struct model_tiler *t, size_t n)
{
    return model_peek_at(t, 0, n);
}

void model_rest(struct model_tiler *t, const char *name, const char *explain, const char *rfc)
{
    size_t n = t->len - t->pos;
    if (n == 0) {
        return;
    }
    if (strcmp(name, "unparsed") == 0) {
        t->out->malformed = true;
    }
    struct tls_model_field *f = add_field(t, n);
    if (f != NULL) {
        snprintf(f->name, sizeof(f->name), "%s", name);
        f->explain = explain;
        f->rfc = rfc != NULL ? rfc : t->rfc;
    }
    t->pos = t->len;
}

size_t model_vector(struct model_tiler *t, size_t prefix, const char *name, const char *rfc)
{
    char label[48];
    snprintf(label, sizeof(label), "%s length", name);
    uint32_t n = model_peek(t, prefix);
    size_t before = t->out->count;
    if (!model_take(t, prefix, label, "the length prefix of the vector that follows (§3.4)", rfc,
                    "%u", (unsigned)n)) {
        return 0;
    }
    if (t->out->count > before) {
        t->out->items[t->out->count - 1].is_length = true;
    }
    if (n > t->len - t->pos) {
        stop(t);
        return 0;
    }
    return n;
}

void model_opaque_vector(struct model_tiler *t, size_t prefix, const char *name,
                         const char *explain, const char *rfc)
{
    size_t n = model_vector(t, prefix, name, rfc);
    model_take(t, n, name, explain, rfc, NULL);
}

struct model_tiler model_sub(struct model_tiler *t, size_t n)
{
    struct model_tiler s = *t;
    s.p = t->p + t->pos;
    s.len = t->stopped || n > t->len - t->pos ? 0 : n;
    s.pos = 0;
    s.base = t->base + (uint32_t)t->pos;
    if (!t->stopped && n <= t->len - t->pos) {
        t->pos += n;
    }
    return s;
}

void tls_model_describe_message(struct tls_model_fields *out, uint8_t msg_type,
                                const uint8_t *body, size_t len, bool tls12)
{
    out->count = 0;
    out->malformed = false;
    struct model_tiler t = {.out = out, .p = body, .len = len, .message = 1, .rfc = "§4",
                            .tls12 = tls12};
    model_describe_message(&t, msg_type);
    model_rest(&t, "unparsed", "bytes the message's structure does not account for", NULL);
}

size_t tls_model_field_run(const struct tls_model_fields *f, size_t i)
{
    size_t n = 1;
    while (i + n < f->count && !f->items[i].is_length &&
           f->items[i + n].depth == f->items[i].depth &&
           strcmp(f->items[i + n].name, f->items[i].name) == 0) {
        n++;
    }
    return n;
}

/* ---- handshake stream ------------------------------------------------------------------- */

static const char *hs_type_name(uint8_t type)
{
    const char *n = tls_handshake_type_name(type);
    return n != NULL ? n : "unknown";
}

/* One handshake message whose header starts at the tiler's position. */
static void handshake_message(struct model_tiler *t, struct tls_model_hs_cursor *cur)
{
    cur->messages++;
    t->message = cur->messages;
    uint8_t type = (uint8_t)model_peek(t, 1);
    model_take(t, 1, "msg_type", "the handshake message type (HandshakeType)", "§4", "%s(%u)",
               hs_type_name(type), type);
    uint32_t length = model_peek(t, 3);
    model_take(t, 3, "length", "the message body length in bytes (uint24)", "§4", "%u",
               (unsigned)length);
    if (t->stopped) {
        return;
    }
    size_t here = t->len - t->pos;
    if (length > here) {
        /* §5.1: "Handshake messages MAY be fragmented across multiple records". */
        model_rest(t, "body (first part)", "the message continues in the sender's next record",
                   "§5.1");
        cur->remaining = (uint32_t)(length - here);
        return;
    }
    struct model_tiler body = model_sub(t, length);
    model_describe_message(&body, type);
    model_rest(&body, "unparsed", "bytes the message's structure does not account for", NULL);
}

/* Handshake content: continuations, cut headers, then whole messages. */
static void handshake_stream(struct model_tiler *t, struct tls_model_hs_cursor *cur)
{
    cur->messages = 0;
    while (t->pos < t->len && !t->stopped) {
        size_t left = t->len - t->pos;
        if (cur->remaining > 0) {
            size_t n = cur->remaining < left ? cur->remaining : left;
            model_take(t, n, "body (continued)", "the rest of a message begun in an earlier record",
                       "§5.1", NULL);
            cur->remaining -= (uint32_t)n;
            continue;
        }
        if (cur->header_have > 0 || left < 4) {
            /* A handshake header cut by the record boundary: collect its four bytes. */
            size_t n = 4u - cur->header_have < left ? 4u - cur->header_have : left;
            memcpy(cur->header + cur->header_have, t->p + t->pos, n);
            cur->header_have = (uint8_t)(cur->header_have + n);
            model_take(t, n, "handshake header (part)", "msg_type and length, cut by the record "
                       "boundary", "§5.1", NULL);
            if (cur->header_have == 4) {
                cur->remaining = (uint32_t)cur->header[1] << 16 | (uint32_t)cur->header[2] << 8 |
                                 cur->header[3];
                cur->header_have = 0;
            }
            continue;
        }
        handshake_message(t, cur);
        t->message = 0;
    }
}

/* ---- content ---------------------------------------------------------------------------- */

static void content(struct model_tiler *t, uint8_t type, struct tls_model_hs_cursor *cur)
{
    if (type == TLS_CT_handshake) {
        handshake_stream(t, cur);
    }
    model_content(t, type);
}

void model_content(struct model_tiler *t, uint8_t type)
{
    switch (type) {
    case TLS_CT_alert: {
        uint8_t level = (uint8_t)model_peek(t, 1);
        model_take(t, 1, "level", "warning(1) or fatal(2); in TLS 1.3 the description decides",
                   "§6", "%s", level == 1 ? "warning" : level == 2 ? "fatal" : "unknown");
        uint8_t desc = (uint8_t)model_peek(t, 1);
        const char *dn = tls_alert_name(desc);
        model_take(t, 1, "description", "the AlertDescription", "§6", "%s(%u)",
                   dn != NULL ? dn : "unknown", desc);
        break;
    }
    case TLS_CT_change_cipher_spec:
        model_take(t, 1, "change_cipher_spec", "the single byte 0x01; in TLS 1.3 only for "
                   "middlebox compatibility", "App. D.4", "%u", (unsigned)model_peek(t, 1));
        break;
    case TLS_CT_application_data:
        model_take(t, t->len - t->pos, "application_data", "the application's bytes", "§5.1", NULL);
        break;
    default:
        break;
    }
    model_rest(t, "content", "content this describer does not cut finer", NULL);
}

void model_aead12(struct model_tiler *t, bool explicit_nonce, size_t tag_len)
{
    /* RFC 5246 §6.2.3.3 GenericAEADCipher: nonce_explicit, then content + tag encrypted. */
    if (explicit_nonce) {
        model_take(t, 8, "nonce_explicit", "the per-record part of the AES-GCM nonce "
                   "(RFC 5288 §3)", "RFC 5246 §6.2.3.3", NULL);
    }
    size_t body = t->len - t->pos;
    if (tag_len > 0 && body >= tag_len) {
        model_take(t, body - tag_len, "encrypted content", "the record's content, "
                   "encrypted", "RFC 5246 §6.2.3.3", NULL);
    }
    model_rest(t, "authentication tag", "the AEAD tag over the content and the "
               "additional data", "RFC 5246 §6.2.3.3");
}

static void header(struct model_tiler *t)
{
    uint8_t type = (uint8_t)model_peek(t, 1);
    const char *tn = tls_content_type_name(type);
    model_take(t, 1, "type", "the ContentType; application_data(23) for every protected TLS 1.3 "
               "record (opaque_type)", "§5.1", "%s(%u)", tn != NULL ? tn : "unknown", type);
    model_take(t, 2, "legacy_record_version", "0x0303 for all records except an initial "
               "ClientHello, which may use 0x0301; ignored by receivers", "§5.1", "0x%04x",
               (unsigned)model_peek(t, 2));
    model_take(t, 2, "length", "the length of the fragment that follows, in bytes", "§5.1", "%u",
               (unsigned)model_peek(t, 2));
}

void tls_model_describe_record(struct tls_model_fields *out, const uint8_t *bytes, size_t len,
                               const struct tls_model_context *ctx,
                               struct tls_model_hs_cursor *cursor)
{
    out->count = 0;
    out->malformed = false;
    struct model_tiler t = {.out = out, .p = bytes, .len = len, .rfc = "§5.1", .tls12 = ctx->tls12};
    header(&t);
    if (t.stopped) {
        return;
    }
    uint8_t type = bytes[0];
    if (!ctx->is_protected) {
        content(&t, type, cursor);
        return;
    }
    if (ctx->tls12) {
        model_aead12(&t, ctx->explicit_nonce, ctx->tag_len);
        return;
    }
    size_t body = t.len - t.pos;
    if (ctx->tag_len > 0 && body >= ctx->tag_len) {
        model_take(&t, body - ctx->tag_len, "encrypted_record", "the TLSInnerPlaintext (content, "
                   "type, zeros) encrypted with the sender's traffic key", "§5.2", NULL);
    }
    model_rest(&t, ctx->tag_len > 0 ? "authentication tag" : "encrypted_record",
               ctx->tag_len > 0 ? "the AEAD tag: the record opens only with the right key, "
                                  "nonce and header (additional_data)"
                                : "the encrypted TLSInnerPlaintext and the AEAD tag",
               "§5.2");
}

void tls_model_describe_inner(struct tls_model_fields *out, const uint8_t *inner, size_t len,
                              uint8_t type, size_t content_len, bool has_inner_type,
                              struct tls_model_hs_cursor *cursor)
{
    out->count = 0;
    out->malformed = false;
    if (content_len > len) {
        content_len = len;
    }
    /* Only TLS 1.3 has an inner type (§5.4): without one, this is a TLS 1.2 plaintext. */
    struct model_tiler t = {.out = out, .p = inner, .len = content_len, .rfc = "§5.4",
                            .tls12 = !has_inner_type};
    content(&t, type, cursor);
    if (!has_inner_type || content_len == len) {
        return;
    }
    /* §5.4: struct { opaque content[length]; ContentType type; uint8 zeros[length_of_padding]; } */
    struct model_tiler rest = {.out = out, .p = inner, .len = len, .pos = content_len,
                               .rfc = "§5.4"};
    const char *tn = tls_content_type_name(type);
    model_take(&rest, 1, "type", "the true content type of the record, hidden inside the "
               "encryption", "§5.4", "%s(%u)", tn != NULL ? tn : "unknown", type);
    model_rest(&rest, "zeros", "padding: zero bytes that hide the content's length", "§5.4");
}
