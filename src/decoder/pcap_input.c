/*
 * pcap_input.c — captures through libpcap: link layer, IPv4 (RFC 791), IPv6 (RFC 8200) and
 * TCP (RFC 9293 §3.1) headers, down to the segments tcp_reassembly.c puts in order.
 *
 * Implementation notes
 * --------------------
 * libpcap (loaded on first use, pcap_lib.h) reads both file formats (pcap_open_offline()
 * accepts pcap and pcapng) and hands us
 * one captured packet at a time: `caplen` bytes that were saved, which may be fewer than the
 * packet had on the wire (the capture's snapshot length). Every header below is checked
 * against what was captured before it is read; a packet that does not parse is reported with
 * its frame number and skipped, never trusted.
 *
 * Link layers understood (the values are libpcap's DLT_* names):
 *   EN10MB     Ethernet II, with 802.1Q / 802.1ad VLAN tags (4 bytes each) skipped;
 *   LINUX_SLL  Linux "cooked" v1: 16-byte header, protocol at offset 14;
 *   LINUX_SLL2 Linux "cooked" v2: 20-byte header, protocol at offset 0;
 *   NULL, LOOP BSD loopback: a 4-byte address family, in the capturing host's byte order for
 *              NULL and big-endian for LOOP; we accept either order. AF_INET is 2 everywhere;
 *              AF_INET6 is 10 (Linux), 24 (NetBSD, OpenBSD), 28 (FreeBSD) or 30 (macOS);
 *   RAW, IPV4, IPV6  the packet starts with the IP header.
 *
 * UDP (RFC 768) datagrams go to udp_flows.c, which keeps the flows that carry DTLS and counts
 * the others (stream.h "Datagrams").
 *
 * Not handled, and said so: IP fragments (a TLS stream over TCP is rarely fragmented; the
 * fragment is reported and skipped). Other IP protocols are skipped silently.
 */
/* libpcap's headers use the BSD types u_char and u_int, which glibc declares only when asked. */
#define _DEFAULT_SOURCE

#include "decoder/stream.h"

#include <pcap/pcap.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decoder/input_internal.h"
#include "decoder/pcap_lib.h"
#include "decoder/tcp_reassembly.h"
#include "decoder/udp_flows.h"

#define MAX_FILE_NOTES 64u
#define PCAP_READ_BUFFER (256u << 10) /* stdio buffer of the capture file: one read(2) per 256 KiB */

struct pcap_reader {
    const struct tls_stream_callbacks *cb;
    struct tcp_reassembly *ra;
    struct udp_flows *udp;
    int dlt;
    uint64_t frame;
    unsigned notes;
};

static uint16_t be16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* A note about the current frame; after MAX_FILE_NOTES the rest are counted, not shown. */
static void frame_note(struct pcap_reader *r, const char *what)
{
    char text[200];
    r->notes++;
    if (r->notes > MAX_FILE_NOTES + 1) {
        return;
    }
    if (r->notes == MAX_FILE_NOTES + 1) {
        tcp_reassembly_note(r->ra, "further notes about packets suppressed");
        return;
    }
    snprintf(text, sizeof(text), "frame %llu: %s", (unsigned long long)r->frame, what);
    tcp_reassembly_note(r->ra, text);
}

/*
 * RFC 9293 §3.1 TCP header (byte offsets):
 *    0 source port (16)          2 destination port (16)
 *    4 sequence number (32)      8 acknowledgment number (32)
 *   12 data offset (4 bits, in 32-bit words, >= 5), reserved (4)
 *   13 control bits CWR ECE URG ACK PSH RST SYN FIN
 *   14 window (16)  16 checksum (16)  18 urgent pointer (16)
 *   20 options (data offset * 4 - 20 bytes), then the data
 */
static void decode_tcp(struct pcap_reader *r, struct tcp_segment *seg, const uint8_t *p, size_t len,
                       size_t sent_len)
{
    if (len < 20) {
        frame_note(r, "TCP header truncated (RFC 9293 §3.1)");
        return;
    }
    size_t data_offset = (size_t)(p[12] >> 4) * 4;
    if (data_offset < 20 || data_offset > len) {
        frame_note(r, "TCP data offset outside the segment (RFC 9293 §3.1); packet skipped");
        return;
    }
    seg->src.port = be16(p);
    seg->dst.port = be16(p + 2);
    seg->seq = be32(p + 4);
    seg->flags = p[13];
    seg->payload = p + data_offset;
    seg->payload_len = len - data_offset;
    /* The IP header says how long the segment was; the capture may hold less (snaplen). */
    if (sent_len > len) {
        seg->missing_tail = sent_len - len;
        frame_note(r, "packet cut short by the capture's snapshot length: TCP payload incomplete");
    }
    tcp_reassembly_add(r->ra, seg);
}

