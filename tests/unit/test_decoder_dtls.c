/*
 * test_decoder_dtls.c — DTLS in the decoder (src/decoder/dtls*.c, udp_flows.c): the record and
 * fragment parsers, the fragment reassembler, and whole connections from the stored DTLS
 * captures and token trace, intact, reordered, repeated, cut and corrupted.
 *
 * Sources of the expected values:
 *   tests/vectors/expected/dtls/<capture>.records  tshark 4.0.17 (Wireshark's DTLS dissector,
 *       with the capture's key log), one line per record, written by
 *       tests/decoder/dtls_tshark_records.awk (tests/vectors/README.md gives the command):
 *       direction, content type, length, epoch, sequence_number, and per handshake fragment
 *       type/message_seq/fragment_offset/fragment_length.
 *   The byte layouts of the hand-made records are RFC 6347 §4.1, §4.2.2 and RFC 9147 §4.
 */
#include "support/testutil.h"
#include "support/token_trace.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/names.h"
#include "decoder/decode.h"
#include "decoder/dtls.h"
#include "support/decoder_tls_collect.h"

#define OPENSSL_CAPTURE "captures/dtls/dtls12-openssl-hvr-mtu500.pcapng"
#define OPENSSL_KEYLOG "captures/dtls/dtls12-openssl-hvr-mtu500.keylog"
#define OPENSSL_TRACE "traces/dtls12-openssl-hvr-mtu500.trace"
#define GNUTLS_CAPTURE "captures/dtls/dtls12-gnutls-hvr-mtu400.pcapng"
#define GNUTLS_KEYLOG "captures/dtls/dtls12-gnutls-hvr-mtu400.keylog"

/* ---- record and fragment parsers --------------------------------------------------------- */

/* The first record of the OpenSSL capture's second ClientHello datagram, header and the start
   of its fragment (RFC 6347 §4.1: type 22, version fe ff, epoch 0, sequence_number 1, length
   160; §4.2.2: client_hello, length 148, message_seq 1, offset 0, fragment_length 148). */
static const uint8_t ch2_head[] = {0x16, 0xfe, 0xff, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
                                   0x00, 0xa0, 0x01, 0x00, 0x00, 0x94, 0x00, 0x01, 0x00, 0x00, 0x00,
                                   0x00, 0x00, 0x94};

static void record_header_fields(void **state)
{
    (void)state;
    uint8_t buf[13 + 160 + 3];
    memset(buf, 0xab, sizeof(buf));
    memcpy(buf, ch2_head, sizeof(ch2_head));
    struct dtls_record rec;
    struct tls_error err = {0};
    /* Three trailing bytes: the next record of the datagram, not this one's. */
    assert_int_equal(dtls_record_parse(buf, sizeof(buf), 0, &rec, &err), TLS_OK);
    assert_false(rec.unified);
    assert_int_equal(rec.type, 22);
    assert_int_equal(rec.version, DTLS_VERSION_1_0);
    assert_int_equal(rec.epoch, 0);
    assert_int_equal(rec.sequence_number, 1);
    assert_int_equal(rec.length, 160);
    assert_int_equal(rec.total_len, 13 + 160);
    assert_true(dtls_plausible_record(buf, sizeof(buf)));
    /* Cut at every length: never a record, always a reason. */
    for (size_t n = 0; n < 13 + 160; n++) {
        struct tls_error e = {0};
        assert_int_not_equal(dtls_record_parse(buf, n, 0, &rec, &e), TLS_OK);
        assert_non_null(e.reason);
        assert_false(dtls_plausible_record(buf, n));
    }
    /* A 48-bit sequence number is read whole. */
    uint8_t big[13 + 1] = {0x17, 0xfe, 0xfd, 0x00, 0x02, 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0x00, 0x01, 0x00};
    assert_int_equal(dtls_record_parse(big, sizeof(big), 0, &rec, &err), TLS_OK);
    assert_int_equal(rec.epoch, 2);
    assert_true(rec.sequence_number == 0x123456789abcull);
    /* A TLS header (03 03) is not DTLS. */
    uint8_t tls[] = {0x16, 0x03, 0x03, 0x00, 0x01, 0x00, 0, 0, 0, 0, 0, 0, 0, 0};
    assert_false(dtls_plausible_record(tls, sizeof(tls)));
    /* A length over 2^14 + 2048 (RFC 6347 §4.1 -> RFC 5246 §6.2.3). */
    uint8_t huge[13] = {0x17, 0xfe, 0xfd, 0, 1, 0, 0, 0, 0, 0, 0, 0x48, 0x01};
    assert_int_not_equal(dtls_record_parse(huge, sizeof(huge), 0, &rec, &err), TLS_OK);
}

