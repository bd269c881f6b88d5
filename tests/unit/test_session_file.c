/*
 * test_session_file.c — the --sess-out/--sess-in text format (docs/session-file.md,
 * src/handshake/session_file.c): round trip of RFC 8448 §3's ticket, every truncation, wrong
 * version, bad hex, oversized and out-of-range values, every flipped bit, and what the encoder
 * refuses.
 */
#include "support/testutil.h"

#include <stdio.h>
#include <string.h>

#include "handshake/session_file.h"

/* RFC 8448 §3 line 764: the NewSessionTicket's ticket (178 bytes); §4 line 878: the PSK. */
static const char TICKET_HEX[] =
    "2c035d829359ee5ff7af4ec900000000262a6494dc486d2c8a34cb33fa90bf1b0070ad3c498883c9367c09a2be785a"
    "bc55cd226097a3a982117283f82a03a143efd3ff5dd36d64e861be7fd61d2827db279cce145077d454a3664d4e6da4"
    "d29ee03725a6a4dafcd0fc67d2aea70529513e3da2677fa5906c5b3f7d8f92f228bda40dda721470f9fbf297b5aea6"
    "17646fac5c03272e970727c621a79141ef5f7de6505e5bfbc388e93343694093934ae4d357";
static const char PSK_HEX[] = "4ecd0eb6ec3b4d87f5d6028f922ca4c5851a277fd41311c9e62d2c9492e1c4f3";

static void rfc8448_ticket(struct tls_ticket *t)
{
    memset(t, 0, sizeof(*t));
    t->cipher_suite = 0x1301;
    t->ticket_lifetime = 30;
    t->ticket_age_add = 0xfad6aac5u;
    t->max_early_data_size = 1024;
    t->received_at_ms = 1700000000123ull;
    t->psk_len = test_hex(PSK_HEX, t->psk, sizeof(t->psk));
    t->ticket_len = test_hex(TICKET_HEX, t->ticket, sizeof(t->ticket));
    strcpy(t->server_name, "server");
}

/* The exact text the encoder must write for rfc8448_ticket() (docs/session-file.md). */
static size_t expected_text(char *buf, size_t cap)
{
    int n = snprintf(buf, cap,
                     "tls13-session v1\n"
                     "cipher_suite: 0x1301\n"
                     "ticket_lifetime: 30\n"
                     "ticket_age_add: 4208372421\n"
                     "max_early_data_size: 1024\n"
                     "received_at_ms: 1700000000123\n"
                     "server_name: server\n"
                     "alpn:\n"
                     "psk: %s\n"
                     "ticket: %s\n",
                     PSK_HEX, TICKET_HEX);
    assert_true(n > 0 && (size_t)n < cap);
    return (size_t)n;
}

static void assert_same_ticket(const struct tls_ticket *a, const struct tls_ticket *b)
{
    assert_int_equal(a->cipher_suite, b->cipher_suite);
    assert_int_equal(a->ticket_lifetime, b->ticket_lifetime);
    assert_int_equal(a->ticket_age_add, b->ticket_age_add);
    assert_int_equal(a->max_early_data_size, b->max_early_data_size);
    assert_true(a->received_at_ms == b->received_at_ms);
    assert_bytes_equal(a->psk, a->psk_len, b->psk, b->psk_len, "psk after the round trip");
    assert_bytes_equal(a->ticket, a->ticket_len, b->ticket, b->ticket_len, "ticket after the round trip");
    assert_string_equal(a->server_name, b->server_name);
    assert_string_equal(a->alpn, b->alpn);
}

static tls_result parse_text(const char *text, size_t len, struct tls_ticket *t)
{
    struct tls_error err = {0};
    return tls_session_file_parse((const uint8_t *)text, len, t, &err);
}

