/*
 * test_decoder_realworld.c — what captures of real traffic hold besides a plain TLS handshake
 * (issue 11): STARTTLS prefixes, heartbeats, SSLv2 hellos and SSL 2.0/3.0 connections, records
 * after a RST, TLS 1.2 compression, the per-input summary of skipped flows; on generated
 * captures whose bytes are known exactly.
 *
 * Each capture is one TCP connection written with decoder_pcap_build.h: the handshake, then
 * the segments of a scenario, each side's sequence numbers counted here.
 */
#include "support/testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/names.h"
#include "decoder/decode.h"
#include "support/decoder_pcap_build.h"
#include "support/decoder_tls_collect.h"

#define FIN 0x01
#define SYN 0x02
#define RST 0x04
#define ACK 0x10

/* A capture being written: the writer and each side's next sequence number. */
struct conv {
    struct pb_writer *w;
    uint32_t seq[2]; /* [0] client, [1] server */
    char path[256];
};

static void conv_open(struct conv *v, const char *tag)
{
    pb_temp_path(v->path, sizeof(v->path), tag);
    v->w = pb_open(v->path, PB_ETHERNET, NULL);
    v->seq[0] = 1000;
    v->seq[1] = 9000;
    pb_tcp(v->w, true, v->seq[0]++, SYN, NULL, 0);
    pb_tcp(v->w, false, v->seq[1]++, SYN | ACK, NULL, 0);
    pb_tcp(v->w, true, v->seq[0], ACK, NULL, 0);
}

/* One segment from the client (from_client) or the server. */
static void conv_send(struct conv *v, bool from_client, const void *data, size_t len)
{
    int s = from_client ? 0 : 1;
    pb_tcp(v->w, from_client, v->seq[s], ACK, data, len);
    v->seq[s] += (uint32_t)len;
}

static void conv_text(struct conv *v, bool from_client, const char *text)
{
    conv_send(v, from_client, text, strlen(text));
}

static void conv_close(struct conv *v)
{
    pb_tcp(v->w, true, v->seq[0], FIN | ACK, NULL, 0);
    pb_tcp(v->w, false, v->seq[1], FIN | ACK, NULL, 0);
    pb_close(v->w);
}

/*
 * RFC 5246 §7.4.1.2 / §7.4.1.3: a ClientHello and a ServerHello without extensions, in one
 * handshake record each (TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, null compression).
 */
static const uint8_t client_hello_record[] = {
    0x16, 0x03, 0x01, 0x00, 0x2d,                   /* handshake, 45 bytes */
    0x01, 0x00, 0x00, 0x29, 0x03, 0x03,             /* client_hello, 41 bytes, TLS 1.2 */
    0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11,
    0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11,
    0x00,                                           /* session_id <0> */
    0x00, 0x02, 0xc0, 0x2f,                         /* cipher_suites */
    0x01, 0x00,                                     /* compression_methods: null */
};
static const uint8_t server_hello_record[] = {
    0x16, 0x03, 0x03, 0x00, 0x2a,
    0x02, 0x00, 0x00, 0x26, 0x03, 0x03,
    0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22,
    0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22,
    0x00, 0xc0, 0x2f, 0x00,
};

/* The first record of a direction is the hello of that side. */
static void assert_hellos(const struct dtc *d)
{
    const struct tls_decoded_record *c = dtc_record(d, 1, TLS_DIR_CLIENT_TO_SERVER, 0);
    const struct tls_decoded_record *s = dtc_record(d, 1, TLS_DIR_SERVER_TO_CLIENT, 0);
    assert_non_null(c);
    assert_non_null(s);
    assert_int_equal(c->message_count, 1);
    assert_int_equal(c->messages[0].type, TLS_HT_client_hello);
    assert_int_equal(s->message_count, 1);
    assert_int_equal(s->messages[0].type, TLS_HT_server_hello);
}

/* SMTP (RFC 3207 §4): the client's EHLO line is no HTTP request line; both sides' clear text
   is named with its size, and the TLS after it is decoded on both sides. */
