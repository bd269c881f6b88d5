/*
 * test_record_protect.c — record protection (src/record/protect.c; RFC 8446 §5.2, §5.3, §5.4).
 *
 * Every protected record of RFC 8448 §3 (tests/vectors/rfc/rfc8448.txt; keys from the
 * "derive ... traffic keys" steps, lines 367-372, 592-597, 606-611, 713-718) is opened and its
 * inner type and content checked, then sealed again to the same bytes. Then the negative rows of
 * the checklist: REC-03 (inner plaintext too large), REC-04 (flipped bits -> bad_record_mac,
 * nothing released), REC-05 (no non-zero octet), REC-06 (empty handshake/alert), REC-08 (wrong
 * outer or inner type), REC-09 (plaintext application data), DOS-01 (empty records), and the
 * §5.3 sequence-number rules.
 */
#include "support/testutil.h"

#include <string.h>

#include "common/error.h"
#include "common/names.h"
#include "crypto/suite.h"
#include "crypto/util.h"
#include "record/protect.h"
#include "record/record.h"
#include "support/record_vectors.h"

#define SERVER_HS "{server}  derive write traffic keys for handshake data"
#define SERVER_AP "{server}  derive write traffic keys for application data"
#define CLIENT_HS "{server}  derive read traffic keys for handshake data" /* = client's write */
#define CLIENT_AP "{client}  derive write traffic keys for application data"

/* One protected record of RFC 8448 §3: its keys, sequence number, inner type and content. */
struct rfc8448_record {
    const char *keys_step;
    uint64_t seq;
    const char *record_step;
    unsigned occurrence;
    uint8_t inner_type;
};

static const struct rfc8448_record records[] = {
    /* line 490: EncryptedExtensions..Finished, the first record under the server handshake key */
    {SERVER_HS, 0, "{server}  send handshake record", 1, TLS_CT_handshake},
    /* line 798: NewSessionTicket, the first record under the server application key */
    {SERVER_AP, 0, "{server}  send handshake record", 2, TLS_CT_handshake},
    /* line 831: 50 bytes of application data, then line 854: close_notify */
    {SERVER_AP, 1, "{server}  send application_data record", 0, TLS_CT_application_data},
    {SERVER_AP, 2, "{server}  send alert record", 0, TLS_CT_alert},
    /* line 701: the client Finished under the client handshake key */
    {CLIENT_HS, 0, "{client}  send handshake record", 1, TLS_CT_handshake},
    /* line 820 and line 847 under the client application key */
    {CLIENT_AP, 0, "{client}  send application_data record", 0, TLS_CT_application_data},
    {CLIENT_AP, 1, "{client}  send alert record", 0, TLS_CT_alert},
};
#define RECORD_COUNT (sizeof(records) / sizeof(records[0]))

static void rx_with_keys(struct tls_record_rx *rx, const char *keys_step)
{
    struct tls_traffic_keys keys;
    record_vector_keys(RFC8448_S3, keys_step, &keys);
    tls_record_rx_init(rx);
    tls_record_direction_install_keys(&rx->dir, &keys, NULL);
}

/* Deframes buf (a protected read direction) and unprotects the record in place. */
static tls_result open_in_place(struct tls_record_rx *rx, uint8_t *buf, size_t len,
                                struct tls_plaintext *pt, struct tls_error *err)
{
    struct tls_record rec;
    size_t need;
    TRY(tls_record_deframe(buf, len, rx->dir.is_protected, &rec, &need, err));
    assert_int_equal(need, 0);
    assert_int_equal(rec.total_len, len);
    return tls_record_unprotect(rx, &rec, buf + TLS_RECORD_HEADER_LEN,
                                len - TLS_RECORD_HEADER_LEN, pt, err);
}

static uint8_t buf[TLS_MAX_RECORD_LEN + 64]; /* one record, decrypted in place */

