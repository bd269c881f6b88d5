/*
 * test_transcript.c — the transcript hash (RFC 8446 §4.4.1, src/handshake/transcript.c).
 *
 * For each RFC 8448 section, the section's handshake messages (tests/unit/support/
 * handshake_rfc8448_msgs.c) are added one by one to a transcript, and at the points where RFC
 * 8448 derives a secret, the running hash must equal the "hash" input RFC 8448 prints for that
 * Derive-Secret step. §5 exercises the HelloRetryRequest rule: ClientHello1 is replaced by
 * message_hash before the HelloRetryRequest is added.
 */
#include "support/testutil.h"

#include <stdio.h>
#include <string.h>

#include "handshake/transcript.h"
#include "support/handshake_rfc8448_msgs.h"

#define BIG 4096

/* Feeds section's messages to t, checking each transcript row of that section on the way.
 * Returns how many rows were checked. The hash is selected only at ServerHello/HRR, so the
 * dual-hash phase is exercised too. */
static size_t run_section(const char *section)
{
    struct tls_transcript t;
    struct tls_error err = {0};
    size_t fed = 0, checked = 0;
    assert_int_equal(tls_transcript_init(&t, &err), TLS_OK);
    for (size_t i = 0; i < hs_msg_rows_count; i++) {
        const struct hs_msg_row *m = &hs_msg_rows[i];
        static uint8_t msg[BIG];
        if (strcmp(m->section, section) != 0 || strcmp(m->name, "NewSessionTicket") == 0) {
            continue; /* NST is post-handshake: not part of the handshake transcript */
        }
        size_t n = test_hex(m->hex, msg, sizeof(msg));
        /* §5: the message after ClientHello1 is the HelloRetryRequest. As a client does: learn
         * the hash from its cipher_suite, then (RFC 8446 §4.4.1) replace ClientHello1 with
         * message_hash before adding the HelloRetryRequest. */
        if (strcmp(section, "5") == 0 && fed == 1) {
            assert_int_equal(tls_transcript_select(&t, TLS_HASH_SHA256, &err), TLS_OK);
            assert_int_equal(tls_transcript_replace_client_hello1(&t, &err), TLS_OK);
        }
        assert_int_equal(tls_transcript_add(&t, msg, n, &err), TLS_OK);
        fed++;
        /* The hash is known from the ServerHello (RFC 8448 uses TLS_AES_128_GCM_SHA256). */
        if (strcmp(m->name, "ServerHello") == 0 && t.alg == TLS_HASH_NONE) {
            assert_int_equal(tls_transcript_select(&t, TLS_HASH_SHA256, &err), TLS_OK);
        }
        for (size_t j = 0; j < transcript_rows_count; j++) {
            const struct transcript_row *row = &transcript_rows[j];
            if (strcmp(row->section, section) != 0 || (size_t)row->messages != fed) {
                continue;
            }
            uint8_t want[TLS_MAX_HASH_LEN], got[TLS_MAX_HASH_LEN];
            size_t want_len = test_hex(row->hex, want, sizeof(want)), got_len;
            char what[256];
            snprintf(what, sizeof(what), "RFC 8448 §%s line %d: hash input of %s", row->section,
                     row->line, row->step);
            if (t.alg == TLS_HASH_NONE) {
                /* Before ServerHello (§4's client_early_traffic_secret): read the SHA-256 side. */
                assert_int_equal(tls_transcript_peek_with(&t, TLS_HASH_SHA256, NULL, 0, got, &got_len,
                                                          &err), TLS_OK);
            } else {
                assert_int_equal(tls_transcript_peek(&t, got, &got_len, &err), TLS_OK);
            }
            assert_bytes_equal(got, got_len, want, want_len, what);
            checked++;
        }
    }
    tls_transcript_wipe(&t);
    return checked;
}

static void section3_simple_1rtt(void **state)
{
    (void)state;
    assert_int_equal(run_section("3"), 3); /* c hs traffic, c ap traffic, res master */
}

static void section4_resumed_0rtt(void **state)
{
    (void)state;
    assert_int_equal(run_section("4"), 4); /* c e traffic, c hs, c ap, res master */
}

static void section5_hello_retry_request(void **state)
{
    (void)state;
    assert_int_equal(run_section("5"), 3);
}

static void section6_client_authentication(void **state)
{
    (void)state;
    assert_int_equal(run_section("6"), 3);
}

static void section7_compatibility_mode(void **state)
{
    (void)state;
    assert_int_equal(run_section("7"), 3);
}

/* The message_hash construction itself: RFC 8446 §4.4.1 "FE 00 00 20 || Hash(ClientHello1)". */
static void message_hash_is_fe_000020_hash(void **state)
{
    (void)state;
    const uint8_t ch1[] = {0x01, 0x00, 0x00, 0x02, 0xaa, 0xbb};
    uint8_t synthetic[4 + 32] = {0xfe, 0x00, 0x00, 0x20};
    uint8_t want[32], got[TLS_MAX_HASH_LEN];
    size_t got_len;
    struct tls_transcript t;
    struct tls_error err = {0};
    assert_int_equal(tls_hash(TLS_HASH_SHA256, ch1, sizeof(ch1), synthetic + 4, NULL), TLS_OK);
    assert_int_equal(tls_hash(TLS_HASH_SHA256, synthetic, sizeof(synthetic), want, NULL), TLS_OK);
    assert_int_equal(tls_transcript_init(&t, &err), TLS_OK);
    assert_int_equal(tls_transcript_add(&t, ch1, sizeof(ch1), &err), TLS_OK);
    assert_int_equal(tls_transcript_select(&t, TLS_HASH_SHA256, &err), TLS_OK);
    assert_int_equal(tls_transcript_replace_client_hello1(&t, &err), TLS_OK);
    assert_int_equal(tls_transcript_peek(&t, got, &got_len, &err), TLS_OK);
    assert_bytes_equal(got, got_len, want, sizeof(want),
                       "RFC 8446 §4.4.1: Hash(FE 00 00 20 || Hash(ClientHello1))");
}

