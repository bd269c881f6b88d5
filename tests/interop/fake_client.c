/*
 * fake_client.c — a toy implementation of client.h, to test the socket loop of `tls13 connect`
 * (src/cli/connect_io.c) without the real core.
 *
 * It frames records like RFC 8446 §5.1 (type, 0x0303, uint16 length, fragment) but encrypts
 * nothing. The toy handshake:
 *   client -> handshake(22) "HELLO"      (CONTINUE)
 *   server -> handshake(22) "WELCOME"    (may arrive split across recv() chunks)
 *   client -> handshake(22) "FIN"        (HANDSHAKE_DONE)
 * then application_data(23) records both ways; alert(21) {1, 0} is close_notify; a server
 * handshake(22) "TICKET" gives TICKET, "KEYUPD" gives KEY_UPDATE with a reply "KEYUPD-ACK";
 * alert(21) {2, 40} is a fatal handshake_failure from the server. The client's handshake record
 * "KU" is the client's own KeyUpdate. The observer is told one secret (for the key log file)
 * and every record.
 */
#include <string.h>

#include "common/names.h"
#include "handshake/client.h"

struct tls_client {
    const struct tls_client_config *cfg;
    enum tls_client_state state;
    struct tls_error error;
    struct tls_session_info info;
    struct tls_ticket ticket;
    bool have_ticket;
};

size_t tls_client_size(void)
{
    return sizeof(struct tls_client);
}

tls_result tls_client_init(struct tls_client *c, const struct tls_client_config *config, uint64_t now_ms)
{
    (void)now_ms; /* the toy keeps no tickets to age */
    memset(c, 0, sizeof(*c));
    c->cfg = config;
    c->state = TLS_CLIENT_START;
    c->info.version = TLS_VERSION_1_3;
    c->info.cipher_suite = config->cipher_suites[0];
    c->info.group = config->groups[0];
    c->info.signature_scheme = TLS_SIG_rsa_pss_rsae_sha256;
    memset(c->info.client_random, 0xab, sizeof(c->info.client_random));
    return TLS_OK;
}

static void observe_record(struct tls_client *c, enum tls_direction dir, const uint8_t *rec,
                           size_t len)
{
    const struct tls_observer *o = c->cfg->observer;
    if (o == NULL || o->record == NULL) {
        return;
    }
    struct tls_record_info info = {
        .dir = dir, .outer_type = rec[0], .legacy_version = 0x0303, .length = len - 5,
        .inner_type = rec[0], .content_len = len - 5, .bytes = rec, .bytes_len = len,
    };
    o->record(o->ctx, &info);
}

static void put_record(struct tls_client *c, struct tls_writer *out, uint8_t type,
                       const void *data, size_t len)
{
    size_t start = out->len;
    tls_write_u8(out, type);
    tls_write_u16(out, 0x0303);
    tls_write_u16(out, (uint16_t)len);
    tls_write_bytes(out, data, len);
    if (!out->overflow) {
        observe_record(c, TLS_DIR_CLIENT_TO_SERVER, out->buf + start, out->len - start);
    }
}

/* A whole record at in, or 0 when only part of one is there. */
static size_t whole_record(const uint8_t *in, size_t in_len)
{
    if (in_len < 5) {
        return 0;
    }
    size_t len = 5 + ((size_t)in[3] << 8 | in[4]);
    return len <= in_len ? len : 0;
}

static bool is(const uint8_t *rec, size_t len, uint8_t type, const char *text)
{
    return rec[0] == type && len == 5 + strlen(text) && memcmp(rec + 5, text, len - 5) == 0;
}

static enum tls_status fatal(struct tls_client *c, enum tls_alert_description alert,
                             const char *reason, struct tls_writer *out)
{
    tls_fail(&c->error, alert, reason);
    const uint8_t body[2] = {2, (uint8_t)alert};
    put_record(c, out, TLS_CT_alert, body, sizeof(body));
    c->state = TLS_CLIENT_FAILED;
    return TLS_STATUS_FATAL;
}

