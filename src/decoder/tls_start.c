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
 * and the STARTTLS families, where an application protocol speaks in the clear until both
 * sides agree to start TLS on the same connection:
 *
 *   - text protocols, recognised by their first command or greeting: SMTP (RFC 3207: "EHLO",
 *     then "STARTTLS" / "220 Ready"), FTP (RFC 4217 §4: "AUTH TLS" / "234"), IMAP (RFC 3501
 *     §6.2.1: "tag STARTTLS" / "tag OK"), POP3 (RFC 2595 §4: "STLS" / "+OK"), XMPP (RFC 6120
 *     §5.4: <starttls/> / <proceed/>). A TLS record header starts with a byte below 0x20
 *     (type 20..24), never a text byte, so the text is skipped up to the first byte that is
 *     not text. SMTP and FTP servers both greet with "220": the replies that follow (250 for
 *     EHLO, 234 for AUTH TLS) or the client's side tell them apart;
 *   - binary ones, skipped message by message: LDAP (RFC 4511 §4.14: an LDAPMessage, BER
 *     SEQUENCE, holding an ExtendedRequest [APPLICATION 23] or ExtendedResponse [24]),
 *     PostgreSQL (the 8-byte SSLRequest 00000008 04d2162f, answered by the single byte 'S')
 *     and MySQL (the server's Protocol::Handshake packet, protocol version 10, and the
 *     client's 32-byte SSLRequest with CLIENT_SSL; packets have a 3-byte little-endian length
 *     and a sequence number).
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

/* How many leading bytes of a record header `data` agrees with (5 = a whole plausible header).
   A heartbeat (type 24, RFC 6520) is a record inside a stream, never the first of one. */
