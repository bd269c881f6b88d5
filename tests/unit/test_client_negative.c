/*
 * test_client_negative.c — the client against a malicious server: the table of
 * /work/shared/reference/client-negative-tests.md (IDs REC-, ALR-, CCS-, VER-, SH-, KS-, HRR-, EE-,
 * CR-, CRT-, CV-, FIN-, SM-, PH-, DOS-, PSK-) and its must-accept controls (OK-), continued in
 * tests/negative-tests-extra.md (CRT-08.., SIG-, EXT-, HRR-13, OK-11..).
 *
 * Each row mutates RFC 8448's server (§3, or §5 for HelloRetryRequest rows) through the scripted
 * server of support/negative_server.h and feeds the result to the client core, whose ClientHello
 * and key share are RFC 8448's own (struct tls_client_replay). The rows are in
 * support/negative_rows_*.c; this file runs them and checks, for every negative row, the
 * invariants the reference asks of all of them (one helper, expect_fatal):
 *   1. the call returns TLS_STATUS_FATAL, tls_client_error() has the row's alert (or the peer's),
 *      and a reason naming an RFC section;
 *   2. the output holds exactly one alert record, fatal(2) + description: plaintext before the
 *      handshake keys, protected under client_handshake_traffic_secret after ServerHello, under
 *      client_application_traffic_secret_0 after the handshake (decrypted here to check), nothing
 *      when the server's alert ended the connection;
 *   3. no application data, no completed handshake, no ticket stored;
 *   4. every later call (handshake or open) returns FATAL and appends nothing (§6);
 *   5. no copy of any secret or traffic key of the connection is left in struct tls_client (§6).
 * Must-accept rows complete the handshake and send the client Finished the harness expects.
 */
#include "support/testutil.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/aead.h"
#include "crypto/x509.h"
#include "handshake/client.h"
#include "handshake/client_replay.h"
#include "support/client_psk_conn.h"
#include "support/negative_rows.h"

#define OUT_CAP 24576 /* ClientHello2 with OK-17's 16 KiB cookie */

struct run {
    uint64_t now_ms; /* the clock given to every call of the client */
    const struct neg_row *row;
    struct neg_server *s;
    struct tls_client_replay hooks;
    struct tls_client_config config;
    struct tls_trust *trust;
    struct tls_ticket ticket;
    struct tls_client *client;
    struct neg_msg ch2_template; /* NEG_TEMPLATE: the recorded ClientHello2, kept from the row's edits */
    uint8_t out[OUT_CAP];
    struct tls_writer w;
    char label[160]; /* "SH-02 (legacy_session_id_echo differs)" for failure messages */
};

