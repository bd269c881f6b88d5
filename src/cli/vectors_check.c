/*
 * vectors_check.c — one handler per kind of RFC 8448 step; each recomputes the step's values
 * from the checker's own state (vectors_state.c) and hands them to vc_report_step(), which
 * matches them with the trace's values by label. See vectors_check.h for the principles.
 *
 * Steps (heading after "{client}"/"{server}", "(same as ...)" ignored) and what they give:
 *   create an ephemeral G key pair        public key                        RFC 7748, §4.2.8.2
 *   construct a M handshake message       Finished, EndOfEarlyData (others are inputs)  §4.4.4
 *   send T record                         payload, complete record  (vectors_records.c)
 *   extract secret "S"                    salt, IKM, secret                   §7.1
 *   derive secret [for S] "tls13 L"       PRK, hash, info, expanded           §7.1
 *   derive write|read traffic keys ...    PRK, key/iv info, key/iv expanded   §7.3
 *   calculate finished                    PRK, hash, info, expanded, finished §4.4.4
 *   calculate PSK binder                  ClientHello prefix, binder hash, ... §4.2.11.2
 *   generate resumption secret            PRK, hash, info, expanded           §4.6.1
 */
#include "cli/vectors_check.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/vectors_messages.h"
#include "cli/vectors_state.h"
#include "common/names.h"
#include "crypto/hkdf.h"
#include "crypto/util.h"

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Writes into out the text between prefix and suffix in s; false if s has not that shape. */
static bool between(const char *s, const char *prefix, const char *suffix, char *out, size_t cap)
{
    size_t pl = strlen(prefix), sl = strlen(suffix), n = strlen(s);
    if (n < pl + sl || strncmp(s, prefix, pl) != 0 || strcmp(s + n - sl, suffix) != 0 ||
        n - pl - sl >= cap) {
        return false;
    }
    memcpy(out, s + pl, n - pl - sl);
    out[n - pl - sl] = '\0';
    return true;
}

/* The PRK of a step: ours if known, else the trace's (reported as an input). */
static const uint8_t *use_prk(struct vc_engine *e, const struct trace_step *step, const uint8_t *ours,
                              const char *how)
{
    struct vc_out *o = vc_out_add(e, "PRK");
    if (ours != NULL) {
        vc_out_set(o, ours, e->s.hlen, "%s", how);
        return ours;
    }
    const struct trace_value *v = vc_value(e, step, "PRK");
    vc_out_input(o, "input: %s is not derivable from this trace", how);
    return v != NULL && v->len == e->s.hlen ? vc_bytes(e, v) : NULL;
}

/*
 * HkdfLabel "info" and HKDF-Expand "expanded" of HKDF-Expand-Label(prk, label, context, length),
 * under the given output labels ("info"/"expanded", "key info"/"key expanded", ...).
 */
static bool expand_label(struct vc_engine *e, const uint8_t *prk, const char *label,
                         const uint8_t *context, size_t context_len, size_t length,
                         const char *info_label, const char *out_label, uint8_t *result)
{
    struct vc_out *info = vc_out_add(e, info_label);
    struct vc_out *expanded = vc_out_add(e, out_label);
    uint8_t buf[2 + 1 + 255 + 1 + 255];
    size_t n;
    if (tls_hkdf_label(label, context, context_len, length, buf, sizeof(buf), &n, NULL) != TLS_OK) {
        return false;
    }
    vc_out_set(info, buf, n, "HkdfLabel(length %zu, \"tls13 %s\", context) (RFC 8446 §7.1)", length,
               label);
    uint8_t okm[TLS_MAX_HASH_LEN];
    if (prk == NULL || length > sizeof(okm) ||
        tls_hkdf_expand(e->s.alg, prk, e->s.hlen, buf, n, okm, length, NULL) != TLS_OK) {
        vc_out_input(expanded, "input: its PRK is not derivable from this trace");
        return false;
    }
    vc_out_set(expanded, okm, length, "HKDF-Expand(PRK, info, %zu) (RFC 5869 §2.3)", length);
    if (result != NULL) {
        memcpy(result, okm, length);
    }
    tls_wipe(okm, sizeof(okm)); /* a secret (or key) of the trace: forgotten once copied */
    return true;
}

