/*
 * test_decoder_profile.c — connection profiles and their comparison (src/decoder/profile*.c),
 * the model of `tls13 compare`.
 *
 * The stored trace of our own client (tests/vectors/traces/ours-tls13-openssl.trace, with its
 * key log; tests/vectors/README.md) is profiled and every value checked against its bytes; a
 * profile compared with itself has no difference; the comparison is symmetric row by row; the
 * messages the profile reads again are fed truncated at every length and with a trailing byte.
 */
#include "support/testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/names.h"
#include "decoder/decode.h"
#include "decoder/dtls.h"
#include "decoder/keylog.h"
#include "decoder/profile.h"

static void discard(void *ctx, const char *text, size_t len)
{
    (void)ctx;
    (void)text;
    (void)len;
}

/* Profiles connection `want` of a stored input, with an optional stored key log. */
static struct tls_profile *profile_of(const char *input, const char *keylog, unsigned want,
                                      unsigned *connections)
{
    struct tls_keylog kl;
    tls_keylog_init(&kl);
    if (keylog != NULL) {
        size_t len = 0;
        uint8_t *text = test_read_vector_file(keylog, &len);
        struct tls_error err = {0};
        unsigned long line = 0;
        assert_int_equal(tls_keylog_parse(&kl, (const char *)text, len, &line, &err), TLS_OK);
        free(text);
    }
    struct tls_profile *p = calloc(1, sizeof(*p));
    assert_non_null(p);
    struct tls_decode_options opt = {.format = TLS_DECODE_JSON, .write = discard,
                                      .keylog = keylog != NULL ? &kl : NULL};
    struct tls_profile_collector pc;
    tls_profile_collector_init(&pc, p, want, input);
    tls_profile_observe(&pc, &opt);
    struct tls_decoder *dec = tls_decoder_new(&opt);
    assert_non_null(dec);
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", TLS13_VECTORS_DIR, input);
    struct tls_input_error ie;
    memset(&ie, 0, sizeof(ie));
    assert_int_equal(tls_decoder_decode_file(dec, path, &ie), TLS_OK);
    tls_decoder_finish(dec);
    tls_decoder_free(dec);
    tls_keylog_free(&kl);
    if (connections != NULL) {
        *connections = pc.connections;
    }
    return p;
}

/* Every value below is read from the bytes of traces/ours-tls13-openssl.trace (its first C:
   token is the ClientHello, hex quoted where it matters). */
static void ours_profile(void **state)
{
    (void)state;
    unsigned n = 0;
    struct tls_profile *p = profile_of("traces/ours-tls13-openssl.trace",
                                       "traces/ours-tls13-openssl.keylog", 1, &n);
    assert_true(p->ended);
    assert_int_equal(n, 1);
    const struct tls_profile_hello *h = &p->hello[0];
    assert_true(h->present);
    assert_false(p->hello[1].present);
    assert_int_equal(h->length, 0xba);              /* 010000ba */
    assert_int_equal(h->session_id_len, 32);         /* 20 4546... */
    /* cipher_suites 0006 1301 1302 1303 */
    assert_int_equal(h->cipher_suites.count, 3);
    assert_int_equal(h->cipher_suites.v[0], 0x1301);
    assert_int_equal(h->cipher_suites.v[2], 0x1303);
    /* extensions in wire order: 0000 002b 000a 0033 000d 002d */
    static const uint16_t order[] = {0x0000, 0x002b, 0x000a, 0x0033, 0x000d, 0x002d};
    assert_int_equal(h->ext_count, 6);
    for (size_t i = 0; i < 6; i++) {
        assert_int_equal(h->ext[i].type, order[i]);
    }
    assert_string_equal(h->ext[0].value, "localhost");
    assert_string_equal(h->ext[2].value, "x25519,secp256r1,secp384r1"); /* 0006 001d 0017 0018 */
    assert_int_equal(h->key_share_count, 1);                            /* 0024 001d 0020 ... */
    assert_int_equal(h->key_shares[0].group, 0x001d);
    assert_int_equal(h->key_shares[0].length, 32);
    assert_int_equal(h->signature_algorithms.count, 8);                 /* 0010: 8 schemes */
    assert_string_equal(h->ext[5].value, "psk_dhe_ke");                 /* 002d 0002 01 01 */
    /* negotiated: ServerHello 1301, supported_versions 0304, key_share 001d (first S: token) */
    assert_int_equal(p->neg.version, TLS_VERSION_1_3);
    assert_int_equal(p->neg.cipher_suite, 0x1301);
    assert_int_equal(p->neg.group, 0x001d);
    assert_int_equal(p->neg.signature_scheme, 0x0804); /* CertificateVerify, decrypted */
    assert_true(p->neg.keys);
    assert_false(p->neg.resumed);
    assert_true(p->neg.alpn_known);
    assert_string_equal(p->neg.alpn, "");
    assert_int_equal(p->neg.early_data_accepted, 0);
    /* flights: ClientHello | ServerHello, CCS, EE, Certificate, CertificateVerify, Finished |
       CCS, Finished */
    assert_true(p->handshake_complete);
    size_t first[8], count[8];
    assert_int_equal(tls_profile_flights(p, first, count, 8), 3);
    assert_int_equal(count[0], 1);
    assert_int_equal(count[1], 6);
    assert_int_equal(count[2], 2);
    assert_string_equal(p->records[first[2]].what, "change_cipher_spec");
    assert_string_equal(p->records[first[2] + 1].what, "finished");
    char b[300];
    tls_profile_record_breakdown(p, &p->records[first[2] + 1], b, sizeof(b));
    assert_string_equal(b, "58 = 5 header + 4+32 finished (SHA-256) + 1 content type + 16 AEAD tag");
    /* after: openssl s_server sends two tickets (lifetime 7200 s); we close first */
    assert_int_equal(p->after.tickets, 2);
    assert_int_equal(p->after.ticket_lifetime[0], 7200);
    assert_true(p->after.ticket_decrypted[1]);
    assert_int_equal(p->after.closes_first, TLS_DIR_CLIENT_TO_SERVER);
    assert_string_equal(p->after.closes_how, "close_notify");
    assert_int_equal(p->after.close_notify_rank[TLS_DIR_SERVER_TO_CLIENT], 2);
    assert_int_equal(p->after.end, TLS_STREAM_END_TRACE);
    free(p);
}