static void run_setup(struct run *r, const struct neg_row *row)
{
    memset(r, 0, sizeof(*r));
    r->row = row;
    snprintf(r->label, sizeof(r->label), "%s (%s)", row->id, row->what);
    r->s = malloc(sizeof(*r->s));
    assert_non_null(r->s);
    neg_server_init(r->s, row->base);
    size_t len;
    r->hooks.client_hello[0] = r->s->ch[0].b;
    r->hooks.client_hello_len[0] = r->s->ch[0].len;
    r->hooks.key_share_private[0] =
        rfc8448_value(r->s->v, "{client}  create an ephemeral x25519 key pair", "private key", 0, &len);
    r->hooks.key_share_private_len[0] = len;
    if (row->base == NEG_BASE_S5) {
        r->hooks.client_hello[1] = r->s->ch[1].b;
        r->hooks.client_hello_len[1] = r->s->ch[1].len;
        r->hooks.key_share_private[1] =
            rfc8448_value(r->s->v, "{client}  create an ephemeral P-256 key pair", "private key", 0, &len);
        r->hooks.key_share_private_len[1] = len;
    }
    if (row->base == NEG_BASE_S4) {
        /* §4 resumes with §3's ticket. The recorded ClientHello is a template: the client writes
         * pre_shared_key itself (binder included) and, offering no 0-RTT data, drops early_data;
         * the harness takes the ClientHello actually sent for its transcript (below). */
        psk_ticket_from_section3(&r->ticket);
        r->hooks.client_hello_is_template = true;
        r->config.ticket = &r->ticket;
        r->now_ms = PSK_RFC8448_SEND_AT;
        r->config.server_name = "server";
    }
    if (row->flags & NEG_TEMPLATE) {
        /* e.g. the client writes the HRR's cookie: a row may edit s->ch[1] into the
         * ClientHello2 it expects, so the template is a copy of the recorded one */
        r->hooks.client_hello_is_template = true;
        r->ch2_template = r->s->ch[1];
        r->hooks.client_hello[1] = r->ch2_template.b;
    }
    if (row->flags & (NEG_TRUST | NEG_TRUST_AUX | NEG_TRUST_STRICT)) {
        size_t der_len;
        const char *anchor = (row->flags & NEG_TRUST_AUX)      ? "certs/aux-ca.pem"
                             : (row->flags & NEG_TRUST_STRICT) ? "certs/strict-ca.der"
                                                               : "certs/ca.der";
        uint8_t *der = test_read_vector_file(anchor, &der_len);
        assert_int_equal(tls_trust_create(&r->trust, der, der_len, NULL), TLS_OK);
        free(der);
        r->config.trust = r->trust;
        r->config.server_name = (row->flags & NEG_NAME_MISMATCH) ? "other.tls13.test"
                                : (row->flags & NEG_TRUST_STRICT) ? "strict.tls13.test"
                                                                  : "rsa.tls13.test";
    } else {
        /* RFC 8448's certificate is self-signed for "server": no chain to check (as in
         * test_client_replay); CertificateVerify and Finished are still verified. */
        r->config.insecure = true;
    }
    r->client = malloc(tls_client_size());
    assert_non_null(r->client);
    assert_int_equal(tls_client_init_replay(r->client, &r->config, &r->hooks, r->now_ms), TLS_OK);
    tls_writer_init(&r->w, r->out, sizeof(r->out));
    size_t used;
    if (tls_client_handshake(r->client, NULL, 0, &used, &r->w, r->now_ms) != TLS_STATUS_CONTINUE) {
        fail_msg("%s: ClientHello not sent: %s", r->label, tls_client_error(r->client)->reason);
    }
    /* The ClientHello as sent (RFC 8448's own, byte for byte, in the §3 and §5 replays checked by
     * test_client_replay; rebuilt from the template for §4) starts the server's transcript. */
    assert_true(r->w.len > 5 && r->out[0] == 22);
    size_t ch_len = (size_t)(r->out[3] << 8 | r->out[4]);
    assert_true(5 + ch_len <= r->w.len && ch_len <= sizeof(r->s->ch[0].b));
    memcpy(r->s->ch[0].b, r->out + 5, ch_len);
    r->s->ch[0].len = ch_len;
    r->w.len = 0;
}

static void run_teardown(struct run *r)
{
    tls_client_wipe(r->client);
    free(r->client);
    if (r->trust != NULL) {
        tls_trust_free(r->trust);
    }
    neg_server_free(r->s);
    free(r->s);
}

/*
 * Feeds the handshake stream; a CONTINUE (ClientHello2 after a HelloRetryRequest) is "sent" and
 * the rest fed. Returns the last status; *out_start = where the last call's output begins.
 */
static enum tls_status feed_handshake(struct run *r, size_t *out_start)
{
    size_t pos = 0;
    enum tls_status st;
    for (;;) {
        size_t used = 0;
        r->w.len = 0;
        *out_start = 0;
        st = tls_client_handshake(r->client, r->s->stream + pos, r->s->stream_len - pos, &used, &r->w, r->now_ms);
        pos += used;
        if (st != TLS_STATUS_CONTINUE || pos == r->s->stream_len) {
            break;
        }
    }
    if (st != TLS_STATUS_FATAL) {
        /* Nothing may be left unread except after a completed handshake. */
        assert_int_equal(pos, r->s->stream_len);
    }
    return st;
}

