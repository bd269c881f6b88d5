/*
 * test_cli_trace_decode.c — what `tls13 connect --trace` writes (src/cli/trace_writer.c) is read
 * back by the decoder's token-trace parser (src/decoder/token_trace.c) byte for byte, token for
 * token: the two sides of the DESIGN.md "Token trace format".
 *
 * A file of its own: decoder/stream.h and handshake/client.h both name a TLS_DIR_CLIENT_TO_SERVER.
 */
#define _POSIX_C_SOURCE 200809L

#include "support/testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/trace_writer.h"
#include "decoder/stream.h"

struct collected {
    uint8_t bytes[2][4096];
    size_t len[2];
    unsigned tokens[2];
    unsigned last_token[2];
};

static void on_data(void *ctx, const struct tls_stream_chunk *chunk)
{
    struct collected *c = ctx;
    assert_true(c->len[chunk->dir] + chunk->len <= sizeof(c->bytes[0]));
    memcpy(c->bytes[chunk->dir] + c->len[chunk->dir], chunk->data, chunk->len);
    c->len[chunk->dir] += chunk->len;
    if (chunk->token_index != c->last_token[chunk->dir]) {
        c->tokens[chunk->dir]++;
        c->last_token[chunk->dir] = chunk->token_index;
    }
}

static void written_trace_reads_back(void **state)
{
    (void)state;
    /* RFC 8448 §3 lines 201 and 203: the start of the ClientHello and ServerHello records,
     * cut into tokens the way recv() might return them; one token longer than a line. */
    const uint8_t c1[] = {0x16, 0x03, 0x01, 0x00, 0xc4, 0x01, 0x00, 0x00, 0xc0};
    const uint8_t s1[] = {0x16, 0x03, 0x03};
    const uint8_t s2[] = {0x00, 0x5a, 0x02, 0x00, 0x00, 0x56};
    uint8_t c2[70];
    for (size_t i = 0; i < sizeof(c2); i++) {
        c2[i] = (uint8_t)(0xff - i);
    }
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    trace_write_comment(f, "tls13 connect 127.0.0.1 port 4433\nsecond comment line");
    trace_write_token(f, 'C', c1, sizeof(c1));
    trace_write_token(f, 'S', s1, sizeof(s1));
    trace_write_token(f, 'S', s2, sizeof(s2));
    trace_write_token(f, 'C', c2, sizeof(c2));
    fclose(f);

    struct collected got;
    memset(&got, 0, sizeof(got));
    struct tls_stream_callbacks cb = {.ctx = &got, .on_data = on_data};
    struct tls_input_error ie;
    memset(&ie, 0, sizeof(ie));
    tls_result rc = tls_token_trace_read(text, len, &cb, &ie);
    if (rc != TLS_OK) {
        fail_msg("decoder refused the trace at line %lu: %s", ie.line, ie.message);
    }
    uint8_t want_c[sizeof(c1) + sizeof(c2)], want_s[sizeof(s1) + sizeof(s2)];
    memcpy(want_c, c1, sizeof(c1));
    memcpy(want_c + sizeof(c1), c2, sizeof(c2));
    memcpy(want_s, s1, sizeof(s1));
    memcpy(want_s + sizeof(s1), s2, sizeof(s2));
    assert_bytes_equal(got.bytes[TLS_DIR_CLIENT_TO_SERVER], got.len[TLS_DIR_CLIENT_TO_SERVER],
                       want_c, sizeof(want_c), "client bytes through writer and decoder");
    assert_bytes_equal(got.bytes[TLS_DIR_SERVER_TO_CLIENT], got.len[TLS_DIR_SERVER_TO_CLIENT],
                       want_s, sizeof(want_s), "RFC 8448 §3 ServerHello start, split in two tokens");
    assert_int_equal(got.tokens[TLS_DIR_CLIENT_TO_SERVER], 2);
    assert_int_equal(got.tokens[TLS_DIR_SERVER_TO_CLIENT], 2);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(written_trace_reads_back),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
