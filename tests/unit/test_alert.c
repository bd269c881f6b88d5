/*
 * test_alert.c — the Alert protocol (src/record/alert.c; RFC 8446 §5.1, §6, §6.1, §6.2).
 *
 * Checklist rows: ALR-01 (alert record length != 2), ALR-02 (every alert other than
 * close_notify/user_canceled is an error, whatever its level), DOS-02 (user_canceled bounded).
 * Writing: plaintext alert bytes, and a protected close_notify equal to RFC 8448 §3's.
 */
#include "support/testutil.h"

#include <string.h>

#include "common/error.h"
#include "common/names.h"
#include "record/alert.h"
#include "support/record_vectors.h"

static void parse_requires_exactly_two_bytes(void **state)
{
    (void)state;
    const uint8_t bytes[4] = {0x02, 0x28, 0x02, 0x28};
    /* ALR-01: one byte (a fragmented alert), three, and two coalesced alerts (four). */
    const size_t bad_lengths[] = {0, 1, 3, 4};
    for (size_t i = 0; i < 4; i++) {
        struct tls_alert alert;
        struct tls_error err = {0};
        assert_int_equal(tls_alert_parse(bytes, bad_lengths[i], &alert, &err),
                         TLS_E_ALERT(TLS_ALERT_decode_error));
        assert_non_null(strstr(err.reason, "§5.1"));
    }
    struct tls_alert alert;
    assert_int_equal(tls_alert_parse(bytes, 2, &alert, NULL), TLS_OK);
    assert_int_equal(alert.level, TLS_ALERT_LEVEL_fatal);
    assert_int_equal(alert.description, TLS_ALERT_handshake_failure);
}

static void close_notify_closes_at_any_level(void **state)
{
    (void)state;
    for (uint8_t level = 0; level < 4; level++) {
        const uint8_t bytes[2] = {level, TLS_ALERT_close_notify};
        struct tls_alert alert;
        enum tls_alert_action action = TLS_ALERT_ACTION_ignore;
        unsigned canceled = 0;
        assert_int_equal(tls_alert_process(bytes, 2, &canceled, &alert, &action, NULL), TLS_OK);
        assert_int_equal(action, TLS_ALERT_ACTION_closed);
        assert_int_equal(canceled, 0);
    }
}

static void user_canceled_ignored_four_times(void **state)
{
    (void)state;
    /* DOS-02: accept four, the fifth ends the connection with unexpected_message. */
    const uint8_t bytes[2] = {TLS_ALERT_LEVEL_warning, TLS_ALERT_user_canceled};
    unsigned canceled = 0;
    for (unsigned i = 0; i < TLS_MAX_USER_CANCELED_ALERTS; i++) {
        struct tls_alert alert;
        enum tls_alert_action action = TLS_ALERT_ACTION_closed;
        assert_int_equal(tls_alert_process(bytes, 2, &canceled, &alert, &action, NULL), TLS_OK);
        assert_int_equal(action, TLS_ALERT_ACTION_ignore);
    }
    assert_int_equal(canceled, 4);
    struct tls_alert alert;
    enum tls_alert_action action;
    struct tls_error err = {0};
    assert_int_equal(tls_alert_process(bytes, 2, &canceled, &alert, &action, &err),
                     TLS_E_ALERT(TLS_ALERT_unexpected_message));
    assert_non_null(strstr(err.reason, "§6.1"));
}

static void every_other_alert_is_an_error(void **state)
{
    (void)state;
    /* ALR-02: every description but 0 and 90, at warning and fatal level and at levels no RFC
     * defines, is the peer's error; the code carries its description (0xfe included). */
    const uint8_t levels[] = {TLS_ALERT_LEVEL_warning, TLS_ALERT_LEVEL_fatal, 0, 0xff};
    for (size_t l = 0; l < sizeof(levels); l++) {
        for (unsigned d = 0; d < 256; d++) {
            if (d == TLS_ALERT_close_notify || d == TLS_ALERT_user_canceled) {
                continue;
            }
            const uint8_t bytes[2] = {levels[l], (uint8_t)d};
            struct tls_alert alert;
            enum tls_alert_action action;
            unsigned canceled = 0;
            struct tls_error err = {0};
            tls_result rc = tls_alert_process(bytes, 2, &canceled, &alert, &action, &err);
            assert_int_equal(rc, TLS_E_PEER_ALERT(d));
            assert_true(TLS_IS_PEER_ALERT(rc));
            assert_int_equal(tls_result_alert(rc), d);
            assert_int_equal(err.code, rc);
        }
    }
}

