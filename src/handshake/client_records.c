/*
 * client_records.c — the client's record loop and the services every client_*.c file uses to
 * send and to report (RFC 8446 §5, §5.1, §6).
 *
 * Implementation notes
 * --------------------
 * Received bytes become records (record/record.h), records become plaintext (record/protect.h,
 * decrypted in place in the caller's buffer), and the plaintext is dispatched by its true
 * content type: alerts to §6, handshake bytes to reassembly and then, message by message, to the
 * state table in client.c, application data to the caller — but only once the handshake is
 * complete, since nothing before the server's Finished is authenticated (§2).
 *
 * Sending goes the other way through tls_client_send(): content cut into records of at most
 * 2^14 bytes (§5.1), protected under whatever key this direction has now.
 *
 * Every record, message and secret is also reported to the observer (client.h), which is how
 * --explain, the key log and the token trace see the connection.
 */
#include <string.h>

#include "handshake/client_internal.h"
#include "handshake/server_hello.h"
#include "record/alert.h"
#include "record/record.h"

/* ---- small services the other client_*.c files use ------------------------------------------ */

void tls_client_note(struct tls_client *c, const char *text)
{
    const struct tls_observer *obs = c->config->observer;
    if (obs != NULL && obs->note != NULL) {
        obs->note(obs->ctx, text);
    }
}

/* Tells the observer about a secret. secret_len 0 means Hash.length (every secret but the
 * (EC)DHE input has that length). */
void tls_client_emit_secret(struct tls_client *c, enum tls_secret_id id, unsigned generation,
                            const uint8_t *secret, size_t secret_len,
                            const uint8_t *transcript_hash)
{
    const struct tls_observer *obs = c->config->observer;
    /* Before ServerHello only the ticket's Early Secret exists: its hash gives the length. */
    size_t n = c->suite != NULL ? tls_hash_len(c->suite->hash) : tls_hash_len(c->key_schedule.alg);
    if (obs != NULL && obs->secret != NULL) {
        obs->secret(obs->ctx, id, generation, c->offer.random, secret,
                    secret_len != 0 ? secret_len : n, transcript_hash,
                    transcript_hash != NULL ? n : 0);
    }
}

void tls_client_emit_record(struct tls_client *c, enum tls_direction dir, const uint8_t *bytes,
                            size_t len, uint8_t inner_type, const uint8_t *content,
                            size_t content_len, size_t padding_len, const char *key_name,
                            uint64_t seq)
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
        .content = content,
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
                               type, content + done, chunk, 0, key_name, seq);
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

/* §7.3: traffic keys from a traffic secret, installed on one direction (old keys wiped). */
tls_result tls_client_install_keys(struct tls_client *c, enum tls_direction dir,
                                   enum tls_secret_id id, const uint8_t *secret)
{
    const char *name = tls_secret_info(id)->name; /* for observers: which secret protects it */
    struct tls_traffic_keys keys;
    TRY(tls_traffic_keys_derive(c->suite, secret, &keys, &c->error));
    tls_result rc;
    if (dir == TLS_DIR_SERVER_TO_CLIENT) {
        rc = tls_record_direction_install_keys(&c->rx.dir, &keys, &c->error);
        c->rx_key_name = name;
    } else {
        rc = tls_record_direction_install_keys(&c->tx, &keys, &c->error);
        c->tx_key_name = name;
    }
    tls_traffic_keys_wipe(&keys);
    return rc;
}

/* §7.2: application_traffic_secret_N+1 = HKDF-Expand-Label(_N, "traffic upd", "", Hash.length),
 * reported, and its keys installed on dir. */
static tls_result next_generation(struct tls_client *c, enum tls_direction dir)
{
    bool ours = dir == TLS_DIR_CLIENT_TO_SERVER;
    uint8_t *secret = ours ? c->client_application_traffic_secret : c->server_application_traffic_secret;
    unsigned *generation = ours ? &c->write_generation : &c->read_generation;
    enum tls_secret_id id = ours ? TLS_SECRET_client_application_traffic_secret_N
                                 : TLS_SECRET_server_application_traffic_secret_N;
    TRY(tls_next_traffic_secret(c->suite->hash, secret, secret, &c->error));
    (*generation)++;
    tls_client_emit_secret(c, id, *generation, secret, 0, NULL);
    return tls_client_install_keys(c, dir, id, secret);
}

/*
 * Applies one of App. A.1's key changes (client.h, enum tls_key_change) to the keys protecting
 * the next record of dir: the server's (our reads) or ours (our writes). The conditional ones
 * concern only our writes while we write 0-RTT data (client_psk.c).
 */
