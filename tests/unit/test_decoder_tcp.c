/*
 * test_decoder_tcp.c — TCP reassembly and link-layer decoding on synthetic captures whose
 * every byte is known (written with libpcap's pcap_dump in support/decoder_pcap_build.c).
 *
 * The rules under test are those of src/decoder/tcp_reassembly.c: RFC 9293 §3.4 sequence
 * numbers (the SYN takes one, arithmetic modulo 2^32), first-seen data wins on overlaps,
 * out-of-order segments wait (bounded), missing bytes become on_gap events.
 */
#include "support/testutil.h"

#include <stdio.h>
#include <string.h>

#include "decoder/stream.h"
#include "support/decoder_collect.h"
#include "support/decoder_pcap_build.h"

#define FIN 0x01
#define SYN 0x02
#define RST 0x04
#define ACK 0x10

/* Client ISN just below 2^32, so the client's data crosses the sequence number wrap. */
static const uint32_t client_isn = 0xfffffff0u;
static const uint32_t server_isn = 5000;

static uint8_t orig[64];

static void fill_orig(void)
{
    for (size_t i = 0; i < sizeof(orig); i++) {
        orig[i] = (uint8_t)(0x30 + i);
    }
}

/* Client data [from, to) of the original stream. */
static void client_data(struct pb_writer *w, size_t from, size_t to)
{
    pb_tcp(w, true, client_isn + 1 + (uint32_t)from, ACK, orig + from, to - from);
}

/*
 * The scenario: out of order, overlapping with different content, duplicated, a segment that
 * is half old (its old half differs: the first-seen copy must win), a server direction with a
 * hole that is never filled.
 */
static void write_scenario(const char *path, enum pb_link link, const struct pb_options *opt)
{
    static const uint8_t x[10] = "xxxxxxxxxx", y[7] = "yyyyyyy";
    struct pb_writer *w = pb_open(path, link, opt);
    pb_tcp(w, true, client_isn, SYN, NULL, 0);
    pb_tcp(w, false, server_isn, SYN | ACK, NULL, 0);
    pb_tcp(w, true, client_isn + 1, ACK, NULL, 0);
    client_data(w, 10, 20);                                     /* ahead: waits */
    client_data(w, 0, 10);                                      /* fills the hole: 0..20 out */
    pb_tcp(w, true, client_isn + 1 + 5, ACK, x, sizeof(x));     /* [5..15) again, other bytes */
    client_data(w, 20, 30);
    client_data(w, 20, 30);                                     /* duplicate */
    client_data(w, 35, 40);                                     /* ahead */
    pb_tcp(w, true, client_isn + 1 + 38, ACK, y, sizeof(y));    /* [38..45): 38,39 seen already */
    client_data(w, 30, 35);                                     /* fills: 30..45 out */
    pb_tcp(w, false, server_isn + 1, ACK, orig, 10);            /* server [0..10) */
    pb_tcp(w, false, server_isn + 1 + 20, ACK, orig + 20, 10);  /* server [20..30): [10..20) lost */
    pb_tcp(w, false, server_isn + 1 + 30, FIN | ACK, NULL, 0);
    pb_tcp(w, true, client_isn + 1 + 45, FIN | ACK, NULL, 0);
    pb_close(w);
}

