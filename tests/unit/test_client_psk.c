/*
 * test_client_psk.c — resumption with a ticket and 0-RTT data (RFC 8446 §2.2, §2.3, §4.2.10,
 * §4.2.11, §4.5), replayed against RFC 8448 §4.
 *
 * The ticket is the one the client itself stored in RFC 8448 §3 (replayed as in
 * test_client_replay.c). RFC 8448 §4's ClientHello is given as a TEMPLATE
 * (tls_client_replay.client_hello_is_template): the client keeps its random, key share and
 * extension layout but writes pre_shared_key itself — identity, obfuscated_ticket_age from
 * the now_ms of the call, and the binder it computes — so the output equals the RFC's bytes only if
 * our binder and age are the RFC's. Then the 0-RTT record, EndOfEarlyData and Finished must
 * be the RFC's too.
 *
 * Also: the age taken from the clock when ClientHello is built, 0-RTT data over two records, a
 * server that rejects the early data (EncryptedExtensions rebuilt without early_data), tickets
 * that must not be offered, a HelloRetryRequest after 0-RTT (the binder over
 * message_hash(CH1) + HRR + Truncate(CH2)), the negative rows PSK-01..PSK-04 of
 * client-negative-tests.md, and servers that accept 0-RTT they must not (no PSK, other suite).
 * Helpers: support/client_psk_conn.h. Real servers: test_client_psk_interop.c.
 */
#include "support/testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/hash.h"
#include "crypto/key_schedule.h"
#include "crypto/rng.h"
#include "crypto/suite.h"
#include "handshake/client.h"
#include "handshake/client_hello.h"
#include "handshake/handshake_msg.h"
#include "handshake/server_hello.h"
#include "record/protect.h"
#include "support/client_psk_conn.h"
#include "support/rfc8448.h"

/* ---- RFC 8448 §4: resumed 0-RTT handshake, byte for byte ----------------------------------- */

static void section4_resumed_0rtt(void **state)
{
    (void)state;
    struct psk_conn c;
    struct tls_ticket ticket;
    psk_section4_conn(&c, &ticket);
    psk_conn_start(&c);
    size_t len, used;
    const char *src;
    const uint8_t *want;

    /* First call: ClientHello (with OUR binder over Truncate(ClientHello), line 967) and the
     * 0-RTT application data record under the early key (line 1089), in one output. */
    assert_int_equal(tls_client_handshake(c.client, NULL, 0, &used, &c.w, c.now_ms), TLS_STATUS_CONTINUE);
    const char *steps1[] = {PSK_SEND_HS, "{client}  send application_data record"};
    const int occ1[] = {0, 0};
    psk_expect_records(&c, steps1, occ1, 2);
    assert_true(tls_client_info(c.client)->early_data_offered);

    /* The keylog / --explain secrets of the Early Secret (lines 1045, 1060). */
    const uint8_t *got = psk_seen(&c.secrets, "CLIENT_EARLY_TRAFFIC_SECRET", &len);
    want = psk_val(&c, "derive secret \"tls13 c e traffic\"", "expanded", 0, &len, &src);
    assert_bytes_equal(got, 32, want, len, src);
    got = psk_seen(&c.secrets, "EARLY_EXPORTER_SECRET", &len);
    want = psk_val(&c, "derive secret \"tls13 e exp master\"", "expanded", 0, &len, &src);
    assert_bytes_equal(got, 32, want, len, src);

    /* ServerHello (pre_shared_key, selected_identity 0) + EE (early_data) and Finished: the
     * client answers EndOfEarlyData under the early key (line 1437), then Finished under the
     * handshake key (line 1493). No Certificate/CertificateVerify in a PSK handshake. */
    uint8_t flight[512];
    size_t n = psk_section4_server_flight(&c, flight);
    assert_int_equal(psk_feed(&c, flight, n), TLS_STATUS_HANDSHAKE_DONE);
    const char *steps2[] = {PSK_SEND_HS, PSK_SEND_HS};
    const int occ2[] = {1, 2};
    psk_expect_records(&c, steps2, occ2, 2);
    const struct tls_session_info *info = tls_client_info(c.client);
    assert_true(info->resumed);
    assert_true(info->early_data_accepted);
    assert_int_equal(info->signature_scheme, 0);
    assert_int_equal(info->cipher_suite, 0x1301);
    got = psk_seen(&c.secrets, "CLIENT_TRAFFIC_SECRET_0", &len);
    want = psk_val(&c, "derive secret \"tls13 c ap traffic\"", "expanded", 0, &len, &src);
    assert_bytes_equal(got, 32, want, len, src);

    /* Application data both ways, then close_notify both ways (lines 1550, 1561, 1579, 1586). */
    want = psk_val(&c, "{client}  send application_data record", "payload", 1, &len, NULL);
    assert_int_equal(tls_client_seal(c.client, want, len, &c.w, NULL), TLS_OK);
    want = psk_val(&c, "{client}  send application_data record", "complete record", 1, &len, &src);
    psk_expect_out(&c, want, len, src);
    uint8_t rec[128];
    const uint8_t *data;
    size_t data_len;
    want = psk_val(&c, "{server}  send application_data record", "complete record", 0, &len, NULL);
    memcpy(rec, want, len);
    assert_int_equal(tls_client_open(c.client, rec, len, &used, &data, &data_len, &c.w, c.now_ms),
                     TLS_STATUS_APP_DATA);
    want = psk_val(&c, "{server}  send application_data record", "payload", 0, &len, &src);
    assert_bytes_equal(data, data_len, want, len, src);
    assert_int_equal(tls_client_close(c.client, &c.w), TLS_OK);
    want = psk_val(&c, "{client}  send alert record", "complete record", 0, &len, &src);
    psk_expect_out(&c, want, len, src);
    psk_conn_free(&c);
}

