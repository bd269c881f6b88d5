/*
 * vectors_state.c — the vector checker's memory: step outputs and their reporting, the
 * transcript (RFC 8446 §4.4.1), the lazily computed key schedule (§7.1) and the (EC)DHE
 * shared secret (§7.4). See vectors_state.h and vectors_check.h.
 */
#include "cli/vectors_state.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/vectors_messages.h"
#include "common/names.h"
#include "crypto/hkdf.h"
#include "crypto/util.h"

const char *vc_side_name(enum vc_side side)
{
    return side == VC_CLIENT ? "client" : "server";
}

struct vc_out *vc_out_add(struct vc_engine *e, const char *label)
{
    if (e->out_count == VC_MAX_OUT) {
        return NULL;
    }
    struct vc_out *o = &e->out[e->out_count];
    o->label = label;
    o->known = false;
    o->verdict_only = false;
    o->bytes = e->pool[e->out_count];
    o->len = 0;
    snprintf(o->how, sizeof(o->how), "input");
    e->out_count++;
    return o;
}

void vc_out_set(struct vc_out *o, const uint8_t *p, size_t n, const char *fmt, ...)
{
    if (o == NULL || n > VC_OUT_CAP) {
        return;
    }
    memmove(o->bytes, p, n);
    o->len = n;
    o->known = true;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(o->how, sizeof(o->how), fmt, ap);
    va_end(ap);
}

void vc_out_input(struct vc_out *o, const char *fmt, ...)
{
    if (o == NULL) {
        return;
    }
    o->known = false;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(o->how, sizeof(o->how), fmt, ap);
    va_end(ap);
}

void vc_out_verdict(struct vc_out *o, bool verified, const char *fmt, ...)
{
    if (o == NULL) {
        return;
    }
    o->known = true;
    o->verdict_only = true;
    o->verified = verified;
    o->len = 0;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(o->how, sizeof(o->how), fmt, ap);
    va_end(ap);
}

/* Equal, reading "0 (all zero octets)" as any number of zero bytes (RFC 8446 §7.1). */
static bool value_equals(const struct vc_engine *e, const struct trace_value *v,
                         const struct vc_out *o)
{
    if (v->form == TRACE_VALUE_ZERO_SALT) {
        for (size_t k = 0; k < o->len; k++) {
            if (o->bytes[k] != 0) {
                return false;
            }
        }
        return true;
    }
    return v->len == o->len && memcmp(vc_bytes(e, v), o->bytes, o->len) == 0;
}

void vc_report_step(struct vc_engine *e, const struct trace_step *step, const char *default_how)
{
    const struct trace *t = e->t;
    for (size_t i = 0; i < step->value_count; i++) {
        const struct trace_value *v = &t->values[step->first_value + i];
        const struct vc_out *o = NULL;
        for (size_t k = 0; k < e->out_count && o == NULL; k++) {
            if (strcmp(e->out[k].label, v->label) == 0) {
                o = &e->out[k];
            }
        }
        struct vc_result r = {VC_INPUT, e->section, step, v, default_how,
                              NULL, 0, trace_value_bytes(t, v), v->len};
        if (o != NULL) {
            r.how = o->how;
        }
        if (o != NULL && o->known && o->verdict_only) {
            r.status = o->verified ? VC_PASS : VC_FAIL;
        } else if (o != NULL && o->known) {
            r.status = value_equals(e, v, o) ? VC_PASS : VC_FAIL;
            r.computed = o->bytes;
            r.computed_len = o->len;
        }
        e->sum->passed += r.status == VC_PASS;
        e->sum->failed += r.status == VC_FAIL;
        e->sum->checked += r.status != VC_INPUT;
        e->sum->inputs += r.status == VC_INPUT;
        if (e->report != NULL) {
            e->report(e->ctx, &r);
        }
    }
    for (size_t k = 0; k < e->out_count; k++) {
        tls_wipe(e->out[k].bytes, e->out[k].len); /* they may be secrets */
    }
    e->out_count = 0;
}

const struct trace_value *vc_value(const struct vc_engine *e, const struct trace_step *step,
                                   const char *label)
{
    for (size_t i = 0; i < step->value_count; i++) {
        const struct trace_value *v = &e->t->values[step->first_value + i];
        if (strcmp(v->label, label) == 0) {
            return v;
        }
    }
    return NULL;
}