/*
 * RFC 768 User Datagram Header (byte offsets):
 *    0 source port (16)   2 destination port (16)   4 length (16, header included)   6 checksum
 *    8 data
 */
static void decode_udp(struct pcap_reader *r, struct udp_datagram *dg, const uint8_t *p, size_t len,
                       size_t sent_len)
{
    if (len < 8 || sent_len < 8) {
        frame_note(r, "UDP header truncated (RFC 768); packet skipped");
        return;
    }
    size_t udp_len = be16(p + 4);
    if (udp_len < 8 || udp_len > sent_len) {
        udp_len = sent_len; /* a bad length field: the IP header is trusted instead */
    }
    dg->src.port = be16(p);
    dg->dst.port = be16(p + 2);
    dg->payload = p + 8;
    dg->sent_len = udp_len - 8;
    dg->payload_len = len < udp_len ? len - 8 : udp_len - 8;
    udp_flows_add(r->udp, dg);
}

/* The transport header after IP: TCP (6) or UDP (17); anything else is not ours. */
static void decode_transport(struct pcap_reader *r, uint8_t proto, uint8_t family, const uint8_t *src,
                             const uint8_t *dst, const uint8_t *p, size_t len, size_t sent_len)
{
    size_t alen = family == 4 ? 4 : 16;
    if (proto == 6) {
        struct tcp_segment seg;
        memset(&seg, 0, sizeof(seg));
        seg.frame = r->frame;
        seg.src.family = seg.dst.family = family;
        memcpy(seg.src.addr, src, alen);
        memcpy(seg.dst.addr, dst, alen);
        decode_tcp(r, &seg, p, len, sent_len);
    } else if (proto == 17) {
        struct udp_datagram dg;
        memset(&dg, 0, sizeof(dg));
        dg.frame = r->frame;
        dg.src.family = dg.dst.family = family;
        memcpy(dg.src.addr, src, alen);
        memcpy(dg.dst.addr, dst, alen);
        decode_udp(r, &dg, p, len, sent_len);
    }
}

/*
 * RFC 791 §3.1 Internet Header (byte offsets):
 *    0 version (4 bits) = 4, IHL (4 bits, header length in 32-bit words, >= 5)
 *    1 type of service   2 total length (16, header included)   4 identification (16)
 *    6 flags (3 bits: reserved, DF, MF), fragment offset (13 bits)
 *    8 time to live   9 protocol (6 = TCP)   10 header checksum (16)
 *   12 source address (32)   16 destination address (32)   20 options (IHL * 4 - 20 bytes)
 */
static void decode_ipv4(struct pcap_reader *r, const uint8_t *p, size_t len)
{
    if (len < 20 || (p[0] >> 4) != 4) {
        frame_note(r, "IPv4 header truncated or not version 4 (RFC 791 §3.1); packet skipped");
        return;
    }
    size_t ihl = (size_t)(p[0] & 0x0f) * 4;
    size_t total = be16(p + 2);
    if (ihl < 20 || ihl > len || total < ihl) {
        frame_note(r, "IPv4 header length or total length inconsistent (RFC 791 §3.1); packet skipped");
        return;
    }
    /* Flags MF (0x2000) or a fragment offset: one piece of a fragmented datagram. */
    if (be16(p + 6) & 0x3fff) {
        if (p[9] == 6 || p[9] == 17) {
            frame_note(r, "IPv4 fragment: fragment reassembly is not supported; packet skipped");
        }
        return;
    }
    /* Ethernet pads short frames: the IP total length says where the datagram ends. */
    bool truncated = total > len;
    size_t end = truncated ? len : total;
    decode_transport(r, p[9], 4, p + 12, p + 16, p + ihl, end - ihl, total - ihl);
}

/*
 * RFC 8200 §3 IPv6 header (byte offsets):
 *    0 version (4 bits) = 6, traffic class (8 bits), flow label (20 bits)
 *    4 payload length (16, everything after these 40 bytes)   6 next header   7 hop limit
 *    8 source address (128)   24 destination address (128)
 * then §4 extension headers, each naming the next, until TCP (next header 6).
 */