/* RFC 9147 §4 unified header: 001CSLEE. */
static void unified_header(void **state)
{
    (void)state;
    struct dtls_record rec;
    struct tls_error err = {0};
    uint8_t rec16[5 + 17];
    memset(rec16, 0x5a, sizeof(rec16));
    rec16[0] = 0x2d; /* 001 0 1 1 01: no CID, 16-bit sequence, length, epoch bits 1 */
    rec16[1] = 0x01;
    rec16[2] = 0x02;
    rec16[3] = 0x00;
    rec16[4] = 0x11;
    assert_int_equal(dtls_record_parse(rec16, sizeof(rec16), 0, &rec, &err), TLS_OK);
    assert_true(rec.unified);
    assert_int_equal(rec.epoch, 1);
    assert_int_equal(rec.seq_bits, 16);
    assert_int_equal(rec.sequence_number, 0x0102);
    assert_int_equal(rec.length, 17);
    assert_int_equal(rec.header_len, 5);
    assert_true(dtls_plausible_record(rec16, sizeof(rec16)));
    for (size_t n = 0; n < sizeof(rec16); n++) {
        struct tls_error e = {0};
        assert_int_not_equal(dtls_record_parse(rec16, n, 0, &rec, &e), TLS_OK);
    }
    /* No L bit: 8-bit sequence, the record runs to the end of the datagram. */
    uint8_t open[2 + 20] = {0x22, 0x07};
    assert_int_equal(dtls_record_parse(open, sizeof(open), 0, &rec, &err), TLS_OK);
    assert_int_equal(rec.seq_bits, 8);
    assert_int_equal(rec.sequence_number, 7);
    assert_int_equal(rec.length, 20);
    assert_int_equal(rec.total_len, sizeof(open));
    /* C set: needs the negotiated CID length; with it, the CID is where §4 puts it. */
    uint8_t cid[1 + 4 + 1 + 2 + 17] = {0x34, 0xc1, 0xc2, 0xc3, 0xc4, 0x09, 0x00, 0x11};
    struct tls_error e1 = {0};
    assert_int_not_equal(dtls_record_parse(cid, sizeof(cid), 0, &rec, &e1), TLS_OK);
    assert_int_equal(dtls_record_parse(cid, sizeof(cid), 4, &rec, &err), TLS_OK);
    assert_int_equal(rec.cid_len, 4);
    assert_int_equal(rec.cid[3], 0xc4);
    assert_int_equal(rec.sequence_number, 9);
    assert_int_equal(rec.length, 17);
}

static void fragment_header(void **state)
{
    (void)state;
    uint8_t frag[12 + 5] = {0x0b, 0x00, 0x03, 0x13, 0x00, 0x02, 0x00, 0x01, 0x69, 0x00, 0x00, 0x05, 1, 2, 3, 4, 5};
    struct dtls_fragment f;
    size_t used = 0;
    struct tls_error err = {0};
    assert_int_equal(dtls_fragment_parse(frag, sizeof(frag), &f, &used, &err), TLS_OK);
    assert_int_equal(f.msg_type, TLS_HT_certificate);
    assert_int_equal(f.length, 787);
    assert_int_equal(f.message_seq, 2);
    assert_int_equal(f.fragment_offset, 361);
    assert_int_equal(f.fragment_length, 5);
    assert_int_equal(used, sizeof(frag));
    for (size_t n = 0; n < sizeof(frag); n++) {
        struct tls_error e = {0};
        assert_int_not_equal(dtls_fragment_parse(frag, n, &f, &used, &e), TLS_OK);
        assert_non_null(e.reason);
    }
    /* fragment_offset + fragment_length past length (RFC 6347 §4.2.3). */
    frag[8] = 0xff;
    frag[7] = 0x03;
    struct tls_error e2 = {0};
    assert_int_not_equal(dtls_fragment_parse(frag, sizeof(frag), &f, &used, &e2), TLS_OK);
}

/* ---- reassembly ---------------------------------------------------------------------------- */

static struct dtls_fragment piece(uint8_t type, uint16_t seq, uint32_t length, const uint8_t *body,
                                  uint32_t off, uint32_t n)
{
    struct dtls_fragment f = {type, length, seq, off, n, body + off};
    return f;
}

