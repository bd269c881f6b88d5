/*
 * handshake_msg.c — the handshake message header (RFC 8446 §4). See handshake_msg.h.
 */
#include "handshake/handshake_msg.h"

#include "common/reader.h"

/*
 * RFC 8446 §4:
 *     struct {
 *         HandshakeType msg_type;    // handshake type
 *         uint24 length;             // remaining bytes in message
 *         select (Handshake.msg_type) { ... };
 *     } Handshake;
 */
tls_result tls_handshake_msg_next(const uint8_t *data, size_t len, struct tls_handshake_msg *msg,
                                  size_t *consumed, struct tls_error *err)
{
    struct tls_reader r;
    const uint8_t *body;
    tls_reader_init(&r, data, len, err);
    TRY(tls_read_u8(&r, &msg->msg_type, "Handshake.msg_type"));
    TRY(tls_read_u24(&r, &msg->length, "Handshake.length"));
    /* The body must be all there: a half message is a framing error at this level (the
     * record layer reassembles fragments before calling us). */
    TRY(tls_read_bytes(&r, msg->length, &body, "Handshake.body"));
    msg->body.data = body;
    msg->body.len = msg->length;
    msg->whole.data = data;
    msg->whole.len = TLS_HANDSHAKE_HEADER_LEN + (size_t)msg->length;
    *consumed = msg->whole.len;
    return TLS_OK;
}

tls_result tls_handshake_msg_parse(const uint8_t *data, size_t len, struct tls_handshake_msg *msg,
                                   struct tls_error *err)
{
    size_t consumed;
    TRY(tls_handshake_msg_next(data, len, msg, &consumed, err));
    /* The header's length must describe exactly the bytes we were given (§6 decode_error:
     * "the length of the message was incorrect"). */
    if (consumed != len) {
        return tls_hs_fail(err, TLS_ALERT_decode_error, "Handshake",
                           "RFC 8446 §4: bytes follow the end given by Handshake.length");
    }
    return TLS_OK;
}

tls_result tls_hs_fail(struct tls_error *err, enum tls_alert_description alert, const char *field,
                       const char *reason)
{
    /* Only the first failure is kept (error.h), so the field is recorded only with it. */
    if (err != NULL && err->code == TLS_OK) {
        err->field = field;
    }
    return tls_fail(err, alert, reason);
}

struct tls_vector_mark tls_handshake_msg_begin(struct tls_writer *w, enum tls_handshake_type msg_type)
{
    tls_write_u8(w, (uint8_t)msg_type);
    /* uint24 length: the same 3-byte prefix as a vector whose maximum is 2^24-1 (§3.4). */
    return tls_write_vector_begin(w, 0xffffff);
}

void tls_handshake_msg_end(struct tls_writer *w, struct tls_vector_mark mark)
{
    tls_write_vector_end(w, mark);
}