static void round_trip(void **state)
{
    (void)state;
    struct tls_ticket t, back;
    struct tls_error err = {0};
    static uint8_t buf[8192];
    static char want[8192];
    struct tls_writer w;
    rfc8448_ticket(&t);
    tls_writer_init(&w, buf, sizeof(buf));
    assert_int_equal(tls_session_file_encode(&t, &w, &err), TLS_OK);
    size_t want_len = expected_text(want, sizeof(want));
    assert_bytes_equal(buf, w.len, (const uint8_t *)want, want_len,
                       "docs/session-file.md example (RFC 8448 §3 ticket)");
    assert_int_equal(tls_session_file_parse(buf, w.len, &back, &err), TLS_OK);
    assert_same_ticket(&t, &back);

    /* With an ALPN protocol, a SHA-384 suite (48-byte PSK), and extreme numbers. */
    t.cipher_suite = 0x1302;
    t.psk_len = 48;
    memset(t.psk, 0xab, 48);
    strcpy(t.alpn, "http/1.1");
    t.ticket_age_add = 0xffffffffu;
    t.max_early_data_size = 0;
    t.ticket_lifetime = 604800;
    t.received_at_ms = UINT64_MAX;
    tls_writer_init(&w, buf, sizeof(buf));
    assert_int_equal(tls_session_file_encode(&t, &w, &err), TLS_OK);
    assert_int_equal(tls_session_file_parse(buf, w.len, &back, &err), TLS_OK);
    assert_same_ticket(&t, &back);
}

/* Lines in another order and upper-case hex are read the same. */
static void order_and_case(void **state)
{
    (void)state;
    struct tls_ticket t, back;
    char text[8192];
    rfc8448_ticket(&t);
    int n = snprintf(text, sizeof(text),
                     "tls13-session v1\n"
                     "ticket: %s\n"
                     "alpn:\n"
                     "server_name: server\n"
                     "received_at_ms: 1700000000123\n"
                     "max_early_data_size: 1024\n"
                     "ticket_age_add: 4208372421\n"
                     "ticket_lifetime: 30\n"
                     "cipher_suite: 0x1301\n"
                     "psk: %s\n",
                     TICKET_HEX, "4ECD0EB6EC3B4D87F5D6028F922CA4C5851A277FD41311C9E62D2C9492E1C4F3");
    assert_int_equal(parse_text(text, (size_t)n, &back), TLS_OK);
    assert_same_ticket(&t, &back);
}

/* Every strict prefix of a valid file is refused, and leaves no secret behind. */
static void every_truncation(void **state)
{
    (void)state;
    static char text[8192];
    size_t len = expected_text(text, sizeof(text));
    struct tls_ticket t;
    struct tls_ticket zero;
    memset(&zero, 0, sizeof(zero));
    for (size_t i = 0; i < len; i++) {
        struct tls_error err = {0};
        assert_int_equal(tls_session_file_parse((const uint8_t *)text, i, &t, &err),
                         TLS_E_ALERT(TLS_ALERT_decode_error));
        assert_memory_equal(&t, &zero, sizeof(t));
    }
    assert_int_equal(parse_text(text, len, &t), TLS_OK);
}

/* Replaces the first occurrence of from by to in the valid text; expects decode_error. */
static void expect_refused(const char *from, const char *to)
{
    static char text[8192 + 64], edited[2 * 8192];
    size_t len = expected_text(text, sizeof(text));
    const char *at = strstr(text, from);
    assert_non_null(at);
    size_t head = (size_t)(at - text), from_len = strlen(from), to_len = strlen(to);
    memcpy(edited, text, head);
    memcpy(edited + head, to, to_len);
    memcpy(edited + head + to_len, at + from_len, len - head - from_len);
    struct tls_ticket t;
    if (parse_text(edited, len - from_len + to_len, &t) != TLS_E_ALERT(TLS_ALERT_decode_error)) {
        fail_msg("accepted a session file with \"%s\" replaced by \"%.60s\"", from, to);
    }
}

