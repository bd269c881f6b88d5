/*
 * client_psk_conn.c — test support for test_client_psk.c (see client_psk_conn.h).
 */
#include "support/client_psk_conn.h"

#include "support/testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/hash.h"
#include "crypto/suite.h"
#include "handshake/client_hello.h"
#include "handshake/server_hello.h"

static void psk_on_secret(void *ctx, const char *name, const char *nss_label,
                          const uint8_t *client_random, const uint8_t *secret, size_t secret_len,
                          const uint8_t *transcript_hash, size_t hash_len)
{
    (void)client_random;
    (void)transcript_hash;
    (void)hash_len;
    struct psk_secrets *s = ctx;
    if (s->count >= 16 || secret_len > 48) {
        return;
    }
    snprintf(s->names[s->count], sizeof(s->names[0]), "%s", nss_label != NULL ? nss_label : name);
    memcpy(s->values[s->count], secret, secret_len);
    s->lens[s->count] = secret_len;
    s->count++;
}

const uint8_t *psk_seen(const struct psk_secrets *s, const char *name, size_t *len)
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


void psk_conn_init(struct psk_conn *c, const char *file)
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
    c->observer.secret = psk_on_secret;
    c->config.observer = &c->observer;
    c->client = malloc(tls_client_size());
    tls_writer_init(&c->w, c->out, sizeof(c->out));
}

void psk_conn_start(struct psk_conn *c)
{
    assert_int_equal(tls_client_init(c->client, &c->config), TLS_OK);
}

void psk_conn_free(struct psk_conn *c)
{
    tls_client_wipe(c->client);
    free(c->client);
    rfc8448_free(c->v);
}

const uint8_t *psk_val(struct psk_conn *c, const char *step, const char *label, int occurrence,
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
enum tls_status psk_feed(struct psk_conn *c, const uint8_t *bytes, size_t len)
{
    static uint8_t buf[4096];
    size_t used = 0;
    assert_true(len <= sizeof(buf));
    memcpy(buf, bytes, len);
    enum tls_status st = tls_client_handshake(c->client, buf, len, &used, &c->w);
    return st;
}

/* Replays RFC 8448 §3 to its NewSessionTicket; *ticket gets the client's stored ticket. */
void psk_ticket_from_section3(struct tls_ticket *ticket)
{
    struct psk_conn c;
    psk_conn_init(&c, PSK_S3);
    size_t len, used;
    c.hooks.client_hello[0] = rfc8448_value(c.v, PSK_CH_STEP, "ClientHello", 0, &len);
    c.hooks.client_hello_len[0] = len;
    /* The connection starts 250 ms before the ticket arrives; the caller's clock moves on. */
    c.config.now_ms = PSK_TICKET_RECEIVED_AT - 250;
    psk_conn_start(&c);
    assert_int_equal(tls_client_handshake(c.client, NULL, 0, &used, &c.w), TLS_STATUS_CONTINUE);
    uint8_t flight[1024];
    size_t n = 0;
    for (int i = 0; i < 2; i++) {
        const uint8_t *rec = psk_val(&c, PSK_SERVER_HS, "complete record", i, &len, NULL);
        memcpy(flight + n, rec, len);
        n += len;
    }
    assert_int_equal(psk_feed(&c, flight, n), TLS_STATUS_HANDSHAKE_DONE);
    const uint8_t *rec = psk_val(&c, PSK_SERVER_HS, "complete record", 2, &len, NULL);
    uint8_t buf[512];
    const uint8_t *data;
    size_t data_len;
    memcpy(buf, rec, len);
    c.config.now_ms = PSK_TICKET_RECEIVED_AT;
    assert_int_equal(tls_client_open(c.client, buf, len, &used, &data, &data_len, &c.w),
                     TLS_STATUS_TICKET);
    const struct tls_ticket *t = tls_client_ticket(c.client);
    assert_non_null(t);
    *ticket = *t;
    psk_conn_free(&c);
    /* RFC 8448 §3 line 764: lifetime 30 s, ticket_age_add 0xfad6aac5, max_early_data_size 1024. */
    assert_int_equal(ticket->ticket_lifetime, 30);
    assert_int_equal(ticket->ticket_age_add, 0xfad6aac5u);
    assert_int_equal(ticket->max_early_data_size, 1024);
    assert_int_equal(ticket->cipher_suite, 0x1301);
    assert_string_equal(ticket->server_name, "server");
    /* received_at_ms is the clock when the ticket arrived, not when the connection began. */
    assert_true(ticket->received_at_ms == PSK_TICKET_RECEIVED_AT);
}

/* A §4 connection with the template ClientHello, the §3 ticket, and the RFC's 0-RTT payload. */
void psk_section4_conn(struct psk_conn *c, struct tls_ticket *ticket)
{
    psk_ticket_from_section3(ticket);
    psk_conn_init(c, PSK_S4);
    size_t len;
    /* The whole ClientHello as sent (line 972): its binder is ignored (the client computes one). */
    c->hooks.client_hello[0] = psk_val(c, PSK_SEND_HS, "payload", 0, &len, NULL);
    c->hooks.client_hello_len[0] = len;
    c->hooks.client_hello_is_template = true;
    c->config.ticket = ticket;
    c->config.now_ms = PSK_TICKET_RECEIVED_AT + PSK_RFC8448_TICKET_AGE_MS;
    c->config.early_data = psk_val(c, "{client}  send application_data record", "payload", 0, &len, NULL);
    c->config.early_data_len = len;
}

/* Asserts out holds exactly want, then empties it. */
void psk_expect_out(struct psk_conn *c, const uint8_t *want, size_t want_len, const char *what)
{
    assert_bytes_equal(c->out, c->w.len, want, want_len, what);
    c->w.len = 0;
}

/* Expects the next records in out to be these RFC records, in order. */
void psk_expect_records(struct psk_conn *c, const char *const *steps, const int *occurrences, size_t n)
{
    size_t pos = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len;
        const char *src;
        const uint8_t *want = psk_val(c, steps[i], "complete record", occurrences[i], &len, &src);
        assert_true(pos + len <= c->w.len);
        assert_bytes_equal(c->out + pos, len, want, len, src);
        pos += len;
    }
    assert_int_equal(pos, c->w.len);
    c->w.len = 0;
}