/* Feeds s->post after the handshake; KeyUpdates are accepted on the way, data never. */
static enum tls_status feed_post(struct run *r, size_t *out_start)
{
    size_t pos = 0;
    enum tls_status st = TLS_STATUS_NEED_MORE;
    while (pos < r->s->post_len) {
        size_t used = 0;
        const uint8_t *data;
        size_t data_len;
        *out_start = r->w.len;
        st = tls_client_open(r->client, r->s->post + pos, r->s->post_len - pos, &used, &data,
                             &data_len, &r->w, r->now_ms);
        pos += used;
        if (st == TLS_STATUS_APP_DATA || st == TLS_STATUS_TICKET) {
            fail_msg("%s: the client released %s", r->label, tls_status_name(st));
        }
        if (st != TLS_STATUS_KEY_UPDATE && st != TLS_STATUS_NEED_MORE) {
            break;
        }
        if (used == 0) {
            break;
        }
    }
    return st;
}

/* Decrypts the client's one alert record and checks it says fatal(2), description. */
static void expect_protected_alert(struct run *r, const uint8_t *rec, size_t len,
                                   const struct tls_traffic_keys *keys, const char *key_name)
{
    /* 5-byte header + (2-byte alert + inner type) + 16-byte tag */
    static const uint8_t header[5] = {23, 3, 3, 0, 19};
    assert_bytes_equal(rec, len < 5 ? len : 5, header, sizeof(header), r->label);
    if (len != 24) {
        fail_msg("%s: output is %zu bytes, not one 24-byte protected alert record", r->label, len);
    }
    uint8_t inner[8];
    if (tls_aead_open(keys, 0, rec, 5, rec + 5, 19, inner, NULL) != TLS_OK) {
        fail_msg("%s: the alert does not decrypt under %s (seq 0)", r->label, key_name);
    }
    const uint8_t want[3] = {2, (uint8_t)r->row->alert, 21};
    assert_bytes_equal(inner, 3, want, sizeof(want), r->label);
}

/* True if the bytes of secret (len, not all zero) appear anywhere in the client's memory. */
static bool client_holds(const struct run *r, const uint8_t *secret, size_t len)
{
    static const uint8_t zeros[64] = {0};
    if (memcmp(secret, zeros, len) == 0) {
        return false; /* never derived in this run */
    }
    const uint8_t *mem = (const uint8_t *)r->client;
    size_t size = tls_client_size();
    for (size_t i = 0; i + len <= size; i++) {
        if (memcmp(mem + i, secret, len) == 0) {
            return true;
        }
    }
    return false;
}

/* 5. §6: "MUST forget the secret values and keys established in failed connections": no copy of
 * any secret or key the server side knows is left anywhere in struct tls_client. */
static void expect_forgotten(struct run *r)
{
    struct neg_server *s = r->s;
    size_t len;
    const uint8_t *ecdhe = rfc8448_value(s->v, "{server}  extract secret \"handshake\"", "IKM", 0, &len);
    const struct {
        const char *name;
        const uint8_t *bytes;
        size_t len;
    } secrets[] = {
        {"(EC)DHE shared secret", ecdhe, len},
        {"client_handshake_traffic_secret", s->client_hs_secret, 32},
        {"server_handshake_traffic_secret", s->server_hs_secret, 32},
        {"client handshake write key", s->client_hs.key, 16},
        {"server handshake write key", s->server_hs.key, 16},
        {"server_application_traffic_secret", s->server_app_secret, 32},
        {"client application write key", s->client_app.key, 16},
        {"server application write key", s->server_app.key, 16},
    };
    for (size_t i = 0; i < sizeof(secrets) / sizeof(secrets[0]); i++) {
        if (client_holds(r, secrets[i].bytes, secrets[i].len)) {
            fail_msg("%s: the failed client still holds the %s", r->label, secrets[i].name);
        }
    }
}