static void open_rfc8448_records(void **state)
{
    (void)state;
    for (size_t i = 0; i < RECORD_COUNT; i++) {
        struct record_vector record, payload;
        record_vector_load(RFC8448_S3, records[i].record_step, "complete record",
                           records[i].occurrence, &record);
        record_vector_load(RFC8448_S3, records[i].record_step, "payload",
                           records[i].occurrence, &payload);
        struct tls_record_rx rx;
        rx_with_keys(&rx, records[i].keys_step);
        rx.dir.seq = records[i].seq;
        memcpy(buf, record.bytes, record.len);
        struct tls_plaintext pt;
        struct tls_error err = {0};
        assert_int_equal(open_in_place(&rx, buf, record.len, &pt, &err), TLS_OK);
        assert_int_equal(pt.type, records[i].inner_type);
        assert_false(pt.dropped);
        assert_ptr_equal(pt.content, buf + TLS_RECORD_HEADER_LEN);
        assert_bytes_equal(pt.content, pt.length, payload.bytes, payload.len, payload.what);
        /* §5.3: incremented by one after reading each record. */
        assert_int_equal(rx.dir.seq, records[i].seq + 1);
        tls_record_direction_wipe(&rx.dir);
    }
}

static void server_application_records_in_sequence(void **state)
{
    (void)state;
    /* The three records under the server application key, opened one after the other with one
     * state: the sequence number must walk 0, 1, 2 on its own. */
    struct tls_record_rx rx;
    rx_with_keys(&rx, SERVER_AP);
    for (size_t i = 1; i <= 3; i++) {
        struct record_vector record;
        record_vector_load(RFC8448_S3, records[i].record_step, "complete record",
                           records[i].occurrence, &record);
        memcpy(buf, record.bytes, record.len);
        struct tls_plaintext pt;
        assert_int_equal(open_in_place(&rx, buf, record.len, &pt, NULL), TLS_OK);
        assert_int_equal(pt.type, records[i].inner_type);
    }
    assert_int_equal(rx.dir.seq, 3);
    tls_record_direction_wipe(&rx.dir);
}

static void reseal_gives_rfc8448_bytes(void **state)
{
    (void)state;
    for (size_t i = 0; i < RECORD_COUNT; i++) {
        struct record_vector record, payload;
        record_vector_load(RFC8448_S3, records[i].record_step, "complete record",
                           records[i].occurrence, &record);
        record_vector_load(RFC8448_S3, records[i].record_step, "payload",
                           records[i].occurrence, &payload);
        struct tls_traffic_keys keys;
        record_vector_keys(RFC8448_S3, records[i].keys_step, &keys);
        struct tls_record_direction d;
        tls_record_direction_init(&d);
        tls_record_direction_install_keys(&d, &keys, NULL);
        d.seq = records[i].seq;
        struct tls_writer w;
        tls_writer_init(&w, buf, sizeof(buf));
        assert_int_equal(tls_record_write(&d, records[i].inner_type, payload.bytes, payload.len,
                                          0, &w, NULL),
                         TLS_OK);
        assert_bytes_equal(buf, w.len, record.bytes, record.len, record.what);
        assert_int_equal(d.seq, records[i].seq + 1);
        tls_record_direction_wipe(&d);
    }
}

static int all_zero(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i] != 0) {
            return 0;
        }
    }
    return 1;
}

