/*
 * reference.c — the project's implementation of every exercise step, as thin adapters over the
 * core (src/record, src/handshake, src/crypto). The runtime uses these for every exercise the
 * student is not running, and the grader computes some expected values with them (each check
 * names its source). They are deliberately NOT the reference solution (course/solution/): that
 * one is what a student writes; these call the project's code that the course is built on.
 */
#include <string.h>

#include <stdio.h>

#include "common/names.h"
#include "course_internal.h"
#include "crypto/aead.h"
#include "crypto/hash.h"
#include "crypto/hkdf.h"
#include "crypto/key_schedule.h"
#include "crypto/util.h"
#include "handshake/finished.h"
#include "handshake/handshake_msg.h"
#include "handshake/key_update.h"
#include "handshake/new_session_ticket.h"
#include "record/alert.h"
#include "record/protect.h"
#include "record/record.h"

static enum tls_hash_alg alg_of(size_t hash_len)
{
    return hash_len == 48 ? TLS_HASH_SHA384 : hash_len == 32 ? TLS_HASH_SHA256 : TLS_HASH_NONE;
}

/* --- records --------------------------------------------------------------------------- */

course_result ref_read_record(const uint8_t *data, size_t len, bool ccs_allowed,
                              struct course_record *rec, size_t *consumed)
{
    struct tls_record r;
    size_t need = 0;
    *consumed = 0;
    /* read_protected = true: the 2^14 + 256 limit of a TLSCiphertext, course.h's contract */
    TRY(tls_record_deframe(data, len, true, &r, &need, NULL));
    if (need > 0) {
        return COURSE_NEED_MORE;
    }
    if (r.type == CT_CHANGE_CIPHER_SPEC) {
        /* §5: a CCS {0x01} between ClientHello and the peer's Finished is dropped; any other is
         * unexpected_message. */
        if (!ccs_allowed || r.length != 1 || r.fragment[0] != 0x01) {
            return COURSE_ALERT(ALERT_UNEXPECTED_MESSAGE);
        }
        *consumed = r.total_len;
        return COURSE_DROP;
    }
    rec->type = r.type;
    rec->legacy_record_version = r.legacy_record_version;
    rec->length = r.length;
    rec->header = r.header;
    rec->fragment = r.fragment;
    *consumed = r.total_len;
    return COURSE_OK;
}

/* --- keys ------------------------------------------------------------------------------ */

course_result ref_traffic_keys(struct course_direction *d)
{
    struct tls_traffic_keys keys;
    const struct tls_cipher_suite *s = d->suite ? tls_cipher_suite_find(d->suite->id) : NULL;
    if (s == NULL) {
        return COURSE_ALERT(ALERT_INTERNAL_ERROR);
    }
    TRY(tls_traffic_keys_derive(s, d->secret, &keys, NULL));
    memcpy(d->key, keys.key, s->key_len);
    memcpy(d->iv, keys.iv, TLS_IV_LEN);
    d->seq = 0;
    tls_traffic_keys_wipe(&keys);
    return COURSE_OK;
}

course_result ref_get_handshake_cipher(const struct course_suite *suite, const uint8_t *shared,
                                       size_t shared_len, const uint8_t *hello_hash,
                                       struct course_handshake_keys *out)
{
    struct tls_key_schedule ks;
    memset(out, 0, sizeof(*out));
    TRY(tls_ks_early(&ks, alg_of(suite->hash_len), NULL, 0, NULL));
    TRY(tls_ks_handshake(&ks, shared, shared_len, NULL));
    memcpy(out->handshake_secret, ks.secret, suite->hash_len);
    out->client.suite = suite;
    out->server.suite = suite;
    TRY(tls_ks_derive(&ks, TLS_SECRET_client_handshake_traffic_secret, hello_hash,
                      out->client.secret, NULL));
    TRY(tls_ks_derive(&ks, TLS_SECRET_server_handshake_traffic_secret, hello_hash,
                      out->server.secret, NULL));
    tls_ks_wipe(&ks);
    TRY(ref_traffic_keys(&out->client));
    return ref_traffic_keys(&out->server);
}

