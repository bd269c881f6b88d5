/*
 * test_ccs.c — the compatibility ChangeCipherSpec rules (RFC 8446 §5, Appendix D.4) in
 * tls_record_unprotect() (src/record/protect.c).
 *
 * RFC 8446 §5: a plaintext change_cipher_spec record "consisting of the single byte value 0x01"
 * received after the first ClientHello and before the peer's Finished "MUST simply drop it";
 * any other value, a protected one, or one outside that window -> unexpected_message.
 * Checklist rows CCS-01..04 and REC-10.
 */
#include "support/testutil.h"

#include <string.h>

#include "common/error.h"
#include "common/names.h"
#include "record/protect.h"
#include "record/reassembly.h"
#include "record/record.h"
#include "support/record_vectors.h"

#define SERVER_HS "{server}  derive write traffic keys for handshake data"

static tls_result receive(struct tls_record_rx *rx, const uint8_t *bytes, size_t len,
                          struct tls_plaintext *pt, struct tls_error *err)
{
    static uint8_t copy[TLS_MAX_RECORD_LEN];
    memcpy(copy, bytes, len);
    struct tls_record rec;
    size_t need;
    TRY(tls_record_deframe(copy, len, rx->dir.is_protected, &rec, &need, err));
    assert_int_equal(need, 0);
    return tls_record_unprotect(rx, &rec, copy + TLS_RECORD_HEADER_LEN,
                                len - TLS_RECORD_HEADER_LEN, pt, err);
}

static const uint8_t ccs[] = {0x14, 0x03, 0x03, 0x00, 0x01, 0x01};

static void protected_rx(struct tls_record_rx *rx)
{
    struct tls_traffic_keys keys;
    record_vector_keys(RFC8448_S3, SERVER_HS, &keys);
    tls_record_rx_init(rx);
    tls_record_direction_install_keys(&rx->dir, &keys, NULL);
}

static void ccs_dropped_while_allowed(void **state)
{
    (void)state;
    /* After our ClientHello: before the ServerHello (plaintext direction, e.g. after an HRR)
     * and after it (handshake keys installed: recognized before any decryption). */
    for (int prot = 0; prot <= 1; prot++) {
        struct tls_record_rx rx;
        if (prot) {
            protected_rx(&rx);
        } else {
            tls_record_rx_init(&rx);
        }
        rx.ccs_allowed = true;
        struct tls_plaintext pt;
        assert_int_equal(receive(&rx, ccs, sizeof(ccs), &pt, NULL), TLS_OK);
        assert_true(pt.dropped);
        assert_int_equal(pt.type, TLS_CT_change_cipher_spec);
        assert_int_equal(pt.length, 0);
        assert_null(pt.content);
        /* Not a protected record: the sequence number is untouched. */
        assert_int_equal(rx.dir.seq, 0);
        assert_int_equal(rx.ccs_count, 1);
        tls_record_direction_wipe(&rx.dir);
    }
}

static void ccs_with_other_body_rejected(void **state)
{
    (void)state;
    /* CCS-01: 0x02, 01 01, empty, 0x00. */
    const uint8_t bodies[][2] = {{0x02, 0}, {0x01, 0x01}, {0, 0}, {0x00, 0}};
    const size_t lens[] = {1, 2, 0, 1};
    for (size_t i = 0; i < 4; i++) {
        uint8_t rec[7] = {0x14, 0x03, 0x03, 0x00, (uint8_t)lens[i]};
        memcpy(rec + 5, bodies[i], lens[i]);
        for (int prot = 0; prot <= 1; prot++) {
            struct tls_record_rx rx;
            if (prot) {
                protected_rx(&rx);
            } else {
                tls_record_rx_init(&rx);
            }
            rx.ccs_allowed = true;
            struct tls_plaintext pt;
            struct tls_error err = {0};
            assert_int_equal(receive(&rx, rec, 5 + lens[i], &pt, &err),
                             TLS_E_ALERT(TLS_ALERT_unexpected_message));
            assert_non_null(strstr(err.reason, "0x01"));
            assert_false(pt.dropped);
            tls_record_direction_wipe(&rx.dir);
        }
    }
}

static void ccs_outside_window_rejected(void **state)
{
    (void)state;
    /* Before our first ClientHello (rx just initialized), and CCS-03: after the peer's Finished,
     * when the handshake has cleared ccs_allowed. */
    struct tls_record_rx rx;
    tls_record_rx_init(&rx);
    struct tls_plaintext pt;
    struct tls_error err = {0};
    assert_int_equal(receive(&rx, ccs, sizeof(ccs), &pt, &err),
                     TLS_E_ALERT(TLS_ALERT_unexpected_message));
    assert_non_null(strstr(err.reason, "Finished"));

    protected_rx(&rx);
    rx.ccs_allowed = true;
    assert_int_equal(receive(&rx, ccs, sizeof(ccs), &pt, NULL), TLS_OK);
    rx.ccs_allowed = false; /* the server Finished was received */
    struct tls_error err2 = {0};
    assert_int_equal(receive(&rx, ccs, sizeof(ccs), &pt, &err2),
                     TLS_E_ALERT(TLS_ALERT_unexpected_message));
    tls_record_direction_wipe(&rx.dir);
}