static void smtp_starttls(void **state)
{
    (void)state;
    struct conv v;
    conv_open(&v, "smtp.pcap");
    conv_text(&v, false, "220 mx.example ESMTP\r\n");                    /* 22 */
    conv_text(&v, true, "EHLO client.example\r\n");                       /* 21 */
    conv_text(&v, false, "250-mx.example\r\n250 STARTTLS\r\n");           /* 30 */
    conv_text(&v, true, "STARTTLS\r\n");                                  /* 10 */
    conv_text(&v, false, "220 2.0.0 Ready to start TLS\r\n");             /* 30 */
    conv_send(&v, true, client_hello_record, sizeof(client_hello_record));
    conv_send(&v, false, server_hello_record, sizeof(server_hello_record));
    conv_close(&v);
    struct dtc *d = dtc_decode(v.path, NULL, TLS_DECODE_TEXT);
    assert_int_equal(d->nconn, 1);
    const char *notes = d->conns[0].notes;
    assert_non_null(strstr(notes, "client: TLS starts at offset 31, after SMTP STARTTLS (RFC 3207), 31 bytes"));
    assert_non_null(strstr(notes, "server: TLS starts at offset 82, after SMTP STARTTLS (RFC 3207), 82 bytes"));
    assert_null(strstr(notes, "garbage"));
    assert_hellos(d);
    dtc_free(d);
    remove(v.path);
}

/* A "220" greeting alone is SMTP's or FTP's: the client's "AUTH TLS" (RFC 4217 §4) decides. */
static void ftp_auth_tls(void **state)
{
    (void)state;
    struct conv v;
    conv_open(&v, "ftp.pcap");
    conv_text(&v, false, "220 ftp ready\r\n");
    conv_text(&v, true, "AUTH TLS\r\n");
    conv_text(&v, false, "200 go ahead\r\n"); /* not the usual 234: the greeting alone is ambiguous */
    conv_send(&v, true, client_hello_record, sizeof(client_hello_record));
    conv_send(&v, false, server_hello_record, sizeof(server_hello_record));
    conv_close(&v);
    struct dtc *d = dtc_decode(v.path, NULL, TLS_DECODE_TEXT);
    const char *notes = d->conns[0].notes;
    assert_non_null(strstr(notes, "client: TLS starts at offset 10, after FTP AUTH TLS (RFC 4217), 10 bytes"));
    assert_non_null(strstr(notes, "server: TLS starts at offset 29, after FTP AUTH TLS (RFC 4217), 29 bytes"));
    assert_hellos(d);
    dtc_free(d);
    remove(v.path);
}

/* A server that refuses STARTTLS: the clear text is named, not called garbage. */
static void smtp_without_tls_is_named(void **state)
{
    (void)state;
    struct conv v;
    conv_open(&v, "smtp-plain.pcap");
    conv_text(&v, false, "220 mx.example ESMTP\r\n");
    conv_text(&v, true, "EHLO client.example\r\n");
    conv_text(&v, false, "250 mx.example\r\n");
    conv_text(&v, true, "QUIT\r\n");
    conv_close(&v);
    struct dtc *d = dtc_decode(v.path, NULL, TLS_DECODE_TEXT);
    const char *notes = d->conns[0].notes;
    assert_non_null(strstr(notes, "client: SMTP STARTTLS (RFC 3207), 27 bytes, and no TLS record after it"));
    assert_null(strstr(notes, "garbage"));
    dtc_free(d);
    remove(v.path);
}

/* PostgreSQL: the 8-byte SSLRequest and the server's 'S'. */
static void postgres_ssl_request(void **state)
{
    (void)state;
    static const uint8_t ssl_request[8] = {0x00, 0x00, 0x00, 0x08, 0x04, 0xd2, 0x16, 0x2f};
    struct conv v;
    conv_open(&v, "pg.pcap");
    conv_send(&v, true, ssl_request, sizeof(ssl_request));
    conv_text(&v, false, "S");
    conv_send(&v, true, client_hello_record, sizeof(client_hello_record));
    conv_send(&v, false, server_hello_record, sizeof(server_hello_record));
    conv_close(&v);
    struct dtc *d = dtc_decode(v.path, NULL, TLS_DECODE_TEXT);
    const char *notes = d->conns[0].notes;
    assert_non_null(strstr(notes, "client: TLS starts at offset 8, after PostgreSQL SSLRequest, 8 bytes"));
    assert_non_null(strstr(notes, "server: TLS starts at offset 1, after PostgreSQL SSLRequest, 1 bytes"));
    assert_hellos(d);
    dtc_free(d);
    remove(v.path);
}