/* "create an ephemeral x25519 key pair": public key = the group's base point times private. */
static void step_key_pair(struct vc_engine *e, const struct trace_step *step, enum vc_side side,
                          const char *group_text)
{
    struct vc_section *s = &e->s;
    uint16_t group = 0;
    if (strcmp(group_text, "x25519") == 0) {
        group = TLS_GROUP_x25519;
    } else if (strcmp(group_text, "P-256") == 0 || strcmp(group_text, "secp256r1") == 0) {
        group = TLS_GROUP_secp256r1;
    } else if (strcmp(group_text, "P-384") == 0 || strcmp(group_text, "secp384r1") == 0) {
        group = TLS_GROUP_secp384r1;
    }
    if (s->keypair_count[side] == VC_MAX_KEYPAIRS) {
        memmove(&s->keypairs[side][0], &s->keypairs[side][1],
                sizeof(s->keypairs[side][0]) * (VC_MAX_KEYPAIRS - 1));
        s->keypair_count[side]--;
    }
    struct vc_keypair *kp = &s->keypairs[side][s->keypair_count[side]++];
    memset(kp, 0, sizeof(*kp));
    kp->kex.group = group;
    const struct trace_value *priv = vc_value(e, step, "private key");
    const struct trace_value *pub = vc_value(e, step, "public key");
    vc_out_input(vc_out_add(e, "private key"), "input: ephemeral private key chosen by the %s",
                 vc_side_name(side));
    struct vc_out *o = vc_out_add(e, "public key");
    if (priv != NULL && group != 0 &&
        tls_kex_from_private(&kp->kex, group, vc_bytes(e, priv), priv->len, NULL) == TLS_OK) {
        kp->have_private = true;
        vc_out_set(o, kp->kex.public_key, kp->kex.public_len,
                   group == TLS_GROUP_x25519 ? "X25519(private key, 9) (RFC 7748 §6.1)"
                                             : "private key x G, uncompressed (RFC 8446 §4.2.8.2)");
    } else if (pub != NULL && pub->len <= sizeof(kp->kex.public_key)) {
        memcpy(kp->kex.public_key, vc_bytes(e, pub), pub->len);
        kp->kex.public_len = pub->len;
        vc_out_input(o, "input: no usable private key (group \"%s\") to derive it from", group_text);
    }
}

/*
 * §4.4.3: the signature of a CertificateVerify covers
 *   64 spaces || "TLS 1.3, server CertificateVerify" (or client) || 0x00 ||
 *   Transcript-Hash(Handshake Context, Certificate)
 * and is verified with the key of the side's Certificate. RSA-PSS signatures are randomized,
 * so this is the only check there is: verification, not recomputation.
 */
static void verify_certificate_verify(struct vc_engine *e, struct vc_out *o, enum vc_side side,
                                      const uint8_t *msg, size_t len)
{
    struct vc_section *s = &e->s;
    uint16_t scheme = 0;
    const uint8_t *sig = NULL;
    size_t sig_len = 0;
    uint8_t content[64 + 34 + TLS_MAX_HASH_LEN];
    char how[VC_HOW_CAP];
    if (!s->have_leaf[side] || s->suite == NULL) {
        vc_out_input(o, "input: no Certificate of the %s to verify it with", vc_side_name(side));
        return;
    }
    memset(content, 0x20, 64);
    snprintf((char *)content + 64, 34, "TLS 1.3, %s CertificateVerify", vc_side_name(side));
    content[64 + 33] = 0x00;
    if (!vc_transcript_hash(e, s->transcript.len, content + 98, how, sizeof(how))) {
        vc_out_input(o, "input: no transcript to verify it over");
        return;
    }
    bool ok = vm_certificate_verify(msg, len, &scheme, &sig, &sig_len) &&
              tls_sig_verify(scheme, &s->leaf[side], content, 98 + s->hlen, sig, sig_len, NULL) == TLS_OK;
    /* a CertificateVerify that does not parse has no scheme to name */
    const char *name = ok ? tls_signature_scheme_name(scheme) : NULL;
    vc_out_verdict(o, ok, "signature (%s) %s with the %s Certificate's key over %s (RFC 8446 §4.4.3)",
                   ok && name ? name : "?", ok ? "verifies" : "does NOT verify", vc_side_name(side), how);
}

