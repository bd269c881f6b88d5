/*
 * decode_model.c — the decoder fills the model (model.h): each record's fields, the connection's
 * secrets with their derivations (RFC 8446 §7.1, §7.2, §7.3) and its checks as computations
 * (§4.4.3, §4.4.4).
 *
 * Implementation notes
 * --------------------
 * Only a renderer that shows bytes and values (HTML) needs the model's detail, so a connection
 * gets its struct dec_model_conn only then (dec_model_wanted), and the text and JSON runs do no
 * work for it. The secrets kept here are the key log's, kept for the page until the connection is
 * written, then wiped with it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/names.h"
#include "crypto/hkdf.h"
#include "crypto/util.h"
#include "decoder/decode_internal.h"

bool dec_model_wanted(const struct tls_decoder *dec)
{
    return dec->opt.format == TLS_DECODE_HTML;
}

tls_result dec_model_conn_new(struct dec_conn *c)
{
    struct tls_decoder *dec = c->dec;
    if (!dec_model_wanted(dec)) {
        return TLS_OK;
    }
    if (dec->model_fields == NULL) {
        dec->model_fields = calloc(TLS_MODEL_MAX_FIELDS, sizeof(struct tls_model_field));
        dec->model_inner_fields = calloc(TLS_MODEL_MAX_FIELDS, sizeof(struct tls_model_field));
    }
    c->model = calloc(1, sizeof(*c->model));
    if (c->model == NULL || dec->model_fields == NULL || dec->model_inner_fields == NULL) {
        return TLS_E_INTERNAL;
    }
    c->model->html_ladder.budget = &dec->budget;
    c->model->html_records.budget = &dec->budget;
    return TLS_OK;
}

void dec_model_conn_free(struct dec_conn *c)
{
    if (c->model == NULL) {
        return;
    }
    dec_text_free(&c->model->html_ladder);
    dec_text_free(&c->model->html_records);
    tls_wipe(c->model, sizeof(*c->model));
    free(c->model);
    c->model = NULL;
}

/* ---- records ----------------------------------------------------------------------------- */

/* A record's model, empty: its bytes, and the decoder's field arrays to cut them into. */
static void model_record_start(struct dec_conn *c, const struct dec_record *r, const uint8_t *bytes,
                               size_t len, struct tls_model_record *m)
{
    memset(m, 0, sizeof(*m));
    m->pub = &r->pub;
    m->bytes = bytes;
    m->len = len;
    m->fields.items = c->dec->model_fields;
    m->inner_fields.items = c->dec->model_inner_fields;
}

void dec_model_record(struct dec_conn *c, const struct dec_record *r, const uint8_t *bytes,
                      size_t len, struct tls_model_record *m)
{
    struct dec_model_conn *mc = c->model;
    model_record_start(c, r, bytes, len, m);
    bool tls12 = c->have_server_hello && !c->tls13;
    struct tls_model_context ctx = {
        .is_protected = r->pub.is_protected,
        .tls12 = tls12,
        /* §5.2: every TLS 1.3 AEAD this decoder opens has a 16-byte tag; TLS 1.2 AEAD suites
           too (RFC 5288, RFC 7905), known once the master secret is. */
        .tag_len = tls12 ? (c->have_master_secret ? 16u : 0u)
                         : (c->suite != NULL ? c->suite->tag_len : 0u),
        .explicit_nonce = tls12 && c->have_master_secret && c->tls12_gcm,
    };
    struct tls_model_hs_cursor *cur = &mc->cursor[r->pub.dir];
    tls_model_describe_record(&m->fields, bytes, len, &ctx, cur);
    if (r->pub.is_protected && !r->pub.decrypted) {
        /* What the sender's handshake stream holds is hidden: start afresh after it. */
        memset(cur, 0, sizeof(*cur));
        return;
    }
    if (r->inner != NULL) {
        m->inner = r->inner;
        m->inner_len = r->inner_len;
        m->keys_name = r->keys_name;
        m->seq = r->seq;
        uint8_t type = r->pub.has_inner_type ? r->pub.inner_type : r->pub.outer_type;
        tls_model_describe_inner(&m->inner_fields, r->inner, r->inner_len, type,
                                 r->pub.content_len, r->pub.has_inner_type, cur);
    }
}

/* A DTLS record (model_dtls.c): no handshake cursor, since every fragment is whole in its
   record (RFC 6347 §4.2.2); the fragments seen before are marked. */
