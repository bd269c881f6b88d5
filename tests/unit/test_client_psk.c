/*
 * test_client_psk.c — resumption with a ticket and 0-RTT data (RFC 8446 §2.2, §2.3, §4.2.10,
 * §4.2.11, §4.5), replayed against RFC 8448 §4.
 *
 * The ticket is the one the client itself stored in RFC 8448 §3 (replayed as in
 * test_client_replay.c). RFC 8448 §4's ClientHello is given as a TEMPLATE
 * (tls_client_replay.client_hello_is_template): the client keeps its random, key share and
 * extension layout but writes pre_shared_key itself — identity, obfuscated_ticket_age from
 * config.now_ms, and the binder it computes — so the output equals the RFC's bytes only if
 * our binder and age are the RFC's. Then the 0-RTT record, EndOfEarlyData and Finished must
 * be the RFC's too.
 *
 * Also: a server that rejects the early data (EncryptedExtensions rebuilt without early_data),
 * tickets that must not be offered, a HelloRetryRequest after 0-RTT (the binder over
 * message_hash(CH1) + HRR + Truncate(CH2)), and the negative rows PSK-01..PSK-04 of
 * client-negative-tests.md.
 */
#include "support/testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/hash.h"
#include "crypto/key_schedule.h"
#include "crypto/suite.h"
#include "handshake/client.h"
#include "handshake/client_hello.h"
#include "handshake/handshake_msg.h"
#include "handshake/server_hello.h"
#include "record/protect.h"
#include "support/rfc8448.h"

#define OUT_CAP 8192
#define TICKET_RECEIVED_AT 1700000000000ull /* any clock value: only differences matter */
/* RFC 8448 §4 line 886: obfuscated_ticket_age 0xfad6aacb; §3 line 764: ticket_age_add
 * 0xfad6aac5. So the client's view of the age was 0xfad6aacb - 0xfad6aac5 = 6 ms. */
#define RFC8448_TICKET_AGE_MS 6u

static const char S3[] = "rfc8448-3-simple-1-rtt-handshake.json";
static const char S4[] = "rfc8448-4-resumed-0-rtt-handshake.json";
static const char CH_STEP[] = "{client}  construct a ClientHello handshake message";
static const char SEND_HS[] = "{client}  send handshake record";
static const char SERVER_HS[] = "{server}  send handshake record";

/* Secrets the observer saw, by NSS label (or name when there is none). */
struct seen_secrets {
    char names[16][96];
    uint8_t values[16][48];
    size_t lens[16];
    size_t count;
};

static void on_secret(void *ctx, const char *name, const char *nss_label, const uint8_t *client_random,
                      const uint8_t *secret, size_t secret_len, const uint8_t *transcript_hash,
                      size_t hash_len)
{
    (void)client_random;
    (void)transcript_hash;
    (void)hash_len;
    struct seen_secrets *s = ctx;
    if (s->count >= 16 || secret_len > 48) {
        return;
    }
    snprintf(s->names[s->count], sizeof(s->names[0]), "%s", nss_label != NULL ? nss_label : name);
    memcpy(s->values[s->count], secret, secret_len);
    s->lens[s->count] = secret_len;
    s->count++;
}

static const uint8_t *seen(const struct seen_secrets *s, const char *name, size_t *len)
{
    for (size_t i = 0; i < s->count; i++) {
        if (strcmp(s->names[i], name) == 0) {
            *len = s->lens[i];
            return s->values[i];
        }
    }
    fail_msg("the observer never saw %s", name);
    return NULL;
}

struct conn {
    struct rfc8448 *v;
    struct tls_client_replay hooks;
    struct tls_client_config config;
    struct tls_observer observer;
    struct seen_secrets secrets;
    struct tls_client *client;
    uint8_t out[OUT_CAP];
    struct tls_writer w;
};

static void conn_init(struct conn *c, const char *file)
{
    memset(c, 0, sizeof(*c));
    c->v = rfc8448_load(file);
    size_t len;
    c->hooks.key_share_private[0] = rfc8448_value(c->v, "{client}  create an ephemeral x25519 key pair",
                                                  "private key", 0, &len);
    c->hooks.key_share_private_len[0] = len;
    /* RFC 8448's certificate is self-signed for "server": the chain check is skipped. */
    c->config.insecure = true;
    c->config.server_name = "server";
    c->config.replay = &c->hooks;
    c->observer.ctx = &c->secrets;
    c->observer.secret = on_secret;
    c->config.observer = &c->observer;
    c->client = malloc(tls_client_size());
    tls_writer_init(&c->w, c->out, sizeof(c->out));
}

static void conn_start(struct conn *c)
{
    assert_int_equal(tls_client_init(c->client, &c->config), TLS_OK);
}

static void conn_free(struct conn *c)
{
    tls_client_wipe(c->client);
    free(c->client);
    rfc8448_free(c->v);
}