static void flipped_bits_give_bad_record_mac(void **state)
{
    (void)state;
    /* REC-04: each bit of legacy_record_version (part of the AAD) and of encrypted_record
     * (ciphertext and tag) of the server's handshake-key record, line 490. The type byte is
     * tested in wrong_outer_type_rejected_before_decryption; a changed length moves the record's
     * end, which framing tests cover. */
    struct record_vector record;
    record_vector_load(RFC8448_S3, records[0].record_step, "complete record", 1, &record);
    size_t inner_len = record.len - TLS_RECORD_HEADER_LEN - TLS_AEAD_TAG_LEN;
    struct tls_traffic_keys keys;
    record_vector_keys(RFC8448_S3, SERVER_HS, &keys);
    for (size_t byte = 1; byte < record.len; byte++) {
        if (byte == 3 || byte == 4) {
            continue;
        }
        for (unsigned bit = 0; bit < 8; bit++) {
            struct tls_record_rx rx;
            struct tls_traffic_keys fresh = keys;
            tls_record_rx_init(&rx);
            tls_record_direction_install_keys(&rx.dir, &fresh, NULL);
            memcpy(buf, record.bytes, record.len);
            buf[byte] ^= (uint8_t)(1u << bit);
            struct tls_plaintext pt;
            struct tls_error err = {0};
            assert_int_equal(open_in_place(&rx, buf, record.len, &pt, &err),
                             TLS_E_ALERT(TLS_ALERT_bad_record_mac));
            /* Nothing released: no view, the decryption output wiped, the sequence unchanged. */
            assert_null(pt.content);
            assert_int_equal(pt.length, 0);
            assert_true(all_zero(buf + TLS_RECORD_HEADER_LEN, inner_len));
            assert_int_equal(rx.dir.seq, 0);
            assert_non_null(strstr(err.reason, "§5.2"));
            tls_record_direction_wipe(&rx.dir);
        }
    }
    tls_wipe(&keys, sizeof(keys));
}

static tls_result open_raw(const char *keys_step, const uint8_t *inner, size_t inner_len,
                           struct tls_plaintext *pt, struct tls_error *err)
{
    struct tls_record_rx rx;
    rx_with_keys(&rx, keys_step);
    size_t n = record_seal_raw(&rx.dir.keys, 0, inner, inner_len, buf, sizeof(buf));
    tls_result rc = open_in_place(&rx, buf, n, pt, err);
    tls_record_direction_wipe(&rx.dir); /* frees the keyed AEAD (crypto/aead.h) */
    return rc;
}

static void no_content_type_octet(void **state)
{
    (void)state;
    /* REC-05: all-zero TLSInnerPlaintext of several lengths, and an empty one (tag only). */
    static uint8_t zeros[300];
    const size_t lengths[] = {0, 1, 2, 17, 300};
    for (size_t i = 0; i < 5; i++) {
        struct tls_plaintext pt;
        struct tls_error err = {0};
        assert_int_equal(open_raw(SERVER_HS, zeros, lengths[i], &pt, &err),
                         TLS_E_ALERT(TLS_ALERT_unexpected_message));
        assert_non_null(strstr(err.reason, "§5.4"));
        assert_null(pt.content);
    }
}

static void padding_is_stripped(void **state)
{
    (void)state;
    /* §5.4: content || type || zeros; written with our writer, opened, same content back. */
    const uint8_t content[] = "GET / HTTP/1.0\r\n\r\n";
    const size_t paddings[] = {0, 1, 100, TLS_MAX_PLAINTEXT_LEN - (sizeof(content) - 1)};
    for (size_t i = 0; i < 4; i++) {
        struct tls_traffic_keys keys, keys_rx;
        record_vector_keys(RFC8448_S3, CLIENT_AP, &keys);
        keys_rx = keys;
        struct tls_record_direction d;
        tls_record_direction_init(&d);
        tls_record_direction_install_keys(&d, &keys, NULL);
        struct tls_writer w;
        tls_writer_init(&w, buf, sizeof(buf));
        assert_int_equal(tls_record_write(&d, TLS_CT_application_data, content,
                                          sizeof(content) - 1, paddings[i], &w, NULL),
                         TLS_OK);
        /* One record: header + content + type + padding + tag. */
        assert_int_equal(w.len, 5 + sizeof(content) - 1 + 1 + paddings[i] + TLS_AEAD_TAG_LEN);

        struct tls_record_rx rx;
        tls_record_rx_init(&rx);
        tls_record_direction_install_keys(&rx.dir, &keys_rx, NULL);
        struct tls_plaintext pt;
        assert_int_equal(open_in_place(&rx, buf, w.len, &pt, NULL), TLS_OK);
        assert_int_equal(pt.type, TLS_CT_application_data);
        assert_bytes_equal(pt.content, pt.length, content, sizeof(content) - 1,
                           "the content written before padding");
        tls_record_direction_wipe(&d);
        tls_record_direction_wipe(&rx.dir);
    }
}