void dec_model_dtls_record(struct dec_conn *c, const struct dec_record *r, const uint8_t *bytes,
                           size_t len, size_t cid_len, struct tls_model_record *m)
{
    model_record_start(c, r, bytes, len, m);
    struct tls_model_dtls_context ctx = {
        .unified = r->pub.unified_header,
        .cid_len = cid_len,
        .is_protected = r->pub.unified_header || r->pub.epoch > 0,
        .tls12 = c->have_server_hello && !c->tls13,
        /* RFC 6347 §4.1.2.1 -> RFC 5246 §6.2.3.3: the AEAD suites this decoder opens have a
           16-byte tag, known once the master secret is. */
        .tag_len = c->have_master_secret ? 16u : 0u,
        .explicit_nonce = c->have_master_secret && c->tls12_gcm,
    };
    size_t listed = r->pub.message_count < 64 ? r->pub.message_count : 64;
    for (size_t i = 0; i < listed; i++) {
        if (r->pub.messages[i].repeated) {
            ctx.repeated |= (uint64_t)1 << i;
        }
    }
    tls_model_describe_dtls_record(&m->fields, bytes, len, &ctx);
    if (r->inner != NULL) {
        m->inner = r->inner;
        m->inner_len = r->inner_len;
        m->keys_name = r->keys_name;
        m->seq = r->seq;
        tls_model_describe_dtls_plaintext(&m->inner_fields, r->inner, r->inner_len,
                                          r->pub.outer_type, &ctx);
    }
}

/* ---- secrets ----------------------------------------------------------------------------- */

/* The §7.1 line each logged secret comes from. */
static const char *derivation(enum tls_secret_id id, unsigned generation)
{
    if (generation > 0) {
        return "application_traffic_secret_N+1 = HKDF-Expand-Label(application_traffic_secret_N, "
               "\"traffic upd\", \"\", Hash.length)   (§7.2)";
    }
    switch (id) {
    case TLS_SECRET_client_early_traffic_secret:
        return "Derive-Secret(Early Secret, \"c e traffic\", ClientHello)";
    case TLS_SECRET_client_handshake_traffic_secret:
        return "Derive-Secret(Handshake Secret, \"c hs traffic\", ClientHello...ServerHello)";
    case TLS_SECRET_server_handshake_traffic_secret:
        return "Derive-Secret(Handshake Secret, \"s hs traffic\", ClientHello...ServerHello)";
    case TLS_SECRET_client_application_traffic_secret_0:
        return "Derive-Secret(Master Secret, \"c ap traffic\", ClientHello...server Finished)";
    case TLS_SECRET_server_application_traffic_secret_0:
        return "Derive-Secret(Master Secret, \"s ap traffic\", ClientHello...server Finished)";
    case TLS_SECRET_exporter_master_secret:
        return "Derive-Secret(Master Secret, \"exp master\", ClientHello...server Finished)";
    default:
        return "Derive-Secret (§7.1)";
    }
}

/* The transcript the secret's Derive-Secret hashes, when the capture shows it. */
static void secret_transcript(struct dec_conn *c, enum tls_secret_id id, unsigned generation,
                              struct tls_model_secret *s)
{
    if (generation > 0) {
        return;
    }
    if (id == TLS_SECRET_client_handshake_traffic_secret ||
        id == TLS_SECRET_server_handshake_traffic_secret) {
        if (c->transcript_ok &&
            tls_transcript_peek(&c->transcript, s->transcript_hash, &s->transcript_hash_len,
                                NULL) == TLS_OK) {
            s->transcript = "ClientHello...ServerHello";
        }
        return;
    }
    if (c->model->th_server_finished_len > 0 && id != TLS_SECRET_client_early_traffic_secret) {
        memcpy(s->transcript_hash, c->model->th_server_finished, c->model->th_server_finished_len);
        s->transcript_hash_len = c->model->th_server_finished_len;
        s->transcript = "ClientHello...server Finished";
    }
}

/*
 * The stage secrets an endpoint gave (decode.h, struct tls_decode_stage_secrets), each with the
 * Extract that makes it recomputed here from the one before (§7.1):
 *
 *   Early Secret     = HKDF-Extract(salt = 0, IKM = PSK, or Hash.length zeros without one)
 *   Handshake Secret = HKDF-Extract(salt = Derive-Secret(Early Secret, "derived", ""),
 *                                   IKM = (EC)DHE shared secret)
 *   Master Secret    = HKDF-Extract(salt = Derive-Secret(Handshake Secret, "derived", ""),
 *                                   IKM = Hash.length zeros)
 */
enum { STAGE_EARLY = 1, STAGE_HANDSHAKE, STAGE_MASTER };