static void reassembly_any_order(void **state)
{
    (void)state;
    static struct dtls_reasm ra; /* large: not on the stack */
    static uint8_t body[300];
    for (size_t i = 0; i < sizeof(body); i++) {
        body[i] = (uint8_t)(i * 7 + 3);
    }
    dtls_reasm_init(&ra);
    struct dtls_message m;
    struct dtls_fragment f;
    f = piece(11, 0, 300, body, 200, 100);
    assert_int_equal(dtls_reasm_add(&ra, &f), DTLS_FRAG_NEW);
    assert_false(dtls_reasm_next(&ra, &m));
    f = piece(11, 0, 300, body, 0, 100);
    assert_int_equal(dtls_reasm_add(&ra, &f), DTLS_FRAG_NEW);
    f = piece(11, 0, 300, body, 0, 100); /* the same again: a copy */
    assert_int_equal(dtls_reasm_add(&ra, &f), DTLS_FRAG_DUPLICATE);
    f = piece(11, 0, 300, body, 50, 200); /* overlaps both, fills the hole */
    assert_int_equal(dtls_reasm_add(&ra, &f), DTLS_FRAG_COMPLETED);
    f = piece(11, 0, 300, body, 10, 10); /* complete, not yet taken */
    assert_int_equal(dtls_reasm_add(&ra, &f), DTLS_FRAG_DUPLICATE);
    assert_true(dtls_reasm_next(&ra, &m));
    assert_int_equal(m.msg_type, 11);
    assert_int_equal(m.length, 300);
    assert_int_equal(m.fragments, 3);
    assert_memory_equal(m.body, body, sizeof(body));
    /* RFC 6347 §4.2.6: the header as if sent in one fragment. */
    const uint8_t want_header[12] = {11, 0, 1, 0x2c, 0, 0, 0, 0, 0, 0, 1, 0x2c};
    assert_memory_equal(m.header, want_header, 12);
    assert_false(dtls_reasm_next(&ra, &m));
    assert_false(dtls_reasm_pending(&ra));
    /* The whole flight again: message_seq 0 is behind us. */
    f = piece(11, 0, 300, body, 0, 300);
    assert_int_equal(dtls_reasm_add(&ra, &f), DTLS_FRAG_RETRANSMISSION);
    /* Messages 2 then 1: delivered in message_seq order. */
    f = piece(14, 2, 0, body, 0, 0);
    assert_int_equal(dtls_reasm_add(&ra, &f), DTLS_FRAG_COMPLETED);
    assert_false(dtls_reasm_next(&ra, &m)); /* 1 is missing */
    assert_true(dtls_reasm_pending(&ra));
    f = piece(12, 1, 4, body, 0, 4);
    assert_int_equal(dtls_reasm_add(&ra, &f), DTLS_FRAG_COMPLETED);
    assert_true(dtls_reasm_next(&ra, &m));
    assert_int_equal(m.message_seq, 1);
    assert_true(dtls_reasm_next(&ra, &m));
    assert_int_equal(m.message_seq, 2);
    assert_int_equal(m.length, 0);
}

static void reassembly_bounds(void **state)
{
    (void)state;
    static struct dtls_reasm ra;
    static uint8_t body[64];
    dtls_reasm_init(&ra);
    struct dtls_fragment f = piece(1, 5, 64, body, 0, 8);
    assert_int_equal(dtls_reasm_add(&ra, &f), DTLS_FRAG_NEW);
    /* Same message_seq, another type or length: not the same message (RFC 6347 §4.2.3). */
    f = piece(2, 5, 64, body, 8, 8);
    assert_int_equal(dtls_reasm_add(&ra, &f), DTLS_FRAG_MISMATCH);
    f = piece(1, 5, 63, body, 8, 8);
    assert_int_equal(dtls_reasm_add(&ra, &f), DTLS_FRAG_MISMATCH);
    /* Longer than the bound: reported, never buffered. */
    struct dtls_fragment big = {11, DTLS_MAX_MESSAGE_LEN + 1, 6, 0, 8, body};
    assert_int_equal(dtls_reasm_add(&ra, &big), DTLS_FRAG_TOO_LARGE);
    /* DTLS_REASM_SLOTS messages in progress at most. */
    for (uint16_t s = 6; s < 5 + DTLS_REASM_SLOTS; s++) {
        f = piece(1, s, 64, body, 0, 8);
        assert_int_equal(dtls_reasm_add(&ra, &f), DTLS_FRAG_NEW);
    }
    f = piece(1, (uint16_t)(5 + DTLS_REASM_SLOTS), 64, body, 0, 8);
    assert_int_equal(dtls_reasm_add(&ra, &f), DTLS_FRAG_NO_SLOT);
    /* message_seq wraps (16 bits): 0xffff then 0x0000. */
    dtls_reasm_init(&ra);
    struct dtls_message m;
    f = piece(1, 0xffff, 1, body, 0, 1);
    assert_int_equal(dtls_reasm_add(&ra, &f), DTLS_FRAG_COMPLETED);
    assert_true(dtls_reasm_next(&ra, &m));
    f = piece(1, 0, 1, body, 0, 1);
    assert_int_equal(dtls_reasm_add(&ra, &f), DTLS_FRAG_COMPLETED);
    assert_true(dtls_reasm_next(&ra, &m));
    assert_int_equal(m.message_seq, 0);
}

/* ---- whole connections ------------------------------------------------------------------- */

/* One record in the expected-file format (tests/decoder/dtls_tshark_records.awk). */
static void record_line(const struct tls_decoded_record *r, bool keyless_view, char *out, size_t cap)
{
    int n = snprintf(out, cap, "%s %u %u %u %llu ", r->dir == TLS_DIR_CLIENT_TO_SERVER ? "client" : "server",
                     r->outer_type, r->length, r->epoch, (unsigned long long)r->sequence_number);
    size_t used = (size_t)n;
    (void)keyless_view;
    if (r->message_count == 0) {
        snprintf(out + used, cap - used, "-");
    }
    for (size_t i = 0; i < r->message_count; i++) {
        used += (size_t)snprintf(out + used, cap - used, "%s%u/%u/%u/%u", i == 0 ? "" : ",", r->messages[i].type,
                                 r->messages[i].message_seq, r->messages[i].fragment_offset,
                                 r->messages[i].fragment_length);
    }
}

/* The expected line for a keyless run: an encrypted record (epoch > 0) shows no fragments. */
static void keyless_expectation(char *line)
{
    unsigned epoch = 0;
    char dir[8];
    unsigned type, len;
    unsigned long long seq;
    if (sscanf(line, "%7s %u %u %u %llu", dir, &type, &len, &epoch, &seq) == 5 && epoch > 0) {
        char *last = strrchr(line, ' ');
        strcpy(last + 1, "-");
    }
}