static void wrong_version_and_syntax(void **state)
{
    (void)state;
    expect_refused("tls13-session v1\n", "tls13-session v2\n");
    expect_refused("tls13-session v1\n", "tls13-session v1\r\n");
    expect_refused("tls13-session v1\n", "");
    expect_refused("tls13-session v1\n", "TLS13-session v1\n");
    expect_refused("alpn:\n", "alpn: \n");               /* trailing space */
    expect_refused("ticket_lifetime: 30", "ticket_lifetime:  30");
    expect_refused("ticket_lifetime: 30", "ticket_lifetime:30");
    expect_refused("ticket_lifetime: 30", "ticket_lifetime: 030"); /* leading zero */
    expect_refused("ticket_lifetime: 30", "ticket_lifetime: +30");
    expect_refused("ticket_lifetime: 30", "ticket_lifetime: 3a");
    expect_refused("ticket_lifetime: 30", "ticket_lifetime:");
    expect_refused("alpn:\n", "alpn:\nalpn:\n");         /* twice */
    expect_refused("alpn:\n", "");                       /* missing */
    expect_refused("alpn:\n", "alpn:\ncomment: x\n");    /* unknown key */
    expect_refused("alpn:\n", "alpn:\n\n");              /* blank line */
    expect_refused("alpn:\n", "alpn\n");                 /* no colon */
    expect_refused("cipher_suite: 0x1301", "cipher_suite: 0x1305"); /* not implemented */
    expect_refused("cipher_suite: 0x1301", "cipher_suite: 0X1301");
    expect_refused("cipher_suite: 0x1301", "cipher_suite: 0x130");
    expect_refused("cipher_suite: 0x1301", "cipher_suite: 4865");
    expect_refused("cipher_suite: 0x1301", "cipher_suite: 0x1302"); /* PSK is 32 bytes, not 48 */
    expect_refused("server_name: server", "server_name: ser ver");
    expect_refused("server_name: server", "server_name: ser\x01ver");
}

static void bad_hex(void **state)
{
    (void)state;
    expect_refused("psk: 4ecd", "psk: 4gcd");
    expect_refused("psk: 4ecd", "psk: 4ec");          /* odd length */
    expect_refused("psk: 4ecd", "psk: ");             /* 30 bytes: not Hash.length */
    expect_refused("psk: 4ecd", "psk: 00004ecd");     /* 34 bytes */
    expect_refused("psk: 4ecd", "psk: 4e:cd");
    expect_refused("ticket: 2c03", "ticket: 2c 03");
    expect_refused("ticket: 2c03", "ticket: 2c0");
    expect_refused("ticket: 2c03", "ticket: x2c03");
}

static void oversized(void **state)
{
    (void)state;
    static char big[2 * 2049 + 16];
    /* A 2049-byte ticket (the limit is TLS_MAX_TICKET_LEN = 2048). */
    strcpy(big, "ticket: ");
    for (size_t i = 0; i < 2 * 2049; i++) {
        big[8 + i] = 'a';
    }
    big[8 + 2 * 2049] = '\0';
    expect_refused("ticket: 2c03", big);
    /* A 256-character server name (the limit is 255). */
    strcpy(big, "server_name: ");
    memset(big + 13, 'a', 256);
    big[13 + 256] = '\0';
    expect_refused("server_name: server", big);
    strcpy(big, "alpn: ");
    memset(big + 6, 'a', 65);
    big[6 + 65] = '\0';
    expect_refused("alpn:", big);
    /* §4.6.1: at most 604800 s; uint32 and uint64 bounds. */
    expect_refused("ticket_lifetime: 30", "ticket_lifetime: 604801");
    expect_refused("ticket_age_add: 4208372421", "ticket_age_add: 4294967296");
    expect_refused("max_early_data_size: 1024", "max_early_data_size: 99999999999");
    expect_refused("received_at_ms: 1700000000123", "received_at_ms: 18446744073709551616");
    expect_refused("received_at_ms: 1700000000123", "received_at_ms: 100000000000000000000");
    expect_refused("ticket: 2c03", "ticket:"); /* empty ticket */
    /* The whole file over 8192 bytes, even if otherwise valid. */
    static char text[16384];
    size_t len = expected_text(text, sizeof(text));
    struct tls_ticket t;
    memset(text + len, 'x', sizeof(text) - len);
    assert_int_equal(parse_text(text, TLS_SESSION_FILE_MAX_LEN + 1, &t), TLS_E_ALERT(TLS_ALERT_decode_error));
}

