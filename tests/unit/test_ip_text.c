/*
 * test_ip_text.c — IP address literals to bytes (src/common/ip_text.c), the parser the name
 * check uses for RFC 9525 §6.4 IP-IDs. The oracle is the C library's inet_pton (POSIX), which the
 * core may not include but a test may: every case below must give what inet_pton gives.
 */
#define _POSIX_C_SOURCE 200809L

#include "support/testutil.h"

#include <arpa/inet.h>
#include <string.h>

#include "common/ip_text.h"

/* ours and inet_pton agree on text: the same verdict and, when valid, the same bytes. */
static void agrees(const char *text)
{
    uint8_t ours[16], theirs[16];
    size_t len = 0;
    bool ok = tls_ip_from_text(text, ours, &len);
    bool v4 = inet_pton(AF_INET, text, theirs) == 1;
    bool v6 = !v4 && inet_pton(AF_INET6, text, theirs) == 1;
    if (ok != (v4 || v6) || (ok && len != (v4 ? 4u : 16u)) || (ok && memcmp(ours, theirs, len) != 0)) {
        fail_msg("'%s': ours %s (%zu bytes), inet_pton %s", text, ok ? "valid" : "invalid", len,
                 v4 ? "IPv4" : v6 ? "IPv6" : "invalid");
    }
}

static void valid_forms(void **state)
{
    (void)state;
    static const char *const cases[] = {
        "0.0.0.0", "127.0.0.1", "255.255.255.255", "192.0.2.33", "::", "::1", "1::", "2001:db8::7",
        "2001:DB8:0:0:8:800:200C:417A", "fe80::1:2:3:4", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::",
        "::2:3:4:5:6:7:8", "::ffff:192.0.2.1", "64:ff9b::198.51.100.7", "1:2:3:4:5:6:1.2.3.4",
        "abcd:ef01:2345:6789:abcd:ef01:2345:6789",
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        uint8_t out[16];
        size_t len = 0;
        if (!tls_ip_from_text(cases[i], out, &len)) {
            fail_msg("'%s' refused", cases[i]);
        }
        agrees(cases[i]);
    }
}

static void invalid_forms(void **state)
{
    (void)state;
    static const char *const cases[] = {
        "", ".", "1.2.3", "1.2.3.4.5", "256.0.0.1", "01.2.3.4", "1.2.3.04", "1.2.3.4.", " 1.2.3.4",
        "1.2.3.4 ", "1..2.3", "1.2.3.-4", "1234.1.1.1", "example.com", "localhost", ":", ":::",
        "1:2", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8::", "::1::", "1::2::3", "12345::", "g::1",
        ":1::", "1::2:", "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3", "::1.2.3.4.5", "::256.1.1.1",
        "1.2.3.4::", "[::1]", "fe80::1%eth0", "1:2:3:4:5:6:7",
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        uint8_t out[16];
        size_t len = 0;
        if (tls_ip_from_text(cases[i], out, &len)) {
            fail_msg("'%s' accepted as %zu bytes", cases[i], len);
        }
        agrees(cases[i]);
    }
}

/* Every 1..3-character and many 4..6-character strings over the literal alphabet: same verdicts. */
static void agrees_on_every_short_string(void **state)
{
    (void)state;
    static const char alphabet[] = "0123456789af:.";
    const size_t k = sizeof(alphabet) - 1;
    char text[8];
    for (size_t len = 1; len <= 5; len++) {
        size_t total = 1;
        for (size_t i = 0; i < len; i++) {
            total *= k;
        }
        size_t step = len <= 4 ? 1 : 7; /* length 5: every 7th of 537824 */
        for (size_t n = 0; n < total; n += step) {
            size_t v = n;
            for (size_t i = 0; i < len; i++) {
                text[i] = alphabet[v % k];
                v /= k;
            }
            text[len] = '\0';
            agrees(text);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(valid_forms),
        cmocka_unit_test(invalid_forms),
        cmocka_unit_test(agrees_on_every_short_string),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
