/*
 * client.c — PLACEHOLDER until the state machine lands: every call fails with internal_error.
 * It exists so that the program and its tests can be written against client.h.
 */
#include "handshake/client.h"

#include <string.h>

struct tls_client {
    struct tls_error error;
    struct tls_session_info info;
};

size_t tls_client_size(void)
{
    return sizeof(struct tls_client);
}

static const char not_yet[] = "client state machine not implemented yet";

tls_result tls_client_init(struct tls_client *c, const struct tls_client_config *config)
{
    (void)config;
    memset(c, 0, sizeof(*c));
    return tls_fail(&c->error, TLS_ALERT_internal_error, not_yet);
}

enum tls_status tls_client_handshake(struct tls_client *c, uint8_t *in, size_t in_len,
                                     size_t *consumed, struct tls_writer *out)
{
    (void)in;
    (void)in_len;
    (void)out;
    *consumed = 0;
    tls_fail(&c->error, TLS_ALERT_internal_error, not_yet);
    return TLS_STATUS_FATAL;
}

tls_result tls_client_seal(struct tls_client *c, const uint8_t *data, size_t len,
                           struct tls_writer *out)
{
    (void)data;
    (void)len;
    (void)out;
    return tls_fail(&c->error, TLS_ALERT_internal_error, not_yet);
}

enum tls_status tls_client_open(struct tls_client *c, uint8_t *in, size_t in_len,
                                size_t *consumed, const uint8_t **data, size_t *data_len,
                                struct tls_writer *out)
{
    (void)in;
    (void)in_len;
    (void)out;
    *consumed = 0;
    *data = NULL;
    *data_len = 0;
    tls_fail(&c->error, TLS_ALERT_internal_error, not_yet);
    return TLS_STATUS_FATAL;
}

tls_result tls_client_key_update(struct tls_client *c, bool request_peer_update,
                                 struct tls_writer *out)
{
    (void)request_peer_update;
    (void)out;
    return tls_fail(&c->error, TLS_ALERT_internal_error, not_yet);
}

tls_result tls_client_close(struct tls_client *c, struct tls_writer *out)
{
    (void)out;
    return tls_fail(&c->error, TLS_ALERT_internal_error, not_yet);
}

const struct tls_error *tls_client_error(const struct tls_client *c)
{
    return &c->error;
}

enum tls_client_state tls_client_state(const struct tls_client *c)
{
    (void)c;
    return TLS_CLIENT_FAILED;
}

const struct tls_session_info *tls_client_info(const struct tls_client *c)
{
    return &c->info;
}

const struct tls_ticket *tls_client_ticket(const struct tls_client *c)
{
    (void)c;
    return NULL;
}

void tls_client_wipe(struct tls_client *c)
{
    memset(c, 0, sizeof(*c));
}

const char *tls_status_name(enum tls_status status)
{
    switch (status) {
    case TLS_STATUS_NEED_MORE: return "need_more";
    case TLS_STATUS_CONTINUE: return "continue";
    case TLS_STATUS_HANDSHAKE_DONE: return "handshake_done";
    case TLS_STATUS_APP_DATA: return "app_data";
    case TLS_STATUS_TICKET: return "ticket";
    case TLS_STATUS_KEY_UPDATE: return "key_update";
    case TLS_STATUS_CLOSED: return "closed";
    case TLS_STATUS_FATAL: return "fatal";
    default: return "?";
    }
}

const char *tls_client_state_name(enum tls_client_state state)
{
    switch (state) {
    case TLS_CLIENT_START: return "START";
    case TLS_CLIENT_WAIT_SH: return "WAIT_SH";
    case TLS_CLIENT_WAIT_EE: return "WAIT_EE";
    case TLS_CLIENT_WAIT_CERT_CR: return "WAIT_CERT_CR";
    case TLS_CLIENT_WAIT_CERT: return "WAIT_CERT";
    case TLS_CLIENT_WAIT_CV: return "WAIT_CV";
    case TLS_CLIENT_WAIT_FINISHED: return "WAIT_FINISHED";
    case TLS_CLIENT_CONNECTED: return "CONNECTED";
    case TLS_CLIENT_CLOSED: return "CLOSED";
    case TLS_CLIENT_FAILED: return "FAILED";
    default: return "?";
    }
}
