/*
 * decode_tls13.c — what each handshake message changes for a passive observer (RFC 8446 §4,
 * §4.4.1 transcript, §4.4.4 Finished, §7.1-§7.3 keys, §4.6.3 KeyUpdate, §4.5 EndOfEarlyData).
 *
 * Implementation notes
 * --------------------
 * The observer keeps the same transcript as the client (src/handshake/transcript.c), fed with
 * every handshake message in capture order, except the post-handshake ones (NewSessionTicket,
 * KeyUpdate, §4.6), which are not part of it. A HelloRetryRequest replaces ClientHello1 by a
 * message_hash (§4.4.1). Each Finished is recomputed before it is added:
 *
 *     finished_key = HKDF-Expand-Label(BaseKey, "finished", "", Hash.length)
 *     verify_data  = HMAC(finished_key, Transcript-Hash(Handshake Context, Certificate*, CV*))
 *
 * with BaseKey the sender's handshake traffic secret from the key log.
 *
 * Key changes (§7.3): the server's records after its ServerHello use the server handshake keys,
 * its records after its Finished the application keys; the client likewise (after the
 * ServerHello, or after EndOfEarlyData when it sent 0-RTT data, §4.5), and each KeyUpdate moves
 * its sender to the next generation:
 *     application_traffic_secret_N+1 = HKDF-Expand-Label(application_traffic_secret_N,
 *                                                        "traffic upd", "", Hash.length)
 */
#include <string.h>

#include "common/names.h"
#include "crypto/dtls13.h"
#include "crypto/util.h"
#include "decoder/decode_internal.h"
#include "decoder/dtls13_keys.h"
#include "handshake/certificate_verify.h"
#include "handshake/finished.h"
#include "handshake/key_update.h"
#include "handshake/server_hello.h"

/* Derives the keys of a logged traffic secret and installs them as current or pending. */
static bool install_secret(struct dec_conn *c, enum tls_direction dir,
                           const uint8_t *secret, const char *name, bool pending)
{
    struct dec_direction *d = &c->dir[dir];
    struct tls_traffic_keys keys;
    /* §7.3: write_key and write_iv come from the secret with the negotiated suite's AEAD; a
       suite this code does not implement (CCM) leaves the records to the inference. */
    if (c->suite == NULL || tls_traffic_keys_derive(c->suite, secret, &keys, NULL) != TLS_OK) {
        return false;
    }
    /* Installing restarts the sequence number at 0 (§5.3) and wipes the old keys. */
    struct tls_record_direction *target = pending ? &d->pending : &d->keys;
    tls_record_direction_install_keys(target, &keys, NULL);
    if (pending) {
        d->pending_name = name;
        d->has_pending = true;
    } else {
        d->keys_name = name;
    }
    return true;
}

/* The secret logged for this connection, if its length is the suite's Hash.length (§7.1). */
static const struct tls_keylog_entry *logged(struct dec_conn *c, enum tls_secret_id id)
{
    /* The key log names connections by ClientHello.random: without the ClientHello in the
       capture there is nothing to look up. */
    if (!c->have_client_hello) {
        return NULL;
    }
    const struct tls_keylog_entry *e = tls_keylog_find(c->dec->opt.keylog, c->client_random, id);
    /* A secret of another length belongs to another suite's hash: not this connection's. */
    if (e == NULL || e->secret_len != tls_hash_len(c->hash)) {
        return NULL;
    }
    return e;
}

void dec_install_handshake_keys(struct dec_conn *c)
{
    const struct tls_keylog_entry *cs = logged(c, TLS_SECRET_client_handshake_traffic_secret);
    const struct tls_keylog_entry *ss = logged(c, TLS_SECRET_server_handshake_traffic_secret);
    /* Kept beyond the keys: each Finished is HMAC'ed with a key derived from them (§4.4.4). */
    if (ss != NULL) {
        dec_model_secret(c, TLS_DIR_SERVER_TO_CLIENT, TLS_SECRET_server_handshake_traffic_secret, 0,
                         ss->secret);
        memcpy(c->server_hs_secret, ss->secret, ss->secret_len);
        install_secret(c, TLS_DIR_SERVER_TO_CLIENT, ss->secret, "handshake", false);
    }
    if (cs != NULL) {
        dec_model_secret(c, TLS_DIR_CLIENT_TO_SERVER, TLS_SECRET_client_handshake_traffic_secret, 0,
                         cs->secret);
        memcpy(c->client_hs_secret, cs->secret, cs->secret_len);
        /* A client that sent 0-RTT data keeps its early keys until EndOfEarlyData (§4.5);
           whether the server accepted them is not known yet, so both are kept. */
        bool early = c->dir[TLS_DIR_CLIENT_TO_SERVER].keys.is_protected;
        install_secret(c, TLS_DIR_CLIENT_TO_SERVER, cs->secret, "handshake", early);
    }
    c->have_hs_secrets = cs != NULL && ss != NULL;
    /* Tell the user when a key log was given but does not match: a wrong file is the usual
       reason, and "unknown" alone would not say it. */
    if (c->dec->opt.keylog != NULL && !c->have_hs_secrets) {
        dec_conn_note(c, "the key log has no handshake traffic secrets for this client random");
    }
}

