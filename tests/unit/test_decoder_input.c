/*
 * test_decoder_input.c — real captures through the decoder's input half (src/decoder: libpcap,
 * link/IP/TCP decoding, TCP reassembly, the TLS-start finder).
 *
 * Expected numbers: the per-direction byte totals below were measured independently with
 * TShark (Wireshark) 4.0.17 (Debian 4.0.17-0+deb12u3), per TCP stream:
 *     tshark -r FILE -q -z follow,tcp,raw,N     (bytes of each node's payload, reassembled)
 * cross-checked with  tshark -r FILE -T fields -e tcp.stream -e tcp.srcport -e tcp.len  summed
 * per stream and source port (none of these captures holds a retransmission). Connection
 * order is order of first appearance, as tshark numbers its streams. Captures and their
 * sources: tests/vectors/README.md.
 */
#include "support/testutil.h"

#include <stdio.h>
#include <string.h>

#include "decoder/stream.h"
#include "support/decoder_collect.h"

struct expected_conn {
    uint16_t client_port;
    uint16_t server_port;
    uint64_t c2s;   /* client-to-server payload bytes (tshark follow,tcp,raw) */
    uint64_t s2c;
};

struct capture_case {
    const char *path;
    unsigned nconn;
    struct expected_conn conn[4];
    bool tls13;     /* a TLS 1.3 capture: hellos at offset 0, both FINs seen */
};

static const struct capture_case cases[] = {
    {"captures/illustrated-aes256.pcap", 1, {{59219, 8400, 359, 1865}}, true},
    {"captures/illustrated-archive-aes128.pcap", 1, {{51258, 8400, 297, 1691}}, true},
    {"captures/tls13-aes-128-gcm-x25519.pcap", 1, {{42180, 44301, 367, 1909}}, true},
    {"captures/tls13-chacha20-poly1305-p-256.pcap", 1, {{41058, 44306, 400, 1942}}, true},
    {"captures/tls13-hrr-x25519-to-p256.pcap", 1, {{33604, 44307, 625, 2035}}, true},
    {"captures/tls13-keyupdate.pcap", 1, {{60692, 44308, 379, 1991}}, true},
    {"captures/tls13-resumption.pcap", 2, {{52684, 44311, 354, 1903}, {52690, 44311, 596, 540}}, true},
    {"captures/hotplace-TLS_AES_128_GCM_SHA256.pcapng", 1, {{1807, 9000, 348, 1381}}, true},
    {"captures/hotplace-TLS_AES_256_GCM_SHA384.pcapng", 1, {{4155, 9000, 369, 1954}}, true},
    {"captures/hotplace-TLS_CHACHA20_POLY1305_SHA256.pcapng", 1, {{1738, 9000, 348, 1381}}, true},
    {"captures/schannel/tls13_win_curl_schannel_client.pcap", 1, {{59001, 443, 669, 4124}}, true},
    {"captures/schannel/tls10_rdp_win7_to_win2008r2.pcap", 1, {{49206, 3389, 1512, 1619}}, false},
    {"captures/schannel/tls12_rdpeudp_win2win.reframed-tcp.pcap", 1, {{61291, 3389, 426, 1343}}, false},
    {"captures/schannel/tls12_win10_client_via_proxy.pcap", 1, {{59921, 8080, 1324, 12336}}, false},
    {"captures/schannel/tls12_win_ie11_client_gomicrosoft.pcap", 1, {{60676, 443, 964, 6482}}, false},
    {"captures/schannel/tls12_win_wininet_client_latest.pcapng", 1, {{52937, 443, 502, 4883}}, false},
    {"captures/schannel/tls12_win_wininet_client_ssh2.pcapng", 4,
     {{57368, 443, 552, 4588}, {57371, 443, 4448, 4307}, {57374, 443, 2702, 6853}, {57376, 443, 634, 6447}},
     false},
};