/* The shared invariants of every negative row (see the file comment). */
static void expect_fatal(struct run *r, enum tls_status st, size_t out_start)
{
    const struct neg_row *row = r->row;
    if (st != TLS_STATUS_FATAL) {
        fail_msg("%s: status %s, want fatal", r->label, tls_status_name(st));
    }
    /* 1. the alert and a reason that names the RFC rule */
    const struct tls_error *err = tls_client_error(r->client);
    int want = row->expect == NEG_PEER_ALERT ? TLS_E_PEER_ALERT(row->alert) : TLS_E_ALERT(row->alert);
    if (err->code != want) {
        fail_msg("%s: error code 0x%x, want 0x%x (reason: %s)", r->label, (unsigned)err->code,
                 (unsigned)want, err->reason != NULL ? err->reason : "(none)");
    }
    assert_non_null(err->reason);
    if (strstr(err->reason, "§") == NULL) {
        fail_msg("%s: reason names no RFC section: %s", r->label, err->reason);
    }
    /* 2. exactly one alert record, protected as the stage requires */
    const uint8_t *rec = r->out + out_start;
    size_t len = r->w.len - out_start;
    switch (row->expect) {
    case NEG_PLAIN_ALERT: {
        const uint8_t plain[7] = {21, 3, 3, 0, 2, 2, (uint8_t)row->alert};
        assert_bytes_equal(rec, len, plain, sizeof(plain), r->label);
        break;
    }
    case NEG_HS_ALERT:
        expect_protected_alert(r, rec, len, &r->s->client_hs, "client_handshake_traffic_secret");
        break;
    case NEG_APP_ALERT:
        expect_protected_alert(r, rec, len, &r->s->client_app, "client_application_traffic_secret_0");
        break;
    case NEG_PEER_ALERT:
        if (len != 0) {
            fail_msg("%s: %zu bytes sent in answer to the server's alert", r->label, len);
        }
        break;
    default:
        fail_msg("%s: not a negative row", r->label);
    }
    /* 3. terminal state, nothing released or kept */
    assert_int_equal(tls_client_state(r->client), TLS_CLIENT_FAILED);
    assert_null(tls_client_ticket(r->client));
    /* 4. §6: nothing more is received or sent */
    uint8_t more[64];
    memset(more, 0x17, sizeof(more));
    size_t before = r->w.len, used = 99;
    const uint8_t *data = NULL;
    size_t data_len = 0;
    assert_int_equal(tls_client_handshake(r->client, more, sizeof(more), &used, &r->w, r->now_ms), TLS_STATUS_FATAL);
    assert_int_equal(used, 0);
    assert_int_equal(tls_client_open(r->client, more, sizeof(more), &used, &data, &data_len, &r->w, r->now_ms),
                     TLS_STATUS_FATAL);
    assert_null(data);
    assert_int_equal(r->w.len, before);
    expect_forgotten(r);
}

/* Must-accept: the handshake completes and the client sends the Finished the flight calls for. */
static void expect_accept(struct run *r, enum tls_status st, size_t out_start)
{
    if (st != TLS_STATUS_HANDSHAKE_DONE) {
        const struct tls_error *err = tls_client_error(r->client);
        fail_msg("%s: status %s, want handshake_done (reason: %s)", r->label, tls_status_name(st),
                 err->reason != NULL ? err->reason : "(none)");
    }
    /* Each expected message in its own record under client_handshake_traffic_secret, in order. */
    static struct neg_msg want[2];
    size_t count = neg_expected_client_flight(r->s, want);
    const uint8_t *rec = r->out + out_start;
    size_t left = r->w.len - out_start;
    for (size_t i = 0; i < count; i++) {
        uint8_t got[NEG_MSG_CAP];
        size_t len = 5 + want[i].len + 1 + 16;
        if (left < len) {
            fail_msg("%s: client flight too short for message %zu (%zu bytes left)", r->label, i, left);
        }
        assert_int_equal(tls_aead_open(&r->s->client_hs, i, rec, 5, rec + 5, len - 5, got, NULL), TLS_OK);
        want[i].b[want[i].len] = 22; /* TLSInnerPlaintext.type = handshake */
        assert_bytes_equal(got, len - 5 - 16, want[i].b, want[i].len + 1, r->label);
        rec += len;
        left -= len;
    }
    assert_int_equal(left, 0);
    assert_int_equal(tls_client_state(r->client), TLS_CLIENT_CONNECTED);
}

