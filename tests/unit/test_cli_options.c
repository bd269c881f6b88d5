/*
 * test_cli_options.c — the command line of `tls13 connect` (src/cli/connect_options.c):
 * defaults, HOST[:PORT] and [IPv6]:PORT forms, lists of IANA names, and every usage error.
 */
#include "support/testutil.h"

#include <string.h>

#include "cli/connect.h"
#include "common/names.h"

static struct connect_options opt;
static char err[256];

/* Parses a NULL-terminated list of arguments after "connect". */
static int parse(const char *first, ...)
{
    char *argv[32];
    int argc = 0;
    argv[argc++] = (char *)"connect";
    va_list ap;
    va_start(ap, first);
    for (const char *a = first; a != NULL && argc < 31; a = va_arg(ap, const char *)) {
        argv[argc++] = (char *)a;
    }
    va_end(ap);
    argv[argc] = NULL;
    return connect_parse_args(argc, argv, &opt, err, sizeof(err));
}

static void defaults(void **state)
{
    (void)state;
    assert_int_equal(parse("example.com", NULL), CONNECT_EXIT_OK);
    assert_string_equal(opt.host, "example.com");
    assert_int_equal(opt.port, 443);
    assert_false(opt.host_is_ip);
    assert_string_equal(opt.servername, "example.com"); /* SNI defaults to HOST */
    assert_string_equal(opt.cafile, "/etc/ssl/certs/ca-certificates.crt");
    assert_false(opt.insecure);
    assert_int_equal(opt.cipher_suite_count, 3);
    assert_int_equal(opt.cipher_suites[0], 0x1301); /* RFC 8446 §B.4 */
    assert_int_equal(opt.cipher_suites[1], 0x1302);
    assert_int_equal(opt.cipher_suites[2], 0x1303);
    assert_int_equal(opt.group_count, 3);
    assert_int_equal(opt.groups[0], 0x001d); /* x25519 first: it gets the key share */
    assert_int_equal(opt.groups[1], 0x0017);
    assert_int_equal(opt.groups[2], 0x0018);
    assert_int_equal(opt.alpn_count, 0);
    assert_null(opt.keylog);
    assert_null(opt.trace);
    assert_false(opt.explain);
    assert_false(opt.key_update);
}

static void host_and_port_forms(void **state)
{
    (void)state;
    assert_int_equal(parse("example.com:8443", NULL), CONNECT_EXIT_OK);
    assert_string_equal(opt.host, "example.com");
    assert_int_equal(opt.port, 8443);

    assert_int_equal(parse("[::1]:4433", "--servername", "localhost", NULL), CONNECT_EXIT_OK);
    assert_string_equal(opt.host, "::1");
    assert_int_equal(opt.port, 4433);
    assert_true(opt.host_is_ip);
    assert_string_equal(opt.servername, "localhost");

    assert_int_equal(parse("[2001:db8::7]", "--insecure", NULL), CONNECT_EXIT_OK);
    assert_string_equal(opt.host, "2001:db8::7");
    assert_int_equal(opt.port, 443);
    assert_null(opt.servername); /* RFC 6066 §3: no IP literal in server_name */

    assert_int_equal(parse("::1", "--insecure", NULL), CONNECT_EXIT_OK); /* bare IPv6 */
    assert_string_equal(opt.host, "::1");
    assert_int_equal(opt.port, 443);

    assert_int_equal(parse("127.0.0.1:1", "--servername=localhost", NULL), CONNECT_EXIT_OK);
    assert_true(opt.host_is_ip);
    assert_int_equal(opt.port, 1);
    assert_string_equal(opt.servername, "localhost");

    assert_int_equal(parse("h:65535", NULL), CONNECT_EXIT_OK);
    assert_int_equal(opt.port, 65535);
}

static void bad_targets(void **state)
{
    (void)state;
    const char *bad[] = {
        "h:0", "h:65536", "h:", "h:44x", "h:-1", "h:123456", ":443", "", "[::1", "[::1]x",
        "[::1]:", "[example.com]:443", "a:b:c", "[]:443",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        err[0] = '\0';
        int rc = parse(bad[i], "--insecure", NULL);
        if (rc != CONNECT_EXIT_USAGE) {
            fail_msg("target '%s' accepted", bad[i]);
        }
        assert_true(strlen(err) > 0);
        assert_null(strchr(err, '\n')); /* one line */
    }
    /* an IP literal without a name to check the certificate against */
    assert_int_equal(parse("127.0.0.1", NULL), CONNECT_EXIT_USAGE);
    assert_non_null(strstr(err, "--servername"));
    /* server_name must be a DNS name */
    assert_int_equal(parse("h", "--servername", "10.0.0.1", NULL), CONNECT_EXIT_USAGE);
    assert_int_equal(parse(NULL), CONNECT_EXIT_USAGE);
    assert_non_null(strstr(err, "HOST"));
    assert_int_equal(parse("a", "b", NULL), CONNECT_EXIT_USAGE);
}