static void check_capture(const struct capture_case *k)
{
    tls_result rc;
    struct tls_input_error ie;
    struct collected *c = collect_read_vector(k->path, &rc, &ie);
    if (rc != TLS_OK) {
        fail_msg("%s: %s", k->path, ie.message);
    }
    if (c->violations != 0) {
        fail_msg("%s: event contract broken: %s", k->path, c->violation);
    }
    assert_int_equal(c->nconn, k->nconn);
    assert_int_equal(c->nended, k->nconn);
    for (unsigned i = 0; i < k->nconn; i++) {
        const struct collected_conn *got = &c->conns[i + 1];
        const struct expected_conn *want = &k->conn[i];
        if (got->info.client_port != want->client_port || got->info.server_port != want->server_port ||
            got->dir[0].bytes != want->c2s || got->dir[1].bytes != want->s2c) {
            fail_msg("%s conn %u: got %u->%u %llu/%llu bytes, tshark 4.0.17 says %u->%u %llu/%llu", k->path,
                     i + 1, got->info.client_port, got->info.server_port,
                     (unsigned long long)got->dir[0].bytes, (unsigned long long)got->dir[1].bytes,
                     want->client_port, want->server_port, (unsigned long long)want->c2s,
                     (unsigned long long)want->s2c);
        }
        /* Every capture here starts with the TCP handshake: the SYN names the client. */
        assert_int_equal(got->info.client_rule, TLS_CLIENT_BY_SYN);
        assert_int_equal(got->dir[0].missing + got->dir[1].missing, 0);
        if (k->tls13) {
            /* RFC 8446 §5.1: a ClientHello record may carry legacy_record_version 03 01; the
             * server's records carry 03 03. Then handshake type client_hello(1)/server_hello(2). */
            static const uint8_t ch[] = {0x16, 0x03, 0x01}, sh[] = {0x16, 0x03, 0x03};
            assert_bytes_equal(got->dir[0].data, 3, ch, 3, "RFC 8446 §5.1: ClientHello record header");
            assert_bytes_equal(got->dir[1].data, 3, sh, 3, "RFC 8446 §5.1: ServerHello record header");
            assert_int_equal(got->dir[0].data[5], 1);
            assert_int_equal(got->dir[1].data[5], 2);
        }
    }
    collect_free(c);
}

static void every_capture_reassembles_as_tshark_does(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        check_capture(&cases[i]);
    }
}

/* TLS 1.3 captures close with FIN both ways (tshark: two FIN segments in each). */
static void tls13_connections_end_with_fin(void **state)
{
    (void)state;
    tls_result rc;
    struct tls_input_error ie;
    struct collected *c = collect_read_vector("captures/tls13-resumption.pcap", &rc, &ie);
    assert_int_equal(rc, TLS_OK);
    for (unsigned id = 1; id <= 2; id++) {
        assert_int_equal(c->conns[id].end.reason, TLS_STREAM_END_FIN);
        assert_true(c->conns[id].end.fin[0]);
        assert_true(c->conns[id].end.fin[1]);
    }
    collect_free(c);
}

/* IPv6 endpoints are printed as text (the hotplace captures run over ::1). */
static void ipv6_endpoints_are_named(void **state)
{
    (void)state;
    tls_result rc;
    struct tls_input_error ie;
    struct collected *c = collect_read_vector("captures/hotplace-TLS_AES_128_GCM_SHA256.pcapng", &rc, &ie);
    assert_int_equal(rc, TLS_OK);
    assert_string_equal(c->conns[1].info.client_addr, "::1");
    assert_string_equal(c->conns[1].info.server_addr, "::1");
    collect_free(c);
    c = collect_read_vector("captures/schannel/tls12_rdpeudp_win2win.reframed-tcp.pcap", &rc, &ie);
    assert_int_equal(rc, TLS_OK);
    assert_string_equal(c->conns[1].info.client_addr, "10.0.0.1");
    assert_string_equal(c->conns[1].info.server_addr, "10.0.0.2");
    collect_free(c);
}

/* Runs the TLS-start finder over the first bytes of both directions of a capture. */
static void find_starts(const char *path, struct tls_start *client, struct tls_start *server)
{
    tls_result rc;
    struct tls_input_error ie;
    struct collected *c = collect_read_vector(path, &rc, &ie);
    assert_int_equal(rc, TLS_OK);
    size_t n0 = c->conns[1].dir[0].bytes, n1 = c->conns[1].dir[1].bytes;
    tls_find_tls_start(c->conns[1].dir[0].data, n0 < COLLECT_KEEP ? n0 : COLLECT_KEEP, client);
    tls_find_tls_start(c->conns[1].dir[1].data, n1 < COLLECT_KEEP ? n1 : COLLECT_KEEP, server);
    collect_free(c);
}