/* RFC 6520: a heartbeat exchange after the hellos is listed (outer type 24), not skipped as
   garbage; a request whose payload_length reaches past its record (Heartbleed) is flagged, a
   well-formed one is not. */
static void heartbeat_records(void **state)
{
    (void)state;
    /* request: type 1, payload_length 2 "hi", 16 bytes of padding (RFC 6520 §4) */
    static const uint8_t good[] = {0x18, 0x03, 0x03, 0x00, 0x15, 0x01, 0x00, 0x02, 'h', 'i',
                                   0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7,
                                   0xa8, 0xa9, 0xaa, 0xab, 0xac, 0xad, 0xae, 0xaf};
    /* the Heartbleed request: payload_length 0x4000 in a 3-byte message */
    static const uint8_t bleed[] = {0x18, 0x03, 0x02, 0x00, 0x03, 0x01, 0x40, 0x00};
    struct conv v;
    conv_open(&v, "heartbeat.pcap");
    conv_send(&v, true, client_hello_record, sizeof(client_hello_record));
    conv_send(&v, false, server_hello_record, sizeof(server_hello_record));
    conv_send(&v, true, good, sizeof(good));
    conv_send(&v, true, bleed, sizeof(bleed));
    conv_send(&v, true, client_hello_record, sizeof(client_hello_record)); /* records go on */
    conv_close(&v);
    struct dtc *d = dtc_decode(v.path, NULL, TLS_DECODE_TEXT);
    const struct tls_decoded_record *r1 = dtc_record(d, 1, TLS_DIR_CLIENT_TO_SERVER, 1);
    const struct tls_decoded_record *r2 = dtc_record(d, 1, TLS_DIR_CLIENT_TO_SERVER, 2);
    const struct tls_decoded_record *r3 = dtc_record(d, 1, TLS_DIR_CLIENT_TO_SERVER, 3);
    assert_non_null(r1);
    assert_non_null(r2);
    assert_non_null(r3);
    assert_int_equal(r1->outer_type, TLS_CT_heartbeat);
    assert_int_equal(r1->length, 21);
    assert_int_equal(r2->outer_type, TLS_CT_heartbeat);
    assert_int_equal(r2->length, 3);
    assert_int_equal(r3->outer_type, TLS_CT_handshake);
    const char *notes = d->conns[0].notes;
    assert_non_null(strstr(notes, "client: heartbeat heartbeat_request with payload_length 16384 in a "
                                  "3-byte message: the Heartbleed pattern (CVE-2014-0160)"));
    assert_null(strstr(notes, "payload_length 2 "));
    assert_null(strstr(notes, "garbage"));
    dtc_free(d);
    remove(v.path);
}

/* Heartbeat records of every length from 1 to 21 bytes, and with bytes after the padding:
   each is listed, the short ones (under 3 bytes) said to be too short, none read past. */
static void heartbeat_truncated_at_every_length(void **state)
{
    (void)state;
    for (unsigned n = 1; n <= 24; n++) {
        char trace[512];
        int used = snprintf(trace, sizeof(trace), "C: 16 03 01 00 2d 01 00 00 29 03 03");
        for (int i = 0; i < 32; i++) {
            used += snprintf(trace + used, sizeof(trace) - (size_t)used, " 11");
        }
        used += snprintf(trace + used, sizeof(trace) - (size_t)used, " 00 00 02 c0 2f 01 00\nC: 18 03 03 00 %02x", n);
        static const uint8_t body[24] = {0x01, 0x00, 0x02, 'h', 'i', 0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5,
                                         0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xab, 0xac, 0xad, 0xae, 0xaf,
                                         0x00, 0x00, 0x00};
        for (unsigned i = 0; i < n; i++) {
            used += snprintf(trace + used, sizeof(trace) - (size_t)used, " %02x", body[i]);
        }
        snprintf(trace + used, sizeof(trace) - (size_t)used, "\n");
        struct dtc *d = dtc_decode_trace(trace, TLS_DECODE_TEXT);
        const struct tls_decoded_record *r = dtc_record(d, 1, TLS_DIR_CLIENT_TO_SERVER, 1);
        assert_non_null(r);
        assert_int_equal(r->outer_type, TLS_CT_heartbeat);
        assert_int_equal(r->length, n);
        const char *notes = d->conns[0].notes;
        assert_int_equal(strstr(notes, "too short for a HeartbeatMessage") != NULL, n < 3);
        assert_int_equal(strstr(notes, "Heartbleed") != NULL, n >= 3 && n < 5);
        dtc_free(d);
    }
}

