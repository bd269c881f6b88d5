/*
 * test_reassembly.c — handshake messages across records (src/record/reassembly.c; RFC 8446 §5.1).
 *
 * Uses the server's encrypted flight of RFC 8448 §3 (EncryptedExtensions, Certificate,
 * CertificateVerify, Finished: four messages, 657 bytes, line 457) as the handshake content, and
 * delivers it as one record, as 1-byte records, and split in two at every position (the 4-byte
 * header split across records must be accepted, DIV-9; OK-08).
 */
#include "support/testutil.h"

#include <string.h>

#include "common/error.h"
#include "common/names.h"
#include "record/reassembly.h"
#include "support/record_vectors.h"

static struct tls_reassembly ra; /* ~80 KiB: static, as a connection struct would hold it */

#define MAX_MESSAGES 8

struct popped {
    uint8_t types[MAX_MESSAGES];
    uint8_t bytes[2048]; /* the popped messages, concatenated */
    size_t len;
    size_t count;
};

/* Pops every complete message, checking each view's consistency. */
static void pop_all(struct popped *out)
{
    for (;;) {
        struct tls_handshake_message msg;
        bool have;
        assert_int_equal(tls_reassembly_next(&ra, &msg, &have, NULL), TLS_OK);
        if (!have) {
            return;
        }
        assert_int_equal(msg.total_len, TLS_HANDSHAKE_HEADER_LEN + msg.length);
        assert_ptr_equal(msg.body, msg.bytes + TLS_HANDSHAKE_HEADER_LEN);
        assert_int_equal(msg.bytes[0], msg.msg_type);
        assert_true(out->count < MAX_MESSAGES);
        out->types[out->count++] = msg.msg_type;
        memcpy(out->bytes + out->len, msg.bytes, msg.total_len);
        out->len += msg.total_len;
    }
}

static void load_flight(struct record_vector *v)
{
    record_vector_load(RFC8448_S3, "{server}  send handshake record", "payload", 1, v);
    assert_int_equal(v->len, 657);
}

/* RFC 8448 §3 line 457: EncryptedExtensions(8), Certificate(11), CertificateVerify(15),
 * Finished(20), back to back; together they are exactly the record's payload. */
static void assert_flight(const struct popped *p, const struct record_vector *v)
{
    assert_int_equal(p->count, 4);
    assert_int_equal(p->types[0], TLS_HT_encrypted_extensions);
    assert_int_equal(p->types[1], TLS_HT_certificate);
    assert_int_equal(p->types[2], TLS_HT_certificate_verify);
    assert_int_equal(p->types[3], TLS_HT_finished);
    assert_bytes_equal(p->bytes, p->len, v->bytes, v->len, v->what);
    assert_false(tls_reassembly_pending(&ra));
}

static void several_messages_in_one_record(void **state)
{
    (void)state;
    struct record_vector v;
    load_flight(&v);
    static struct popped p;
    memset(&p, 0, sizeof(p));
    tls_reassembly_reset(&ra);
    assert_int_equal(tls_reassembly_add(&ra, v.bytes, v.len, NULL), TLS_OK);
    pop_all(&p);
    assert_flight(&p, &v);
}

static void one_byte_records(void **state)
{
    (void)state;
    struct record_vector v;
    load_flight(&v);
    static struct popped p;
    memset(&p, 0, sizeof(p));
    tls_reassembly_reset(&ra);
    for (size_t i = 0; i < v.len; i++) {
        assert_int_equal(tls_reassembly_add(&ra, v.bytes + i, 1, NULL), TLS_OK);
        size_t before = p.count;
        pop_all(&p);
        /* Between message boundaries something is pending; at one, nothing is. */
        assert_int_equal(tls_reassembly_pending(&ra), p.len != i + 1);
        assert_true(p.count <= before + 1);
    }
    assert_flight(&p, &v);
}

static void split_at_every_position(void **state)
{
    (void)state;
    struct record_vector v;
    load_flight(&v);
    static struct popped p;
    for (size_t cut = 1; cut < v.len; cut++) {
        memset(&p, 0, sizeof(p));
        tls_reassembly_reset(&ra);
        assert_int_equal(tls_reassembly_add(&ra, v.bytes, cut, NULL), TLS_OK);
        pop_all(&p);
        assert_int_equal(tls_reassembly_add(&ra, v.bytes + cut, v.len - cut, NULL), TLS_OK);
        pop_all(&p);
        assert_flight(&p, &v);
    }
}