tls_result tls_client_change_key(struct tls_client *c, enum tls_direction dir,
                                 enum tls_key_change change)
{
    bool ours = dir == TLS_DIR_CLIENT_TO_SERVER;
    bool early = ours && c->early_write_key;
    switch (change) {
    case TLS_KEY_KEEP:
        return TLS_OK;
    case TLS_KEY_TO_PLAINTEXT_IF_EARLY:
        if (early) {
            c->early_write_key = false;
            tls_record_direction_wipe(&c->tx);
            tls_record_direction_init(&c->tx);
            c->tx_key_name = NULL;
        }
        return TLS_OK;
    case TLS_KEY_TO_HANDSHAKE_UNLESS_EARLY:
        if (early) {
            return TLS_OK; /* App. A.1 "K_send = early data" until EncryptedExtensions / EOED */
        }
        break;
    case TLS_KEY_TO_HANDSHAKE_IF_EARLY_REJECTED:
        if (!early || c->info.early_data_accepted) {
            return TLS_OK;
        }
        break;
    case TLS_KEY_TO_HANDSHAKE:
        break;
    case TLS_KEY_TO_APPLICATION:
        return tls_client_install_keys(c, dir,
                                       ours ? TLS_SECRET_client_application_traffic_secret_0
                                            : TLS_SECRET_server_application_traffic_secret_0,
                                       ours ? c->client_application_traffic_secret
                                            : c->server_application_traffic_secret);
    case TLS_KEY_TO_NEXT_GENERATION:
        return next_generation(c, dir);
    default:
        return tls_client_fail(c, TLS_ALERT_internal_error, "RFC 8446 App. A.1: unknown key change");
    }
    /* the handshake traffic keys (§7.3) */
    if (ours) {
        c->early_write_key = false;
    }
    return tls_client_install_keys(c, dir,
                                   ours ? TLS_SECRET_client_handshake_traffic_secret
                                        : TLS_SECRET_server_handshake_traffic_secret,
                                   ours ? c->client_handshake_traffic_secret
                                        : c->server_handshake_traffic_secret);
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
    tls_client_emit_record(c, TLS_DIR_SERVER_TO_CLIENT, in, rec.total_len, pt->type, pt->content,
                           pt->length, padding, was_protected ? c->rx_key_name : NULL, seq);
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
        TRY(tls_client_dispatch(c, &msg, out));
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
/* After a handshake record: whose turn it is now, or NEED_MORE to read on. */
static enum tls_status after_handshake_record(const struct tls_client *c,
                                              enum tls_client_state before, unsigned tickets,
                                              unsigned generation)
{
    if (before == TLS_CLIENT_WAIT_SH && c->state == TLS_CLIENT_WAIT_SH) {
        return TLS_STATUS_CONTINUE; /* HelloRetryRequest: send ClientHello2 */
    }
    if (before != TLS_CLIENT_CONNECTED && c->state == TLS_CLIENT_CONNECTED) {
        return TLS_STATUS_HANDSHAKE_DONE;
    }
    if (c->tickets_received != tickets) {
        return TLS_STATUS_TICKET;
    }
    if (c->read_generation != generation) {
        return TLS_STATUS_KEY_UPDATE;
    }
    return TLS_STATUS_NEED_MORE;
}

/* One record's plaintext, by its true content type. *status NEED_MORE means "read on". */
static tls_result on_plaintext(struct tls_client *c, const struct tls_plaintext *pt,
                               struct tls_writer *out, const uint8_t **app_data,
                               size_t *app_data_len, enum tls_status *status)
{
    enum tls_client_state before = c->state;
    unsigned tickets = c->tickets_received;
    unsigned generation = c->read_generation;
    *status = TLS_STATUS_NEED_MORE;
    switch (pt->type) {
    case TLS_CT_alert:
        TRY(on_alert(c, pt));
        if (c->peer_closed) {
            *status = TLS_STATUS_CLOSED;
        }
        return TLS_OK;
    case TLS_CT_handshake:
        TRY(on_handshake_record(c, pt, out));
        *status = after_handshake_record(c, before, tickets, generation);
        return TLS_OK;
    case TLS_CT_application_data:
        if (c->state != TLS_CLIENT_CONNECTED) {
            /* §2: data before the server Finished is not authenticated; never release it. */
            return tls_client_fail(c, TLS_ALERT_unexpected_message,
                                   "RFC 8446 §5.1, §4.4.4: application data before the handshake completed");
        }
        c->key_updates_in_a_row = 0;
        if (pt->length > 0) { /* an empty record has nothing to hand out (§5.4 allows it) */
            *app_data = pt->content;
            *app_data_len = pt->length;
            *status = TLS_STATUS_APP_DATA;
        }
        return TLS_OK;
    default:
        return tls_client_fail(c, TLS_ALERT_unexpected_message,
                               "RFC 8446 §5: record of an unexpected content type");
    }
}

tls_result tls_client_process_records(struct tls_client *c, uint8_t *in, size_t in_len,
                                      size_t *consumed, struct tls_writer *out,
                                      const uint8_t **app_data, size_t *app_data_len,
                                      enum tls_status *status)
{
    *status = TLS_STATUS_NEED_MORE;
    while (*consumed < in_len && *status == TLS_STATUS_NEED_MORE) {
        struct tls_plaintext pt;
        size_t used;
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
        TRY(on_plaintext(c, &pt, out, app_data, app_data_len, status));
    }
    return TLS_OK;
}
