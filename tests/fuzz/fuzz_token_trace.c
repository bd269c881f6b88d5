/*
 * fuzz_token_trace.c — the token-trace reader of the decoder (src/decoder/stream.h, format in
 * DESIGN.md: "#" comments, "C:"/"S:" start a token, hex bytes until the next one).
 *
 * Input: the text of a trace. Oracles (stream.h's contract): on failure no event at all was
 * produced ("The whole text is checked before any event is produced") and the error names a
 * line; on success exactly one connection, its tokens numbered 1, 2, ... per direction, each
 * non-empty and contiguous in stream offsets, and on_end's counts equal what was delivered.
 */
#include <string.h>

#include "decoder/stream.h"
#include "fuzz.h"

struct seen {
    unsigned connections, ends, events;
    unsigned tokens[2];
    uint64_t bytes[2];
};

static volatile uint8_t sink;

static void on_connection(void *ctx, const struct tls_stream_connection *conn)
{
    struct seen *s = ctx;
    FUZZ_CHECK(conn->id == 1, "a trace is connection 1");
    s->connections++;
    s->events++;
}

static void on_data(void *ctx, const struct tls_stream_chunk *chunk)
{
    struct seen *s = ctx;
    FUZZ_CHECK(chunk->dir == TLS_DIR_CLIENT_TO_SERVER || chunk->dir == TLS_DIR_SERVER_TO_CLIENT,
               "unknown direction");
    FUZZ_CHECK(chunk->len > 0, "empty chunk delivered");
    FUZZ_CHECK(chunk->offset == s->bytes[chunk->dir], "chunks of a direction not contiguous");
    FUZZ_CHECK(chunk->token_index == s->tokens[chunk->dir] + 1, "token numbers not 1, 2, ...");
    uint8_t x = 0;
    for (size_t i = 0; i < chunk->len; i++) {
        x ^= chunk->data[i];
    }
    sink = x;
    s->tokens[chunk->dir]++;
    s->bytes[chunk->dir] += chunk->len;
    s->events++;
}

/* A DTLS trace (first token a DTLS record): one datagram per token, numbered like tokens. */
static void on_datagram(void *ctx, const struct tls_stream_datagram *dg)
{
    struct seen *s = ctx;
    FUZZ_CHECK(dg->dir == TLS_DIR_CLIENT_TO_SERVER || dg->dir == TLS_DIR_SERVER_TO_CLIENT, "unknown direction");
    FUZZ_CHECK(dg->len > 0 && dg->sent_len == dg->len, "empty or cut datagram from a trace");
    FUZZ_CHECK(dg->token_index == s->tokens[dg->dir] + 1 && dg->index == dg->token_index,
               "datagram numbers not 1, 2, ...");
    uint8_t x = 0;
    for (size_t i = 0; i < dg->len; i++) {
        x ^= dg->data[i];
    }
    sink = x;
    s->tokens[dg->dir]++;
    s->bytes[dg->dir] += dg->len;
    s->events++;
}

static void on_gap(void *ctx, unsigned conn_id, enum tls_direction dir, uint64_t offset,
                   uint64_t missing)
{
    (void)conn_id;
    (void)dir;
    (void)offset;
    (void)missing;
    struct seen *s = ctx;
    s->events++;
    FUZZ_CHECK(0, "a token trace has no gaps");
}

static void on_end(void *ctx, const struct tls_stream_end *end)
{
    struct seen *s = ctx;
    for (int d = 0; d < 2; d++) {
        FUZZ_CHECK(end->bytes[d] == s->bytes[d], "on_end byte count differs from on_data's");
        FUZZ_CHECK(end->tokens[d] == s->tokens[d], "on_end token count differs from on_data's");
    }
    s->ends++;
    s->events++;
}

static void on_note(void *ctx, unsigned conn_id, const char *message)
{
    struct seen *s = ctx;
    (void)conn_id;
    FUZZ_CHECK(message != NULL && strlen(message) < 4096, "note without a message");
    s->events++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct seen s;
    memset(&s, 0, sizeof(s));
    const struct tls_stream_callbacks cb = {
        .ctx = &s,
        .on_connection = on_connection,
        .on_data = on_data,
        .on_gap = on_gap,
        .on_end = on_end,
        .on_note = on_note,
        .on_datagram = on_datagram,
    };
    struct tls_input_error ie;
    memset(&ie, 0, sizeof(ie));
    tls_result rc = tls_token_trace_read((const char *)data, size, &cb, &ie);
    if (rc != TLS_OK) {
        FUZZ_CHECK(s.events == 0, "events produced before a trace error");
        FUZZ_CHECK(ie.err.code == rc && ie.err.reason != NULL, "trace error without a reason");
        FUZZ_CHECK(memchr(ie.message, '\0', sizeof(ie.message)) != NULL, "message not terminated");
        return 0;
    }
    FUZZ_CHECK(s.connections == 1 && s.ends == 1, "a trace is one connection, ended once");
    return 0;
}
