/*
 * test_client_replay.c — the whole client replayed against RFC 8448's recorded servers.
 *
 * With the RFC's ClientHello and client key share injected (struct tls_client_replay), feeding
 * the server's records exactly as the RFC sent them must make the client produce the RFC's own
 * records byte for byte: its Finished (§3, §5 HelloRetryRequest, §7 compatibility mode), and in §3
 * also its application data and close_notify, while it accepts the server's NewSessionTicket,
 * application data and close_notify.
 *
 * Fragmentation: the server flight delivered in one call, one byte per call, and split at every
 * position must give identical output.
 *
 * API misuse (sealing, updating keys or opening records before the handshake completed, sealing
 * after our close_notify) is refused with its own result, sends nothing and changes nothing: the
 * RFC's next server flight still gives the RFC's client Finished. A protocol failure stays fatal.
 * A crypto failure (the random source) reaches tls_client_error() with its own reason.
 */
#include "support/testutil.h"

#include <stdlib.h>
#include <string.h>

#include "handshake/client.h"
#include "handshake/client_replay.h"
#include "support/rfc8448.h"

#define OUT_CAP 8192

struct replay {
    struct rfc8448 *v;
    struct tls_client_replay hooks;
    struct tls_client_config config;
    struct tls_client *client;
    uint8_t out[OUT_CAP];
    struct tls_writer w;
};

static const char CLIENT_HELLO_STEP[] = "{client}  construct a ClientHello handshake message";

static void replay_setup(struct replay *r, const char *file, const char *key_pair_step2)
{
    memset(r, 0, sizeof(*r));
    r->v = rfc8448_load(file);
    size_t len;
    r->hooks.client_hello[0] = rfc8448_value(r->v, CLIENT_HELLO_STEP, "ClientHello", 0, &len);
    r->hooks.client_hello_len[0] = len;
    r->hooks.key_share_private[0] = rfc8448_value(r->v, "{client}  create an ephemeral x25519 key pair",
                                                  "private key", 0, &len);
    r->hooks.key_share_private_len[0] = len;
    if (key_pair_step2 != NULL) {
        r->hooks.client_hello[1] = rfc8448_value(r->v, CLIENT_HELLO_STEP, "ClientHello", 1, &len);
        r->hooks.client_hello_len[1] = len;
        r->hooks.key_share_private[1] = rfc8448_value(r->v, key_pair_step2, "private key", 0, &len);
        r->hooks.key_share_private_len[1] = len;
    }
    /* RFC 8448's server certificate is self-signed for "server": no chain to check against, so
     * the chain check is skipped; CertificateVerify and Finished are still verified. */
    r->config.insecure = true;
    r->client = malloc(tls_client_size());
    assert_int_equal(tls_client_init_replay(r->client, &r->config, &r->hooks, 0), TLS_OK);
    tls_writer_init(&r->w, r->out, sizeof(r->out));
}

static void replay_teardown(struct replay *r)
{
    tls_client_wipe(r->client);
    free(r->client);
    rfc8448_free(r->v);
}

/* Asserts that out holds exactly the RFC's record(s) named, concatenated. */
static void expect_output(struct replay *r, const char *what, const uint8_t *want, size_t want_len)
{
    assert_bytes_equal(r->out, r->w.len, want, want_len, what);
    r->w.len = 0;
}

static const uint8_t *value(struct replay *r, const char *step, const char *label, int occurrence,
                            size_t *len, const char **source)
{
    const struct rfc8448_entry *e = rfc8448_find(r->v, step, label, occurrence);
    *len = e->len;
    if (source != NULL) {
        *source = rfc8448_source(r->v, e);
    }
    return e->bytes;
}

/*
 * Feeds stream to the handshake in chunks of `chunk` bytes (0 = all at once), keeping unconsumed
 * bytes like a caller would. Returns the final status; *fed set to the bytes consumed.
 */
