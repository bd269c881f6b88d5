/*
 * client.c — the TLS 1.3 client state machine: public calls, the record loop and the table of
 * (state, message) rows (RFC 8446 §2, §4, §5, Appendix A.1).
 *
 * Implementation notes
 * --------------------
 * RFC 8446 Appendix A.1, the client's states:
 *
 *                               START <----+
 *                Send ClientHello |        | Recv HelloRetryRequest
 *           [K_send = early data] |        |
 *                                 v        |
 *            /                 WAIT_SH ----+
 *            |                    | Recv ServerHello
 *            |                    | K_recv = handshake
 *        Can |                    V
 *       send |                 WAIT_EE
 *      early |                    | Recv EncryptedExtensions
 *       data |           +--------+--------+
 *            |     Using |                 | Using certificate
 *            |       PSK |                 v
 *            |           |            WAIT_CERT_CR
 *            |           |        Recv |       | Recv CertificateRequest
 *            |           | Certificate |       v
 *            |           |             |    WAIT_CERT
 *            |           |             |       | Recv Certificate
 *            |           |             v       v
 *            |           |              WAIT_CV
 *            |           |                 | Recv CertificateVerify
 *            |           +> WAIT_FINISHED <+
 *            |                  | Recv Finished
 *            \                  | [Send EndOfEarlyData]
 *                               | K_send = handshake
 *                               | [Send Certificate [+ CertificateVerify]]
 *     Can send                  | Send Finished
 *     app data   -->            | K_send = K_recv = application
 *     after here                v
 *                           CONNECTED
 *
 * The table below has one row per arrow. A message that has no row for the current state is
 * unexpected_message (§4: "...MUST abort the handshake with an unexpected_message alert" for
 * messages out of order). The dispatcher, not the handler, moves the state: a handler only checks
 * and computes, and returns an error or TLS_OK.
 *
 * A HelloRetryRequest is a ServerHello with a special random (§4.1.3); the dispatcher classifies it
 * as message type hello_retry_request(6) so it gets its own row.
 */
#include <string.h>

#include "crypto/util.h"
#include "handshake/client_internal.h"
#include "handshake/key_changes.h"
#include "handshake/server_hello.h"
#include "record/alert.h"
#include "record/record.h"

struct tls_client_transition {
    enum tls_client_state state;
    uint8_t msg_type;
    /* §5.1: "Handshake messages MUST NOT span key changes": the message before a key change
     * must be the last bytes of its record. */
    bool precedes_key_change;
    tls_client_handler handler;    /* checks and computes; moves neither keys nor state */
    tls_client_handler respond;    /* what we send in answer, under the keys just set (or NULL) */
    enum tls_client_state next;
    enum tls_client_state next_with_psk; /* where a PSK handshake goes instead */
};

#define S(name) TLS_CLIENT_##name
#define M(name) TLS_HT_##name

/*
 * One row per arrow of the diagram above. The dispatcher runs the handler, then sets the keys
 * of the next record each way from the diagram's right-hand side (handshake/key_changes.c,
 * "K_recv = ...", "K_send = ..."), then sends the answer (respond), then moves the state.
 */
