/*
 * tcp_reassembly.c — putting captured TCP segments back in order (RFC 9293 §3.4, §3.10.7).
 *
 * Implementation notes
 * --------------------
 * A TCP sender numbers every byte (RFC 9293 §3.4): the SYN takes the initial sequence number
 * (ISN) and the first data byte is ISN+1. A capture shows the segments as the capture point
 * saw them: possibly retransmitted, overlapping, out of order, some missing, and possibly
 * starting after the SYN. For each direction we keep:
 *
 *   origin   the sequence number of stream offset 0: ISN+1 from the SYN, or else the first
 *            sequence number seen carrying data or FIN (the capture started mid-stream);
 *   next     the offset of the next byte to hand to the consumer;
 *   pending  segments that arrived ahead of `next`, sorted by offset, never overlapping.
 *
 * Offsets are 64-bit; a 32-bit sequence number is placed relative to `next` with a signed
 * 32-bit difference, which is how sequence arithmetic survives wrap-around (RFC 9293 §3.4
 * "arithmetic ... modulo 2**32").
 *
 * Overlaps: the first copy of a byte that was seen wins. A retransmission that carries bytes
 * already delivered or already pending is trimmed to the bytes not seen yet. (Operating
 * systems differ in which copy their stack accepts; a decoder that must pick one picks the
 * one that arrived first, which is also what the receiver most likely acted on.)
 *
 * Gaps: bytes that never arrive are given up on, with an on_gap event, when (a) the pending
 * bytes of the direction exceed TLS_STREAM_MAX_BUFFERED, or all pending bytes exceed
 * TLS_STREAM_MAX_BUFFERED_TOTAL, or the direction holds more than MAX_PIECES pieces, (b) the
 * connection is reset, (c) a FIN lies beyond bytes not seen at the end of the capture, (d) the
 * capture ends with data pending, or (e) at once, when a packet was cut short by the capture's
 * snapshot length right where the stream stands (its tail was sent but cannot be seen). Each
 * time, the stream jumps to the first pending segment (or past the cut tail).
 *
 * Segments more than TCP_MAX_AHEAD bytes beyond `next` are ignored with a note: no real window
 * is that large within a capture, and a corrupted sequence number must not make us give up on
 * the real stream.
 *
 * Connections: at most TLS_STREAM_MAX_CONNECTIONS per input, found through a hash of the two
 * endpoints. A connection that ended (both FINs) is not matched again unless a new SYN
 * reuses its ports, which starts a new connection.
 *
 * RST: a reset is noted, but the connection goes on being followed. A capture often holds
 * segments after it (sent before it, captured after it; or the other side's data still in
 * flight), and tshark shows their records too. It ends at the end of the capture (with
 * reason RST), or when a new SYN reuses its ports. Memory stays bounded by the same limits
 * as any connection that never closes.
 */
/* inet_ntop() is POSIX, not C11: ask glibc to declare it. */
#define _POSIX_C_SOURCE 200112L

#include "decoder/tcp_reassembly.h"

#include <arpa/inet.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TCP_MAX_AHEAD (64u << 20)
#define HASH_BUCKETS 4096u
#define MAX_NOTES_PER_CONNECTION 16u
#define MAX_PIECES 4096u /* pending pieces per direction: bounds the list walk and malloc overhead */

/* A run of bytes waiting for the ones before it. */
struct piece {
    struct piece *next;
    uint64_t offset;
    uint64_t frame;
    size_t len;
    uint8_t data[];
};

/* One direction, indexed by its sending endpoint (0: the endpoint seen first as a source). */
struct half {
    bool started;               /* origin known */
    bool syn_seen;
    uint32_t origin;            /* sequence number of stream offset 0 */
    uint64_t next;
    struct piece *pending;
    size_t pending_bytes;
    unsigned pending_pieces;
    bool fin_seen;
    uint64_t fin_offset;
    bool fin_done;              /* every byte before the FIN has been delivered or declared missing */
    uint8_t fin_rank;           /* 1: this side's FIN came first, 2: second (tls_stream_end) */
    bool rst;                   /* this side sent the RST that ended the connection */
    uint64_t bytes;
    uint64_t missing;
};