static uint8_t inner[TLS_MAX_INNER_PLAINTEXT_LEN + 16];

static void inner_plaintext_size_limit(void **state)
{
    (void)state;
    /* REC-03: 2^14 content + type + 1 padding byte, and 8193 + type + 8192 padding: both 2^14+2. */
    const size_t content_lens[] = {16384, 8193};
    for (size_t i = 0; i < 2; i++) {
        memset(inner, 0, sizeof(inner));
        memset(inner, 'A', content_lens[i]);
        inner[content_lens[i]] = TLS_CT_application_data;
        struct tls_plaintext pt;
        struct tls_error err = {0};
        assert_int_equal(open_raw(SERVER_AP, inner, TLS_MAX_INNER_PLAINTEXT_LEN + 1, &pt, &err),
                         TLS_E_ALERT(TLS_ALERT_record_overflow));
        assert_non_null(strstr(err.reason, "§5.4"));
        assert_true(all_zero(buf + TLS_RECORD_HEADER_LEN, TLS_MAX_INNER_PLAINTEXT_LEN + 1));
    }
    /* Exactly 2^14 + 1: the largest legal TLSInnerPlaintext, with or without padding. */
    const size_t ok_lens[] = {16384, 16383, 1};
    for (size_t i = 0; i < 3; i++) {
        memset(inner, 0, sizeof(inner));
        memset(inner, 'B', ok_lens[i]);
        inner[ok_lens[i]] = TLS_CT_application_data;
        struct tls_plaintext pt;
        assert_int_equal(open_raw(SERVER_AP, inner, TLS_MAX_INNER_PLAINTEXT_LEN, &pt, NULL),
                         TLS_OK);
        assert_int_equal(pt.length, ok_lens[i]);
    }
}

static void wrong_inner_types_rejected(void **state)
{
    (void)state;
    /* REC-08: unknown inner types; REC-06: empty handshake/alert content, with or without
     * padding (§5.4 "MUST NOT send Handshake and Alert records that have a zero-length
     * TLSInnerPlaintext.content"). */
    static const uint8_t cases[][4] = {
        {0x18, 0, 0, 0}, {0x80, 0, 0, 0}, {0x01, 0, 0, 0}, {0xff, 0, 0, 0},
        {0x16, 0, 0, 0}, {0x15, 0, 0, 0},
    };
    static const size_t lens[] = {1, 1, 1, 1, 1, 4};
    for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
        struct tls_plaintext pt;
        struct tls_error err = {0};
        assert_int_equal(open_raw(SERVER_HS, cases[i], lens[i], &pt, &err),
                         TLS_E_ALERT(TLS_ALERT_unexpected_message));
        assert_null(pt.content);
        assert_int_equal(pt.length, 0);
    }
    /* Content before the unknown type byte is not released either. */
    const uint8_t data_then_bad[] = {'s', 'e', 'c', 'r', 'e', 't', 0x18, 0};
    struct tls_plaintext pt;
    assert_int_equal(open_raw(SERVER_HS, data_then_bad, sizeof(data_then_bad), &pt, NULL),
                     TLS_E_ALERT(TLS_ALERT_unexpected_message));
    assert_true(all_zero(buf + TLS_RECORD_HEADER_LEN, sizeof(data_then_bad)));
}

