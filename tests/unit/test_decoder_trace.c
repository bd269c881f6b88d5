/*
 * test_decoder_trace.c — the token trace reader (src/decoder/token_trace.c) and format
 * detection (src/decoder/input.c).
 *
 * Tokens are delivered whole, one on_data each, numbered from 1 per direction; a record may
 * span tokens (the input half does not look inside). Every error names its line, and an error
 * anywhere means no events at all.
 */
#include "support/testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decoder/stream.h"
#include "support/decoder_collect.h"

static struct collected *read_text(const char *text, tls_result *rc, struct tls_input_error *ie)
{
    struct tls_stream_callbacks cb;
    struct collected *c = collect_new(&cb);
    memset(ie, 0, sizeof(*ie));
    *rc = tls_token_trace_read(text, strlen(text), &cb, ie);
    return c;
}

/* Stack Overflow 72871449: one 103-byte server token (the NewSessionTicket record). */
static void schannel_nst_trace(void **state)
{
    (void)state;
    tls_result rc;
    struct tls_input_error ie;
    struct collected *c = collect_read_vector("traces/so72871449_schannel_tls13_nst.trace", &rc, &ie);
    if (rc != TLS_OK) {
        fail_msg("%s", ie.message);
    }
    assert_int_equal(c->violations, 0);
    assert_int_equal(c->nconn, 1);
    assert_int_equal(c->conns[1].info.client_rule, TLS_CLIENT_BY_TRACE);
    const struct collected_dir *s = &c->conns[1].dir[TLS_DIR_SERVER_TO_CLIENT];
    assert_int_equal(c->conns[1].dir[TLS_DIR_CLIENT_TO_SERVER].tokens, 0);
    assert_int_equal(s->tokens, 1);
    assert_int_equal(s->token_len[0], 103);
    assert_int_equal(c->conns[1].end.tokens[TLS_DIR_SERVER_TO_CLIENT], 1);
    assert_int_equal(c->conns[1].end.reason, TLS_STREAM_END_TRACE);
    static const uint8_t head[] = {0x17, 0x03, 0x03, 0x00, 0x62}, tail[] = {0x4f, 0xe0, 0xbd};
    assert_bytes_equal(s->data, 5, head, 5, "SO 72871449 'Example data in': record header, 0x62 = 98");
    assert_bytes_equal(s->data + 100, 3, tail, 3, "SO 72871449 'Example data in': last bytes");
    collect_free(c);
}

/* A record (16 03 03 00 08 + 8 bytes) split over two client tokens, then a server token with
 * two records; comments, blank lines, CRLF and mixed case are accepted. */
static void record_spanning_tokens(void **state)
{
    (void)state;
    static const char text[] = "# synthetic\r\n"
                               "C: 16 03 03 00 08 01\r\n"
                               "   00 00\r\n"
                               "\n"
                               "C:\n"
                               "  04 aa bb cc dd\n"
                               "  # a comment between hex lines\n"
                               "S: 15030300020230 1503030002\n"
                               "0100\n"
                               "C:ff\n";
    tls_result rc;
    struct tls_input_error ie;
    struct collected *c = read_text(text, &rc, &ie);
    assert_int_equal(rc, TLS_OK);
    assert_int_equal(c->violations, 0);
    const struct collected_dir *cl = &c->conns[1].dir[TLS_DIR_CLIENT_TO_SERVER];
    const struct collected_dir *sv = &c->conns[1].dir[TLS_DIR_SERVER_TO_CLIENT];
    assert_int_equal(cl->tokens, 3);
    assert_int_equal(cl->token_len[0], 8);
    assert_int_equal(cl->token_len[1], 5);
    assert_int_equal(cl->token_len[2], 1);
    assert_int_equal(sv->tokens, 1);
    assert_int_equal(sv->token_len[0], 14);
    static const uint8_t want_c[] = {0x16, 0x03, 0x03, 0x00, 0x08, 0x01, 0x00, 0x00,
                                     0x04, 0xaa, 0xbb, 0xcc, 0xdd, 0xff};
    assert_bytes_equal(cl->data, (size_t)cl->bytes, want_c, sizeof(want_c), "synthetic trace, client bytes");
    collect_free(c);
}