/* The server's ServerHello record and encrypted flight (§4 lines 1224, 1303). */
size_t psk_section4_server_flight(struct psk_conn *c, uint8_t *buf)
{
    size_t n = 0, len;
    for (int i = 0; i < 2; i++) {
        const uint8_t *rec = psk_val(c, PSK_SERVER_HS, "complete record", i, &len, NULL);
        memcpy(buf + n, rec, len);
        n += len;
    }
    return n;
}

/* ---- helpers to play a server that differs from RFC 8448 ------------------------------------ */

/* A record direction writing (or reading) with the keys of traffic_secret (§7.3), seq 0. */
void psk_direction_for(struct tls_record_direction *d, uint16_t suite, const uint8_t *traffic_secret)
{
    struct tls_traffic_keys keys;
    tls_record_direction_init(d);
    assert_int_equal(tls_traffic_keys_derive(tls_cipher_suite_find(suite), traffic_secret, &keys), TLS_OK);
    tls_record_direction_install_keys(d, &keys);
}

void psk_direction_with(struct tls_record_direction *d, const uint8_t *traffic_secret)
{
    psk_direction_for(d, 0x1301, traffic_secret);
}

/* Opens the first record of buf[0..len) with d; returns its content length, content in out. */
size_t psk_open_record(struct tls_record_direction *d, const uint8_t *buf, size_t len,
                       uint8_t *type, uint8_t *out, size_t cap, size_t *record_len)
{
    struct tls_record rec;
    struct tls_plaintext pt;
    struct tls_error err = {0};
    size_t need = 0;
    assert_int_equal(tls_record_deframe(buf, len, true, &rec, &need, &err), TLS_OK);
    assert_int_equal(need, 0);
    static uint8_t work[16384 + 256]; /* the largest TLSCiphertext fragment (§5.2) */
    assert_true(rec.length <= sizeof(work));
    memcpy(work, rec.fragment, rec.length);
    assert_int_equal(tls_record_open(d, &rec, work, sizeof(work), &pt, &err), TLS_OK);
    assert_true(pt.length <= cap);
    memcpy(out, pt.content, pt.length);
    *type = pt.type;
    *record_len = rec.total_len;
    return pt.length;
}

/* Hash(parts...) with SHA-256. */
void psk_sha256_of(const uint8_t *const *parts, const size_t *lens, size_t n, uint8_t *out)
{
    struct tls_hash h;
    assert_int_equal(tls_hash_init(&h, TLS_HASH_SHA256), TLS_OK);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(tls_hash_update(&h, parts[i], lens[i]), TLS_OK);
    }
    assert_int_equal(tls_hash_peek(&h, out), TLS_OK);
    tls_hash_wipe(&h);
}

/* Does this ClientHello message carry the extension? */
bool psk_hello_has(const uint8_t *msg, size_t len, uint16_t type)
{
    struct tls_client_hello ch;
    struct tls_error err = {0};
    assert_int_equal(tls_client_hello_parse(msg + 4, len - 4, &ch, &err), TLS_OK);
    return tls_extensions_find(&ch.extensions, type) != NULL;
}

/* The RFC's ServerHello message with edits, as one plaintext record in rec; returns its length. */
size_t psk_edited_server_hello(const uint8_t *msg, size_t len, const struct psk_sh_edit *e, uint8_t *rec)
{
    struct tls_server_hello sh;
    struct tls_error err = {0};
    assert_int_equal(tls_server_hello_parse(msg + 4, len - 4, &sh, &err), TLS_OK);
    struct tls_extension exts[TLS_MAX_EXTENSIONS];
    size_t n = 0;
    static uint8_t identity[2];
    identity[0] = (uint8_t)(e->selected_identity >> 8);
    identity[1] = (uint8_t)e->selected_identity;
    for (size_t i = 0; i < sh.extensions.count; i++) {
        struct tls_extension x = sh.extensions.list[i];
        if ((x.extension_type == 0x0033 && e->drop_key_share) ||
            (x.extension_type == 0x0029 && e->drop_pre_shared_key)) {
            continue;
        }
        if (x.extension_type == 0x0029 && e->selected_identity >= 0) {
            x.extension_data.data = identity;
        }
        exts[n++] = x;
    }
    if (e->add_pre_shared_key) {
        exts[n++] = (struct tls_extension){0x0029, {(const uint8_t *)"\x00\x00", 2}};
    }
    struct tls_server_hello_config cfg = {
        .legacy_version = sh.legacy_version,
        .random = sh.random,
        .legacy_session_id_echo = sh.legacy_session_id_echo,
        .cipher_suite = e->cipher_suite != 0 ? e->cipher_suite : sh.cipher_suite,
        .extensions = exts,
        .extensions_count = n,
    };
    struct tls_writer w;
    tls_writer_init(&w, rec + 5, 512);
    assert_int_equal(tls_server_hello_encode(&w, &cfg, &err), TLS_OK);
    rec[0] = 22, rec[1] = 3, rec[2] = 3, rec[3] = (uint8_t)(w.len >> 8), rec[4] = (uint8_t)w.len;
    return 5 + w.len;
}