/* obfuscated_ticket_age is computed when ClientHello is built, from the now_ms given then: a
   client initialised 1 ms after the ticket arrived (age 0 then) still sends RFC 8448's age
   (6 ms) when ClientHello is built at PSK_RFC8448_SEND_AT. */
static void ticket_age_read_when_sent(void **state)
{
    (void)state;
    struct psk_conn c;
    struct tls_ticket ticket;
    psk_section4_conn(&c, &ticket);
    c.now_ms = PSK_TICKET_RECEIVED_AT + 1;
    c.config.early_data = NULL;
    psk_conn_start(&c);
    c.now_ms = PSK_RFC8448_SEND_AT;
    size_t used, len;
    const char *src;
    assert_int_equal(tls_client_handshake(c.client, NULL, 0, &used, &c.w, c.now_ms), TLS_STATUS_CONTINUE);
    /* Without early data the template's early_data is dropped, so compare the
     * obfuscated_ticket_age field only: RFC 8448 §4 line 886, 0xfad6aacb. */
    const uint8_t *want = psk_val(&c, PSK_SEND_HS, "complete record", 0, &len, &src);
    const uint8_t rfc_age[4] = {0xfa, 0xd6, 0xaa, 0xcb};
    assert_true(len > 35 + 4 && c.w.len > 35 + 4);
    assert_bytes_equal(want + len - 35 - 4, 4, rfc_age, 4, src);
    assert_bytes_equal(c.out + c.w.len - 35 - 4, 4, rfc_age, 4,
                       "obfuscated_ticket_age from now_ms when ClientHello is built");
    psk_conn_free(&c);
}

/* 0-RTT data larger than one record (§5.1: at most 2^14 bytes each): two records under the early
 * key (sequence numbers 0, 1), then, after RFC 8448's server flight (early data is not in the
 * transcript, so it still verifies), EndOfEarlyData as sequence number 2. */