course_result ref_get_application_cipher(const struct course_suite *suite,
                                         const uint8_t *handshake_secret,
                                         const uint8_t *handshake_hash,
                                         struct course_application_keys *out)
{
    struct tls_key_schedule ks = {.alg = alg_of(suite->hash_len), .stage = TLS_KS_HANDSHAKE};
    memset(out, 0, sizeof(*out));
    memcpy(ks.secret, handshake_secret, suite->hash_len);
    TRY(tls_ks_master(&ks, NULL));
    memcpy(out->master_secret, ks.secret, suite->hash_len);
    out->client.suite = suite;
    out->server.suite = suite;
    TRY(tls_ks_derive(&ks, TLS_SECRET_client_application_traffic_secret_0, handshake_hash,
                      out->client.secret, NULL));
    TRY(tls_ks_derive(&ks, TLS_SECRET_server_application_traffic_secret_0, handshake_hash,
                      out->server.secret, NULL));
    tls_ks_wipe(&ks);
    TRY(ref_traffic_keys(&out->client));
    return ref_traffic_keys(&out->server);
}

course_result ref_update_traffic_keys(struct course_direction *d)
{
    uint8_t next[TLS_MAX_HASH_LEN];
    TRY(tls_next_traffic_secret(alg_of(d->suite->hash_len), d->secret, next, NULL));
    memcpy(d->secret, next, d->suite->hash_len);
    tls_wipe(next, sizeof(next));
    return ref_traffic_keys(d);
}

/* --- record protection ----------------------------------------------------------------- */

/* A project record direction holding d's keys and sequence number. */
static course_result to_direction(const struct course_direction *d, struct tls_record_direction *rd)
{
    tls_record_direction_init(rd);
    rd->keys.suite = d->suite ? tls_cipher_suite_find(d->suite->id) : NULL;
    if (rd->keys.suite == NULL) {
        return COURSE_ALERT(ALERT_INTERNAL_ERROR);
    }
    memcpy(rd->keys.key, d->key, rd->keys.suite->key_len);
    memcpy(rd->keys.iv, d->iv, TLS_IV_LEN);
    rd->is_protected = true;
    rd->seq = d->seq;
    return COURSE_OK;
}

course_result ref_decrypt_record(struct course_direction *d, const struct course_record *rec,
                                 uint8_t *out, size_t out_cap, struct course_plaintext *pt)
{
    struct tls_record_direction rd;
    struct tls_plaintext p;
    struct tls_record r = {
        .type = rec->type,
        .legacy_record_version = rec->legacy_record_version,
        .length = rec->length,
        .header = rec->header,
        .fragment = rec->fragment,
        .total_len = COURSE_RECORD_HEADER_LEN + (size_t)rec->length,
    };
    TRY(to_direction(d, &rd));
    course_result rc = tls_record_open(&rd, &r, out, out_cap, &p, NULL);
    d->seq = rd.seq;
    tls_record_direction_wipe(&rd);
    if (rc == COURSE_OK) {
        pt->type = p.type;
        pt->content = p.content;
        pt->length = p.length;
    }
    return rc;
}

course_result ref_encrypt_record_padded(struct course_direction *d, uint8_t type,
                                        const uint8_t *content, size_t len, size_t padding,
                                        uint8_t *out, size_t out_cap, size_t *out_len)
{
    struct tls_record_direction rd;
    struct tls_writer w;
    TRY(to_direction(d, &rd));
    tls_writer_init(&w, out, out_cap);
    course_result rc = tls_record_write(&rd, type, content, len, padding, &w, NULL);
    d->seq = rd.seq;
    tls_record_direction_wipe(&rd);
    *out_len = w.len;
    return rc;
}

course_result ref_encrypt_record(struct course_direction *d, uint8_t type, const uint8_t *content,
                                 size_t len, uint8_t *out, size_t out_cap, size_t *out_len)
{
    return ref_encrypt_record_padded(d, type, content, len, 0, out, out_cap, out_len);
}

/* --- transcript ------------------------------------------------------------------------ */

course_result ref_update_transcript(struct course_transcript *t, const struct course_message *m)
{
    /* §4.4.1: handshake messages only, header included; no record headers, no CCS, no alerts */
    if (m->content_type != CT_HANDSHAKE) {
        return COURSE_OK;
    }
    if (m->len > sizeof(t->bytes) - t->len) {
        return COURSE_ALERT(ALERT_INTERNAL_ERROR);
    }
    memcpy(t->bytes + t->len, m->bytes, m->len);
    t->len += m->len;
    return COURSE_OK;
}

course_result ref_transcript_hash(const struct course_transcript *t, size_t hash_len, uint8_t *out)
{
    return course_hash(hash_len, t->bytes, t->len, out);
}