static void run_row(const struct neg_row *row)
{
    struct run r;
    run_setup(&r, row);
    struct neg_server *s = r.s;
    size_t out_start = 0;
    enum tls_status st;
    if (row->flags & NEG_AFTER_HANDSHAKE) {
        neg_frame_default(s);
        neg_derive_application_keys(s);
        st = feed_handshake(&r, &out_start);
        assert_int_equal(st, TLS_STATUS_HANDSHAKE_DONE);
        r.w.len = 0;
        row->mutate(s);
        st = feed_post(&r, &out_start);
    } else {
        row->mutate(s);
        if (s->server_name != NULL) {
            r.config.server_name = s->server_name; /* read through the pointer when checked */
        }
        if (!s->framed) {
            if (s->fix_finished) {
                neg_recompute_finished(s);
            }
            neg_frame_default(s);
        }
        if (!s->keys_ready) {
            neg_derive_handshake_keys(s); /* to read the client's alert */
        }
        st = feed_handshake(&r, &out_start);
    }
    if (row->expect == NEG_ACCEPT) {
        expect_accept(&r, st, out_start);
    } else {
        if (st == TLS_STATUS_HANDSHAKE_DONE && !(row->flags & NEG_AFTER_HANDSHAKE)) {
            fail_msg("%s: the handshake completed", r.label);
        }
        expect_fatal(&r, st, out_start);
    }
    run_teardown(&r);
}

/* One cmocka test per row, named after it, so a failing row names itself and the rest still run. */
static void row_test(void **state)
{
    run_row((const struct neg_row *)*state);
}

/* The harness itself: unmutated, it reproduces RFC 8448 §3's server records byte for byte. */
static void harness_reproduces_rfc8448(void **state)
{
    (void)state;
    struct neg_server *s = malloc(sizeof(*s));
    assert_non_null(s);
    neg_server_init(s, NEG_BASE_S3);
    neg_frame_default(s);
    size_t n = 0, len;
    uint8_t want[1024];
    for (int i = 0; i < 2; i++) {
        const uint8_t *rec = rfc8448_value(s->v, "{server}  send handshake record", "complete record", i, &len);
        memcpy(want + n, rec, len);
        n += len;
    }
    assert_bytes_equal(s->stream, s->stream_len, want, n,
                       "RFC 8448 §3 lines 354 and 490: {server}  send handshake record / complete record");
    const uint8_t *key = rfc8448_value(s->v, "{server}  derive read traffic keys for handshake data",
                                       "key expanded", 0, &len);
    assert_bytes_equal(s->client_hs.key, len, key, len,
                       "RFC 8448 §3 line 606: client handshake write key");
    neg_derive_application_keys(s);
    key = rfc8448_value(s->v, "{server}  derive write traffic keys for application data", "key expanded", 0, &len);
    assert_bytes_equal(s->server_app.key, len, key, len, "RFC 8448 §3 line 592: server application write key");
    key = rfc8448_value(s->v, "{client}  derive write traffic keys for application data", "key expanded", 0, &len);
    assert_bytes_equal(s->client_app.key, len, key, len, "RFC 8448 §3 line 713: client application write key");
    neg_server_free(s);
    free(s);
}

/* Runs the genuine §3 handshake of a row-less run and returns it CONNECTED, with app keys known. */
static void connected(struct run *r, const struct neg_row *row)
{
    run_setup(r, row);
    neg_frame_default(r->s);
    neg_derive_application_keys(r->s);
    size_t out_start;
    assert_int_equal(feed_handshake(r, &out_start), TLS_STATUS_HANDSHAKE_DONE);
    r->w.len = 0;
}

static void no_mutation(struct neg_server *s)
{
    (void)s;
}

static const struct neg_row GENUINE = {"OK", "RFC 8448 §3", NEG_BASE_S3, no_mutation, NEG_ACCEPT, 0, 0};

/* Opens one record of s->post at *pos. */
static enum tls_status open_next(struct run *r, size_t *pos, const uint8_t **data, size_t *data_len)
{
    size_t used = 0;
    enum tls_status st = tls_client_open(r->client, r->s->post + *pos, r->s->post_len - *pos, &used,
                                         data, data_len, &r->w, r->now_ms);
    *pos += used;
    return st;
}