static void wrong_outer_type_rejected_before_decryption(void **state)
{
    (void)state;
    /* REC-08 / DIV-3: once protected, opaque_type must be 23. Handshake(22) and alert(21) outer
     * types fail without decryption: the bytes stay as they were. */
    struct record_vector record;
    record_vector_load(RFC8448_S3, records[0].record_step, "complete record", 1, &record);
    const uint8_t outer[] = {TLS_CT_handshake, TLS_CT_alert};
    for (size_t i = 0; i < 2; i++) {
        struct tls_record_rx rx;
        rx_with_keys(&rx, SERVER_HS);
        memcpy(buf, record.bytes, record.len);
        buf[0] = outer[i];
        struct tls_plaintext pt;
        struct tls_error err = {0};
        assert_int_equal(open_in_place(&rx, buf, record.len, &pt, &err),
                         TLS_E_ALERT(TLS_ALERT_unexpected_message));
        assert_non_null(strstr(err.reason, "§5.2"));
        assert_memory_equal(buf + 1, record.bytes + 1, record.len - 1);
        assert_int_equal(rx.dir.seq, 0);
        tls_record_direction_wipe(&rx.dir);
    }
}

static void plaintext_records_before_keys(void **state)
{
    (void)state;
    struct tls_record_rx rx;
    tls_record_rx_init(&rx);
    /* RFC 8448 §3 line 354: the ServerHello record is read as is; the view is into the record. */
    struct record_vector sh, sh_payload;
    record_vector_load(RFC8448_S3, "{server}  send handshake record", "complete record", 0, &sh);
    record_vector_load(RFC8448_S3, "{server}  send handshake record", "payload", 0, &sh_payload);
    struct tls_record rec;
    size_t need;
    assert_int_equal(tls_record_deframe(sh.bytes, sh.len, false, &rec, &need, NULL), TLS_OK);
    struct tls_plaintext pt;
    assert_int_equal(tls_record_unprotect(&rx, &rec, NULL, 0, &pt, NULL), TLS_OK);
    assert_int_equal(pt.type, TLS_CT_handshake);
    assert_ptr_equal(pt.content, sh.bytes + TLS_RECORD_HEADER_LEN);
    assert_bytes_equal(pt.content, pt.length, sh_payload.bytes, sh_payload.len, sh_payload.what);

    /* REC-09: application data before the keys, empty or not. */
    const uint8_t data[] = {0x17, 0x03, 0x03, 0x00, 0x01, 0x41};
    const size_t lens[] = {sizeof(data), 5};
    for (size_t i = 0; i < 2; i++) {
        uint8_t copy[sizeof(data)];
        memcpy(copy, data, sizeof(data));
        copy[4] = (uint8_t)(lens[i] - 5);
        assert_int_equal(tls_record_deframe(copy, lens[i], false, &rec, &need, NULL), TLS_OK);
        struct tls_error err = {0};
        assert_int_equal(tls_record_unprotect(&rx, &rec, NULL, 0, &pt, &err),
                         TLS_E_ALERT(TLS_ALERT_unexpected_message));
        assert_non_null(strstr(err.reason, "§5.1"));
    }
    /* REC-06: a plaintext handshake or alert record of length 0. */
    const uint8_t empties[][5] = {{0x16, 0x03, 0x03, 0, 0}, {0x15, 0x03, 0x03, 0, 0}};
    for (size_t i = 0; i < 2; i++) {
        assert_int_equal(tls_record_deframe(empties[i], 5, false, &rec, &need, NULL), TLS_OK);
        assert_int_equal(tls_record_unprotect(&rx, &rec, NULL, 0, &pt, NULL),
                         TLS_E_ALERT(TLS_ALERT_unexpected_message));
    }
}