static const struct tls_client_transition transitions[] = {
    /* state            message                  key change handler                              respond                             next               with PSK */
    {S(WAIT_SH),       M(hello_retry_request),   true,  tls_client_on_server_hello,         tls_client_send_client_hello2,      S(WAIT_SH),        S(WAIT_SH)},
    {S(WAIT_SH),       M(server_hello),          true,  tls_client_on_server_hello,         NULL,                               S(WAIT_EE),        S(WAIT_EE)},
    {S(WAIT_EE),       M(encrypted_extensions),  false, tls_client_on_encrypted_extensions, NULL,                             S(WAIT_CERT_CR),   S(WAIT_FINISHED)},
    {S(WAIT_CERT_CR),  M(certificate_request),   false, tls_client_on_certificate_request,  NULL,                               S(WAIT_CERT),      S(WAIT_CERT)},
    {S(WAIT_CERT_CR),  M(certificate),           false, tls_client_on_certificate,          NULL,                               S(WAIT_CV),        S(WAIT_CV)},
    {S(WAIT_CERT),     M(certificate),           false, tls_client_on_certificate,          NULL,                               S(WAIT_CV),        S(WAIT_CV)},
    {S(WAIT_CV),       M(certificate_verify),    false, tls_client_on_certificate_verify,   NULL,                               S(WAIT_FINISHED),  S(WAIT_FINISHED)},
    {S(WAIT_FINISHED), M(finished),              true,  tls_client_on_finished,             tls_client_send_second_flight,      S(CONNECTED),      S(CONNECTED)},
    /* §4.6: post-handshake messages. */
    {S(CONNECTED),     M(new_session_ticket),    false, tls_client_on_new_session_ticket,   NULL,                               S(CONNECTED),      S(CONNECTED)},
    {S(CONNECTED),     M(key_update),            true,  tls_client_on_key_update,           NULL,                               S(CONNECTED),      S(CONNECTED)},
};

#undef S
#undef M

/* After one of our own messages: the key change it makes for our writes (App. A.1). */
tls_result tls_client_sent(struct tls_client *c, uint8_t msg_type)
{
    enum tls_key_change mine, theirs;
    tls13_key_changes(TLS_DIR_CLIENT_TO_SERVER, msg_type, &mine, &theirs);
    return tls_client_change_key(c, TLS_DIR_CLIENT_TO_SERVER, mine);
}

size_t tls_client_size(void)
{
    return sizeof(struct tls_client);
}

/* ---- failure ---------------------------------------------------------------------------------- */

tls_result tls_client_fail(struct tls_client *c, enum tls_alert_description alert, const char *reason)
{
    return tls_fail(&c->error, alert, reason);
}

/* A call made at the wrong time: the rule is named in err, and the connection is not touched
 * (no alert, no state change, c->error stays as it was). */
tls_result tls_client_misuse(struct tls_error *err, const char *reason)
{
    return tls_fail_code(err, TLS_E_MISUSE, reason);
}

/* Hands the outcome of a public call to the caller's err: on a failure, the connection's own
 * first failure (code and reason). */
tls_result tls_client_report(const struct tls_client *c, tls_result rc, struct tls_error *err)
{
    if (rc != TLS_OK && err != NULL && err->code == TLS_OK) {
        *err = c->error.code != TLS_OK ? c->error : (struct tls_error){rc, "internal error", NULL};
    }
    return rc;
}


/* §6: "MUST forget the secret values and keys established in failed connections". */
static void wipe_secrets(struct tls_client *c)
{
    tls_transcript_wipe(&c->transcript);
    tls_ks_wipe(&c->key_schedule);
    tls_wipe(c->client_handshake_traffic_secret, sizeof(c->client_handshake_traffic_secret));
    tls_wipe(c->server_handshake_traffic_secret, sizeof(c->server_handshake_traffic_secret));
    tls_wipe(c->client_application_traffic_secret, sizeof(c->client_application_traffic_secret));
    tls_wipe(c->server_application_traffic_secret, sizeof(c->server_application_traffic_secret));
    tls_wipe(c->resumption_master_secret, sizeof(c->resumption_master_secret));
    tls_wipe(c->exporter_master_secret, sizeof(c->exporter_master_secret));
    for (size_t i = 0; i < TLS_MAX_GROUPS; i++) {
        tls_kex_wipe(&c->offer.key_shares[i]);
    }
    tls_wipe(c->hello, sizeof(c->hello));
    tls_wipe(&c->reassembly, sizeof(c->reassembly));
}

/*
 * Enters the terminal FAILED state: discards what this call had appended to out, appends the
 * fatal alert (protected under whatever key we write with now: App. A.1), wipes every secret.
 * A peer's alert is answered with nothing (§6.2: the connection is already closed).
 */
