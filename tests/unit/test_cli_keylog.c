/*
 * test_cli_keylog.c — the NSS key log writer (src/cli/keylog.c), with RFC 8448 §3 values as the
 * secrets to log.
 */
#define _POSIX_C_SOURCE 200809L

#include "support/testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/keylog.h"

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
    keylog_on_secret(&log, TLS_SECRET_client_handshake_traffic_secret, 0, cr, secret, 32, NULL, 0);
    keylog_on_secret(&log, TLS_SECRET_resumption_master_secret, 0, cr, secret, 32, NULL, 0);
    keylog_on_secret(&log, TLS_SECRET_server_application_traffic_secret_0, 0, cr, secret, 32, NULL,
                     0);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(formats_one_nss_line),
        cmocka_unit_test(refuses_unlabelled_and_short_buffers),
        cmocka_unit_test(observer_appends_and_flushes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