struct conn {
    unsigned id;
    struct tcp_endpoint ep[2];
    int client;                 /* index into ep of the client, -1 while unknown */
    enum tls_stream_client_rule rule;
    bool announced;
    bool ended;
    bool rst_seen;              /* a RST was captured: later segments are still followed */
    unsigned notes;
    struct half half[2];
    struct conn *hash_next;
};

struct tcp_reassembly {
    struct tls_stream_callbacks cb;
    struct conn *conns[TLS_STREAM_MAX_CONNECTIONS];
    unsigned count;
    unsigned ids;               /* connection ids handed out (TCP and UDP share them) */
    bool overflow_noted;
    size_t pending_total;
    struct conn *buckets[HASH_BUCKETS];
};

struct tcp_reassembly *tcp_reassembly_new(const struct tls_stream_callbacks *cb)
{
    struct tcp_reassembly *ra = calloc(1, sizeof(*ra));
    if (ra != NULL) {
        ra->cb = *cb;
    }
    return ra;
}

void tcp_reassembly_note(struct tcp_reassembly *ra, const char *message)
{
    if (ra->cb.on_note != NULL) {
        ra->cb.on_note(ra->cb.ctx, 0, message);
    }
}

/* ---- Connection table --------------------------------------------------------------- */

bool tcp_endpoint_equal(const struct tcp_endpoint *a, const struct tcp_endpoint *b)
{
    return a->family == b->family && a->port == b->port && memcmp(a->addr, b->addr, 16) == 0;
}

static uint32_t endpoint_hash(const struct tcp_endpoint *e)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < 16; i++) {
        h = (h ^ e->addr[i]) * 16777619u;
    }
    return (h ^ e->port) * 16777619u;
}

uint32_t tcp_endpoint_pair_hash(const struct tcp_endpoint *a, const struct tcp_endpoint *b)
{
    return endpoint_hash(a) ^ endpoint_hash(b);
}

static uint32_t bucket_of(const struct tcp_endpoint *a, const struct tcp_endpoint *b)
{
    return tcp_endpoint_pair_hash(a, b) % HASH_BUCKETS;
}

/* The most recent connection between src and dst; *side is the index of src in it. */
static struct conn *lookup(struct tcp_reassembly *ra, const struct tcp_segment *seg, int *side)
{
    for (struct conn *c = ra->buckets[bucket_of(&seg->src, &seg->dst)]; c != NULL; c = c->hash_next) {
        for (int s = 0; s < 2; s++) {
            if (tcp_endpoint_equal(&c->ep[s], &seg->src) && tcp_endpoint_equal(&c->ep[1 - s], &seg->dst)) {
                *side = s;
                return c;
            }
        }
    }
    return NULL;
}

static struct conn *create(struct tcp_reassembly *ra, const struct tcp_segment *seg)
{
    if (ra->count >= TLS_STREAM_MAX_CONNECTIONS) {
        if (!ra->overflow_noted) {
            ra->overflow_noted = true;
            tcp_reassembly_note(ra, "more than 1024 TCP connections: the later ones are ignored");
        }
        return NULL;
    }
    struct conn *c = calloc(1, sizeof(*c));
    if (c == NULL) {
        tcp_reassembly_note(ra, "out of memory: a TCP connection is ignored");
        return NULL;
    }
    c->id = tcp_reassembly_take_id(ra);
    c->ep[0] = seg->src;
    c->ep[1] = seg->dst;
    c->client = -1;
    ra->conns[ra->count++] = c;
    /* Newest first in its bucket, so a reused port pair finds the new connection. */
    uint32_t b = bucket_of(&seg->src, &seg->dst);
    c->hash_next = ra->buckets[b];
    ra->buckets[b] = c;
    return c;
}

/* ---- Events ------------------------------------------------------------------------- */