static void early_data_over_two_records(void **state)
{
    (void)state;
    struct psk_conn c;
    struct tls_ticket ticket;
    static uint8_t early[20000];
    for (size_t i = 0; i < sizeof(early); i++) {
        early[i] = (uint8_t)(i * 7);
    }
    psk_section4_conn(&c, &ticket);
    ticket.max_early_data_size = sizeof(early);
    c.config.early_data = early;
    c.config.early_data_len = sizeof(early);
    psk_conn_start(&c);
    size_t used, len, ch_len, record_len;
    assert_int_equal(tls_client_handshake(c.client, NULL, 0, &used, &c.w, c.now_ms), TLS_STATUS_CONTINUE);
    psk_val(&c, PSK_SEND_HS, "complete record", 0, &ch_len, NULL);
    const uint8_t *secret = psk_val(&c, "derive secret \"tls13 c e traffic\"", "expanded", 0, &len, NULL);
    struct tls_record_direction early_key;
    psk_direction_with(&early_key, secret);
    static uint8_t content[16384 + 16];
    uint8_t type;
    size_t pos = ch_len, got = 0;
    for (int i = 0; i < 2; i++) {
        size_t n = psk_open_record(&early_key, c.out + pos, c.w.len - pos, &type, content,
                                   sizeof(content), &record_len);
        assert_int_equal(type, 23);
        assert_int_equal(n, i == 0 ? 16384 : sizeof(early) - 16384);
        assert_memory_equal(content, early + got, n);
        got += n;
        pos += record_len;
    }
    assert_int_equal(pos, c.w.len);
    c.w.len = 0;
    uint8_t flight[512];
    size_t n = psk_section4_server_flight(&c, flight);
    assert_int_equal(psk_feed(&c, flight, n), TLS_STATUS_HANDSHAKE_DONE);
    assert_true(tls_client_info(c.client)->early_data_accepted);
    n = psk_open_record(&early_key, c.out, c.w.len, &type, content, sizeof(content), &record_len);
    assert_int_equal(type, 22);
    assert_bytes_equal(content, n, (const uint8_t *)"\x05\x00\x00\x00", 4,
                       "EndOfEarlyData (RFC 8446 §4.5) under the early key, sequence number 2");
    tls_record_direction_wipe(&early_key);
    psk_conn_free(&c);
}

/* The same connection with the server flight fed one byte at a time: identical output. */
static void section4_byte_at_a_time(void **state)
{
    (void)state;
    struct psk_conn c;
    struct tls_ticket ticket;
    psk_section4_conn(&c, &ticket);
    psk_conn_start(&c);
    size_t used;
    assert_int_equal(tls_client_handshake(c.client, NULL, 0, &used, &c.w, c.now_ms), TLS_STATUS_CONTINUE);
    c.w.len = 0;
    uint8_t flight[512], pending[512];
    size_t n = psk_section4_server_flight(&c, flight), have = 0;
    enum tls_status st = TLS_STATUS_NEED_MORE;
    for (size_t pos = 0; pos < n; pos++) {
        pending[have++] = flight[pos];
        st = tls_client_handshake(c.client, pending, have, &used, &c.w, c.now_ms);
        memmove(pending, pending + used, have - used);
        have -= used;
        if (st != TLS_STATUS_NEED_MORE) {
            break;
        }
    }
    assert_int_equal(st, TLS_STATUS_HANDSHAKE_DONE);
    assert_int_equal(have, 0);
    const char *steps[] = {PSK_SEND_HS, PSK_SEND_HS};
    const int occ[] = {1, 2};
    psk_expect_records(&c, steps, occ, 2);
    psk_conn_free(&c);
}

/* The server rejects 0-RTT: RFC 8448 §4's EncryptedExtensions without early_data, and a
 * Finished recomputed for it. The client sends no EndOfEarlyData and switches to the handshake
 * key at once: its Finished is the first record under client_handshake_traffic_secret. */
