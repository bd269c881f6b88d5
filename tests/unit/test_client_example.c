/*
 * test_client_example.c — the example at the top of src/handshake/client.h, compiled as it is
 * written there (tests/CMakeLists.txt cuts it out of the header into client_example.inc) and
 * run: against a transport that sends the ClientHello and then reads end-of-file, it must send
 * exactly one ClientHello record (RFC 8446 §5.1, §4.1.2) and report failure.
 */
#include "support/testutil.h"

#include <stdlib.h>
#include <string.h>

#include "crypto/rng.h"
#include "handshake/client.h"

#include "client_example.inc"

struct recorded {
    uint8_t sent[4096];
    size_t sent_len;
    unsigned sends, recvs;
};

static int record_send(void *io, const uint8_t *p, size_t n)
{
    struct recorded *r = io;
    r->sends++;
    if (n > sizeof(r->sent) - r->sent_len) {
        return -1;
    }
    memcpy(r->sent + r->sent_len, p, n);
    r->sent_len += n;
    return 0;
}

static uint64_t fixed_clock(void *io)
{
    (void)io;
    return 1000; /* no ticket is offered: any time will do */
}

static long end_of_file(void *io, uint8_t *p, size_t cap)
{
    (void)p;
    (void)cap;
    ((struct recorded *)io)->recvs++;
    return 0;
}

static void example_sends_client_hello_then_stops_at_eof(void **state)
{
    (void)state;
    struct tls_drbg *drbg = NULL;
    assert_int_equal(tls_drbg_create_deterministic(&drbg, (const uint8_t *)"example", 7, NULL),
                     TLS_OK);
    struct tls_client_config config = {0};
    config.insecure = true;
    config.server_name = "example.com";
    config.rng = tls_drbg_rng(drbg);
    static struct recorded r;
    const struct transport t = {record_send, end_of_file, fixed_clock, &r};
    struct tls_client *c = malloc(tls_client_size());
    assert_non_null(c);
    assert_int_equal(handshake(c, &config, &t), -1);
    /* one send (the ClientHello record), then one read that found the end of the stream */
    assert_int_equal(r.sends, 1);
    assert_int_equal(r.recvs, 1);
    /* RFC 8446 §5.1: handshake(22), legacy_record_version 0x0301 for the first ClientHello,
     * then §4: msg_type client_hello(1) */
    assert_true(r.sent_len > 9);
    assert_int_equal(r.sent[0], 22);
    assert_int_equal(r.sent[1], 0x03);
    assert_int_equal(r.sent[2], 0x01);
    assert_int_equal((size_t)(r.sent[3] << 8 | r.sent[4]) + 5, r.sent_len);
    assert_int_equal(r.sent[5], 1);
    assert_int_equal(tls_client_state(c), TLS_CLIENT_WAIT_SH);
    tls_client_wipe(c);
    free(c);
    tls_drbg_free(drbg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(example_sends_client_hello_then_stops_at_eof),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