course_result ref_transcript_hello_retry(struct course_transcript *t, size_t hash_len)
{
    uint8_t h[TLS_MAX_HASH_LEN];
    TRY(course_hash(hash_len, t->bytes, t->len, h));
    t->bytes[0] = HS_MESSAGE_HASH;
    t->bytes[1] = 0;
    t->bytes[2] = 0;
    t->bytes[3] = (uint8_t)hash_len;
    memcpy(t->bytes + 4, h, hash_len);
    t->len = 4 + hash_len;
    return COURSE_OK;
}

/* --- finished -------------------------------------------------------------------------- */

course_result ref_finished_key(size_t hash_len, const uint8_t *base_key, uint8_t *out)
{
    return tls_finished_key(alg_of(hash_len), base_key, out, NULL);
}

course_result ref_compute_verify_data(size_t hash_len, const uint8_t *base_key,
                                      const uint8_t *transcript_hash, uint8_t *out)
{
    return tls_finished_verify_data(alg_of(hash_len), base_key, transcript_hash, out, NULL);
}

course_result ref_check_server_finished(const struct course_handshake_keys *keys,
                                        const uint8_t *transcript_hash, const uint8_t *finished,
                                        size_t finished_len)
{
    size_t hl = keys->server.suite->hash_len;
    struct tls_handshake_msg msg;
    struct tls_bytes vd;
    uint8_t expected[TLS_MAX_HASH_LEN];
    TRY(tls_handshake_msg_parse(finished, finished_len, &msg, NULL));
    if (msg.msg_type != HS_FINISHED) {
        return COURSE_ALERT(ALERT_UNEXPECTED_MESSAGE);
    }
    TRY(tls_finished_parse(msg.body.data, msg.body.len, hl, &vd, NULL));
    TRY(ref_compute_verify_data(hl, keys->server.secret, transcript_hash, expected));
    return tls_ct_equal(expected, vd.data, hl) ? COURSE_OK : COURSE_ALERT(ALERT_DECRYPT_ERROR);
}

course_result ref_build_client_finished(const struct course_handshake_keys *keys,
                                        const uint8_t *transcript_hash, uint8_t *out,
                                        size_t out_cap, size_t *out_len)
{
    size_t hl = keys->client.suite->hash_len;
    uint8_t vd[TLS_MAX_HASH_LEN];
    struct tls_writer w;
    TRY(ref_compute_verify_data(hl, keys->client.secret, transcript_hash, vd));
    tls_writer_init(&w, out, out_cap);
    TRY(tls_finished_encode(&w, vd, hl, NULL));
    *out_len = w.len;
    return COURSE_OK;
}

/* --- after the handshake --------------------------------------------------------------- */

static course_result ref_post_handshake_message(struct course_direction *read,
                                                const struct course_plaintext *pt,
                                                size_t *consumed, struct course_event *ev)
{
    struct tls_handshake_msg msg;
    TRY(tls_handshake_msg_next(pt->content, pt->length, &msg, consumed, NULL));
    switch (msg.msg_type) {
    case HS_NEW_SESSION_TICKET: {
        struct tls_new_session_ticket nst;
        TRY(tls_new_session_ticket_parse(msg.body.data, msg.body.len, &nst, NULL));
        ev->type = COURSE_EVENT_NEW_SESSION_TICKET;
        ev->ticket_lifetime = nst.ticket_lifetime;
        ev->ticket_age_add = nst.ticket_age_add;
        ev->ticket_nonce = nst.ticket_nonce.data;
        ev->ticket_nonce_len = nst.ticket_nonce.len;
        ev->ticket = nst.ticket.data;
        ev->ticket_len = nst.ticket.len;
        return COURSE_OK;
    }
    case HS_KEY_UPDATE: {
        enum tls_key_update_request req;
        TRY(tls_key_update_parse(msg.body.data, msg.body.len, &req, NULL));
        TRY(ref_update_traffic_keys(read));
        ev->type = COURSE_EVENT_KEY_UPDATE;
        ev->update_requested = req == TLS_KEY_UPDATE_update_requested;
        return COURSE_OK;
    }
    default:
        return COURSE_ALERT(ALERT_UNEXPECTED_MESSAGE);
    }
}

