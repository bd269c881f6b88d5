/* decoder_pcap_build.c — synthetic captures for decoder tests (see decoder_pcap_build.h). */
#define _DEFAULT_SOURCE /* u_char & co. for pcap.h; getpid() */

#include "support/decoder_pcap_build.h"

#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "support/testutil.h"

struct pb_writer {
    pcap_t *dead;
    pcap_dumper_t *dumper;
    enum pb_link link;
    struct pb_options opt;
    uint32_t tick;
    uint16_t ip_id;
};

static int dlt_of(enum pb_link link, bool ipv6)
{
    switch (link) {
    case PB_ETHERNET:
    case PB_ETHERNET_VLAN:
        return DLT_EN10MB;
    case PB_SLL:
        return DLT_LINUX_SLL;
    case PB_SLL2:
        return DLT_LINUX_SLL2;
    case PB_NULL_LE:
    case PB_NULL_BE:
        return DLT_NULL;
    case PB_LOOP:
        return DLT_LOOP;
    case PB_RAW:
        return DLT_RAW;
    case PB_IPV4_OR_6:
        return ipv6 ? DLT_IPV6 : DLT_IPV4;
    default:
        return DLT_EN10MB;
    }
}

struct pb_writer *pb_open(const char *path, enum pb_link link, const struct pb_options *opt)
{
    struct pb_writer *w = calloc(1, sizeof(*w));
    assert_non_null(w);
    w->link = link;
    if (opt != NULL) {
        w->opt = *opt;
    }
    if (w->opt.client_port == 0) {
        w->opt.client_port = PB_CLIENT_PORT;
    }
    w->dead = pcap_open_dead(dlt_of(link, w->opt.ipv6), 65535);
    assert_non_null(w->dead);
    w->dumper = pcap_dump_open(w->dead, path);
    if (w->dumper == NULL) {
        fail_msg("pcap_dump_open %s: %s", path, pcap_geterr(w->dead));
    }
    return w;
}

static void put16(uint8_t *p, unsigned v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
    put16(p, v >> 16);
    put16(p + 2, v & 0xffff);
}

/* Link header for an IP packet of the given version; returns its length. */
static size_t link_header(const struct pb_writer *w, uint8_t *p)
{
    unsigned ethertype = w->opt.ipv6 ? 0x86dd : 0x0800;
    unsigned family = w->opt.ipv6 ? (w->opt.af_inet6 != 0 ? w->opt.af_inet6 : 30) : 2; /* AF_INET6, AF_INET */
    switch (w->link) {
    case PB_ETHERNET:
        memset(p, 0x02, 12);
        put16(p + 12, ethertype);
        return 14;
    case PB_ETHERNET_VLAN:
        memset(p, 0x02, 12);
        put16(p + 12, 0x8100);
        put16(p + 14, 42);
        put16(p + 16, ethertype);
        return 18;
    case PB_SLL:
        memset(p, 0, 16);
        put16(p + 14, ethertype);
        return 16;
    case PB_SLL2:
        memset(p, 0, 20);
        put16(p, ethertype);
        return 20;
    case PB_NULL_LE:
        p[0] = (uint8_t)family;
        p[1] = p[2] = p[3] = 0;
        return 4;
    case PB_NULL_BE:
    case PB_LOOP:
        put32(p, family);
        return 4;
    case PB_RAW:
    case PB_IPV4_OR_6:
    default:
        return 0;
    }
}

static void dump(struct pb_writer *w, const uint8_t *frame, size_t len)
{
    struct pcap_pkthdr hdr;
    memset(&hdr, 0, sizeof(hdr));
    hdr.ts.tv_sec = 1700000000 + w->tick / 1000;
    hdr.ts.tv_usec = (w->tick % 1000) * 1000;
    w->tick++;
    hdr.caplen = hdr.len = (bpf_u_int32)len;
    if (w->opt.snaplen != 0 && hdr.caplen > w->opt.snaplen) {
        hdr.caplen = w->opt.snaplen;
    }
    pcap_dump((u_char *)w->dumper, &hdr, frame);
}