static void empty_application_records_bounded(void **state)
{
    (void)state;
    /* DOS-01: 32 empty records in a row are fine; a non-empty one resets the count; the 33rd
     * consecutive one is unexpected_message. */
    struct tls_record_rx rx;
    rx_with_keys(&rx, SERVER_AP);
    const uint8_t empty[] = {TLS_CT_application_data};
    const uint8_t one[] = {'x', TLS_CT_application_data};
    for (int round = 0; round < 2; round++) {
        for (unsigned i = 0; i < TLS_MAX_EMPTY_RECORDS; i++) {
            size_t n = record_seal_raw(&rx.dir.keys, rx.dir.seq, empty, 1, buf, sizeof(buf));
            struct tls_plaintext pt;
            assert_int_equal(open_in_place(&rx, buf, n, &pt, NULL), TLS_OK);
            assert_int_equal(pt.length, 0);
            assert_int_equal(pt.type, TLS_CT_application_data);
        }
        if (round == 0) {
            size_t n = record_seal_raw(&rx.dir.keys, rx.dir.seq, one, 2, buf, sizeof(buf));
            struct tls_plaintext pt;
            assert_int_equal(open_in_place(&rx, buf, n, &pt, NULL), TLS_OK);
            assert_int_equal(pt.length, 1);
        }
    }
    size_t n = record_seal_raw(&rx.dir.keys, rx.dir.seq, empty, 1, buf, sizeof(buf));
    struct tls_plaintext pt;
    struct tls_error err = {0};
    assert_int_equal(open_in_place(&rx, buf, n, &pt, &err),
                     TLS_E_ALERT(TLS_ALERT_unexpected_message));
    assert_non_null(strstr(err.reason, "empty"));
    tls_record_direction_wipe(&rx.dir);
}

static void record_shorter_than_tag(void **state)
{
    (void)state;
    for (size_t len = 0; len < TLS_AEAD_TAG_LEN; len++) {
        struct tls_record_rx rx;
        rx_with_keys(&rx, SERVER_HS);
        memset(buf, 0x5a, sizeof(buf));
        buf[0] = 0x17;
        buf[1] = 0x03;
        buf[2] = 0x03;
        buf[3] = 0;
        buf[4] = (uint8_t)len;
        struct tls_plaintext pt;
        assert_int_equal(open_in_place(&rx, buf, 5 + len, &pt, NULL),
                         TLS_E_ALERT(TLS_ALERT_bad_record_mac));
        tls_record_direction_wipe(&rx.dir);
    }
}

static void sequence_number_must_not_wrap(void **state)
{
    (void)state;
    /* §5.3 "If a TLS implementation would need to wrap a sequence number, it MUST either rekey
     * ... or terminate the connection." Write with seq 2^64-2: fine, and it opens with the
     * same sequence number (the nonce uses all 64 bits). The next write would use 2^64-1,
     * after which the counter could only wrap: refused. */
    struct tls_traffic_keys keys, keys_rx;
    record_vector_keys(RFC8448_S3, CLIENT_AP, &keys);
    keys_rx = keys;
    struct tls_record_direction d;
    tls_record_direction_init(&d);
    tls_record_direction_install_keys(&d, &keys, NULL);
    d.seq = UINT64_MAX - 1;
    struct tls_writer w;
    tls_writer_init(&w, buf, sizeof(buf));
    const uint8_t msg[] = "late";
    assert_int_equal(tls_record_write(&d, TLS_CT_application_data, msg, 4, 0, &w, NULL), TLS_OK);
    assert_true(d.seq == UINT64_MAX);
    size_t first_len = w.len;
    struct tls_error err = {0};
    assert_int_equal(tls_record_write(&d, TLS_CT_application_data, msg, 4, 0, &w, &err),
                     TLS_E_INTERNAL);
    assert_non_null(strstr(err.reason, "§5.3"));

    struct tls_record_rx rx;
    tls_record_rx_init(&rx);
    tls_record_direction_install_keys(&rx.dir, &keys_rx, NULL);
    rx.dir.seq = UINT64_MAX - 1;
    struct tls_plaintext pt;
    assert_int_equal(open_in_place(&rx, buf, first_len, &pt, NULL), TLS_OK);
    assert_memory_equal(pt.content, msg, 4);
    assert_true(rx.dir.seq == UINT64_MAX);
    /* Reading refuses the last value too. */
    struct tls_error err2 = {0};
    tls_writer_init(&w, buf, sizeof(buf));
    d.seq = UINT64_MAX - 1;
    assert_int_equal(tls_record_write(&d, TLS_CT_application_data, msg, 4, 0, &w, NULL), TLS_OK);
    assert_int_equal(open_in_place(&rx, buf, w.len, &pt, &err2), TLS_E_INTERNAL);
    assert_non_null(strstr(err2.reason, "§5.3"));
    tls_record_direction_wipe(&d);
    tls_record_direction_wipe(&rx.dir);
}