static void compare_with_tshark(const char *capture, const char *keylog, const char *expected,
                                size_t largest_client, size_t largest_server)
{
    struct dtc *d = dtc_decode(capture, keylog, TLS_DECODE_JSON);
    assert_int_equal(d->rc, TLS_OK);
    size_t len = 0;
    char *want = (char *)test_read_vector_file(expected, &len);
    want = realloc(want, len + 1);
    want[len] = '\0';
    size_t line = 0;
    for (char *w = want, *nl; *w != '\0'; w = nl + 1) {
        nl = strchr(w, '\n');
        assert_non_null(nl);
        *nl = '\0';
        if (keylog == NULL) {
            keyless_expectation(w);
        }
        char got[512] = "(no record)";
        if (line < d->nrec) {
            assert_true(d->recs[line].dtls);
            record_line(&d->recs[line], keylog == NULL, got, sizeof(got));
        }
        if (strcmp(got, w) != 0) {
            fail_msg("%s line %zu (tshark 4.0.17%s): want \"%s\", decoder gives \"%s\"", expected, line + 1,
                     keylog != NULL ? ", keyed" : ", keyless view", w, got);
        }
        line++;
    }
    assert_int_equal(line, d->nrec);
    assert_int_equal(d->nconn, 1);
    const struct tls_decoded_connection *s = &d->conns[0].summary;
    assert_true(d->conns[0].info.datagram);
    assert_int_equal(s->version, DTLS_VERSION_1_2);
    if (keylog != NULL) {
        /* RFC 5246 §7.4.9 over the DTLS transcript (RFC 6347 §4.2.6): both verify. */
        assert_int_equal(s->server_finished, TLS_FINISHED_VERIFIED);
        assert_int_equal(s->client_finished, TLS_FINISHED_VERIFIED);
    } else {
        assert_int_equal(s->server_finished, TLS_FINISHED_UNKNOWN);
    }
    assert_int_equal(s->server_signature, TLS_FINISHED_VERIFIED);
    assert_true(s->dtls && s->hello_verify_request && s->cookie_echoed);
    assert_int_equal(s->retransmitted_records, 0);
    assert_int_equal(s->largest_datagram[TLS_DIR_CLIENT_TO_SERVER], largest_client);
    assert_int_equal(s->largest_datagram[TLS_DIR_SERVER_TO_CLIENT], largest_server);
    free(want);
    dtc_free(d);
}

static void captures_match_tshark(void **state)
{
    (void)state;
    /* Largest datagrams: tshark's largest frame of each side minus the 42 bytes of Ethernet
       (14), IPv4 (20) and UDP (8) headers: OpenSSL 215 and 514 (its -mtu 500), GnuTLS 236 and
       442 (its --mtu 400). */
    compare_with_tshark(OPENSSL_CAPTURE, OPENSSL_KEYLOG, "expected/dtls/dtls12-openssl-hvr-mtu500.pcapng.records",
                        173, 472);
    compare_with_tshark(OPENSSL_CAPTURE, NULL, "expected/dtls/dtls12-openssl-hvr-mtu500.pcapng.records", 173, 472);
    compare_with_tshark(GNUTLS_CAPTURE, GNUTLS_KEYLOG, "expected/dtls/dtls12-gnutls-hvr-mtu400.pcapng.records",
                        194, 400);
    compare_with_tshark(GNUTLS_CAPTURE, NULL, "expected/dtls/dtls12-gnutls-hvr-mtu400.pcapng.records", 194, 400);
}

/* What the text says: the cookie exchange, the flights, the MTU, the UDP flow that is not DTLS
   (the GnuTLS capture's first frame: 8 bytes "not dtls" to another port). */
static void text_explains(void **state)
{
    (void)state;
    struct dtc *d = dtc_decode(GNUTLS_CAPTURE, GNUTLS_KEYLOG, TLS_DECODE_TEXT);
    assert_non_null(strstr(d->out, "DTLS over UDP"));
    assert_non_null(strstr(d->out, "HelloVerifyRequest, echoed"));
    assert_non_null(strstr(d->out, "certificate (message_seq 2) reassembled from 3 fragments"));
    assert_non_null(strstr(d->out, "Schannel's default DTLS MTU of 1096 bytes"));
    assert_non_null(strstr(d->out, "1 UDP flow that is not DTLS"));
    assert_non_null(strstr(d->out, "e1/0 decrypted"));
    dtc_free(d);
}

/* ---- token traces: one datagram per token --------------------------------------------------- */

static const char *keylog_text(void)
{
    static char text[512];
    if (text[0] == '\0') {
        size_t len = 0;
        char *k = (char *)test_read_vector_file(OPENSSL_KEYLOG, &len);
        assert_true(len < sizeof(text));
        memcpy(text, k, len);
        free(k);
    }
    return text;
}