static void early_data_rejected(void **state)
{
    (void)state;
    struct psk_conn c;
    struct tls_ticket ticket;
    psk_section4_conn(&c, &ticket);
    psk_conn_start(&c);
    size_t len, used, ch_len, sh_len, s_secret_len, c_secret_len;
    assert_int_equal(tls_client_handshake(c.client, NULL, 0, &used, &c.w, c.now_ms), TLS_STATUS_CONTINUE);
    c.w.len = 0;
    const uint8_t *ch = psk_val(&c, PSK_SEND_HS, "payload", 0, &ch_len, NULL);
    const uint8_t *sh = psk_val(&c, "{server}  construct a ServerHello", "ServerHello", 0, &sh_len, NULL);
    const uint8_t *ee_rfc = psk_val(&c, "{server}  construct an EncryptedExtensions", "EncryptedExtensions", 0, &len, NULL);
    const uint8_t *s_hs = psk_val(&c, "derive secret \"tls13 s hs traffic\"", "expanded", 0, &s_secret_len, NULL);
    const uint8_t *c_hs = psk_val(&c, "derive secret \"tls13 c hs traffic\"", "expanded", 0, &c_secret_len, NULL);

    /* EE without its last extension (early_data, 002a 0000: RFC 8448 §4 line 1255). */
    uint8_t flight[256];
    size_t ext_len = len - 6 - 4;
    assert_memory_equal(ee_rfc + len - 4, "\x00\x2a\x00\x00", 4);
    uint8_t *ee = flight;
    ee[0] = 8, ee[1] = 0, ee[2] = 0, ee[3] = (uint8_t)(ext_len + 2);
    ee[4] = 0, ee[5] = (uint8_t)ext_len;
    memcpy(ee + 6, ee_rfc + 6, ext_len);
    size_t ee_len = 6 + ext_len;
    /* Server Finished over ClientHello, ServerHello, EE' (§4.4.4). */
    uint8_t hash[32], verify[32];
    const uint8_t *parts[4] = {ch, sh, ee, NULL};
    size_t lens[4] = {ch_len, sh_len, ee_len, 0};
    psk_sha256_of(parts, lens, 3, hash);
    assert_int_equal(tls_finished_verify_data(TLS_HASH_SHA256, s_hs, hash, verify, NULL), TLS_OK);
    uint8_t *fin = flight + ee_len;
    fin[0] = 20, fin[1] = 0, fin[2] = 0, fin[3] = 32;
    memcpy(fin + 4, verify, 32);

    uint8_t records[512];
    struct tls_writer w;
    struct tls_error err = {0};
    struct tls_record_direction server;
    tls_writer_init(&w, records, sizeof(records));
    const uint8_t *sh_rec = psk_val(&c, PSK_SERVER_HS, "complete record", 0, &len, NULL);
    tls_write_bytes(&w, sh_rec, len);
    psk_direction_with(&server, s_hs);
    assert_int_equal(tls_record_write(&server, 22, flight, ee_len + 36, 0, &w, &err), TLS_OK);
    assert_int_equal(psk_feed(&c, records, w.len), TLS_STATUS_HANDSHAKE_DONE);
    assert_true(tls_client_info(c.client)->resumed);
    assert_true(tls_client_info(c.client)->early_data_offered);
    assert_false(tls_client_info(c.client)->early_data_accepted);

    /* One record: the client Finished under the handshake key, sequence number 0. */
    struct tls_record_direction client;
    uint8_t type, content[64];
    size_t record_len;
    psk_direction_with(&client, c_hs);
    size_t n = psk_open_record(&client, c.out, c.w.len, &type, content, sizeof(content), &record_len);
    assert_int_equal(record_len, c.w.len);
    assert_int_equal(type, 22);
    parts[3] = fin;
    lens[3] = 36;
    psk_sha256_of(parts, lens, 4, hash);
    assert_int_equal(tls_finished_verify_data(TLS_HASH_SHA256, c_hs, hash, verify, NULL), TLS_OK);
    assert_int_equal(n, 36);
    assert_bytes_equal(content + 4, 32, verify, 32,
                       "client Finished over RFC 8448 §4 CH, SH, EE without early_data, server Finished");
    tls_record_direction_wipe(&server);
    tls_record_direction_wipe(&client);
    psk_conn_free(&c);
}

/* A ticket that may not be offered is left out (full handshake); so is early data the ticket
 * does not allow. The template's pre_shared_key and early_data are then dropped. */
static void ticket_not_offered(void **state)
{
    (void)state;
    enum { EXPIRED, OTHER_NAME, HASH_NOT_OFFERED, FUTURE, NO_EARLY, TOO_MUCH_EARLY, ALPN, CASES };
    for (int k = 0; k < CASES; k++) {
        struct psk_conn c;
        struct tls_ticket ticket;
        static const uint16_t sha384_only[] = {0x1302};
        static const char *const alpn[] = {"http/1.1"};
        psk_section4_conn(&c, &ticket);
        switch (k) {
        case EXPIRED: /* §4.2.11.1: 30 s lifetime; 30.001 s old */
            c.now_ms = PSK_TICKET_RECEIVED_AT + 30001;
            break;
        case OTHER_NAME: /* §4.6.1 */
            c.config.server_name = "other.example";
            break;
        case HASH_NOT_OFFERED: /* §4.2.11: SHA-256 ticket, SHA-384 suite only */
            c.config.cipher_suites = sha384_only;
            c.config.cipher_suite_count = 1;
            break;
        case FUTURE:
            c.now_ms = PSK_TICKET_RECEIVED_AT - 1;
            break;
        case NO_EARLY:
            ticket.max_early_data_size = 0;
            break;
        case TOO_MUCH_EARLY: /* 6 bytes of early data, ticket allows 5 */
            ticket.max_early_data_size = 5;
            break;
        case ALPN: /* §4.2.10: the ticket's ALPN ("h2") is not among those offered */
            strcpy(ticket.alpn, "h2");
            c.config.alpn = alpn;
            c.config.alpn_count = 1;
            break;
        default:
            break;
        }
        psk_conn_start(&c);
        size_t used;
        assert_int_equal(tls_client_handshake(c.client, NULL, 0, &used, &c.w, c.now_ms), TLS_STATUS_CONTINUE);
        /* Output: exactly one plaintext handshake record, no 0-RTT record after it. */
        assert_int_equal(c.out[0], 22);
        size_t rec_len = 5 + ((size_t)c.out[3] << 8 | c.out[4]);
        assert_int_equal(c.w.len, rec_len);
        bool psk_expected = k >= NO_EARLY;
        assert_int_equal(psk_hello_has(c.out + 5, rec_len - 5, 0x0029), psk_expected);
        assert_false(psk_hello_has(c.out + 5, rec_len - 5, 0x002a));
        assert_false(tls_client_info(c.client)->early_data_offered);
        psk_conn_free(&c);
    }
}