static const struct tls_decode_stage_secrets *stage_secrets_of(const struct dec_conn *c)
{
    const struct tls_decode_stage_secrets *st = c->dec->opt.stage_secrets;
    size_t hl = tls_hash_len(c->hash);
    if (st == NULL || st->len == 0 || st->len != hl || !c->have_client_hello ||
        memcmp(st->client_random, c->client_random, sizeof(st->client_random)) != 0) {
        return NULL;
    }
    return st;
}

static void add_stage(struct dec_conn *c, const struct tls_decode_stage_secrets *st, int stage)
{
    struct dec_model_conn *mc = c->model;
    size_t hl = st->len;
    const uint8_t *value = stage == STAGE_EARLY ? st->early_secret
                           : stage == STAGE_HANDSHAKE ? st->handshake_secret : st->master_secret;
    bool have = stage == STAGE_EARLY ? st->have_early
                : stage == STAGE_HANDSHAKE ? st->have_handshake : st->have_master;
    if (!have || mc->secret_count == TLS_MODEL_MAX_SECRETS) {
        return;
    }
    struct tls_model_secret *s = &mc->secrets[mc->secret_count++];
    memset(s, 0, sizeof(*s));
    s->dir = TLS_DIR_CLIENT_TO_SERVER;
    s->source = "the client's own value";
    s->len = hl;
    memcpy(s->value, value, hl);
    static const uint8_t zeros[TLS_MAX_HASH_LEN];
    const uint8_t *salt = NULL; /* the previous stage's "derived" salt (none: zeros) */
    size_t salt_len = 0;
    if (stage == STAGE_EARLY) {
        s->name = "early_secret";
        s->derivation = "Early Secret = HKDF-Extract(salt = 0, IKM = PSK, or Hash.length zeros "
                        "without one)";
        s->input_name = c->psk_accepted ? NULL : "IKM: Hash.length zeros (no PSK)";
        s->input_len = c->psk_accepted ? 0 : hl;
    } else if (stage == STAGE_HANDSHAKE) {
        s->name = "handshake_secret";
        s->derivation = "Handshake Secret = HKDF-Extract(salt = Derive-Secret(Early Secret, "
                        "\"derived\", \"\"), IKM = (EC)DHE shared secret)";
        s->input_name = "IKM: the (EC)DHE shared secret (§7.4)";
        s->input_len = st->ecdhe_len;
        memcpy(s->input, st->ecdhe, st->ecdhe_len);
    } else {
        s->name = "master_secret";
        s->derivation = "Master Secret = HKDF-Extract(salt = Derive-Secret(Handshake Secret, "
                        "\"derived\", \"\"), IKM = Hash.length zeros)";
        s->input_name = "IKM: Hash.length zeros";
        s->input_len = hl;
    }
    /* The salt this Extract uses: the "derived" value of the previous stage's panel. */
    salt = NULL;
    for (size_t i = mc->secret_count - 1; i-- > 0;) {
        if (mc->secrets[i].derived_len == hl) {
            salt = mc->secrets[i].derived;
            salt_len = hl;
            break;
        }
    }
    /* Recomputed here: the Extract from its salt and IKM agrees with the client's value. */
    uint8_t prk[TLS_MAX_HASH_LEN];
    bool can = stage == STAGE_EARLY ? !c->psk_accepted : salt != NULL && s->input_len > 0;
    const uint8_t *ikm = stage == STAGE_HANDSHAKE ? s->input : zeros;
    if (can && tls_hkdf_extract(c->hash, salt, salt_len, ikm, s->input_len, prk, NULL) == TLS_OK) {
        s->check = tls_ct_equal(prk, value, hl) ? "HKDF-Extract recomputed here: equal"
                                                : "HKDF-Extract recomputed here: DIFFERENT";
    }
    tls_wipe(prk, sizeof(prk));
    /* Derive-Secret(., "derived", "") = HKDF-Expand-Label(., "derived", Hash(""), Hash.length) */
    uint8_t empty_hash[TLS_MAX_HASH_LEN];
    if (stage != STAGE_MASTER && tls_hash(c->hash, NULL, 0, empty_hash, NULL) == TLS_OK &&
        tls_derive_secret(c->hash, value, "derived", empty_hash, s->derived, NULL) == TLS_OK) {
        s->derived_len = hl;
    }
}