static void check_scenario(const char *path, const char *what)
{
    tls_result rc;
    struct tls_input_error ie;
    struct collected *c = collect_read_path(path, &rc, &ie);
    if (rc != TLS_OK || c->violations != 0) {
        fail_msg("%s: rc %d %s; %s", what, rc, ie.message, c->violation);
    }
    assert_int_equal(c->nconn, 1);
    const struct collected_conn *k = &c->conns[1];
    assert_int_equal(k->info.client_rule, TLS_CLIENT_BY_SYN);
    assert_int_equal(k->info.client_port, PB_CLIENT_PORT);
    assert_int_equal(k->info.server_port, PB_SERVER_PORT);
    uint8_t want[45];
    memcpy(want, orig, 40);
    memset(want + 40, 'y', 5);
    const struct collected_dir *cl = &k->dir[TLS_DIR_CLIENT_TO_SERVER];
    assert_int_equal(cl->missing, 0);
    assert_bytes_equal(cl->data, (size_t)cl->bytes, want, sizeof(want),
                       "synthetic scenario: client stream, first-seen bytes win");
    const struct collected_dir *sv = &k->dir[TLS_DIR_SERVER_TO_CLIENT];
    assert_int_equal(sv->bytes, 20);
    assert_int_equal(sv->missing, 10);
    assert_int_equal(sv->gaps, 1);
    assert_bytes_equal(sv->data + 20, 10, orig + 20, 10, "synthetic scenario: server bytes after the gap");
    assert_true(k->end.fin[0]);
    assert_true(k->end.fin[1]);
    /* write_scenario: the server's FIN is sent before the client's; nobody resets. */
    assert_int_equal(k->end.fin_rank[TLS_DIR_SERVER_TO_CLIENT], 1);
    assert_int_equal(k->end.fin_rank[TLS_DIR_CLIENT_TO_SERVER], 2);
    assert_false(k->end.rst[0]);
    assert_false(k->end.rst[1]);
    collect_free(c);
}

static void reorder_overlap_duplicate_every_link_type(void **state)
{
    (void)state;
    fill_orig();
    static const enum pb_link links[] = {PB_ETHERNET, PB_ETHERNET_VLAN, PB_SLL, PB_SLL2, PB_NULL_LE,
                                         PB_NULL_BE,  PB_LOOP,          PB_RAW, PB_IPV4_OR_6};
    char path[256];
    pb_temp_path(path, sizeof(path), "scenario.pcap");
    for (size_t i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
        for (int v = 0; v < 4; v++) {
            struct pb_options opt = {.ipv6 = (v & 1) != 0, .ip_options = (v & 2) != 0, .tcp_options = (v & 2) != 0};
            char what[64];
            snprintf(what, sizeof(what), "link %zu, IPv%d, options %d", i, opt.ipv6 ? 6 : 4, opt.ip_options);
            write_scenario(path, links[i], &opt);
            check_scenario(path, what);
        }
    }
    /* BSD loopback: every operating system's AF_INET6 value, in both byte orders. */
    static const uint8_t af_inet6[] = {10, 24, 28, 30};
    for (size_t i = 0; i < sizeof(af_inet6); i++) {
        for (int big = 0; big < 2; big++) {
            struct pb_options opt = {.ipv6 = true, .af_inet6 = af_inet6[i]};
            write_scenario(path, big ? PB_NULL_BE : PB_NULL_LE, &opt);
            check_scenario(path, "BSD loopback, IPv6");
        }
    }
    remove(path);
}

/* More than TLS_STREAM_MAX_BUFFERED bytes wait behind a hole: the reassembler gives up on the
 * hole (a gap) before the capture ends, so the hole's late arrival is too late. */
static void buffering_is_bounded(void **state)
{
    (void)state;
    static uint8_t seg[1400];
    memset(seg, 0x42, sizeof(seg));
    char path[256];
    pb_temp_path(path, sizeof(path), "bound.pcap");
    struct pb_writer *w = pb_open(path, PB_ETHERNET, NULL);
    pb_tcp(w, true, 100, SYN, NULL, 0);
    const unsigned n = TLS_STREAM_MAX_BUFFERED / sizeof(seg) + 10;
    for (unsigned i = 0; i < n; i++) {
        pb_tcp(w, true, 101 + 1000 + i * (uint32_t)sizeof(seg), ACK, seg, sizeof(seg));
    }
    pb_tcp(w, true, 101, ACK, seg, 1000); /* the hole's bytes, too late */
    pb_close(w);
    tls_result rc;
    struct tls_input_error ie;
    struct collected *c = collect_read_path(path, &rc, &ie);
    assert_int_equal(rc, TLS_OK);
    assert_int_equal(c->violations, 0);
    const struct collected_dir *cl = &c->conns[1].dir[TLS_DIR_CLIENT_TO_SERVER];
    assert_int_equal(cl->gaps, 1);
    assert_int_equal(cl->missing, 1000);
    assert_int_equal(cl->bytes, (uint64_t)n * sizeof(seg));
    collect_free(c);
    remove(path);
}

