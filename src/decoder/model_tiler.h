/*
 * model_tiler.h — the cursor the field describer (model_fields.c, model_messages.c) cuts bytes
 * with: each call names the next n bytes, so the fields tile their record by construction.
 *
 * A call that asks for more bytes than are left (a malformed or truncated message) names what is
 * left "unparsed" and stops the tiler: later calls add nothing, and the tiling stays whole.
 */
#ifndef TLS13_DECODER_MODEL_TILER_H
#define TLS13_DECODER_MODEL_TILER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decoder/model.h"

struct model_tiler {
    struct tls_model_fields *out;
    const uint8_t *p;               /* the bytes being cut */
    size_t len;
    size_t pos;
    uint32_t base;                  /* offset of p[0] within its record */
    uint16_t message;               /* field.message for what is added */
    uint8_t depth;                  /* field.depth for what is added */
    bool tls12;                     /* a TLS 1.2 connection: its own forms of some messages */
    bool dtls;                      /* DTLS (RFC 6347): the ClientHello has a cookie (§4.2.1) */
    const char *rfc;                /* default section */
    bool stopped;
};

/* Names the next n bytes; returns false (and names the rest "unparsed") when fewer are left. */
bool model_take(struct model_tiler *t, size_t n, const char *name, const char *explain,
                const char *rfc, const char *value_fmt, ...) __attribute__((format(printf, 6, 7)));

/* The next n bytes (n <= 4) as a number, without taking them; 0 when fewer are left. */
uint32_t model_peek(const struct model_tiler *t, size_t n);

/* The n bytes (n <= 4) at skip bytes past the position as a number; 0 when fewer are left. */
uint32_t model_peek_at(const struct model_tiler *t, size_t skip, size_t n);

/* Names whatever is left (nothing when nothing is). */
void model_rest(struct model_tiler *t, const char *name, const char *explain, const char *rfc);

/* A vector `opaque name<..2^(8*prefix)-1>`: its length prefix as a field; returns the length
   (0 and stopped when it does not fit). */
size_t model_vector(struct model_tiler *t, size_t prefix, const char *name, const char *rfc);

/* A vector whose content is named as one field after its length. */
void model_opaque_vector(struct model_tiler *t, size_t prefix, const char *name,
                         const char *explain, const char *rfc);

/* A sub-tiler over the next n bytes (which the caller then cuts); the parent skips them. It
   adds fields at the parent's depth; a caller that nests (an extension's data) raises it. */
struct model_tiler model_sub(struct model_tiler *t, size_t n);

/* A record's content of the given ContentType other than handshake: alert (§6),
   change_cipher_spec, application_data; the rest one "content" field (model_fields.c). */
void model_content(struct model_tiler *t, uint8_t type);

/* A TLS 1.2 / DTLS 1.2 GenericAEADCipher fragment after the record header (RFC 5246
   §6.2.3.3): nonce_explicit when given, the encrypted content and the tag (model_fields.c). */
void model_aead12(struct model_tiler *t, bool explicit_nonce, size_t tag_len);

/* Handshake message body by type (model_messages.c). */
void model_describe_message(struct model_tiler *t, uint8_t msg_type);

#endif
