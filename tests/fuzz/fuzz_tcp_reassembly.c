/*
 * fuzz_tcp_reassembly.c — the decoder's TCP reassembly (RFC 9293 §3.4, §3.10.7;
 * src/decoder/tcp_reassembly.c): segments out of order, overlapping, retransmitted, cut short,
 * with SYN, FIN and RST in any order, turned into the per-direction streams of stream.h.
 *
 * Input: a list of segments between two hosts, each encoded as
 *     uint8  control;   bit 0: direction (0: 10.0.0.1 -> 10.0.0.2, 1: back);
 *                       bits 1-2: which of four client ports (four possible connections);
 *                       bit 3 FIN, bit 4 SYN, bit 5 RST, bit 6 ACK;
 *                       bit 7: the packet was cut by the snapshot length (100 bytes missing)
 *     uint32 seq;       big-endian
 *     uint16 length;    payload bytes that follow (fewer if the input ends first)
 *     opaque payload[length];
 * The seeds are the first segments of the project's captures, written in this form.
 *
 * Oracles (stream.h's contract): per connection, on_connection first and once, on_end last and
 * once; per direction, each on_data or on_gap starts exactly where the previous one ended (from
 * offset 0), chunks are non-empty; on_end's byte and missing counts equal what was delivered.
 */
#include <stdlib.h>
#include <string.h>

#include "decoder/stream.h"
#include "decoder/tcp_reassembly.h"
#include "fuzz.h"

struct conn_seen {
    bool opened, ended;
    uint64_t next[2];    /* offset the next on_data / on_gap of each direction must start at */
    uint64_t bytes[2], missing[2];
};

struct seen {
    struct conn_seen conn[TLS_STREAM_MAX_CONNECTIONS + 1];
};

static volatile uint8_t sink;

static struct conn_seen *live(struct seen *s, unsigned id)
{
    FUZZ_CHECK(id >= 1 && id <= TLS_STREAM_MAX_CONNECTIONS, "connection id out of range");
    struct conn_seen *c = &s->conn[id];
    FUZZ_CHECK(c->opened && !c->ended, "event for a connection not open");
    return c;
}

static void on_connection(void *ctx, const struct tls_stream_connection *conn)
{
    struct seen *s = ctx;
    FUZZ_CHECK(conn->id >= 1 && conn->id <= TLS_STREAM_MAX_CONNECTIONS, "connection id out of range");
    FUZZ_CHECK(!s->conn[conn->id].opened, "on_connection twice for one id");
    FUZZ_CHECK(memchr(conn->client_addr, '\0', sizeof(conn->client_addr)) != NULL &&
                   memchr(conn->server_addr, '\0', sizeof(conn->server_addr)) != NULL,
               "address text not terminated");
    s->conn[conn->id].opened = true;
}

static void on_data(void *ctx, const struct tls_stream_chunk *chunk)
{
    struct conn_seen *c = live(ctx, chunk->conn_id);
    int d = chunk->dir == TLS_DIR_SERVER_TO_CLIENT;
    FUZZ_CHECK(chunk->len > 0, "empty chunk delivered");
    FUZZ_CHECK(chunk->offset == c->next[d], "on_data does not continue the stream");
    uint8_t x = 0;
    for (size_t i = 0; i < chunk->len; i++) {
        x ^= chunk->data[i];
    }
    sink = x;
    c->next[d] += chunk->len;
    c->bytes[d] += chunk->len;
}

static void on_gap(void *ctx, unsigned conn_id, enum tls_direction dir, uint64_t offset,
                   uint64_t missing)
{
    struct conn_seen *c = live(ctx, conn_id);
    int d = dir == TLS_DIR_SERVER_TO_CLIENT;
    FUZZ_CHECK(missing > 0, "an empty gap");
    FUZZ_CHECK(offset == c->next[d], "on_gap does not continue the stream");
    c->next[d] += missing;
    c->missing[d] += missing;
}

static void on_end(void *ctx, const struct tls_stream_end *end)
{
    struct conn_seen *c = live(ctx, end->conn_id);
    for (int d = 0; d < 2; d++) {
        FUZZ_CHECK(end->bytes[d] == c->bytes[d], "on_end byte count differs from on_data's");
        FUZZ_CHECK(end->missing[d] == c->missing[d], "on_end missing count differs from on_gap's");
    }
    c->ended = true;
}

static void on_note(void *ctx, unsigned conn_id, const char *message)
{
    (void)ctx;
    (void)conn_id;
    FUZZ_CHECK(message != NULL && memchr(message, '\0', 4096) != NULL, "note not a string");
}

static void endpoint(struct tcp_endpoint *e, uint8_t host, uint16_t port)
{
    memset(e, 0, sizeof(*e));
    e->family = 4;
    e->addr[0] = 10;
    e->addr[3] = host;
    e->port = port;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct seen s;
    memset(&s, 0, sizeof(s));
    const struct tls_stream_callbacks cb = {
        .ctx = &s,
        .on_connection = on_connection,
        .on_data = on_data,
        .on_gap = on_gap,
        .on_end = on_end,
        .on_note = on_note,
    };
    struct tcp_reassembly *ra = tcp_reassembly_new(&cb);
    FUZZ_CHECK(ra != NULL, "out of memory");
    size_t pos = 0;
    for (uint64_t frame = 1; pos + 7 <= size; frame++) {
        uint8_t control = data[pos];
        struct tcp_segment seg;
        memset(&seg, 0, sizeof(seg));
        seg.frame = frame;
        uint16_t client_port = (uint16_t)(50000 + ((control >> 1) & 3));
        endpoint(&seg.src, 1, client_port);
        endpoint(&seg.dst, 2, 443);
        if (control & 1) {
            struct tcp_endpoint t = seg.src;
            seg.src = seg.dst;
            seg.dst = t;
        }
        seg.flags = (uint8_t)(((control & 0x08) ? TCP_FLAG_FIN : 0) | ((control & 0x10) ? TCP_FLAG_SYN : 0) |
                              ((control & 0x20) ? TCP_FLAG_RST : 0) | ((control & 0x40) ? TCP_FLAG_ACK : 0));
        seg.seq = (uint32_t)data[pos + 1] << 24 | (uint32_t)data[pos + 2] << 16 |
                  (uint32_t)data[pos + 3] << 8 | data[pos + 4];
        size_t len = (size_t)data[pos + 5] << 8 | data[pos + 6];
        pos += 7;
        if (len > size - pos) {
            len = size - pos;
        }
        seg.payload = data + pos;
        seg.payload_len = len;
        seg.missing_tail = (control & 0x80) ? 100 : 0;
        pos += len;
        tcp_reassembly_add(ra, &seg);
    }
    tcp_reassembly_finish(ra);
    for (unsigned id = 1; id <= TLS_STREAM_MAX_CONNECTIONS; id++) {
        FUZZ_CHECK(!s.conn[id].opened || s.conn[id].ended, "a connection never ended");
    }
    tcp_reassembly_free(ra);
    return 0;
}