static void key_change_resets_sequence_and_wipes(void **state)
{
    (void)state;
    struct tls_traffic_keys hs, ap;
    record_vector_keys(RFC8448_S3, SERVER_HS, &hs);
    record_vector_keys(RFC8448_S3, SERVER_AP, &ap);
    struct tls_traffic_keys ap_copy = ap;
    struct tls_record_direction d;
    tls_record_direction_init(&d);
    assert_false(d.is_protected);
    tls_record_direction_install_keys(&d, &hs, NULL);
    assert_true(d.is_protected);
    /* The caller's copy is wiped: the direction is the only holder of the key. */
    assert_true(all_zero((const uint8_t *)&hs, sizeof(hs)));
    d.seq = 41;
    tls_record_direction_install_keys(&d, &ap, NULL);
    assert_int_equal(d.seq, 0);
    assert_memory_equal(d.keys.key, ap_copy.key, TLS_MAX_KEY_LEN);
    tls_record_direction_wipe(&d);
    assert_false(d.is_protected);
    assert_true(all_zero(d.keys.key, sizeof(d.keys.key)));
    assert_true(all_zero(d.keys.iv, sizeof(d.keys.iv)));
}

static uint8_t big[40000];
static uint8_t out[2 * TLS_MAX_RECORD_LEN + 64];

static void write_fragments_plaintext_content(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(big); i++) {
        big[i] = (uint8_t)(i % 251);
    }
    /* Plaintext: 20000 handshake bytes -> 16384 + 3616, with the initial ClientHello version
     * 0x0301 the client may choose (§5.1). */
    struct tls_record_direction plain;
    tls_record_direction_init(&plain);
    plain.legacy_record_version = 0x0301;
    struct tls_writer w;
    tls_writer_init(&w, out, sizeof(out));
    assert_int_equal(tls_record_write(&plain, TLS_CT_handshake, big, 20000, 0, &w, NULL),
                     TLS_OK);
    assert_int_equal(w.len, 5 + 16384 + 5 + 3616);
    const uint8_t h1[] = {0x16, 0x03, 0x01, 0x40, 0x00};
    const uint8_t h2[] = {0x16, 0x03, 0x01, 0x0e, 0x20};
    assert_memory_equal(out, h1, 5);
    assert_memory_equal(out + 5 + 16384, h2, 5);
    assert_memory_equal(out + 5, big, 16384);
}

static void write_fragments_protected_content(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(big); i++) {
        big[i] = (uint8_t)(i % 251);
    }
    struct tls_writer w;
    /* Protected with padding 10: every record within 2^14 + 1 of inner plaintext; reading them
     * back gives the content in order. */
    struct tls_traffic_keys keys, keys_rx;
    record_vector_keys(RFC8448_S3, CLIENT_AP, &keys);
    keys_rx = keys;
    struct tls_record_direction d;
    tls_record_direction_init(&d);
    tls_record_direction_install_keys(&d, &keys, NULL);
    struct tls_record_rx rx;
    tls_record_rx_init(&rx);
    tls_record_direction_install_keys(&rx.dir, &keys_rx, NULL);
    size_t sent = 0;
    while (sent < sizeof(big)) {
        tls_writer_init(&w, out, sizeof(out));
        size_t n = sizeof(big) - sent < 30000 ? sizeof(big) - sent : 30000;
        assert_int_equal(tls_record_write(&d, TLS_CT_application_data, big + sent, n, 10, &w,
                                          NULL),
                         TLS_OK);
        size_t off = 0, got = 0;
        while (off < w.len) {
            struct tls_record rec;
            size_t need;
            assert_int_equal(tls_record_deframe(out + off, w.len - off, true, &rec, &need, NULL),
                             TLS_OK);
            assert_int_equal(need, 0);
            assert_true(rec.length <= TLS_MAX_INNER_PLAINTEXT_LEN + TLS_AEAD_TAG_LEN);
            struct tls_plaintext pt;
            assert_int_equal(tls_record_unprotect(&rx, &rec, out + off + 5, rec.length, &pt,
                                                  NULL),
                             TLS_OK);
            assert_memory_equal(pt.content, big + sent + got, pt.length);
            got += pt.length;
            off += rec.total_len;
        }
        assert_int_equal(got, n);
        sent += n;
    }
    assert_int_equal(rx.dir.seq, d.seq);
    tls_record_direction_wipe(&d);
    tls_record_direction_wipe(&rx.dir);
}