struct bad_case {
    const char *text;
    unsigned long line;
    const char *says;   /* a piece of the message */
};

static void errors_name_their_line(void **state)
{
    (void)state;
    static const struct bad_case bad[] = {
        {"C: 16 03 01\nS: 16 0g\n", 2, "column 8: 'g' (0x67) is not a hex digit"},
        {"# c\n\n16 03\n", 3, "before the first C: or S:"},
        {"C: 16 03 0\nS: 00\n", 1, "odd number"},
        {"C: 01\nS:\n# nothing\nC: 02\n", 2, "no bytes"},
        {"# only comments\n", 0, "no token"},
        {"", 0, "no token"},
        {"C: 01 # trailing comment\n", 1, "'#' (0x23) is not"},
        {"c: 01\n", 1, "upper-case"}, {"C: 01\nC:0102 : 03\n", 2, "':' (0x3a) is not"},
        {"C: 01\nS: 02\x01\n", 2, "column 6: byte 0x01 is not"},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        tls_result rc;
        struct tls_input_error ie;
        struct collected *c = read_text(bad[i].text, &rc, &ie);
        assert_int_equal(rc, TLS_E_ALERT(TLS_ALERT_decode_error));
        assert_int_equal(ie.err.code, rc);
        assert_non_null(ie.err.reason);
        if (ie.line != bad[i].line || strstr(ie.message, bad[i].says) == NULL) {
            fail_msg("case %zu: line %lu, message \"%s\"; want line %lu and \"%s\"", i, ie.line, ie.message,
                     bad[i].line, bad[i].says);
        }
        /* Nothing at all is delivered from a trace with an error. */
        assert_int_equal(c->nconn, 0);
        collect_free(c);
    }
}

/* Format detection by content: pcap magics in both byte orders, pcapng, else text. */
static void formats_are_detected_from_content(void **state)
{
    (void)state;
    static const struct {
        uint8_t head[4];
        enum tls_input_format format;
    } rows[] = {
        {{0xa1, 0xb2, 0xc3, 0xd4}, TLS_INPUT_PCAP},   {{0xd4, 0xc3, 0xb2, 0xa1}, TLS_INPUT_PCAP},
        {{0xa1, 0xb2, 0x3c, 0x4d}, TLS_INPUT_PCAP},   {{0x4d, 0x3c, 0xb2, 0xa1}, TLS_INPUT_PCAP},
        {{0x0a, 0x0d, 0x0d, 0x0a}, TLS_INPUT_PCAPNG}, {{'C', ':', ' ', '1'}, TLS_INPUT_TOKEN_TRACE},
        {{'#', ' ', 'x', '\n'}, TLS_INPUT_TOKEN_TRACE},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        assert_int_equal(tls_input_detect_format(rows[i].head, 4), rows[i].format);
    }
    assert_int_equal(tls_input_detect_format(rows[0].head, 3), TLS_INPUT_TOKEN_TRACE);
    /* And through the file entry point: a pcapng and a trace, by content. */
    tls_result rc;
    struct tls_input_error ie;
    struct collected *c = collect_read_vector("captures/hotplace-TLS_AES_128_GCM_SHA256.pcapng", &rc, &ie);
    assert_int_equal(rc, TLS_OK);
    assert_int_equal(c->nconn, 1);
    collect_free(c);
    c = collect_read_vector("no/such/file", &rc, &ie);
    assert_int_not_equal(rc, TLS_OK);
    assert_non_null(strstr(ie.message, "cannot open"));
    collect_free(c);
}