/* A built (not replayed) ClientHello with the §3 ticket and 0-RTT data, then a HelloRetryRequest:
 * ClientHello1 carries our identity, age and binder; the early data is rejected; ClientHello2
 * goes out in plaintext without early_data, its binder over message_hash(CH1), HRR, Truncate(CH2). */
static void hello_retry_after_early_data(void **state)
{
    (void)state;
    struct tls_ticket ticket;
    psk_ticket_from_section3(&ticket);
    struct tls_drbg *drbg;
    assert_int_equal(tls_drbg_create_deterministic(&drbg, (const uint8_t *)"psk", 3, NULL), TLS_OK);
    static const uint8_t early[] = "GET / HTTP/1.0\r\n\r\n";
    const uint64_t now = PSK_RFC8448_SEND_AT;
    struct tls_client_config config = {
        .insecure = true,
        .server_name = "server",
        .rng = tls_drbg_rng(drbg),
        .ticket = &ticket,
        .early_data = early,
        .early_data_len = sizeof(early) - 1,
    };
    struct tls_client *client = malloc(tls_client_size());
    static uint8_t out[PSK_OUT_CAP];
    struct tls_writer w;
    tls_writer_init(&w, out, sizeof(out));
    size_t used;
    assert_int_equal(tls_client_init(client, &config, now), TLS_OK);
    assert_int_equal(tls_client_handshake(client, NULL, 0, &used, &w, now), TLS_STATUS_CONTINUE);

    /* CH1 record, then (compatibility mode, App. D.4) the CCS, then one 0-RTT record. */
    uint8_t ch1[1024];
    size_t ch1_len = ((size_t)out[3] << 8 | out[4]);
    memcpy(ch1, out + 5, ch1_len);
    size_t pos = 5 + ch1_len;
    assert_memory_equal(out + pos, "\x14\x03\x03\x00\x01\x01", 6);
    pos += 6;
    assert_int_equal(out[pos], 23);
    assert_int_equal(w.len, pos + 5 + (sizeof(early) - 1) + 1 + 16);
    assert_true(psk_hello_has(ch1, ch1_len, 0x002a));
    /* pre_shared_key last: identity = the ticket, obfuscated_ticket_age = 6 + 0xfad6aac5. */
    struct tls_client_hello ch;
    struct tls_offered_psks psks;
    struct tls_error err = {0};
    assert_int_equal(tls_client_hello_parse(ch1 + 4, ch1_len - 4, &ch, &err), TLS_OK);
    assert_int_equal(ch.extensions.list[ch.extensions.count - 1].extension_type, 0x0029);
    assert_int_equal(tls_ext_pre_shared_key_parse_ch(&ch.extensions.list[ch.extensions.count - 1],
                                                     &psks, &err), TLS_OK);
    assert_int_equal(psks.count, 1);
    assert_bytes_equal(psks.identities[0].identity.data, psks.identities[0].identity.len, ticket.ticket,
                       ticket.ticket_len, "PskIdentity.identity = the RFC 8448 §3 ticket");
    assert_int_equal(psks.identities[0].obfuscated_ticket_age, 0xfad6aacbu);
    psk_expect_binder(&ticket, NULL, 0, ch1, ch1_len, "ClientHello1 binder (RFC 8446 §4.2.11.2)");

    /* HelloRetryRequest: suite 0x1301, selected_group secp256r1. */
    uint8_t exts_buf[64], hrr[256], rec[300];
    struct tls_writer ew;
    tls_writer_init(&ew, exts_buf, sizeof(exts_buf));
    tls_ext_supported_versions_write_sh(&ew, 0x0304);
    size_t split = ew.len;
    tls_ext_key_share_write_hrr(&ew, 0x0017);
    struct tls_extension exts[2] = {
        {0x002b, {exts_buf + 4, split - 4}},
        {0x0033, {exts_buf + split + 4, ew.len - split - 4}},
    };
    struct tls_server_hello_config hc = {
        .legacy_version = 0x0303,
        .random = tls_hello_retry_request_random,
        .legacy_session_id_echo = ch.legacy_session_id,
        .cipher_suite = 0x1301,
        .extensions = exts,
        .extensions_count = 2,
    };
    struct tls_writer hw;
    tls_writer_init(&hw, hrr, sizeof(hrr));
    assert_int_equal(tls_server_hello_encode(&hw, &hc, &err), TLS_OK);
    rec[0] = 22, rec[1] = 3, rec[2] = 3, rec[3] = 0, rec[4] = (uint8_t)hw.len;
    memcpy(rec + 5, hrr, hw.len);
    w.len = 0;
    assert_int_equal(tls_client_handshake(client, rec, 5 + hw.len, &used, &w, now), TLS_STATUS_CONTINUE);
    assert_true(tls_client_info(client)->early_data_offered);
    assert_false(tls_client_info(client)->early_data_accepted);

    /* ClientHello2: one plaintext record (the CCS was already sent), no early_data. */
    assert_int_equal(out[0], 22);
    size_t ch2_len = ((size_t)out[3] << 8 | out[4]);
    assert_int_equal(w.len, 5 + ch2_len);
    assert_false(psk_hello_has(out + 5, ch2_len, 0x002a));
    assert_true(psk_hello_has(out + 5, ch2_len, 0x0029));
    /* §4.4.1: message_hash = 254, 00 00 20, Hash(ClientHello1); then the HRR. */
    uint8_t prefix[4 + 32 + 256];
    prefix[0] = 254, prefix[1] = 0, prefix[2] = 0, prefix[3] = 32;
    const uint8_t *part = ch1;
    psk_sha256_of(&part, &ch1_len, 1, prefix + 4);
    memcpy(prefix + 36, hrr, hw.len);
    psk_expect_binder(&ticket, prefix, 36 + hw.len, out + 5, ch2_len,
                  "ClientHello2 binder over message_hash(CH1), HRR, Truncate(CH2) (RFC 8446 §4.2.11.2)");
    tls_client_wipe(client);
    free(client);
    tls_drbg_free(drbg);
}