/* IP header (v4 or v6, with options if asked) for a TCP payload of tcp_len; returns its length. */
static size_t ip_header(struct pb_writer *w, uint8_t *p, bool from_client, size_t tcp_len)
{
    uint8_t a = from_client ? 1 : 2, b = from_client ? 2 : 1;
    if (w->opt.ipv6) {
        size_t ext = w->opt.ip_options ? 8 : 0;
        memset(p, 0, 40 + ext);
        p[0] = 0x60;
        put16(p + 4, (unsigned)(tcp_len + ext));
        p[6] = w->opt.ip_options ? 0 : 6; /* hop-by-hop first, then TCP */
        p[7] = 64;
        p[8] = 0xfd;
        p[23] = a;
        p[24] = 0xfd;
        p[39] = b;
        if (ext) {
            p[40] = 6;      /* next header TCP */
            p[41] = 0;      /* (0+1)*8 bytes */
            p[42] = 1;      /* PadN option filling the rest */
            p[43] = 4;
        }
        return 40 + ext;
    }
    size_t ihl = w->opt.ip_options ? 24 : 20;
    memset(p, 0, ihl);
    p[0] = (uint8_t)(0x40 | ihl / 4);
    put16(p + 2, (unsigned)(ihl + tcp_len));
    put16(p + 4, w->ip_id++);
    p[8] = 64;
    p[9] = 6;
    p[12] = 10, p[15] = a;
    p[16] = 10, p[19] = b;
    if (w->opt.ip_options) {
        p[20] = p[21] = p[22] = 1; /* NOP */
        p[23] = 0;                 /* EOL */
    }
    return ihl;
}

void pb_tcp(struct pb_writer *w, bool from_client, uint32_t seq, uint8_t flags, const uint8_t *data,
            size_t len)
{
    static uint8_t frame[70000];
    size_t opt = w->opt.tcp_options ? 12 : 0;
    size_t tcp_len = 20 + opt + len;
    assert_true(tcp_len + 100 < sizeof(frame));
    size_t pos = link_header(w, frame);
    pos += ip_header(w, frame + pos, from_client, tcp_len);
    uint8_t *t = frame + pos;
    memset(t, 0, 20 + opt);
    put16(t, from_client ? w->opt.client_port : PB_SERVER_PORT);
    put16(t + 2, from_client ? PB_SERVER_PORT : w->opt.client_port);
    put32(t + 4, seq);
    t[12] = (uint8_t)((20 + opt) / 4 << 4);
    t[13] = flags;
    put16(t + 14, 65535);
    if (opt) {
        t[20] = t[21] = 1;          /* NOP NOP */
        t[22] = 8, t[23] = 10;      /* timestamps, RFC 7323 §3 */
    }
    if (len > 0) {
        memcpy(t + 20 + opt, data, len);
    }
    dump(w, frame, pos + tcp_len);
}

void pb_ipv4_fragment(struct pb_writer *w)
{
    uint8_t frame[128];
    bool v6 = w->opt.ipv6;
    w->opt.ipv6 = false;
    size_t pos = link_header(w, frame);
    pos += ip_header(w, frame + pos, true, 28);
    w->opt.ipv6 = v6;
    frame[pos - (w->opt.ip_options ? 24 : 20) + 6] = 0x20; /* MF: more fragments follow */
    memset(frame + pos, 0xee, 28);
    dump(w, frame, pos + 28);
}

void pb_set_client_port(struct pb_writer *w, uint16_t port)
{
    w->opt.client_port = port;
}

void pb_close(struct pb_writer *w)
{
    pcap_dump_close(w->dumper);
    pcap_close(w->dead);
    free(w);
}

void pb_temp_path(char *out, size_t cap, const char *tag)
{
    snprintf(out, cap, "/tmp/tls13-decoder-test-%ld-%s", (long)getpid(), tag);
}

unsigned pb_filter_by_source_port(const char *in, const char *out, uint16_t port, bool drop_syn)
{
    char errbuf[PCAP_ERRBUF_SIZE];
    pcap_t *pc = pcap_open_offline(in, errbuf);
    if (pc == NULL) {
        fail_msg("%s: %s", in, errbuf);
    }
    assert_int_equal(pcap_datalink(pc), DLT_EN10MB);
    pcap_dumper_t *d = pcap_dump_open(pc, out);
    assert_non_null(d);
    struct pcap_pkthdr *h;
    const u_char *p;
    unsigned kept = 0;
    while (pcap_next_ex(pc, &h, &p) == 1) {
        /* Ethernet (14) + IPv4 (IHL) + TCP: source port, flags at 13. */
        assert_true(h->caplen >= 14 + 20 + 20);
        size_t t = 14 + (size_t)(p[14] & 0x0f) * 4;
        unsigned sport = (unsigned)p[t] << 8 | p[t + 1];
        bool syn = (p[t + 13] & 0x02) != 0;
        if (sport == port && !(drop_syn && syn)) {
            pcap_dump((u_char *)d, h, p);
            kept++;
        }
    }
    pcap_dump_close(d);
    pcap_close(pc);
    return kept;
}
