/*
 * handshake_msg.h — the handshake message header (RFC 8446 §4), and the conventions every
 * message file in src/handshake follows.
 *
 * Implementation notes
 * --------------------
 * Every handshake message travels with a 4-byte header: one byte msg_type, three bytes length
 * (a uint24), then the body. The transcript (§4.4.1) hashes header and body together, so the
 * encoders here write WHOLE messages (header included) and the parsers take the BODY that
 * tls_handshake_msg_parse() split off:
 *
 *     struct tls_handshake_msg msg;
 *     TRY(tls_handshake_msg_parse(bytes, n, &msg, err));          // header + exact length
 *     TRY(tls_server_hello_parse(msg.body.data, msg.body.len, &sh, err));
 *     TRY(tls_transcript_add(&t, msg.whole.data, msg.whole.len));
 *
 * Message files translate bytes <-> structs only. They enforce what the bytes alone decide
 * (lengths, <min..max> bounds, duplicate extensions, trailing bytes, values the RFC forbids);
 * rules that need connection state ("was this extension offered?") are left to the state
 * machine, helped by small pure functions such as tls_check_server_extensions().
 *
 * Memory: no parser copies or allocates. Parsed structs hold VIEWS (struct tls_bytes: pointer
 * + length) into the caller's message bytes; a view is valid exactly as long as those bytes are.
 */
#ifndef TLS13_HANDSHAKE_HANDSHAKE_MSG_H
#define TLS13_HANDSHAKE_HANDSHAKE_MSG_H

#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "common/names.h"
#include "common/writer.h"
#include "record/reassembly.h" /* TLS_HANDSHAKE_HEADER_LEN */

/* A view of bytes owned by someone else (never freed, never copied). */
struct tls_bytes {
    const uint8_t *data;
    size_t len;
};

/* msg_type (1) + uint24 length (3). */

/*
 * RFC 8446 §4:
 *     struct {
 *         HandshakeType msg_type;    // handshake type
 *         uint24 length;             // remaining bytes in message
 *         select (Handshake.msg_type) { ... };
 *     } Handshake;
 */
struct tls_handshake_msg {
    uint8_t msg_type;       /* enum tls_handshake_type; unknown values are passed through */
    uint32_t length;        /* the header's uint24 length == body.len */
    struct tls_bytes body;  /* the length bytes after the header */
    struct tls_bytes whole; /* header + body: what the transcript hashes */
};

/*
 * Parses exactly one handshake message occupying all of data[0..len): decode_error if the
 * header is truncated, the body shorter than length, or bytes follow the body.
 */
tls_result tls_handshake_msg_parse(const uint8_t *data, size_t len, struct tls_handshake_msg *msg,
                                   struct tls_error *err);

/*
 * Parses the first handshake message of data[0..len) (several may share one record) and sets
 * *consumed to its whole length; bytes after it are left for the next call. decode_error if
 * the first message is incomplete.
 */
tls_result tls_handshake_msg_next(const uint8_t *data, size_t len, struct tls_handshake_msg *msg,
                                  size_t *consumed, struct tls_error *err);

/*
 * tls_fail() that also names the field being judged (the reader does this for its own
 * failures), so every message-level rule reports e.g. "ServerHello.legacy_compression_method".
 */
tls_result tls_hs_fail(struct tls_error *err, enum tls_alert_description alert, const char *field,
                       const char *reason);

/* Opens a message: writes msg_type and reserves the uint24 length. Close with _end(). */
struct tls_vector_mark tls_handshake_msg_begin(struct tls_writer *w, enum tls_handshake_type msg_type);

/* Closes it: patches the uint24 length with the body length written since _begin(). */
void tls_handshake_msg_end(struct tls_writer *w, struct tls_vector_mark mark);

#endif
