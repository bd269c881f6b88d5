/*
 * test_decoder_tls_robust.c — the TLS half of the decoder on damaged input: truncated files,
 * flipped bytes, garbage between records, one direction only, a tampered transcript. Run under
 * ASan+UBSan by scripts/test.sh: "no crash" is checked there; here each case also checks what
 * the decoder says.
 */
#include "support/testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/names.h"
#include "decoder/decode.h"
#include "support/decoder_pcap_build.h"
#include "support/decoder_tls_collect.h"

/* Writes bytes to this process's temporary file; returns its path in path (cap bytes). */
static void write_temp(const uint8_t *data, size_t len, char *path, size_t cap)
{
    snprintf(path, cap, "/tmp/tls13-decoder-tls-robust-%ld", (long)getpid());
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
}

static struct dtc *decode_bytes(const uint8_t *data, size_t len, const char *keylog,
                                enum tls_decode_format format)
{
    char path[64];
    write_temp(data, len, path, sizeof(path));
    struct dtc *d = dtc_decode(path, keylog, format);
    unlink(path);
    return d;
}

/* JSON output is well formed enough to be read: brackets balance outside strings, and it is an
   array. (tests/decoder/compare_tshark.sh reads it with awk; jq is not required.) */
static void assert_json_shape(const char *out)
{
    assert_non_null(out);
    assert_int_equal(out[0], '[');
    long depth = 0;
    bool in_string = false;
    for (const char *p = out; *p != '\0'; p++) {
        if (in_string) {
            if (*p == '\\') {
                p++;
            } else if (*p == '"') {
                in_string = false;
            }
            continue;
        }
        if (*p == '"') {
            in_string = true;
        } else if (*p == '[' || *p == '{') {
            depth++;
        } else if (*p == ']' || *p == '}') {
            depth--;
            assert_true(depth >= 0);
        }
    }
    assert_false(in_string);
    assert_int_equal(depth, 0);
}

static bool same_record(const struct tls_decoded_record *a, const struct tls_decoded_record *b)
{
    return a->conn_id == b->conn_id && a->dir == b->dir && a->outer_type == b->outer_type &&
           a->length == b->length && a->offset == b->offset && a->decrypted == b->decrypted &&
           a->message_count == b->message_count;
}

/* A file cut at any length gives a prefix of the full file's records (per direction): no record
   is invented, none changes. Every 23rd length and the last 40 lengths of each capture. */
static void truncated_captures(void **state)
{
    (void)state;
    static const char *const captures[][2] = {
        {"captures/tls13-hrr-x25519-to-p256.pcap", "captures/tls13-hrr-x25519-to-p256.keylog"},
        {"captures/tls13-resumption.pcap", "captures/tls13-resumption.keylog"},
        {"captures/schannel/tls12_win_ie11_client_gomicrosoft.pcap", NULL},
        {"captures/schannel/tls13_win_curl_schannel_client.pcap", NULL},
        {"captures/tls12-ecdhe-rsa-aes-128-gcm.pcapng", "captures/tls12-ecdhe-rsa-aes-128-gcm.keylog"},
    };
    size_t runs = 0;
    for (size_t k = 0; k < sizeof(captures) / sizeof(captures[0]); k++) {
        size_t len = 0;
        uint8_t *bytes = test_read_vector_file(captures[k][0], &len);
        struct dtc *full = dtc_decode(captures[k][0], captures[k][1], TLS_DECODE_TEXT);
        for (size_t cut = 0; cut < len; cut += (cut + 40 >= len ? 1 : 23)) {
            struct dtc *d = decode_bytes(bytes, cut, captures[k][1], TLS_DECODE_JSON);
            runs++;
            if (d->rc == TLS_OK) {
                assert_json_shape(d->out);
            }
            for (size_t i = 0; i < d->nrec; i++) {
                const struct tls_decoded_record *r = &d->recs[i];
                const struct tls_decoded_record *f = dtc_record(full, r->conn_id, (int)r->dir,
                                                                 0);
                size_t nth = 0;
                for (size_t j = 0; j < i; j++) {
                    nth += d->recs[j].conn_id == r->conn_id && d->recs[j].dir == r->dir;
                }
                f = dtc_record(full, r->conn_id, (int)r->dir, nth);
                if (f == NULL || !same_record(r, f)) {
                    fail_msg("%s cut at %zu: record %zu is not the full capture's", captures[k][0], cut, i);
                }
            }
            dtc_free(d);
        }
        dtc_free(full);
        free(bytes);
    }
    assert_true(runs > 500);
}