static void trace_matches_capture(void **state)
{
    (void)state;
    struct test_tokens t;
    test_tokens_load(&t, OPENSSL_TRACE);
    assert_int_equal(t.n, 10);
    size_t order[TEST_MAX_TOKENS];
    for (size_t i = 0; i < t.n; i++) {
        order[i] = i;
    }
    char *text = test_tokens_text(&t, order, t.n, SIZE_MAX, 0, SIZE_MAX, 0);
    struct dtc *d = dtc_decode_trace_keyed(text, keylog_text(), TLS_DECODE_TEXT);
    struct dtc *c = dtc_decode(OPENSSL_CAPTURE, OPENSSL_KEYLOG, TLS_DECODE_TEXT);
    assert_int_equal(d->nrec, c->nrec);
    for (size_t i = 0; i < d->nrec; i++) {
        char a[512], b[512];
        record_line(&d->recs[i], false, a, sizeof(a));
        record_line(&c->recs[i], false, b, sizeof(b));
        assert_string_equal(a, b);
        assert_int_equal(d->recs[i].token, d->recs[i].datagram);
    }
    assert_int_equal(d->conns[0].summary.server_finished, TLS_FINISHED_VERIFIED);
    assert_int_equal(d->conns[0].summary.client_finished, TLS_FINISHED_VERIFIED);
    /* The server's second flight: tokens 2 to 4 (ServerHello .. ServerHelloDone). */
    assert_non_null(strstr(d->out, "flight 4 (server): tokens 2 to 4"));
    free(text);
    dtc_free(d);
    dtc_free(c);
    test_tokens_free(&t);
}

/* The whole exchange sent twice (every flight retransmitted): the copies are labelled, the
   handshake is still followed once, and both Finished still verify. */
static void retransmitted_flights(void **state)
{
    (void)state;
    struct test_tokens t;
    test_tokens_load(&t, OPENSSL_TRACE);
    assert_int_equal(t.n, 10);
    size_t order[2 * TEST_MAX_TOKENS];
    /* Tokens 0..7 hold the handshake (14 records), 8 and 9 the alerts. The flights from the
       server's first one on (tokens 3..7, 11 records) are sent again after token 7. */
    size_t n = 0;
    for (size_t i = 0; i <= 7; i++) {
        order[n++] = i;
    }
    for (size_t i = 3; i <= 7; i++) {
        order[n++] = i;
    }
    char *text = test_tokens_text(&t, order, n, SIZE_MAX, 0, SIZE_MAX, 0);
    struct dtc *d = dtc_decode_trace_keyed(text, keylog_text(), TLS_DECODE_TEXT);
    size_t retrans = 0;
    for (size_t i = 0; i < d->nrec; i++) {
        retrans += d->recs[i].retransmission;
        /* The first copy of each record is never a retransmission. */
        if (i < 14) {
            assert_false(d->recs[i].retransmission);
        }
    }
    /* expected/dtls/dtls12-openssl-hvr-mtu500.pcapng.records (tshark): lines 1..14 are the
       handshake, lines 4..14 (11 records) are in tokens 3..7: every repeated one is labelled. */
    assert_int_equal(d->nrec, 14 + 11);
    assert_int_equal(retrans, 11);
    assert_int_equal(d->conns[0].summary.server_finished, TLS_FINISHED_VERIFIED);
    assert_int_equal(d->conns[0].summary.client_finished, TLS_FINISHED_VERIFIED);
    assert_non_null(strstr(d->out, "RETRANSMITTED"));
    /* The repeats here are byte copies: same epoch and sequence_number (RFC 6347 §4.1.2.6). */
    assert_non_null(strstr(d->out, "a copy of a record already seen (same epoch 0 and sequence_number 2)"));
    /* The server's tokens 2 to 4 come again right after its token 5 (one flight of 4 tokens, part
       new, part repeated); its token 9 repeats token 5 whole. */
    assert_non_null(strstr(d->out, "flight 6 (server): tokens 5 to 8"));
    assert_non_null(strstr(d->out, "sent again in part: 5 of its 7 fragments repeat"));
    assert_non_null(strstr(d->out, "flight 8 (server): token 9, largest 282 bytes: new_session_ticket, "
                                   "finished; a retransmission (RFC 6347 §4.2.4)"));
    free(text);
    dtc_free(d);
    test_tokens_free(&t);
}

/* Certificate fragments out of order (token 4 before token 3 of the server) and a datagram
   duplicated in between: still one Certificate, both Finished verify. */
static void reordered_and_duplicated(void **state)
{
    (void)state;
    struct test_tokens t;
    test_tokens_load(&t, OPENSSL_TRACE);
    assert_int_equal(t.n, 10);
    /* Token indexes in the file: 0 C CH, 1 S HVR, 2 C CH2, 3 S SH+Cert0, 4 S Cert1, 5 S SKE+SHD,
       6 C CKE+CCS+Fin, 7 S NST+CCS+Fin, 8 S alert, 9 C alert. */
    size_t order[] = {0, 1, 2, 4, 4, 3, 5, 6, 7, 8, 9};
    char *text = test_tokens_text(&t, order, sizeof(order) / sizeof(order[0]), SIZE_MAX, 0, SIZE_MAX, 0);
    struct dtc *d = dtc_decode_trace_keyed(text, keylog_text(), TLS_DECODE_TEXT);
    assert_int_equal(d->conns[0].summary.server_finished, TLS_FINISHED_VERIFIED);
    assert_int_equal(d->conns[0].summary.client_finished, TLS_FINISHED_VERIFIED);
    assert_non_null(strstr(d->out, "certificate (message_seq 2) reassembled from 2 fragments"));
    size_t retrans = 0;
    for (size_t i = 0; i < d->nrec; i++) {
        retrans += d->recs[i].retransmission;
    }
    assert_int_equal(retrans, 1); /* the second copy of the Certificate's second fragment */
    /* Its flight: Certificate 2/2, again, ServerHello, Certificate 1/2, SKE, SHD. */
    assert_non_null(strstr(d->out, "1 of its 6 fragments repeat earlier ones"));
    free(text);
    dtc_free(d);
    test_tokens_free(&t);
}

