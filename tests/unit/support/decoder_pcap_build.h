/*
 * decoder_pcap_build.h — writes small synthetic captures for the decoder tests, through
 * libpcap's pcap_open_dead() / pcap_dump(), so that the bytes on "the wire" are known exactly.
 *
 * One TCP connection between a fixed client (10.0.0.1 / fd00::1, port 40000) and server
 * (10.0.0.2 / fd00::2, port 443), framed for a chosen link-layer type.
 */
#ifndef TLS13_DECODER_PCAP_BUILD_H
#define TLS13_DECODER_PCAP_BUILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PB_CLIENT_PORT 40000
#define PB_SERVER_PORT 443

/* Link-layer framings (values are libpcap DLT_ numbers, spelled here to keep pcap.h out). */
enum pb_link {
    PB_ETHERNET,        /* DLT_EN10MB */
    PB_ETHERNET_VLAN,   /* DLT_EN10MB with one 802.1Q tag */
    PB_SLL,             /* DLT_LINUX_SLL */
    PB_SLL2,            /* DLT_LINUX_SLL2 */
    PB_NULL_LE,         /* DLT_NULL, little-endian family */
    PB_NULL_BE,         /* DLT_NULL, big-endian family */
    PB_LOOP,            /* DLT_LOOP */
    PB_RAW,             /* DLT_RAW */
    PB_IPV4_OR_6,       /* DLT_IPV4 or DLT_IPV6 by the IP version */
};

struct pb_options {
    bool ipv6;
    bool ip_options;    /* IPv4: 4 bytes of options (NOP x3, EOL); IPv6: a hop-by-hop header */
    bool tcp_options;   /* 12 bytes of TCP options (NOP NOP timestamps) */
    uint16_t client_port; /* 0: PB_CLIENT_PORT */
    uint8_t af_inet6;   /* NULL/LOOP family value for IPv6: 0 means 30 (macOS); 10, 24, 28 also exist */
    uint32_t snaplen;   /* 0: whole packets; else packets are saved cut to this many bytes */
};

struct pb_writer;

/* Opens a capture file at path with the given framing; fails the test on error. */
struct pb_writer *pb_open(const char *path, enum pb_link link, const struct pb_options *opt);

/* One TCP segment from the client (from_client) or the server. flags: FIN 1, SYN 2, RST 4, ACK 16. */
void pb_tcp(struct pb_writer *w, bool from_client, uint32_t seq, uint8_t flags, const uint8_t *data,
            size_t len);

/* An IPv4 fragment carrying TCP (MF set), which the decoder must report and skip. */
void pb_ipv4_fragment(struct pb_writer *w);

/* Later segments use this client port (a new connection). */
void pb_set_client_port(struct pb_writer *w, uint16_t port);

/* Closes the file. */
void pb_close(struct pb_writer *w);

/* A path for a scratch file in /tmp unique to this process and tag. */
void pb_temp_path(char *out, size_t cap, const char *tag);

/* Copies the packets of a capture whose TCP source port is (not, with invert) `port` into out;
 * with drop_syn, SYN segments are dropped too. Ethernet/IPv4 captures only. Returns kept count. */
unsigned pb_filter_by_source_port(const char *in, const char *out, uint16_t port, bool drop_syn);

#endif