static enum tls_status fail_connection(struct tls_client *c, tls_result rc, struct tls_writer *out,
                                       size_t out_start)
{
    if (c->error.code == TLS_OK) {
        tls_fail_code(&c->error, rc, "internal error");
    }
    if (out != NULL) {
        out->len = out_start;
        out->overflow = false;
        /* §6.2: the fatal alert our failure calls for; none when the peer's alert ended it. */
        if (TLS_IS_LOCAL_ALERT(c->error.code)) {
            const uint8_t alert[2] = {TLS_ALERT_LEVEL_fatal, (uint8_t)tls_result_alert(c->error.code)};
            (void)tls_client_send(c, TLS_CT_alert, alert, sizeof(alert), c->tx_key_name, out);
        }
    }
    enum tls_client_state from = c->state;
    c->state = TLS_CLIENT_FAILED;
    const struct tls_observer *obs = c->config != NULL ? c->config->observer : NULL;
    if (obs != NULL && obs->state != NULL) {
        obs->state(obs->ctx, from, TLS_CLIENT_FAILED);
    }
    wipe_secrets(c);
    tls_record_direction_wipe(&c->tx);
    tls_record_direction_wipe(&c->rx.dir);
    return TLS_STATUS_FATAL;
}

/* ---- the dispatcher --------------------------------------------------------------------------- */

static void move_to(struct tls_client *c, enum tls_client_state to)
{
    enum tls_client_state from = c->state;
    c->state = to;
    const struct tls_observer *obs = c->config->observer;
    if (obs != NULL && obs->state != NULL && from != to) {
        obs->state(obs->ctx, from, to);
    }
}

/* A ServerHello whose random is the special HRR value is a HelloRetryRequest (§4.1.3). */
static uint8_t classify(const struct tls_handshake_message *msg)
{
    const size_t random_at = 2; /* after legacy_version */
    if (msg->msg_type == TLS_HT_server_hello && msg->length >= random_at + TLS_RANDOM_LEN &&
        memcmp(msg->body + random_at, tls_hello_retry_request_random, TLS_RANDOM_LEN) == 0) {
        return TLS_HT_hello_retry_request;
    }
    return msg->msg_type;
}

tls_result tls_client_dispatch(struct tls_client *c, const struct tls_handshake_message *msg,
                               struct tls_writer *out)
{
    uint8_t type = classify(msg);
    const struct tls_client_transition *row = NULL;
    for (size_t i = 0; i < sizeof(transitions) / sizeof(transitions[0]); i++) {
        if (transitions[i].state == c->state && transitions[i].msg_type == type) {
            row = &transitions[i];
            break;
        }
    }
    if (row == NULL) {
        /* §4: messages "MUST be sent in the order specified"; anything else is unexpected. */
        return tls_client_fail(c, TLS_ALERT_unexpected_message,
                               "RFC 8446 §4, App. A.1: handshake message not expected in this state");
    }
    tls_client_emit_message(c, TLS_DIR_SERVER_TO_CLIENT, msg->bytes, msg->total_len);
    if (row->precedes_key_change) {
        /* §5.1: "...MUST NOT span key changes": nothing may follow it in the same record.
         * Checked before the handler acts, so the alert goes out under the keys the server still
         * reads with: a ServerHello record with more bytes after it is refused before any
         * handshake key is installed, a Finished before our application keys (REC-11). */
        TRY(tls_reassembly_check_boundary(&c->reassembly, NULL, &c->error));
    }
    TRY(row->handler(c, msg, out));
    /* App. A.1's right-hand side: the keys of the next record, each way. */
    enum tls_key_change read_key, write_key;
    tls13_key_changes(TLS_DIR_SERVER_TO_CLIENT, type, &read_key, &write_key);
    TRY(tls_client_change_key(c, TLS_DIR_SERVER_TO_CLIENT, read_key));
    TRY(tls_client_change_key(c, TLS_DIR_CLIENT_TO_SERVER, write_key));
    if (row->respond != NULL) {
        TRY(row->respond(c, msg, out));
    }
    move_to(c, c->psk_accepted ? row->next_with_psk : row->next);
    return TLS_OK;
}

