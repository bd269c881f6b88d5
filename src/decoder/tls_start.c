/*
 * tls_start.c — where the TLS records of a stream begin (RFC 8446 §5.1 record header).
 *
 * Implementation notes
 * --------------------
 * TLS is found by content, not by port: a stream may carry something else first. Two such
 * prefixes are common in the captures engineers bring:
 *
 *   - an HTTP proxy's CONNECT exchange (RFC 9110 §9.3.6): the client sends "CONNECT host:443
 *     HTTP/1.1 ... \r\n\r\n", the proxy answers "HTTP/1.1 200 ... \r\n\r\n", then both speak TLS;
 *   - RDP: X.224 Connection Request and Confirm, each in a TPKT packet (RFC 1006 §6: version 3,
 *     reserved 0, 16-bit length of the whole packet), then TLS.
 *
 * Anything else is skipped by scanning for a record header that is plausible and confirmed
 * by what follows it. The rule is spelled out above tls_find_tls_start() in stream.h.
 */
#include "decoder/stream.h"

#include <string.h>

/*
 * RFC 8446 §5.1:
 *   struct {
 *       ContentType type;
 *       ProtocolVersion legacy_record_version;
 *       uint16 length;
 *       opaque fragment[TLSPlaintext.length];
 *   } TLSPlaintext;
 * ContentType change_cipher_spec(20), alert(21), handshake(22), application_data(23).
 * RFC 8446 §5.2: a TLSCiphertext may be up to 2^14 + 256 bytes; TLS 1.2 (RFC 5246 §6.2.3)
 * allowed 2^14 + 2048, the largest any version sends, so that is the bound here.
 */
#define RECORD_HEADER_LEN 5
#define RECORD_MAX_LEN ((1u << 14) + 2048u)

/* How many leading bytes of a record header `data` agrees with (5 = a whole plausible header). */
static size_t header_prefix_ok(const uint8_t *data, size_t len)
{
    size_t n = len < RECORD_HEADER_LEN ? len : RECORD_HEADER_LEN;
    if (n >= 1 && (data[0] < 20 || data[0] > 23)) {
        return 0;
    }
    /* legacy_record_version: SSL 3.0 (03 00) up to 03 04; TLS 1.3 writes 03 01 or 03 03. */
    if (n >= 2 && data[1] != 0x03) {
        return 0;
    }
    if (n >= 3 && data[2] > 0x04) {
        return 0;
    }
    if (n >= 5) {
        unsigned length = (unsigned)data[3] << 8 | data[4];
        if (length == 0 || length > RECORD_MAX_LEN) {
            return 0;
        }
    }
    return n;
}

bool tls_plausible_record_header(const uint8_t *data, size_t len)
{
    return len >= RECORD_HEADER_LEN && header_prefix_ok(data, len) == RECORD_HEADER_LEN;
}

static size_t record_length(const uint8_t *header)
{
    return (size_t)header[3] << 8 | header[4];
}

static void set(struct tls_start *out, enum tls_start_status status, size_t offset,
                enum tls_start_prefix prefix)
{
    out->status = status;
    out->offset = offset;
    out->prefix = prefix;
}

/*
 * Is the record at data[i] confirmed? Returns 1 (yes), 0 (no), -1 (not enough bytes to say).
 * Confirmation: the next record header right after this record's body is plausible too, or
 * this is a handshake record whose body starts like a ClientHello/ServerHello (RFC 8446 §4:
 * msg_type 1 or 2, uint24 length; a hello this small has a zero high length byte).
 */
static int confirmed_at(const uint8_t *data, size_t len, size_t i)
{
    const uint8_t *h = data + i;
    size_t avail = len - i;
    size_t end = RECORD_HEADER_LEN + record_length(h);
    if (h[0] == 22 && avail >= RECORD_HEADER_LEN + 2 && (h[5] == 1 || h[5] == 2) && h[6] == 0) {
        return 1;
    }
    if (avail < end) {
        return -1; /* the body is not all here yet */
    }
    if (avail < end + RECORD_HEADER_LEN) {
        /* Part of the next header is here: undecided if it agrees so far. */
        return header_prefix_ok(h + end, avail - end) == avail - end ? -1 : 0;
    }
    return tls_plausible_record_header(h + end, avail - end) ? 1 : 0;
}