static enum tls_status feed_handshake(struct replay *r, const uint8_t *stream, size_t len,
                                      size_t chunk, size_t split)
{
    static uint8_t pending[65536];
    size_t have = 0, pos = 0;
    enum tls_status status = TLS_STATUS_NEED_MORE;
    while (pos < len || have > 0) {
        size_t take = len - pos;
        if (chunk > 0 && take > chunk) {
            take = chunk;
        }
        if (split > 0 && pos < split && pos + take > split) {
            take = split - pos;
        }
        memcpy(pending + have, stream + pos, take);
        have += take;
        pos += take;
        size_t used = 0;
        status = tls_client_handshake(r->client, pending, have, &used, &r->w, 0);
        memmove(pending, pending + used, have - used);
        have -= used;
        if (status != TLS_STATUS_NEED_MORE && status != TLS_STATUS_CONTINUE) {
            assert_int_equal(have, 0);
            break;
        }
        if (take == 0 && used == 0) {
            break;
        }
    }
    return status;
}

/* ---- RFC 8448 §3: a simple 1-RTT handshake, then data, a ticket and closure ------------------- */

static void section3_whole_connection(void **state)
{
    (void)state;
    struct replay r;
    replay_setup(&r, "rfc8448-3-simple-1-rtt-handshake.json", NULL);
    size_t len, used;
    const char *src;
    const uint8_t *want;

    /* ClientHello: the first call, with no input. */
    assert_int_equal(tls_client_handshake(r.client, NULL, 0, &used, &r.w, 0), TLS_STATUS_CONTINUE);
    want = value(&r, "{client}  send handshake record", "complete record", 0, &len, &src);
    expect_output(&r, src, want, len);

    /* The server's two records: ServerHello, then EE..Finished in one protected record. */
    uint8_t flight[1024];
    size_t n = 0;
    want = value(&r, "{server}  send handshake record", "complete record", 0, &len, NULL);
    memcpy(flight + n, want, len);
    n += len;
    want = value(&r, "{server}  send handshake record", "complete record", 1, &len, NULL);
    memcpy(flight + n, want, len);
    n += len;
    assert_int_equal(feed_handshake(&r, flight, n, 0, 0), TLS_STATUS_HANDSHAKE_DONE);
    want = value(&r, "{client}  send handshake record", "complete record", 1, &len, &src);
    expect_output(&r, src, want, len);
    assert_int_equal(tls_client_state(r.client), TLS_CLIENT_CONNECTED);
    assert_int_equal(tls_client_info(r.client)->cipher_suite, 0x1301);
    assert_int_equal(tls_client_info(r.client)->group, 0x001d);
    assert_int_equal(tls_client_info(r.client)->signature_scheme, 0x0804);

    /* NewSessionTicket: an event, not an error; its PSK is the one §4 resumes with. */
    uint8_t rec[512];
    const uint8_t *data;
    size_t data_len;
    want = value(&r, "{server}  send handshake record", "complete record", 2, &len, NULL);
    memcpy(rec, want, len);
    assert_int_equal(tls_client_open(r.client, rec, len, &used, &data, &data_len, &r.w, 0),
                     TLS_STATUS_TICKET);
    assert_int_equal(used, len);
    const struct tls_ticket *ticket = tls_client_ticket(r.client);
    assert_non_null(ticket);
    assert_int_equal(ticket->ticket_lifetime, 30);
    struct rfc8448 *s4 = rfc8448_load("rfc8448-4-resumed-0-rtt-handshake.json");
    /* §4 resumes with this ticket: its Early Secret = HKDF-Extract(0, PSK), so the IKM there is
     * the PSK derived from §3's resumption_master_secret and ticket_nonce. */
    const struct rfc8448_entry *ikm = rfc8448_find(s4, "extract secret \"early\"", "IKM", 0);
    assert_bytes_equal(ticket->psk, ticket->psk_len, ikm->bytes, ikm->len, rfc8448_source(s4, ikm));
    rfc8448_free(s4);

    /* Application data, both ways. */
    const uint8_t *payload = value(&r, "{client}  send application_data record", "payload", 0, &len, NULL);
    assert_int_equal(tls_client_seal(r.client, payload, len, &r.w, NULL), TLS_OK);
    want = value(&r, "{client}  send application_data record", "complete record", 0, &len, &src);
    expect_output(&r, src, want, len);

    want = value(&r, "{server}  send application_data record", "complete record", 0, &len, NULL);
    memcpy(rec, want, len);
    assert_int_equal(tls_client_open(r.client, rec, len, &used, &data, &data_len, &r.w, 0),
                     TLS_STATUS_APP_DATA);
    payload = value(&r, "{server}  send application_data record", "payload", 0, &len, &src);
    assert_bytes_equal(data, data_len, payload, len, src);

    /* close_notify, both ways (§6.1). */
    assert_int_equal(tls_client_close(r.client, &r.w), TLS_OK);
    want = value(&r, "{client}  send alert record", "complete record", 0, &len, &src);
    expect_output(&r, src, want, len);
    want = value(&r, "{server}  send alert record", "complete record", 0, &len, NULL);
    memcpy(rec, want, len);
    assert_int_equal(tls_client_open(r.client, rec, len, &used, &data, &data_len, &r.w, 0),
                     TLS_STATUS_CLOSED);
    replay_teardown(&r);
}