static void write_refusals(void **state)
{
    (void)state;
    struct tls_record_direction plain;
    tls_record_direction_init(&plain);
    struct tls_writer w;
    tls_writer_init(&w, out, sizeof(out));
    const uint8_t x[1] = {1};
    /* §5.1: application data never in plaintext; §5.4: no empty handshake/alert records;
     * §5: only defined types. */
    assert_int_equal(tls_record_write(&plain, TLS_CT_application_data, x, 1, 0, &w, NULL),
                     TLS_E_INTERNAL);
    assert_int_equal(tls_record_write(&plain, TLS_CT_handshake, x, 0, 0, &w, NULL),
                     TLS_E_INTERNAL);
    assert_int_equal(tls_record_write(&plain, TLS_CT_alert, x, 0, 0, &w, NULL), TLS_E_INTERNAL);
    assert_int_equal(tls_record_write(&plain, 0x18, x, 1, 0, &w, NULL), TLS_E_INTERNAL);
    assert_int_equal(w.len, 0);

    struct tls_traffic_keys keys;
    record_vector_keys(RFC8448_S3, CLIENT_AP, &keys);
    struct tls_record_direction d;
    tls_record_direction_init(&d);
    tls_record_direction_install_keys(&d, &keys, NULL);
    /* Padding that leaves no room for content. */
    assert_int_equal(tls_record_write(&d, TLS_CT_application_data, x, 1, TLS_MAX_PLAINTEXT_LEN,
                                      &w, NULL),
                     TLS_E_INTERNAL);
    /* A writer too small: internal_error, the sequence number not consumed. */
    tls_writer_init(&w, out, 20);
    assert_int_equal(tls_record_write(&d, TLS_CT_application_data, x, 1, 0, &w, NULL),
                     TLS_E_INTERNAL);
    assert_int_equal(d.seq, 0);
    /* An empty application data record is allowed (§5.4). */
    tls_writer_init(&w, out, sizeof(out));
    assert_int_equal(tls_record_write(&d, TLS_CT_application_data, NULL, 0, 0, &w, NULL), TLS_OK);
    assert_int_equal(w.len, 5 + 1 + TLS_AEAD_TAG_LEN);
    tls_record_direction_wipe(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(open_rfc8448_records),
        cmocka_unit_test(server_application_records_in_sequence),
        cmocka_unit_test(reseal_gives_rfc8448_bytes),
        cmocka_unit_test(flipped_bits_give_bad_record_mac),
        cmocka_unit_test(no_content_type_octet),
        cmocka_unit_test(padding_is_stripped),
        cmocka_unit_test(inner_plaintext_size_limit),
        cmocka_unit_test(wrong_inner_types_rejected),
        cmocka_unit_test(wrong_outer_type_rejected_before_decryption),
        cmocka_unit_test(plaintext_records_before_keys),
        cmocka_unit_test(empty_application_records_bounded),
        cmocka_unit_test(record_shorter_than_tag),
        cmocka_unit_test(sequence_number_must_not_wrap),
        cmocka_unit_test(key_change_resets_sequence_and_wipes),
        cmocka_unit_test(write_fragments_plaintext_content),
        cmocka_unit_test(write_fragments_protected_content),
        cmocka_unit_test(write_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