course_result ref_handle_post_handshake(struct course_direction *read,
                                        const struct course_plaintext *pt, size_t *consumed,
                                        struct course_event *ev)
{
    memset(ev, 0, sizeof(*ev));
    *consumed = 0;
    switch (pt->type) {
    case CT_APPLICATION_DATA:
        ev->type = COURSE_EVENT_APPLICATION_DATA;
        ev->data = pt->content;
        ev->data_len = pt->length;
        *consumed = pt->length;
        return COURSE_OK;
    case CT_ALERT: {
        struct tls_alert alert;
        enum tls_alert_action action;
        unsigned user_canceled = 0;
        TRY(tls_alert_process(pt->content, pt->length, &user_canceled, &alert, &action, NULL));
        *consumed = pt->length;
        ev->type = action == TLS_ALERT_ACTION_closed ? COURSE_EVENT_CLOSE_NOTIFY : COURSE_EVENT_NONE;
        return COURSE_OK;
    }
    case CT_HANDSHAKE:
        return ref_post_handshake_message(read, pt, consumed, ev);
    default:
        return COURSE_ALERT(ALERT_UNEXPECTED_MESSAGE);
    }
}

/* --- the table ------------------------------------------------------------------------- */

const char *const course_exercise_names[EX_COUNT] = {
    "records", "handshake_keys", "decrypt", "transcript",
    "finished", "application_keys", "post_handshake",
};

int course_exercise_find(const char *name)
{
    for (int i = 0; i < EX_COUNT; i++) {
        if (strcmp(name, course_exercise_names[i]) == 0) {
            return i;
        }
    }
    return -1;
}

void course_impl_select(struct course_impl *impl, unsigned student_mask)
{
#define PICK(ex, field, student, project) \
    impl->field = (student_mask & (1u << (ex))) ? (student) : (project)
    PICK(EX_RECORDS, read_record, read_record, ref_read_record);
    PICK(EX_HANDSHAKE_KEYS, get_handshake_cipher, get_handshake_cipher, ref_get_handshake_cipher);
    PICK(EX_DECRYPT, decrypt_record, decrypt_record, ref_decrypt_record);
    PICK(EX_DECRYPT, encrypt_record, encrypt_record, ref_encrypt_record);
    PICK(EX_TRANSCRIPT, update_transcript, update_transcript, ref_update_transcript);
    PICK(EX_TRANSCRIPT, transcript_hash, transcript_hash, ref_transcript_hash);
    PICK(EX_TRANSCRIPT, transcript_hello_retry, transcript_hello_retry, ref_transcript_hello_retry);
    PICK(EX_FINISHED, check_server_finished, check_server_finished, ref_check_server_finished);
    PICK(EX_FINISHED, build_client_finished, build_client_finished, ref_build_client_finished);
    PICK(EX_APPLICATION_KEYS, get_application_cipher, get_application_cipher,
         ref_get_application_cipher);
    PICK(EX_POST_HANDSHAKE, handle_post_handshake, handle_post_handshake, ref_handle_post_handshake);
    PICK(EX_POST_HANDSHAKE, update_traffic_keys, update_traffic_keys, ref_update_traffic_keys);
#undef PICK
}

/* --- printing -------------------------------------------------------------------------- */

const char *course_result_name(course_result rc, char *buf, size_t cap)
{
    if (rc == COURSE_OK) {
        snprintf(buf, cap, "COURSE_OK");
    } else if (rc == COURSE_TODO) {
        snprintf(buf, cap, "COURSE_TODO");
    } else if (rc == COURSE_NEED_MORE) {
        snprintf(buf, cap, "COURSE_NEED_MORE");
    } else if (rc == COURSE_DROP) {
        snprintf(buf, cap, "COURSE_DROP");
    } else if (TLS_IS_LOCAL_ALERT(rc)) {
        snprintf(buf, cap, "COURSE_ALERT(%s(%d))", tls_alert_name(tls_result_alert(rc)),
                 (int)tls_result_alert(rc));
    } else if (TLS_IS_PEER_ALERT(rc)) {
        snprintf(buf, cap, "COURSE_PEER_ALERT(%s(%d))", tls_alert_name(tls_result_alert(rc)),
                 (int)tls_result_alert(rc));
    } else {
        snprintf(buf, cap, "%d (not a course_result)", rc);
    }
    return buf;
}

const char *course_hex(const uint8_t *p, size_t n, char *buf, size_t cap)
{
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (o + 3 > cap) { /* no room for two digits and the NUL: end with "..." */
            if (cap >= 4) {
                memcpy(buf + cap - 4, "...", 4);
            }
            break;
        }
        o += (size_t)snprintf(buf + o, cap - o, "%02x", p[i]);
    }
    return buf;
}
