/*
 * test_cli_trace.c — the token-trace writer (src/cli/trace_writer.c), the --explain observer
 * (src/cli/explain.c, explain_fields.c) and the failure line of `tls13 connect`, each writing
 * into a memory stream that the test reads back.
 */
#define _POSIX_C_SOURCE 200809L

#include "support/testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/connect_io.h"
#include "cli/explain.h"
#include "cli/trace_writer.h"
#include "common/names.h"

struct capture {
    FILE *f;
    char *buf;
    size_t len;
};

static void capture_open(struct capture *c)
{
    c->buf = NULL;
    c->len = 0;
    c->f = open_memstream(&c->buf, &c->len);
    assert_non_null(c->f);
}

static void capture_close(struct capture *c)
{
    fclose(c->f);
    free(c->buf);
}

/* Reads a token trace back the way DESIGN.md defines it: hex after C:/S:, # lines ignored. */
static size_t read_back(const char *text, char side, uint8_t *out, size_t cap)
{
    size_t n = 0;
    bool in_token = false;
    for (const char *line = text; *line != '\0';) {
        const char *end = strchr(line, '\n');
        size_t len = end != NULL ? (size_t)(end - line) : strlen(line);
        const char *p = line;
        if (line[0] == '#') {
            p = line + len;
        } else if (len >= 2 && (line[0] == 'C' || line[0] == 'S') && line[1] == ':') {
            in_token = line[0] == side;
            p = line + 2;
        }
        for (; p < line + len; p++) {
            if (*p == ' ') {
                continue;
            }
            unsigned v = 0;
            assert_int_equal(sscanf(p, "%2x", &v), 1);
            if (in_token && n < cap) {
                out[n++] = (uint8_t)v;
            }
            p++;
        }
        line += len + (end != NULL ? 1 : 0);
    }
    return n;
}

static void trace_tokens_round_trip(void **state)
{
    (void)state;
    uint8_t big[100];
    for (size_t i = 0; i < sizeof(big); i++) {
        big[i] = (uint8_t)(i * 7);
    }
    /* RFC 8448 §3 line 201: the first bytes of the ClientHello record */
    const uint8_t hello[] = {0x16, 0x03, 0x01, 0x00, 0xc4, 0x01, 0x00, 0x00, 0xc0};
    struct capture c;
    capture_open(&c);
    trace_write_comment(c.f, "two lines\nof comment");
    trace_write_token(c.f, 'C', hello, sizeof(hello));
    trace_write_token(c.f, 'S', big, sizeof(big));
    trace_write_token(c.f, 'C', big, 0); /* empty: nothing */
    fflush(c.f);
    assert_string_equal(c.buf, "# two lines\n# of comment\nC: 16030100c4010000c0\nS: "
                        "00070e151c232a31383f464d545b626970777e858c939aa1a8afb6bdc4cbd2d9\n"
                        "   e0e7eef5fc030a11181f262d343b424950575e656c737a81888f969da4abb2b9\n"
                        "   c0c7ced5dce3eaf1f8ff060d141b222930373e454c535a61686f767d848b9299\n"
                        "   a0a7aeb5\n");
    uint8_t back[128];
    size_t n = read_back(c.buf, 'S', back, sizeof(back));
    assert_bytes_equal(back, n, big, sizeof(big), "server token read back from the trace");
    n = read_back(c.buf, 'C', back, sizeof(back));
    assert_bytes_equal(back, n, hello, sizeof(hello), "RFC 8448 §3 line 201 ClientHello prefix");
    capture_close(&c);
}

static void explain_record_and_state(void **state)
{
    (void)state;
    struct capture c;
    capture_open(&c);
    struct explain ex = {.out = c.f};
    struct tls_observer o = explain_observer(&ex);
    struct tls_record_info rec = {
        .dir = TLS_DIR_SERVER_TO_CLIENT, .outer_type = 23, .legacy_version = 0x0303,
        .length = 1234, .protected_record = true, .inner_type = 22, .content_len = 1200,
        .padding_len = 17, .key_name = "server_handshake_traffic_secret", .seq = 3,
    };
    o.record(o.ctx, &rec);
    o.state(o.ctx, TLS_CLIENT_WAIT_SH, TLS_CLIENT_WAIT_EE);
    o.note(o.ctx, "server Finished verified");
    fflush(c.f);
    assert_non_null(strstr(c.buf, "S->C  application_data(23)"));
    assert_non_null(strstr(c.buf, "(RFC 8446 §5.2)"));
    assert_non_null(strstr(c.buf, "handshake(22): 1200 content bytes + 17 zero padding"));
    assert_non_null(strstr(c.buf, "server_handshake_traffic_secret, sequence number 3"));
    assert_non_null(strstr(c.buf, "state    WAIT_SH -> WAIT_EE"));
    assert_non_null(strstr(c.buf, "App. A.1"));
    assert_non_null(strstr(c.buf, "note     server Finished verified\n"));
    capture_close(&c);
}