void dec_install_app_keys(struct dec_conn *c, enum tls_direction dir)
{
    struct dec_direction *d = &c->dir[dir];
    enum tls_secret_id id = dir == TLS_DIR_CLIENT_TO_SERVER
                                ? TLS_SECRET_client_application_traffic_secret_0
                                : TLS_SECRET_server_application_traffic_secret_0;
    const struct tls_keylog_entry *e = logged(c, id);
    if (e == NULL) {
        /* No application keys: stop trying the handshake keys on application records. */
        tls_record_direction_wipe(&d->keys);
        return;
    }
    dec_model_secret(c, dir, id, 0, e->secret);
    const struct tls_keylog_entry *x = logged(c, TLS_SECRET_exporter_master_secret);
    if (dir == TLS_DIR_SERVER_TO_CLIENT && x != NULL) {
        dec_model_secret(c, dir, TLS_SECRET_exporter_master_secret, 0, x->secret);
    }
    /* Kept (not only its keys): each KeyUpdate derives the next generation from it (§7.2). */
    memcpy(d->app_secret, e->secret, e->secret_len);
    d->has_app_secret = true;
    d->generation = 0;
    install_secret(c, dir, e->secret, "application", false);
}

void dec_key_update_apply(struct dec_conn *c, enum tls_direction dir)
{
    struct dec_direction *d = &c->dir[dir];
    c->key_updates[dir]++;
    /* Without generation N the sender's later records cannot be opened: drop the stale keys
       so they are inferred instead of failing. */
    if (!d->has_app_secret) {
        tls_record_direction_wipe(&d->keys);
        return;
    }
    /* §7.2: application_traffic_secret_N+1 = HKDF-Expand-Label(_N, "traffic upd", "", Hash.length) */
    uint8_t next[TLS_MAX_HASH_LEN];
    if (tls_next_traffic_secret(c->hash, d->app_secret, next, NULL) != TLS_OK) {
        return;
    }
    memcpy(d->app_secret, next, sizeof(next));
    tls_wipe(next, sizeof(next));
    d->generation++;
    dec_model_secret(c, dir, dir == TLS_DIR_CLIENT_TO_SERVER
                                 ? TLS_SECRET_client_application_traffic_secret_0
                                 : TLS_SECRET_server_application_traffic_secret_0,
                     d->generation, d->app_secret);
    install_secret(c, dir, d->app_secret, "application (after KeyUpdate)", false);
}

/* The Finished check as the model shows it: each input of the computation, then the verdict. */
/* HKDF-Expand-Label's prefix: "tls13 ", or DTLS 1.3's "dtls13" (RFC 9147 §5.9). */
static const char *label_prefix(const struct dec_conn *c)
{
    return c->dtls != NULL ? TLS_DTLS13_LABEL_PREFIX : "tls13 ";
}