/* ALR-06: the stream ends (transport EOF) at every byte of the server flight. The sans-IO core
 * cannot see EOF: it must ask for more, send nothing, release nothing and stay short of
 * CONNECTED; the caller turns EOF in that state into a failed handshake. */
static void alr06_eof_at_every_step(void **state)
{
    (void)state;
    struct run r;
    run_setup(&r, &GENUINE);
    neg_frame_default(r.s);
    static uint8_t prefix[NEG_STREAM_CAP];
    for (size_t cut = 0; cut < r.s->stream_len; cut++) {
        /* A fresh connection each time (same config and replayed ClientHello). */
        size_t used = 0;
        assert_int_equal(tls_client_init_replay(r.client, &r.config, &r.hooks, r.now_ms), TLS_OK);
        assert_int_equal(tls_client_handshake(r.client, NULL, 0, &used, &r.w, r.now_ms), TLS_STATUS_CONTINUE);
        r.w.len = 0;
        memcpy(prefix, r.s->stream, cut);
        enum tls_status st = tls_client_handshake(r.client, prefix, cut, &used, &r.w, r.now_ms);
        if (st != TLS_STATUS_NEED_MORE || r.w.len != 0) {
            fail_msg("ALR-06: flight cut at %zu of %zu: status %s, %zu bytes out", cut,
                     r.s->stream_len, tls_status_name(st), r.w.len);
        }
        assert_true(tls_client_state(r.client) != TLS_CLIENT_CONNECTED);
        tls_client_wipe(r.client);
    }
    run_teardown(&r);
}

/* ALR-04: data after the server's close_notify is ignored (§6.1 "MUST be ignored"). */
static void alr04_data_after_close_notify(void **state)
{
    (void)state;
    static const uint8_t close_notify[2] = {1, 0};
    static const uint8_t data_after[5] = {'l', 'a', 't', 'e', 'r'};
    struct run r;
    connected(&r, &GENUINE);
    neg_post(r.s, 21, close_notify, sizeof(close_notify));
    neg_post(r.s, 23, data_after, sizeof(data_after));
    size_t pos = 0;
    const uint8_t *data;
    size_t data_len;
    assert_int_equal(open_next(&r, &pos, &data, &data_len), TLS_STATUS_CLOSED);
    assert_int_equal(open_next(&r, &pos, &data, &data_len), TLS_STATUS_CLOSED);
    assert_null(data);
    assert_int_equal(pos, r.s->post_len);
    assert_int_equal(r.w.len, 0);
    /* The control for invariant 5: a live connection does hold its write key. */
    assert_true(client_holds(&r, r.s->client_app.key, 16));
    run_teardown(&r);
}

/* OK-06: KeyUpdate(update_requested): the read key moves on, and the client answers with
 * KeyUpdate(update_not_requested) under its current key before any data of its own. */
static void ok06_key_update_requested(void **state)
{
    (void)state;
    static const uint8_t key_update_requested[5] = {24, 0, 0, 1, 1};
    static const uint8_t data_after[5] = {'a', 'f', 't', 'e', 'r'};
    struct run r;
    connected(&r, &GENUINE);
    neg_post(r.s, 22, key_update_requested, sizeof(key_update_requested));
    neg_post_next_generation(r.s);
    neg_post(r.s, 23, data_after, sizeof(data_after));
    size_t pos = 0;
    const uint8_t *data;
    size_t data_len;
    assert_int_equal(open_next(&r, &pos, &data, &data_len), TLS_STATUS_KEY_UPDATE);
    /* The reply: one record under client_application_traffic_secret_0, seq 0. */
    uint8_t inner[8];
    assert_int_equal(r.w.len, 5 + 5 + 1 + 16);
    assert_int_equal(tls_aead_open(&r.s->client_app, 0, r.out, 5, r.out + 5, r.w.len - 5, inner, NULL), TLS_OK);
    static const uint8_t reply[6] = {24, 0, 0, 1, 0, 22};
    assert_bytes_equal(inner, 6, reply, sizeof(reply), "RFC 8446 §4.6.3: KeyUpdate(update_not_requested)");
    assert_int_equal(open_next(&r, &pos, &data, &data_len), TLS_STATUS_APP_DATA);
    assert_bytes_equal(data, data_len, data_after, sizeof(data_after), "data under the next server key");
    run_teardown(&r);
}