/* RFC 5246 Appendix E.2: a V2ClientHello offering TLS 1.0, then a TLS ServerHello (bytes as
   tshark 4.0.17 dissects them: "SSLv2 Record Layer: Client Hello", length 46, 7 cipher specs). */
static const uint8_t v2_client_hello[] = {
    0x80, 0x2e, 0x01, 0x03, 0x01, 0x00, 0x15, 0x00, 0x00, 0x00, 0x10,
    0x01, 0x00, 0x80, 0x00, 0x00, 0x2f, 0x00, 0x00, 0x35, 0x00, 0x00, 0x0a,
    0x00, 0x00, 0x05, 0x00, 0x00, 0x04, 0x00, 0x00, 0xff,
    0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33,
};

static void sslv2_client_hello(void **state)
{
    (void)state;
    struct conv v;
    conv_open(&v, "v2hello.pcap");
    conv_send(&v, true, v2_client_hello, sizeof(v2_client_hello));
    conv_send(&v, false, server_hello_record, sizeof(server_hello_record));
    conv_close(&v);
    struct dtc *d = dtc_decode(v.path, NULL, TLS_DECODE_TEXT);
    const struct tls_decoded_record *r = dtc_record(d, 1, TLS_DIR_CLIENT_TO_SERVER, 0);
    assert_non_null(r);
    assert_true(r->sslv2);
    assert_int_equal(r->length, 46);
    assert_int_equal(r->message_count, 1);
    assert_int_equal(r->messages[0].type, TLS_HT_client_hello);
    assert_non_null(dtc_record(d, 1, TLS_DIR_SERVER_TO_CLIENT, 0));
    const char *notes = d->conns[0].notes;
    assert_non_null(strstr(notes, "client: an SSLv2-format ClientHello offering TLS 1.0 (RFC 5246 Appendix E.2)"));
    assert_null(strstr(notes, "garbage"));
    dtc_free(d);
    remove(v.path);
}

/* The V2ClientHello cut at every length (the capture ends there), or followed by bytes that
   are no record: never read past, never listed whole when cut, the rest reported. */
static void sslv2_client_hello_cut_and_trailing(void **state)
{
    (void)state;
    for (size_t cut = 1; cut <= sizeof(v2_client_hello) + 6; cut++) {
        uint8_t bytes[sizeof(v2_client_hello) + 6];
        memcpy(bytes, v2_client_hello, sizeof(v2_client_hello));
        memset(bytes + sizeof(v2_client_hello), 0xee, 6);
        struct conv v;
        conv_open(&v, "v2cut.pcap");
        conv_send(&v, true, bytes, cut);
        conv_close(&v);
        struct dtc *d = dtc_decode(v.path, NULL, TLS_DECODE_TEXT);
        const struct tls_decoded_record *r = dtc_record(d, 1, TLS_DIR_CLIENT_TO_SERVER, 0);
        if (cut < sizeof(v2_client_hello)) {
            assert_null(r);
        } else {
            assert_non_null(r);
            assert_true(r->sslv2);
        }
        if (cut > sizeof(v2_client_hello)) {
            assert_non_null(strstr(d->conns[0].notes, "the capture ends here"));
        }
        dtc_free(d);
        remove(v.path);
    }
}

/* An SSL 2.0 connection: v2 CLIENT-HELLO (version 0x0002), SERVER-HELLO, CLIENT-MASTER-KEY,
   then encrypted records with 2- and 3-byte headers: all listed, the connection named. */