static void write_plaintext_alert(void **state)
{
    (void)state;
    struct tls_record_direction d;
    tls_record_direction_init(&d);
    uint8_t out[16];
    struct tls_writer w;
    tls_writer_init(&w, out, sizeof(out));
    assert_int_equal(tls_alert_write(&d, TLS_ALERT_LEVEL_fatal, TLS_ALERT_handshake_failure, &w,
                                     NULL),
                     TLS_OK);
    /* RFC 8446 §5.1 TLSPlaintext: type alert(21), 0x0303, length 2, Alert{fatal(2), 40}. */
    const uint8_t want[] = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28};
    assert_bytes_equal(out, w.len, want, sizeof(want),
                       "RFC 8446 §5.1/§6: plaintext fatal handshake_failure alert record");
}

static void write_for_result_maps_codes(void **state)
{
    (void)state;
    struct tls_record_direction d;
    tls_record_direction_init(&d);
    uint8_t out[32];
    struct tls_writer w;

    tls_writer_init(&w, out, sizeof(out));
    assert_int_equal(tls_alert_write_for_result(&d, TLS_E_ALERT(TLS_ALERT_decode_error), &w,
                                                NULL),
                     TLS_OK);
    const uint8_t decode_error[] = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 50};
    assert_bytes_equal(out, w.len, decode_error, sizeof(decode_error),
                       "RFC 8446 §6.2: fatal decode_error(50)");

    tls_writer_init(&w, out, sizeof(out));
    assert_int_equal(tls_alert_write_for_result(&d, TLS_E_INTERNAL, &w, NULL), TLS_OK);
    const uint8_t internal[] = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 80};
    assert_bytes_equal(out, w.len, internal, sizeof(internal),
                       "RFC 8446 §6.2: fatal internal_error(80)");

    /* The peer's own alert, or success: nothing to send. */
    tls_writer_init(&w, out, sizeof(out));
    assert_int_equal(tls_alert_write_for_result(&d, TLS_E_PEER_ALERT(40), &w, NULL), TLS_OK);
    assert_int_equal(tls_alert_write_for_result(&d, TLS_OK, &w, NULL), TLS_OK);
    assert_int_equal(w.len, 0);

    /* A writer too small: internal_error, reported, not a crash. */
    tls_writer_init(&w, out, 3);
    assert_int_equal(tls_alert_write_for_result(&d, TLS_E_ALERT(TLS_ALERT_decode_error), &w,
                                                NULL),
                     TLS_E_INTERNAL);
}

static void write_protected_close_notify_matches_rfc8448(void **state)
{
    (void)state;
    /* RFC 8448 §3: after one application data record (seq 0) the client sends close_notify
     * under its application traffic key with sequence number 1. */
    struct tls_traffic_keys keys;
    record_vector_keys(RFC8448_S3, "{client}  derive write traffic keys for application data",
                       &keys);
    struct record_vector payload, record;
    record_vector_load(RFC8448_S3, "{client}  send alert record", "payload", 0, &payload);
    record_vector_load(RFC8448_S3, "{client}  send alert record", "complete record", 0, &record);

    struct tls_record_direction d;
    tls_record_direction_init(&d);
    tls_record_direction_install_keys(&d, &keys, NULL);
    d.seq = 1;
    uint8_t out[64];
    struct tls_writer w;
    tls_writer_init(&w, out, sizeof(out));
    assert_int_equal(tls_alert_write(&d, payload.bytes[0], payload.bytes[1], &w, NULL), TLS_OK);
    assert_bytes_equal(out, w.len, record.bytes, record.len, record.what);
    assert_int_equal(d.seq, 2);
    tls_record_direction_wipe(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parse_requires_exactly_two_bytes),
        cmocka_unit_test(close_notify_closes_at_any_level),
        cmocka_unit_test(user_canceled_ignored_four_times),
        cmocka_unit_test(every_other_alert_is_an_error),
        cmocka_unit_test(write_plaintext_alert),
        cmocka_unit_test(write_for_result_maps_codes),
        cmocka_unit_test(write_protected_close_notify_matches_rfc8448),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