static void protected_ccs_rejected(void **state)
{
    (void)state;
    /* CCS-02: a CCS inside a protected record (inner type 20), even with the valid body and
     * while a plaintext one would be dropped. */
    struct tls_record_rx rx;
    protected_rx(&rx);
    rx.ccs_allowed = true;
    static uint8_t rec[64];
    const uint8_t inner[] = {0x01, TLS_CT_change_cipher_spec};
    size_t n = record_seal_raw(&rx.dir.keys, 0, inner, sizeof(inner), rec, sizeof(rec));
    struct tls_plaintext pt;
    struct tls_error err = {0};
    assert_int_equal(receive(&rx, rec, n, &pt, &err), TLS_E_ALERT(TLS_ALERT_unexpected_message));
    assert_non_null(strstr(err.reason, "protected change_cipher_spec"));
    assert_false(pt.dropped);
    tls_record_direction_wipe(&rx.dir);
}

static void ccs_flood_bounded(void **state)
{
    (void)state;
    /* CCS-04: 32 are dropped, the 33rd is unexpected_message (DIV-8, BoringSSL's bound). */
    struct tls_record_rx rx;
    protected_rx(&rx);
    rx.ccs_allowed = true;
    struct tls_plaintext pt;
    for (unsigned i = 0; i < TLS_MAX_CCS_RECORDS; i++) {
        assert_int_equal(receive(&rx, ccs, sizeof(ccs), &pt, NULL), TLS_OK);
        assert_true(pt.dropped);
    }
    struct tls_error err = {0};
    assert_int_equal(receive(&rx, ccs, sizeof(ccs), &pt, &err),
                     TLS_E_ALERT(TLS_ALERT_unexpected_message));
    assert_non_null(strstr(err.reason, "too many"));
    tls_record_direction_wipe(&rx.dir);
}

static void ccs_inside_fragmented_message(void **state)
{
    (void)state;
    /* REC-10: a dropped CCS between two fragments of one handshake message is still "another
     * record type" (§5.1 overrides the §5 drop rule): the handshake, which owns the reassembly,
     * applies tls_reassembly_check_boundary() to every non-handshake record, dropped or not. */
    static struct tls_reassembly ra;
    tls_reassembly_reset(&ra);
    const uint8_t first_half[] = {TLS_HT_encrypted_extensions, 0x00, 0x00, 0x02, 0x00};
    assert_int_equal(tls_reassembly_add(&ra, first_half, sizeof(first_half), NULL), TLS_OK);

    struct tls_record_rx rx;
    tls_record_rx_init(&rx);
    rx.ccs_allowed = true;
    struct tls_plaintext pt;
    assert_int_equal(receive(&rx, ccs, sizeof(ccs), &pt, NULL), TLS_OK);
    assert_true(pt.dropped);
    struct tls_error err = {0};
    assert_int_equal(tls_reassembly_check_boundary(&ra, TLS_REASSEMBLY_INTERLEAVE_REASON, &err),
                     TLS_E_ALERT(TLS_ALERT_unexpected_message));
    assert_string_equal(err.reason, TLS_REASSEMBLY_INTERLEAVE_REASON);
}

static void ccs_written_in_plaintext(void **state)
{
    (void)state;
    /* RFC 8448 §7 line 3595: the client's compatibility CCS, sent after its handshake keys
     * exist; written in plaintext whatever the direction's state, no sequence number used. */
    struct record_vector payload, record;
    record_vector_load(RFC8448_S7, "{client}  send change_cipher_spec record", "payload", 0,
                       &payload);
    record_vector_load(RFC8448_S7, "{client}  send change_cipher_spec record", "complete record",
                       0, &record);
    for (int prot = 0; prot <= 1; prot++) {
        struct tls_record_rx rx;
        if (prot) {
            protected_rx(&rx);
        } else {
            tls_record_rx_init(&rx);
        }
        rx.dir.legacy_record_version = 0x0301; /* as for an initial ClientHello: not for a CCS */
        uint8_t out[16];
        struct tls_writer w;
        tls_writer_init(&w, out, sizeof(out));
        assert_int_equal(tls_record_write(&rx.dir, TLS_CT_change_cipher_spec, payload.bytes,
                                          payload.len, 0, &w, NULL),
                         TLS_OK);
        assert_bytes_equal(out, w.len, record.bytes, record.len, record.what);
        assert_int_equal(rx.dir.seq, 0);
        tls_record_direction_wipe(&rx.dir);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ccs_dropped_while_allowed),
        cmocka_unit_test(ccs_with_other_body_rejected),
        cmocka_unit_test(ccs_outside_window_rejected),
        cmocka_unit_test(protected_ccs_rejected),
        cmocka_unit_test(ccs_flood_bounded),
        cmocka_unit_test(ccs_inside_fragmented_message),
        cmocka_unit_test(ccs_written_in_plaintext),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