/* Both hashes run until the suite is known: a SHA-384 suite gets SHA-384 of the same bytes. */
static void dual_hash_until_selected(void **state)
{
    (void)state;
    const uint8_t m1[] = {0x01, 0x00, 0x00, 0x01, 0x42}, m2[] = {0x02, 0x00, 0x00, 0x00};
    uint8_t both[sizeof(m1) + sizeof(m2)], want[48], got[48];
    size_t got_len;
    struct tls_transcript t;
    struct tls_error err = {0};
    memcpy(both, m1, sizeof(m1));
    memcpy(both + sizeof(m1), m2, sizeof(m2));
    assert_int_equal(tls_hash(TLS_HASH_SHA384, both, sizeof(both), want, NULL), TLS_OK);
    assert_int_equal(tls_transcript_init(&t, &err), TLS_OK);
    assert_int_equal(tls_transcript_add(&t, m1, sizeof(m1), &err), TLS_OK);
    assert_int_equal(tls_transcript_add(&t, m2, sizeof(m2), &err), TLS_OK);
    /* Reading before select is a bug in the caller, reported as internal_error. */
    assert_int_equal(tls_transcript_peek(&t, got, &got_len, &err), TLS_E_INTERNAL);
    err = (struct tls_error){0};
    assert_int_equal(tls_transcript_select(&t, TLS_HASH_SHA384, &err), TLS_OK);
    assert_int_equal(tls_transcript_peek(&t, got, &got_len, &err), TLS_OK);
    assert_bytes_equal(got, got_len, want, sizeof(want), "SHA-384 of the two messages (FIPS 180-4)");
    /* The dropped hash can no longer be read or re-selected. */
    assert_int_equal(tls_transcript_select(&t, TLS_HASH_SHA256, &err), TLS_E_INTERNAL);
    tls_transcript_wipe(&t);
}

/* peek_with hashes extra bytes without adding them (PSK binder over Truncate(ClientHello)). */
static void peek_with_does_not_add(void **state)
{
    (void)state;
    const uint8_t a[] = {1, 2, 3}, b[] = {4, 5};
    uint8_t ab[] = {1, 2, 3, 4, 5}, want_ab[32], want_a[32], got[32];
    size_t got_len;
    struct tls_transcript t;
    struct tls_error err = {0};
    assert_int_equal(tls_hash(TLS_HASH_SHA256, ab, sizeof(ab), want_ab, NULL), TLS_OK);
    assert_int_equal(tls_hash(TLS_HASH_SHA256, a, sizeof(a), want_a, NULL), TLS_OK);
    assert_int_equal(tls_transcript_init(&t, &err), TLS_OK);
    assert_int_equal(tls_transcript_add(&t, a, sizeof(a), &err), TLS_OK);
    assert_int_equal(tls_transcript_peek_with(&t, TLS_HASH_SHA256, b, sizeof(b), got, &got_len, &err),
                     TLS_OK);
    assert_bytes_equal(got, got_len, want_ab, sizeof(want_ab), "SHA-256(01 02 03 04 05)");
    assert_int_equal(tls_transcript_peek_with(&t, TLS_HASH_SHA256, NULL, 0, got, &got_len, &err),
                     TLS_OK);
    assert_bytes_equal(got, got_len, want_a, sizeof(want_a), "SHA-256(01 02 03): extra not added");
    tls_transcript_wipe(&t);
}

/* replace_client_hello1 needs exactly one message and a selected hash. */
static void replace_client_hello1_misuse_is_internal_error(void **state)
{
    (void)state;
    const uint8_t m[] = {0x01, 0x00, 0x00, 0x00};
    struct tls_transcript t;
    struct tls_error err = {0};
    assert_int_equal(tls_transcript_init(&t, &err), TLS_OK);
    assert_int_equal(tls_transcript_add(&t, m, sizeof(m), &err), TLS_OK);
    assert_int_equal(tls_transcript_replace_client_hello1(&t, &err), TLS_E_INTERNAL); /* no hash */
    err = (struct tls_error){0};
    assert_int_equal(tls_transcript_select(&t, TLS_HASH_SHA256, &err), TLS_OK);
    assert_int_equal(tls_transcript_add(&t, m, sizeof(m), &err), TLS_OK);
    assert_int_equal(tls_transcript_replace_client_hello1(&t, &err), TLS_E_INTERNAL); /* 2 msgs */
    assert_non_null(err.reason);
    tls_transcript_wipe(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(section3_simple_1rtt),
        cmocka_unit_test(section4_resumed_0rtt),
        cmocka_unit_test(section5_hello_retry_request),
        cmocka_unit_test(section6_client_authentication),
        cmocka_unit_test(section7_compatibility_mode),
        cmocka_unit_test(message_hash_is_fe_000020_hash),
        cmocka_unit_test(dual_hash_until_selected),
        cmocka_unit_test(peek_with_does_not_add),
        cmocka_unit_test(replace_client_hello1_misuse_is_internal_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