static void decode_ipv6(struct pcap_reader *r, const uint8_t *p, size_t len)
{
    if (len < 40 || (p[0] >> 4) != 6) {
        frame_note(r, "IPv6 header truncated or not version 6 (RFC 8200 §3); packet skipped");
        return;
    }
    size_t payload = be16(p + 4);
    bool truncated = 40 + payload > len;
    size_t end = truncated ? len : 40 + payload;
    uint8_t next = p[6];
    size_t pos = 40;
    /* RFC 8200 §4.1: hop-by-hop (0), routing (43), destination options (60): (len+1)*8 bytes;
     * RFC 4302 §2.2: authentication header (51): (len+2)*4 bytes. A bounded number of them. */
    for (int hops = 0; hops < 8 && (next == 0 || next == 43 || next == 60 || next == 51); hops++) {
        if (end - pos < 2) {
            frame_note(r, "IPv6 extension header truncated (RFC 8200 §4); packet skipped");
            return;
        }
        size_t ext = next == 51 ? ((size_t)p[pos + 1] + 2) * 4 : ((size_t)p[pos + 1] + 1) * 8;
        if (ext > end - pos) {
            frame_note(r, "IPv6 extension header longer than the packet (RFC 8200 §4); packet skipped");
            return;
        }
        next = p[pos];
        pos += ext;
    }
    if (next == 44) {
        frame_note(r, "IPv6 fragment: fragment reassembly is not supported; packet skipped");
        return;
    }
    decode_transport(r, next, 6, p + 8, p + 24, p + pos, end - pos, 40 + payload - pos);
}

/* IP by EtherType (0x0800 IPv4, 0x86DD IPv6); anything else is not ours. */
static void decode_ethertype(struct pcap_reader *r, uint16_t type, const uint8_t *p, size_t len)
{
    if (type == 0x0800) {
        decode_ipv4(r, p, len);
    } else if (type == 0x86dd) {
        decode_ipv6(r, p, len);
    }
}

/* IP whose version is only known from its first nibble (raw IP link types). */
static void decode_ip_by_version(struct pcap_reader *r, const uint8_t *p, size_t len)
{
    if (len >= 1 && (p[0] >> 4) == 4) {
        decode_ipv4(r, p, len);
    } else if (len >= 1 && (p[0] >> 4) == 6) {
        decode_ipv6(r, p, len);
    } else {
        frame_note(r, "raw IP packet of unknown IP version; packet skipped");
    }
}

static void decode_ethernet(struct pcap_reader *r, const uint8_t *p, size_t len)
{
    if (len < 14) {
        frame_note(r, "Ethernet header truncated; packet skipped");
        return;
    }
    uint16_t type = be16(p + 12);
    size_t pos = 14;
    /* IEEE 802.1Q (0x8100) and 802.1ad (0x88A8, 0x9100) tags: TCI then the real EtherType. */
    for (int tags = 0; tags < 4 && (type == 0x8100 || type == 0x88a8 || type == 0x9100); tags++) {
        if (len - pos < 4) {
            frame_note(r, "VLAN tag truncated; packet skipped");
            return;
        }
        type = be16(p + pos + 2);
        pos += 4;
    }
    decode_ethertype(r, type, p + pos, len - pos);
}