/* The trace with bit `bit` of token k flipped decodes to the end; finished_broken: the client's
   Finished must not be called verified. */
static void flipped_decodes(const struct test_tokens *t, const size_t *order, size_t k, size_t bit,
                            bool finished_broken)
{
    char *text = test_tokens_text(t, order, t->n, SIZE_MAX, 0, k, bit);
    struct dtc *d = dtc_decode_trace_keyed(text, keylog_text(), TLS_DECODE_TEXT);
    assert_int_equal(d->rc, TLS_OK);
    if (finished_broken) {
        assert_int_not_equal(d->conns[0].summary.client_finished, TLS_FINISHED_VERIFIED);
    }
    free(text);
    dtc_free(d);
}

/* Every token cut at every length, and bytes flipped in every token: the decoder finishes,
   says what it could not read, and never claims a Finished it could not check. (ASan+UBSan and
   valgrind runs check the memory side.) */
static void truncated_and_corrupted(void **state)
{
    (void)state;
    struct test_tokens t;
    test_tokens_load(&t, OPENSSL_TRACE);
    assert_int_equal(t.n, 10);
    size_t order[TEST_MAX_TOKENS];
    for (size_t i = 0; i < t.n; i++) {
        order[i] = i;
    }
    /* Where the last record of token 6 (the client's second flight) starts: DTLS record
       headers are 13 bytes, the length in the last two (RFC 6347 §4.1). */
    size_t finished_at = 0;
    for (size_t pos = 0; pos + 13 <= t.len[6]; pos += 13 + (size_t)(t.bytes[6][pos + 11] << 8 | t.bytes[6][pos + 12])) {
        finished_at = pos;
    }
    assert_int_equal(t.bytes[6][finished_at], 22);          /* handshake (the Finished) */
    assert_int_equal(t.bytes[6][finished_at + 4], 1);       /* epoch 1: encrypted */
    size_t runs = 0, flips_in_finished = 0;
    size_t stride = test_stride(); /* the valgrind pass samples (testutil.h) */
    for (size_t k = 0; k < t.n; k++) {
        for (size_t cut = 0; cut < t.len[k]; cut += (cut < 40 ? 1 : 9) * stride) {
            char *text = test_tokens_text(&t, order, t.n, k, cut, SIZE_MAX, 0);
            struct dtc *d = dtc_decode_trace_keyed(text, keylog_text(), TLS_DECODE_JSON);
            assert_int_equal(d->rc, TLS_OK);
            assert_int_equal(d->nconn, 1);
            /* The Finished of a side whose Finished token was cut cannot verify. */
            if (k == 6 && cut < t.len[6]) {
                assert_int_not_equal(d->conns[0].summary.client_finished, TLS_FINISHED_VERIFIED);
            }
            free(text);
            dtc_free(d);
            runs++;
        }
        for (size_t at = 0; at < t.len[k]; at += (at < 40 ? 1 : 11) * stride) {
            /* A flipped bit in the client's encrypted Finished (the last record of token 6, past
               its 13-byte header) breaks its AEAD tag: it must not be called verified. */
            bool in_finished = k == 6 && at >= finished_at + 13;
            flipped_decodes(&t, order, k, at * 8 + 7, in_finished);
            flips_in_finished += in_finished;
            runs++;
        }
    }
    assert_true(runs * stride > 1000);
    /* ... and at least this one whatever the stride: the Finished record's first ciphertext byte. */
    flipped_decodes(&t, order, 6, (finished_at + 13) * 8, true);
    assert_true(stride > 1 || flips_in_finished > 0);
    test_tokens_free(&t);
}

/* ---- DTLS 1.3, keyless (RFC 9147), hand-made -------------------------------------------- */

static size_t put(uint8_t *out, size_t at, const uint8_t *p, size_t n)
{
    memcpy(out + at, p, n);
    return at + n;
}

/* A DTLSPlaintext record (RFC 6347 §4.1) holding one whole handshake message (§4.2.2). */
static size_t plaintext_handshake(uint8_t *out, uint8_t msg_type, uint16_t seq, const uint8_t *body, size_t n)
{
    uint8_t h[13 + 12] = {22, 0xfe, 0xfd, 0, 0, 0, 0, 0, 0, 0, (uint8_t)seq, (uint8_t)((12 + n) >> 8),
                          (uint8_t)(12 + n), msg_type, 0, 0, (uint8_t)n, 0, 0, 0, 0, 0, 0, 0, (uint8_t)n};
    h[18] = (uint8_t)seq; /* message_seq, equal to the record's sequence_number here */
    size_t at = put(out, 0, h, sizeof(h));
    return put(out, at, body, n);
}