/* "construct a Finished handshake message": msg_type 20, uint24 length, verify_data. */
static void step_construct(struct vc_engine *e, const struct trace_step *step, enum vc_side side,
                           const char *name)
{
    struct vc_section *s = &e->s;
    const struct trace_value *v = vc_value(e, step, name);
    struct vc_out *o = vc_out_add(e, name);
    if (strcmp(name, "Finished") == 0 && s->finished[side].known) {
        uint8_t msg[4 + TLS_MAX_HASH_LEN] = {TLS_HT_finished, 0, 0, (uint8_t)s->hlen};
        memcpy(msg + 4, s->finished[side].v, s->hlen);
        vc_out_set(o, msg, 4 + s->hlen, "Handshake(finished(20), length, verify_data = the "
                   "%s's finished value) (RFC 8446 §4.4.4)", vc_side_name(side));
    } else if (strcmp(name, "EndOfEarlyData") == 0) {
        /* §4.5: struct {} EndOfEarlyData; so the message is its 4-byte header alone */
        static const uint8_t eoed[4] = {TLS_HT_end_of_early_data, 0, 0, 0};
        vc_out_set(o, eoed, sizeof(eoed), "Handshake(end_of_early_data(5), length 0) (RFC 8446 §4.5)");
    } else if (strcmp(name, "CertificateVerify") == 0 && v != NULL) {
        verify_certificate_verify(e, o, side, vc_bytes(e, v), v->len);
    } else {
        vc_out_input(o, "input: %s as the %s built it", name, vc_side_name(side));
    }
    const uint8_t *der;
    size_t der_len;
    if (strcmp(name, "Certificate") == 0 && v != NULL &&
        vm_leaf_certificate(vc_bytes(e, v), v->len, &der, &der_len)) {
        s->have_leaf[side] = tls_x509_leaf_key(der, der_len, &s->leaf[side], NULL) == TLS_OK;
    }
    if (o != NULL && o->known && !o->verdict_only) {
        vc_add_message(e, side, o->bytes, o->len);
    } else if (v != NULL) {
        vc_add_message(e, side, vc_bytes(e, v), v->len);
    }
}

/* "extract secret "early"|"handshake"|"master"": secret = HKDF-Extract(salt, IKM) (§7.1). */
static void step_extract(struct vc_engine *e, const struct trace_step *step, const char *which)
{
    struct vc_section *s = &e->s;
    static const uint8_t zeros[TLS_MAX_HASH_LEN] = {0};
    if (s->suite == NULL) {
        return; /* no hash, no key schedule: every value stays an input */
    }
    struct vc_out *salt = vc_out_add(e, "salt");
    struct vc_out *ikm = vc_out_add(e, "IKM");
    const struct trace_value *ikm_v = vc_value(e, step, "IKM");
    enum vc_stage stage;
    if (strcmp(which, "early") == 0) {
        stage = VC_EARLY;
        vc_out_set(salt, zeros, s->hlen, "0: Hash.length zero bytes (RFC 8446 §7.1)");
        if (!vc_early_ikm(e) && ikm_v != NULL && ikm_v->len == s->hlen) {
            memcpy(s->early_ikm, vc_bytes(e, ikm_v), s->hlen); /* an external PSK: an input */
            s->have_early_ikm = true;
            vc_out_input(ikm, "input: a PSK from outside this trace");
            snprintf(s->early_ikm_how, sizeof(s->early_ikm_how),
                     "the same PSK as given on line %u (from outside this trace)", ikm_v->line);
        } else if (s->have_early_ikm) {
            vc_out_set(ikm, s->early_ikm, s->hlen, "%s", s->early_ikm_how);
        }
    } else if (strcmp(which, "handshake") == 0) {
        stage = VC_HANDSHAKE;
        const uint8_t *d = vc_stage_secret(e, VC_DERIVED_FOR_HANDSHAKE);
        if (d != NULL) {
            vc_out_set(salt, d, s->hlen, "Derive-Secret(Early Secret, \"derived\", \"\") (RFC 8446 §7.1)");
        }
        if (vc_shared_secret(e)) {
            vc_out_set(ikm, s->shared, s->shared_len, "%s", s->shared_how);
        } else if (ikm_v != NULL && ikm_v->len <= sizeof(s->shared)) {
            memcpy(s->shared, vc_bytes(e, ikm_v), ikm_v->len); /* no private key: an input */
            s->shared_len = ikm_v->len;
            s->have_shared = true;
            vc_out_input(ikm, "input: no private key to compute the (EC)DHE secret from");
            snprintf(s->shared_how, sizeof(s->shared_how),
                     "the same (EC)DHE secret as given on line %u (no private key)", ikm_v->line);
        }
    } else if (strcmp(which, "master") == 0) {
        stage = VC_MASTER;
        const uint8_t *d = vc_stage_secret(e, VC_DERIVED_FOR_MASTER);
        if (d != NULL) {
            vc_out_set(salt, d, s->hlen, "Derive-Secret(Handshake Secret, \"derived\", \"\") (RFC 8446 §7.1)");
        }
        vc_out_set(ikm, zeros, s->hlen, "0: Hash.length zero bytes (RFC 8446 §7.1)");
    } else {
        return;
    }
    const uint8_t *secret = vc_stage_secret(e, stage);
    struct vc_out *o = vc_out_add(e, "secret");
    if (secret != NULL) {
        vc_out_set(o, secret, s->hlen, "HKDF-Extract(salt, IKM) (RFC 5869 §2.2)");
    } else {
        vc_out_input(o, "input: its salt or IKM is not derivable from this trace");
    }
}