/* Flipped bytes anywhere (seeded, reproducible): a report, never a crash, valid JSON. */
static void corrupted_captures(void **state)
{
    (void)state;
    size_t len = 0;
    uint8_t *orig = test_read_vector_file("captures/tls13-hrr-x25519-to-p256.pcap", &len);
    uint8_t *bytes = malloc(len);
    unsigned long seed = 0x7e57;
    for (int run = 0; run < 200; run++) {
        memcpy(bytes, orig, len);
        int flips = 1 + run % 4;
        for (int i = 0; i < flips; i++) {
            seed = seed * 6364136223846793005ul + 1442695040888963407ul;
            size_t at = (size_t)(seed >> 33) % len;
            bytes[at] ^= (uint8_t)(1u << ((seed >> 20) & 7));
        }
        struct dtc *d = decode_bytes(bytes, len, "captures/tls13-hrr-x25519-to-p256.keylog",
                                     TLS_DECODE_JSON);
        if (d->rc == TLS_OK) {
            assert_json_shape(d->out);
        }
        /* Records are at least 5 bytes each: a bound on what may be reported. */
        assert_true(d->nrec <= len / 5);
        dtc_free(d);
    }
    free(bytes);
    free(orig);
}

/* One byte of ClientHello.legacy_session_id changed: the records still decrypt (the keys come
   from the key log by client random), but both Finished values fail: the transcript differs. */
static void tampered_transcript_fails_finished(void **state)
{
    (void)state;
    size_t len = 0;
    uint8_t *bytes = test_read_vector_file("captures/tls13-aes-128-gcm-x25519.pcap", &len);
    size_t at = 0;
    for (size_t i = 0; i + 6 < len; i++) {
        /* handshake record, version 03 01, then client_hello(1) */
        if (bytes[i] == 0x16 && bytes[i + 1] == 0x03 && bytes[i + 2] == 0x01 && bytes[i + 5] == 0x01) {
            at = i + 5 + 4 + 2 + 32 + 1 + 3; /* inside legacy_session_id */
            break;
        }
    }
    assert_true(at != 0);
    bytes[at] ^= 0x01;
    struct dtc *d = decode_bytes(bytes, len, "captures/tls13-aes-128-gcm-x25519.keylog", TLS_DECODE_TEXT);
    assert_int_equal(d->nconn, 1);
    assert_int_equal(d->conns[0].summary.server_finished, TLS_FINISHED_FAILED);
    assert_int_equal(d->conns[0].summary.client_finished, TLS_FINISHED_FAILED);
    assert_non_null(strstr(d->out, "expected verify_data"));
    dtc_free(d);
    free(bytes);
}

/* The last byte of a TLS 1.2 ServerKeyExchange signature flipped: the signature check fails
   (it verifies unchanged, see test_decoder_tls). The byte is the one before the
   ServerHelloDone record (16 03 03 00 04 0e 00 00 00). */
static void tampered_server_key_exchange(void **state)
{
    (void)state;
    static const uint8_t done[] = {0x16, 0x03, 0x03, 0x00, 0x04, 0x0e, 0x00, 0x00, 0x00};
    size_t len = 0;
    uint8_t *bytes = test_read_vector_file("captures/schannel/tls12_win_ie11_client_gomicrosoft.pcap", &len);
    size_t at = 0;
    for (size_t i = 1; i + sizeof(done) <= len && at == 0; i++) {
        if (memcmp(bytes + i, done, sizeof(done)) == 0) {
            at = i - 1;
        }
    }
    assert_true(at != 0);
    bytes[at] ^= 0x80;
    struct dtc *d = decode_bytes(bytes, len, NULL, TLS_DECODE_TEXT);
    assert_int_equal(d->nconn, 1);
    assert_int_equal(d->conns[0].summary.server_signature, TLS_FINISHED_FAILED);
    assert_non_null(strstr(d->out, "DOES NOT VERIFY"));
    dtc_free(d);
    free(bytes);
}

/* Garbage between records: reported with its offset, and the records after it decoded. */
static void garbage_between_records(void **state)
{
    (void)state;
    struct dtc *d = dtc_decode_trace("C: 15 03 03 00 02 01 00\n"
                                     "   de ad be ef 99\n"
                                     "   15 03 03 00 02 02 28  15 03 03 00 02 01 00"
                                     "   15 03 03 00 02 01 00\n"
                                     "S: 15 03 03 00 02 02 28\n",
                                     TLS_DECODE_TEXT);
    assert_int_equal(d->nconn, 1);
    assert_non_null(strstr(d->conns[0].notes, "client: offset 7: skipped 5 bytes that are not TLS "
                                                "records (garbage or corruption): de ad be ef"));
    const struct tls_decoded_record *r = dtc_record(d, 1, TLS_DIR_CLIENT_TO_SERVER, 1);
    assert_non_null(r);
    assert_int_equal(r->offset, 12);
    assert_true(r->has_alert);
    assert_int_equal(r->alert_description, TLS_ALERT_handshake_failure);
    assert_non_null(dtc_record(d, 1, TLS_DIR_CLIENT_TO_SERVER, 3));
    dtc_free(d);
}