/* OK-07: NewSessionTicket with an unknown and a GREASE extension and a lifetime above 7 days is
 * stored with the lifetime capped; one with lifetime 0 is discarded. */
static void ok07_tickets(void **state)
{
    (void)state;
    static const uint8_t nst_long[] = {4, 0, 0, 24, 0x00, 0x09, 0x3a, 0x81, /* 604801 s */
                                       1, 2, 3, 4, 1, 0, 0, 2, 0xaa, 0xbb, 0, 8,
                                       0x77, 0x77, 0, 0, 0x3a, 0x3a, 0, 0};
    static const uint8_t nst_zero[] = {4, 0, 0, 16, 0, 0, 0, 0, 1, 2, 3, 4, 1, 0, 0, 2, 0xcc, 0xdd, 0, 0};
    struct run r;
    connected(&r, &GENUINE);
    neg_post(r.s, 22, nst_long, sizeof(nst_long));
    size_t pos = 0;
    const uint8_t *data;
    size_t data_len;
    assert_int_equal(open_next(&r, &pos, &data, &data_len), TLS_STATUS_TICKET);
    const struct tls_ticket *t = tls_client_ticket(r.client);
    assert_non_null(t);
    assert_int_equal(t->ticket_lifetime, 604800);
    static const uint8_t ticket[2] = {0xaa, 0xbb};
    assert_bytes_equal(t->ticket, t->ticket_len, ticket, 2, "the ticket sent");
    run_teardown(&r);

    connected(&r, &GENUINE);
    neg_post(r.s, 22, nst_zero, sizeof(nst_zero));
    pos = 0;
    assert_int_equal(open_next(&r, &pos, &data, &data_len), TLS_STATUS_TICKET);
    assert_null(tls_client_ticket(r.client));
    run_teardown(&r);
}

static void add_rows(struct CMUnitTest *tests, size_t *n, const struct neg_row *rows, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        static char names[512][96];
        assert_true(*n < 512);
        snprintf(names[*n], sizeof(names[*n]), "%s %s", rows[i].id, rows[i].what);
        tests[*n] = (struct CMUnitTest){names[*n], row_test, NULL, NULL, (void *)&rows[i]};
        (*n)++;
    }
}

int main(void)
{
    static struct CMUnitTest tests[512];
    size_t n = 0;
    tests[n++] = (struct CMUnitTest){"harness_reproduces_rfc8448", harness_reproduces_rfc8448, NULL, NULL, NULL};
    tests[n++] = (struct CMUnitTest){"ALR-04 data after close_notify", alr04_data_after_close_notify, NULL, NULL, NULL};
    tests[n++] = (struct CMUnitTest){"ALR-06 EOF at every byte of the flight", alr06_eof_at_every_step, NULL, NULL, NULL};
    tests[n++] = (struct CMUnitTest){"OK-06 KeyUpdate(update_requested)", ok06_key_update_requested, NULL, NULL, NULL};
    tests[n++] = (struct CMUnitTest){"OK-07 NewSessionTicket extensions and lifetimes", ok07_tickets, NULL, NULL, NULL};
    add_rows(tests, &n, neg_rows_record, neg_rows_record_count);
    add_rows(tests, &n, neg_rows_hello, neg_rows_hello_count);
    add_rows(tests, &n, neg_rows_flight, neg_rows_flight_count);
    add_rows(tests, &n, neg_rows_chain, neg_rows_chain_count);
    add_rows(tests, &n, neg_rows_post, neg_rows_post_count);
    add_rows(tests, &n, neg_rows_psk, neg_rows_psk_count);
    add_rows(tests, &n, neg_rows_strict, neg_rows_strict_count);
    add_rows(tests, &n, neg_rows_accept, neg_rows_accept_count);
    return _cmocka_run_group_tests("client_negative", tests, n, NULL, NULL);
}
