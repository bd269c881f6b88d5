/*
 * decoder_collect.h — a test consumer of the decoder's stream events (src/decoder/stream.h).
 *
 * It records what arrives per connection and direction (the first COLLECT_KEEP bytes, totals,
 * token sizes, gaps, the end) and checks the event contract as it goes: on_connection first,
 * chunks contiguous except across an on_gap, nothing after on_end. A broken rule is counted in
 * `violations` with the first one described in `violation`, so every test can assert it is 0.
 */
#ifndef TLS13_DECODER_COLLECT_H
#define TLS13_DECODER_COLLECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decoder/stream.h"

#define COLLECT_KEEP 65536u
#define COLLECT_MAX_TOKENS 64u

struct collected_dir {
    uint8_t *data;              /* first COLLECT_KEEP stream bytes (gaps zero-filled); lazily allocated */
    uint64_t end;               /* offset after the last byte delivered or declared missing */
    uint64_t bytes;             /* bytes delivered */
    uint64_t missing;           /* bytes declared missing */
    unsigned chunks;
    unsigned gaps;
    unsigned tokens;
    size_t token_len[COLLECT_MAX_TOKENS];
};

struct collected_conn {
    bool seen;
    bool ended;
    struct tls_stream_connection info;
    struct tls_stream_end end;
    struct collected_dir dir[2];
    unsigned notes;
};

struct collected {
    struct collected_conn conns[TLS_STREAM_MAX_CONNECTIONS + 1]; /* index = connection id */
    unsigned nconn;             /* on_connection events */
    unsigned nended;            /* on_end events */
    unsigned file_notes;        /* on_note with conn_id 0 */
    unsigned conn_notes;
    char last_note[256];
    unsigned violations;
    char violation[256];
};

/* Points cb at a fresh collector (heap: it is large). */
struct collected *collect_new(struct tls_stream_callbacks *cb);
void collect_free(struct collected *c);

/* Reads path (relative to tests/vectors) with tls_decoder_read_input into a new collector. */
struct collected *collect_read_vector(const char *relative_path, tls_result *rc,
                                      struct tls_input_error *ie);

/* Reads an absolute path. */
struct collected *collect_read_path(const char *path, tls_result *rc, struct tls_input_error *ie);

#endif