static size_t header_prefix_ok_types(const uint8_t *data, size_t len, uint8_t max_type)
{
    size_t n = len < RECORD_HEADER_LEN ? len : RECORD_HEADER_LEN;
    if (n >= 1 && (data[0] < 20 || data[0] > max_type)) {
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

static size_t header_prefix_ok(const uint8_t *data, size_t len)
{
    return header_prefix_ok_types(data, len, 23);
}

bool tls_plausible_record_header(const uint8_t *data, size_t len)
{
    return len >= RECORD_HEADER_LEN && header_prefix_ok(data, len) == RECORD_HEADER_LEN;
}

bool tls_plausible_next_record_header(const uint8_t *data, size_t len)
{
    return len >= RECORD_HEADER_LEN && header_prefix_ok_types(data, len, 24) == RECORD_HEADER_LEN;
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

/* ---- STARTTLS families ------------------------------------------------------------------ */

/* A byte of a text protocol's lines: printable ASCII, tab, CR, LF. */
static bool is_text(uint8_t b)
{
    return b == '\t' || b == '\r' || b == '\n' || (b >= 0x20 && b < 0x7f);
}

static uint8_t upper(uint8_t b)
{
    return b >= 'a' && b <= 'z' ? (uint8_t)(b - 'a' + 'A') : b;
}

/* 1: data starts with kw (ASCII, case-insensitive: commands are, RFC 5321 §2.4), -1: data is
   a prefix of kw, 0: no. */
static int starts_with(const uint8_t *data, size_t len, const char *kw, size_t kw_len)
{
    size_t m = len < kw_len ? len : kw_len;
    for (size_t i = 0; i < m; i++) {
        if (upper(data[i]) != (uint8_t)kw[i]) {
            return 0;
        }
    }
    return len >= kw_len ? 1 : -1;
}

/* The first line of each text family, client's and server's. */
static const struct {
    const char *start;
    enum tls_start_prefix prefix;
} text_starts[] = {
    {"EHLO ", TLS_PREFIX_SMTP},         {"HELO ", TLS_PREFIX_SMTP},
    {"220 ", TLS_PREFIX_SMTP_OR_FTP},   {"220-", TLS_PREFIX_SMTP_OR_FTP},
    {"AUTH TLS", TLS_PREFIX_FTP},       {"AUTH SSL", TLS_PREFIX_FTP},
    {"FEAT\r\n", TLS_PREFIX_FTP},
    {"* OK", TLS_PREFIX_IMAP},          {"* PREAUTH", TLS_PREFIX_IMAP},
    {"+OK", TLS_PREFIX_POP3},           {"CAPA\r\n", TLS_PREFIX_POP3},
    {"STLS\r\n", TLS_PREFIX_POP3},
    {"<?XML ", TLS_PREFIX_XMPP},        {"<STREAM:STREAM", TLS_PREFIX_XMPP},
};

/* RFC 3501 §6.2.1: a client command is "tag SP command"; the tag is an atom (no space, no
   control). Returns 1, -1 (undecided) or 0 for "tag CAPABILITY" and "tag STARTTLS". */
static int imap_command(const uint8_t *data, size_t len)
{
    size_t i = 0;
    while (i < len && i < 32 && data[i] != ' ') {
        if (!is_text(data[i]) || data[i] < 0x21) {
            return 0;
        }
        i++;
    }
    if (i == len) {
        return i < 32 ? -1 : 0;
    }
    if (i == 0 || data[i] != ' ') {
        return 0;
    }
    int cap = starts_with(data + i + 1, len - i - 1, "CAPABILITY\r\n", 12);
    int stls = starts_with(data + i + 1, len - i - 1, "STARTTLS\r\n", 10);
    return cap == 1 || stls == 1 ? 1 : (cap < 0 || stls < 0 ? -1 : 0);
}

/* Which text family data begins with: the prefix, TLS_PREFIX_NONE for none; *maybe when the
   bytes so far could still become one. */
static enum tls_start_prefix text_family(const uint8_t *data, size_t len, bool *maybe)
{
    *maybe = false;
    for (size_t i = 0; i < sizeof(text_starts) / sizeof(text_starts[0]); i++) {
        int m = starts_with(data, len, text_starts[i].start, strlen(text_starts[i].start));
        if (m == 1) {
            return text_starts[i].prefix;
        }
        *maybe = *maybe || m < 0;
    }
    int imap = imap_command(data, len);
    if (imap == 1) {
        return TLS_PREFIX_IMAP;
    }
    *maybe = *maybe || imap < 0;
    return TLS_PREFIX_NONE;
}

/* A "220" greeting: SMTP answers EHLO with 250 lines (RFC 5321 §4.1.1.1), FTP answers AUTH TLS
   with 234 (RFC 4217 §4). */
static enum tls_start_prefix smtp_or_ftp(const uint8_t *text, size_t len)
{
    for (size_t i = 0; i + 4 <= len; i++) {
        if (text[i] == '\n' && memcmp(text + i + 1, "250", 3) == 0) {
            return TLS_PREFIX_SMTP;
        }
        if (text[i] == '\n' && memcmp(text + i + 1, "234", 3) == 0) {
            return TLS_PREFIX_FTP;
        }
    }
    return TLS_PREFIX_SMTP_OR_FTP;
}

/* Text up to the first byte that is not text; records must start there. */
static void skip_text(const uint8_t *data, size_t len, enum tls_start_prefix prefix, struct tls_start *out)
{
    size_t pos = 0;
    while (pos < len && is_text(data[pos])) {
        pos++;
    }
    if (prefix == TLS_PREFIX_SMTP_OR_FTP) {
        prefix = smtp_or_ftp(data, pos);
    }
    if (pos == len) {
        set(out, TLS_START_NEED_MORE, 0, prefix);
        return;
    }
    after_prefix(data, len, pos, prefix, out);
}

/*
 * BER (X.690 §8.1.3) length of the element at data[0]: its header length in *hdr and content
 * length in *content; false when the bytes are not a definite length of up to 2 bytes.
 */
static bool ber_length(const uint8_t *data, size_t len, size_t *hdr, size_t *content)
{
    if (len < 2) {
        return false;
    }
    if (data[1] < 0x80) {
        *hdr = 2;
        *content = data[1];
        return true;
    }
    if (data[1] == 0x81 && len >= 3) {
        *hdr = 3;
        *content = data[2];
        return true;
    }
    if (data[1] == 0x82 && len >= 4) {
        *hdr = 4;
        *content = (size_t)data[2] << 8 | data[3];
        return true;
    }
    return false;
}

/*
 * RFC 4511 §4.2, §4.12, §4.14:
 *   LDAPMessage ::= SEQUENCE { messageID INTEGER, protocolOp CHOICE { ...
 *        extendedReq [APPLICATION 23] ExtendedRequest, extendedResp [APPLICATION 24] ... } }
 * An LDAPMessage carrying an extended operation: 30 len 02 n id... 77|78.
 */
static bool ldap_extended(const uint8_t *data, size_t len)
{
    size_t hdr = 0;
    size_t content = 0;
    if (len < 1 || data[0] != 0x30 || !ber_length(data, len, &hdr, &content)) {
        return false;
    }
    if (len < hdr + 2 || data[hdr] != 0x02 || data[hdr + 1] < 1 || data[hdr + 1] > 4 ||
        len < hdr + 3 + data[hdr + 1]) {
        return false;
    }
    uint8_t op = data[hdr + 2 + data[hdr + 1]];
    return op == 0x77 || op == 0x78;
}

/* Whole LDAPMessages, then records. */
static void skip_ldap(const uint8_t *data, size_t len, struct tls_start *out)
{
    size_t pos = 0;
    while (pos < len && data[pos] == 0x30) {
        size_t hdr = 0;
        size_t content = 0;
        if (!ber_length(data + pos, len - pos, &hdr, &content)) {
            break;
        }
        if (len - pos < hdr + content) {
            set(out, TLS_START_NEED_MORE, 0, TLS_PREFIX_LDAP);
            return;
        }
        pos += hdr + content;
    }
    after_prefix(data, len, pos, TLS_PREFIX_LDAP, out);
}

/* PostgreSQL's SSLRequest: Int32 length 8, Int32 80877103 (0x04d2162f). */
static const uint8_t pg_ssl_request[8] = {0x00, 0x00, 0x00, 0x08, 0x04, 0xd2, 0x16, 0x2f};

/* MySQL: a packet is a 3-byte little-endian payload length, a sequence id, the payload. The
   server's Protocol::HandshakeV10 (sequence 0, protocol version 10) or the client's
   SSLRequest (sequence 1, 32 bytes, capability CLIENT_SSL 0x0800). */
static bool mysql_packet(const uint8_t *data, size_t len)
{
    if (len < 6) {
        return false;
    }
    size_t payload = (size_t)data[0] | (size_t)data[1] << 8 | (size_t)data[2] << 16;
    if (data[3] == 0 && data[4] == 0x0a && payload >= 20 && payload < 1024) {
        return true;
    }
    return data[3] == 1 && payload == 32 && (data[5] & 0x08) != 0;
}

/* Step 2a: a STARTTLS family. True when data is one (out says what follows); *maybe when the
   bytes so far could still become one. */
static bool starttls(const uint8_t *data, size_t len, struct tls_start *out, bool *maybe)
{
    *maybe = false;
    size_t pg = len < sizeof(pg_ssl_request) ? len : sizeof(pg_ssl_request);
    if (memcmp(data, pg_ssl_request, pg) == 0) {
        if (len < sizeof(pg_ssl_request)) {
            set(out, TLS_START_NEED_MORE, 0, TLS_PREFIX_POSTGRES);
        } else {
            after_prefix(data, len, sizeof(pg_ssl_request), TLS_PREFIX_POSTGRES, out);
        }
        return true;
    }
    /* The server's 'S' (willing to do SSL), then its first record. */
    if (data[0] == 'S' && len >= 2 && header_prefix_ok(data + 1, len - 1) == (len - 1 < 5 ? len - 1 : 5)) {
        after_prefix(data, len, 1, TLS_PREFIX_POSTGRES, out);
        return true;
    }
    if (mysql_packet(data, len)) {
        size_t end = 4 + ((size_t)data[0] | (size_t)data[1] << 8 | (size_t)data[2] << 16);
        if (len < end) {
            set(out, TLS_START_NEED_MORE, 0, TLS_PREFIX_MYSQL);
        } else {
            after_prefix(data, len, end, TLS_PREFIX_MYSQL, out);
        }
        return true;
    }
    if (ldap_extended(data, len)) {
        skip_ldap(data, len, out);
        return true;
    }
    enum tls_start_prefix family = text_family(data, len, maybe);
    if (family != TLS_PREFIX_NONE) {
        skip_text(data, len, family, out);
        return true;
    }
    return false;
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
    bool maybe_starttls = false;
    if (starttls(data, len, out, &maybe_starttls)) {
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
    if (maybe_starttls) {
        return; /* NEED_MORE: the first line is not complete yet */
    }
    if (data[0] == 0x03 && (len < 2 || data[1] == 0x00)) {
        skip_tpkt(data, len, out);
        return;
    }
    scan(data, len, 0, TLS_PREFIX_UNKNOWN, out);
}
