/*
 * test_record.c — record framing (src/record/record.c; RFC 8446 §5, §5.1, §5.2).
 *
 * The same byte stream delivered in one piece, one byte at a time, and cut in two at every
 * position must give the same records; header limits must fail from the header alone, before
 * the body arrives (REC-01, REC-02); unknown content types fail (REC-07).
 */
#include "support/testutil.h"

#include <string.h>

#include "common/error.h"
#include "common/names.h"
#include "record/record.h"
#include "support/record_vectors.h"

/* ---- a stream of records and a receiver that takes it in pieces ---------------------------- */

#define STREAM_MAX 2048
#define RECORDS_MAX 8

struct seen_record {
    uint8_t type;
    uint16_t version;
    size_t offset; /* where in the stream the record began */
    size_t total_len;
};

struct receiver {
    uint8_t buf[STREAM_MAX]; /* bytes received and not yet consumed */
    size_t len;
    size_t consumed_total;
    struct seen_record seen[RECORDS_MAX];
    size_t count;
};

/* Feeds n bytes; deframes as many whole records as are buffered; checks each view. */
static void receiver_feed(struct receiver *rx, const uint8_t *stream, const uint8_t *p, size_t n)
{
    memcpy(rx->buf + rx->len, p, n);
    rx->len += n;
    for (;;) {
        struct tls_record rec;
        size_t need;
        struct tls_error err = {0};
        assert_int_equal(tls_record_deframe(rx->buf, rx->len, true, &rec, &need, &err), TLS_OK);
        if (need > 0) {
            /* Exact once the header is there, the missing header bytes before. */
            if (rx->len >= TLS_RECORD_HEADER_LEN) {
                size_t total = TLS_RECORD_HEADER_LEN + ((size_t)rx->buf[3] << 8 | rx->buf[4]);
                assert_int_equal(need, total - rx->len);
            } else {
                assert_int_equal(need, TLS_RECORD_HEADER_LEN - rx->len);
            }
            assert_int_equal(rec.total_len, 0);
            assert_null(rec.fragment);
            return;
        }
        /* The views point into the receiver's bytes, which equal the stream's at that offset. */
        assert_ptr_equal(rec.header, rx->buf);
        assert_ptr_equal(rec.fragment, rx->buf + TLS_RECORD_HEADER_LEN);
        assert_int_equal(rec.total_len, TLS_RECORD_HEADER_LEN + rec.length);
        assert_memory_equal(rec.header, stream + rx->consumed_total, rec.total_len);
        assert_true(rx->count < RECORDS_MAX);
        rx->seen[rx->count++] = (struct seen_record){rec.type, rec.legacy_record_version,
                                                     rx->consumed_total, rec.total_len};
        memmove(rx->buf, rx->buf + rec.total_len, rx->len - rec.total_len);
        rx->len -= rec.total_len;
        rx->consumed_total += rec.total_len;
    }
}

/* The records of RFC 8448 §3 the server sends, in order, with a compatibility CCS inserted. */
static size_t build_stream(uint8_t *stream)
{
    struct record_vector sh, flight, ticket;
    record_vector_load(RFC8448_S3, "{server}  send handshake record", "complete record", 0, &sh);
    record_vector_load(RFC8448_S3, "{server}  send handshake record", "complete record", 1,
                       &flight);
    record_vector_load(RFC8448_S3, "{server}  send handshake record", "complete record", 2,
                       &ticket);
    static const uint8_t ccs[] = {0x14, 0x03, 0x03, 0x00, 0x01, 0x01};
    size_t n = 0;
    memcpy(stream + n, sh.bytes, sh.len);
    n += sh.len;
    memcpy(stream + n, ccs, sizeof(ccs));
    n += sizeof(ccs);
    memcpy(stream + n, flight.bytes, flight.len);
    n += flight.len;
    memcpy(stream + n, ticket.bytes, ticket.len);
    n += ticket.len;
    return n;
}

static void assert_same_records(const struct receiver *a, const struct receiver *b)
{
    assert_int_equal(a->count, b->count);
    for (size_t i = 0; i < a->count; i++) {
        assert_int_equal(a->seen[i].type, b->seen[i].type);
        assert_int_equal(a->seen[i].version, b->seen[i].version);
        assert_int_equal(a->seen[i].offset, b->seen[i].offset);
        assert_int_equal(a->seen[i].total_len, b->seen[i].total_len);
    }
}

static struct receiver whole, piecewise; /* large: keep them off the stack */