const uint8_t *vc_bytes(const struct vc_engine *e, const struct trace_value *v)
{
    return trace_value_bytes(e->t, v);
}

bool vc_buf_append(struct vc_engine *e, struct vc_buf *b, const uint8_t *p, size_t n)
{
    if (n == 0) {
        return true;
    }
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n) {
            cap *= 2;
        }
        uint8_t *q = realloc(b->p, cap);
        if (q == NULL) {
            e->oom = true;
            return false;
        }
        b->p = q;
        b->cap = cap;
    }
    memcpy(b->p + b->len, p, n);
    b->len += n;
    return true;
}

/*
 * Before the steps: the section's cipher suite (from its ServerHello, the last one if a
 * HelloRetryRequest came first), whether its ClientHello offers a PSK, and its ticket_nonce.
 * These are read ahead because the trace derives the early secret before the ServerHello.
 */
void vc_section_begin(struct vc_engine *e, const struct trace_section *sec)
{
    struct vc_section *s = &e->s;
    struct vc_buf keep[3] = {s->transcript, s->pending[0], s->pending[1]};
    memset(s, 0, sizeof(*s));
    s->transcript = keep[0];
    s->pending[0] = keep[1];
    s->pending[1] = keep[2];
    s->transcript.len = s->pending[0].len = s->pending[1].len = 0;
    bool seen_client_hello = false;
    for (size_t i = 0; i < sec->step_count; i++) {
        const struct trace_step *st = &e->t->steps[sec->first_step + i];
        for (size_t k = 0; k < st->value_count; k++) {
            const struct trace_value *v = &e->t->values[st->first_value + k];
            const uint8_t *p = vc_bytes(e, v);
            uint16_t suite;
            bool is_hrr;
            size_t at, total;
            const uint8_t *nonce;
            if (strcmp(v->label, "ServerHello") == 0 && vm_server_hello(p, v->len, &suite, &is_hrr) &&
                (s->suite == NULL || !is_hrr)) {
                s->suite = tls_cipher_suite_find(suite);
            } else if (strcmp(v->label, "ClientHello") == 0 && !seen_client_hello) {
                seen_client_hello = true;
                s->offers_psk = vm_client_hello_psk(p, v->len, &at, &total);
            } else if (strcmp(v->label, "NewSessionTicket") == 0 && !s->have_nonce &&
                       vm_ticket_nonce(p, v->len, &nonce, &s->nonce_len)) {
                s->have_nonce = true;
                memcpy(s->nonce, nonce, s->nonce_len);
            }
        }
    }
    if (s->suite != NULL) {
        s->alg = s->suite->hash;
        s->hlen = tls_hash_len(s->alg);
    }
}

/* After the steps: the resumption PSK goes on to later sections even if no step showed it. */
void vc_section_end(struct vc_engine *e)
{
    struct vc_section *s = &e->s;
    struct vc_secret *res = &s->traffic[TLS_SECRET_resumption_master_secret];
    uint8_t psk[TLS_MAX_HASH_LEN];
    if (!s->psk_generated && res->known && s->have_nonce &&
        tls_resumption_psk(s->alg, res->v, s->nonce, s->nonce_len, psk, NULL) == TLS_OK) {
        vc_carry_resumption_psk(e, psk);
    }
    /* the section's stage ends: forget its secrets (RFC 8446 §6, STYLE.md) */
    tls_wipe(psk, sizeof(psk));
    for (size_t side = 0; side < 2; side++) {
        tls_traffic_keys_wipe(&s->write[side].keys);
        for (size_t k = 0; k < s->keypair_count[side]; k++) {
            tls_kex_wipe(&s->keypairs[side][k].kex);
        }
    }
    tls_wipe(s->stage, sizeof(s->stage));
    tls_wipe(s->traffic, sizeof(s->traffic));
    tls_wipe(s->finished, sizeof(s->finished));
    tls_wipe(s->early_ikm, sizeof(s->early_ikm));
    tls_wipe(s->shared, sizeof(s->shared));
    if (s->transcript.p != NULL) {
        tls_wipe(s->transcript.p, s->transcript.cap);
    }
}

void vc_carry_resumption_psk(struct vc_engine *e, const uint8_t *psk)
{
    e->s.psk_generated = true;
    e->have_resumption_psk = true;
    e->resumption_alg = e->s.alg;
    memcpy(e->resumption_psk, psk, e->s.hlen);
}