static void conn_note(struct tcp_reassembly *ra, struct conn *c, const char *message)
{
    if (ra->cb.on_note == NULL || c->notes > MAX_NOTES_PER_CONNECTION) {
        return;
    }
    c->notes++;
    ra->cb.on_note(ra->cb.ctx, c->id,
                   c->notes > MAX_NOTES_PER_CONNECTION ? "further notes about this connection suppressed"
                                                       : message);
}

unsigned tcp_reassembly_take_id(struct tcp_reassembly *ra)
{
    return ++ra->ids;
}

void tcp_endpoint_format(const struct tcp_endpoint *e, char *out, uint16_t *port)
{
    if (inet_ntop(e->family == 6 ? AF_INET6 : AF_INET, e->addr, out, TLS_STREAM_ADDR_LEN) == NULL) {
        snprintf(out, TLS_STREAM_ADDR_LEN, "?");
    }
    *port = e->port;
}

/* The lower-port rule (stream.h "Who is the client"), used when nothing better is known. */
static void decide_by_port(struct conn *c, int first_sender)
{
    if (c->ep[0].port == c->ep[1].port) {
        c->client = first_sender;
    } else {
        c->client = c->ep[0].port < c->ep[1].port ? 1 : 0;
    }
    c->rule = TLS_CLIENT_BY_PORT;
}

/* on_connection, once, before any other event of c. */
static void announce(struct tcp_reassembly *ra, struct conn *c)
{
    if (c->announced) {
        return;
    }
    if (c->client < 0) {
        decide_by_port(c, 0);
    }
    c->announced = true;
    struct tls_stream_connection info;
    memset(&info, 0, sizeof(info));
    info.id = c->id;
    tcp_endpoint_format(&c->ep[c->client], info.client_addr, &info.client_port);
    tcp_endpoint_format(&c->ep[1 - c->client], info.server_addr, &info.server_port);
    info.client_rule = c->rule;
    if (ra->cb.on_connection != NULL) {
        ra->cb.on_connection(ra->cb.ctx, &info);
    }
}

static enum tls_direction dir_of(const struct conn *c, int sender)
{
    return sender == c->client ? TLS_DIR_CLIENT_TO_SERVER : TLS_DIR_SERVER_TO_CLIENT;
}

/* Hands bytes [offset, offset+len) over; they start at the stream's position. */
static void emit_bytes(struct tcp_reassembly *ra, struct conn *c, int sender, uint64_t offset,
                       const uint8_t *data, size_t len, uint64_t frame)
{
    announce(ra, c);
    struct half *h = &c->half[sender];
    struct tls_stream_chunk chunk = {
        .conn_id = c->id,
        .dir = dir_of(c, sender),
        .offset = offset,
        .data = data,
        .len = len,
        .token_index = 0,
        .frame = frame,
    };
    if (ra->cb.on_data != NULL) {
        ra->cb.on_data(ra->cb.ctx, &chunk);
    }
    h->bytes += len;
    h->next = offset + len;
}

static void emit_data(struct tcp_reassembly *ra, struct conn *c, int sender, const struct piece *p)
{
    emit_bytes(ra, c, sender, p->offset, p->data, p->len, p->frame);
}

static void emit_gap(struct tcp_reassembly *ra, struct conn *c, int sender, uint64_t upto)
{
    struct half *h = &c->half[sender];
    announce(ra, c);
    if (ra->cb.on_gap != NULL) {
        ra->cb.on_gap(ra->cb.ctx, c->id, dir_of(c, sender), h->next, upto - h->next);
    }
    h->missing += upto - h->next;
    h->next = upto;
}

/* ---- One direction ------------------------------------------------------------------ */

static void release(struct tcp_reassembly *ra, struct half *h, struct piece *p)
{
    h->pending = p->next;
    h->pending_bytes -= p->len;
    h->pending_pieces--;
    ra->pending_total -= p->len;
    free(p);
}

