/*
 * decode_sslv2.c — SSL 2.0-format records: the version 2 CLIENT-HELLO that clients of SSL 3.0
 * to TLS 1.2 could send to reach old servers (RFC 5246 Appendix E.2, RFC 6101 Appendix E), and
 * whole SSL 2.0 connections, which RFC 6176 prohibits.
 *
 * Implementation notes
 * --------------------
 * An SSL 2.0 record has no content type: a 2-byte header (high bit set, 15-bit length) or a
 * 3-byte one (two high bits clear, 14-bit length, then a padding length). RFC 5246 Appendix E.2:
 *
 *     uint8 V2CipherSpec[3];
 *     struct {
 *         uint16 msg_length;          // high bit set; the length of what follows
 *         uint8 msg_type;             // 1: CLIENT-HELLO
 *         Version version;            // the highest version the client supports
 *         uint16 cipher_spec_length;  // a multiple of 3
 *         uint16 session_id_length;
 *         uint16 challenge_length;
 *         V2CipherSpec cipher_specs[V2ClientHello.cipher_spec_length];
 *         opaque session_id[V2ClientHello.session_id_length];
 *         opaque challenge[V2ClientHello.challenge_length];
 *     } V2ClientHello;
 *
 * When the server answers with a TLS ServerHello, the connection goes on in TLS: the challenge,
 * right-aligned in 32 zero bytes, is the client random (RFC 6101 Appendix E.1), and the hello
 * from msg_type on is the first message of the handshake hash (RFC 2246 Appendix E.1). When
 * it answers with an SSL 2.0 SERVER-HELLO (msg_type 4), the connection is SSL 2.0 throughout:
 * its records are listed by length, and the connection is named for what it is.
 */
#include <string.h>

#include "common/names.h"
#include "decoder/decode_internal.h"

#define V2_CLIENT_HELLO 1
#define V2_CLIENT_MASTER_KEY 2
#define V2_SERVER_HELLO 4
#define V2_HELLO_FIXED 9   /* msg_type .. challenge_length */

static uint16_t be16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

/* A V2ClientHello whose lengths add up; false when not one (or not all of it is here yet). */
static bool v2_client_hello_ok(const uint8_t *body, size_t len)
{
    if (len < V2_HELLO_FIXED || body[0] != V2_CLIENT_HELLO || (body[1] != 0x00 && body[1] != 0x03)) {
        return false;
    }
    size_t cs = be16(body + 3);
    size_t sid = be16(body + 5);
    size_t chal = be16(body + 7);
    /* RFC 6101 E.1: the challenge is 16 to 32 bytes; session_id 0 or 16 */
    return cs > 0 && cs % 3 == 0 && chal >= 16 && chal <= 32 && V2_HELLO_FIXED + cs + sid + chal == len;
}

int dec_sslv2_record_len(const struct dec_conn *c, enum tls_direction dir, const uint8_t *data,
                         size_t len, size_t *total)
{
    const struct dec_direction *d = &c->dir[dir];
    if (len < 3) {
        return (c->sslv2 || (d->records == 0 && len > 0 && (data[0] & 0x80) != 0)) ? -1 : 0;
    }
    size_t hdr = (data[0] & 0x80) != 0 ? 2 : 3;
    size_t body = (data[0] & 0x80) != 0 ? (size_t)(data[0] & 0x7f) << 8 | data[1]
                                        : (size_t)(data[0] & 0x3f) << 8 | data[1];
    if (c->sslv2) {
        /* An SSL 2.0 connection: every record is in this format (3-byte headers have bit 6
           clear as well). */
        if (hdr == 3 && (data[0] & 0x40) != 0) {
            return 0;
        }
        *total = hdr + body;
        return len >= *total ? 1 : -1;
    }
    /* Otherwise only the first record of a direction: a CLIENT-HELLO or SERVER-HELLO. */
    if (d->records != 0 || hdr != 2 || body < V2_HELLO_FIXED ||
        (data[2] != V2_CLIENT_HELLO && data[2] != V2_SERVER_HELLO)) {
        return 0;
    }
    *total = hdr + body;
    if (len < *total) {
        return len < hdr + V2_HELLO_FIXED || data[2] == V2_SERVER_HELLO ||
                       (be16(data + 5) % 3 == 0 && data[3] <= 0x03) ? -1 : 0;
    }
    if (data[2] == V2_CLIENT_HELLO && !v2_client_hello_ok(data + 2, body)) {
        return 0;
    }
    return 1;
}

