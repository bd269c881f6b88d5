/*
 * test_common.c — the bounded reader, the writer and the name tables (src/common).
 *
 * The reader is what makes every parser safe, so its negative cases come first: truncation at
 * every length, vectors outside their <min..max> bounds, trailing bytes.
 */
#include "support/testutil.h"

#include <string.h>

#include "common/error.h"
#include "common/hex.h"
#include "common/names.h"
#include "common/reader.h"
#include "common/writer.h"

/* A small structure in RFC 8446 notation, read the way a message parser reads:
 *   struct { uint16 a; uint24 b; opaque v<1..2^8-1>; uint32 c; } Example;   */
static const uint8_t example[] = {0x12, 0x34, 0x01, 0x02, 0x03, 0x03, 0xaa, 0xbb, 0xcc,
                                  0xde, 0xad, 0xbe, 0xef};

static tls_result parse_example(const uint8_t *p, size_t n, struct tls_error *err)
{
    struct tls_reader r, v;
    uint16_t a;
    uint32_t b, c;
    tls_reader_init(&r, p, n, err);
    TRY(tls_read_u16(&r, &a, "Example.a"));
    TRY(tls_read_u24(&r, &b, "Example.b"));
    TRY(tls_read_vector(&r, 1, 0xff, &v, "Example.v"));
    TRY(tls_read_u32(&r, &c, "Example.c"));
    TRY(tls_read_end(&r, "Example"));
    if (a != 0x1234 || b != 0x010203 || c != 0xdeadbeef || v.len != 3 || v.data[0] != 0xaa) {
        return TLS_E_INTERNAL;
    }
    return TLS_OK;
}

static void reader_parses_whole_structure(void **state)
{
    (void)state;
    struct tls_error err = {0};
    assert_int_equal(parse_example(example, sizeof(example), &err), TLS_OK);
    assert_int_equal(err.code, TLS_OK);
}

static void reader_rejects_truncation_at_every_length(void **state)
{
    (void)state;
    for (size_t n = 0; n < sizeof(example); n++) {
        struct tls_error err = {0};
        tls_result rc = parse_example(example, n, &err);
        assert_int_equal(rc, TLS_E_ALERT(TLS_ALERT_decode_error));
        assert_int_equal(err.code, rc);
        assert_non_null(err.reason);
        assert_non_null(err.field);
    }
}

static void reader_rejects_trailing_bytes(void **state)
{
    (void)state;
    uint8_t longer[sizeof(example) + 1];
    memcpy(longer, example, sizeof(example));
    longer[sizeof(example)] = 0;
    struct tls_error err = {0};
    assert_int_equal(parse_example(longer, sizeof(longer), &err),
                     TLS_E_ALERT(TLS_ALERT_decode_error));
    assert_string_equal(err.field, "Example");
}

static void vector_bounds_are_enforced(void **state)
{
    (void)state;
    /* opaque x<2..3>: lengths 0, 1 and 4 are out of bounds, 2 and 3 are fine. */
    const uint8_t data[] = {0x04, 1, 2, 3, 4};
    for (uint8_t len = 0; len <= 4; len++) {
        uint8_t buf[5];
        memcpy(buf, data, sizeof(buf));
        buf[0] = len;
        struct tls_reader r, child;
        struct tls_error err = {0};
        tls_reader_init(&r, buf, 1u + len, &err);
        tls_result rc = tls_read_vector(&r, 2, 3, &child, "x");
        if (len == 2 || len == 3) {
            assert_int_equal(rc, TLS_OK);
            assert_int_equal(child.len, len);
        } else {
            assert_int_equal(rc, TLS_E_ALERT(TLS_ALERT_decode_error));
        }
    }
}

static void vector_prefix_width_follows_maximum(void **state)
{
    (void)state;
    /* RFC 8446 §3.4: as many bytes as needed to hold the maximum. */
    assert_int_equal(tls_vector_prefix_width(255), 1);
    assert_int_equal(tls_vector_prefix_width(256), 2);
    assert_int_equal(tls_vector_prefix_width(65535), 2);
    assert_int_equal(tls_vector_prefix_width(65536), 3);
    assert_int_equal(tls_vector_prefix_width((1u << 24) - 1), 3);
}

static void vector_length_past_end_is_truncation(void **state)
{
    (void)state;
    const uint8_t data[] = {0x00, 0x05, 1, 2};
    struct tls_reader r, child;
    struct tls_error err = {0};
    tls_reader_init(&r, data, sizeof(data), &err);
    assert_int_equal(tls_read_vector(&r, 0, 0xffff, &child, "v"), TLS_E_ALERT(TLS_ALERT_decode_error));
}

static void first_failure_is_kept(void **state)
{
    (void)state;
    struct tls_error err = {0};
    tls_fail(&err, TLS_ALERT_illegal_parameter, "first");
    tls_fail(&err, TLS_ALERT_decode_error, "second");
    assert_int_equal(err.code, TLS_E_ALERT(TLS_ALERT_illegal_parameter));
    assert_string_equal(err.reason, "first");
    assert_int_equal(tls_result_alert(err.code), TLS_ALERT_illegal_parameter);
    assert_int_equal(tls_result_alert(TLS_E_PEER_ALERT(TLS_ALERT_bad_record_mac)), TLS_ALERT_bad_record_mac);
    assert_true(TLS_IS_PEER_ALERT(TLS_E_PEER_ALERT(0)));
    assert_false(TLS_IS_LOCAL_ALERT(TLS_E_PEER_ALERT(0)));
}