/* RDP: X.224 Connection Request (47 bytes) and Confirm (19 bytes) in TPKT, then TLS
 * (sizes from the capture's README, zeek rdp-to-ssl.pcap). */
static void rdp_prefix_is_skipped(void **state)
{
    (void)state;
    struct tls_start cs, ss;
    find_starts("captures/schannel/tls10_rdp_win7_to_win2008r2.pcap", &cs, &ss);
    assert_int_equal(cs.status, TLS_START_FOUND);
    assert_int_equal(cs.prefix, TLS_PREFIX_TPKT);
    assert_int_equal(cs.offset, 47);
    assert_int_equal(ss.status, TLS_START_FOUND);
    assert_int_equal(ss.prefix, TLS_PREFIX_TPKT);
    assert_int_equal(ss.offset, 19);
}

/* HTTP CONNECT: the request is 379 bytes, the proxy's answer 65 (tshark follow,tcp,ascii). */
static void http_connect_prefix_is_skipped(void **state)
{
    (void)state;
    struct tls_start cs, ss;
    find_starts("captures/schannel/tls12_win10_client_via_proxy.pcap", &cs, &ss);
    assert_int_equal(cs.status, TLS_START_FOUND);
    assert_int_equal(cs.prefix, TLS_PREFIX_HTTP);
    assert_int_equal(cs.offset, 379);
    assert_int_equal(ss.status, TLS_START_FOUND);
    assert_int_equal(ss.prefix, TLS_PREFIX_HTTP);
    assert_int_equal(ss.offset, 65);
}

/* The proxy capture is cut off: the client resets the connection (frames 30-34, RST) while
 * the server is in the middle of a record, so walking the server's records from the end of
 * the HTTP answer (offset 65) ends inside a record. No FIN, no crash, no missing bytes. */
static void proxy_capture_ends_mid_record(void **state)
{
    (void)state;
    tls_result rc;
    struct tls_input_error ie;
    struct collected *c = collect_read_vector("captures/schannel/tls12_win10_client_via_proxy.pcap", &rc, &ie);
    assert_int_equal(rc, TLS_OK);
    assert_int_equal(c->conns[1].end.reason, TLS_STREAM_END_RST);
    assert_false(c->conns[1].end.fin[TLS_DIR_SERVER_TO_CLIENT]);
    /* The RST is the client's (frames 30-34 of the capture, by their source port). */
    assert_true(c->conns[1].end.rst[TLS_DIR_CLIENT_TO_SERVER]);
    assert_false(c->conns[1].end.rst[TLS_DIR_SERVER_TO_CLIENT]);
    const uint8_t *s = c->conns[1].dir[TLS_DIR_SERVER_TO_CLIENT].data;
    size_t total = (size_t)c->conns[1].dir[TLS_DIR_SERVER_TO_CLIENT].bytes, pos = 65;
    while (pos + 5 <= total && tls_plausible_record_header(s + pos, total - pos)) {
        pos += 5 + ((size_t)s[pos + 3] << 8 | s[pos + 4]);
    }
    assert_true(pos > total); /* the last record's length reaches past the captured bytes */
    collect_free(c);
}

/* A direction that starts with a record: no prefix. */
static void plain_tls_has_no_prefix(void **state)
{
    (void)state;
    struct tls_start cs, ss;
    find_starts("captures/schannel/tls12_rdpeudp_win2win.reframed-tcp.pcap", &cs, &ss);
    assert_int_equal(cs.status, TLS_START_FOUND);
    assert_int_equal(cs.prefix, TLS_PREFIX_NONE);
    assert_int_equal(cs.offset, 0);
    assert_int_equal(ss.offset, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_capture_reassembles_as_tshark_does),
        cmocka_unit_test(tls13_connections_end_with_fin),
        cmocka_unit_test(ipv6_endpoints_are_named),
        cmocka_unit_test(rdp_prefix_is_skipped),
        cmocka_unit_test(http_connect_prefix_is_skipped),
        cmocka_unit_test(proxy_capture_ends_mid_record),
        cmocka_unit_test(plain_tls_has_no_prefix),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