static void one_direction_and_truncated_record(void **state)
{
    (void)state;
    struct dtc *d = dtc_decode_trace("S: 15 03 03 00 02 01 00\nS: 17 03 03 00 05 01 02\n",
                                     TLS_DECODE_TEXT);
    assert_int_equal(d->nconn, 1);
    assert_int_equal(d->nrec, 1);
    assert_non_null(strstr(d->conns[0].notes, "record at offset 7 incomplete (7 of 10 bytes)"));
    assert_non_null(strstr(d->conns[0].notes, "only one direction"));
    assert_non_null(strstr(d->out, "Connection 1"));
    dtc_free(d);
}

/* A ClientHello whose body does not parse: the parser's RFC reason is reported. */
static void unparsable_client_hello(void **state)
{
    (void)state;
    struct dtc *d = dtc_decode_trace("C: 16 03 01 00 08 01 00 00 04 03 03 00 00\n"
                                     "S: 15 03 03 00 02 02 32\n",
                                     TLS_DECODE_JSON);
    assert_int_equal(d->nrec, 2);
    assert_non_null(strstr(d->conns[0].notes, "ClientHello does not parse"));
    assert_int_equal(d->recs[1].alert_description, TLS_ALERT_decode_error);
    assert_json_shape(d->out);
    dtc_free(d);
}

/* Every prefix of the Stack Overflow 72871449 token (as a trace): an incomplete record, noted. */
static void truncated_trace_record(void **state)
{
    (void)state;
    size_t len = 0;
    uint8_t *text = test_read_vector_file("traces/so72871449_schannel_tls13_nst.trace", &len);
    const char *s = strstr((const char *)text, "\nS:\n"); /* comments hold "S:" too */
    assert_non_null(s);
    size_t start = (size_t)(s - (const char *)text) + 4;
    char *cut = malloc(len + 2);
    size_t runs = 0;
    for (size_t n = start + 2; n < len; n += 3) {
        memcpy(cut, text, n);
        cut[n] = '\0';
        struct dtc *d = dtc_decode_trace(cut, TLS_DECODE_TEXT);
        if (d->rc == TLS_OK) {
            runs++;
            assert_int_equal(d->nrec, n + 3 >= len ? 1 : 0);
            if (d->nrec == 0) {
                assert_true(strstr(d->conns[0].notes, "incomplete") != NULL ||
                            strstr(d->conns[0].notes, "without a TLS record") != NULL ||
                            strstr(d->conns[0].notes, "of a record header") != NULL);
            }
        }
        dtc_free(d);
    }
    assert_true(runs > 90);
    free(cut);
    free(text);
}

/* A record that says more than the decoder keeps about one record (TLS_MODEL_MAX_FACTS, 96):
   120 HelloRequests (RFC 5246 §7.4.1.1: type 0, empty body) in one record. Each is three facts
   (its header, its fields, the sentence about renegotiation) after the record's two (header,
   "not protected"): 362 in all. The first 95 are shown and the 96th says how many more there
   were, so a record's description stays bounded; the record itself is decoded whole. */
static void record_with_more_facts_than_kept(void **state)
{
    (void)state;
    enum { N = 120 };
    char trace[64 + 12 * N];
    size_t n = (size_t)snprintf(trace, sizeof(trace), "S: 16 03 03 %02x %02x", (4 * N) >> 8, (4 * N) & 0xff);
    for (int i = 0; i < N; i++) {
        n += (size_t)snprintf(trace + n, sizeof(trace) - n, " 00 00 00 00");
    }
    snprintf(trace + n, sizeof(trace) - n, "\n");
    struct dtc *d = dtc_decode_trace(trace, TLS_DECODE_TEXT);
    assert_int_equal(d->rc, TLS_OK);
    assert_int_equal(d->nrec, 1);
    assert_int_equal(d->recs[0].length, 4 * N);
    assert_non_null(strstr(d->out, "    (267 more facts about this record not shown)\n"));
    /* facts 3..95: 93 of them, a third of them message headers */
    size_t headers = 0;
    for (const char *p = d->out; (p = strstr(p, "Handshake hello_request(0), length 0")) != NULL; p++) {
        headers++;
    }
    assert_int_equal(headers, 31);
    dtc_free(d);
}