/* TLS_STREAM_MAX_CONNECTIONS connections are followed; the next ones are reported, not kept. */
static void connection_count_is_bounded(void **state)
{
    (void)state;
    char path[256];
    pb_temp_path(path, sizeof(path), "many.pcap");
    struct pb_writer *w = pb_open(path, PB_RAW, NULL);
    for (unsigned i = 0; i < TLS_STREAM_MAX_CONNECTIONS + 6; i++) {
        pb_set_client_port(w, (uint16_t)(20000 + i));
        pb_tcp(w, true, 7, SYN, NULL, 0);
    }
    pb_close(w);
    tls_result rc;
    struct tls_input_error ie;
    struct collected *c = collect_read_path(path, &rc, &ie);
    assert_int_equal(rc, TLS_OK);
    assert_int_equal(c->violations, 0);
    assert_int_equal(c->nconn, TLS_STREAM_MAX_CONNECTIONS);
    assert_int_equal(c->nended, TLS_STREAM_MAX_CONNECTIONS);
    assert_int_equal(c->file_notes, 1);
    assert_non_null(strstr(c->last_note, "1024"));
    collect_free(c);
    remove(path);
}

/* After both FINs, a new SYN on the same ports is a new connection; an IPv4 fragment is
 * reported (not reassembled). */
static void port_reuse_and_fragments(void **state)
{
    (void)state;
    fill_orig();
    char path[256];
    pb_temp_path(path, sizeof(path), "reuse.pcap");
    struct pb_writer *w = pb_open(path, PB_ETHERNET, NULL);
    for (int round = 0; round < 2; round++) {
        uint32_t isn = round == 0 ? 1000 : 90000;
        pb_tcp(w, true, isn, SYN, NULL, 0);
        pb_tcp(w, false, 7, SYN | ACK, NULL, 0);
        pb_tcp(w, true, isn + 1, ACK, orig, (size_t)(5 + round));
        pb_tcp(w, true, isn + 6 + (uint32_t)round, FIN | ACK, NULL, 0);
        pb_tcp(w, false, 8, FIN | ACK, NULL, 0);
        pb_tcp(w, true, isn + 1, ACK, orig, 5); /* a late retransmission: ignored */
    }
    pb_ipv4_fragment(w);
    pb_close(w);
    tls_result rc;
    struct tls_input_error ie;
    struct collected *c = collect_read_path(path, &rc, &ie);
    assert_int_equal(rc, TLS_OK);
    assert_int_equal(c->violations, 0);
    assert_int_equal(c->nconn, 2);
    assert_int_equal(c->conns[1].end.reason, TLS_STREAM_END_FIN);
    assert_int_equal(c->conns[1].dir[0].bytes, 5);
    assert_int_equal(c->conns[2].end.reason, TLS_STREAM_END_FIN);
    assert_int_equal(c->conns[2].dir[0].bytes, 6);
    assert_int_equal(c->file_notes, 1);
    assert_non_null(strstr(c->last_note, "fragment"));
    collect_free(c);
    remove(path);
}

/* No SYN in the capture: a ClientHello-looking first payload names its sender the client; a
 * first payload that looks like nothing leaves it to the ports (443 is the server's). */