/* Delivers pending pieces that start at `next`; with skip, jumps gaps to the first piece. */
static void drain(struct tcp_reassembly *ra, struct conn *c, int sender, bool skip)
{
    struct half *h = &c->half[sender];
    while (h->pending != NULL && (skip || h->pending->offset == h->next)) {
        struct piece *p = h->pending;
        if (p->offset > h->next) {
            emit_gap(ra, c, sender, p->offset);
        }
        emit_data(ra, c, sender, p);
        release(ra, h, p);
    }
    if (h->fin_seen && h->next >= h->fin_offset) {
        h->fin_done = true;
    }
}

/* Adds bytes [offset, offset+len) that were not seen before, as new pieces in order. */
static bool insert_piece(struct tcp_reassembly *ra, struct half *h, struct piece **link,
                         uint64_t offset, const uint8_t *data, size_t len, uint64_t frame)
{
    struct piece *p = malloc(sizeof(*p) + len);
    if (p == NULL) {
        return false;
    }
    p->offset = offset;
    p->frame = frame;
    p->len = len;
    memcpy(p->data, data, len);
    p->next = *link;
    *link = p;
    h->pending_bytes += len;
    h->pending_pieces++;
    ra->pending_total += len;
    return true;
}

/* Keeps the parts of [off, off+len) not already pending: first-seen data wins. */
static bool add_pending(struct tcp_reassembly *ra, struct half *h, uint64_t off,
                        const uint8_t *data, size_t len, uint64_t frame)
{
    uint64_t end = off + len;
    struct piece **link = &h->pending;
    while (off < end) {
        struct piece *p = *link;
        if (p == NULL || p->offset >= end) {
            return insert_piece(ra, h, link, off, data, (size_t)(end - off), frame);
        }
        if (off < p->offset) {
            size_t n = (size_t)(p->offset - off);
            if (!insert_piece(ra, h, link, off, data, n, frame)) {
                return false;
            }
            link = &(*link)->next; /* past the piece just inserted, onto p */
            data += n;
            off += n;
        }
        /* Skip what p already holds. */
        uint64_t p_end = p->offset + p->len;
        if (p_end > off) {
            data += p_end - off;
            off = p_end;
        }
        link = &p->next;
    }
    return true;
}

/* Sets the origin of a direction the first time it carries data, a FIN or a SYN. */
static void start_half(struct tcp_reassembly *ra, struct conn *c, int sender,
                       const struct tcp_segment *seg)
{
    struct half *h = &c->half[sender];
    if (seg->flags & TCP_FLAG_SYN) {
        if (!h->started) {
            h->started = true;
            h->syn_seen = true;
            h->origin = seg->seq + 1; /* RFC 9293 §3.4: the SYN occupies the ISN */
        }
        return;
    }
    if (!h->started && (seg->payload_len > 0 || (seg->flags & TCP_FLAG_FIN))) {
        h->started = true;
        h->origin = seg->seq;
        conn_note(ra, c,
                  dir_of(c, sender) == TLS_DIR_CLIENT_TO_SERVER
                      ? "no SYN from the client in the capture: client offsets count from its first captured byte"
                      : "no SYN from the server in the capture: server offsets count from its first captured byte");
    }
}

/* Where a segment's first byte falls in the stream, or -1 if before offset 0. */
static int64_t place(const struct half *h, uint32_t data_seq)
{
    /* RFC 9293 §3.4: sequence numbers compare modulo 2^32; the signed difference to the
     * sequence number of `next` gives the position relative to `next`. */
    uint32_t next_seq = h->origin + (uint32_t)h->next;
    int64_t off = (int64_t)h->next + (int32_t)(data_seq - next_seq);
    return off;
}

/*
 * A segment cut by the snapshot length ends at captured_end, but `tail` more bytes were sent.
 * If the stream has just reached captured_end, those bytes can never arrive from this packet:
 * declare them missing now (up to any pending copy of them) rather than wait for a bound.
 */
static void skip_cut_tail(struct tcp_reassembly *ra, struct conn *c, int sender, uint64_t captured_end,
                          size_t tail)
{
    struct half *h = &c->half[sender];
    if (tail == 0 || h->next != captured_end) {
        return;
    }
    uint64_t upto = captured_end + tail;
    if (h->pending != NULL && h->pending->offset < upto) {
        upto = h->pending->offset;
    }
    if (upto > h->next) {
        emit_gap(ra, c, sender, upto);
        drain(ra, c, sender, false);
    }
}