/* ---- the public calls ------------------------------------------------------------------------- */

tls_result tls_client_init(struct tls_client *c, const struct tls_client_config *config,
                           uint64_t now_ms)
{
    return tls_client_init_replay(c, config, NULL, now_ms);
}

tls_result tls_client_init_replay(struct tls_client *c, const struct tls_client_config *config,
                                  const struct tls_client_replay *replay, uint64_t now_ms)
{
    memset(c, 0, sizeof(*c));
    c->config = config;
    c->replay = replay;
    c->now_ms = now_ms;
    c->state = TLS_CLIENT_START;
    c->info.version = TLS_VERSION_1_3;
    tls_record_rx_init(&c->rx);
    tls_record_direction_init(&c->tx);
    tls_reassembly_reset(&c->reassembly);
    if (config->trust == NULL && !config->insecure) {
        return tls_client_fail(c, TLS_ALERT_internal_error,
                               "configuration: no trust anchors (give a CA file, or choose insecure)");
    }
    TRY(tls_transcript_init(&c->transcript, &c->error));
    tls_result rc = tls_client_offer_init(c);
    if (rc != TLS_OK) {
        fail_connection(c, rc, NULL, 0);
    }
    return rc;
}

enum tls_status tls_client_handshake(struct tls_client *c, uint8_t *in, size_t in_len,
                                     size_t *consumed, struct tls_writer *out, uint64_t now_ms)
{
    size_t out_start = out->len;
    *consumed = 0;
    c->now_ms = now_ms;
    if (c->state == TLS_CLIENT_FAILED) {
        return TLS_STATUS_FATAL; /* §6: nothing more is sent or received */
    }
    if (c->state == TLS_CLIENT_START) {
        tls_result rc = tls_client_send_client_hello(c, false, out);
        if (rc != TLS_OK) {
            return fail_connection(c, rc, out, out_start);
        }
        move_to(c, TLS_CLIENT_WAIT_SH);
        return TLS_STATUS_CONTINUE;
    }
    if (c->state == TLS_CLIENT_CONNECTED) {
        return TLS_STATUS_HANDSHAKE_DONE;
    }
    const uint8_t *data = NULL;
    size_t data_len = 0;
    enum tls_status status;
    tls_result rc = tls_client_process_records(c, in, in_len, consumed, out, &data, &data_len,
                                               &status);
    if (rc != TLS_OK) {
        return fail_connection(c, rc, out, out_start);
    }
    return status;
}

enum tls_status tls_client_open(struct tls_client *c, uint8_t *in, size_t in_len,
                                size_t *consumed, const uint8_t **data, size_t *data_len,
                                struct tls_writer *out, uint64_t now_ms)
{
    size_t out_start = out->len;
    *consumed = 0;
    *data = NULL;
    *data_len = 0;
    c->now_ms = now_ms;
    if (c->state == TLS_CLIENT_FAILED) {
        return TLS_STATUS_FATAL;
    }
    if (c->peer_closed) {
        /* §6.1: "Any data received after a closure alert has been received MUST be ignored." */
        *consumed = in_len;
        return TLS_STATUS_CLOSED;
    }
    if (c->state != TLS_CLIENT_CONNECTED) {
        /* RFC 8446 §2: application data is read only after the handshake. Calling this too early
         * is the caller's mistake, not the peer's: nothing is consumed or sent, and the
         * connection goes on (feed the input to tls_client_handshake() instead). */
        return TLS_STATUS_MISUSE;
    }
    enum tls_status status;
    tls_result rc = tls_client_process_records(c, in, in_len, consumed, out, data, data_len,
                                               &status);
    if (rc != TLS_OK) {
        *data = NULL;
        *data_len = 0;
        return fail_connection(c, rc, out, out_start);
    }
    return status;
}

