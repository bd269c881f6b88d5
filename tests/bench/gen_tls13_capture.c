/*
 * gen_tls13_capture.c — writes a large, exact TLS 1.3 capture for the decoder benchmark.
 *
 *   gen_tls13_capture TEMPLATE.pcap KEYLOG OUT.pcap TARGET_BYTES [MSS]
 *
 * RFC 8446 §5.2 (TLSCiphertext, TLSInnerPlaintext), §5.3 (per-record nonce), §7.3 (traffic keys).
 *
 * Implementation notes
 * --------------------
 * A benchmark capture must be large (>= 100 MB), keyed and the same on every run. Capturing live
 * traffic gives none of the three for sure (dumpcap may drop packets under load), so this tool
 * starts from a small real capture instead (TEMPLATE: one OpenSSL 3.0 TLS 1.3 connection on
 * loopback, Ethernet/IPv4, with its NSS key log; one connection only, from its SYN) and grows it:
 *
 *   1. Every template packet is copied unchanged up to, not including, the first packet that
 *      carries an application_data record (the handshake, both Finished messages and any
 *      NewSessionTicket stay real: the decoder still verifies them).
 *   2. While copying, the TLS records of each direction are followed, and each protected record
 *      is opened with the handshake keys or, once those stop working, the application keys
 *      derived from the key log (§7.3). That gives the §5.3 sequence number at which each
 *      direction's application data continues (the server's NewSessionTickets use 0 and 1).
 *   3. Then request/response exchanges are appended: a 64-byte client request, a 1 MiB server
 *      response in 16 KiB records (the §5.1 maximum), each sealed with the real application
 *      traffic keys, cut into TCP segments of at most MSS bytes with correct sequence and
 *      acknowledgement numbers, until the file reaches TARGET_BYTES.
 *   4. close_notify both ways (RFC 8446 §6.1) and a FIN from each side end the connection.
 *
 * The plaintext is a fixed pattern and there is no randomness: the same inputs give the same file.
 * This is a tool, not library code: it uses stdio and the heap freely.
 */
#define _DEFAULT_SOURCE /* u_char & co. for pcap.h */
#include <pcap/pcap.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/aead.h"
#include "crypto/key_schedule.h"
#include "crypto/suite.h"
#include "decoder/keylog.h"

#define ETH_LEN 14
#define IP_LEN 20
#define TCP_LEN 20
#define HDR_LEN (ETH_LEN + IP_LEN + TCP_LEN)
#define RECORD_HDR 5
#define MAX_RECORD (RECORD_HDR + 16384 + 256)
#define STREAM_BUF (4 * MAX_RECORD)
#define RESPONSE_BYTES (1024 * 1024)
#define REQUEST_BYTES 64
#define MAX_PLAIN 16384

enum { CLIENT = 0, SERVER = 1 };

/* One direction of the connection: its TCP state and its record protection state. */
struct side {
    uint8_t eth_src[6], eth_dst[6];
    uint8_t ip_src[4], ip_dst[4];
    uint16_t port_src, port_dst;
    uint32_t next_seq;                  /* next TCP sequence number this side sends */
    struct tls_traffic_keys hs, ap;     /* handshake and application traffic keys */
    uint64_t hs_seq, ap_seq;            /* §5.3 record sequence numbers per key */
    bool in_app;                        /* the handshake keys are done */
    uint8_t buf[STREAM_BUF];            /* bytes of an incomplete record */
    size_t used;
};

struct gen {
    struct side s[2];
    bool have_sides;
    uint8_t client_random[TLS_KEYLOG_RANDOM_LEN];
    const struct tls_cipher_suite *suite;
    struct tls_keylog keylog;
    pcap_dumper_t *out;
    uint64_t out_bytes;                 /* bytes written to the pcap file so far */
    struct timeval ts;
    uint32_t mss;
    size_t record;                      /* application data bytes per record (<= 2^14) */
};

static void die(const char *what)
{
    fprintf(stderr, "gen_tls13_capture: %s\n", what);
    exit(1);
}

