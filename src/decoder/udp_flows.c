/*
 * udp_flows.c — UDP flows (RFC 768) sorted into DTLS connections and the rest; udp_flows.h
 * and stream.h ("Datagrams") give the rules.
 *
 * Implementation notes
 * --------------------
 * A UDP "flow" is every datagram between the same two address:port endpoints, either way. There
 * is no handshake to mark its start, so the first datagram that starts with a plausible DTLS
 * record makes it a connection; datagrams of the flow before that one are counted and named in
 * a note, datagrams after it are all delivered (the decoder reports those that hold no record).
 * Who is the client follows the first DTLS datagram: a ClientHello names its sender, a
 * ServerHello or HelloVerifyRequest names its receiver (RFC 6347 §4.2.1), otherwise the side
 * with the lower port is the server.
 */
#include "decoder/udp_flows.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decoder/dtls.h"

#define UDP_HASH_BUCKETS 1024u

struct flow {
    struct tcp_endpoint ep[2];   /* ep[0]: the sender of the flow's first datagram */
    bool dtls;
    unsigned id;                 /* when dtls */
    int client;                  /* index into ep, when dtls */
    unsigned datagrams[2];       /* per sender: delivered so far */
    uint64_t bytes[2];
    unsigned before_dtls;        /* datagrams seen before the first DTLS record */
    struct flow *hash_next;
};

struct udp_flows {
    struct tls_stream_callbacks cb;
    struct tcp_reassembly *ra;
    struct flow *flows[UDP_MAX_FLOWS];
    unsigned count;
    unsigned dtls_count;
    bool dtls_overflow_noted;
    unsigned overflow;           /* datagrams of flows not followed (table full, out of memory) */
    struct flow *buckets[UDP_HASH_BUCKETS];
};

struct udp_flows *udp_flows_new(const struct tls_stream_callbacks *cb, struct tcp_reassembly *ra)
{
    struct udp_flows *u = calloc(1, sizeof(*u));
    if (u != NULL) {
        u->cb = *cb;
        u->ra = ra;
    }
    return u;
}

static uint32_t bucket_of(const struct tcp_endpoint *a, const struct tcp_endpoint *b)
{
    return tcp_endpoint_pair_hash(a, b) % UDP_HASH_BUCKETS;
}

/* The flow of dg and the index of its sender in it; created when new (NULL: not followed). */
static struct flow *flow_of(struct udp_flows *u, const struct udp_datagram *dg, int *sender)
{
    uint32_t b = bucket_of(&dg->src, &dg->dst);
    for (struct flow *f = u->buckets[b]; f != NULL; f = f->hash_next) {
        for (int s = 0; s < 2; s++) {
            if (tcp_endpoint_equal(&f->ep[s], &dg->src) && tcp_endpoint_equal(&f->ep[1 - s], &dg->dst)) {
                *sender = s;
                return f;
            }
        }
    }
    struct flow *f = u->count < UDP_MAX_FLOWS ? calloc(1, sizeof(*f)) : NULL;
    if (f == NULL) {
        u->overflow++;
        return NULL;
    }
    f->ep[0] = dg->src;
    f->ep[1] = dg->dst;
    f->hash_next = u->buckets[b];
    u->buckets[b] = f;
    u->flows[u->count++] = f;
    *sender = 0;
    return f;
}

/* The client of a new DTLS flow (see the notes at the top). */
static void decide_client(struct flow *f, int sender, const uint8_t *p, size_t len,
                          enum tls_stream_client_rule *rule)
{
    /* A handshake record (22) whose first fragment is client_hello (1), server_hello (2) or
       hello_verify_request (3): byte 13 of the datagram (RFC 6347 §4.1, §4.2.2). */
    if (len > DTLS_RECORD_HEADER_LEN && p[0] == 22 && p[13] >= 1 && p[13] <= 3) {
        f->client = p[13] == 1 ? sender : 1 - sender;
        *rule = TLS_CLIENT_BY_HELLO;
        return;
    }
    *rule = TLS_CLIENT_BY_PORT;
    if (f->ep[0].port == f->ep[1].port) {
        f->client = sender;
    } else {
        f->client = f->ep[0].port < f->ep[1].port ? 1 : 0;
    }
}