static void note_name(struct vc_section *s, uint8_t type)
{
    if (s->name_count < VC_MAX_NAMES) {
        s->names[s->name_count++] = type;
    }
}

/*
 * §4.4.1: "When the server responds to a ClientHello with a HelloRetryRequest, the value of
 * ClientHello1 is replaced with a special synthetic handshake message of handshake type
 * "message_hash" containing Hash(ClientHello1)."
 */
static void replace_with_message_hash(struct vc_engine *e)
{
    struct vc_section *s = &e->s;
    uint8_t mh[4 + TLS_MAX_HASH_LEN] = {TLS_HT_message_hash, 0, 0, (uint8_t)s->hlen};
    if (s->alg == TLS_HASH_NONE || tls_hash(s->alg, s->transcript.p, s->transcript.len, mh + 4, NULL) != TLS_OK) {
        return;
    }
    s->transcript.len = 0;
    s->name_count = 0;
    note_name(s, TLS_HT_message_hash);
    (void)vc_buf_append(e, &s->transcript, mh, 4 + s->hlen);
}

void vc_add_message(struct vc_engine *e, enum vc_side side, const uint8_t *msg, size_t len)
{
    struct vc_section *s = &e->s;
    if (len == 0) {
        return;
    }
    uint16_t suite;
    bool is_hrr = false;
    if (msg[0] == TLS_HT_client_hello) {
        s->client_hellos++;
        s->ch_start = s->transcript.len;
        s->ch_psk = vm_client_hello_psk(msg, len, &s->ch_binders_at, &s->ch_total);
        s->ch_partial = s->ch_psk && s->ch_binders_at == len && s->ch_total > len;
    } else if (msg[0] == TLS_HT_server_hello && vm_server_hello(msg, len, &suite, &is_hrr) && is_hrr) {
        s->hrr = true;
        replace_with_message_hash(e);
    }
    /* §4.4.1: the transcript covers the handshake, not post-handshake messages (§4.6). */
    if (msg[0] != TLS_HT_new_session_ticket && msg[0] != TLS_HT_key_update) {
        /* named by what it is; RFC 8446 gives the HRR no handshake type of its own */
        note_name(s, is_hrr ? TLS_HT_hello_retry_request : msg[0]);
        (void)vc_buf_append(e, &s->transcript, msg, len);
    }
    (void)vc_buf_append(e, &s->pending[side], msg, len);
}

bool vc_transcript_hash(struct vc_engine *e, size_t len, uint8_t *out, char *how, size_t how_cap)
{
    struct vc_section *s = &e->s;
    const uint8_t *data = s->transcript.p != NULL ? s->transcript.p : (const uint8_t *)"";
    if (s->alg == TLS_HASH_NONE || tls_hash(s->alg, data, len, out, NULL) != TLS_OK) {
        return false;
    }
    size_t used = (size_t)snprintf(how, how_cap, "Transcript-Hash(");
    for (size_t k = 0; k < s->name_count && used < how_cap; k++) {
        used += (size_t)snprintf(how + used, how_cap - used, "%s%s", k ? ", " : "",
                                 vm_message_name(s->names[k]));
    }
    if (used < how_cap) {
        snprintf(how + used, how_cap - used, ")");
    }
    return true;
}

bool vc_early_ikm(struct vc_engine *e)
{
    struct vc_section *s = &e->s;
    if (s->have_early_ikm) {
        return true;
    }
    if (!s->offers_psk) {
        /* §7.1: "if PSK is not in use, IKM is a string of Hash.length bytes set to 0" */
        memset(s->early_ikm, 0, sizeof(s->early_ikm));
        snprintf(s->early_ikm_how, sizeof(s->early_ikm_how),
                 "no PSK offered: Hash.length zero bytes (RFC 8446 §7.1)");
    } else if (e->have_resumption_psk && e->resumption_alg == s->alg) {
        memcpy(s->early_ikm, e->resumption_psk, s->hlen);
        s->early_from_resumption = true;
        snprintf(s->early_ikm_how, sizeof(s->early_ikm_how),
                 "PSK = HKDF-Expand-Label(resumption_master_secret, \"resumption\", ticket_nonce) "
                 "of the earlier section (RFC 8446 §4.6.1)");
    } else {
        return false;
    }
    s->have_early_ikm = true;
    return true;
}

