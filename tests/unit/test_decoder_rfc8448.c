/*
 * test_decoder_rfc8448.c — the decoder on RFC 8448's example handshakes, replayed as token
 * traces: every "complete record" of a section becomes a token of its sender, and the key log
 * is written from the section's derived secrets ("derive secret ... expanded"), keyed by the
 * ClientHello's random. This covers what no stored capture has: 0-RTT data and EndOfEarlyData
 * (§4), client authentication (§6), HelloRetryRequest without middlebox compatibility (§5).
 *
 * Checks per section: every protected record decrypts; the handshake messages, in order and per
 * side, are the ones the RFC constructs ("construct a ... handshake message"); both Finished
 * values verify (RFC 8446 §4.4.4).
 */
#include "support/testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/names.h"
#include "decoder/decode.h"
#include "support/decoder_tls_collect.h"
#include "support/rfc8448.h"

struct text {
    char *data;
    size_t len;
};

static void text_add(struct text *t, const char *s)
{
    size_t n = strlen(s);
    t->data = realloc(t->data, t->len + n + 1);
    assert_non_null(t->data);
    memcpy(t->data + t->len, s, n + 1);
    t->len += n;
}

static void text_hex(struct text *t, const uint8_t *p, size_t n)
{
    char two[3];
    for (size_t i = 0; i < n; i++) {
        snprintf(two, sizeof(two), "%02x", p[i]);
        text_add(t, two);
    }
}

/* The trace: one token per "complete record", in the RFC's order. */
static char *section_trace(const struct rfc8448 *v)
{
    struct text t = {0};
    text_add(&t, "# RFC 8448 records as tokens\n");
    for (size_t i = 0; i < v->count; i++) {
        const struct rfc8448_entry *e = &v->entries[i];
        if (strcmp(e->label, "complete record") != 0) {
            continue;
        }
        text_add(&t, strncmp(e->step, "{client}", 8) == 0 ? "C:\n" : "S:\n");
        text_hex(&t, e->bytes, e->len);
        text_add(&t, "\n");
    }
    return t.data;
}

/* The key log: NSS label, ClientHello.random (bytes 11..42 of the first record), secret. */
static char *section_keylog(const struct rfc8448 *v)
{
    static const char *const secrets[][2] = {
        {"derive secret \"tls13 c e traffic\"", "CLIENT_EARLY_TRAFFIC_SECRET"},
        {"derive secret \"tls13 c hs traffic\"", "CLIENT_HANDSHAKE_TRAFFIC_SECRET"},
        {"derive secret \"tls13 s hs traffic\"", "SERVER_HANDSHAKE_TRAFFIC_SECRET"},
        {"derive secret \"tls13 c ap traffic\"", "CLIENT_TRAFFIC_SECRET_0"},
        {"derive secret \"tls13 s ap traffic\"", "SERVER_TRAFFIC_SECRET_0"},
    };
    size_t ch_len = 0;
    const uint8_t *ch = rfc8448_value(v, "{client}  send handshake record", "complete record", 0, &ch_len);
    assert_true(ch_len > 43);
    struct text t = {0};
    for (size_t i = 0; i < sizeof(secrets) / sizeof(secrets[0]); i++) {
        const struct rfc8448_entry *e = NULL;
        for (size_t k = 0; k < v->count && e == NULL; k++) {
            if (strstr(v->entries[k].step, secrets[i][0]) != NULL &&
                strcmp(v->entries[k].label, "expanded") == 0) {
                e = &v->entries[k];
            }
        }
        if (e == NULL) {
            continue; /* no early secret outside §4 */
        }
        text_add(&t, secrets[i][1]);
        text_add(&t, " ");
        text_hex(&t, ch + 11, 32); /* 5 record header + 4 handshake header + 2 legacy_version */
        text_add(&t, " ");
        text_hex(&t, e->bytes, e->len);
        text_add(&t, "\n");
    }
    return t.data;
}