/* Builds §3's server flight (SH record + protected record) into buf; returns its length. */
static size_t section3_flight(struct replay *r, uint8_t *buf)
{
    size_t n = 0, len;
    for (int i = 0; i < 2; i++) {
        const uint8_t *rec = value(r, "{server}  send handshake record", "complete record", i, &len, NULL);
        memcpy(buf + n, rec, len);
        n += len;
    }
    return n;
}

static void section3_fragmented_flight(void **state)
{
    (void)state;
    uint8_t flight[1024];
    size_t n;
    size_t used;
    /* chunk 1: one byte per call; then every split position of the whole flight. */
    for (size_t split = 0; split <= 774; split += test_stride()) {
        struct replay r;
        replay_setup(&r, "rfc8448-3-simple-1-rtt-handshake.json", NULL);
        n = section3_flight(&r, flight);
        assert_int_equal(n, 95 + 679);
        assert_int_equal(tls_client_handshake(r.client, NULL, 0, &used, &r.w, 0), TLS_STATUS_CONTINUE);
        r.w.len = 0;
        enum tls_status st = split == 0 ? feed_handshake(&r, flight, n, 1, 0)
                                        : feed_handshake(&r, flight, n, 0, split);
        assert_int_equal(st, TLS_STATUS_HANDSHAKE_DONE);
        size_t len;
        const char *src;
        const uint8_t *want = value(&r, "{client}  send handshake record", "complete record", 1, &len, &src);
        expect_output(&r, src, want, len);
        replay_teardown(&r);
    }
}

/* ---- RFC 8448 §5: HelloRetryRequest ---------------------------------------------------------- */

static void section5_hello_retry_request(void **state)
{
    (void)state;
    struct replay r;
    replay_setup(&r, "rfc8448-5-helloretryrequest.json", "{client}  create an ephemeral P-256 key pair");
    size_t len, used;
    const char *src;
    const uint8_t *want;
    uint8_t buf[2048];

    assert_int_equal(tls_client_handshake(r.client, NULL, 0, &used, &r.w, 0), TLS_STATUS_CONTINUE);
    want = value(&r, "{client}  send handshake record", "complete record", 0, &len, &src);
    expect_output(&r, src, want, len);

    /* HelloRetryRequest -> ClientHello2 (the RFC's bytes, sent as the RFC's record). */
    want = value(&r, "{server}  send handshake record", "complete record", 0, &len, NULL);
    memcpy(buf, want, len);
    assert_int_equal(tls_client_handshake(r.client, buf, len, &used, &r.w, 0), TLS_STATUS_CONTINUE);
    assert_int_equal(used, len);
    want = value(&r, "{client}  send handshake record", "complete record", 1, &len, &src);
    expect_output(&r, src, want, len);
    assert_true(tls_client_info(r.client)->hello_retry_request);

    /* ServerHello (P-256) and the encrypted flight -> the RFC's client Finished. */
    size_t n = 0;
    for (int i = 1; i <= 2; i++) {
        want = value(&r, "{server}  send handshake record", "complete record", i, &len, NULL);
        memcpy(buf + n, want, len);
        n += len;
    }
    assert_int_equal(feed_handshake(&r, buf, n, 0, 0), TLS_STATUS_HANDSHAKE_DONE);
    want = value(&r, "{client}  send handshake record", "complete record", 2, &len, &src);
    expect_output(&r, src, want, len);
    assert_int_equal(tls_client_info(r.client)->group, 0x0017);
    replay_teardown(&r);
}

/* ---- RFC 8448 §7: compatibility mode (session id, CCS both ways) ------------------------------ */

