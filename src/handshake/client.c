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
#include "handshake/server_hello.h"
#include "record/alert.h"
#include "record/record.h"

struct tls_client_transition {
    enum tls_client_state state;
    uint8_t msg_type;
    /* §5.1: "Handshake messages MUST NOT span key changes": the message before a key change
     * must be the last bytes of its record. */
    bool precedes_key_change;
    tls_client_handler handler;
    enum tls_client_state next;
    enum tls_client_state next_with_psk; /* where a PSK handshake goes instead */
};

#define S(name) TLS_CLIENT_##name
#define M(name) TLS_HT_##name

static const struct tls_client_transition transitions[] = {
    /* state            message                     key change handler                              next               with PSK */
    {S(WAIT_SH),       M(hello_retry_request),      true,  tls_client_on_server_hello,         S(WAIT_SH),        S(WAIT_SH)},
    {S(WAIT_SH),       M(server_hello),             true,  tls_client_on_server_hello,         S(WAIT_EE),        S(WAIT_EE)},
    {S(WAIT_EE),       M(encrypted_extensions),     false, tls_client_on_encrypted_extensions, S(WAIT_CERT_CR),   S(WAIT_FINISHED)},
    {S(WAIT_CERT_CR),  M(certificate_request),      false, tls_client_on_certificate_request,  S(WAIT_CERT),      S(WAIT_CERT)},
    {S(WAIT_CERT_CR),  M(certificate),              false, tls_client_on_certificate,          S(WAIT_CV),        S(WAIT_CV)},
    {S(WAIT_CERT),     M(certificate),              false, tls_client_on_certificate,          S(WAIT_CV),        S(WAIT_CV)},
    {S(WAIT_CV),       M(certificate_verify),       false, tls_client_on_certificate_verify,   S(WAIT_FINISHED),  S(WAIT_FINISHED)},
    {S(WAIT_FINISHED), M(finished),                 true,  tls_client_on_finished,             S(CONNECTED),      S(CONNECTED)},
    /* §4.6: post-handshake messages. */
    {S(CONNECTED),     M(new_session_ticket),       false, tls_client_on_new_session_ticket,   S(CONNECTED),      S(CONNECTED)},
    {S(CONNECTED),     M(key_update),               true,  tls_client_on_key_update,           S(CONNECTED),      S(CONNECTED)},
};

#undef S
#undef M

size_t tls_client_size(void)
{
    return sizeof(struct tls_client);
}

/* ---- small services the other client_*.c files use ------------------------------------------ */

tls_result tls_client_fail(struct tls_client *c, enum tls_alert_description alert, const char *reason)
{
    return tls_fail(&c->error, alert, reason);
}

void tls_client_note(struct tls_client *c, const char *text)
{
    const struct tls_observer *obs = c->config->observer;
    if (obs != NULL && obs->note != NULL) {
        obs->note(obs->ctx, text);
    }
}

void tls_client_emit_secret(struct tls_client *c, const char *name, const char *nss_label,
                            const uint8_t *secret, const uint8_t *transcript_hash)
{
    const struct tls_observer *obs = c->config->observer;
    size_t n = c->suite != NULL ? tls_hash_len(c->suite->hash) : 0;
    if (obs != NULL && obs->secret != NULL) {
        obs->secret(obs->ctx, name, nss_label, c->offer.random, secret, n, transcript_hash,
                    transcript_hash != NULL ? n : 0);
    }
}

void tls_client_emit_record(struct tls_client *c, enum tls_direction dir, const uint8_t *bytes,
                            size_t len, uint8_t inner_type, size_t content_len, size_t padding_len,
                            const char *key_name, uint64_t seq)
{
    const struct tls_observer *obs = c->config->observer;
    if (obs == NULL || obs->record == NULL || len < TLS_RECORD_HEADER_LEN) {
        return;
    }
    struct tls_record_info info = {
        .dir = dir,
        .outer_type = bytes[0],
        .legacy_version = (uint16_t)(bytes[1] << 8 | bytes[2]),
        .length = (size_t)(bytes[3] << 8 | bytes[4]),
        .protected_record = key_name != NULL,
        .inner_type = inner_type,
        .content_len = content_len,
        .padding_len = padding_len,
        .bytes = bytes,
        .bytes_len = len,
        .key_name = key_name,
        .seq = seq,
    };
    obs->record(obs->ctx, &info);
}

/* Tells the observer about a whole handshake message, sent or received. */
void tls_client_emit_message(struct tls_client *c, enum tls_direction dir, const uint8_t *msg,
                             size_t len)
{
    const struct tls_observer *obs = c->config->observer;
    if (obs != NULL && obs->message != NULL) {
        obs->message(obs->ctx, dir, msg, len);
    }
}