/* The CLIENT-HELLO: described, its challenge taken as the client random, and hashed. */
static void client_hello(struct dec_conn *c, struct dec_record *r, const uint8_t *body, size_t len)
{
    uint16_t version = be16(body + 1);
    size_t cs = be16(body + 3);
    size_t sid = be16(body + 5);
    size_t chal = be16(body + 7);
    const char *vn = tls_version_name(version);
    dec_fact_sslv2_client_hello(r, version, body + V2_HELLO_FIXED, cs, sid, chal);
    r->pub.message_count = 1;
    r->pub.messages[0].type = TLS_HT_client_hello;
    r->pub.messages[0].length = (uint32_t)len;
    c->have_client_hello = true;
    memset(c->client_random, 0, sizeof(c->client_random));
    size_t n = chal < sizeof(c->client_random) ? chal : sizeof(c->client_random);
    memcpy(c->client_random + sizeof(c->client_random) - n, body + V2_HELLO_FIXED + cs + sid + chal - n, n);
    dec_transcript_add(c, body, len); /* RFC 2246 Appendix E.1: the hashes start with it */
    if (version == 0x0002) {
        c->sslv2 = true;
        dec_conn_note(c, "client: an SSL 2.0 ClientHello: SSL 2.0 is prohibited (RFC 6176)");
    } else {
        dec_conn_note(c, "client: an SSLv2-format ClientHello offering %s (RFC 5246 Appendix E.2)",
                      vn != NULL ? vn : "an unknown version");
    }
}

void dec_sslv2_record(struct dec_conn *c, enum tls_direction dir, const uint8_t *bytes, size_t len,
                      uint64_t offset, const struct dec_chunk_start *where)
{
    struct dec_direction *d = &c->dir[dir];
    struct dec_record r;
    dec_record_begin(c, &r, false);
    size_t hdr = (bytes[0] & 0x80) != 0 ? 2 : 3;
    r.pub.conn_id = c->info.id;
    r.pub.dir = dir;
    r.pub.token = where->token;
    r.pub.frame = where->frame;
    r.pub.offset = offset;
    r.pub.sslv2 = true;
    r.pub.version = 0x0002;
    r.pub.length = (uint16_t)(len - hdr);
    d->records++;
    c->records++;
    dec_fact_sslv2_header(&r, c->records, dir, where, offset, hdr, len - hdr);
    const uint8_t *body = bytes + hdr;
    size_t body_len = len - hdr;
    if (d->sslv2_encrypted) {
        r.pub.is_protected = true;
        dec_fact_line(&r, DEC_LINE_SSLV2_ENCRYPTED, dir);
    } else if (body_len > 0 && body[0] == V2_CLIENT_HELLO && v2_client_hello_ok(body, body_len)) {
        client_hello(c, &r, body, body_len);
    } else if (body_len > 0 && body[0] == V2_SERVER_HELLO) {
        c->sslv2 = true;
        d->sslv2_encrypted = true; /* the server's next records are encrypted */
        c->version = 0x0002;
        dec_fact_line(&r, DEC_LINE_SSLV2_SERVER_HELLO, dir);
        dec_conn_note(c, "server: an SSL 2.0 SERVER-HELLO: this is an SSL 2.0 connection, which "
                         "RFC 6176 prohibits");
    } else if (body_len > 0 && body[0] == V2_CLIENT_MASTER_KEY) {
        d->sslv2_encrypted = true;
        dec_fact_line(&r, DEC_LINE_SSLV2_CLIENT_MASTER_KEY, dir);
    } else {
        dec_fact_sslv2_message(&r, body_len > 0 ? body[0] : 0);
    }
    dec_output_record(c, &r);
}