/* The row of TLS_SECRET_LIST whose label is label ("c hs traffic"), or NULL. */
static const struct tls_secret_info *secret_by_label(const char *label)
{
    for (int id = 0; id < TLS_SECRET_COUNT; id++) {
        const struct tls_secret_info *info = tls_secret_info((enum tls_secret_id)id);
        if (info != NULL && info->kind == TLS_SECRET_KIND_DERIVE && strcmp(info->label, label) == 0) {
            return info;
        }
    }
    return NULL;
}

static enum vc_stage stage_of(enum tls_ks_stage stage)
{
    switch (stage) {
    case TLS_KS_EARLY:
        return VC_EARLY;
    case TLS_KS_HANDSHAKE:
        return VC_HANDSHAKE;
    case TLS_KS_MASTER:
        return VC_MASTER;
    case TLS_KS_NONE:
    default:
        return VC_STAGE_COUNT;
    }
}

/*
 * "derive secret "tls13 c hs traffic"" and "derive secret for handshake "tls13 derived"":
 *   Derive-Secret(Secret, Label, Messages) =
 *        HKDF-Expand-Label(Secret, Label, Transcript-Hash(Messages), Hash.length)
 * for_stage: "handshake"/"master" for the "derived" salts, NULL for the named secrets.
 */
static void step_derive_secret(struct vc_engine *e, const struct trace_step *step,
                               const char *label, const char *for_stage)
{
    struct vc_section *s = &e->s;
    static const char *const stage_names[] = {"Early Secret", "", "Handshake Secret", "", "Master Secret"};
    const struct tls_secret_info *info = for_stage ? NULL : secret_by_label(label);
    enum vc_stage from = VC_STAGE_COUNT;
    if (s->suite == NULL) {
        return;
    }
    if (for_stage != NULL) {
        from = strcmp(for_stage, "handshake") == 0 ? VC_EARLY
               : strcmp(for_stage, "master") == 0  ? VC_HANDSHAKE
                                                   : VC_STAGE_COUNT;
    } else if (info != NULL) {
        from = stage_of(info->stage);
    }
    const uint8_t *ours = from < VC_STAGE_COUNT ? vc_stage_secret(e, from) : NULL;
    const uint8_t *prk = use_prk(e, step, ours, from < VC_STAGE_COUNT ? stage_names[from] : "its secret");
    /* "derived" uses the hash of no messages; the others the transcript so far */
    struct vc_out *hash = vc_out_add(e, "hash");
    uint8_t h[TLS_MAX_HASH_LEN];
    char how[VC_HOW_CAP];
    bool have_hash;
    if (for_stage != NULL) {
        have_hash = s->alg != TLS_HASH_NONE && tls_hash(s->alg, (const uint8_t *)"", 0, h, NULL) == TLS_OK;
        snprintf(how, sizeof(how), "Transcript-Hash() of no messages = Hash(\"\") (RFC 8446 §7.1)");
    } else {
        have_hash = vc_transcript_hash(e, s->transcript.len, h, how, sizeof(how));
    }
    if (!have_hash) {
        vc_out_input(hash, "input: no cipher suite known for this section");
        return;
    }
    vc_out_set(hash, h, s->hlen, "%s", how);
    uint8_t result[TLS_MAX_HASH_LEN];
    if (!expand_label(e, prk, label, h, s->hlen, s->hlen, "info", "expanded", result)) {
        return;
    }
    struct vc_secret *store = NULL;
    if (for_stage != NULL && from == VC_EARLY) {
        store = &s->stage[VC_DERIVED_FOR_HANDSHAKE];
    } else if (for_stage != NULL && from == VC_HANDSHAKE) {
        store = &s->stage[VC_DERIVED_FOR_MASTER];
    } else if (info != NULL) {
        store = &s->traffic[info->id];
    }
    if (store != NULL) {
        memcpy(store->v, result, s->hlen);
        store->known = true;
    }
    tls_wipe(result, sizeof(result));
}