static void start_dtls(struct udp_flows *u, struct flow *f, int sender, const struct udp_datagram *dg)
{
    struct tls_stream_connection info;
    memset(&info, 0, sizeof(info));
    f->dtls = true;
    f->id = tcp_reassembly_take_id(u->ra);
    u->dtls_count++;
    decide_client(f, sender, dg->payload, dg->payload_len, &info.client_rule);
    info.id = f->id;
    info.datagram = true;
    tcp_endpoint_format(&f->ep[f->client], info.client_addr, &info.client_port);
    tcp_endpoint_format(&f->ep[1 - f->client], info.server_addr, &info.server_port);
    if (u->cb.on_connection != NULL) {
        u->cb.on_connection(u->cb.ctx, &info);
    }
    if (f->before_dtls > 0 && u->cb.on_note != NULL) {
        char text[160];
        snprintf(text, sizeof(text), "%u UDP datagrams of this flow came before its first DTLS record "
                 "and are not shown", f->before_dtls);
        u->cb.on_note(u->cb.ctx, f->id, text);
    }
}

void udp_flows_add(struct udp_flows *u, const struct udp_datagram *dg)
{
    int sender = 0;
    struct flow *f = flow_of(u, dg, &sender);
    if (f == NULL) {
        return;
    }
    if (!f->dtls) {
        if (!dtls_plausible_record(dg->payload, dg->payload_len)) {
            f->before_dtls++;
            return;
        }
        if (u->dtls_count >= UDP_MAX_DTLS_CONNECTIONS) {
            if (!u->dtls_overflow_noted && u->cb.on_note != NULL) {
                u->dtls_overflow_noted = true;
                u->cb.on_note(u->cb.ctx, 0, "more than 256 DTLS connections: the later ones are ignored");
            }
            f->before_dtls++;
            return;
        }
        start_dtls(u, f, sender, dg);
    }
    enum tls_direction dir = sender == f->client ? TLS_DIR_CLIENT_TO_SERVER : TLS_DIR_SERVER_TO_CLIENT;
    f->datagrams[dir]++;
    f->bytes[dir] += dg->payload_len;
    struct tls_stream_datagram out = {
        .conn_id = f->id,
        .dir = dir,
        .data = dg->payload,
        .len = dg->payload_len,
        .sent_len = dg->sent_len,
        .index = f->datagrams[dir],
        .token_index = 0,
        .frame = dg->frame,
    };
    if (u->cb.on_datagram != NULL) {
        u->cb.on_datagram(u->cb.ctx, &out);
    }
}

void udp_flows_finish(struct udp_flows *u)
{
    unsigned other = 0;
    for (unsigned i = 0; i < u->count; i++) {
        struct flow *f = u->flows[i];
        if (!f->dtls) {
            other++;
            continue;
        }
        struct tls_stream_end end;
        memset(&end, 0, sizeof(end));
        end.conn_id = f->id;
        end.reason = TLS_STREAM_END_CAPTURE;
        for (int d = 0; d < 2; d++) {
            end.bytes[d] = f->bytes[d];
            end.tokens[d] = f->datagrams[d];
        }
        if (u->cb.on_end != NULL) {
            u->cb.on_end(u->cb.ctx, &end);
        }
    }
    if (other > 0 && u->cb.on_udp_skipped != NULL) {
        u->cb.on_udp_skipped(u->cb.ctx, other);
    }
    if (u->overflow > 0 && u->cb.on_note != NULL) {
        char text[200];
        snprintf(text, sizeof(text), "%u UDP datagrams of further flows not followed (more than %u "
                 "flows)", u->overflow, UDP_MAX_FLOWS);
        u->cb.on_note(u->cb.ctx, 0, text);
    }
}

void udp_flows_free(struct udp_flows *u)
{
    if (u == NULL) {
        return;
    }
    for (unsigned i = 0; i < u->count; i++) {
        free(u->flows[i]);
    }
    free(u);
}