static void itself_no_difference(void **state)
{
    (void)state;
    struct tls_profile *p = profile_of("captures/tls13-hrr-x25519-to-p256.pcap",
                                       "captures/tls13-hrr-x25519-to-p256.keylog", 1, NULL);
    struct tls_profile_diff *d = calloc(1, sizeof(*d));
    assert_non_null(d);
    tls_profile_diff(p, p, d);
    assert_true(d->count > 50);
    assert_int_equal(d->differences, 0);
    for (size_t i = 0; i < d->count; i++) {
        assert_int_equal(d->d[i].kind, TLS_DIFF_SAME);
    }
    assert_true(p->neg.hello_retry_request);
    assert_true(p->hello[1].present);
    assert_int_equal(p->hello[1].key_shares[0].group, 0x0017); /* the HRR asked for secp256r1 */
    free(d);
    free(p);
}

static enum tls_profile_diff_kind swapped(enum tls_profile_diff_kind k)
{
    return k == TLS_DIFF_ONLY_A ? TLS_DIFF_ONLY_B : k == TLS_DIFF_ONLY_B ? TLS_DIFF_ONLY_A : k;
}

/* diff(B, A) is diff(A, B) with the columns swapped, row by row; frees a and b. */
static void check_swap(struct tls_profile *a, struct tls_profile *b)
{
    struct tls_profile_diff *ab = calloc(1, sizeof(*ab));
    struct tls_profile_diff *ba = calloc(1, sizeof(*ba));
    assert_non_null(ab);
    assert_non_null(ba);
    tls_profile_diff(a, b, ab);
    tls_profile_diff(b, a, ba);
    assert_true(ab->differences > 10);
    assert_int_equal(ab->count, ba->count);
    assert_int_equal(ab->differences, ba->differences);
    for (size_t i = 0; i < ab->count; i++) {
        assert_string_equal(ab->d[i].section, ba->d[i].section);
        assert_string_equal(ab->d[i].item, ba->d[i].item);
        assert_int_equal(swapped(ab->d[i].kind), ba->d[i].kind);
        assert_string_equal(ab->d[i].a, ba->d[i].b);
        assert_string_equal(ab->d[i].why_a, ba->d[i].why_b);
    }
    free(ab);
    free(ba);
    free(a);
    free(b);
}