tls_result tls_client_seal(struct tls_client *c, const uint8_t *data, size_t len,
                           struct tls_writer *out, struct tls_error *err)
{
    size_t out_start = out->len;
    if (c->state == TLS_CLIENT_FAILED) {
        return tls_client_report(c, c->error.code, err);
    }
    if (c->state != TLS_CLIENT_CONNECTED || c->we_closed) {
        return tls_client_misuse(err, "RFC 8446 §2: application data is sent only after the handshake and before close_notify (tls_client_seal called out of order)");
    }
    tls_result rc = tls_client_send(c, TLS_CT_application_data, data, len, c->tx_key_name, out);
    if (rc != TLS_OK) {
        fail_connection(c, rc, out, out_start);
    }
    return tls_client_report(c, rc, err);
}

tls_result tls_client_key_update(struct tls_client *c, bool request_peer_update,
                                 struct tls_writer *out, struct tls_error *err)
{
    size_t out_start = out->len;
    if (c->state == TLS_CLIENT_FAILED) {
        return tls_client_report(c, c->error.code, err);
    }
    if (c->state != TLS_CLIENT_CONNECTED || c->we_closed) {
        return tls_client_misuse(err, "RFC 8446 §4.6.3: KeyUpdate is sent only after the handshake and before close_notify (tls_client_key_update called out of order)");
    }
    tls_result rc = tls_client_send_key_update(c, request_peer_update, out);
    if (rc != TLS_OK) {
        fail_connection(c, rc, out, out_start);
    }
    return tls_client_report(c, rc, err);
}

tls_result tls_client_close(struct tls_client *c, struct tls_writer *out)
{
    if (c->state == TLS_CLIENT_FAILED || c->we_closed) {
        return TLS_OK;
    }
    size_t out_start = out->len;
    /* §6.1: "Each party MUST send a "close_notify" alert before closing its write side." */
    static const uint8_t close_notify[2] = {TLS_ALERT_LEVEL_warning, TLS_ALERT_close_notify};
    tls_result rc = tls_client_send(c, TLS_CT_alert, close_notify, sizeof(close_notify),
                                    c->tx_key_name, out);
    if (rc != TLS_OK) {
        fail_connection(c, rc, out, out_start);
        return rc;
    }
    c->we_closed = true;
    return TLS_OK;
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
    wipe_secrets(c);
    tls_record_direction_wipe(&c->tx);
    tls_record_direction_wipe(&c->rx.dir);
    tls_wipe(&c->ticket, sizeof(c->ticket));
}

const char *tls_status_name(enum tls_status status)
{
    switch (status) {
    case TLS_STATUS_NEED_MORE:
        return "need_more";
    case TLS_STATUS_CONTINUE:
        return "continue";
    case TLS_STATUS_HANDSHAKE_DONE:
        return "handshake_done";
    case TLS_STATUS_APP_DATA:
        return "app_data";
    case TLS_STATUS_TICKET:
        return "ticket";
    case TLS_STATUS_KEY_UPDATE:
        return "key_update";
    case TLS_STATUS_CLOSED:
        return "closed";
    case TLS_STATUS_FATAL:
        return "fatal";
    case TLS_STATUS_MISUSE:
        return "misuse";
    default:
        return "?";
    }
}

const char *tls_client_state_name(enum tls_client_state state)
{
    /* RFC 8446 Appendix A.1 spelling. */
    switch (state) {
    case TLS_CLIENT_START:
        return "START";
    case TLS_CLIENT_WAIT_SH:
        return "WAIT_SH";
    case TLS_CLIENT_WAIT_EE:
        return "WAIT_EE";
    case TLS_CLIENT_WAIT_CERT_CR:
        return "WAIT_CERT_CR";
    case TLS_CLIENT_WAIT_CERT:
        return "WAIT_CERT";
    case TLS_CLIENT_WAIT_CV:
        return "WAIT_CV";
    case TLS_CLIENT_WAIT_FINISHED:
        return "WAIT_FINISHED";
    case TLS_CLIENT_CONNECTED:
        return "CONNECTED";
    case TLS_CLIENT_FAILED:
        return "FAILED";
    default:
        return "?";
    }
}