static void explain_secret_names_its_derivation(void **state)
{
    (void)state;
    struct capture c;
    capture_open(&c);
    struct explain ex = {.out = c.f};
    /* RFC 8448 §3 lines 287 and 294: the transcript hash and c hs traffic */
    uint8_t hash[32], secret[32], cr[32] = {0};
    test_hex("860c06edc07858ee8e78f0e7428c58edd6b43f2ca3e6e95f02ed063cf0e1cad8", hash, 32);
    test_hex("b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21", secret, 32);
    explain_on_secret(&ex, TLS_SECRET_client_handshake_traffic_secret, 0,
                      cr, secret, 32, hash, 32);
    explain_on_secret(&ex, TLS_SECRET_resumption_master_secret, 0, cr, secret, 32, hash, 32);
    fflush(c.f);
    assert_non_null(strstr(c.buf, "Derive-Secret(Handshake Secret, \"c hs traffic\", "
                                  "ClientHello...ServerHello)"));
    assert_non_null(strstr(c.buf, "860c06edc07858ee8e78f0e7428c58edd6b43f2ca3e6e95f"));
    assert_non_null(strstr(c.buf, "b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e96"));
    assert_non_null(strstr(c.buf, "key log name      CLIENT_HANDSHAKE_TRAFFIC_SECRET"));
    assert_non_null(strstr(c.buf, "Derive-Secret(Master Secret, \"res master\", "
                                  "ClientHello...client Finished)"));
    capture_close(&c);
}

/* --explain's §7.1 steps against RFC 8448 §3: the "derived" salt after the Early Secret, and
   from client_handshake_traffic_secret its HkdfLabel, write_key, write_iv and finished_key. */
static void explain_key_schedule_steps_match_rfc8448(void **state)
{
    (void)state;
    struct capture c;
    capture_open(&c);
    struct explain ex = {.out = c.f, .cipher_suite = 0x1301};
    uint8_t early[32], hash[32], secret[32], cr[32] = {0};
    /* RFC 8448 §3: "extract secret "early"" (no PSK) */
    test_hex("33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a", early, 32);
    test_hex("860c06edc07858ee8e78f0e7428c58edd6b43f2ca3e6e95f02ed063cf0e1cad8", hash, 32);
    test_hex("b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21", secret, 32);
    explain_on_secret(&ex, TLS_SECRET_early_secret, 0, cr, early, 32, NULL, 0);
    explain_on_secret(&ex, TLS_SECRET_client_handshake_traffic_secret, 0,
                      cr, secret, 32, hash, 32);
    fflush(c.f);
    /* RFC 8448 §3 "derive secret for handshake "tls13 derived"": expanded */
    assert_non_null(strstr(c.buf, "6f2615a108c702c5678f54fc9dbab69716c076189c48250c"));
    /* HkdfLabel of "derived": length 32, "tls13 derived", context Hash("") (RFC 8448 info) */
    assert_non_null(strstr(c.buf, "label           0d746c7331332064657269766564"));
    assert_non_null(strstr(c.buf, "length          0020"));
    /* RFC 8448 §3 "derive write traffic keys for handshake data" (client): key and iv */
    assert_non_null(strstr(c.buf, "dbfaa693d1762c5b666af5d950258d01"));
    assert_non_null(strstr(c.buf, "5bd3c71b836e0b76bb73265f"));
    /* RFC 8448 §3 client "finished" key (HKDF-Expand-Label(c hs traffic, "finished", "", 32)) */
    assert_non_null(strstr(c.buf, "b80ad01015fb2f0bd65ff7d4da5d6bf83f84821d1f87fdc7"));
    /* Each label's bytes are shown once: "c hs traffic" once, even if used again. */
    explain_on_secret(&ex, TLS_SECRET_client_handshake_traffic_secret, 0, cr, secret, 32, hash, 32);
    fflush(c.f);
    const char *first = strstr(c.buf, "HkdfLabel \"c hs traffic\"");
    assert_non_null(first);
    assert_null(strstr(first + 1, "HkdfLabel \"c hs traffic\""));
    capture_close(&c);
}

/* RFC 8448 §3 lines 177-188: the ClientHello, whole (196 octets). */
static const char rfc8448_client_hello[] =
    "010000c00303cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef"
    "6283024dece7000006130113031302010000910000000b000900000673657276"
    "6572ff01000100000a00140012001d0017001800190100010101020103010400"
    "230000003300260024001d002099381de560e4bd43d23d8e435a7dbafeb3c06e"
    "51c13cae4d5413691e529aaf2c002b0003020304000d0020001e040305030603"
    "020308040805080604010501060102010402050206020202002d00020101001c"
    "00024001";