/* A long connection (7000 records) is written in parts, none of it cut: memory stays bounded
   by TLS_DECODE_TEXT_PART whatever the capture's size. */
static void long_connection_in_parts(void **state)
{
    (void)state;
    static const char record[] = "17 03 03 00 20 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f"
                                 " 10 11 12 13 14 15 16 17 18 19 1a 1b 1c 1d 1e 1f\n";
    size_t n = 7000;
    char *trace = malloc(8 + n * sizeof(record));
    assert_non_null(trace);
    strcpy(trace, "S:\n");
    size_t used = strlen(trace);
    for (size_t i = 0; i < n; i++) {
        memcpy(trace + used, record, sizeof(record) - 1);
        used += sizeof(record) - 1;
    }
    trace[used] = '\0';
    struct dtc *d = dtc_decode_trace(trace, TLS_DECODE_TEXT);
    assert_int_equal(d->nrec, n);
    assert_non_null(strstr(d->out, "part 1, records 1 to"));
    assert_non_null(strstr(d->out, "part 2, records"));
    assert_non_null(strstr(d->out, "#7000 server offset 258963")); /* 6999 * 37 */
    assert_null(strstr(d->out, "truncated"));
    dtc_free(d);
    free(trace);
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p != NULL; p = strstr(p + 1, needle)) {
        n++;
    }
    return n;
}

/* JSON of a long connection is written as it goes; a connection that ends meanwhile (port
   40002) follows it, whole. Both objects well formed, no record lost. */
static void long_connection_json_streams(void **state)
{
    (void)state;
    char path[256];
    pb_temp_path(path, sizeof(path), "json-stream.pcap");
    struct pb_writer *w = pb_open(path, PB_ETHERNET, NULL);
    uint8_t segment[100 * 37];
    for (size_t i = 0; i < 100; i++) {
        static const uint8_t header[] = {0x17, 0x03, 0x03, 0x00, 0x20};
        memcpy(segment + 37 * i, header, 5);
        memset(segment + 37 * i + 5, (int)i, 32);
    }
    static const uint8_t alert[] = {0x15, 0x03, 0x03, 0x00, 0x02, 0x01, 0x00};
    pb_set_client_port(w, 40001);
    pb_tcp(w, true, 1000, 2, NULL, 0);
    pb_tcp(w, false, 5000, 2 | 16, NULL, 0);
    pb_set_client_port(w, 40002);
    pb_tcp(w, true, 1000, 2, NULL, 0);
    pb_tcp(w, false, 5000, 2 | 16, NULL, 0);
    pb_tcp(w, true, 1001, 16, alert, sizeof(alert));
    pb_set_client_port(w, 40001);
    for (uint32_t k = 0; k < 60; k++) {
        pb_tcp(w, false, 5001 + k * (uint32_t)sizeof(segment), 16, segment, sizeof(segment));
        if (k == 55) { /* connection 2 ends while connection 1's object is open */
            pb_set_client_port(w, 40002);
            pb_tcp(w, true, 1001 + sizeof(alert), 1 | 16, NULL, 0);
            pb_tcp(w, false, 5001, 1 | 16, NULL, 0);
            pb_set_client_port(w, 40001);
        }
    }
    pb_close(w);
    struct dtc *d = dtc_decode(path, NULL, TLS_DECODE_JSON);
    unlink(path);
    assert_int_equal(d->rc, TLS_OK);
    assert_int_equal(d->nconn, 2);
    assert_int_equal(d->nrec, 6001);
    assert_json_shape(d->out);
    assert_int_equal(count(d->out, "{\"input\": "), 2);
    assert_int_equal(count(d->out, "{\"dir\": \"server\""), 6000);
    assert_null(strstr(d->out, "truncated"));
    /* Connection 1's object was opened first, so it comes first; its summary follows its records. */
    assert_true(strstr(d->out, "\"id\": 1,") < strstr(d->out, "\"id\": 2,"));
    dtc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(truncated_captures),
        cmocka_unit_test(corrupted_captures),
        cmocka_unit_test(tampered_transcript_fails_finished),
        cmocka_unit_test(tampered_server_key_exchange),
        cmocka_unit_test(garbage_between_records),
        cmocka_unit_test(one_direction_and_truncated_record),
        cmocka_unit_test(unparsable_client_hello),
        cmocka_unit_test(truncated_trace_record),
        cmocka_unit_test(record_with_more_facts_than_kept),
        cmocka_unit_test(long_connection_in_parts),
        cmocka_unit_test(long_connection_json_streams),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