/* ---- negative rows PSK-01..PSK-04 (client-negative-tests.md) --------------------------------- */

/* PSK-01: pre_shared_key in ServerHello when we offered none -> unsupported_extension (§4.2). */
static void psk01_unsolicited_pre_shared_key(void **state)
{
    (void)state;
    struct psk_conn c;
    size_t len;
    psk_conn_init(&c, PSK_S3);
    c.hooks.client_hello[0] = rfc8448_value(c.v, PSK_CH_STEP, "ClientHello", 0, &len);
    c.hooks.client_hello_len[0] = len;
    psk_conn_start(&c);
    struct psk_sh_edit e = {.add_pre_shared_key = true, .selected_identity = -1};
    psk_expect_rejected(&c, &e, TLS_ALERT_unsupported_extension, "§4.2");
    psk_expect_plain_alert(&c, 110, "PSK-01: fatal unsupported_extension(110) in plaintext");
    psk_conn_free(&c);
}

/* PSK-02: selected_identity 1 when one identity was offered -> illegal_parameter (§4.2.11). */
static void psk02_identity_out_of_range(void **state)
{
    (void)state;
    struct psk_conn c;
    struct tls_ticket ticket;
    psk_section4_conn_no_early(&c, &ticket);
    struct psk_sh_edit e = {.selected_identity = 1};
    psk_expect_rejected(&c, &e, TLS_ALERT_illegal_parameter, "selected_identity");
    psk_expect_plain_alert(&c, 47, "PSK-02: fatal illegal_parameter(47) in plaintext");
    psk_conn_free(&c);
}