/* The TLS-start finder on synthetic prefixes (the rule in stream.h). */
static void tls_start_rules(void **state)
{
    (void)state;
    static const struct {
        const char *hex;
        enum tls_start_status status;
        size_t offset;
        enum tls_start_prefix prefix;
    } rows[] = {
        {"16030100", TLS_START_NEED_MORE, 0, TLS_PREFIX_NONE},       /* a header, incomplete */
        {"1603010004", TLS_START_FOUND, 0, TLS_PREFIX_NONE},
        {"030000", TLS_START_NEED_MORE, 0, TLS_PREFIX_TPKT},
        {"0300000702f080 1603030004", TLS_START_FOUND, 7, TLS_PREFIX_TPKT},
        {"0300000702f080 030000", TLS_START_NEED_MORE, 0, TLS_PREFIX_TPKT},
        {"434f4e4e", TLS_START_NEED_MORE, 0, TLS_PREFIX_HTTP},       /* "CONN" */
        {"434f4e4e45435420 0d0a0d0a 1603", TLS_START_NEED_MORE, 0, TLS_PREFIX_HTTP},
        {"48545450 2f 0d0a0d0a 1603030004", TLS_START_FOUND, 9, TLS_PREFIX_HTTP}, /* "HTTP/" */
        /* garbage, then a plausible header confirmed by a second one */
        {"00ff 1603030001aa 1703030001bb", TLS_START_FOUND, 2, TLS_PREFIX_UNKNOWN},
        /* garbage, then a handshake record beginning with client_hello */
        {"0000 1603010200 010001fc", TLS_START_FOUND, 2, TLS_PREFIX_UNKNOWN},
        /* a plausible header whose successor is not: no */
        {"00 1603030001aa ffffffffff", TLS_START_NOT_FOUND, 0, TLS_PREFIX_UNKNOWN},
        {"00 18030300 01", TLS_START_NOT_FOUND, 0, TLS_PREFIX_UNKNOWN},      /* type 24 is not a record start */
        {"00 1603050001", TLS_START_NOT_FOUND, 0, TLS_PREFIX_UNKNOWN},       /* version 03 05 */
        {"00 1603034801", TLS_START_NOT_FOUND, 0, TLS_PREFIX_UNKNOWN},       /* length > 2^14+2048 */
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        uint8_t buf[64];
        size_t n = test_hex(rows[i].hex, buf, sizeof(buf));
        struct tls_start st;
        tls_find_tls_start(buf, n, &st);
        if (st.status != rows[i].status || st.prefix != rows[i].prefix ||
            (st.status == TLS_START_FOUND && st.offset != rows[i].offset)) {
            fail_msg("row %zu (%s): status %d offset %zu prefix %d", i, rows[i].hex, (int)st.status, st.offset,
                     (int)st.prefix);
        }
    }
}

/* The STARTTLS families (tls_start.c), as their first bytes travel: each clear-text part,
 * then the first record header. Sources: RFC 3207 §4 (SMTP), RFC 4217 §4 (FTP), RFC 3501
 * §6.2.1 (IMAP), RFC 2595 §4 (POP3), RFC 6120 §5.4.2 (XMPP), RFC 4511 §4.14 (LDAP, a
 * StartTLS request with messageID 1), PostgreSQL's SSLRequest (protocol docs 55.2.10) and a
 * MySQL HandshakeV10 header. Every row is also cut at every length: the finder must then ask
 * for more bytes (never find TLS at another offset, never read past the end), and with bytes
 * that are not a record after the clear part it must not claim TLS there. */