static void header_split_across_records(void **state)
{
    (void)state;
    /* DIV-9: a Finished header cut after 1, 2 and 3 bytes; the RFC allows it, so must we. */
    const uint8_t finished[] = {0x14, 0x00, 0x00, 0x02, 0xab, 0xcd};
    for (size_t cut = 1; cut < TLS_HANDSHAKE_HEADER_LEN; cut++) {
        tls_reassembly_reset(&ra);
        struct tls_handshake_message msg;
        bool have;
        assert_int_equal(tls_reassembly_add(&ra, finished, cut, NULL), TLS_OK);
        assert_int_equal(tls_reassembly_next(&ra, &msg, &have, NULL), TLS_OK);
        assert_false(have);
        assert_true(tls_reassembly_pending(&ra));
        assert_int_equal(tls_reassembly_add(&ra, finished + cut, sizeof(finished) - cut, NULL),
                         TLS_OK);
        assert_int_equal(tls_reassembly_next(&ra, &msg, &have, NULL), TLS_OK);
        assert_true(have);
        assert_int_equal(msg.msg_type, TLS_HT_finished);
        assert_int_equal(msg.length, 2);
        assert_memory_equal(msg.bytes, finished, sizeof(finished));
        assert_false(tls_reassembly_pending(&ra));
    }
}

static void oversized_header_refused_before_body(void **state)
{
    (void)state;
    /* SM-06: only the header has arrived; a length above 64 KiB fails at once. */
    static const uint32_t lengths[] = {TLS_MAX_HANDSHAKE_MESSAGE_LEN + 1, 0x100000, 0xffffff};
    for (size_t i = 0; i < 3; i++) {
        const uint8_t header[] = {TLS_HT_certificate, (uint8_t)(lengths[i] >> 16),
                                  (uint8_t)(lengths[i] >> 8), (uint8_t)lengths[i]};
        tls_reassembly_reset(&ra);
        struct tls_error err = {0};
        assert_int_equal(tls_reassembly_add(&ra, header, sizeof(header), &err),
                         TLS_E_ALERT(TLS_ALERT_illegal_parameter));
        assert_non_null(strstr(err.reason, "RFC 8446 §4"));
        /* And the same header split over records fails when its last byte arrives. */
        tls_reassembly_reset(&ra);
        struct tls_error err2 = {0};
        assert_int_equal(tls_reassembly_add(&ra, header, 3, &err2), TLS_OK);
        assert_int_equal(tls_reassembly_add(&ra, header + 3, 1, &err2),
                         TLS_E_ALERT(TLS_ALERT_illegal_parameter));
    }
}

static void largest_message_accepted(void **state)
{
    (void)state;
    /* A 64 KiB Certificate in 2^14-byte records: exactly the bound, accepted. */
    static uint8_t message[TLS_HANDSHAKE_HEADER_LEN + TLS_MAX_HANDSHAKE_MESSAGE_LEN];
    message[0] = TLS_HT_certificate;
    message[1] = (uint8_t)(TLS_MAX_HANDSHAKE_MESSAGE_LEN >> 16);
    message[2] = (uint8_t)(TLS_MAX_HANDSHAKE_MESSAGE_LEN >> 8);
    message[3] = (uint8_t)TLS_MAX_HANDSHAKE_MESSAGE_LEN;
    for (size_t i = TLS_HANDSHAKE_HEADER_LEN; i < sizeof(message); i++) {
        message[i] = (uint8_t)(i * 7);
    }
    tls_reassembly_reset(&ra);
    struct tls_handshake_message msg;
    bool have = false;
    for (size_t off = 0; off < sizeof(message); off += TLS_MAX_PLAINTEXT_LEN) {
        size_t n = sizeof(message) - off < TLS_MAX_PLAINTEXT_LEN ? sizeof(message) - off
                                                                 : TLS_MAX_PLAINTEXT_LEN;
        assert_false(have);
        assert_int_equal(tls_reassembly_add(&ra, message + off, n, NULL), TLS_OK);
        assert_int_equal(tls_reassembly_next(&ra, &msg, &have, NULL), TLS_OK);
    }
    assert_true(have);
    assert_int_equal(msg.length, TLS_MAX_HANDSHAKE_MESSAGE_LEN);
    assert_memory_equal(msg.bytes, message, sizeof(message));
}