/* Adds a message to the transcript (§4.4.1). Messages we send are shown to the observer here;
 * received ones were shown by the dispatcher before their checks ran, so that an explanation
 * reads in the order things happen. */
tls_result tls_client_add_transcript(struct tls_client *c, enum tls_direction dir,
                                     const uint8_t *msg, size_t len)
{
    if (dir == TLS_DIR_CLIENT_TO_SERVER) {
        tls_client_emit_message(c, dir, msg, len);
    }
    return tls_transcript_add(&c->transcript, msg, len, &c->error);
}

/* Appends content as records (at most 2^14 bytes each, §5.1), telling the observer of each. */
tls_result tls_client_send(struct tls_client *c, uint8_t type, const uint8_t *content, size_t len,
                           const char *key_name, struct tls_writer *out)
{
    size_t done = 0;
    do {
        size_t chunk = len - done > TLS_MAX_PLAINTEXT_LEN ? TLS_MAX_PLAINTEXT_LEN : len - done;
        size_t start = out->len;
        uint64_t seq = c->tx.seq;
        TRY(tls_record_write(&c->tx, type, content + done, chunk, 0, out, &c->error));
        TRY(tls_writer_result(out, &c->error));
        tls_client_emit_record(c, TLS_DIR_CLIENT_TO_SERVER, out->buf + start, out->len - start,
                               type, chunk, 0, key_name, seq);
        done += chunk;
    } while (done < len);
    return TLS_OK;
}

tls_result tls_client_send_handshake(struct tls_client *c, const uint8_t *msg, size_t len,
                                     const char *key_name, struct tls_writer *out)
{
    return tls_client_send(c, TLS_CT_handshake, msg, len, key_name, out);
}

/* App. D.4: the compatibility ChangeCipherSpec, once, only in compatibility mode (a non-empty
 * legacy_session_id). §5: it is never protected and never part of the transcript. */
tls_result tls_client_send_compat_ccs(struct tls_client *c, struct tls_writer *out)
{
    static const uint8_t change_cipher_spec = 0x01;
    if (c->ccs_sent || c->offer.legacy_session_id_len == 0) {
        return TLS_OK;
    }
    c->ccs_sent = true;
    return tls_client_send(c, TLS_CT_change_cipher_spec, &change_cipher_spec, 1, NULL, out);
}

bool tls_client_offered_extension(const struct tls_client *c, uint16_t type)
{
    for (size_t i = 0; i < c->offer.extension_count; i++) {
        if (c->offer.extensions[i] == type) {
            return true;
        }
    }
    return false;
}

/* §7.3: traffic keys from a traffic secret, installed on one direction (old keys wiped). */
void tls_client_install_keys(struct tls_client *c, enum tls_direction dir, const char *name,
                             const uint8_t *secret)
{
    struct tls_traffic_keys keys;
    if (tls_traffic_keys_derive(c->suite, secret, &keys) != TLS_OK) {
        tls_client_fail(c, TLS_ALERT_internal_error, "RFC 8446 §7.3: traffic key derivation failed");
        return;
    }
    if (dir == TLS_DIR_SERVER_TO_CLIENT) {
        tls_record_direction_install_keys(&c->rx.dir, &keys);
        c->rx_key_name = name;
    } else {
        tls_record_direction_install_keys(&c->tx, &keys);
        c->tx_key_name = name;
    }
    tls_traffic_keys_wipe(&keys);
}

