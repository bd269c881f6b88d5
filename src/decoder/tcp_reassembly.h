/*
 * tcp_reassembly.h — TCP segments in, per-direction byte streams out (RFC 9293 §3.4, §3.10).
 *
 * Internal to src/decoder: pcap_input.c decodes link, IP and TCP headers into struct
 * tcp_segment and feeds them here in capture order; the events of stream.h come out. The
 * rules (who is the client, which copy of overlapping data wins, when a gap is declared, the
 * memory bounds) are described at the top of tcp_reassembly.c and in stream.h.
 */
#ifndef TLS13_DECODER_TCP_REASSEMBLY_H
#define TLS13_DECODER_TCP_REASSEMBLY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decoder/stream.h"

/* RFC 9293 §3.1 control bits. */
#define TCP_FLAG_FIN 0x01u
#define TCP_FLAG_SYN 0x02u
#define TCP_FLAG_RST 0x04u
#define TCP_FLAG_ACK 0x10u

/* One side of a connection: IPv4 (4 address bytes used) or IPv6 (16), and a port. */
struct tcp_endpoint {
    uint8_t family;             /* 4 or 6 */
    uint8_t addr[16];
    uint16_t port;
};

/* What the reassembler needs from one captured TCP segment. */
struct tcp_segment {
    uint64_t frame;             /* packet number in the capture, from 1 */
    struct tcp_endpoint src;
    struct tcp_endpoint dst;
    uint32_t seq;               /* sequence number of the first byte (of the SYN when SYN is set) */
    uint8_t flags;              /* TCP_FLAG_* */
    const uint8_t *payload;     /* view, valid during the call */
    size_t payload_len;         /* bytes captured */
    size_t missing_tail;        /* payload bytes after those, sent but cut by the snapshot length */
};

struct tcp_reassembly;

/* A reassembler reporting to cb (copied); NULL when out of memory. */
struct tcp_reassembly *tcp_reassembly_new(const struct tls_stream_callbacks *cb);

/* Feeds one segment, in capture order. */
void tcp_reassembly_add(struct tcp_reassembly *ra, const struct tcp_segment *seg);

/* Reports a note about the input as a whole (conn_id 0). */
void tcp_reassembly_note(struct tcp_reassembly *ra, const char *message);

/* End of capture: delivers what is buffered (with gaps) and ends every open connection. */
void tcp_reassembly_finish(struct tcp_reassembly *ra);

/* The next connection id (1, 2, ...): UDP flows (udp_flows.h) take theirs here too, so ids
   are unique within an input. */
unsigned tcp_reassembly_take_id(struct tcp_reassembly *ra);

/* Same family, address and port. */
bool tcp_endpoint_equal(const struct tcp_endpoint *a, const struct tcp_endpoint *b);

/* A hash of the pair that is symmetric in the two endpoints, so both directions of a connection
   (or UDP flow) land in the same bucket. */
uint32_t tcp_endpoint_pair_hash(const struct tcp_endpoint *a, const struct tcp_endpoint *b);

/* The endpoint's address as text (TLS_STREAM_ADDR_LEN bytes) and its port. */
void tcp_endpoint_format(const struct tcp_endpoint *e, char *out, uint16_t *port);

/* Frees everything; ra may be NULL. */
void tcp_reassembly_free(struct tcp_reassembly *ra);

#endif