static void hex_token(char *text, size_t cap, char dir, const uint8_t *p, size_t n)
{
    size_t used = strlen(text);
    used += (size_t)snprintf(text + used, cap - used, "%c:", dir);
    for (size_t i = 0; i < n; i++) {
        used += (size_t)snprintf(text + used, cap - used, "%02x", p[i]);
    }
    snprintf(text + used, cap - used, "\n");
}

static void dtls13_keyless_structure(void **state)
{
    (void)state;
    /* ClientHello (RFC 9147 §5.3: legacy_version fe fd, supported_versions fe fc) asking, in
       connection_id (RFC 9146 §3), for the 2-byte CID aa bb. */
    uint8_t ch[58];
    size_t at = put(ch, 0, (const uint8_t[]){0xfe, 0xfd}, 2);
    memset(ch + at, 0x11, 32);
    at += 32;
    at = put(ch, at, (const uint8_t[]){0, 0, 0, 2, 0x13, 0x01, 1, 0, 0, 14}, 10);
    at = put(ch, at, (const uint8_t[]){0, 43, 0, 3, 2, 0xfe, 0xfc}, 7);
    at = put(ch, at, (const uint8_t[]){0, 54, 0, 3, 2, 0xaa, 0xbb}, 7);
    assert_int_equal(at, sizeof(ch));
    /* ServerHello selecting fe fc, asking for the 3-byte CID 01 02 03. */
    uint8_t sh[54];
    at = put(sh, 0, (const uint8_t[]){0xfe, 0xfd}, 2);
    memset(sh + at, 0x22, 32);
    at += 32;
    at = put(sh, at, (const uint8_t[]){0, 0x13, 0x01, 0, 0, 14}, 6);
    at = put(sh, at, (const uint8_t[]){0, 43, 0, 2, 0xfe, 0xfc}, 6);
    at = put(sh, at, (const uint8_t[]){0, 54, 0, 4, 3, 1, 2, 3}, 8);
    assert_int_equal(at, sizeof(sh));
    uint8_t c1[128], s1[128], c2[128];
    size_t c1n = plaintext_handshake(c1, TLS_HT_client_hello, 0, ch, sizeof(ch));
    size_t s1n = plaintext_handshake(s1, TLS_HT_server_hello, 0, sh, sizeof(sh));
    /* RFC 9147 §4: 001 C S L EE. The server's record carries the client's CID (aa bb): C, S, L,
       epoch bits 2 (handshake epoch), sequence 0x0001, length 17. */
    s1n = put(s1, s1n, (const uint8_t[]){0x3e, 0xaa, 0xbb, 0x00, 0x01, 0x00, 0x11}, 7);
    memset(s1 + s1n, 0x5a, 17);
    s1n += 17;
    /* The client's carries the server's (01 02 03), 8-bit sequence 5, no length (to the end). */
    size_t c2n = put(c2, 0, (const uint8_t[]){0x32, 1, 2, 3, 0x05}, 5);
    memset(c2 + c2n, 0x6b, 20);
    c2n += 20;
    char text[2048] = "";
    hex_token(text, sizeof(text), 'C', c1, c1n);
    hex_token(text, sizeof(text), 'S', s1, s1n);
    hex_token(text, sizeof(text), 'C', c2, c2n);
    struct dtc *d = dtc_decode_trace(text, TLS_DECODE_TEXT);
    assert_int_equal(d->nconn, 1);
    assert_int_equal(d->conns[0].summary.version, DTLS_VERSION_1_3);
    assert_int_equal(d->nrec, 4);
    const struct tls_decoded_record *r = &d->recs[2];
    assert_true(r->dtls && r->unified_header && r->is_protected);
    assert_int_equal(r->epoch, 2);
    assert_int_equal(r->sequence_number, 1);
    assert_int_equal(r->length, 17);
    r = &d->recs[3];
    assert_true(r->unified_header);
    assert_int_equal(r->epoch, 2); /* 0x32: epoch bits 10 */
    assert_int_equal(r->sequence_number, 5);
    assert_int_equal(r->length, 20);
    assert_non_null(strstr(d->conns[0].notes, "DTLS 1.3 (RFC 9147)"));
    assert_non_null(strstr(d->conns[0].notes, "client asks for a 2-byte connection ID"));
    assert_non_null(strstr(d->conns[0].notes, "server asks for a 3-byte connection ID"));
    assert_null(strstr(d->conns[0].notes, "are not a DTLS record"));
    dtc_free(d);
}

/* One record completing two messages (RFC 6347 §4.2.2: a record may hold several fragments).
   The decoder puts each complete message in one buffer, the next overwriting the last, and the
   record's text is written after the whole record: the ServerHello must still be described
   with its own bytes (the facts keep a copy), not the ServerKeyExchange's that followed it. */