static void writer_round_trips_and_patches_lengths(void **state)
{
    (void)state;
    uint8_t buf[64];
    struct tls_writer w;
    tls_writer_init(&w, buf, sizeof(buf));
    tls_write_u16(&w, 0x1234);
    tls_write_u24(&w, 0x010203);
    struct tls_vector_mark v = tls_write_vector_begin(&w, 0xff);
    tls_write_bytes(&w, (const uint8_t *)"\xaa\xbb\xcc", 3);
    tls_write_vector_end(&w, v);
    tls_write_u32(&w, 0xdeadbeef);
    assert_int_equal(tls_writer_result(&w, NULL), TLS_OK);
    assert_bytes_equal(buf, w.len, example, sizeof(example), "Example re-encoded");
}

static void writer_overflow_is_sticky(void **state)
{
    (void)state;
    for (size_t cap = 0; cap < sizeof(example); cap++) {
        uint8_t buf[sizeof(example)];
        struct tls_writer w;
        tls_writer_init(&w, buf, cap);
        tls_write_u16(&w, 0x1234);
        tls_write_u24(&w, 0x010203);
        struct tls_vector_mark v = tls_write_vector_begin(&w, 0xff);
        tls_write_bytes(&w, (const uint8_t *)"\xaa\xbb\xcc", 3);
        tls_write_vector_end(&w, v);
        tls_write_u32(&w, 0xdeadbeef);
        assert_true(w.overflow);
        assert_true(w.len <= cap);
        assert_int_equal(tls_writer_result(&w, NULL), TLS_E_INTERNAL);
    }
}

static void writer_vector_over_maximum_overflows(void **state)
{
    (void)state;
    uint8_t buf[8];
    struct tls_writer w;
    tls_writer_init(&w, buf, sizeof(buf));
    struct tls_vector_mark v = tls_write_vector_begin(&w, 2); /* x<0..2> */
    tls_write_bytes(&w, (const uint8_t *)"abc", 3);
    tls_write_vector_end(&w, v);
    assert_true(w.overflow);
}

static void names_match_iana(void **state)
{
    (void)state;
    /* Values from RFC 8446 §4, §4.2, §4.2.3, §4.2.7, §5.1, §6 and §B.4. */
    assert_string_equal(tls_handshake_type_name(1), "client_hello");
    assert_string_equal(tls_handshake_type_name(8), "encrypted_extensions");
    assert_string_equal(tls_handshake_type_name(4), "new_session_ticket");
    assert_string_equal(tls_handshake_type_name(254), "message_hash");
    assert_string_equal(tls_content_type_name(23), "application_data");
    assert_string_equal(tls_content_type_name(20), "change_cipher_spec");
    assert_string_equal(tls_extension_name(43), "supported_versions");
    assert_string_equal(tls_extension_name(51), "key_share");
    assert_string_equal(tls_extension_name(65281), "renegotiation_info");
    assert_string_equal(tls_cipher_suite_name(0x1302), "TLS_AES_256_GCM_SHA384");
    assert_string_equal(tls_group_name(0x001d), "x25519");
    assert_string_equal(tls_signature_scheme_name(0x0804), "rsa_pss_rsae_sha256");
    assert_string_equal(tls_alert_name(70), "protocol_version");
    assert_string_equal(tls_alert_name(116), "certificate_required");
    assert_null(tls_extension_name(0x7777));
    uint16_t v = 0;
    assert_true(tls_cipher_suite_from_name("TLS_CHACHA20_POLY1305_SHA256", &v));
    assert_int_equal(v, 0x1303);
    assert_true(tls_group_from_name("secp384r1", &v));
    assert_int_equal(v, 0x0018);
    assert_false(tls_group_from_name("secp999r1", &v));
    assert_true(tls_is_grease(0x0a0a));
    assert_true(tls_is_grease(0xfafa));
    assert_false(tls_is_grease(0x0a1a));
    assert_false(tls_is_grease(0x1301));
}

static void hex_digits_all_256_bytes(void **state)
{
    (void)state;
    const char *digits = "0123456789abcdef";
    const char *upper = "0123456789ABCDEF";
    size_t valid = 0;
    for (int c = 0; c < 256; c++) {
        int v = tls_hex_value(c);
        const char *lo = c != 0 ? strchr(digits, c) : NULL;
        const char *up = c != 0 ? strchr(upper, c) : NULL;
        if (lo != NULL) {
            assert_int_equal(v, lo - digits);
        } else if (up != NULL) {
            assert_int_equal(v, up - upper);
        } else {
            assert_int_equal(v, -1);
        }
        valid += v >= 0;
    }
    assert_int_equal(valid, 22); /* 0-9, a-f, A-F */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reader_parses_whole_structure),
        cmocka_unit_test(reader_rejects_truncation_at_every_length),
        cmocka_unit_test(reader_rejects_trailing_bytes),
        cmocka_unit_test(vector_bounds_are_enforced),
        cmocka_unit_test(vector_prefix_width_follows_maximum),
        cmocka_unit_test(vector_length_past_end_is_truncation),
        cmocka_unit_test(first_failure_is_kept),
        cmocka_unit_test(writer_round_trips_and_patches_lengths),
        cmocka_unit_test(writer_overflow_is_sticky),
        cmocka_unit_test(writer_vector_over_maximum_overflows),
        cmocka_unit_test(names_match_iana),
        cmocka_unit_test(hex_digits_all_256_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