static void lists(void **state)
{
    (void)state;
    assert_int_equal(parse("h", "--ciphers", "TLS_CHACHA20_POLY1305_SHA256,TLS_AES_256_GCM_SHA384",
                           "--groups=secp384r1,x25519", "--alpn", "h2,http/1.1", NULL),
                     CONNECT_EXIT_OK);
    assert_int_equal(opt.cipher_suite_count, 2);
    assert_int_equal(opt.cipher_suites[0], 0x1303);
    assert_int_equal(opt.cipher_suites[1], 0x1302);
    assert_int_equal(opt.group_count, 2);
    assert_int_equal(opt.groups[0], 0x0018);
    assert_int_equal(opt.groups[1], 0x001d);
    assert_int_equal(opt.alpn_count, 2);
    assert_string_equal(opt.alpn[0], "h2");
    assert_string_equal(opt.alpn[1], "http/1.1");
    /* the last --groups wins, it does not append */
    assert_int_equal(parse("h", "--groups", "x25519", "--groups", "secp256r1", NULL),
                     CONNECT_EXIT_OK);
    assert_int_equal(opt.group_count, 1);
    assert_int_equal(opt.groups[0], 0x0017);
}

static void bad_lists(void **state)
{
    (void)state;
    const char *bad[][2] = {
        {"--ciphers", "TLS_AES_128_GCM_SHA999"},          /* unknown */
        {"--ciphers", "TLS_AES_128_CCM_SHA256"},          /* IANA, not implemented */
        {"--ciphers", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"}, /* TLS 1.2 */
        {"--ciphers", "TLS_AES_128_GCM_SHA256,"},         /* empty item */
        {"--ciphers", ",TLS_AES_128_GCM_SHA256"},
        {"--ciphers", "TLS_AES_128_GCM_SHA256,TLS_AES_128_GCM_SHA256"}, /* repeated */
        {"--groups", "x448"},
        {"--groups", "ffdhe2048"},
        {"--groups", "X25519"},                           /* names are case-sensitive */
        {"--groups", ""},
        {"--groups", "x25519,,secp256r1"},
        {"--alpn", "a,b,c,d,e"},                          /* at most TLS_MAX_ALPN */
        {"--alpn", "12345678901234567890123456789012345678901234567890123456789012345"},
        {"--cafile", ""},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        err[0] = '\0';
        if (parse("h", bad[i][0], bad[i][1], NULL) != CONNECT_EXIT_USAGE) {
            fail_msg("%s %s accepted", bad[i][0], bad[i][1]);
        }
        assert_non_null(strstr(err, bad[i][0]));
        assert_null(strchr(err, '\n'));
    }
}

static void flags_and_files(void **state)
{
    (void)state;
    assert_int_equal(parse("--insecure", "--explain", "--key-update", "--keylog", "k.txt",
                           "--trace=t.txt", "--sess-out", "s1", "--sess-in", "s0",
                           "--early-data", "e.bin", "--cafile", "ca.pem", "host:1", NULL),
                     CONNECT_EXIT_OK);
    assert_true(opt.insecure);
    assert_true(opt.explain);
    assert_true(opt.key_update);
    assert_string_equal(opt.keylog, "k.txt");
    assert_string_equal(opt.trace, "t.txt");
    assert_string_equal(opt.sess_out, "s1");
    assert_string_equal(opt.sess_in, "s0");
    assert_string_equal(opt.early_data, "e.bin");
    assert_string_equal(opt.cafile, "ca.pem");
    assert_int_equal(parse("--help", NULL), CONNECT_EXIT_OK); /* --help needs no HOST */
    assert_true(opt.help);
    assert_int_equal(parse("h", "--bogus", NULL), CONNECT_EXIT_USAGE);
    assert_non_null(strstr(err, "--bogus"));
    assert_int_equal(parse("h", "--keylog", NULL), CONNECT_EXIT_USAGE); /* value missing */
    assert_int_equal(parse("h", "--insecure=yes", NULL), CONNECT_EXIT_USAGE);
    assert_int_equal(parse("h", "--early-data", "e", NULL), CONNECT_EXIT_USAGE); /* no ticket */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(defaults),
        cmocka_unit_test(host_and_port_forms),
        cmocka_unit_test(bad_targets),
        cmocka_unit_test(lists),
        cmocka_unit_test(bad_lists),
        cmocka_unit_test(flags_and_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