static void pending_message_blocks_key_change(void **state)
{
    (void)state;
    /* REC-11: the ServerHello record also carries the first bytes of the next message. */
    struct record_vector sh;
    record_vector_load(RFC8448_S3, "{server}  send handshake record", "payload", 0, &sh);
    uint8_t content[128];
    memcpy(content, sh.bytes, sh.len);
    const uint8_t ee_start[] = {0x08, 0x00, 0x00, 0x24, 0x00};
    memcpy(content + sh.len, ee_start, sizeof(ee_start));

    tls_reassembly_reset(&ra);
    assert_int_equal(tls_reassembly_add(&ra, content, sh.len + sizeof(ee_start), NULL), TLS_OK);
    struct tls_handshake_message msg;
    bool have;
    assert_int_equal(tls_reassembly_next(&ra, &msg, &have, NULL), TLS_OK);
    assert_true(have);
    assert_int_equal(msg.msg_type, TLS_HT_server_hello);
    assert_bytes_equal(msg.bytes, msg.total_len, sh.bytes, sh.len, sh.what);
    assert_int_equal(tls_reassembly_next(&ra, &msg, &have, NULL), TLS_OK);
    assert_false(have);
    /* Now the handshake would install the handshake keys: refused. */
    struct tls_error err = {0};
    assert_int_equal(tls_reassembly_check_boundary(&ra, NULL, &err),
                     TLS_E_ALERT(TLS_ALERT_unexpected_message));
    assert_string_equal(err.reason, TLS_REASSEMBLY_KEY_CHANGE_REASON);
    /* REC-10: the same check, worded for a record of another type in between. */
    struct tls_error err2 = {0};
    assert_int_equal(tls_reassembly_check_boundary(&ra, TLS_REASSEMBLY_INTERLEAVE_REASON, &err2),
                     TLS_E_ALERT(TLS_ALERT_unexpected_message));
    assert_string_equal(err2.reason, TLS_REASSEMBLY_INTERLEAVE_REASON);

    /* Aligned with the record boundary: the key change is fine. */
    tls_reassembly_reset(&ra);
    assert_int_equal(tls_reassembly_add(&ra, sh.bytes, sh.len, NULL), TLS_OK);
    assert_int_equal(tls_reassembly_next(&ra, &msg, &have, NULL), TLS_OK);
    assert_true(have);
    assert_int_equal(tls_reassembly_check_boundary(&ra, NULL, NULL), TLS_OK);
}

static void zero_length_fragment_refused(void **state)
{
    (void)state;
    /* REC-06: a plaintext handshake record of length 0. */
    tls_reassembly_reset(&ra);
    struct tls_error err = {0};
    const uint8_t none[1] = {0};
    assert_int_equal(tls_reassembly_add(&ra, none, 0, &err),
                     TLS_E_ALERT(TLS_ALERT_unexpected_message));
    assert_non_null(strstr(err.reason, "§5.1"));
}

static void truncated_message_never_pops(void **state)
{
    (void)state;
    struct record_vector v;
    load_flight(&v);
    /* The first message (EncryptedExtensions, 4 + 36 bytes) cut at every length. */
    for (size_t n = 1; n < 40; n++) {
        tls_reassembly_reset(&ra);
        assert_int_equal(tls_reassembly_add(&ra, v.bytes, n, NULL), TLS_OK);
        struct tls_handshake_message msg;
        bool have = true;
        assert_int_equal(tls_reassembly_next(&ra, &msg, &have, NULL), TLS_OK);
        assert_false(have);
        assert_null(msg.bytes);
        assert_true(tls_reassembly_pending(&ra));
    }
}

static void unpopped_messages_fill_the_buffer(void **state)
{
    (void)state;
    /* The contract: pop before adding. Ignoring it ends in internal_error, never an overflow. */
    static uint8_t chunk[TLS_MAX_PLAINTEXT_LEN];
    for (size_t i = 0; i + 4 <= sizeof(chunk); i += 4) {
        chunk[i] = TLS_HT_key_update; /* 4-byte messages with an empty body, never popped */
    }
    tls_reassembly_reset(&ra);
    tls_result rc = TLS_OK;
    size_t adds = 0;
    while (rc == TLS_OK && adds < 100) {
        rc = tls_reassembly_add(&ra, chunk, sizeof(chunk), NULL);
        adds++;
    }
    assert_int_equal(rc, TLS_E_INTERNAL);
    assert_int_equal(adds, TLS_REASSEMBLY_BUFFER_LEN / TLS_MAX_PLAINTEXT_LEN + 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(several_messages_in_one_record),
        cmocka_unit_test(one_byte_records),
        cmocka_unit_test(split_at_every_position),
        cmocka_unit_test(header_split_across_records),
        cmocka_unit_test(oversized_header_refused_before_body),
        cmocka_unit_test(largest_message_accepted),
        cmocka_unit_test(pending_message_blocks_key_change),
        cmocka_unit_test(zero_length_fragment_refused),
        cmocka_unit_test(truncated_message_never_pops),
        cmocka_unit_test(unpopped_messages_fill_the_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