static void stream_in_one_piece(void **state)
{
    (void)state;
    uint8_t stream[STREAM_MAX];
    size_t n = build_stream(stream);
    memset(&whole, 0, sizeof(whole));
    receiver_feed(&whole, stream, stream, n);
    /* RFC 8448 §3 lines 354, 490, 798: ServerHello (22), then the protected flight and the
     * NewSessionTicket (outer type 23); our inserted CCS (20) between. */
    assert_int_equal(whole.count, 4);
    assert_int_equal(whole.seen[0].type, TLS_CT_handshake);
    assert_int_equal(whole.seen[0].total_len, 95);
    assert_int_equal(whole.seen[1].type, TLS_CT_change_cipher_spec);
    assert_int_equal(whole.seen[2].type, TLS_CT_application_data);
    assert_int_equal(whole.seen[2].total_len, 679);
    assert_int_equal(whole.seen[3].type, TLS_CT_application_data);
    assert_int_equal(whole.seen[3].total_len, 227);
    assert_int_equal(whole.len, 0);
    assert_int_equal(whole.consumed_total, n);
}

static void stream_one_byte_at_a_time(void **state)
{
    (void)state;
    uint8_t stream[STREAM_MAX];
    size_t n = build_stream(stream);
    memset(&whole, 0, sizeof(whole));
    receiver_feed(&whole, stream, stream, n);
    memset(&piecewise, 0, sizeof(piecewise));
    for (size_t i = 0; i < n; i++) {
        receiver_feed(&piecewise, stream, stream + i, 1);
    }
    assert_same_records(&whole, &piecewise);
    assert_int_equal(piecewise.len, 0);
}

static void stream_split_at_every_position(void **state)
{
    (void)state;
    uint8_t stream[STREAM_MAX];
    size_t n = build_stream(stream);
    memset(&whole, 0, sizeof(whole));
    receiver_feed(&whole, stream, stream, n);
    for (size_t cut = 0; cut <= n; cut++) {
        memset(&piecewise, 0, sizeof(piecewise));
        receiver_feed(&piecewise, stream, stream, cut);
        receiver_feed(&piecewise, stream, stream + cut, n - cut);
        assert_same_records(&whole, &piecewise);
        assert_int_equal(piecewise.len, 0);
    }
}

/* ---- header checks before the body -------------------------------------------------------- */

static tls_result deframe_header(uint8_t type, uint16_t length, bool read_protected,
                                 size_t *need, struct tls_error *err)
{
    const uint8_t header[TLS_RECORD_HEADER_LEN] = {type, 0x03, 0x03, (uint8_t)(length >> 8),
                                                   (uint8_t)length};
    struct tls_record rec;
    return tls_record_deframe(header, sizeof(header), read_protected, &rec, need, err);
}

static void plaintext_limit_checked_from_header(void **state)
{
    (void)state;
    size_t need;
    struct tls_error err = {0};
    /* 2^14 is the largest TLSPlaintext.length: the header alone asks for the body. */
    assert_int_equal(deframe_header(TLS_CT_handshake, 16384, false, &need, &err), TLS_OK);
    assert_int_equal(need, 16384);
    /* REC-01: 2^14 + 1 -> record_overflow with only the 5 header bytes received. */
    assert_int_equal(deframe_header(TLS_CT_handshake, 16385, false, &need, &err),
                     TLS_E_ALERT(TLS_ALERT_record_overflow));
    assert_non_null(strstr(err.reason, "§5.1"));
    /* A plaintext read direction does not get the ciphertext allowance. */
    struct tls_error err2 = {0};
    assert_int_equal(deframe_header(TLS_CT_application_data, 16384 + 256, false, &need, &err2),
                     TLS_E_ALERT(TLS_ALERT_record_overflow));
}

static void ciphertext_limit_checked_from_header(void **state)
{
    (void)state;
    size_t need;
    struct tls_error err = {0};
    assert_int_equal(deframe_header(TLS_CT_application_data, 16384 + 256, true, &need, &err),
                     TLS_OK);
    assert_int_equal(need, 16384 + 256);
    /* REC-02: 2^14 + 257 -> record_overflow before any decryption is attempted. */
    assert_int_equal(deframe_header(TLS_CT_application_data, 16384 + 257, true, &need, &err),
                     TLS_E_ALERT(TLS_ALERT_record_overflow));
    assert_non_null(strstr(err.reason, "§5.2"));
    struct tls_error err2 = {0};
    assert_int_equal(deframe_header(TLS_CT_application_data, 0xffff, true, &need, &err2),
                     TLS_E_ALERT(TLS_ALERT_record_overflow));
}