static void swap_is_symmetric(void **state)
{
    (void)state;
    check_swap(profile_of("captures/tls13-resumption.pcap", NULL, 1, NULL),
               profile_of("captures/tls12-ecdhe-rsa-aes-128-gcm.pcapng", "captures/tls12-ecdhe-rsa-aes-128-gcm.keylog",
                          1, NULL));
    /* DTLS against DTLS, and TLS against DTLS (the DTLS-only rows on one side) */
    check_swap(profile_of("captures/dtls/dtls12-gnutls-hvr-mtu400.pcapng", NULL, 1, NULL),
               profile_of("traces/dtls12-openssl-hvr-mtu500.trace", "captures/dtls/dtls12-openssl-hvr-mtu500.keylog", 1,
                          NULL));
    check_swap(profile_of("captures/tls13-aes-128-gcm-x25519.pcap", NULL, 1, NULL),
               profile_of("captures/dtls/dtls12-gnutls-hvr-mtu400.pcapng", NULL, 1, NULL));
}

/* A DTLS 1.2 profile. Every value is read from the bytes of traces/dtls12-openssl-hvr-mtu500.trace
   (one datagram per token; tests/vectors/README.md), hex quoted. */
static void dtls_profile(void **state)
{
    (void)state;
    struct tls_profile *p = profile_of("traces/dtls12-openssl-hvr-mtu500.trace",
                                       "captures/dtls/dtls12-openssl-hvr-mtu500.keylog", 1, NULL);
    assert_true(p->ended);
    assert_true(p->dtls);
    /* first C: 16 feff 0000 000000000000 008c | 01 000080 0000 000000 000080 fefd <random> 00 00:
       a 128-byte ClientHello, empty session id, empty cookie, in a 13 + 140-byte record */
    assert_true(p->hello[0].present);
    assert_int_equal(p->hello[0].length, 128);
    assert_int_equal(p->hello[0].legacy_version, DTLS_VERSION_1_2);
    assert_int_equal(p->hello[0].cookie_len, 0);
    assert_int_equal(p->hello[0].cipher_suites.count, 2); /* 0004 c02f 00ff */
    assert_int_equal(p->hello[0].cipher_suites.v[0], 0xc02f);
    assert_true(p->records[0].dtls);
    assert_int_equal(p->records[0].epoch, 0);
    assert_int_equal(p->records[0].sequence_number, 0);
    assert_int_equal(p->records[0].datagram, 1);
    assert_int_equal(tls_profile_record_bytes(&p->records[0]), 13 + 0x8c);
    /* first S: 03 000017 ... feff 14 81bb...: a HelloVerifyRequest with a 20-byte cookie; second C:
       01 000094 0001 ... 14 81bb...: the 148-byte ClientHello echoing it */
    assert_true(p->neg.hello_verify_request);
    assert_true(p->neg.cookie_echoed);
    assert_false(p->neg.hello_retry_request);
    assert_true(p->hello[1].present);
    assert_int_equal(p->hello[1].length, 0x94);
    assert_int_equal(p->hello[1].cookie_len, 0x14);
    /* offsets are in the message as sent (cookie included): the extensions block (0052 000b ...)
       ends the 0x94-byte body, so its first Extension, ec_point_formats (000b), starts 0x52
       bytes before the end, after the 12-byte DTLS header */
    assert_int_equal(p->hello[1].ext[0].type, 0x000b);
    assert_int_equal(p->hello[1].ext[0].offset, 12u + 0x94 - 0x52);
    /* negotiated (second S: ServerHello fefd ... c02f), version DTLS 1.2 */
    assert_int_equal(p->neg.version, DTLS_VERSION_1_2);
    assert_int_equal(p->neg.cipher_suite, 0xc02f);
    assert_true(p->neg.keys);
    /* third S: 0b 000313 0002 000169 0001aa: the Certificate (787 bytes) ends with a fragment at
       361 of 426 bytes, so it was cut in two: 0+361 and 361+426 */
    const struct tls_profile_message *cert = NULL;
    for (size_t i = 0; i < p->dtls_info.msg_count; i++) {
        if (p->dtls_info.msg[i].type == TLS_HT_certificate && p->dtls_info.msg[i].dir == TLS_DIR_SERVER_TO_CLIENT) {
            cert = &p->dtls_info.msg[i];
        }
    }
    assert_non_null(cert);
    assert_int_equal(cert->length, 0x313);
    assert_int_equal(cert->message_seq, 2);
    assert_int_equal(cert->fragments, 2);
    assert_string_equal(cert->cuts, "0+361,361+426");
    /* the longest S: token is 944 hex digits: a 472-byte datagram, within Schannel's 1096 */
    assert_int_equal(p->dtls_info.largest_datagram[TLS_DIR_SERVER_TO_CLIENT], 472);
    assert_int_equal(p->dtls_info.retransmitted[0] + p->dtls_info.retransmitted[1], 0);
    assert_true(p->handshake_complete);

    /* against itself: no difference; against the TLS 1.2 capture: one "transport" line */
    struct tls_profile_diff *d = calloc(1, sizeof(*d));
    assert_non_null(d);
    tls_profile_diff(p, p, d);
    assert_int_equal(d->differences, 0);
    struct tls_profile *t = profile_of("captures/tls12-ecdhe-rsa-aes-128-gcm.pcapng", NULL, 1, NULL);
    tls_profile_diff(t, p, d);
    bool transport = false, cookie = false;
    for (size_t i = 0; i < d->count; i++) {
        if (strcmp(d->d[i].item, "transport") == 0) {
            assert_string_equal(d->d[i].a, "TLS over TCP");
            assert_string_equal(d->d[i].b, "DTLS over UDP");
            transport = true;
        }
        if (strcmp(d->d[i].item, "cookie (DTLS)") == 0 && strcmp(d->d[i].section, "client_hello_2") == 0) {
            assert_int_equal(d->d[i].kind, TLS_DIFF_ONLY_B);
            assert_string_equal(d->d[i].b, "20 bytes");
            cookie = true;
        }
    }
    assert_true(transport);
    assert_true(cookie);
    free(t);
    free(d);
    free(p);
}