enum tls_status tls_client_handshake(struct tls_client *c, uint8_t *in, size_t in_len,
                                     size_t *consumed, struct tls_writer *out, uint64_t now_ms)
{
    (void)now_ms; /* the toy keeps no tickets to age */
    *consumed = 0;
    if (c->state == TLS_CLIENT_START) {
        put_record(c, out, TLS_CT_handshake, "HELLO", 5);
        c->state = TLS_CLIENT_WAIT_SH;
        return TLS_STATUS_CONTINUE;
    }
    size_t len = whole_record(in, in_len);
    if (len == 0) {
        return TLS_STATUS_NEED_MORE;
    }
    *consumed = len;
    observe_record(c, TLS_DIR_SERVER_TO_CLIENT, in, len);
    if (in[0] == TLS_CT_alert && len == 7) {
        c->state = TLS_CLIENT_FAILED;
        tls_fail_code(&c->error, TLS_E_PEER_ALERT(in[6]), "toy: the server sent an alert");
        return TLS_STATUS_FATAL;
    }
    if (!is(in, len, TLS_CT_handshake, "WELCOME")) {
        return fatal(c, TLS_ALERT_unexpected_message, "toy: expected WELCOME", out);
    }
    const struct tls_observer *o = c->cfg->observer;
    if (o != NULL && o->secret != NULL) {
        const uint8_t secret[32] = {0x5e};
        o->secret(o->ctx, TLS_SECRET_client_handshake_traffic_secret, 0, c->info.client_random,
                  secret, sizeof(secret), NULL, 0);
    }
    put_record(c, out, TLS_CT_handshake, "FIN", 3);
    c->state = TLS_CLIENT_CONNECTED;
    return TLS_STATUS_HANDSHAKE_DONE;
}

tls_result tls_client_seal(struct tls_client *c, const uint8_t *data, size_t len,
                           struct tls_writer *out, struct tls_error *err)
{
    put_record(c, out, TLS_CT_application_data, data, len);
    return tls_writer_result(out, err);
}

enum tls_status tls_client_open(struct tls_client *c, uint8_t *in, size_t in_len,
                                size_t *consumed, const uint8_t **data, size_t *data_len,
                                struct tls_writer *out, uint64_t now_ms)
{
    (void)now_ms; /* the toy keeps no tickets to age */
    *consumed = 0;
    *data = NULL;
    *data_len = 0;
    size_t len = whole_record(in, in_len);
    if (len == 0) {
        return TLS_STATUS_NEED_MORE;
    }
    *consumed = len;
    observe_record(c, TLS_DIR_SERVER_TO_CLIENT, in, len);
    if (in[0] == TLS_CT_application_data) {
        *data = in + 5;
        *data_len = len - 5;
        return TLS_STATUS_APP_DATA;
    }
    if (in[0] == TLS_CT_alert && len == 7 && in[5] == 1 && in[6] == 0) {
        /* like the real client: still CONNECTED, the peer's closure is the status */
        return TLS_STATUS_CLOSED;
    }
    if (is(in, len, TLS_CT_handshake, "TICKET")) {
        c->have_ticket = true;
        c->ticket.cipher_suite = c->info.cipher_suite;
        c->ticket.psk_len = 32;
        c->ticket.ticket_len = 6;
        memcpy(c->ticket.ticket, "TICKET", 6);
        return TLS_STATUS_TICKET;
    }
    if (is(in, len, TLS_CT_handshake, "KEYUPD")) {
        put_record(c, out, TLS_CT_handshake, "KEYUPD-ACK", 10);
        return TLS_STATUS_KEY_UPDATE;
    }
    if (in[0] == TLS_CT_alert && len == 7) {
        tls_fail_code(&c->error, TLS_E_PEER_ALERT(in[6]), "toy: the server sent an alert");
        c->state = TLS_CLIENT_FAILED;
        return TLS_STATUS_FATAL;
    }
    return fatal(c, TLS_ALERT_unexpected_message, "toy: unexpected record", out);
}

tls_result tls_client_key_update(struct tls_client *c, bool request_peer_update,
                                 struct tls_writer *out, struct tls_error *err)
{
    (void)request_peer_update;
    put_record(c, out, TLS_CT_handshake, "KU", 2);
    return tls_writer_result(out, err);
}

tls_result tls_client_close(struct tls_client *c, struct tls_writer *out)
{
    const uint8_t body[2] = {1, 0};
    put_record(c, out, TLS_CT_alert, body, sizeof(body));
    return tls_writer_result(out, &c->error);
}

const struct tls_error *tls_client_error(const struct tls_client *c)
{
    return &c->error;
}

enum tls_client_state tls_client_state(const struct tls_client *c)
{
    return c->state;
}

const struct tls_session_info *tls_client_info(const struct tls_client *c)
{
    return &c->info;
}

const struct tls_ticket *tls_client_ticket(const struct tls_client *c)
{
    return c->have_ticket ? &c->ticket : NULL;
}

void tls_client_wipe(struct tls_client *c)
{
    memset(c, 0, sizeof(*c));
}

const char *tls_status_name(enum tls_status status)
{
    (void)status;
    return "toy";
}

const char *tls_client_state_name(enum tls_client_state state)
{
    (void)state;
    return "TOY";
}