static void model_finished(struct dec_conn *c, enum tls_direction dir, const uint8_t *base,
                           const uint8_t *th, size_t thl, const uint8_t *expected,
                           const struct tls_bytes *received, enum tls_finished_status st)
{
    if (c->model == NULL) {
        return;
    }
    bool client = dir == TLS_DIR_CLIENT_TO_SERVER;
    struct tls_model_check *k = dec_model_check(
        c, client ? "client Finished" : "server Finished", "§4.4.4",
        "finished_key = HKDF-Expand-Label(BaseKey, \"finished\", \"\", Hash.length); "
        "verify_data = HMAC(finished_key, Transcript-Hash(Handshake Context, Certificate*, "
        "CertificateVerify*))");
    if (k == NULL) {
        return;
    }
    size_t hl = tls_hash_len(c->hash);
    uint8_t fk[TLS_MAX_HASH_LEN];
    k->result = (int)st;
    dec_model_row(k, "BaseKey", NULL, 0, client ? "client_handshake_traffic_secret"
                                                : "server_handshake_traffic_secret");
    tls_result fk_rc = tls_finished_key_prefixed(c->hash, label_prefix(c), base, fk, NULL);
    if (fk_rc == TLS_OK) {
        dec_model_row(k, "finished_key", fk, hl, NULL);
    }
    tls_wipe(fk, sizeof(fk));
    dec_model_row(k, client ? "Transcript-Hash(ClientHello...server Finished)"
                            : "Transcript-Hash(ClientHello...CertificateVerify)", th, thl, NULL);
    dec_model_row(k, "verify_data computed", expected, hl, NULL);
    dec_model_row(k, "verify_data received", received->data, received->len, NULL);
    dec_model_row(k, "result", NULL, 0, st == TLS_FINISHED_VERIFIED ? "equal: verified"
                                                                    : "different: failed");
}

/* §4.4.4; DTLS 1.3 derives finished_key with the "dtls13" label prefix (RFC 9147 §5.9). */
static tls_result finished_verify_data(struct dec_conn *c, const uint8_t *base, const uint8_t *th,
                                       uint8_t *expected)
{
    return tls_finished_verify_data_prefixed(c->hash, label_prefix(c), base, th, expected, NULL);
}

/* §4.4.4: recompute the sender's verify_data over the transcript so far. */
static void verify_finished(struct dec_conn *c, enum tls_direction dir,
                            const struct tls_handshake_message *msg, struct dec_record *rd)
{
    size_t hl = tls_hash_len(c->hash);
    enum tls_finished_status st = TLS_FINISHED_UNKNOWN;
    struct tls_bytes vd = {msg->body, msg->length};
    struct tls_error err = {0};
    /* §4.4.4: verify_data is exactly Hash.length bytes; any other length cannot match. */
    if (hl != 0 && tls_finished_parse(msg->body, msg->length, hl, &vd, &err) != TLS_OK) {
        dec_fact_note(rd, err.reason);
        st = TLS_FINISHED_FAILED;
    }
    /* verify_data itself is among the message's fields (the describer, render_text.c). */
    uint8_t th[TLS_MAX_HASH_LEN];
    uint8_t expected[TLS_MAX_HASH_LEN];
    size_t thl = 0;
    /* §4.4: BaseKey is the sender's handshake traffic secret; the transcript is everything
       before this Finished (the peer's Finished included, for the client's). */
    const uint8_t *base = dir == TLS_DIR_CLIENT_TO_SERVER ? c->client_hs_secret : c->server_hs_secret;
    if (st == TLS_FINISHED_UNKNOWN && c->have_hs_secrets && c->transcript_ok &&
        tls_transcript_peek(&c->transcript, th, &thl, NULL) == TLS_OK &&
        finished_verify_data(c, base, th, expected) == TLS_OK) {
        st = tls_ct_equal(expected, vd.data, hl) ? TLS_FINISHED_VERIFIED : TLS_FINISHED_FAILED;
        model_finished(c, dir, base, th, thl, expected, &vd, st);
        dec_fact_finished13(rd, dir, st, th, thl, expected, hl);
    } else if (st == TLS_FINISHED_UNKNOWN) {
        dec_fact_finished13(rd, dir, st, NULL, 0, NULL, 0);
    }
    tls_wipe(expected, sizeof(expected));
    if (dir == TLS_DIR_CLIENT_TO_SERVER) {
        c->client_finished = st;
    } else {
        c->server_finished = st;
    }
}