/* Data and FIN of one segment in one direction. */
static void add_to_half(struct tcp_reassembly *ra, struct conn *c, int sender,
                        const struct tcp_segment *seg)
{
    struct half *h = &c->half[sender];
    uint32_t data_seq = seg->seq + ((seg->flags & TCP_FLAG_SYN) ? 1u : 0u);
    int64_t off = place(h, data_seq);
    if (off > (int64_t)(h->next + TCP_MAX_AHEAD)) {
        conn_note(ra, c, "a segment far beyond the stream's position (corrupted sequence number?) was ignored");
        return;
    }
    if ((seg->flags & TCP_FLAG_FIN) && !h->fin_seen && off >= 0) {
        h->fin_seen = true;
        h->fin_rank = c->half[1 - sender].fin_seen ? 2 : 1;
        h->fin_offset = (uint64_t)off + seg->payload_len + seg->missing_tail;
    }
    const int64_t captured_end = off + (int64_t)seg->payload_len;
    const uint8_t *data = seg->payload;
    size_t len = seg->payload_len;
    /* Bytes before `next` were delivered already (or given up on): a retransmission. */
    if (off < (int64_t)h->next) {
        uint64_t old = (uint64_t)((int64_t)h->next - off);
        if (old >= len) {
            len = 0;
        } else {
            data += old;
            len -= (size_t)old;
        }
        off = (int64_t)h->next;
    }
    if (len > 0 && (uint64_t)off == h->next && h->pending == NULL) {
        /* In order with nothing waiting, as almost every segment of a capture is: handed over
           from the packet itself, not copied into a piece first (no allocation, no copy). */
        emit_bytes(ra, c, sender, (uint64_t)off, data, len, seg->frame);
    } else if (len > 0 && !add_pending(ra, h, (uint64_t)off, data, len, seg->frame)) {
        conn_note(ra, c, "out of memory: segment dropped");
    }
    drain(ra, c, sender, false);
    if (captured_end >= 0) {
        skip_cut_tail(ra, c, sender, (uint64_t)captured_end, seg->missing_tail);
    }
    /* Bounded buffering: give up on missing bytes rather than hold more. */
    while (h->pending != NULL && (h->pending_bytes > TLS_STREAM_MAX_BUFFERED ||
                                  h->pending_pieces > MAX_PIECES ||
                                  ra->pending_total > TLS_STREAM_MAX_BUFFERED_TOTAL)) {
        emit_gap(ra, c, sender, h->pending->offset);
        drain(ra, c, sender, false);
    }
}

static void end_conn(struct tcp_reassembly *ra, struct conn *c, enum tls_stream_end_reason reason)
{
    if (c->ended) {
        return;
    }
    for (int s = 0; s < 2; s++) {
        struct half *h = &c->half[s];
        drain(ra, c, s, true);
        /* A FIN beyond what we saw: the bytes between were sent but not captured. */
        if (h->fin_seen && h->next < h->fin_offset) {
            emit_gap(ra, c, s, h->fin_offset);
            h->fin_done = true;
        }
    }
    announce(ra, c);
    struct tls_stream_end end;
    memset(&end, 0, sizeof(end));
    end.conn_id = c->id;
    end.reason = reason;
    for (int s = 0; s < 2; s++) {
        enum tls_direction d = dir_of(c, s);
        end.fin[d] = c->half[s].fin_done;
        end.bytes[d] = c->half[s].bytes;
        end.missing[d] = c->half[s].missing;
        end.fin_rank[d] = c->half[s].fin_seen ? c->half[s].fin_rank : 0;
        end.rst[d] = c->half[s].rst;
    }
    c->ended = true;
    if (ra->cb.on_end != NULL) {
        ra->cb.on_end(ra->cb.ctx, &end);
    }
}