/* ---- failure ---------------------------------------------------------------------------------- */

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
        uint64_t seq = c->tx.seq;
        if (tls_alert_write_for_result(&c->tx, c->error.code, out, NULL) == TLS_OK &&
            out->len > out_start) {
            tls_client_emit_record(c, TLS_DIR_CLIENT_TO_SERVER, out->buf + out_start,
                                   out->len - out_start, TLS_CT_alert, 2, 0, c->tx_key_name, seq);
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

static tls_result dispatch(struct tls_client *c, const struct tls_handshake_message *msg,
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
    TRY(row->handler(c, msg, out));
    if (c->error.code != TLS_OK) {
        return c->error.code; /* a failure recorded without being returned (e.g. key install) */
    }
    if (row->precedes_key_change) {
        /* §5.1: "...MUST NOT span key changes": nothing may follow it in the same record. */
        TRY(tls_reassembly_check_boundary(&c->reassembly, NULL, &c->error));
    }
    move_to(c, c->psk_accepted ? row->next_with_psk : row->next);
    return TLS_OK;
}

/* ---- the record loop -------------------------------------------------------------------------- */

/* Reads one record; *used = 0 when it is not complete yet. pt is a view into in. */
static tls_result read_record(struct tls_client *c, uint8_t *in, size_t in_len, size_t *used,
                              struct tls_plaintext *pt)
{
    struct tls_record rec;
    size_t need = 0;
    *used = 0;
    TRY(tls_record_deframe(in, in_len, c->rx.dir.is_protected, &rec, &need, &c->error));
    if (need > 0) {
        return TLS_OK;
    }
    uint64_t seq = c->rx.dir.seq;
    bool was_protected = c->rx.dir.is_protected && rec.type == TLS_CT_application_data;
    /* Decrypted in place: the plaintext overwrites the ciphertext in the caller's buffer. */
    TRY(tls_record_unprotect(&c->rx, &rec, in + TLS_RECORD_HEADER_LEN, rec.length, pt, &c->error));
    size_t padding = 0;
    if (was_protected) {
        padding = rec.length - TLS_AEAD_TAG_LEN - 1 - pt->length;
    }
    tls_client_emit_record(c, TLS_DIR_SERVER_TO_CLIENT, in, rec.total_len, pt->type, pt->length,
                           padding, was_protected ? c->rx_key_name : NULL, seq);
    *used = rec.total_len;
    return TLS_OK;
}

/* An alert record (§6): close_notify, an ignorable user_canceled, or the end of the connection. */
static tls_result on_alert(struct tls_client *c, const struct tls_plaintext *pt)
{
    struct tls_alert alert;
    enum tls_alert_action action;
    TRY(tls_alert_process(pt->content, pt->length, &c->user_canceled_alerts, &alert, &action,
                          &c->error));
    if (action == TLS_ALERT_ACTION_closed) {
        if (c->state != TLS_CLIENT_CONNECTED) {
            /* The handshake cannot complete: report the peer's closure as its alert. */
            return tls_fail_code(&c->error, TLS_E_PEER_ALERT(TLS_ALERT_close_notify),
                                 "RFC 8446 §6.1: the server sent close_notify during the handshake");
        }
        c->peer_closed = true;
    }
    return TLS_OK;
}

/* Feeds one handshake record to reassembly and dispatches every complete message in it. */
static tls_result on_handshake_record(struct tls_client *c, const struct tls_plaintext *pt,
                                      struct tls_writer *out)
{
    TRY(tls_reassembly_add(&c->reassembly, pt->content, pt->length, &c->error));
    for (;;) {
        struct tls_handshake_message msg;
        bool have = false;
        TRY(tls_reassembly_next(&c->reassembly, &msg, &have, &c->error));
        if (!have) {
            return TLS_OK;
        }
        enum tls_client_state before = c->state;
        TRY(dispatch(c, &msg, out));
        /* After an HRR or our Finished, the caller must send before anything else is read. */
        if (before == TLS_CLIENT_WAIT_SH && c->state == TLS_CLIENT_WAIT_SH) {
            return TLS_OK;
        }
        if (before == TLS_CLIENT_WAIT_FINISHED) {
            return TLS_OK;
        }
    }
}

/*
 * Processes records from in until one of: input exhausted or a partial record (NEED_MORE), our
 * turn to send (CONTINUE after an HRR, HANDSHAKE_DONE after the server Finished), application
 * data (APP_DATA, after the handshake), a ticket or key update (TICKET, KEY_UPDATE), the peer's
 * close_notify (CLOSED). Used by both tls_client_handshake() and tls_client_open().
 */
tls_result tls_client_process_records(struct tls_client *c, uint8_t *in, size_t in_len,
                                      size_t *consumed, struct tls_writer *out,
                                      const uint8_t **app_data, size_t *app_data_len,
                                      enum tls_status *status)
{
    *status = TLS_STATUS_NEED_MORE;
    while (*consumed < in_len) {
        struct tls_plaintext pt;
        size_t used;
        enum tls_client_state before = c->state;
        unsigned tickets = c->tickets_received;
        unsigned generation = c->read_generation;
        TRY(read_record(c, in + *consumed, in_len - *consumed, &used, &pt));
        if (used == 0) {
            return TLS_OK; /* partial record: left for the next call */
        }
        *consumed += used;
        if (pt.type != TLS_CT_handshake) {
            /* §5.1: handshake messages "MUST NOT be interleaved with other record types". */
            TRY(tls_reassembly_check_boundary(&c->reassembly, TLS_REASSEMBLY_INTERLEAVE_REASON,
                                              &c->error));
        }
        if (pt.dropped) {
            continue; /* §5: a compatibility ChangeCipherSpec, dropped */
        }
        switch (pt.type) {
        case TLS_CT_alert:
            TRY(on_alert(c, &pt));
            if (c->peer_closed) {
                *status = TLS_STATUS_CLOSED;
                return TLS_OK;
            }
            break;
        case TLS_CT_handshake:
            TRY(on_handshake_record(c, &pt, out));
            if (before == TLS_CLIENT_WAIT_SH && c->state == TLS_CLIENT_WAIT_SH) {
                *status = TLS_STATUS_CONTINUE; /* HelloRetryRequest: send ClientHello2 */
                return TLS_OK;
            }
            if (before != TLS_CLIENT_CONNECTED && c->state == TLS_CLIENT_CONNECTED) {
                *status = TLS_STATUS_HANDSHAKE_DONE;
                return TLS_OK;
            }
            if (c->tickets_received != tickets) {
                *status = TLS_STATUS_TICKET;
                return TLS_OK;
            }
            if (c->read_generation != generation) {
                *status = TLS_STATUS_KEY_UPDATE;
                return TLS_OK;
            }
            break;
        case TLS_CT_application_data:
            if (c->state != TLS_CLIENT_CONNECTED) {
                /* §2: data before the server Finished is not authenticated; never release it. */
                return tls_client_fail(c, TLS_ALERT_unexpected_message,
                                       "RFC 8446 §5.1, §4.4.4: application data before the handshake completed");
            }
            c->key_updates_in_a_row = 0;
            if (pt.length == 0) {
                break; /* an empty record: nothing to hand out (§5.4 allows it) */
            }
            *app_data = pt.content;
            *app_data_len = pt.length;
            *status = TLS_STATUS_APP_DATA;
            return TLS_OK;
        default:
            return tls_client_fail(c, TLS_ALERT_unexpected_message,
                                   "RFC 8446 §5: record of an unexpected content type");
        }
    }
    return TLS_OK;
}

/* ---- the public calls ------------------------------------------------------------------------- */

tls_result tls_client_init(struct tls_client *c, const struct tls_client_config *config)
{
    memset(c, 0, sizeof(*c));
    c->config = config;
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
                                     size_t *consumed, struct tls_writer *out)
{
    size_t out_start = out->len;
    *consumed = 0;
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
    if (c->state == TLS_CLIENT_CONNECTED || c->state == TLS_CLIENT_CLOSED) {
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
                                struct tls_writer *out)
{
    size_t out_start = out->len;
    *consumed = 0;
    *data = NULL;
    *data_len = 0;
    if (c->state == TLS_CLIENT_FAILED) {
        return TLS_STATUS_FATAL;
    }
    if (c->peer_closed) {
        /* §6.1: "Any data received after a closure alert has been received MUST be ignored." */
        *consumed = in_len;
        return TLS_STATUS_CLOSED;
    }
    if (c->state != TLS_CLIENT_CONNECTED) {
        tls_client_fail(c, TLS_ALERT_internal_error, "tls_client_open called before the handshake completed");
        return fail_connection(c, c->error.code, out, out_start);
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
                           struct tls_writer *out)
{
    size_t out_start = out->len;
    if (c->state != TLS_CLIENT_CONNECTED || c->we_closed) {
        return tls_client_fail(c, TLS_ALERT_internal_error,
                               "RFC 8446 §2: application data is sent only after the handshake and before close_notify");
    }
    tls_result rc = tls_client_send(c, TLS_CT_application_data, data, len, c->tx_key_name, out);
    if (rc != TLS_OK) {
        fail_connection(c, rc, out, out_start);
    }
    return rc;
}

tls_result tls_client_close(struct tls_client *c, struct tls_writer *out)
{
    if (c->state == TLS_CLIENT_FAILED || c->we_closed) {
        return TLS_OK;
    }
    /* §6.1: "Each party MUST send a "close_notify" alert before closing its write side." */
    size_t start = out->len;
    uint64_t seq = c->tx.seq;
    TRY(tls_alert_write(&c->tx, TLS_ALERT_LEVEL_warning, TLS_ALERT_close_notify, out, &c->error));
    tls_client_emit_record(c, TLS_DIR_CLIENT_TO_SERVER, out->buf + start, out->len - start,
                           TLS_CT_alert, 2, 0, c->tx_key_name, seq);
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
    case TLS_CLIENT_CLOSED:
        return "CLOSED";
    case TLS_CLIENT_FAILED:
        return "FAILED";
    default:
        return "?";
    }
}