/* Feeds one message to a fresh collector (connection 1). */
static void feed(struct tls_profile *p, enum tls_direction dir, uint8_t type, const uint8_t *body,
                 size_t len)
{
    struct tls_profile_collector pc;
    tls_profile_collector_init(&pc, p, 1, "test");
    uint8_t whole[600];
    assert_true(len + 4 <= sizeof(whole));
    whole[0] = type;
    whole[1] = (uint8_t)(len >> 16);
    whole[2] = (uint8_t)(len >> 8);
    whole[3] = (uint8_t)len;
    memcpy(whole + 4, body, len);
    struct tls_handshake_message msg = {.msg_type = type, .length = (uint32_t)len, .body = whole + 4,
                                        .bytes = whole, .total_len = len + 4};
    on_profile_message(&pc, 1, dir, &msg);
    /* Another connection's message is not this profile's. */
    on_profile_message(&pc, 2, dir, &msg);
}

/* RFC 8422 §5.4 ServerKeyExchange: curve_type 3, x25519, a 32-byte point, then
   rsa_pss_rsae_sha256 (0804) and a signature. Cut at every length: the scheme is read only
   when its two bytes are there. */
static void server_key_exchange_every_length(void **state)
{
    (void)state;
    uint8_t ske[4 + 32 + 2 + 2 + 4];
    memset(ske, 0xab, sizeof(ske));
    ske[0] = 3;
    ske[1] = 0x00;
    ske[2] = 0x1d;
    ske[3] = 32;
    ske[36] = 0x08;
    ske[37] = 0x04;
    ske[38] = 0x00;
    ske[39] = 4;
    struct tls_profile *p = calloc(1, sizeof(*p));
    assert_non_null(p);
    for (size_t len = 0; len <= sizeof(ske); len++) {
        feed(p, TLS_DIR_SERVER_TO_CLIENT, TLS_HT_server_key_exchange, ske, len);
        assert_int_equal(p->neg.signature_scheme, len >= 38 ? 0x0804 : 0);
    }
    ske[0] = 1; /* explicit_prime curves: not read */
    feed(p, TLS_DIR_SERVER_TO_CLIENT, TLS_HT_server_key_exchange, ske, sizeof(ske));
    assert_int_equal(p->neg.signature_scheme, 0);
    free(p);
}

/* The ClientHello of the trace, cut at every length and with a trailing byte: the profile says
   a ClientHello was there and lists nothing it could not parse. */
