/*
 * client_psk_conn.c — test support for test_client_psk.c (see client_psk_conn.h).
 */
#include "support/client_psk_conn.h"

#include "support/testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/hash.h"
#include "crypto/key_schedule.h"
#include "crypto/suite.h"
#include "handshake/client_hello.h"
#include "handshake/server_hello.h"

static void psk_on_secret(void *ctx, enum tls_secret_id id, unsigned generation,
                          const uint8_t *client_random, const uint8_t *secret, size_t secret_len,
                          const uint8_t *transcript_hash, size_t hash_len)
{
    (void)generation;
    (void)client_random;
    const struct tls_secret_info *info = tls_secret_info(id);
    const char *name = info->name;
    const char *nss_label = info->nss_label;
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
    c->observer.ctx = &c->secrets;
    c->observer.secret = psk_on_secret;
    c->config.observer = &c->observer;
    c->client = malloc(tls_client_size());
    tls_writer_init(&c->w, c->out, sizeof(c->out));
}

void psk_conn_start(struct psk_conn *c)
{
    assert_int_equal(tls_client_init_replay(c->client, &c->config, &c->hooks, c->now_ms), TLS_OK);
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
    enum tls_status st = tls_client_handshake(c->client, buf, len, &used, &c->w, c->now_ms);
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
    c.now_ms = PSK_TICKET_RECEIVED_AT - 250;
    psk_conn_start(&c);
    assert_int_equal(tls_client_handshake(c.client, NULL, 0, &used, &c.w, c.now_ms), TLS_STATUS_CONTINUE);
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
    c.now_ms = PSK_TICKET_RECEIVED_AT;
    assert_int_equal(tls_client_open(c.client, buf, len, &used, &data, &data_len, &c.w, c.now_ms),
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
    c->now_ms = PSK_RFC8448_SEND_AT;
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
    assert_int_equal(tls_traffic_keys_derive(tls_cipher_suite_find(suite), traffic_secret, &keys, NULL), TLS_OK);
    tls_record_direction_install_keys(d, &keys, NULL);
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
    assert_int_equal(tls_hash_init(&h, TLS_HASH_SHA256, NULL), TLS_OK);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(tls_hash_update(&h, parts[i], lens[i], NULL), TLS_OK);
    }
    assert_int_equal(tls_hash_peek(&h, out, NULL), TLS_OK);
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

/* The binder the client must have written into a whole ClientHello msg (§4.2.11.2), over
 * prefix || Truncate(msg), recomputed here from the ticket's PSK independently of client_psk.c. */
void psk_expect_binder(const struct tls_ticket *t, const uint8_t *prefix, size_t prefix_len,
                       const uint8_t *msg, size_t len, const char *what)
{
    struct tls_error err = {0};
    struct tls_key_schedule ks;
    size_t truncated;
    uint8_t empty[32], binder_key[32], hash[32], binder[32];
    assert_int_equal(tls_client_hello_truncated_len(msg, len, &truncated, &err), TLS_OK);
    assert_int_equal(tls_ks_early(&ks, TLS_HASH_SHA256, t->psk, t->psk_len, NULL), TLS_OK);
    assert_int_equal(tls_hash(TLS_HASH_SHA256, NULL, 0, empty, NULL), TLS_OK);
    assert_int_equal(tls_ks_derive(&ks, TLS_SECRET_binder_key_res, empty, binder_key, NULL), TLS_OK);
    const uint8_t *parts[2] = {prefix, msg};
    size_t lens[2] = {prefix_len, truncated};
    psk_sha256_of(parts + (prefix_len == 0), lens + (prefix_len == 0), prefix_len == 0 ? 1 : 2, hash);
    assert_int_equal(tls_finished_verify_data(TLS_HASH_SHA256, binder_key, hash, binder, NULL), TLS_OK);
    /* binders<33..2^16-1> = 00 21 | 20 | binder: the last 32 bytes of the message. */
    assert_int_equal(len - truncated, 35);
    assert_bytes_equal(msg + len - 32, 32, binder, 32, what);
    tls_ks_wipe(&ks);
}

/* Feeds the edited ServerHello; expects FATAL, the alert, and a dead connection afterwards. */
void psk_expect_rejected(struct psk_conn *c, const struct psk_sh_edit *e,
                         enum tls_alert_description alert, const char *reason_part)
{
    size_t len, used;
    const uint8_t *sh = psk_val(c, "{server}  construct a ServerHello", "ServerHello", 0, &len, NULL);
    uint8_t rec[600];
    size_t n = psk_edited_server_hello(sh, len, e, rec);
    assert_int_equal(tls_client_handshake(c->client, NULL, 0, &used, &c->w, c->now_ms), TLS_STATUS_CONTINUE);
    c->w.len = 0;
    assert_int_equal(psk_feed(c, rec, n), TLS_STATUS_FATAL);
    assert_int_equal(tls_client_error(c->client)->code, TLS_E_ALERT(alert));
    /* For the reason the row names, not another one. */
    if (strstr(tls_client_error(c->client)->reason, reason_part) == NULL) {
        fail_msg("refused for \"%s\", expected a reason containing \"%s\"",
                 tls_client_error(c->client)->reason, reason_part);
    }
    assert_int_equal(tls_client_state(c->client), TLS_CLIENT_FAILED);
    /* §6: later input gives nothing more. */
    size_t before = c->w.len;
    assert_int_equal(psk_feed(c, rec, n), TLS_STATUS_FATAL);
    assert_int_equal(c->w.len, before);
}

/* A §4 connection without early data (so alerts are in plaintext: no key installed yet). */
void psk_section4_conn_no_early(struct psk_conn *c, struct tls_ticket *ticket)
{
    psk_section4_conn(c, ticket);
    c->config.early_data = NULL;
    c->config.early_data_len = 0;
    psk_conn_start(c);
}

void psk_expect_plain_alert(struct psk_conn *c, uint8_t description, const char *what)
{
    const uint8_t want[7] = {21, 3, 3, 0, 2, 2, description};
    assert_bytes_equal(c->out, c->w.len, want, 7, what);
}

/*
 * Plays a server that answers RFC 8448 §4's ClientHello (with 0-RTT) with an edited ServerHello
 * and then RFC 8448's EncryptedExtensions, which accepts early data, protected with the
 * server_handshake_traffic_secret that follows from that ServerHello: Early Secret from the PSK
 * (or none), Handshake Secret from §4's (EC)DHE secret (line 1147). Expects illegal_parameter.
 */
void psk_expect_early_data_acceptance_refused(const struct psk_sh_edit *e, bool psk_accepted)
{
    struct psk_conn c;
    struct tls_ticket ticket;
    psk_section4_conn(&c, &ticket);
    psk_conn_start(&c);
    size_t len, used, ch_len;
    assert_int_equal(tls_client_handshake(c.client, NULL, 0, &used, &c.w, c.now_ms), TLS_STATUS_CONTINUE);
    c.w.len = 0;
    const uint8_t *ch = psk_val(&c, PSK_SEND_HS, "payload", 0, &ch_len, NULL);
    const uint8_t *sh = psk_val(&c, "{server}  construct a ServerHello", "ServerHello", 0, &len, NULL);
    const uint8_t *ecdhe = psk_val(&c, "{server}  extract secret \"handshake\"", "IKM", 0, &len, NULL);
    uint8_t records[1024];
    size_t n = psk_edited_server_hello(sh, 96, e, records);

    uint8_t hash[32], secret[32];
    const uint8_t *parts[2] = {ch, records + 5};
    size_t lens[2] = {ch_len, n - 5};
    psk_sha256_of(parts, lens, 2, hash);
    struct tls_key_schedule ks;
    assert_int_equal(tls_ks_early(&ks, TLS_HASH_SHA256, psk_accepted ? ticket.psk : NULL,
                                  psk_accepted ? ticket.psk_len : 0, NULL), TLS_OK);
    assert_int_equal(tls_ks_handshake(&ks, ecdhe, len, NULL), TLS_OK);
    assert_int_equal(tls_ks_derive(&ks, TLS_SECRET_server_handshake_traffic_secret, hash, secret, NULL), TLS_OK);
    tls_ks_wipe(&ks);

    const uint8_t *ee = psk_val(&c, "{server}  construct an EncryptedExtensions", "EncryptedExtensions", 0, &len, NULL);
    struct tls_record_direction server;
    struct tls_writer w;
    struct tls_error err = {0};
    psk_direction_for(&server, e->cipher_suite != 0 ? e->cipher_suite : 0x1301, secret);
    tls_writer_init(&w, records + n, sizeof(records) - n);
    assert_int_equal(tls_record_write(&server, 22, ee, len, 0, &w, &err), TLS_OK);
    assert_int_equal(psk_feed(&c, records, n + w.len), TLS_STATUS_FATAL);
    assert_int_equal(tls_client_error(c.client)->code, TLS_E_ALERT(TLS_ALERT_illegal_parameter));
    /* Refused at EncryptedExtensions, for the early data (not earlier, for the ServerHello). */
    assert_non_null(strstr(tls_client_error(c.client)->reason, "§4.2.10"));
    assert_false(tls_client_info(c.client)->early_data_accepted);
    tls_record_direction_wipe(&server);
    psk_conn_free(&c);
}