/* HandshakeType of the RFC's "construct a X handshake message" label X. */
static int message_type(const char *label)
{
    static const struct {
        const char *label;
        int type;
    } map[] = {
        {"ClientHello", TLS_HT_client_hello},       {"ServerHello", TLS_HT_server_hello},
        {"EncryptedExtensions", TLS_HT_encrypted_extensions},
        {"Certificate", TLS_HT_certificate},         {"CertificateVerify", TLS_HT_certificate_verify},
        {"CertificateRequest", TLS_HT_certificate_request},
        {"Finished", TLS_HT_finished},               {"NewSessionTicket", TLS_HT_new_session_ticket},
        {"EndOfEarlyData", TLS_HT_end_of_early_data},
    };
    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
        if (strcmp(map[i].label, label) == 0) {
            return map[i].type;
        }
    }
    fail_msg("RFC 8448 message label %s not mapped", label);
    return -1;
}

/* The decoded messages of one side, in order, equal the RFC's constructed messages. */
static void check_messages(const struct rfc8448 *v, const struct dtc *d, int side)
{
    const char *prefix = side == TLS_DIR_CLIENT_TO_SERVER ? "{client}" : "{server}";
    size_t next_rec = 0;
    size_t next_msg = 0;
    for (size_t i = 0; i < v->count; i++) {
        const struct rfc8448_entry *e = &v->entries[i];
        if (strncmp(e->step, prefix, 8) != 0 || strstr(e->step, "handshake message") == NULL ||
            strstr(e->step, "construct") == NULL) {
            continue;
        }
        const struct tls_decoded_record *r = NULL;
        while ((r = dtc_record(d, 1, side, next_rec)) != NULL && next_msg >= r->message_count) {
            next_rec++;
            next_msg = 0;
        }
        if (r == NULL) {
            fail_msg("%s: decoder has no message for it", rfc8448_source(v, e));
        }
        /* §4 shows its ClientHello "prefix" before the PSK binders are appended: shorter. */
        bool ch_prefix = strcmp(e->label, "ClientHello") == 0 && e->len < r->messages[next_msg].length + 4u;
        if (r->messages[next_msg].type != message_type(e->label) ||
            (r->messages[next_msg].length + 4u != e->len && !ch_prefix)) {
            fail_msg("%s: decoded %s (%u bytes) instead", rfc8448_source(v, e),
                     tls_handshake_type_name(r->messages[next_msg].type), r->messages[next_msg].length + 4);
        }
        next_msg++;
    }
}

static struct dtc *decode_section(const char *file, struct rfc8448 **out)
{
    struct rfc8448 *v = rfc8448_load(file);
    char *trace = section_trace(v);
    char *keylog = section_keylog(v);
    struct dtc *d = dtc_decode_trace_keyed(trace, keylog, TLS_DECODE_TEXT);
    free(trace);
    free(keylog);
    assert_int_equal(d->rc, TLS_OK);
    assert_int_equal(d->nconn, 1);
    for (size_t i = 0; i < d->nrec; i++) {
        const struct tls_decoded_record *r = &d->recs[i];
        if (r->is_protected && !r->decrypted) {
            fail_msg("RFC 8448 §%s: record %zu (%s, %u bytes) does not decrypt", v->section, i + 1,
                     r->dir == TLS_DIR_CLIENT_TO_SERVER ? "client" : "server", r->length);
        }
    }
    check_messages(v, d, TLS_DIR_CLIENT_TO_SERVER);
    check_messages(v, d, TLS_DIR_SERVER_TO_CLIENT);
    const struct tls_decoded_connection *s = &d->conns[0].summary;
    if (s->server_finished != TLS_FINISHED_VERIFIED || s->client_finished != TLS_FINISHED_VERIFIED) {
        fail_msg("RFC 8448 §%s: server Finished %s, client Finished %s", v->section,
                 tls_finished_status_name(s->server_finished), tls_finished_status_name(s->client_finished));
    }
    *out = v;
    return d;
}

static void simple_1rtt(void **state)
{
    (void)state;
    struct rfc8448 *v;
    struct dtc *d = decode_section("rfc8448-3-simple-1-rtt-handshake.json", &v);
    assert_false(d->conns[0].summary.resumed);
    /* The whole server flight is one record: EE, Certificate, CertificateVerify, Finished. */
    const struct tls_decoded_record *flight = dtc_record(d, 1, TLS_DIR_SERVER_TO_CLIENT, 1);
    assert_int_equal(flight->message_count, 4);
    dtc_free(d);
    rfc8448_free(v);
}