static void two_messages_in_one_record(void **state)
{
    (void)state;
    /* ClientHello (RFC 6347 §4.2.1): fe fd, random, session_id<0>, cookie<0>,
       cipher_suites<2> c0 2f, compression_methods<1> 00. */
    uint8_t ch[42];
    size_t at = put(ch, 0, (const uint8_t[]){0xfe, 0xfd}, 2);
    memset(ch + at, 0x11, 32);
    at += 32;
    at = put(ch, at, (const uint8_t[]){0, 0, 0, 2, 0xc0, 0x2f, 1, 0}, 8);
    assert_int_equal(at, sizeof(ch));
    uint8_t c1[128];
    size_t c1n = plaintext_handshake(c1, TLS_HT_client_hello, 0, ch, sizeof(ch));
    /* ServerHello (RFC 5246 §7.4.1.3): fe fd, random of 0x22, session_id<0>, c0 2f, null. */
    uint8_t sh[38];
    at = put(sh, 0, (const uint8_t[]){0xfe, 0xfd}, 2);
    memset(sh + at, 0x22, 32);
    at += 32;
    at = put(sh, at, (const uint8_t[]){0, 0xc0, 0x2f, 0}, 4);
    assert_int_equal(at, sizeof(sh));
    /* One record: ServerHello (message_seq 0) and a 38-byte ServerKeyExchange of 0x33 bytes
       (message_seq 1), each a whole-message fragment (12-byte header, §4.2.2). */
    uint8_t s1[13 + 2 * (12 + 38)];
    at = put(s1, 0, (const uint8_t[]){22, 0xfe, 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2 * (12 + 38)}, 13);
    at = put(s1, at, (const uint8_t[]){TLS_HT_server_hello, 0, 0, 38, 0, 0, 0, 0, 0, 0, 0, 38}, 12);
    at = put(s1, at, sh, sizeof(sh));
    at = put(s1, at, (const uint8_t[]){TLS_HT_server_key_exchange, 0, 0, 38, 0, 1, 0, 0, 0, 0, 0, 38}, 12);
    memset(s1 + at, 0x33, 38);
    at += 38;
    assert_int_equal(at, sizeof(s1));
    char text[1024] = "";
    hex_token(text, sizeof(text), 'C', c1, c1n);
    hex_token(text, sizeof(text), 'S', s1, sizeof(s1));
    struct dtc *d = dtc_decode_trace(text, TLS_DECODE_TEXT);
    assert_int_equal(d->nrec, 2);
    assert_int_equal(d->recs[1].message_count, 2);
    const char *sh_text = strstr(d->out, "Handshake server_hello(2), length 38");
    const char *ske_text = strstr(d->out, "Handshake server_key_exchange(12), length 38");
    assert_non_null(sh_text);
    assert_non_null(ske_text);
    assert_true(sh_text < ske_text);
    /* the ServerHello's own random and suite, between its header and the next message's */
    const char *random = strstr(sh_text, "random: 2222222222222222222222222222222222222222222222222222222222222222\n");
    const char *suite = strstr(sh_text, "cipher_suite: TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256(0xc02f)\n");
    assert_true(random != NULL && random < ske_text);
    assert_true(suite != NULL && suite < ske_text);
    dtc_free(d);
}

/* More flights than are listed (a ping-pong of 70 one-record datagrams, then 5 more from one
   side): the list stops at DTLS_MAX_FLIGHTS (64) and the rest are counted. */
static void many_flights(void **state)
{
    (void)state;
    static char text[16384];
    text[0] = '\0';
    for (unsigned i = 0; i < 75; i++) {
        /* RFC 6347 §4.1: alert(21), fe fd, epoch 0, sequence i, length 2: warning close_notify */
        uint8_t rec[15] = {21, 0xfe, 0xfd, 0, 0, 0, 0, 0, 0, 0, (uint8_t)i, 0, 2, 1, 0};
        hex_token(text, sizeof(text), i < 70 && i % 2 == 1 ? 'S' : 'C', rec, sizeof(rec));
    }
    struct dtc *d = dtc_decode_trace(text, TLS_DECODE_TEXT);
    assert_int_equal(d->nrec, 75);
    assert_non_null(strstr(d->conns[0].notes, "flight 64 (server)"));
    assert_null(strstr(d->conns[0].notes, "flight 65 "));
    /* 70 alternating datagrams (C, S, ..., S) are 70 flights; the last 5, all from the client,
       are flight 71: 71 - 64 = 7 not listed. */
    assert_non_null(strstr(d->conns[0].notes, "7 more flights not listed"));
    dtc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(record_header_fields),
        cmocka_unit_test(two_messages_in_one_record),
        cmocka_unit_test(unified_header),
        cmocka_unit_test(fragment_header),
        cmocka_unit_test(reassembly_any_order),
        cmocka_unit_test(reassembly_bounds),
        cmocka_unit_test(captures_match_tshark),
        cmocka_unit_test(text_explains),
        cmocka_unit_test(trace_matches_capture),
        cmocka_unit_test(retransmitted_flights),
        cmocka_unit_test(reordered_and_duplicated),
        cmocka_unit_test(truncated_and_corrupted),
        cmocka_unit_test(dtls13_keyless_structure),
        cmocka_unit_test(many_flights),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
