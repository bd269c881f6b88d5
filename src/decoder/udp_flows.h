/*
 * udp_flows.h — UDP datagrams in, DTLS connections out (stream.h "Datagrams").
 *
 * Internal to src/decoder: pcap_input.c decodes link, IP and UDP (RFC 768) headers into struct
 * udp_datagram and feeds them here in capture order. A flow (a pair of endpoints) becomes a
 * DTLS connection when a datagram of it starts with a plausible DTLS record; flows that never
 * do are counted and named once at the end ("M UDP flows that are not DTLS").
 *
 * Memory: a flow table of at most UDP_MAX_FLOWS entries (DTLS or not), at most
 * UDP_MAX_DTLS_CONNECTIONS of them DTLS; datagrams are handed on as views, never kept. Later
 * flows are counted as "not followed".
 */
#ifndef TLS13_DECODER_UDP_FLOWS_H
#define TLS13_DECODER_UDP_FLOWS_H

#include <stddef.h>
#include <stdint.h>

#include "decoder/stream.h"
#include "decoder/tcp_reassembly.h"

#define UDP_MAX_FLOWS 8192u
/* DTLS connections per input: a UDP flow has no end, so every DTLS connection stays live (with
   its reassembly buffers, about 360 KiB: dtls_decode.c) until the capture ends. */
#define UDP_MAX_DTLS_CONNECTIONS 256u

struct udp_datagram {
    uint64_t frame;
    struct tcp_endpoint src;     /* the same endpoint type as TCP's: family, address, port */
    struct tcp_endpoint dst;
    const uint8_t *payload;      /* view, valid during the call */
    size_t payload_len;          /* bytes captured */
    size_t sent_len;             /* bytes sent (UDP length - 8) */
};

struct udp_flows;

/* Reports to cb (copied); connection ids come from ra (tcp_reassembly_take_id). NULL when out
   of memory. */
struct udp_flows *udp_flows_new(const struct tls_stream_callbacks *cb, struct tcp_reassembly *ra);

void udp_flows_add(struct udp_flows *u, const struct udp_datagram *dg);

/* End of capture: ends every DTLS connection and notes how many flows were not DTLS. */
void udp_flows_finish(struct udp_flows *u);

void udp_flows_free(struct udp_flows *u);

#endif