/* §4.4.1: the transcript after a ServerHello or HelloRetryRequest. */
static void transcript_server_hello(struct dec_conn *c, const struct tls_handshake_message *msg)
{
    if (!c->transcript_ok || c->hash == TLS_HASH_NONE) {
        c->transcript_ok = false;
        return;
    }
    bool ok = true;
    if (c->transcript.alg == TLS_HASH_NONE) {
        ok = tls_transcript_select(&c->transcript, c->hash, NULL) == TLS_OK;
    }
    if (ok && c->hrr && c->transcript.messages == 1) {
        /* §4.4.1: ClientHello1 is replaced by message_hash before the HRR is added. */
        /* NSS's DTLS 1.3 draft 43 builds it with a 12-byte DTLS header (dtls13_keys.h). */
        ok = c->dtls != NULL && dtls13_nss_draft(c->version)
                 ? dtls13_draft_message_hash(c)
                 : tls_transcript_replace_client_hello1(&c->transcript, NULL) == TLS_OK;
    }
    c->transcript_ok = ok && tls_transcript_add(&c->transcript, msg->bytes, msg->total_len, NULL) == TLS_OK;
}

static void add_transcript(struct dec_conn *c, const struct tls_handshake_message *msg)
{
    dec_transcript_add(c, msg->bytes, msg->total_len);
}

/* §4.4.3: the CertificateVerify signs the transcript up to the Certificate. */
static void verify_signature(struct dec_conn *c, enum tls_direction dir,
                             const struct tls_handshake_message *msg, struct dec_record *rd)
{
    struct tls_certificate_verify cv;
    if (tls_certificate_verify_parse(msg->body, msg->length, &cv, NULL) != TLS_OK) {
        return;
    }
    dec_verify_certificate_verify(c, dir, cv.algorithm, cv.signature.data, cv.signature.len, rd);
}

/* The messages of a TLS 1.3 handshake after the ServerHello. */
static void tls13_message(struct dec_conn *c, enum tls_direction dir,
                          const struct tls_handshake_message *msg, struct dec_record *rd)
{
    struct dec_direction *d = &c->dir[dir];
    dec_print_tls13_message(c, dir, msg, rd);
    /* App. A.1: what this message changes in the keys of its sender's next record (§7.3). */
    enum tls_key_change sender_next, receiver_next;
    tls13_key_changes(dir, msg->msg_type, &sender_next, &receiver_next);
    switch (msg->msg_type) {
    case TLS_HT_finished:
        if (d->sent_finished) {
            /* §4.6.2: a Finished after the handshake ends post-handshake authentication; its
               BaseKey is an application traffic secret, and it is not checked here. */
            dec_fact_note(rd, "post-handshake authentication Finished (§4.6.2): not verified");
            break;
        }
        verify_finished(c, dir, msg, rd);
        add_transcript(c, msg);
        if (dir == TLS_DIR_SERVER_TO_CLIENT) {
            dec_model_server_finished_hash(c); /* the application secrets' context (§7.1) */
        }
        d->sent_finished = true;
        /* §7.3: the sender's next record uses its application traffic keys. */
        d->change_after = sender_next;
        if (dir == TLS_DIR_CLIENT_TO_SERVER) {
            /* The handshake stage is over: its secrets are no longer needed (STYLE: wipe
               secrets when their stage ends). */
            tls_wipe(c->client_hs_secret, sizeof(c->client_hs_secret));
            tls_wipe(c->server_hs_secret, sizeof(c->server_hs_secret));
        }
        break;
    case TLS_HT_end_of_early_data:
        /* §4.5: the last message under the early keys; the handshake keys follow. */
        add_transcript(c, msg);
        d->change_after = sender_next;
        break;
    case TLS_HT_key_update:
        /* §4.6.3: the sender's records after this one use generation N+1. Post-handshake
           messages are not part of the transcript. */
        d->change_after = sender_next;
        break;
    case TLS_HT_new_session_ticket:
        break; /* §4.6.1: post-handshake, not in the transcript */
    case TLS_HT_certificate_verify:
        verify_signature(c, dir, msg, rd);
        add_transcript(c, msg);
        break;
    case TLS_HT_certificate:
        if (dir == TLS_DIR_SERVER_TO_CLIENT) {
            c->server_certificate = true;
        }
        add_transcript(c, msg);
        break;
    default:
        add_transcript(c, msg);
        break;
    }
}

/* 0-RTT (§4.2.10): the client's records after its ClientHello use client_early_traffic_secret,
   under the suite of the PSK, which the capture does not show: guessed from the secret's length
   (48 bytes: SHA-384, whose only suite is TLS_AES_256_GCM_SHA384; 32: SHA-256, taken to be
   TLS_AES_128_GCM_SHA256 rather than TLS_CHACHA20_POLY1305_SHA256). */