/*
 * "derive write|read traffic keys for early application|handshake|application data" (§7.3):
 *   [sender]_write_key = HKDF-Expand-Label(Secret, "key", "", key_length)
 *   [sender]_write_iv  = HKDF-Expand-Label(Secret, "iv", "", iv_length)
 * A write step also switches the side's records to these keys, sequence number 0 (§5.3).
 */
static void step_traffic_keys(struct vc_engine *e, const struct trace_step *step, enum vc_side side,
                              bool write, const char *data)
{
    struct vc_section *s = &e->s;
    enum vc_side sender = write ? side : (enum vc_side)(1 - side);
    enum tls_secret_id id;
    if (strcmp(data, "early application data") == 0 && sender == VC_CLIENT) {
        id = TLS_SECRET_client_early_traffic_secret;
    } else if (strcmp(data, "handshake data") == 0) {
        id = sender == VC_CLIENT ? TLS_SECRET_client_handshake_traffic_secret
                                 : TLS_SECRET_server_handshake_traffic_secret;
    } else if (strcmp(data, "application data") == 0) {
        id = sender == VC_CLIENT ? TLS_SECRET_client_application_traffic_secret_0
                                 : TLS_SECRET_server_application_traffic_secret_0;
    } else {
        return;
    }
    if (s->suite == NULL) {
        return;
    }
    const char *name = tls_secret_info(id)->name;
    const uint8_t *prk = use_prk(e, step, s->traffic[id].known ? s->traffic[id].v : NULL, name);
    struct tls_traffic_keys keys = {s->suite, {0}, {0}};
    bool ok = expand_label(e, prk, "key", NULL, 0, s->suite->key_len, "key info", "key expanded",
                           keys.key);
    ok = expand_label(e, prk, "iv", NULL, 0, s->suite->iv_len, "iv info", "iv expanded", keys.iv) && ok;
    if (write) {
        struct vc_epoch *w = &s->write[side];
        w->active = true;
        w->known = ok;
        w->keys = keys;
        w->seq = 0;
    }
    tls_traffic_keys_wipe(&keys);
}

/*
 * finished_key = HKDF-Expand-Label(BaseKey, "finished", "", Hash.length)
 * verify_data = HMAC(finished_key, message_hash)          (§4.4.4; also the binder, §4.2.11.2)
 * Fills PRK, hash (the empty context), info, expanded, finished; false if not derivable.
 */
static bool finished_values(struct vc_engine *e, const uint8_t *prk, const uint8_t *message_hash,
                            const char *hash_how, uint8_t *verify_data)
{
    struct vc_section *s = &e->s;
    vc_out_set(vc_out_add(e, "hash"), (const uint8_t *)"", 0,
               "the empty context of HKDF-Expand-Label(BaseKey, \"finished\", \"\", Hash.length)");
    uint8_t finished_key[TLS_MAX_HASH_LEN];
    struct vc_out *o = vc_out_add(e, "finished");
    bool ok = expand_label(e, prk, "finished", NULL, 0, s->hlen, "info", "expanded", finished_key) &&
              message_hash != NULL &&
              tls_hmac(s->alg, finished_key, s->hlen, message_hash, s->hlen, verify_data, NULL) == TLS_OK;
    tls_wipe(finished_key, sizeof(finished_key));
    if (!ok) {
        vc_out_input(o, "input: its key or transcript is not derivable from this trace");
        return false;
    }
    vc_out_set(o, verify_data, s->hlen, "HMAC(finished_key = expanded, %s)", hash_how);
    return true;
}

static void step_finished(struct vc_engine *e, const struct trace_step *step, enum vc_side side)
{
    struct vc_section *s = &e->s;
    enum tls_secret_id id = side == VC_CLIENT ? TLS_SECRET_client_handshake_traffic_secret
                                              : TLS_SECRET_server_handshake_traffic_secret;
    if (s->suite == NULL) {
        return;
    }
    const uint8_t *prk = use_prk(e, step, s->traffic[id].known ? s->traffic[id].v : NULL,
                                 tls_secret_info(id)->name);
    uint8_t h[TLS_MAX_HASH_LEN];
    char how[VC_HOW_CAP];
    bool have_hash = vc_transcript_hash(e, s->transcript.len, h, how, sizeof(how));
    s->finished[side].known = finished_values(e, prk, have_hash ? h : NULL, how, s->finished[side].v);
}