static const uint8_t *val(struct conn *c, const char *step, const char *label, int occurrence,
                          size_t *len, const char **source)
{
    const struct rfc8448_entry *e = rfc8448_find(c->v, step, label, occurrence);
    *len = e->len;
    if (source != NULL) {
        *source = rfc8448_source(c->v, e);
    }
    return e->bytes;
}

/* Feeds whole records to the handshake; returns the status of the last call. */
static enum tls_status feed(struct conn *c, const uint8_t *bytes, size_t len)
{
    static uint8_t buf[4096];
    size_t used = 0;
    assert_true(len <= sizeof(buf));
    memcpy(buf, bytes, len);
    enum tls_status st = tls_client_handshake(c->client, buf, len, &used, &c->w);
    return st;
}

/* Replays RFC 8448 §3 to its NewSessionTicket; *ticket gets the client's stored ticket. */
static void ticket_from_section3(struct tls_ticket *ticket)
{
    struct conn c;
    conn_init(&c, S3);
    size_t len, used;
    c.hooks.client_hello[0] = rfc8448_value(c.v, CH_STEP, "ClientHello", 0, &len);
    c.hooks.client_hello_len[0] = len;
    c.config.now_ms = TICKET_RECEIVED_AT;
    conn_start(&c);
    assert_int_equal(tls_client_handshake(c.client, NULL, 0, &used, &c.w), TLS_STATUS_CONTINUE);
    uint8_t flight[1024];
    size_t n = 0;
    for (int i = 0; i < 2; i++) {
        const uint8_t *rec = val(&c, SERVER_HS, "complete record", i, &len, NULL);
        memcpy(flight + n, rec, len);
        n += len;
    }
    assert_int_equal(feed(&c, flight, n), TLS_STATUS_HANDSHAKE_DONE);
    const uint8_t *rec = val(&c, SERVER_HS, "complete record", 2, &len, NULL);
    uint8_t buf[512];
    const uint8_t *data;
    size_t data_len;
    memcpy(buf, rec, len);
    assert_int_equal(tls_client_open(c.client, buf, len, &used, &data, &data_len, &c.w),
                     TLS_STATUS_TICKET);
    const struct tls_ticket *t = tls_client_ticket(c.client);
    assert_non_null(t);
    *ticket = *t;
    conn_free(&c);
    /* RFC 8448 §3 line 764: lifetime 30 s, ticket_age_add 0xfad6aac5, max_early_data_size 1024. */
    assert_int_equal(ticket->ticket_lifetime, 30);
    assert_int_equal(ticket->ticket_age_add, 0xfad6aac5u);
    assert_int_equal(ticket->max_early_data_size, 1024);
    assert_int_equal(ticket->cipher_suite, 0x1301);
    assert_string_equal(ticket->server_name, "server");
}

/* A §4 connection with the template ClientHello, the §3 ticket, and the RFC's 0-RTT payload. */
static void section4_conn(struct conn *c, struct tls_ticket *ticket)
{
    ticket_from_section3(ticket);
    conn_init(c, S4);
    size_t len;
    /* The whole ClientHello as sent (line 972): its binder is ignored (the client computes one). */
    c->hooks.client_hello[0] = val(c, SEND_HS, "payload", 0, &len, NULL);
    c->hooks.client_hello_len[0] = len;
    c->hooks.client_hello_is_template = true;
    c->config.ticket = ticket;
    c->config.now_ms = TICKET_RECEIVED_AT + RFC8448_TICKET_AGE_MS;
    c->config.early_data = val(c, "{client}  send application_data record", "payload", 0, &len, NULL);
    c->config.early_data_len = len;
}

/* Asserts out holds exactly want, then empties it. */
static void expect_out(struct conn *c, const uint8_t *want, size_t want_len, const char *what)
{
    assert_bytes_equal(c->out, c->w.len, want, want_len, what);
    c->w.len = 0;
}

/* Expects the next records in out to be these RFC records, in order. */
static void expect_records(struct conn *c, const char *const *steps, const int *occurrences, size_t n)
{
    size_t pos = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len;
        const char *src;
        const uint8_t *want = val(c, steps[i], "complete record", occurrences[i], &len, &src);
        assert_true(pos + len <= c->w.len);
        assert_bytes_equal(c->out + pos, len, want, len, src);
        pos += len;
    }
    assert_int_equal(pos, c->w.len);
    c->w.len = 0;
}

/* The server's ServerHello record and encrypted flight (§4 lines 1224, 1303). */
static size_t section4_server_flight(struct conn *c, uint8_t *buf)
{
    size_t n = 0, len;
    for (int i = 0; i < 2; i++) {
        const uint8_t *rec = val(c, SERVER_HS, "complete record", i, &len, NULL);
        memcpy(buf + n, rec, len);
        n += len;
    }
    return n;
}

/* ---- RFC 8448 §4: resumed 0-RTT handshake, byte for byte ----------------------------------- */