static void install_early_keys(struct dec_conn *c)
{
    const struct tls_keylog_entry *e = tls_keylog_find(c->dec->opt.keylog, c->client_random,
                                                       TLS_SECRET_client_early_traffic_secret);
    if (e == NULL) {
        return;
    }
    const struct tls_cipher_suite *suite = tls_cipher_suite_find(
        e->secret_len == 48 ? TLS_SUITE_TLS_AES_256_GCM_SHA384 : TLS_SUITE_TLS_AES_128_GCM_SHA256);
    struct tls_traffic_keys keys;
    if (suite == NULL || tls_traffic_keys_derive(suite, e->secret, &keys, NULL) != TLS_OK) {
        return;
    }
    tls_record_direction_install_keys(&c->dir[TLS_DIR_CLIENT_TO_SERVER].keys, &keys, NULL);
    c->dir[TLS_DIR_CLIENT_TO_SERVER].keys_name = "early (0-RTT)";
    if (e->secret_len == tls_hash_len(c->hash)) {
        dec_model_secret(c, TLS_DIR_CLIENT_TO_SERVER, TLS_SECRET_client_early_traffic_secret, 0,
                         e->secret);
    }
}

static void hello_message(struct dec_conn *c, enum tls_direction dir,
                          const struct tls_handshake_message *msg, struct dec_record *rd)
{
    if (msg->msg_type == TLS_HT_client_hello) {
        dec_print_client_hello(c, msg->body, msg->length, rd);
        add_transcript(c, msg);
        if (c->offered_early_data && c->dec->opt.keylog != NULL) {
            install_early_keys(c);
        }
        return;
    }
    (void)dir;
    bool was_hrr = c->hrr;
    dec_print_server_hello(c, msg->body, msg->length, rd);
    if (!c->tls13) {
        /* TLS 1.2: the Finished hashes every handshake message (RFC 5246 §7.4.9); the keys
           come from the master secret, when logged. */
        add_transcript(c, msg);
        if (c->have_server_hello && c->have_client_hello && c->dec->opt.keylog != NULL) {
            dec_tls12_derive_keys(c);
        }
        return;
    }
    transcript_server_hello(c, msg);
    if (c->hrr && !was_hrr) {
        return; /* a HelloRetryRequest: no keys yet, a second ClientHello follows (§4.1.4) */
    }
    dec_install_handshake_keys(c);
}

void dec_handshake_message(struct dec_conn *c, enum tls_direction dir,
                           const struct tls_handshake_message *msg, struct dec_record *r)
{
    struct tls_decoded_record *p = &r->pub;
    if (p->message_count < TLS_DECODE_MAX_MESSAGES) {
        p->messages[p->message_count].type = msg->msg_type;
        p->messages[p->message_count].length = msg->length;
        p->message_count++;
    }
    if (c->dec->opt.on_message != NULL) {
        c->dec->opt.on_message(c->dec->opt.observer_ctx, c->info.id, dir, msg);
    }
    const char *name = tls_handshake_type_name(msg->msg_type);
    if (msg->msg_type == TLS_HT_server_hello && msg->length >= 34 &&
        memcmp(msg->body + 2, tls_hello_retry_request_random, TLS_RANDOM_LEN) == 0) {
        name = "server_hello (HelloRetryRequest, RFC 8446 §4.1.4)";
    }
    dec_fact_message_header(r, name, msg->msg_type, msg->length);
    /* The hellos decide the version; what follows is read as TLS 1.3 or as TLS 1.2. */
    if (msg->msg_type == TLS_HT_client_hello || msg->msg_type == TLS_HT_server_hello) {
        hello_message(c, dir, msg, r);
    } else if (c->have_server_hello && c->tls13) {
        tls13_message(c, dir, msg, r);
    } else if (msg->msg_type == TLS_HT_finished) {
        /* TLS 1.2 Finished, decrypted: checked, then part of the peer's Finished hash. */
        c->dir[dir].sent_finished = true;
        dec_fact_message_fields(r, msg->msg_type, msg->body, msg->length, true);
        dec_tls12_verify_finished(c, dir, msg, r);
        add_transcript(c, msg);
    } else {
        dec_print_tls12_message(c, dir, msg, r);
        /* RFC 5246 §7.4.9: handshake_messages excludes HelloRequest. */
        if (msg->msg_type != TLS_HT_hello_request) {
            add_transcript(c, msg);
        }
    }
}