/*
 * "calculate PSK binder" (§4.2.11.2): the binder is a Finished value whose BaseKey is the
 * binder key and whose transcript is the ClientHello truncated before its binders:
 *   binder_key = Derive-Secret(Early Secret, "res binder", "")
 * RFC 8448 prints the ClientHello already truncated; the binder computed here completes it
 * (binders<33..2^16-1> holding one PskBinderEntry) for the transcript and the record.
 */
static void step_binder(struct vc_engine *e, const struct trace_step *step)
{
    struct vc_section *s = &e->s;
    struct vc_out *prefix = vc_out_add(e, "ClientHello prefix");
    struct vc_out *bh = vc_out_add(e, "binder hash");
    size_t end = s->ch_start + s->ch_binders_at;
    uint8_t h[TLS_MAX_HASH_LEN];
    char how[VC_HOW_CAP];
    if (s->suite == NULL || !s->ch_psk || end > s->transcript.len ||
        !vc_transcript_hash(e, end, h, how, sizeof(how))) {
        vc_out_input(prefix, "input: no ClientHello offering a PSK was constructed before");
        return;
    }
    vc_out_set(prefix, s->transcript.p + s->ch_start, s->ch_binders_at,
               "the ClientHello up to its binders (RFC 8446 §4.2.11.2)");
    vc_out_set(bh, h, s->hlen, "Transcript-Hash(%struncated ClientHello) (RFC 8446 §4.2.11.2)",
               s->ch_start > 0 ? "messages before it, " : "");
    uint8_t empty_hash[TLS_MAX_HASH_LEN], binder_key[TLS_MAX_HASH_LEN];
    const uint8_t *early = vc_stage_secret(e, VC_EARLY);
    const uint8_t *ours = NULL;
    if (early != NULL && s->early_from_resumption &&
        tls_hash(s->alg, (const uint8_t *)"", 0, empty_hash, NULL) == TLS_OK &&
        tls_derive_secret(s->alg, early, "res binder", empty_hash, binder_key, NULL) == TLS_OK) {
        ours = binder_key;
    }
    const uint8_t *prk =
        use_prk(e, step, ours, "binder_key = Derive-Secret(Early Secret, \"res binder\", \"\")");
    uint8_t binder[TLS_MAX_HASH_LEN];
    bool have_binder = finished_values(e, prk, h, "binder hash", binder);
    tls_wipe(binder_key, sizeof(binder_key));
    if (!have_binder || !s->ch_partial) {
        return;
    }
    /* opaque PskBinderEntry<32..255>; PskBinderEntry binders<33..2^16-1>; one PSK offered */
    uint8_t tail[3 + TLS_MAX_HASH_LEN] = {0, (uint8_t)(1 + s->hlen), (uint8_t)s->hlen};
    memcpy(tail + 3, binder, s->hlen);
    if (end == s->transcript.len && end + 3 + s->hlen == s->ch_start + s->ch_total) {
        (void)vc_buf_append(e, &s->transcript, tail, 3 + s->hlen);
        (void)vc_buf_append(e, &s->pending[VC_CLIENT], tail, 3 + s->hlen);
        s->ch_partial = false;
    }
}

/* "generate resumption secret" (§4.6.1):
 *   HKDF-Expand-Label(resumption_master_secret, "resumption", ticket_nonce, Hash.length) */
static void step_resumption(struct vc_engine *e, const struct trace_step *step)
{
    struct vc_section *s = &e->s;
    if (s->suite == NULL) {
        return;
    }
    struct vc_secret *res = &s->traffic[TLS_SECRET_resumption_master_secret];
    const uint8_t *prk = use_prk(e, step, res->known ? res->v : NULL, "resumption_master_secret");
    struct vc_out *hash = vc_out_add(e, "hash");
    const struct trace_value *v = vc_value(e, step, "hash");
    const uint8_t *nonce = s->nonce;
    size_t nonce_len = s->nonce_len;
    if (s->have_nonce) {
        vc_out_set(hash, s->nonce, s->nonce_len,
                   "ticket_nonce of the section's NewSessionTicket (RFC 8446 §4.6.1)");
    } else if (v != NULL) {
        vc_out_input(hash, "input: no NewSessionTicket in this section to take ticket_nonce from");
        nonce = vc_bytes(e, v);
        nonce_len = v->len;
    } else {
        return;
    }
    uint8_t psk[TLS_MAX_HASH_LEN];
    if (nonce_len <= 255 &&
        expand_label(e, prk, "resumption", nonce, nonce_len, s->hlen, "info", "expanded", psk)) {
        vc_carry_resumption_psk(e, psk);
    }
    tls_wipe(psk, sizeof(psk));
}