static void sslv2_connection(void **state)
{
    (void)state;
    static const uint8_t ch[] = {0x80, 0x1f, 0x01, 0x00, 0x02, 0x00, 0x06, 0x00, 0x00, 0x00, 0x10,
                                 0x01, 0x00, 0x80, 0x07, 0x00, 0xc0, 0x33, 0x33, 0x33, 0x33, 0x33,
                                 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33};
    static const uint8_t sh[] = {0x80, 0x0e, 0x04, 0x00, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x03,
                                 0x00, 0x00, 0x01, 0x00, 0x80};
    static const uint8_t cmk[] = {0x80, 0x0a, 0x02, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
    static const uint8_t enc3[] = {0x00, 0x04, 0x01, 0x66, 0x66, 0x66, 0x66};
    static const uint8_t enc2[] = {0x80, 0x03, 0x77, 0x77, 0x77};
    struct conv v;
    conv_open(&v, "v2conn.pcap");
    conv_send(&v, true, ch, sizeof(ch));
    conv_send(&v, false, sh, sizeof(sh));
    conv_send(&v, true, cmk, sizeof(cmk));
    conv_send(&v, false, enc2, sizeof(enc2));
    conv_send(&v, true, enc3, sizeof(enc3));
    conv_close(&v);
    struct dtc *d = dtc_decode(v.path, NULL, TLS_DECODE_TEXT);
    assert_int_equal(d->nrec, 5);
    for (size_t i = 0; i < d->nrec; i++) {
        assert_true(d->recs[i].sslv2);
    }
    const struct tls_decoded_record *r = dtc_record(d, 1, TLS_DIR_CLIENT_TO_SERVER, 2);
    assert_non_null(r);
    assert_int_equal(r->length, 4);
    assert_true(r->is_protected);
    assert_non_null(strstr(d->conns[0].notes, "this is an SSL 2.0 connection, which RFC 6176 prohibits"));
    dtc_free(d);
    remove(v.path);
}

/* Segments captured after a RST (here the server's next record, sent before the reset
   reached it) are decoded, as tshark shows them, and the reset is noted. */
static void records_after_rst(void **state)
{
    (void)state;
    struct conv v;
    conv_open(&v, "rst.pcap");
    conv_send(&v, true, client_hello_record, sizeof(client_hello_record));
    conv_send(&v, false, server_hello_record, sizeof(server_hello_record));
    pb_tcp(v.w, true, v.seq[0], RST | ACK, NULL, 0);
    conv_send(&v, false, server_hello_record, sizeof(server_hello_record));
    pb_close(v.w);
    struct dtc *d = dtc_decode(v.path, NULL, TLS_DECODE_TEXT);
    assert_int_equal(d->nconn, 1);
    assert_non_null(dtc_record(d, 1, TLS_DIR_SERVER_TO_CLIENT, 1)); /* the record after the RST */
    assert_non_null(strstr(d->conns[0].notes, "the client reset the connection (RST, frame 6); "
                                              "segments captured after it are still decoded"));
    dtc_free(d);
    remove(v.path);
}

/* RFC 5246 §7.4.1.3 / RFC 3749: a TLS 1.2 ServerHello choosing DEFLATE(1) is decoded (suite,
   version) and the compression reported, not refused by TLS 1.3's rule. */
static void tls12_compression(void **state)
{
    (void)state;
    uint8_t sh[sizeof(server_hello_record)];
    memcpy(sh, server_hello_record, sizeof(sh));
    sh[sizeof(sh) - 1] = 0x01; /* compression_method: DEFLATE */
    uint8_t ch[sizeof(client_hello_record) + 1];
    memcpy(ch, client_hello_record, sizeof(client_hello_record));
    /* compression_methods <2>: DEFLATE, null */
    ch[4] = (uint8_t)(ch[4] + 1);
    ch[8] = (uint8_t)(ch[8] + 1);
    ch[sizeof(ch) - 3] = 0x02;
    ch[sizeof(ch) - 2] = 0x01;
    ch[sizeof(ch) - 1] = 0x00;
    struct conv v;
    conv_open(&v, "deflate.pcap");
    conv_send(&v, true, ch, sizeof(ch));
    conv_send(&v, false, sh, sizeof(sh));
    conv_close(&v);
    struct dtc *d = dtc_decode(v.path, NULL, TLS_DECODE_TEXT);
    assert_int_equal(d->nconn, 1);
    assert_int_equal(d->conns[0].summary.version, TLS_VERSION_1_2);
    assert_int_equal(d->conns[0].summary.cipher_suite, 0xc02f);
    const char *notes = d->conns[0].notes;
    assert_non_null(strstr(notes, "server: chose compression DEFLATE(1)"));
    assert_null(strstr(notes, "does not parse"));
    dtc_free(d);
    remove(v.path);
}

/* Once per input, what was skipped: two TCP flows without TLS (plain HTTP, and a binary
   protocol) beside a TLS one; the text says it in one line, the JSON in one element. */
static void skipped_flows_said_once(void **state)
{
    (void)state;
    char path[256];
    pb_temp_path(path, sizeof(path), "skipped.pcap");
    struct pb_writer *w = pb_open(path, PB_ETHERNET, NULL);
    static const char get[] = "GET / HTTP/1.1\r\nHost: example\r\n\r\n";
    static const char ok[] = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
    static const uint8_t binary[] = {0x00, 0x01, 0x02, 0x03, 0xfe, 0xff, 0x00, 0x00, 0x10};
    for (uint16_t port = 41000; port < 41003; port++) {
        pb_set_client_port(w, port);
        pb_tcp(w, true, 100, SYN, NULL, 0);
        pb_tcp(w, false, 500, SYN | ACK, NULL, 0);
        if (port == 41000) {
            pb_tcp(w, true, 101, ACK, client_hello_record, sizeof(client_hello_record));
            pb_tcp(w, false, 501, ACK, server_hello_record, sizeof(server_hello_record));
        } else if (port == 41001) {
            pb_tcp(w, true, 101, ACK, (const uint8_t *)get, strlen(get));
            pb_tcp(w, false, 501, ACK, (const uint8_t *)ok, strlen(ok));
        } else {
            pb_tcp(w, true, 101, ACK, binary, sizeof(binary));
        }
    }
    pb_close(w);
    struct dtc *d = dtc_decode(path, NULL, TLS_DECODE_TEXT);
    assert_int_equal(d->nconn, 3);
    const char *line = strstr(d->out, "skipped (");
    assert_non_null(line);
    assert_non_null(strstr(line, "): 2 TCP flows without TLS (no TLS record in either direction)\n"));
    assert_null(strstr(line + 1, "skipped (")); /* once */
    dtc_free(d);
    d = dtc_decode(path, NULL, TLS_DECODE_JSON);
    assert_non_null(strstr(d->out, ", \"skipped\": {\"tcp_flows_without_tls\": 2, \"udp_flows_not_dtls\": 0}}\n]\n"));
    dtc_free(d);
    remove(path);
}

/* RFC 6101: a ServerHello choosing SSL 3.0 names the connection, which RFC 7568 prohibits. */
static void ssl3_connection_named(void **state)
{
    (void)state;
    uint8_t sh[sizeof(server_hello_record)];
    memcpy(sh, server_hello_record, sizeof(sh));
    sh[2] = 0x00;  /* record version 3.0 */
    sh[10] = 0x00; /* server_version 3.0 */
    sh[sizeof(sh) - 3] = 0x2f; /* TLS_RSA_WITH_AES_128_CBC_SHA */
    sh[sizeof(sh) - 4] = 0x00;
    struct conv v;
    conv_open(&v, "ssl3.pcap");
    conv_send(&v, true, client_hello_record, sizeof(client_hello_record));
    conv_send(&v, false, sh, sizeof(sh));
    conv_close(&v);
    struct dtc *d = dtc_decode(v.path, NULL, TLS_DECODE_TEXT);
    assert_int_equal(d->conns[0].summary.version, 0x0300);
    assert_non_null(strstr(d->conns[0].notes, "an SSL 3.0 connection (RFC 6101): SSL 3.0 is prohibited (RFC 7568"));
    dtc_free(d);
    remove(v.path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(smtp_starttls),
        cmocka_unit_test(ftp_auth_tls),
        cmocka_unit_test(smtp_without_tls_is_named),
        cmocka_unit_test(postgres_ssl_request),
        cmocka_unit_test(heartbeat_records),
        cmocka_unit_test(heartbeat_truncated_at_every_length),
        cmocka_unit_test(sslv2_client_hello),
        cmocka_unit_test(sslv2_client_hello_cut_and_trailing),
        cmocka_unit_test(sslv2_connection),
        cmocka_unit_test(records_after_rst),
        cmocka_unit_test(tls12_compression),
        cmocka_unit_test(skipped_flows_said_once),
        cmocka_unit_test(ssl3_connection_named),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
