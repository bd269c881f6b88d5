/*
 * post_handshake.c — exercise 7: what arrives after the handshake (RFC 8446 §4.6.1, §4.6.3,
 * §6.1, §7.2). Reference solution.
 */
#include <string.h>

#include "course.h"

course_result update_traffic_keys(struct course_direction *d)
{
    size_t hl = d->suite->hash_len;
    uint8_t next[COURSE_MAX_HASH_LEN];
    /* application_traffic_secret_N+1 = HKDF-Expand-Label(_N, "traffic upd", "", Hash.length) */
    course_result rc = course_hkdf_expand_label(hl, d->secret, "traffic upd", NULL, 0, next, hl);
    if (rc != COURSE_OK) {
        return rc;
    }
    memcpy(d->secret, next, hl);
    if ((rc = course_hkdf_expand_label(hl, d->secret, "key", NULL, 0, d->key, d->suite->key_len)) !=
            COURSE_OK ||
        (rc = course_hkdf_expand_label(hl, d->secret, "iv", NULL, 0, d->iv, d->suite->iv_len)) !=
            COURSE_OK) {
        return rc;
    }
    d->seq = 0; /* §5.3: reset whenever the key changes */
    return COURSE_OK;
}

static uint32_t u32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* struct { uint32 ticket_lifetime; uint32 ticket_age_add; opaque ticket_nonce<0..255>;
 *          opaque ticket<1..2^16-1>; Extension extensions<0..2^16-2>; } NewSessionTicket; */
static course_result new_session_ticket(const uint8_t *b, size_t len, struct course_event *ev)
{
    size_t at = 8;
    if (len < at + 1) {
        return COURSE_ALERT(ALERT_DECODE_ERROR);
    }
    ev->ticket_lifetime = u32(b);
    ev->ticket_age_add = u32(b + 4);
    ev->ticket_nonce_len = b[at++];
    ev->ticket_nonce = b + at;
    at += ev->ticket_nonce_len;
    if (len < at + 2) {
        return COURSE_ALERT(ALERT_DECODE_ERROR);
    }
    ev->ticket_len = (size_t)b[at] << 8 | b[at + 1];
    at += 2;
    ev->ticket = b + at;
    at += ev->ticket_len;
    if (ev->ticket_len == 0 || len < at + 2) {
        return COURSE_ALERT(ALERT_DECODE_ERROR);
    }
    size_t ext_len = (size_t)b[at] << 8 | b[at + 1];
    if (len != at + 2 + ext_len) {
        return COURSE_ALERT(ALERT_DECODE_ERROR);
    }
    ev->type = COURSE_EVENT_NEW_SESSION_TICKET;
    return COURSE_OK;
}

course_result handle_post_handshake(struct course_direction *read, const struct course_plaintext *pt,
                                    size_t *consumed, struct course_event *ev)
{
    memset(ev, 0, sizeof(*ev));
    *consumed = 0;
    const uint8_t *p = pt->content;
    switch (pt->type) {
    case CT_APPLICATION_DATA:
        ev->type = COURSE_EVENT_APPLICATION_DATA;
        ev->data = p;
        ev->data_len = pt->length;
        *consumed = pt->length;
        return COURSE_OK;
    case CT_ALERT:
        /* struct { AlertLevel level; AlertDescription description; } Alert; (§6) */
        if (pt->length != 2) {
            return COURSE_ALERT(ALERT_DECODE_ERROR);
        }
        *consumed = 2;
        if (p[1] == ALERT_CLOSE_NOTIFY) { /* a closure alert, whatever the level (§6.1) */
            ev->type = COURSE_EVENT_CLOSE_NOTIFY;
            return COURSE_OK;
        }
        return COURSE_PEER_ALERT(p[1]); /* an error alert: the connection is over (§6.2) */
    case CT_HANDSHAKE:
        break;
    default:
        return COURSE_ALERT(ALERT_UNEXPECTED_MESSAGE);
    }
    /* One handshake message: msg_type, uint24 length, body. */
    if (pt->length < COURSE_HANDSHAKE_HEADER_LEN) {
        return COURSE_ALERT(ALERT_DECODE_ERROR);
    }
    size_t body_len = (size_t)p[1] << 16 | (size_t)p[2] << 8 | p[3];
    if (pt->length - COURSE_HANDSHAKE_HEADER_LEN < body_len) {
        return COURSE_ALERT(ALERT_DECODE_ERROR);
    }
    const uint8_t *body = p + COURSE_HANDSHAKE_HEADER_LEN;
    course_result rc;
    switch (p[0]) {
    case HS_NEW_SESSION_TICKET:
        rc = new_session_ticket(body, body_len, ev);
        break;
    case HS_KEY_UPDATE:
        /* struct { KeyUpdateRequest request_update; } KeyUpdate; -- one byte, 0 or 1 */
        if (body_len != 1) {
            return COURSE_ALERT(ALERT_DECODE_ERROR);
        }
        if (body[0] > 1) {
            return COURSE_ALERT(ALERT_ILLEGAL_PARAMETER);
        }
        rc = update_traffic_keys(read); /* the sender now uses its next secret */
        ev->type = COURSE_EVENT_KEY_UPDATE;
        ev->update_requested = body[0] == 1;
        break;
    default:
        return COURSE_ALERT(ALERT_UNEXPECTED_MESSAGE);
    }
    if (rc == COURSE_OK) {
        *consumed = COURSE_HANDSHAKE_HEADER_LEN + body_len;
    }
    return rc;
}