static uint16_t get16(const uint8_t *p) { return (uint16_t)((p[0] << 8) | p[1]); }
static uint32_t get32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}
static void put16(uint8_t *p, uint32_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static void put32(uint8_t *p, uint32_t v)
{
    put16(p, v >> 16);
    put16(p + 2, v);
}

/* The Internet checksum (RFC 1071) of data, continuing from sum. */
static uint32_t csum_add(uint32_t sum, const uint8_t *data, size_t len)
{
    for (size_t i = 0; i + 1 < len; i += 2) {
        sum += get16(data + i);
    }
    if (len & 1) {
        sum += (uint32_t)data[len - 1] << 8;
    }
    return sum;
}

static uint16_t csum_fold(uint32_t sum)
{
    while (sum >> 16) {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return (uint16_t)~sum;
}

/* Derives one traffic key set from the key log line `id` of this connection. */
static void keys_from_log(struct gen *g, enum tls_secret_id id, struct tls_traffic_keys *out)
{
    const struct tls_keylog_entry *e = tls_keylog_find(&g->keylog, g->client_random, id);
    if (e == NULL) {
        die("the key log has no secret for the template's connection");
    }
    if (tls_traffic_keys_derive(g->suite, e->secret, out, NULL) != TLS_OK) {
        die("traffic key derivation failed");
    }
}

/* ServerHello fixes the suite (§4.1.3); then all four traffic key sets can be derived. */
static void on_server_hello(struct gen *g, const uint8_t *rec, size_t len)
{
    /* record header 5, handshake header 4, legacy_version 2, random 32, then session id */
    size_t at = RECORD_HDR + 4 + 2 + 32;
    if (len < at + 1 || len < at + 1 + rec[at] + 2) {
        die("template ServerHello is too short");
    }
    at += 1 + rec[at];
    g->suite = tls_cipher_suite_find(get16(rec + at));
    if (g->suite == NULL) {
        die("template ServerHello names a suite this project does not implement");
    }
    keys_from_log(g, TLS_SECRET_client_handshake_traffic_secret, &g->s[CLIENT].hs);
    keys_from_log(g, TLS_SECRET_server_handshake_traffic_secret, &g->s[SERVER].hs);
    keys_from_log(g, TLS_SECRET_client_application_traffic_secret_0, &g->s[CLIENT].ap);
    keys_from_log(g, TLS_SECRET_server_application_traffic_secret_0, &g->s[SERVER].ap);
}

/*
 * Follows one complete record of the template. Returns true if it is application data (the
 * point where the template stops being copied).
 */
static bool follow_record(struct gen *g, struct side *sd, const uint8_t *rec, size_t len)
{
    static uint8_t plain[MAX_RECORD];
    if (rec[0] == 22 && len > RECORD_HDR + 4 + 2 + 32 && rec[RECORD_HDR] == 1) {
        memcpy(g->client_random, rec + RECORD_HDR + 4 + 2, TLS_KEYLOG_RANDOM_LEN);
    } else if (rec[0] == 22 && len > RECORD_HDR && rec[RECORD_HDR] == 2) {
        on_server_hello(g, rec, len);
    }
    if (rec[0] != 23 || g->suite == NULL) {
        return false;
    }
    /* Trial decryption: handshake keys until they fail, then application keys (§7.1 order). */
    size_t clen = len - RECORD_HDR;
    if (!sd->in_app &&
        tls_aead_open(&sd->hs, sd->hs_seq, rec, RECORD_HDR, rec + RECORD_HDR, clen, plain, NULL) == TLS_OK) {
        sd->hs_seq++;
        return false;
    }
    sd->in_app = true;
    if (tls_aead_open(&sd->ap, sd->ap_seq, rec, RECORD_HDR, rec + RECORD_HDR, clen, plain, NULL) != TLS_OK) {
        die("a template record opens with neither the handshake nor the application keys");
    }
    /* §5.2: the inner content type is the last non-zero byte of TLSInnerPlaintext. */
    size_t n = clen - TLS_AEAD_TAG_LEN;
    while (n > 0 && plain[n - 1] == 0) {
        n--;
    }
    if (n > 0 && plain[n - 1] == 23) {
        return true;  /* not counted: the generated data takes this sequence number */
    }
    sd->ap_seq++;
    return false;
}

/* Appends a segment's payload to its direction and follows every record it completes. */
static bool follow_payload(struct gen *g, struct side *sd, const uint8_t *p, size_t len)
{
    bool app_data = false;
    if (sd->used + len > sizeof sd->buf) {
        die("template record too large");
    }
    memcpy(sd->buf + sd->used, p, len);
    sd->used += len;
    size_t at = 0;
    while (sd->used - at >= RECORD_HDR) {
        size_t rlen = RECORD_HDR + get16(sd->buf + at + 3);
        if (sd->used - at < rlen) {
            break;
        }
        app_data |= follow_record(g, sd, sd->buf + at, rlen);
        at += rlen;
    }
    memmove(sd->buf, sd->buf + at, sd->used - at);
    sd->used -= at;
    return app_data;
}

/* Remembers the addresses of both directions from the client's SYN. */
static void learn_sides(struct gen *g, const uint8_t *pkt, const uint8_t *tcp)
{
    struct side *c = &g->s[CLIENT], *s = &g->s[SERVER];
    memcpy(c->eth_dst, pkt, 6);
    memcpy(c->eth_src, pkt + 6, 6);
    memcpy(c->ip_src, pkt + ETH_LEN + 12, 4);
    memcpy(c->ip_dst, pkt + ETH_LEN + 16, 4);
    c->port_src = get16(tcp);
    c->port_dst = get16(tcp + 2);
    memcpy(s->eth_dst, c->eth_src, 6);
    memcpy(s->eth_src, c->eth_dst, 6);
    memcpy(s->ip_src, c->ip_dst, 4);
    memcpy(s->ip_dst, c->ip_src, 4);
    s->port_src = c->port_dst;
    s->port_dst = c->port_src;
    g->have_sides = true;
}

static void dump(struct gen *g, const struct pcap_pkthdr *h, const uint8_t *pkt)
{
    pcap_dump((u_char *)g->out, h, pkt);
    g->out_bytes += sizeof(uint32_t) * 4 + h->caplen;
    g->ts = h->ts;
}

/* Step 1-2: copies the template up to its first application_data packet. */
static void copy_template(struct gen *g, pcap_t *in)
{
    struct pcap_pkthdr *h;
    const u_char *pkt;
    while (pcap_next_ex(in, &h, &pkt) == 1) {
        if (h->caplen != h->len || h->caplen < HDR_LEN || get16(pkt + 12) != 0x0800 ||
            (pkt[ETH_LEN] & 0x0f) != 5 || pkt[ETH_LEN + 9] != 6) {
            die("template must be Ethernet/IPv4 (no options)/TCP, uncut");
        }
        const uint8_t *tcp = pkt + ETH_LEN + IP_LEN;
        size_t tcp_hlen = (size_t)(tcp[12] >> 4) * 4;
        size_t ip_total = get16(pkt + ETH_LEN + 2);
        size_t plen = ip_total - IP_LEN - tcp_hlen;
        bool syn = (tcp[13] & 0x02) != 0, ack = (tcp[13] & 0x10) != 0, fin = (tcp[13] & 0x01) != 0;
        if (syn && !ack && !g->have_sides) {
            learn_sides(g, pkt, tcp);
        }
        if (!g->have_sides || fin) {
            die("template must start with the SYN and reach application data before a FIN");
        }
        struct side *sd = get16(tcp) == g->s[CLIENT].port_src ? &g->s[CLIENT] : &g->s[SERVER];
        if (get16(tcp) != sd->port_src || get16(tcp + 2) != sd->port_dst) {
            die("template must hold one TCP connection only");
        }
        if (plen > 0 && follow_payload(g, sd, tcp + tcp_hlen, plen)) {
            return;  /* this packet and all after it are replaced */
        }
        sd->next_seq = get32(tcp + 4) + (uint32_t)plen + (syn ? 1u : 0u);
        dump(g, h, pkt);
    }
    die("template has no application data");
}

/* Writes one TCP segment from side `from`, with correct checksums. */
static void write_segment(struct gen *g, int from, const uint8_t *data, size_t len, uint8_t flags)
{
    static uint8_t pkt[HDR_LEN + 65535];
    struct side *sd = &g->s[from], *peer = &g->s[1 - from];
    uint8_t *ip = pkt + ETH_LEN, *tcp = ip + IP_LEN;
    memcpy(pkt, sd->eth_dst, 6);
    memcpy(pkt + 6, sd->eth_src, 6);
    put16(pkt + 12, 0x0800);
    /* IPv4: version 4, IHL 5, DF set, TTL 64, protocol TCP */
    memset(ip, 0, IP_LEN + TCP_LEN);
    ip[0] = 0x45;
    put16(ip + 2, (uint32_t)(IP_LEN + TCP_LEN + len));
    ip[6] = 0x40;
    ip[8] = 64;
    ip[9] = 6;
    memcpy(ip + 12, sd->ip_src, 4);
    memcpy(ip + 16, sd->ip_dst, 4);
    put16(ip + 10, csum_fold(csum_add(0, ip, IP_LEN)));
    put16(tcp, sd->port_src);
    put16(tcp + 2, sd->port_dst);
    put32(tcp + 4, sd->next_seq);
    put32(tcp + 8, peer->next_seq);
    tcp[12] = (TCP_LEN / 4) << 4;
    tcp[13] = flags;
    put16(tcp + 14, 65535);
    if (len > 0) {
        memcpy(tcp + TCP_LEN, data, len);
    }
    /* TCP checksum over the pseudo-header (addresses, protocol, length) and the segment */
    uint32_t sum = csum_add(0, ip + 12, 8) + 6 + (uint32_t)(TCP_LEN + len);
    put16(tcp + 16, csum_fold(csum_add(sum, tcp, TCP_LEN + len)));
    sd->next_seq += (uint32_t)len + ((flags & 0x01) ? 1u : 0u);
    g->ts.tv_usec += 10;
    if (g->ts.tv_usec >= 1000000) {
        g->ts.tv_sec++;
        g->ts.tv_usec -= 1000000;
    }
    struct pcap_pkthdr h = { .ts = g->ts, .caplen = (bpf_u_int32)(HDR_LEN + len),
                             .len = (bpf_u_int32)(HDR_LEN + len) };
    dump(g, &h, pkt);
}

/* §5.2: seals one TLSInnerPlaintext (content || type) as an opaque_type 23 record. */
static size_t seal_record(struct side *sd, uint8_t type, const uint8_t *content, size_t len,
                          uint8_t *out)
{
    static uint8_t inner[MAX_PLAIN + 1];
    memcpy(inner, content, len);
    inner[len] = type;
    size_t clen = len + 1 + TLS_AEAD_TAG_LEN;
    out[0] = 23;
    out[1] = 0x03;
    out[2] = 0x03;
    put16(out + 3, (uint32_t)clen);
    if (tls_aead_seal(&sd->ap, sd->ap_seq, out, RECORD_HDR, inner, len + 1, out + RECORD_HDR, NULL) != TLS_OK) {
        die("tls_aead_seal failed");
    }
    sd->ap_seq++;
    return RECORD_HDR + clen;
}

/* Cuts the records in stream[0..used) into segments of at most MSS bytes. */
static void send_stream(struct gen *g, int from, const uint8_t *stream, size_t used)
{
    for (size_t at = 0; at < used; at += g->mss) {
        size_t n = used - at < g->mss ? used - at : g->mss;
        write_segment(g, from, stream + at, n, 0x18); /* PSH, ACK */
    }
}

/* Sends `total` bytes of application_data from side `from` in records of at most g->record
   bytes (2^14 by default, the §5.1 maximum; 1024 for the small-records case). */
static void send_app_data(struct gen *g, int from, size_t total)
{
    static uint8_t content[MAX_PLAIN];
    /* 22 bytes of header, type and tag per record: 2.2 % for 1 KiB records */
    static uint8_t stream[RESPONSE_BYTES + RESPONSE_BYTES / 16];
    size_t used = 0;
    for (size_t i = 0; i < sizeof content; i++) {
        content[i] = (uint8_t)("0123456789abcdef"[i % 16]);
    }
    while (total > 0) {
        size_t n = total < g->record ? total : g->record;
        used += seal_record(&g->s[from], 23, content, n, stream + used);
        total -= n;
    }
    send_stream(g, from, stream, used);
}

/* §6.1: close_notify is an alert record, level warning(1), description close_notify(0). */
static void send_close_notify(struct gen *g, int from)
{
    static const uint8_t close_notify[2] = { 1, 0 };
    uint8_t rec[RECORD_HDR + sizeof close_notify + 1 + TLS_AEAD_TAG_LEN];
    send_stream(g, from, rec, seal_record(&g->s[from], 21, close_notify, sizeof close_notify, rec));
}

int main(int argc, char **argv)
{
    static struct gen g;
    char errbuf[PCAP_ERRBUF_SIZE];
    if (argc < 5 || argc > 7) {
        die("usage: gen_tls13_capture TEMPLATE.pcap KEYLOG OUT.pcap TARGET_BYTES [MSS [RECORD]]");
    }
    uint64_t target = strtoull(argv[4], NULL, 10);
    g.mss = argc >= 6 ? (uint32_t)strtoul(argv[5], NULL, 10) : 1448;
    g.record = argc == 7 ? (size_t)strtoul(argv[6], NULL, 10) : MAX_PLAIN;
    if (g.record == 0 || g.record > MAX_PLAIN) {
        die("RECORD must be 1..16384");
    }
    if (g.mss == 0 || g.mss > 65000) {
        die("MSS must be 1..65000");
    }
    FILE *kf = fopen(argv[2], "rb");
    static char ktext[1 << 20];
    size_t klen = kf ? fread(ktext, 1, sizeof ktext, kf) : 0;
    unsigned long bad_line = 0;
    struct tls_error err = { 0 };
    tls_keylog_init(&g.keylog);
    if (kf == NULL || tls_keylog_parse(&g.keylog, ktext, klen, &bad_line, &err) != TLS_OK) {
        die("cannot read the key log");
    }
    fclose(kf);
    pcap_t *in = pcap_open_offline(argv[1], errbuf);
    if (in == NULL || pcap_datalink(in) != DLT_EN10MB) {
        die("cannot open the template as an Ethernet pcap");
    }
    g.out = pcap_dump_open(in, argv[3]);
    if (g.out == NULL) {
        die("cannot create the output pcap");
    }
    g.out_bytes = 24;  /* pcap file header */
    copy_template(&g, in);
    /* Step 3: request/response exchanges until the file is large enough. */
    while (g.out_bytes < target) {
        send_app_data(&g, CLIENT, REQUEST_BYTES);
        send_app_data(&g, SERVER, RESPONSE_BYTES);
    }
    /* Step 4: close_notify both ways, then a FIN from each side. */
    send_close_notify(&g, CLIENT);
    send_close_notify(&g, SERVER);
    write_segment(&g, CLIENT, NULL, 0, 0x11); /* FIN, ACK */
    write_segment(&g, SERVER, NULL, 0, 0x11);
    pcap_dump_close(g.out);
    pcap_close(in);
    tls_keylog_free(&g.keylog);
    printf("%llu bytes, client records %llu, server records %llu\n",
           (unsigned long long)g.out_bytes, (unsigned long long)g.s[CLIENT].ap_seq,
           (unsigned long long)g.s[SERVER].ap_seq);
    return 0;
}
