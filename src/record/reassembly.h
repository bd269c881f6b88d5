/*
 * reassembly.h — handshake messages across record boundaries (RFC 8446 §4, §5.1).
 *
 *      struct {
 *          HandshakeType msg_type;    // handshake type
 *          uint24 length;             // remaining bytes in message
 *          select (Handshake.msg_type) { ... };
 *      } Handshake;
 *
 * §5.1 lets a sender coalesce several handshake messages into one record or fragment one
 * message over several records (even its 4-byte header, DIV-9). The handshake layer wants whole
 * messages, so the content of each handshake record is appended here and complete messages are
 * popped one at a time.
 *
 * Two §5.1 rules need to know whether a message is half-received; the handshake layer decides
 * when they apply and calls tls_reassembly_check_boundary():
 *   - "Handshake messages MUST NOT span key changes" — before every key change;
 *   - "Handshake messages MUST NOT be interleaved with other record types" — on every
 *     non-handshake record (alert, application_data, and also a dropped CCS, REC-10).
 *
 * Bound: a message body may be at most TLS_MAX_HANDSHAKE_MESSAGE_LEN (64 KiB) bytes, room for
 * large certificate chains. A header announcing more is refused as soon as the header is seen,
 * before its body is buffered (SM-06), with illegal_parameter: the RFC names no alert for a
 * length that is well-formed but above our limit; BoringSSL uses illegal_parameter too.
 *
 * Memory: the buffer is inside the struct (~80 KiB); no allocation. A popped message is a view
 * into that buffer, valid until the next tls_reassembly_add() or tls_reassembly_reset().
 */
#ifndef TLS13_RECORD_REASSEMBLY_H
#define TLS13_RECORD_REASSEMBLY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "record/record.h"

#define TLS_HANDSHAKE_HEADER_LEN 4u
/* Largest handshake message body we accept (the uint24 length field allows 2^24 - 1). */
#define TLS_MAX_HANDSHAKE_MESSAGE_LEN 65536u
/* One partial message plus one record's worth of content not yet popped. */
#define TLS_REASSEMBLY_BUFFER_LEN \
    (TLS_HANDSHAKE_HEADER_LEN + TLS_MAX_HANDSHAKE_MESSAGE_LEN + TLS_MAX_PLAINTEXT_LEN)

struct tls_reassembly {
    uint8_t buf[TLS_REASSEMBLY_BUFFER_LEN];
    size_t start; /* first byte not yet popped */
    size_t end;   /* one past the last byte buffered */
};

/* One complete handshake message: a view into the reassembly buffer. */
struct tls_handshake_message {
    uint8_t msg_type;     /* HandshakeType */
    uint32_t length;      /* Handshake.length: body bytes */
    const uint8_t *body;  /* length bytes */
    const uint8_t *bytes; /* the whole message, 4-byte header included (what the transcript hashes) */
    size_t total_len;     /* 4 + length */
};

void tls_reassembly_reset(struct tls_reassembly *ra);

/*
 * Appends the content of one handshake record. A zero-length handshake fragment ->
 * unexpected_message (§5.1 "MUST NOT send zero-length fragments of Handshake types", REC-06).
 * The caller must have popped every complete message first (internal_error otherwise). Fails
 * with illegal_parameter as soon as a buffered header announces more than the maximum.
 */
tls_result tls_reassembly_add(struct tls_reassembly *ra, const uint8_t *content, size_t len,
                              struct tls_error *err);

/*
 * Pops the next complete message into *msg and sets *have = true; *have = false when no complete
 * message is buffered. Fails (illegal_parameter) if the next header announces a body above
 * TLS_MAX_HANDSHAKE_MESSAGE_LEN.
 */
tls_result tls_reassembly_next(struct tls_reassembly *ra, struct tls_handshake_message *msg,
                               bool *have, struct tls_error *err);

/* True when bytes of an incomplete message (or complete ones not yet popped) are buffered. */
bool tls_reassembly_pending(const struct tls_reassembly *ra);

/*
 * The §5.1 record-boundary check: unexpected_message if tls_reassembly_pending(). Call it, after
 * popping (and handling) every complete message, before every key change and for every record
 * that is not a handshake record. Bytes still buffered at a key change were sent under the old
 * key but belong after the change (REC-11). reason lets the caller name which rule (or pass
 * NULL for the key-change wording).
 */
tls_result tls_reassembly_check_boundary(const struct tls_reassembly *ra, const char *reason,
                                         struct tls_error *err);

/* Ready-made reasons for tls_reassembly_check_boundary(). */
#define TLS_REASSEMBLY_KEY_CHANGE_REASON \
    "RFC 8446 §5.1: handshake message spans a key change (MUST NOT span key changes)"
#define TLS_REASSEMBLY_INTERLEAVE_REASON \
    "RFC 8446 §5.1: another record type arrived inside a fragmented handshake message (MUST NOT be interleaved)"

#endif