static void decode_loopback(struct pcap_reader *r, const uint8_t *p, size_t len)
{
    if (len < 4) {
        frame_note(r, "loopback header truncated; packet skipped");
        return;
    }
    /* The family is a small number: whichever byte order makes it small is the right one. */
    uint32_t big = be32(p);
    uint32_t little = (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
    uint32_t family = big <= 0xff ? big : little;
    if (family == 2) {
        decode_ipv4(r, p + 4, len - 4);
    } else if (family == 10 || family == 24 || family == 28 || family == 30) {
        decode_ipv6(r, p + 4, len - 4);
    }
}

/* One captured packet, by the capture's link-layer type. */
static void decode_packet(struct pcap_reader *r, const uint8_t *p, size_t len)
{
    switch (r->dlt) {
    case DLT_EN10MB:
        decode_ethernet(r, p, len);
        break;
    case DLT_LINUX_SLL:
        if (len < 16) {
            frame_note(r, "Linux cooked header truncated; packet skipped");
            break;
        }
        decode_ethertype(r, be16(p + 14), p + 16, len - 16);
        break;
    case DLT_LINUX_SLL2:
        if (len < 20) {
            frame_note(r, "Linux cooked v2 header truncated; packet skipped");
            break;
        }
        decode_ethertype(r, be16(p), p + 20, len - 20);
        break;
    case DLT_NULL:
    case DLT_LOOP:
        decode_loopback(r, p, len);
        break;
    case DLT_RAW:
    case DLT_IPV4:
    case DLT_IPV6:
        decode_ip_by_version(r, p, len);
        break;
    default:
        break;
    }
}

static bool supported_dlt(int dlt)
{
    switch (dlt) {
    case DLT_EN10MB:
    case DLT_LINUX_SLL:
    case DLT_LINUX_SLL2:
    case DLT_NULL:
    case DLT_LOOP:
    case DLT_RAW:
    case DLT_IPV4:
    case DLT_IPV6:
        return true;
    default:
        return false;
    }
}

#define PROGRESS_EVERY 256u /* packets between two progress calls */

/* The progress callback, if any, with the file position (every PROGRESS_EVERY packets, and at
 * the end of the file when final); false when it asks to stop. */
static bool report_progress(const struct pcap_lib *pl, pcap_t *pc, struct pcap_reader *r,
                            bool final)
{
    const struct tls_stream_callbacks *cb = r->cb;
    if (cb->on_progress == NULL || (!final && r->frame % PROGRESS_EVERY != 0)) {
        return true;
    }
    long pos = ftell(pl->file(pc));
    if (cb->on_progress(cb->ctx, pos > 0 ? (uint64_t)pos : 0)) {
        return true;
    }
    char text[96];
    snprintf(text, sizeof(text), "reading stopped by the user after frame %llu",
             (unsigned long long)r->frame);
    tcp_reassembly_note(r->ra, text);
    return false;
}

/* Every packet to the reassembler; a read error (a cut-off file) ends the loop with a note. */
static void read_packets(const struct pcap_lib *pl, pcap_t *pc, struct pcap_reader *r)
{
    while (report_progress(pl, pc, r, false)) {
        struct pcap_pkthdr *hdr;
        const u_char *data;
        int rc = pl->next_ex(pc, &hdr, &data);
        if (rc == PCAP_ERROR_BREAK) {
            report_progress(pl, pc, r, true); /* end of file: the whole file was read */
            return;
        }
        if (rc != 1) {
            char text[PCAP_ERRBUF_SIZE + 96];
            snprintf(text, sizeof(text), "capture file damaged or cut off after frame %llu: %s",
                     (unsigned long long)r->frame, pl->geterr(pc));
            tcp_reassembly_note(r->ra, text);
            return;
        }
        r->frame++;
        decode_packet(r, data, hdr->caplen);
    }
}

tls_result tls_pcap_read_file(const char *path, const struct tls_stream_callbacks *cb,
                              struct tls_input_error *ie)
{
    char errbuf[PCAP_ERRBUF_SIZE + 64];
    errbuf[0] = '\0';
    const struct pcap_lib *pl = pcap_lib_get(errbuf, sizeof(errbuf));
    if (pl == NULL) {
        return tls_input_fail(ie, TLS_ALERT_internal_error, "capture: libpcap cannot be loaded", 0,
                              "%s: %s", path, errbuf);
    }
    /* libpcap reads a capture through stdio, a record header and then a packet at a time; with
       stdio's default 4 KiB buffer that is one read(2) per 4 KiB (25 000 system calls for
       100 MB, several per cent of the decoder's CPU time). The file is opened here so that a
       larger buffer can be set before the first read; libpcap then reads it as it would. */
    char *iobuf = malloc(PCAP_READ_BUFFER);
    FILE *f = iobuf != NULL ? fopen(path, "rb") : NULL;
    pcap_t *pc = NULL;
    if (f != NULL && setvbuf(f, iobuf, _IOFBF, PCAP_READ_BUFFER) == 0) {
        pc = pl->fopen_offline(f, errbuf); /* on success, pcap_close() closes f */
    } else if (f == NULL && iobuf != NULL) {
        snprintf(errbuf, sizeof(errbuf), "cannot open the file");
    }
    if (pc == NULL) {
        if (f != NULL) {
            fclose(f);
        }
        free(iobuf);
        return tls_input_fail(ie, TLS_ALERT_decode_error, "capture: libpcap cannot read the file", 0,
                              "%s: %s", path, iobuf != NULL ? errbuf : "out of memory");
    }
    struct pcap_reader r;
    memset(&r, 0, sizeof(r));
    r.dlt = pl->datalink(pc);
    if (!supported_dlt(r.dlt)) {
        const char *name = pl->datalink_val_to_name(r.dlt);
        pl->close(pc);
        free(iobuf);
        return tls_input_fail(ie, TLS_ALERT_decode_error, "capture: unsupported link-layer type", 0,
                              "%s: link-layer type %d (%s) is not supported", path, r.dlt,
                              name != NULL ? name : "unknown");
    }
    r.cb = cb;
    r.ra = tcp_reassembly_new(cb);
    r.udp = r.ra != NULL ? udp_flows_new(cb, r.ra) : NULL;
    if (r.udp == NULL) {
        tcp_reassembly_free(r.ra);
        pl->close(pc);
        free(iobuf);
        return tls_input_fail(ie, TLS_ALERT_internal_error, "capture: out of memory", 0,
                              "out of memory");
    }
    read_packets(pl, pc, &r);
    pl->close(pc);
    free(iobuf); /* after pcap_close(): the stream used it until fclose */
    tcp_reassembly_finish(r.ra);
    udp_flows_finish(r.udp); /* after TCP: its note concerns the input, not a live connection */
    udp_flows_free(r.udp);
    tcp_reassembly_free(r.ra);
    return TLS_OK;
}