/* Adds the stage secrets that come before a secret of this stage, once each, in §7.1 order. */
static void stages_before(struct dec_conn *c, int stage)
{
    const struct tls_decode_stage_secrets *st = stage_secrets_of(c);
    if (st == NULL) {
        return;
    }
    while (c->model->stages_shown < (unsigned)stage) {
        c->model->stages_shown++;
        add_stage(c, st, (int)c->model->stages_shown);
    }
}

static int stage_of(enum tls_secret_id id, unsigned generation)
{
    if (generation > 0) {
        return STAGE_MASTER;
    }
    switch (id) {
    case TLS_SECRET_binder_key_ext:
    case TLS_SECRET_binder_key_res:
    case TLS_SECRET_client_early_traffic_secret:
    case TLS_SECRET_early_exporter_master_secret:
        return STAGE_EARLY;
    case TLS_SECRET_client_handshake_traffic_secret:
    case TLS_SECRET_server_handshake_traffic_secret:
        return STAGE_HANDSHAKE;
    default:
        return STAGE_MASTER;
    }
}

void dec_model_stage_secrets(struct dec_conn *c)
{
    if (c->model != NULL) {
        stages_before(c, STAGE_MASTER);
    }
}

void dec_model_secret(struct dec_conn *c, enum tls_direction dir, enum tls_secret_id id,
                      unsigned generation, const uint8_t *secret)
{
    struct dec_model_conn *mc = c->model;
    if (mc == NULL) {
        return;
    }
    stages_before(c, stage_of(id, generation));
    if (mc->secret_count == TLS_MODEL_MAX_SECRETS) {
        return;
    }
    size_t hl = tls_hash_len(c->hash);
    struct tls_model_secret *s = &mc->secrets[mc->secret_count++];
    memset(s, 0, sizeof(*s));
    s->name = tls_secret_info(id)->name;
    s->generation = generation;
    s->dir = dir;
    s->derivation = derivation(id, generation);
    s->source = generation > 0 ? "computed from the previous generation" : "key log";
    s->len = hl;
    memcpy(s->value, secret, hl);
    secret_transcript(c, id, generation, s);
    /* §7.3: [sender]_write_key / _iv = HKDF-Expand-Label(Secret, "key" / "iv", "", length) */
    struct tls_traffic_keys keys;
    if (id != TLS_SECRET_exporter_master_secret && c->suite != NULL &&
        tls_traffic_keys_derive(c->suite, secret, &keys, NULL) == TLS_OK) {
        s->key_len = c->suite->key_len;
        memcpy(s->key, keys.key, s->key_len);
        s->iv_len = TLS_IV_LEN;
        memcpy(s->iv, keys.iv, TLS_IV_LEN);
        tls_traffic_keys_wipe(&keys);
    }
    /* §4.4.4: finished_key = HKDF-Expand-Label(BaseKey, "finished", "", Hash.length) */
    if ((id == TLS_SECRET_client_handshake_traffic_secret ||
         id == TLS_SECRET_server_handshake_traffic_secret) &&
        tls_finished_key(c->hash, secret, s->finished_key, NULL) == TLS_OK) {
        s->finished_key_len = hl;
    }
}

void dec_model_server_finished_hash(struct dec_conn *c)
{
    struct dec_model_conn *mc = c->model;
    if (mc == NULL || !c->transcript_ok) {
        return;
    }
    if (tls_transcript_peek(&c->transcript, mc->th_server_finished, &mc->th_server_finished_len,
                            NULL) != TLS_OK) {
        mc->th_server_finished_len = 0;
    }
}

/* ---- TLS 1.2 ------------------------------------------------------------------------------ */

