/*
 * test_decoder_robust.c — damaged inputs must give messages, never crashes (run under ASan and
 * UBSan by scripts/test.sh): captures cut at many lengths, bytes flipped at random (fixed seed),
 * a capture holding only one direction, a token trace cut at every length.
 */
#include "support/testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decoder/stream.h"
#include "support/decoder_collect.h"
#include "support/decoder_pcap_build.h"

static void write_file(const char *path, const uint8_t *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

/* The contract holds whatever the input: no violations, every announced connection ended,
 * and a failure comes with a message. */
static struct collected *read_damaged(const char *path, tls_result *rc)
{
    struct tls_input_error ie;
    struct collected *c = collect_read_path(path, rc, &ie);
    if (c->violations != 0) {
        fail_msg("%s: %s", path, c->violation);
    }
    assert_int_equal(c->nended, c->nconn);
    if (*rc != TLS_OK) {
        assert_true(ie.message[0] != '\0');
        assert_non_null(ie.err.reason);
    }
    return c;
}

/* Cut at every 3rd length (pcap) or every 5th (pcapng): each direction's bytes are a prefix of the
 * whole capture's, nothing declared missing (a cut drops whole packets), and past the file
 * header libpcap's complaint about the cut reaches us as a note. */
static void check_truncations(const char *vector, size_t step)
{
    size_t len;
    uint8_t *whole = test_read_vector_file(vector, &len);
    tls_result rc;
    struct tls_input_error ie;
    struct collected *full = collect_read_vector(vector, &rc, &ie);
    assert_int_equal(rc, TLS_OK);
    char path[256];
    pb_temp_path(path, sizeof(path), "cut");
    for (size_t n = 0; n < len; n += step) {
        write_file(path, whole, n);
        struct collected *c = read_damaged(path, &rc);
        for (unsigned id = 1; id <= c->nconn; id++) {
            for (int d = 0; d < 2; d++) {
                const struct collected_dir *got = &c->conns[id].dir[d], *all = &full->conns[id].dir[d];
                assert_int_equal(got->missing, 0);
                assert_true(got->bytes <= all->bytes);
                if (got->bytes > 0 && memcmp(got->data, all->data, (size_t)got->bytes) != 0) {
                    fail_msg("%s cut at %zu: conn %u dir %d differs from the whole capture", vector, n, id, d);
                }
            }
        }
        collect_free(c);
    }
    collect_free(full);
    free(whole);
    remove(path);
}

static void truncated_captures(void **state)
{
    (void)state;
    check_truncations("captures/tls13-aes-128-gcm-x25519.pcap", 3);
    check_truncations("captures/hotplace-TLS_AES_128_GCM_SHA256.pcapng", 5);
}

/* A cut inside a packet record is reported, not silently taken as the end. */
static void truncation_is_reported(void **state)
{
    (void)state;
    size_t len;
    uint8_t *whole = test_read_vector_file("captures/tls13-aes-128-gcm-x25519.pcap", &len);
    char path[256];
    pb_temp_path(path, sizeof(path), "cut1");
    write_file(path, whole, len / 2); /* inside a packet record */
    tls_result rc;
    struct collected *c = read_damaged(path, &rc);
    assert_int_equal(rc, TLS_OK);
    assert_int_equal(c->nconn, 1);
    assert_int_equal(c->conns[1].end.reason, TLS_STREAM_END_CAPTURE);
    assert_true(c->file_notes >= 1);
    assert_non_null(strstr(c->last_note, "cut off"));
    collect_free(c);
    free(whole);
    remove(path);
}

/* A small deterministic generator (fixed seed: every run flips the same bytes). */
static uint32_t lcg(uint32_t *s)
{
    *s = *s * 1103515245u + 12345u;
    return *s >> 8;
}

static void corrupt(const char *vector, uint32_t seed, unsigned iterations)
{
    size_t len;
    uint8_t *whole = test_read_vector_file(vector, &len);
    uint8_t *copy = malloc(len);
    assert_non_null(copy);
    char path[256];
    pb_temp_path(path, sizeof(path), "corrupt");
    for (unsigned it = 0; it < iterations; it++) {
        memcpy(copy, whole, len);
        unsigned flips = 1 + lcg(&seed) % 8;
        for (unsigned f = 0; f < flips; f++) {
            /* Mostly past the 24-byte file header, so that packets, not the file, are damaged. */
            size_t at = (it % 10 == 0) ? lcg(&seed) % len : 24 + lcg(&seed) % (len - 24);
            copy[at] ^= (uint8_t)(1 + lcg(&seed) % 255);
        }
        write_file(path, copy, len);
        tls_result rc;
        struct collected *c = read_damaged(path, &rc);
        collect_free(c);
    }
    free(copy);
    free(whole);
    remove(path);
}

static void corrupted_captures(void **state)
{
    (void)state;
    corrupt("captures/tls13-hrr-x25519-to-p256.pcap", 20261123u, 200);
    corrupt("captures/hotplace-TLS_AES_256_GCM_SHA384.pcapng", 8446u, 100);
    corrupt("captures/schannel/tls12_rdpeudp_win2win.reframed-tcp.pcap", 3389u, 100);
}

/* Only the server's packets (source port 44301): the SYN+ACK still names the client; only
 * the server's packets without SYN: its ServerHello does. Byte count from tshark (see
 * test_decoder_input.c): 1909 server bytes. */
static void only_one_direction(void **state)
{
    (void)state;
    char in[1024], out[256];
    snprintf(in, sizeof(in), "%s/captures/tls13-aes-128-gcm-x25519.pcap", TLS13_VECTORS_DIR);
    pb_temp_path(out, sizeof(out), "onedir.pcap");
    for (int drop_syn = 0; drop_syn < 2; drop_syn++) {
        assert_true(pb_filter_by_source_port(in, out, 44301, drop_syn != 0) > 0);
        tls_result rc;
        struct collected *c = read_damaged(out, &rc);
        assert_int_equal(rc, TLS_OK);
        assert_int_equal(c->nconn, 1);
        const struct collected_conn *k = &c->conns[1];
        assert_int_equal(k->info.client_rule, drop_syn ? TLS_CLIENT_BY_HELLO : TLS_CLIENT_BY_SYN);
        assert_int_equal(k->info.client_port, 42180);
        assert_int_equal(k->dir[TLS_DIR_CLIENT_TO_SERVER].bytes, 0);
        assert_int_equal(k->dir[TLS_DIR_SERVER_TO_CLIENT].bytes, 1909);
        assert_int_equal(k->dir[TLS_DIR_SERVER_TO_CLIENT].data[0], 0x16);
        assert_int_equal(k->end.reason, TLS_STREAM_END_CAPTURE);
        collect_free(c);
    }
    /* Only the client's: 367 bytes, starting with the ClientHello record. */
    assert_true(pb_filter_by_source_port(in, out, 42180, false) > 0);
    tls_result rc;
    struct collected *c = read_damaged(out, &rc);
    assert_int_equal(c->conns[1].info.client_port, 42180);
    assert_int_equal(c->conns[1].dir[TLS_DIR_CLIENT_TO_SERVER].bytes, 367);
    assert_int_equal(c->conns[1].dir[TLS_DIR_SERVER_TO_CLIENT].bytes, 0);
    collect_free(c);
    remove(out);
}

/* A token trace cut at every length either parses (at a token or digit-pair boundary) or
 * fails with a line; garbage bytes fail the same way. */
static void truncated_and_garbage_traces(void **state)
{
    (void)state;
    size_t len;
    uint8_t *text = test_read_vector_file("traces/so72871449_schannel_tls13_nst.trace", &len);
    for (size_t n = 0; n <= len; n++) {
        struct tls_stream_callbacks cb;
        struct collected *c = collect_new(&cb);
        struct tls_input_error ie;
        memset(&ie, 0, sizeof(ie));
        tls_result rc = tls_token_trace_read((const char *)text, n, &cb, &ie);
        assert_int_equal(c->violations, 0);
        if (rc == TLS_OK) {
            assert_int_equal(c->nended, 1);
        } else {
            assert_int_equal(c->nconn, 0);
            assert_true(ie.message[0] != '\0');
        }
        collect_free(c);
    }
    uint32_t seed = 72871449u;
    for (unsigned it = 0; it < 200; it++) {
        char junk[300];
        size_t n = lcg(&seed) % sizeof(junk);
        for (size_t i = 0; i < n; i++) {
            junk[i] = (char)(lcg(&seed) % 4 == 0 ? "CS:#\n 0a"[lcg(&seed) % 8] : (char)lcg(&seed));
        }
        struct tls_stream_callbacks cb;
        struct collected *c = collect_new(&cb);
        struct tls_input_error ie;
        memset(&ie, 0, sizeof(ie));
        (void)tls_token_trace_read(junk, n, &cb, &ie);
        assert_int_equal(c->violations, 0);
        collect_free(c);
    }
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(truncated_captures),
        cmocka_unit_test(truncation_is_reported),
        cmocka_unit_test(corrupted_captures),
        cmocka_unit_test(only_one_direction),
        cmocka_unit_test(truncated_and_garbage_traces),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