static void section7_compatibility_mode(void **state)
{
    (void)state;
    struct replay r;
    replay_setup(&r, "rfc8448-7-compatibility-mode.json", NULL);
    size_t len, used;
    const char *src;
    const uint8_t *want;
    uint8_t buf[2048];

    assert_int_equal(tls_client_handshake(r.client, NULL, 0, &used, &r.w, 0), TLS_STATUS_CONTINUE);
    want = value(&r, "{client}  send handshake record", "complete record", 0, &len, &src);
    expect_output(&r, src, want, len);

    /* ServerHello, the server's compatibility CCS (dropped, §5), the encrypted flight. */
    size_t n = 0;
    const char *steps[3] = {"{server}  send handshake record", "{server}  send change_cipher_spec record",
                            "{server}  send handshake record"};
    int occurrence[3] = {0, 0, 1};
    for (int i = 0; i < 3; i++) {
        want = value(&r, steps[i], "complete record", occurrence[i], &len, NULL);
        memcpy(buf + n, want, len);
        n += len;
    }
    assert_int_equal(feed_handshake(&r, buf, n, 0, 0), TLS_STATUS_HANDSHAKE_DONE);
    /* Our CCS, then our Finished: one flight. */
    uint8_t expected[64 + 6];
    const uint8_t *ccs = value(&r, "{client}  send change_cipher_spec record", "complete record", 0, &len, NULL);
    memcpy(expected, ccs, len);
    size_t m = len;
    want = value(&r, "{client}  send handshake record", "complete record", 1, &len, &src);
    memcpy(expected + m, want, len);
    m += len;
    expect_output(&r, "RFC 8448 §7 lines 3595 and 3630: client CCS + Finished records", expected, m);
    replay_teardown(&r);
}

/* ---- API misuse never poisons a connection (client.h: TLS_E_MISUSE, TLS_STATUS_MISUSE) -------- */

/* Asserts that a misuse result named its rule and left the connection as it was. */
static void expect_misuse_untouched(struct replay *r, const struct tls_error *err,
                                    enum tls_client_state state, const char *rule)
{
    assert_int_equal(err->code, TLS_E_MISUSE);
    assert_non_null(err->reason);
    assert_non_null(strstr(err->reason, rule));
    assert_int_equal(r->w.len, 0);                              /* nothing sent */
    assert_int_equal(tls_client_state(r->client), state);      /* state unchanged */
    assert_int_equal(tls_client_error(r->client)->code, TLS_OK); /* nothing recorded */
}