static void explain_decodes_client_hello(void **state)
{
    (void)state;
    uint8_t msg[256];
    size_t len = test_hex(rfc8448_client_hello, msg, sizeof(msg));
    assert_int_equal(len, 196);
    struct capture c;
    capture_open(&c);
    struct explain ex = {.out = c.f};
    explain_on_message(&ex, TLS_DIR_CLIENT_TO_SERVER, msg, len);
    fflush(c.f);
    assert_non_null(strstr(c.buf, "C->S  client_hello(1)"));
    assert_non_null(strstr(c.buf, "(RFC 8446 §4.1.2)"));
    /* the fields come from the decoder's describer (model_messages.c), in RFC 8448 §3's order */
    assert_non_null(strstr(c.buf, "cipher_suite      TLS_AES_128_GCM_SHA256(0x1301) "
                                  "TLS_CHACHA20_POLY1305_SHA256(0x1303) "
                                  "TLS_AES_256_GCM_SHA384(0x1302)\n"));
    assert_non_null(strstr(c.buf, "extension_type    key_share(51)\n"));
    assert_non_null(strstr(c.buf, "named_group     x25519(0x001d) secp256r1(0x0017) "
                                  "secp384r1(0x0018) secp521r1(0x0019)"));
    assert_non_null(strstr(c.buf, "version         TLS 1.3(0x0304)\n"));
    /* RFC 8448 §3: the client shares an x25519 key and names the server "server" */
    assert_non_null(strstr(c.buf, "group           x25519(0x001d)\n"));
    assert_non_null(strstr(c.buf, "key_exchange    99381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d\n"));
    assert_non_null(strstr(c.buf, "host_name       server\n"));
    assert_null(strstr(c.buf, "not decoded"));
    capture_close(&c);
    /* every truncation is named by the describer: the fields up to the cut, then "not decoded",
     * and nothing is read past the end (ASan). One is not: cut right after the compression
     * methods (4 + 2 + 32 + 1 + 2 + 6 + 2 bytes) it is a valid pre-TLS 1.3 ClientHello without
     * extensions (RFC 8446 §4.1.2). */
    for (size_t n = 4; n < len; n++) {
        capture_open(&c);
        ex.out = c.f;
        explain_on_message(&ex, TLS_DIR_CLIENT_TO_SERVER, msg, n);
        fflush(c.f);
        bool refused = strstr(c.buf, "not decoded") != NULL;
        if (refused != (n != 49)) {
            fail_msg("truncation to %zu bytes not reported:\n%s", n, c.buf);
        }
        capture_close(&c);
    }
}

static void explain_marks_hello_retry_request(void **state)
{
    (void)state;
    /* RFC 8446 §4.1.3: HRR random = SHA-256("HelloRetryRequest"); key_share selects secp384r1 */
    uint8_t msg[128];
    size_t len = test_hex("02000034" "0303"
                          "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c"
                          "00" "1301" "00" "000c" "002b00020304" "0033000200" "18",
                          msg, sizeof(msg));
    struct capture c;
    capture_open(&c);
    struct explain ex = {.out = c.f};
    explain_on_message(&ex, TLS_DIR_SERVER_TO_CLIENT, msg, len);
    fflush(c.f);
    assert_non_null(strstr(c.buf, "server_hello(2)=HRR"));
    assert_non_null(strstr(c.buf, "(RFC 8446 §4.1.4)"));
    assert_non_null(strstr(c.buf, "selected_group  secp384r1(0x0018)\n"));
    assert_non_null(strstr(c.buf, "selected_version TLS 1.3(0x0304)\n"));
    assert_non_null(strstr(c.buf, "this is an HRR (§4.1.3)"));
    capture_close(&c);
}

static void failure_line_names_alert_direction_and_rule(void **state)
{
    (void)state;
    char line[256];
    struct tls_error sent = {TLS_E_ALERT(TLS_ALERT_bad_certificate),
                             "RFC 6125: certificate does not match the server name", NULL};
    connect_format_failure(line, sizeof(line), &sent);
    assert_string_equal(line, "tls13: bad_certificate (sent): RFC 6125: certificate does not "
                              "match the server name");
    struct tls_error got = {TLS_E_PEER_ALERT(TLS_ALERT_handshake_failure),
                            "RFC 8446 §6.2: the server sent a fatal alert", "ServerHello"};
    connect_format_failure(line, sizeof(line), &got);
    assert_string_equal(line, "tls13: handshake_failure (received): RFC 8446 §6.2: the server "
                              "sent a fatal alert [while reading ServerHello]");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(trace_tokens_round_trip),
        cmocka_unit_test(explain_record_and_state),
        cmocka_unit_test(explain_secret_names_its_derivation),
        cmocka_unit_test(explain_key_schedule_steps_match_rfc8448),
        cmocka_unit_test(explain_decodes_client_hello),
        cmocka_unit_test(explain_marks_hello_retry_request),
        cmocka_unit_test(failure_line_names_alert_direction_and_rule),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