/* PSK-03: resumption with TLS_AES_256_GCM_SHA384 for a SHA-256 ticket -> illegal_parameter. */
static void psk03_suite_hash_differs(void **state)
{
    (void)state;
    struct psk_conn c;
    struct tls_ticket ticket;
    psk_section4_conn_no_early(&c, &ticket);
    struct psk_sh_edit e = {.cipher_suite = 0x1302, .selected_identity = -1};
    psk_expect_rejected(&c, &e, TLS_ALERT_illegal_parameter, "hash differs from the ticket's");
    psk_expect_plain_alert(&c, 47, "PSK-03: fatal illegal_parameter(47) in plaintext");
    psk_conn_free(&c);
}

/* PSK-04: psk_dhe_ke only, but ServerHello has pre_shared_key and no key_share ->
 * illegal_parameter (§4.2.11 "a server "key_share" extension is present if required"; DIV-12). */
static void psk04_no_key_share(void **state)
{
    (void)state;
    struct psk_conn c;
    struct tls_ticket ticket;
    psk_section4_conn_no_early(&c, &ticket);
    struct psk_sh_edit e = {.drop_key_share = true, .selected_identity = -1};
    psk_expect_rejected(&c, &e, TLS_ALERT_illegal_parameter, "without a key share");
    psk_expect_plain_alert(&c, 47, "PSK-04: fatal illegal_parameter(47) in plaintext");
    psk_conn_free(&c);
}

/* PSK-02 after 0-RTT data: we still write under the early key (App. A.1), so the alert is the
 * next record under client_early_traffic_secret (sequence number 1, after the data). */
static void psk02_after_early_data_alert_under_early_key(void **state)
{
    (void)state;
    struct psk_conn c;
    struct tls_ticket ticket;
    psk_section4_conn(&c, &ticket);
    psk_conn_start(&c);
    struct psk_sh_edit e = {.selected_identity = 1};
    psk_expect_rejected(&c, &e, TLS_ALERT_illegal_parameter, "selected_identity");
    size_t len, record_len;
    const uint8_t *secret = psk_val(&c, "derive secret \"tls13 c e traffic\"", "expanded", 0, &len, NULL);
    struct tls_record_direction early;
    psk_direction_with(&early, secret);
    early.seq = 1;
    uint8_t type, content[8];
    size_t n = psk_open_record(&early, c.out, c.w.len, &type, content, sizeof(content), &record_len);
    assert_int_equal(record_len, c.w.len);
    assert_int_equal(type, 21);
    assert_bytes_equal(content, n, (const uint8_t *)"\x02\x2f", 2,
                       "fatal illegal_parameter under the RFC 8448 §4 early key (line 1045), seq 1");
    tls_record_direction_wipe(&early);
    psk_conn_free(&c);
}

/* §4.2.11: "If the server supplies an "early_data" extension, the client MUST verify that the
 * server's selected_identity is 0" — here the server selected no PSK at all. */
static void early_data_accepted_without_psk(void **state)
{
    (void)state;
    struct psk_sh_edit e = {.drop_pre_shared_key = true, .selected_identity = -1};
    psk_expect_early_data_acceptance_refused(&e, false);
}

/* §4.2.10: early data is accepted only with the ticket's cipher suite; the server resumed
 * with TLS_CHACHA20_POLY1305_SHA256 (same hash, so the PSK itself is acceptable). */
static void early_data_accepted_with_other_suite(void **state)
{
    (void)state;
    struct psk_sh_edit e = {.cipher_suite = 0x1303, .selected_identity = -1};
    psk_expect_early_data_acceptance_refused(&e, true);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(section4_resumed_0rtt),
        cmocka_unit_test(section4_byte_at_a_time),
        cmocka_unit_test(ticket_age_read_when_sent),
        cmocka_unit_test(early_data_over_two_records),
        cmocka_unit_test(early_data_rejected),
        cmocka_unit_test(ticket_not_offered),
        cmocka_unit_test(hello_retry_after_early_data),
        cmocka_unit_test(psk01_unsolicited_pre_shared_key),
        cmocka_unit_test(psk02_identity_out_of_range),
        cmocka_unit_test(psk03_suite_hash_differs),
        cmocka_unit_test(psk04_no_key_share),
        cmocka_unit_test(psk02_after_early_data_alert_under_early_key),
        cmocka_unit_test(early_data_accepted_without_psk),
        cmocka_unit_test(early_data_accepted_with_other_suite),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