static void unknown_content_types_rejected(void **state)
{
    (void)state;
    /* REC-07: 0x00 (invalid), 0x19, 0xff; and heartbeat(24), which TLS 1.3 does not define. */
    static const uint8_t bad[] = {0x00, 0x01, 0x13, 0x18, 0x19, 0x80, 0xff};
    for (size_t i = 0; i < sizeof(bad); i++) {
        for (int prot = 0; prot <= 1; prot++) {
            size_t need = 99;
            struct tls_error err = {0};
            assert_int_equal(deframe_header(bad[i], 2, prot != 0, &need, &err),
                             TLS_E_ALERT(TLS_ALERT_unexpected_message));
            assert_non_null(strstr(err.reason, "RFC 8446 §5"));
        }
    }
    /* Every type from 0 to 255: exactly the four of §5 are accepted. */
    unsigned known = 0;
    for (unsigned t = 0; t < 256; t++) {
        known += tls_record_type_known((uint8_t)t) ? 1u : 0u;
    }
    assert_int_equal(known, 4);
}

static void legacy_record_version_ignored(void **state)
{
    (void)state;
    /* RFC 8446 §5.1: legacy_record_version "MUST be ignored for all purposes" (OK-09). */
    static const uint16_t versions[] = {0x0301, 0x0303, 0x0304, 0x0000, 0xffff};
    for (size_t i = 0; i < sizeof(versions) / sizeof(versions[0]); i++) {
        uint8_t rec_bytes[] = {0x15, (uint8_t)(versions[i] >> 8), (uint8_t)versions[i], 0x00,
                               0x02, 0x02, 0x28};
        struct tls_record rec;
        size_t need;
        struct tls_error err = {0};
        assert_int_equal(tls_record_deframe(rec_bytes, sizeof(rec_bytes), false, &rec, &need,
                                            &err),
                         TLS_OK);
        assert_int_equal(need, 0);
        assert_int_equal(rec.legacy_record_version, versions[i]);
        assert_int_equal(rec.type, TLS_CT_alert);
        assert_int_equal(rec.length, 2);
    }
}

static void short_input_needs_header_then_body(void **state)
{
    (void)state;
    const uint8_t rec_bytes[] = {0x16, 0x03, 0x03, 0x00, 0x03, 0xaa, 0xbb, 0xcc, 0x17};
    /* Every truncation: need exactly what is missing, never a record, never an error. */
    for (size_t n = 0; n < 8; n++) {
        struct tls_record rec;
        size_t need;
        struct tls_error err = {0};
        assert_int_equal(tls_record_deframe(rec_bytes, n, false, &rec, &need, &err), TLS_OK);
        assert_int_equal(need, n < 5 ? 5 - n : 8 - n);
        assert_int_equal(rec.total_len, 0);
        assert_int_equal(err.code, TLS_OK);
    }
    /* Complete plus one trailing byte: the record is found, the trailing byte left for later. */
    struct tls_record rec;
    size_t need;
    assert_int_equal(tls_record_deframe(rec_bytes, sizeof(rec_bytes), false, &rec, &need, NULL),
                     TLS_OK);
    assert_int_equal(need, 0);
    assert_int_equal(rec.total_len, 8);
    assert_int_equal(rec.fragment[0], 0xaa);
}

static void zero_length_record_is_framed(void **state)
{
    (void)state;
    /* Framing accepts length 0; whether that is allowed depends on the type (protect.c). */
    const uint8_t rec_bytes[] = {0x17, 0x03, 0x03, 0x00, 0x00};
    struct tls_record rec;
    size_t need;
    assert_int_equal(tls_record_deframe(rec_bytes, sizeof(rec_bytes), true, &rec, &need, NULL),
                     TLS_OK);
    assert_int_equal(need, 0);
    assert_int_equal(rec.total_len, 5);
    assert_int_equal(rec.length, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(stream_in_one_piece),
        cmocka_unit_test(stream_one_byte_at_a_time),
        cmocka_unit_test(stream_split_at_every_position),
        cmocka_unit_test(plaintext_limit_checked_from_header),
        cmocka_unit_test(ciphertext_limit_checked_from_header),
        cmocka_unit_test(unknown_content_types_rejected),
        cmocka_unit_test(legacy_record_version_ignored),
        cmocka_unit_test(short_input_needs_header_then_body),
        cmocka_unit_test(zero_length_record_is_framed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