static void lower(char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] >= 'A' && s[i] <= 'Z') {
            s[i] = (char)(s[i] - 'A' + 'a');
        }
    }
}

/* Every bit of every byte flipped: refused, or accepted only if it re-encodes to the same text
 * (up to hex case): the parser takes no spelling the encoder would not write. */
static void every_flipped_bit(void **state)
{
    (void)state;
    static char text[8192], mutated[8192], again[8192];
    static uint8_t out[8192];
    size_t len = expected_text(text, sizeof(text));
    size_t accepted = 0;
    for (size_t i = 0; i < len; i++) {
        for (int bit = 0; bit < 8; bit++) {
            memcpy(mutated, text, len);
            mutated[i] = (char)(mutated[i] ^ (1 << bit));
            struct tls_ticket t;
            if (parse_text(mutated, len, &t) != TLS_OK) {
                continue;
            }
            accepted++;
            struct tls_writer w;
            struct tls_error err = {0};
            tls_writer_init(&w, out, sizeof(out));
            assert_int_equal(tls_session_file_encode(&t, &w, &err), TLS_OK);
            assert_int_equal(w.len, len);
            memcpy(again, out, len);
            lower(again, len);
            lower(mutated, len);
            assert_memory_equal(again, mutated, len);
        }
    }
    /* Some flips only change a hex digit or a number: those must be accepted as new values. */
    assert_true(accepted > 0);
}

static void encoder_refuses(void **state)
{
    (void)state;
    struct tls_ticket t;
    struct tls_error err = {0};
    static uint8_t buf[8192];
    struct tls_writer w;
    rfc8448_ticket(&t);
    t.psk_len = 48; /* SHA-256 suite */
    tls_writer_init(&w, buf, sizeof(buf));
    assert_int_equal(tls_session_file_encode(&t, &w, &err), TLS_E_ALERT(TLS_ALERT_internal_error));
    rfc8448_ticket(&t);
    strcpy(t.alpn, "h 2");
    tls_writer_init(&w, buf, sizeof(buf));
    assert_int_equal(tls_session_file_encode(&t, &w, &err), TLS_E_ALERT(TLS_ALERT_internal_error));
    rfc8448_ticket(&t);
    t.ticket_lifetime = 604801;
    tls_writer_init(&w, buf, sizeof(buf));
    assert_int_equal(tls_session_file_encode(&t, &w, &err), TLS_E_ALERT(TLS_ALERT_internal_error));
    rfc8448_ticket(&t);
    t.ticket_len = 0;
    tls_writer_init(&w, buf, sizeof(buf));
    assert_int_equal(tls_session_file_encode(&t, &w, &err), TLS_E_ALERT(TLS_ALERT_internal_error));
    rfc8448_ticket(&t);
    memset(t.server_name, 'a', sizeof(t.server_name)); /* no NUL */
    tls_writer_init(&w, buf, sizeof(buf));
    assert_int_equal(tls_session_file_encode(&t, &w, &err), TLS_E_ALERT(TLS_ALERT_internal_error));
    /* Every output buffer too small by at least one byte. */
    rfc8448_ticket(&t);
    static char want[8192];
    size_t need = expected_text(want, sizeof(want));
    for (size_t cap = 0; cap < need; cap++) {
        struct tls_error e = {0};
        tls_writer_init(&w, buf, cap);
        assert_int_not_equal(tls_session_file_encode(&t, &w, &e), TLS_OK);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(round_trip),
        cmocka_unit_test(order_and_case),
        cmocka_unit_test(every_truncation),
        cmocka_unit_test(wrong_version_and_syntax),
        cmocka_unit_test(bad_hex),
        cmocka_unit_test(oversized),
        cmocka_unit_test(every_flipped_bit),
        cmocka_unit_test(encoder_refuses),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