static void client_hello_every_length(void **state)
{
    (void)state;
    size_t len = 0;
    uint8_t *text = test_read_vector_file("traces/ours-tls13-openssl.trace", &len);
    /* The first C: token: a 5-byte record header, then the 4-byte handshake header. */
    char *c = strstr((char *)text, "\nC: "); /* a line starting a client token, not the comment */
    assert_non_null(c);
    c++;
    char hex[1200] = "";
    size_t h = 0;
    for (char *q = c + 3; *q != '\0' && *q != 'S' && h + 1 < sizeof(hex); q++) {
        if ((*q >= '0' && *q <= '9') || (*q >= 'a' && *q <= 'f')) {
            hex[h++] = *q;
        }
    }
    uint8_t rec[600];
    size_t n = test_hex(hex, rec, sizeof(rec));
    free(text);
    assert_int_equal(n, 5 + 4 + 0xba);
    const uint8_t *body = rec + 9;
    size_t body_len = 0xba;
    struct tls_profile *p = calloc(1, sizeof(*p));
    assert_non_null(p);
    /* Cut right after legacy_compression_methods (2+32+1+32 + 2+6 + 1+1 bytes) it is a whole
       ClientHello without extensions, which §4.1.2 lets a server receive from older clients. */
    const size_t no_extensions = 2 + 32 + 1 + 32 + 2 + 6 + 1 + 1;
    for (size_t cut = 0; cut < body_len; cut++) {
        feed(p, TLS_DIR_CLIENT_TO_SERVER, TLS_HT_client_hello, body, cut);
        assert_true(p->hello[0].present);
        assert_int_equal(p->hello[0].cipher_suites.count, cut == no_extensions ? 3 : 0);
        assert_int_equal(p->hello[0].ext_count, 0);
    }
    uint8_t longer[0xba + 1];
    memcpy(longer, body, body_len);
    longer[body_len] = 0;
    feed(p, TLS_DIR_CLIENT_TO_SERVER, TLS_HT_client_hello, longer, sizeof(longer));
    assert_int_equal(p->hello[0].ext_count, 0);
    feed(p, TLS_DIR_CLIENT_TO_SERVER, TLS_HT_client_hello, body, body_len);
    assert_int_equal(p->hello[0].ext_count, 6);
    free(p);
}

/* What a record's size is made of (RFC 8446 §5.2, §5.4, §4.4.4), for records built here. */
static void breakdowns(void **state)
{
    (void)state;
    struct tls_profile *p = calloc(1, sizeof(*p));
    assert_non_null(p);
    p->neg.version = TLS_VERSION_1_3;
    p->neg.cipher_suite = 0x1302; /* TLS_AES_256_GCM_SHA384 */
    struct tls_profile_record r = {.outer_type = TLS_CT_application_data, .length = 69, .is_protected = true,
                                   .guess = true};
    snprintf(r.what, sizeof(r.what), "finished?");
    char b[300];
    tls_profile_record_breakdown(p, &r, b, sizeof(b));
    assert_string_equal(b, "74 = 5 header + 4+48 finished (SHA-384) + 1 content type + 16 AEAD tag");
    r.length = 70; /* not a Finished's size: no reading */
    tls_profile_record_breakdown(p, &r, b, sizeof(b));
    assert_string_equal(b, "75 = 5 header + 70 protected bytes");
    /* decrypted, padded: EncryptedExtensions (4+2) + type + 10 zeros + tag */
    struct tls_profile_record e = {.outer_type = TLS_CT_application_data, .length = 6 + 1 + 10 + 16,
                                   .is_protected = true, .decrypted = true, .inner_type = TLS_CT_handshake,
                                   .content_len = 6, .padding_len = 10, .message_count = 1};
    e.msg_type[0] = TLS_HT_encrypted_extensions;
    e.msg_len[0] = 2;
    tls_profile_record_breakdown(p, &e, b, sizeof(b));
    assert_string_equal(b, "38 = 5 header + 4+2 encrypted_extensions + 1 content type + 10 padding (§5.4) + 16 AEAD tag");
    struct tls_profile_record ccs = {.outer_type = TLS_CT_change_cipher_spec, .length = 1};
    tls_profile_record_breakdown(p, &ccs, b, sizeof(b));
    assert_string_equal(b, "6 = 5 header + 1 change_cipher_spec");
    free(p);
}

/* A connection number the input does not have: the profile never ends, the count says why. */
static void connection_out_of_range(void **state)
{
    (void)state;
    unsigned n = 0;
    struct tls_profile *p = profile_of("captures/tls13-resumption.pcap", NULL, 3, &n);
    assert_false(p->ended);
    assert_int_equal(n, 2);
    free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ours_profile),
        cmocka_unit_test(itself_no_difference),
        cmocka_unit_test(swap_is_symmetric),
        cmocka_unit_test(dtls_profile),
        cmocka_unit_test(server_key_exchange_every_length),
        cmocka_unit_test(client_hello_every_length),
        cmocka_unit_test(breakdowns),
        cmocka_unit_test(connection_out_of_range),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