static void section3_misuse_before_handshake_then_flight(void **state)
{
    (void)state;
    struct replay r;
    replay_setup(&r, "rfc8448-3-simple-1-rtt-handshake.json", NULL);
    size_t len, used;
    const char *src;
    const uint8_t *want;
    assert_int_equal(tls_client_handshake(r.client, NULL, 0, &used, &r.w, 0), TLS_STATUS_CONTINUE);
    r.w.len = 0;

    /* Every post-handshake call made too early is refused as misuse, one after another. */
    const uint8_t data[5] = {'h', 'e', 'l', 'l', 'o'};
    struct tls_error err = {0};
    assert_int_equal(tls_client_seal(r.client, data, sizeof(data), &r.w, &err), TLS_E_MISUSE);
    expect_misuse_untouched(&r, &err, TLS_CLIENT_WAIT_SH, "tls_client_seal called out of order");
    memset(&err, 0, sizeof(err));
    assert_int_equal(tls_client_key_update(r.client, true, &r.w, &err), TLS_E_MISUSE);
    expect_misuse_untouched(&r, &err, TLS_CLIENT_WAIT_SH, "tls_client_key_update called out of order");
    /* err may be NULL: the result alone says misuse. */
    assert_int_equal(tls_client_seal(r.client, data, sizeof(data), &r.w, NULL), TLS_E_MISUSE);

    /* tls_client_open with the server's flight: refused, nothing consumed, so the same bytes
     * can go to tls_client_handshake next. */
    uint8_t flight[1024];
    size_t n = section3_flight(&r, flight);
    const uint8_t *app = (const uint8_t *)"x";
    size_t app_len = 1;
    used = 99;
    assert_int_equal(tls_client_open(r.client, flight, n, &used, &app, &app_len, &r.w, 0),
                     TLS_STATUS_MISUSE);
    assert_int_equal(used, 0);
    assert_null(app);
    assert_int_equal(app_len, 0);
    assert_int_equal(r.w.len, 0);
    assert_int_equal(tls_client_state(r.client), TLS_CLIENT_WAIT_SH);
    assert_int_equal(tls_client_error(r.client)->code, TLS_OK);

    /* The next valid server flight still completes the handshake, byte for byte. */
    assert_int_equal(feed_handshake(&r, flight, n, 0, 0), TLS_STATUS_HANDSHAKE_DONE);
    want = value(&r, "{client}  send handshake record", "complete record", 1, &len, &src);
    expect_output(&r, src, want, len);
    assert_int_equal(tls_client_state(r.client), TLS_CLIENT_CONNECTED);

    /* And application data still goes out exactly as RFC 8448 §3 sent it. */
    const uint8_t *payload = value(&r, "{client}  send application_data record", "payload", 0, &len, NULL);
    memset(&err, 0, sizeof(err));
    assert_int_equal(tls_client_seal(r.client, payload, len, &r.w, &err), TLS_OK);
    assert_int_equal(err.code, TLS_OK);
    want = value(&r, "{client}  send application_data record", "complete record", 0, &len, &src);
    expect_output(&r, src, want, len);

    /* After our close_notify, sealing is misuse too, and reading goes on (§6.1 half-close). */
    assert_int_equal(tls_client_close(r.client, &r.w), TLS_OK);
    want = value(&r, "{client}  send alert record", "complete record", 0, &len, &src);
    expect_output(&r, src, want, len);
    memset(&err, 0, sizeof(err));
    assert_int_equal(tls_client_seal(r.client, payload, 4, &r.w, &err), TLS_E_MISUSE);
    expect_misuse_untouched(&r, &err, TLS_CLIENT_CONNECTED, "tls_client_seal called out of order");
    uint8_t rec[512];
    const uint8_t *got;
    size_t got_len;
    want = value(&r, "{server}  send handshake record", "complete record", 2, &len, NULL);
    memcpy(rec, want, len);
    assert_int_equal(tls_client_open(r.client, rec, len, &used, &got, &got_len, &r.w, 0),
                     TLS_STATUS_TICKET);
    want = value(&r, "{server}  send application_data record", "complete record", 0, &len, NULL);
    memcpy(rec, want, len);
    assert_int_equal(tls_client_open(r.client, rec, len, &used, &got, &got_len, &r.w, 0),
                     TLS_STATUS_APP_DATA);
    payload = value(&r, "{server}  send application_data record", "payload", 0, &len, &src);
    assert_bytes_equal(got, got_len, payload, len, src);
    replay_teardown(&r);
}

/* A protocol failure is still fatal, and a misuse call afterwards reports that failure. */
static void section3_protocol_failure_stays_fatal(void **state)
{
    (void)state;
    struct replay r;
    replay_setup(&r, "rfc8448-3-simple-1-rtt-handshake.json", NULL);
    size_t used;
    assert_int_equal(tls_client_handshake(r.client, NULL, 0, &used, &r.w, 0), TLS_STATUS_CONTINUE);
    r.w.len = 0;
    uint8_t flight[1024];
    size_t n = section3_flight(&r, flight);
    flight[n - 1] ^= 0x01; /* the last byte of the protected record's tag */
    assert_int_equal(tls_client_handshake(r.client, flight, n, &used, &r.w, 0), TLS_STATUS_FATAL);
    const struct tls_error *e = tls_client_error(r.client);
    assert_int_equal(e->code, TLS_E_ALERT(TLS_ALERT_bad_record_mac));
    struct tls_error err = {0};
    const uint8_t data[1] = {0};
    r.w.len = 0;
    assert_int_equal(tls_client_seal(r.client, data, 1, &r.w, &err), e->code);
    assert_int_equal(err.code, e->code);
    assert_string_equal(err.reason, e->reason);
    assert_int_equal(r.w.len, 0);
    replay_teardown(&r);
}

/* ---- one error channel: a crypto failure's own reason reaches the caller ---------------------- */

static int failing_random(void *ctx, uint8_t *out, size_t len)
{
    (void)ctx;
    (void)out;
    (void)len;
    return -1;
}

