/*
 * test_cli_keylog.c — the NSS key log writer (src/cli/keylog.c) and the session file
 * (src/cli/session_file.c), with RFC 8448 §3 values as the secrets to log.
 */
#define _POSIX_C_SOURCE 200809L

#include "support/testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/keylog.h"
#include "cli/session_file.h"

/* RFC 8448 §3 line 177: the ClientHello random; line 294: client_handshake_traffic_secret. */
static const char client_random_hex[] =
    "cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7";
static const char c_hs_traffic_hex[] =
    "b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21";

static void formats_one_nss_line(void **state)
{
    (void)state;
    uint8_t cr[32], secret[32];
    test_hex(client_random_hex, cr, sizeof(cr));
    test_hex(c_hs_traffic_hex, secret, sizeof(secret));
    char line[256];
    size_t n = keylog_format_line(line, sizeof(line), "CLIENT_HANDSHAKE_TRAFFIC_SECRET", cr,
                                  secret, sizeof(secret));
    const char *want = "CLIENT_HANDSHAKE_TRAFFIC_SECRET "
                       "cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7 "
                       "b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21\n";
    assert_int_equal(n, strlen(want));
    assert_bytes_equal((const uint8_t *)line, n, (const uint8_t *)want, strlen(want),
                       "RFC 8448 §3 lines 177, 294: client random and c hs traffic as an NSS line");
}

static void refuses_unlabelled_and_short_buffers(void **state)
{
    (void)state;
    uint8_t cr[32] = {0}, secret[48] = {0};
    char line[256];
    /* binder keys and resumption_master_secret have no NSS name: nothing is written */
    assert_int_equal(keylog_format_line(line, sizeof(line), NULL, cr, secret, 32), 0);
    /* the exact size fits (label + 1 + 64 + 1 + 96 + newline + NUL), one less does not */
    size_t need = strlen("SERVER_TRAFFIC_SECRET_0") + 1 + 64 + 1 + 96 + 1 + 1;
    assert_int_equal(keylog_format_line(line, need, "SERVER_TRAFFIC_SECRET_0", cr, secret, 48),
                     need - 1);
    assert_int_equal(keylog_format_line(line, need - 1, "SERVER_TRAFFIC_SECRET_0", cr, secret, 48),
                     0);
}

static void observer_appends_and_flushes(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    struct keylog log = {.file = f, .lines = 0};
    uint8_t cr[32], secret[32];
    test_hex(client_random_hex, cr, sizeof(cr));
    test_hex(c_hs_traffic_hex, secret, sizeof(secret));
    keylog_on_secret(&log, "client_handshake_traffic_secret", "CLIENT_HANDSHAKE_TRAFFIC_SECRET",
                     cr, secret, 32, NULL, 0);
    keylog_on_secret(&log, "resumption_master_secret", NULL, cr, secret, 32, NULL, 0);
    keylog_on_secret(&log, "server_application_traffic_secret_0", "SERVER_TRAFFIC_SECRET_0", cr,
                     secret, 32, NULL, 0);
    /* flushed after each line: visible without closing the file */
    assert_int_equal(log.lines, 2);
    size_t want = strlen("CLIENT_HANDSHAKE_TRAFFIC_SECRET") + strlen("SERVER_TRAFFIC_SECRET_0") +
                  2 * (1 + 64 + 1 + 64 + 1);
    assert_int_equal(len, want);
    assert_non_null(strstr(buf, "\nSERVER_TRAFFIC_SECRET_0 cb34ecb1"));
    assert_null(strstr(buf, "resumption"));
    fclose(f);
    free(buf);
}

static void session_file_round_trip(void **state)
{
    (void)state;
    static struct tls_ticket t, back;
    memset(&t, 0, sizeof(t));
    t.cipher_suite = 0x1301;
    t.ticket_lifetime = 604800;
    t.ticket_age_add = 0xfedcba98u;
    t.max_early_data_size = 1024;
    t.received_at_ms = 1700000000123ull;
    t.psk_len = 32;
    test_hex(c_hs_traffic_hex, t.psk, sizeof(t.psk));
    t.ticket_len = 3;
    t.ticket[0] = 1;
    t.ticket[1] = 2;
    t.ticket[2] = 0xff;
    strcpy(t.server_name, "localhost");
    strcpy(t.alpn, "h2");
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    session_file_format(f, &t);
    fclose(f);
    char err[128];
    assert_int_equal(session_file_parse(buf, len, &back, err, sizeof(err)), 0);
    assert_int_equal(back.cipher_suite, 0x1301);
    assert_int_equal(back.ticket_lifetime, 604800);
    assert_int_equal(back.ticket_age_add, 0xfedcba98u);
    assert_int_equal(back.max_early_data_size, 1024);
    assert_true(back.received_at_ms == 1700000000123ull);
    assert_bytes_equal(back.psk, back.psk_len, t.psk, t.psk_len, "psk written then read back");
    assert_bytes_equal(back.ticket, back.ticket_len, t.ticket, t.ticket_len, "ticket round trip");
    assert_string_equal(back.server_name, "localhost");
    assert_string_equal(back.alpn, "h2");
    /* every strict prefix that cuts the psk or ticket line off is refused */
    const char *ticket_line = strstr(buf, "\nticket ");
    assert_non_null(ticket_line);
    for (size_t n = 0; n <= (size_t)(ticket_line - buf); n++) {
        if (session_file_parse(buf, n, &back, err, sizeof(err)) == 0) {
            fail_msg("prefix of %zu bytes accepted", n);
        }
        assert_int_equal(back.psk_len, 0); /* nothing half-filled is left behind */
    }
    free(buf);
}

static void session_file_rejects_bad_lines(void **state)
{
    (void)state;
    static struct tls_ticket t;
    char err[128];
    const char *bad[] = {
        "tls13-session 1\npsk 0g\nticket 01\n",
        "tls13-session 1\npsk 001\nticket 01\n",
        "tls13-session 1\npsk 00\nticket 01\ncipher_suite 10000\n",
        "tls13-session 1\npsk 00\nticket 01\nticket_lifetime -1\n",
        "tls13-session 1\npsk 00\nticket 01\nwhat 1\n",
        "tls13-session 2\npsk 00\nticket 01\n",
        "tls13-session 1\npsk 00\n",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        if (session_file_parse(bad[i], strlen(bad[i]), &t, err, sizeof(err)) == 0) {
            fail_msg("accepted: %s", bad[i]);
        }
    }
    const char *good = "tls13-session 1\npsk 00\nticket 01\n";
    assert_int_equal(session_file_parse(good, strlen(good), &t, err, sizeof(err)), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(formats_one_nss_line),
        cmocka_unit_test(refuses_unlabelled_and_short_buffers),
        cmocka_unit_test(observer_appends_and_flushes),
        cmocka_unit_test(session_file_round_trip),
        cmocka_unit_test(session_file_rejects_bad_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