static void client_without_syn(void **state)
{
    (void)state;
    static const uint8_t server_hello[] = {0x16, 0x03, 0x03, 0x00, 0x04, 0x02, 0x00, 0x00, 0x00};
    static const uint8_t other[] = "hello";
    char path[256];
    pb_temp_path(path, sizeof(path), "nosyn.pcap");
    for (int k = 0; k < 2; k++) {
        struct pb_writer *w = pb_open(path, PB_ETHERNET, NULL);
        /* The server speaks first; with k == 1 its bytes are not TLS. */
        pb_tcp(w, false, 777, ACK, k == 0 ? server_hello : other, k == 0 ? sizeof(server_hello) : 5);
        pb_tcp(w, true, 999, ACK, other, 5);
        pb_close(w);
        tls_result rc;
        struct tls_input_error ie;
        struct collected *c = collect_read_path(path, &rc, &ie);
        assert_int_equal(rc, TLS_OK);
        assert_int_equal(c->violations, 0);
        assert_int_equal(c->conns[1].info.client_rule, k == 0 ? TLS_CLIENT_BY_HELLO : TLS_CLIENT_BY_PORT);
        assert_int_equal(c->conns[1].info.client_port, PB_CLIENT_PORT);
        assert_int_equal(c->conns[1].dir[TLS_DIR_SERVER_TO_CLIENT].bytes, k == 0 ? sizeof(server_hello) : 5);
        assert_int_equal(c->conns[1].dir[TLS_DIR_CLIENT_TO_SERVER].bytes, 5);
        assert_int_equal(c->conns[1].end.reason, TLS_STREAM_END_CAPTURE);
        assert_true(c->conns[1].notes >= 2); /* "no SYN" for each direction */
        collect_free(c);
    }
    remove(path);
}

/* Packets saved cut to 94 bytes (Ethernet 14 + IPv4 20 + TCP 20 + 40 payload bytes): the cut
 * tail is declared missing at once, so the FINs still close the connection in order. */
static void snapshot_length_cuts_become_gaps(void **state)
{
    (void)state;
    fill_orig();
    static uint8_t big[100];
    memset(big, 0x55, sizeof(big));
    char path[256];
    pb_temp_path(path, sizeof(path), "snaplen.pcap");
    struct pb_options opt = {.snaplen = 94};
    struct pb_writer *w = pb_open(path, PB_ETHERNET, &opt);
    pb_tcp(w, true, 10, SYN, NULL, 0);
    pb_tcp(w, false, 20, SYN | ACK, NULL, 0);
    pb_tcp(w, true, 11, ACK, big, 100);            /* [0..100): only [0..40) saved */
    pb_tcp(w, true, 111, ACK, orig, 30);           /* [100..130): whole */
    pb_tcp(w, true, 141, FIN | ACK, NULL, 0);
    pb_tcp(w, false, 21, FIN | ACK, NULL, 0);
    pb_close(w);
    tls_result rc;
    struct tls_input_error ie;
    struct collected *c = collect_read_path(path, &rc, &ie);
    assert_int_equal(rc, TLS_OK);
    assert_int_equal(c->violations, 0);
    const struct collected_dir *cl = &c->conns[1].dir[TLS_DIR_CLIENT_TO_SERVER];
    assert_int_equal(cl->bytes, 70);
    assert_int_equal(cl->missing, 60);
    assert_int_equal(cl->gaps, 1);
    assert_bytes_equal(cl->data + 100, 30, orig, 30, "synthetic snaplen capture: bytes after the cut");
    assert_int_equal(c->conns[1].end.reason, TLS_STREAM_END_FIN);
    assert_non_null(strstr(c->last_note, "snapshot length"));
    collect_free(c);
    remove(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reorder_overlap_duplicate_every_link_type),
        cmocka_unit_test(buffering_is_bounded),
        cmocka_unit_test(connection_count_is_bounded),
        cmocka_unit_test(port_reuse_and_fragments),
        cmocka_unit_test(client_without_syn),
        cmocka_unit_test(snapshot_length_cuts_become_gaps),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
