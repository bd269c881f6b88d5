/*
 * reassembly.c — handshake messages reassembled from handshake records (RFC 8446 §4, §5.1).
 *
 * Implementation notes
 * --------------------
 * The buffer holds buf[start..end): bytes received but not yet popped. Popping a message only
 * moves start, so every view handed out stays valid until the next add; the add then slides the
 * unpopped tail (always less than one whole message) to the front before appending.
 *
 * Why the buffer is big enough: the caller pops until nothing complete is left before adding,
 * so at an add what remains is a prefix of one message, at most 4 + 64 KiB - 1 bytes; a record
 * adds at most 2^14 bytes of content (§5.1). And the header check happens as soon as 4 bytes of
 * a message are buffered, so an announced length above the bound is refused before its body.
 */
#include "record/reassembly.h"

#include <string.h>

#include "common/reader.h"

void tls_reassembly_reset(struct tls_reassembly *ra)
{
    /* Handshake messages can carry secrets (e.g. tickets): do not leave them behind. */
    memset(ra->buf, 0, sizeof(ra->buf));
    ra->start = 0;
    ra->end = 0;
}

bool tls_reassembly_pending(const struct tls_reassembly *ra)
{
    return ra->end > ra->start;
}

/*
 *  struct {
 *      HandshakeType msg_type;    // handshake type
 *      uint24 length;             // remaining bytes in message
 *      ...
 *  } Handshake;
 *
 * Reads the header of the message at start if all 4 bytes are buffered (*have_header) and
 * checks the announced length against our bound.
 */
static tls_result peek_header(const struct tls_reassembly *ra, uint8_t *msg_type,
                              uint32_t *length, bool *have_header, struct tls_error *err)
{
    *have_header = false;
    if (ra->end - ra->start < TLS_HANDSHAKE_HEADER_LEN) {
        return TLS_OK;
    }
    struct tls_reader r;
    tls_reader_init(&r, ra->buf + ra->start, TLS_HANDSHAKE_HEADER_LEN, err);
    TRY(tls_read_u8(&r, msg_type, "Handshake.msg_type"));
    TRY(tls_read_u24(&r, length, "Handshake.length"));
    /* The uint24 allows 16 MiB; we refuse anything above our documented bound before buffering
     * its body (SM-06). The RFC names no alert for "well-formed but too large for us";
     * illegal_parameter (a field value we will not accept) is BoringSSL's choice too. */
    if (*length > TLS_MAX_HANDSHAKE_MESSAGE_LEN) {
        return tls_fail(err, TLS_ALERT_illegal_parameter,
                        "RFC 8446 §4: handshake message longer than this client accepts (64 KiB)");
    }
    *have_header = true;
    return TLS_OK;
}

tls_result tls_reassembly_add(struct tls_reassembly *ra, const uint8_t *content, size_t len,
                              struct tls_error *err)
{
    /* RFC 8446 §5.1: "Implementations MUST NOT send zero-length fragments of Handshake types,
     * even if those fragments contain padding." (REC-06) */
    if (len == 0) {
        return tls_fail(err, TLS_ALERT_unexpected_message,
                        "RFC 8446 §5.1: zero-length handshake fragment");
    }
    /* Slide the unpopped tail to the front so the whole buffer is free behind it. */
    size_t kept = ra->end - ra->start;
    if (ra->start > 0) {
        memmove(ra->buf, ra->buf + ra->start, kept);
        memset(ra->buf + kept, 0, ra->start);
        ra->start = 0;
        ra->end = kept;
    }
    if (len > sizeof(ra->buf) - ra->end) {
        /* Only possible if complete messages were left unpopped, or content > 2^14. */
        return tls_fail(err, TLS_ALERT_internal_error,
                        "RFC 8446 §5.1: reassembly buffer full (pop complete messages before adding)");
    }
    memcpy(ra->buf + ra->end, content, len);
    ra->end += len;

    /* Judge the pending message's header as soon as it is complete. */
    uint8_t msg_type;
    uint32_t length;
    bool have_header;
    return peek_header(ra, &msg_type, &length, &have_header, err);
}

tls_result tls_reassembly_next(struct tls_reassembly *ra, struct tls_handshake_message *msg,
                               bool *have, struct tls_error *err)
{
    memset(msg, 0, sizeof(*msg));
    *have = false;
    uint8_t msg_type;
    uint32_t length;
    bool have_header;
    TRY(peek_header(ra, &msg_type, &length, &have_header, err));
    if (!have_header) {
        return TLS_OK;
    }
    size_t total = TLS_HANDSHAKE_HEADER_LEN + (size_t)length;
    if (ra->end - ra->start < total) {
        return TLS_OK; /* the body is still arriving */
    }
    msg->msg_type = msg_type;
    msg->length = length;
    msg->bytes = ra->buf + ra->start;
    msg->body = msg->bytes + TLS_HANDSHAKE_HEADER_LEN;
    msg->total_len = total;
    ra->start += total;
    *have = true;
    return TLS_OK;
}

tls_result tls_reassembly_check_boundary(const struct tls_reassembly *ra, const char *reason,
                                         struct tls_error *err)
{
    /* RFC 8446 §5.1: "Handshake messages MUST NOT span key changes. Implementations MUST verify
     * that all messages immediately preceding a key change align with a record boundary; if
     * not, then they MUST terminate the connection with an "unexpected_message" alert."
     * RFC 8446 §5.1: "if a handshake message is split over two or more records, there MUST NOT
     * be any other records between them." */
    if (tls_reassembly_pending(ra)) {
        return tls_fail(err, TLS_ALERT_unexpected_message,
                        reason != NULL ? reason : TLS_REASSEMBLY_KEY_CHANGE_REASON);
    }
    return TLS_OK;
}