/* Step 4: the first confirmed plausible header at or after `from`. */
static void scan(const uint8_t *data, size_t len, size_t from, enum tls_start_prefix prefix,
                 struct tls_start *out)
{
    bool undecided = len - from < RECORD_HEADER_LEN;
    for (size_t i = from; i + RECORD_HEADER_LEN <= len; i++) {
        if (!tls_plausible_record_header(data + i, len - i)) {
            continue;
        }
        int c = confirmed_at(data, len, i);
        if (c == 1) {
            set(out, TLS_START_FOUND, i, prefix);
            return;
        }
        /* A candidate waiting for more bytes: if nothing is confirmed, ask for more. */
        undecided = undecided || c < 0;
    }
    set(out, undecided ? TLS_START_NEED_MORE : TLS_START_NOT_FOUND, 0, prefix);
}

/* After a recognised prefix, records must start right at `pos` (or we scan on from there). */
static void after_prefix(const uint8_t *data, size_t len, size_t pos, enum tls_start_prefix prefix,
                         struct tls_start *out)
{
    if (len - pos < RECORD_HEADER_LEN) {
        set(out, TLS_START_NEED_MORE, 0, prefix);
        return;
    }
    if (tls_plausible_record_header(data + pos, len - pos)) {
        set(out, TLS_START_FOUND, pos, prefix);
        return;
    }
    scan(data, len, pos, prefix, out);
}

/* An HTTP message starts with a method in capitals and a space, or with "HTTP/". 0 = no, -1 = maybe. */
static int looks_like_http(const uint8_t *data, size_t len)
{
    static const char status[] = "HTTP/";
    size_t n = len < 5 ? len : 5;
    if (n > 0 && memcmp(data, status, n) == 0) {
        return n == 5 ? 1 : -1;
    }
    /* RFC 9110 §9.1: method = token; the registered methods are upper-case letters. */
    for (size_t i = 0; i < len && i <= 16; i++) {
        if (data[i] == ' ') {
            return i > 0 ? 1 : 0;
        }
        if (data[i] < 'A' || data[i] > 'Z') {
            return 0;
        }
    }
    return len <= 16 ? -1 : 0;
}

/* Step 2: skip through the blank line that ends the HTTP header section (RFC 9112 §2.1). */
static void skip_http(const uint8_t *data, size_t len, struct tls_start *out)
{
    for (size_t i = 0; i + 4 <= len; i++) {
        if (memcmp(data + i, "\r\n\r\n", 4) == 0) {
            after_prefix(data, len, i + 4, TLS_PREFIX_HTTP, out);
            return;
        }
    }
    set(out, TLS_START_NEED_MORE, 0, TLS_PREFIX_HTTP);
}

/* Step 3: RFC 1006 §6 TPKT: vrsn 3, reserved 0, packet length (header included, >= 7). */
static void skip_tpkt(const uint8_t *data, size_t len, struct tls_start *out)
{
    size_t pos = 0;
    while (len - pos >= 1 && data[pos] == 0x03) {
        if (len - pos < 4) {
            set(out, TLS_START_NEED_MORE, 0, TLS_PREFIX_TPKT);
            return;
        }
        size_t packet = (size_t)data[pos + 2] << 8 | data[pos + 3];
        if (data[pos + 1] != 0x00 || packet < 7) {
            break;
        }
        if (len - pos < packet) {
            set(out, TLS_START_NEED_MORE, 0, TLS_PREFIX_TPKT);
            return;
        }
        pos += packet;
    }
    after_prefix(data, len, pos, TLS_PREFIX_TPKT, out);
}

void tls_find_tls_start(const uint8_t *data, size_t len, struct tls_start *out)
{
    set(out, TLS_START_NEED_MORE, 0, TLS_PREFIX_NONE);
    if (len == 0) {
        return;
    }
    /* Step 1: TLS from the first byte (a partial header that fits so far: wait for more). */
    size_t agree = header_prefix_ok(data, len);
    if (agree == RECORD_HEADER_LEN) {
        set(out, TLS_START_FOUND, 0, TLS_PREFIX_NONE);
        return;
    }
    if (agree == len) {
        return;
    }
    int http = looks_like_http(data, len);
    if (http != 0) {
        if (http > 0) {
            skip_http(data, len, out);
        } else {
            out->prefix = TLS_PREFIX_HTTP;
        }
        return;
    }
    if (data[0] == 0x03 && (len < 2 || data[1] == 0x00)) {
        skip_tpkt(data, len, out);
        return;
    }
    scan(data, len, 0, TLS_PREFIX_UNKNOWN, out);
}