static void section4_resumed_0rtt(void **state)
{
    (void)state;
    struct conn c;
    struct tls_ticket ticket;
    section4_conn(&c, &ticket);
    conn_start(&c);
    size_t len, used;
    const char *src;
    const uint8_t *want;

    /* First call: ClientHello (with OUR binder over Truncate(ClientHello), line 967) and the
     * 0-RTT application data record under the early key (line 1089), in one output. */
    assert_int_equal(tls_client_handshake(c.client, NULL, 0, &used, &c.w), TLS_STATUS_CONTINUE);
    const char *steps1[] = {SEND_HS, "{client}  send application_data record"};
    const int occ1[] = {0, 0};
    expect_records(&c, steps1, occ1, 2);
    assert_true(tls_client_info(c.client)->early_data_offered);

    /* The keylog / --explain secrets of the Early Secret (lines 1045, 1060). */
    const uint8_t *got = seen(&c.secrets, "CLIENT_EARLY_TRAFFIC_SECRET", &len);
    want = val(&c, "derive secret \"tls13 c e traffic\"", "expanded", 0, &len, &src);
    assert_bytes_equal(got, 32, want, len, src);
    got = seen(&c.secrets, "EARLY_EXPORTER_SECRET", &len);
    want = val(&c, "derive secret \"tls13 e exp master\"", "expanded", 0, &len, &src);
    assert_bytes_equal(got, 32, want, len, src);

    /* ServerHello (pre_shared_key, selected_identity 0) + EE (early_data) and Finished: the
     * client answers EndOfEarlyData under the early key (line 1437), then Finished under the
     * handshake key (line 1493). No Certificate/CertificateVerify in a PSK handshake. */
    uint8_t flight[512];
    size_t n = section4_server_flight(&c, flight);
    assert_int_equal(feed(&c, flight, n), TLS_STATUS_HANDSHAKE_DONE);
    const char *steps2[] = {SEND_HS, SEND_HS};
    const int occ2[] = {1, 2};
    expect_records(&c, steps2, occ2, 2);
    const struct tls_session_info *info = tls_client_info(c.client);
    assert_true(info->resumed);
    assert_true(info->early_data_accepted);
    assert_int_equal(info->signature_scheme, 0);
    assert_int_equal(info->cipher_suite, 0x1301);
    got = seen(&c.secrets, "CLIENT_TRAFFIC_SECRET_0", &len);
    want = val(&c, "derive secret \"tls13 c ap traffic\"", "expanded", 0, &len, &src);
    assert_bytes_equal(got, 32, want, len, src);

    /* Application data both ways, then close_notify both ways (lines 1550, 1561, 1579, 1586). */
    want = val(&c, "{client}  send application_data record", "payload", 1, &len, NULL);
    assert_int_equal(tls_client_seal(c.client, want, len, &c.w), TLS_OK);
    want = val(&c, "{client}  send application_data record", "complete record", 1, &len, &src);
    expect_out(&c, want, len, src);
    uint8_t rec[128];
    const uint8_t *data;
    size_t data_len;
    want = val(&c, "{server}  send application_data record", "complete record", 0, &len, NULL);
    memcpy(rec, want, len);
    assert_int_equal(tls_client_open(c.client, rec, len, &used, &data, &data_len, &c.w),
                     TLS_STATUS_APP_DATA);
    want = val(&c, "{server}  send application_data record", "payload", 0, &len, &src);
    assert_bytes_equal(data, data_len, want, len, src);
    assert_int_equal(tls_client_close(c.client, &c.w), TLS_OK);
    want = val(&c, "{client}  send alert record", "complete record", 0, &len, &src);
    expect_out(&c, want, len, src);
    conn_free(&c);
}

/* The same connection with the server flight fed one byte at a time: identical output. */
static void section4_byte_at_a_time(void **state)
{
    (void)state;
    struct conn c;
    struct tls_ticket ticket;
    section4_conn(&c, &ticket);
    conn_start(&c);
    size_t used;
    assert_int_equal(tls_client_handshake(c.client, NULL, 0, &used, &c.w), TLS_STATUS_CONTINUE);
    c.w.len = 0;
    uint8_t flight[512], pending[512];
    size_t n = section4_server_flight(&c, flight), have = 0;
    enum tls_status st = TLS_STATUS_NEED_MORE;
    for (size_t pos = 0; pos < n; pos++) {
        pending[have++] = flight[pos];
        st = tls_client_handshake(c.client, pending, have, &used, &c.w);
        memmove(pending, pending + used, have - used);
        have -= used;
        if (st != TLS_STATUS_NEED_MORE) {
            break;
        }
    }
    assert_int_equal(st, TLS_STATUS_HANDSHAKE_DONE);
    assert_int_equal(have, 0);
    const char *steps[] = {SEND_HS, SEND_HS};
    const int occ[] = {1, 2};
    expect_records(&c, steps, occ, 2);
    conn_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(section4_resumed_0rtt),
        cmocka_unit_test(section4_byte_at_a_time),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