static void tls_start_starttls_families(void **state)
{
    (void)state;
    static const struct {
        const char *text;      /* the clear part, as text (NULL: hex) */
        const char *hex;
        enum tls_start_prefix prefix;
    } rows[] = {
        {"EHLO client.example\r\nSTARTTLS\r\n", NULL, TLS_PREFIX_SMTP},
        {"helo client.example\r\nSTARTTLS\r\n", NULL, TLS_PREFIX_SMTP},
        {"220 mx ESMTP\r\n250-mx\r\n250 STARTTLS\r\n220 Ready to start TLS\r\n", NULL, TLS_PREFIX_SMTP},
        {"220 ftp ready\r\n234 AUTH TLS successful\r\n", NULL, TLS_PREFIX_FTP},
        {"220 a greeting only\r\n", NULL, TLS_PREFIX_SMTP_OR_FTP},
        {"AUTH TLS\r\n", NULL, TLS_PREFIX_FTP},
        {"a001 CAPABILITY\r\na002 STARTTLS\r\n", NULL, TLS_PREFIX_IMAP},
        {". STARTTLS\r\n", NULL, TLS_PREFIX_IMAP},
        {"* OK IMAP4rev1 ready\r\n. OK Begin TLS\r\n", NULL, TLS_PREFIX_IMAP},
        {"STLS\r\n", NULL, TLS_PREFIX_POP3},
        {"+OK POP3 ready\r\n+OK Begin TLS\r\n", NULL, TLS_PREFIX_POP3},
        {"<?xml version='1.0'?><stream:stream to='example.com'><starttls "
         "xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>", NULL, TLS_PREFIX_XMPP},
        {NULL, "301d02010177188016" "312e332e362e312e342e312e313436362e3230303337", TLS_PREFIX_LDAP},
        {NULL, "300c02010178070a010004000400", TLS_PREFIX_LDAP},
        {NULL, "0000000804d2162f", TLS_PREFIX_POSTGRES},
        {NULL, "53", TLS_PREFIX_POSTGRES},
        {NULL, "15000000" "0a382e30002a000000616263646566676800ffff21", TLS_PREFIX_MYSQL},
        {NULL, "20000001" "058a0000000000012d00000000000000000000000000000000000000000000000000",
         TLS_PREFIX_MYSQL},
    };
    static const uint8_t record[] = {0x16, 0x03, 0x03, 0x00, 0x04, 0x01, 0x00, 0x00, 0x00};
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        uint8_t buf[256];
        size_t n = rows[i].text != NULL ? strlen(rows[i].text) : test_hex(rows[i].hex, buf, sizeof(buf));
        if (rows[i].text != NULL) {
            memcpy(buf, rows[i].text, n);
        }
        memcpy(buf + n, record, sizeof(record));
        struct tls_start st;
        tls_find_tls_start(buf, n + sizeof(record), &st);
        if (st.status != TLS_START_FOUND || st.offset != n || st.prefix != rows[i].prefix) {
            fail_msg("row %zu: status %d offset %zu (want %zu) prefix %d (want %d)", i, (int)st.status,
                     st.offset, n, (int)st.prefix, (int)rows[i].prefix);
        }
        /* Cut at every length, on a heap copy of exactly that size (ASan sees a read past it). */
        for (size_t cut = 1; cut < n + 5; cut++) {
            uint8_t *part = malloc(cut);
            assert_non_null(part);
            memcpy(part, buf, cut);
            tls_find_tls_start(part, cut, &st);
            if (st.status == TLS_START_FOUND && st.offset != n) {
                fail_msg("row %zu cut at %zu: TLS found at %zu, not %zu", i, cut, st.offset, n);
            }
            free(part);
        }
        /* Trailing bytes that are no record header after the clear part: no TLS there. */
        static const uint8_t junk[] = {0x00, 0xff, 0x00, 0xff, 0x00, 0xff};
        memcpy(buf + n, junk, sizeof(junk));
        tls_find_tls_start(buf, n + sizeof(junk), &st);
        assert_false(st.status == TLS_START_FOUND);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(schannel_nst_trace),
        cmocka_unit_test(record_spanning_tokens),
        cmocka_unit_test(errors_name_their_line),
        cmocka_unit_test(formats_are_detected_from_content),
        cmocka_unit_test(tls_start_rules),
        cmocka_unit_test(tls_start_starttls_families),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