static void random_failure_names_its_reason(void **state)
{
    (void)state;
    struct tls_client_config config = {0};
    config.insecure = true;
    config.rng.fill = failing_random;
    struct tls_client *c = malloc(tls_client_size());
    assert_non_null(c);
    tls_result rc = tls_client_init(c, &config, 0);
    assert_int_equal(rc, TLS_E_INTERNAL);
    /* rng.c's reason, not a generic "internal error". */
    assert_string_equal(tls_client_error(c)->reason, "RFC 8446 §C.1: random source failed");
    tls_client_wipe(c);
    free(c);
}

/* ---- the observer is told secrets by id (TLS_SECRET_LIST), in the order RFC 8446 §7.1 derives them */

struct seen_secrets {
    enum tls_secret_id ids[32];
    bool with_hash[32];
    size_t count;
};

static void remember_secret(void *ctx, enum tls_secret_id id, unsigned generation,
                            const uint8_t *client_random, const uint8_t *secret, size_t secret_len,
                            const uint8_t *transcript_hash, size_t hash_len)
{
    (void)generation;
    (void)client_random;
    (void)secret;
    (void)secret_len;
    (void)hash_len;
    struct seen_secrets *s = ctx;
    if (s->count < 32) {
        s->with_hash[s->count] = transcript_hash != NULL;
        s->ids[s->count++] = id;
    }
}

static void section3_observer_gets_secret_ids(void **state)
{
    (void)state;
    struct replay r;
    struct seen_secrets seen = {0};
    struct tls_observer obs = {.ctx = &seen, .secret = remember_secret};
    memset(&r, 0, sizeof(r));
    replay_setup(&r, "rfc8448-3-simple-1-rtt-handshake.json", NULL);
    r.config.observer = &obs; /* config is read through its pointer */
    size_t used;
    assert_int_equal(tls_client_handshake(r.client, NULL, 0, &used, &r.w, 0), TLS_STATUS_CONTINUE);
    uint8_t flight[1024];
    size_t n = section3_flight(&r, flight);
    assert_int_equal(feed_handshake(&r, flight, n, 0, 0), TLS_STATUS_HANDSHAKE_DONE);
    size_t len;
    uint8_t rec[512];
    const uint8_t *data;
    size_t data_len;
    const uint8_t *want = value(&r, "{server}  send handshake record", "complete record", 2, &len, NULL);
    memcpy(rec, want, len);
    assert_int_equal(tls_client_open(r.client, rec, len, &used, &data, &data_len, &r.w, 0),
                     TLS_STATUS_TICKET);
    /* RFC 8446 §7.1's order (a full handshake, no PSK), then the ticket's PSK (§4.6.1). */
    static const enum tls_secret_id order[] = {
        TLS_SECRET_early_secret,
        TLS_SECRET_ecdhe_shared_secret,
        TLS_SECRET_handshake_secret,
        TLS_SECRET_client_handshake_traffic_secret,
        TLS_SECRET_server_handshake_traffic_secret,
        TLS_SECRET_master_secret,
        TLS_SECRET_client_application_traffic_secret_0,
        TLS_SECRET_server_application_traffic_secret_0,
        TLS_SECRET_exporter_master_secret,
        TLS_SECRET_resumption_master_secret,
        TLS_SECRET_resumption_psk,
    };
    assert_int_equal(seen.count, sizeof(order) / sizeof(order[0]));
    for (size_t i = 0; i < seen.count; i++) {
        assert_int_equal(seen.ids[i], order[i]);
        /* a Derive-Secret output comes with its transcript hash, nothing else does */
        assert_int_equal(seen.with_hash[i],
                         tls_secret_info(order[i])->kind == TLS_SECRET_KIND_DERIVE);
    }
    replay_teardown(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(section3_whole_connection),
        cmocka_unit_test(section3_fragmented_flight),
        cmocka_unit_test(section5_hello_retry_request),
        cmocka_unit_test(section7_compatibility_mode),
        cmocka_unit_test(section3_misuse_before_handshake_then_flight),
        cmocka_unit_test(section3_protocol_failure_stays_fatal),
        cmocka_unit_test(random_failure_names_its_reason),
        cmocka_unit_test(section3_observer_gets_secret_ids),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