bool vc_shared_secret(struct vc_engine *e)
{
    struct vc_section *s = &e->s;
    if (s->have_shared) {
        return true;
    }
    if (s->keypair_count[VC_SERVER] == 0) {
        return false;
    }
    const struct vc_keypair *server = &s->keypairs[VC_SERVER][s->keypair_count[VC_SERVER] - 1];
    const struct vc_keypair *client = NULL;
    for (size_t k = 0; k < s->keypair_count[VC_CLIENT]; k++) {
        if (s->keypairs[VC_CLIENT][k].kex.group == server->kex.group) {
            client = &s->keypairs[VC_CLIENT][k]; /* the latest share of the server's group */
        }
    }
    if (client == NULL || (!client->have_private && !server->have_private)) {
        return false;
    }
    /* §7.4: either side's private key with the other's public key gives the same secret. */
    const struct vc_keypair *own = client->have_private ? client : server;
    const struct vc_keypair *peer = client->have_private ? server : client;
    if (tls_kex_shared_secret(&own->kex, peer->kex.public_key, peer->kex.public_len, s->shared,
                              &s->shared_len, NULL) != TLS_OK) {
        return false;
    }
    const char *g = tls_group_name(own->kex.group);
    snprintf(s->shared_how, sizeof(s->shared_how), "(EC)DHE %s(%s private key, %s public key) "
             "(RFC 8446 §7.4)", g ? g : "?", own == client ? "client" : "server",
             own == client ? "server" : "client");
    s->have_shared = true;
    return true;
}

/* Derive-Secret(secret, "derived", "") = HKDF-Expand-Label(secret, "derived", Hash(""), Hash.length) */
static bool derived_salt(struct vc_section *s, const uint8_t *secret, uint8_t *out)
{
    uint8_t empty_hash[TLS_MAX_HASH_LEN];
    return tls_hash(s->alg, (const uint8_t *)"", 0, empty_hash, NULL) == TLS_OK &&
           tls_derive_secret(s->alg, secret, "derived", empty_hash, out, NULL) == TLS_OK;
}

/*
 *             0
 *             |
 *             v
 *   PSK ->  HKDF-Extract = Early Secret
 *             |
 *             v
 *       Derive-Secret(., "derived", "")
 *             |
 *             v
 *   (EC)DHE -> HKDF-Extract = Handshake Secret
 *             |
 *             v
 *       Derive-Secret(., "derived", "")
 *             |
 *             v
 *   0 -> HKDF-Extract = Master Secret
 */
const uint8_t *vc_stage_secret(struct vc_engine *e, enum vc_stage stage)
{
    struct vc_section *s = &e->s;
    if ((unsigned)stage >= VC_STAGE_COUNT) {
        return NULL;
    }
    struct vc_secret *out = &s->stage[stage];
    if (out->known) {
        return out->v;
    }
    if (s->alg == TLS_HASH_NONE) {
        return NULL;
    }
    uint8_t zeros[TLS_MAX_HASH_LEN] = {0};
    const uint8_t *prev = stage == VC_EARLY ? zeros : vc_stage_secret(e, (enum vc_stage)(stage - 1));
    if (prev == NULL) {
        return NULL;
    }
    bool ok = false;
    switch (stage) {
    case VC_EARLY:
        ok = vc_early_ikm(e) &&
             tls_hkdf_extract(s->alg, zeros, s->hlen, s->early_ikm, s->hlen, out->v, NULL) == TLS_OK;
        break;
    case VC_HANDSHAKE:
        ok = vc_shared_secret(e) &&
             tls_hkdf_extract(s->alg, prev, s->hlen, s->shared, s->shared_len, out->v, NULL) == TLS_OK;
        break;
    case VC_MASTER:
        ok = tls_hkdf_extract(s->alg, prev, s->hlen, zeros, s->hlen, out->v, NULL) == TLS_OK;
        break;
    case VC_DERIVED_FOR_HANDSHAKE:
    case VC_DERIVED_FOR_MASTER:
        ok = derived_salt(s, prev, out->v);
        break;
    case VC_STAGE_COUNT:
    default:
        break;
    }
    out->known = ok;
    return ok ? out->v : NULL;
}