/* First payload of a connection without SYN: does it look like a ClientHello or ServerHello? */
static void decide_by_hello(struct conn *c, int sender, const struct tcp_segment *seg)
{
    const uint8_t *p = seg->payload;
    /* RFC 8446 §5.1 header (handshake = 22, version 03 0x) then §4 msg_type at byte 5. */
    if (seg->payload_len >= 6 && p[0] == 22 && p[1] == 0x03 && p[2] <= 0x04 && (p[5] == 1 || p[5] == 2)) {
        c->client = p[5] == 1 ? sender : 1 - sender;
        c->rule = TLS_CLIENT_BY_HELLO;
        return;
    }
    decide_by_port(c, sender);
}

/* Who is the client, as early as the segments allow (stream.h "Who is the client"). */
static void decide_roles(struct conn *c, int sender, const struct tcp_segment *seg)
{
    if (c->client >= 0) {
        return;
    }
    if (seg->flags & TCP_FLAG_SYN) {
        /* RFC 9293 §3.5: the initiator sends SYN; the answer is SYN,ACK. */
        c->client = (seg->flags & TCP_FLAG_ACK) ? 1 - sender : sender;
        c->rule = TLS_CLIENT_BY_SYN;
    } else if (seg->payload_len > 0 || (seg->flags & TCP_FLAG_FIN)) {
        decide_by_hello(c, sender, seg); /* falls back to the port rule */
    }
}

void tcp_reassembly_add(struct tcp_reassembly *ra, const struct tcp_segment *seg)
{
    int sender = 0;
    struct conn *c = lookup(ra, seg, &sender);
    bool fresh_syn = (seg->flags & TCP_FLAG_SYN) && !(seg->flags & TCP_FLAG_ACK);
    bool has_content = seg->payload_len > 0 || (seg->flags & (TCP_FLAG_SYN | TCP_FLAG_FIN));
    if (c != NULL && !c->ended && c->rst_seen && fresh_syn) {
        end_conn(ra, c, TLS_STREAM_END_RST); /* the ports are reused: a new connection */
    }
    if (c == NULL || (c->ended && fresh_syn)) {
        if (!has_content) {
            return; /* a bare ACK or RST of a connection we know nothing about */
        }
        c = create(ra, seg);
        sender = 0;
        if (c == NULL) {
            return;
        }
    }
    if (c->ended) {
        return; /* late retransmissions after the end */
    }
    decide_roles(c, sender, seg);
    if (c->client >= 0) {
        announce(ra, c);
    }
    start_half(ra, c, sender, seg);
    if (c->half[sender].started && (seg->payload_len > 0 || (seg->flags & TCP_FLAG_FIN))) {
        add_to_half(ra, c, sender, seg);
    }
    if ((seg->flags & TCP_FLAG_RST) && !c->rst_seen) {
        c->rst_seen = true;
        c->half[sender].rst = true;
        char msg[160];
        snprintf(msg, sizeof(msg), "the %s reset the connection (RST, frame %llu); segments captured "
                                   "after it are still decoded",
                 c->client < 0 ? "sender" : dir_of(c, sender) == TLS_DIR_CLIENT_TO_SERVER ? "client" : "server",
                 (unsigned long long)seg->frame);
        conn_note(ra, c, msg);
    } else if (c->half[0].fin_done && c->half[1].fin_done) {
        end_conn(ra, c, TLS_STREAM_END_FIN);
    }
}

void tcp_reassembly_finish(struct tcp_reassembly *ra)
{
    for (unsigned i = 0; i < ra->count; i++) {
        end_conn(ra, ra->conns[i], ra->conns[i]->rst_seen ? TLS_STREAM_END_RST : TLS_STREAM_END_CAPTURE);
    }
}

void tcp_reassembly_free(struct tcp_reassembly *ra)
{
    if (ra == NULL) {
        return;
    }
    for (unsigned i = 0; i < ra->count; i++) {
        for (int s = 0; s < 2; s++) {
            struct half *h = &ra->conns[i]->half[s];
            while (h->pending != NULL) {
                release(ra, h, h->pending);
            }
        }
        free(ra->conns[i]);
    }
    free(ra);
}