static void check_step(struct vc_engine *e, const struct trace_step *step)
{
    char h[TRACE_HEADING_CAP], arg[TRACE_HEADING_CAP];
    snprintf(h, sizeof(h), "%s", step->heading);
    char *same = strstr(h, " (same as");
    if (same != NULL) {
        *same = '\0'; /* repeats the other side's values: only a key switch matters */
    }
    enum vc_side side = step->side == TRACE_SIDE_CLIENT ? VC_CLIENT : VC_SERVER;
    const char *default_how = "input: no rule of this checker derives it";
    if (step->side == TRACE_SIDE_NONE) {
        default_how = "input: given outside any {client}/{server} step";
    } else if (e->s.suite == NULL) {
        default_how = "input: no ServerHello with a known cipher suite in this section";
    }
    if (step->side == TRACE_SIDE_NONE) {
        /* nothing to recompute */
    } else if (between(h, "derive write traffic keys for ", "", arg, sizeof(arg))) {
        step_traffic_keys(e, step, side, true, arg);
    } else if (between(h, "derive read traffic keys for ", "", arg, sizeof(arg))) {
        step_traffic_keys(e, step, side, false, arg);
    } else if (same != NULL) {
        /* nothing to recompute, nothing to change */
    } else if (between(h, "create an ephemeral ", " key pair", arg, sizeof(arg))) {
        step_key_pair(e, step, side, arg);
    } else if (between(h, "construct a ", " handshake message", arg, sizeof(arg)) ||
               between(h, "construct an ", " handshake message", arg, sizeof(arg))) {
        step_construct(e, step, side, arg);
    } else if (between(h, "send ", " record", arg, sizeof(arg))) {
        vc_step_record(e, step, side, arg);
    } else if (between(h, "extract secret \"", "\"", arg, sizeof(arg))) {
        step_extract(e, step, arg);
    } else if (between(h, "derive secret for handshake \"tls13 ", "\"", arg, sizeof(arg))) {
        step_derive_secret(e, step, arg, "handshake");
    } else if (between(h, "derive secret for master \"tls13 ", "\"", arg, sizeof(arg))) {
        step_derive_secret(e, step, arg, "master");
    } else if (between(h, "derive secret \"tls13 ", "\"", arg, sizeof(arg))) {
        step_derive_secret(e, step, arg, NULL);
    } else if (starts_with(h, "calculate finished")) {
        step_finished(e, step, side);
    } else if (starts_with(h, "calculate PSK binder")) {
        step_binder(e, step);
    } else if (starts_with(h, "generate resumption secret")) {
        step_resumption(e, step);
    }
    vc_report_step(e, step, default_how);
}

bool vc_check_trace(const struct trace *t, vc_report_fn report, void *ctx,
                    struct vc_summary *summary)
{
    memset(summary, 0, sizeof(*summary));
    /* The output pool is written before it is read: only the fields before it need zeros. */
    struct vc_engine *e = malloc(sizeof(*e));
    if (e == NULL) {
        return false;
    }
    memset(e, 0, offsetof(struct vc_engine, pool));
    e->t = t;
    e->report = report;
    e->ctx = ctx;
    e->sum = summary;
    for (size_t i = 0; i < t->section_count; i++) {
        const struct trace_section *sec = &t->sections[i];
        e->section = sec;
        vc_section_begin(e, sec);
        for (size_t k = 0; k < sec->step_count; k++) {
            check_step(e, &t->steps[sec->first_step + k]);
        }
        vc_section_end(e);
    }
    bool ok = !e->oom;
    free(e->s.transcript.p);
    free(e->s.pending[0].p);
    free(e->s.pending[1].p);
    tls_wipe(e, offsetof(struct vc_engine, pool));
    free(e);
    return ok;
}