void dec_model_tls12_keys(struct dec_conn *c)
{
    struct dec_model_conn *mc = c->model;
    if (mc == NULL || !c->have_master_secret || mc->secret_count + 3 > TLS_MODEL_MAX_SECRETS) {
        return;
    }
    struct tls_model_secret *s = &mc->secrets[mc->secret_count++];
    memset(s, 0, sizeof(*s));
    s->name = "master_secret";
    s->derivation = c->offered_ems && c->sh_ems
                        ? "master_secret = PRF(pre_master_secret, \"extended master secret\", "
                          "session_hash)[0..47]   (RFC 7627 §4)"
                        : "master_secret = PRF(pre_master_secret, \"master secret\", "
                          "ClientHello.random + ServerHello.random)[0..47]   (RFC 5246 §8.1)";
    s->source = "key log, CLIENT_RANDOM line";
    s->len = sizeof(c->master_secret);
    memcpy(s->value, c->master_secret, sizeof(c->master_secret));
    /* RFC 5246 §6.3: key_block = PRF(master_secret, "key expansion", server_random +
       client_random), cut into client_write_key, server_write_key, client_write_IV,
       server_write_IV (AEAD suites: no MAC keys; the IV is GCM's 4-byte salt, RFC 5288 §3, or
       ChaCha20-Poly1305's 12-byte nonce base, RFC 7905 §2). */
    for (int dir = 0; dir < 2; dir++) {
        const struct tls_traffic_keys *k = &c->dir[dir].tls12_keys;
        if (k->suite == NULL) {
            continue;
        }
        s = &mc->secrets[mc->secret_count++];
        memset(s, 0, sizeof(*s));
        s->name = dir == TLS_DIR_CLIENT_TO_SERVER ? "client_write keys" : "server_write keys";
        s->dir = (enum tls_direction)dir;
        s->derivation = "key_block = PRF(master_secret, \"key expansion\", server_random + "
                        "client_random) = client_write_key + server_write_key + "
                        "client_write_IV + server_write_IV   (RFC 5246 §6.3)";
        s->source = "computed from the master secret";
        s->key_len = k->suite->key_len;
        memcpy(s->key, k->key, s->key_len);
        s->iv_len = c->tls12_gcm ? 4u : TLS_IV_LEN;
        memcpy(s->iv, k->iv, s->iv_len);
        s->key_label = dir == TLS_DIR_CLIENT_TO_SERVER ? "client_write_key (key_block)"
                                                       : "server_write_key (key_block)";
        s->iv_label = c->tls12_gcm ? "write_IV: the GCM salt; nonce = salt + nonce_explicit "
                                     "(RFC 5288 §3)"
                                   : "write_IV: XORed with the sequence number (RFC 7905 §2)";
    }
}

void dec_model_tls12_finished(struct dec_conn *c, enum tls_direction dir, const uint8_t *hash,
                              size_t hash_len, const uint8_t *expected, size_t expected_len,
                              const uint8_t *received, size_t received_len,
                              enum tls_finished_status st)
{
    bool client = dir == TLS_DIR_CLIENT_TO_SERVER;
    struct tls_model_check *k = dec_model_check(
        c, client ? "client Finished" : "server Finished", "RFC 5246 §7.4.9",
        "verify_data = PRF(master_secret, finished_label, Hash(handshake_messages))[0..11]");
    if (k == NULL) {
        return;
    }
    k->result = (int)st;
    dec_model_row(k, "master_secret", NULL, 0, "from the key log (CLIENT_RANDOM)");
    dec_model_row(k, "finished_label", NULL, 0, client ? "\"client finished\""
                                                       : "\"server finished\"");
    dec_model_row(k, client ? "Hash(handshake_messages), ClientHello...ClientKeyExchange"
                            : "Hash(handshake_messages), ClientHello...client Finished",
                  hash, hash_len, NULL);
    dec_model_row(k, "verify_data computed", expected, expected_len, NULL);
    dec_model_row(k, "verify_data received", received, received_len, NULL);
    dec_model_row(k, "result", NULL, 0, st == TLS_FINISHED_VERIFIED ? "equal: verified"
                                                                    : "different: failed");
}

/* ---- checks ------------------------------------------------------------------------------ */

struct tls_model_check *dec_model_check(struct dec_conn *c, const char *name, const char *rfc,
                                        const char *formula)
{
    struct dec_model_conn *mc = c->model;
    if (mc == NULL || mc->check_count == TLS_MODEL_MAX_CHECKS) {
        return NULL;
    }
    struct tls_model_check *k = &mc->checks[mc->check_count++];
    memset(k, 0, sizeof(*k));
    k->name = name;
    k->rfc = rfc;
    k->formula = formula;
    return k;
}

void dec_model_row(struct tls_model_check *k, const char *label, const uint8_t *hex, size_t len,
                   const char *text)
{
    if (k == NULL || k->row_count == TLS_MODEL_MAX_ROWS) {
        return;
    }
    k->rows[k->row_count].label = label;
    char *v = k->rows[k->row_count].value;
    size_t cap = sizeof(k->rows[0].value);
    v[0] = '\0';
    if (hex != NULL) {
        static const char digits[] = "0123456789abcdef";
        size_t n = len < (cap - 1) / 2 ? len : (cap - 1) / 2;
        for (size_t i = 0; i < n; i++) {
            v[2 * i] = digits[hex[i] >> 4];
            v[2 * i + 1] = digits[hex[i] & 15];
        }
        v[2 * n] = '\0';
    } else if (text != NULL) {
        snprintf(v, cap, "%s", text);
    }
    k->row_count++;
}