/* §4: 0-RTT application data under client_early_traffic_secret, then EndOfEarlyData, then the
   client handshake keys (RFC 8446 §4.5). */
static void resumed_0rtt(void **state)
{
    (void)state;
    struct rfc8448 *v;
    struct dtc *d = decode_section("rfc8448-4-resumed-0-rtt-handshake.json", &v);
    assert_true(d->conns[0].summary.resumed);
    const struct tls_decoded_record *early = dtc_record(d, 1, TLS_DIR_CLIENT_TO_SERVER, 1);
    assert_true(early->decrypted);
    assert_int_equal(early->inner_type, TLS_CT_application_data);
    size_t len = 0;
    rfc8448_value(v, "{client}  send application_data record", "payload", 0, &len);
    assert_int_equal(early->content_len, len);
    assert_non_null(strstr(d->out, "early (0-RTT)"));
    const struct tls_decoded_record *eoed = dtc_record(d, 1, TLS_DIR_CLIENT_TO_SERVER, 2);
    assert_int_equal(eoed->messages[0].type, TLS_HT_end_of_early_data);
    dtc_free(d);
    rfc8448_free(v);
}

static void hello_retry_request(void **state)
{
    (void)state;
    struct rfc8448 *v;
    struct dtc *d = decode_section("rfc8448-5-helloretryrequest.json", &v);
    assert_true(d->conns[0].summary.hello_retry_request);
    assert_int_equal(d->conns[0].summary.group, TLS_GROUP_secp256r1);
    dtc_free(d);
    rfc8448_free(v);
}

static void client_authentication(void **state)
{
    (void)state;
    struct rfc8448 *v;
    struct dtc *d = decode_section("rfc8448-6-client-authentication.json", &v);
    const struct tls_decoded_record *client_flight = dtc_record(d, 1, TLS_DIR_CLIENT_TO_SERVER, 1);
    assert_int_equal(client_flight->message_count, 3); /* Certificate, CertificateVerify, Finished */
    dtc_free(d);
    rfc8448_free(v);
}

static void compatibility_mode(void **state)
{
    (void)state;
    struct rfc8448 *v;
    struct dtc *d = decode_section("rfc8448-7-compatibility-mode.json", &v);
    const struct tls_decoded_record *ccs = dtc_record(d, 1, TLS_DIR_SERVER_TO_CLIENT, 1);
    assert_int_equal(ccs->outer_type, TLS_CT_change_cipher_spec);
    assert_false(ccs->is_protected);
    dtc_free(d);
    rfc8448_free(v);
}

/* §7 with the server's ChangeCipherSpec carrying 0x02: RFC 8446 §5 makes that fatal
   (unexpected_message); the decoder says so and goes on. */
static void compatibility_mode_bad_ccs(void **state)
{
    (void)state;
    struct rfc8448 *v = rfc8448_load("rfc8448-7-compatibility-mode.json");
    char *trace = section_trace(v);
    char *keylog = section_keylog(v);
    char *ccs = strstr(trace, "S:\n140303000101\n");
    assert_non_null(ccs);
    ccs[3 + 11] = '2';
    struct dtc *d = dtc_decode_trace_keyed(trace, keylog, TLS_DECODE_TEXT);
    assert_non_null(strstr(d->conns[0].notes, "server: a ChangeCipherSpec that RFC 8446 §5 does not allow"));
    assert_int_equal(d->conns[0].summary.server_finished, TLS_FINISHED_VERIFIED);
    dtc_free(d);
    free(trace);
    free(keylog);
    rfc8448_free(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(simple_1rtt),
        cmocka_unit_test(resumed_0rtt),
        cmocka_unit_test(hello_retry_request),
        cmocka_unit_test(client_authentication),
        cmocka_unit_test(compatibility_mode),
        cmocka_unit_test(compatibility_mode_bad_ccs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
