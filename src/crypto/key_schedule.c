/*
 * key_schedule.c — the TLS 1.3 key schedule (RFC 8446 §7.1), traffic keys (§7.3), key update
 * (§7.2), Finished and binder keys (§4.4.4, §4.2.11.2), resumption PSK (§4.6.1) and exporters (§7.5).
 *
 * Implementation notes
 * --------------------
 * The whole of §7.1 is three HKDF-Extract steps in a row (Early, Handshake, Master Secret),
 * each salted with Derive-Secret(previous, "derived", ""), and a fan of Derive-Secret calls out
 * of each. struct tls_key_schedule keeps only the secret of the current stage:
 *
 *   - tls_ks_early / tls_ks_handshake / tls_ks_master walk the three extracts, in that order
 *     only, each overwriting the previous stage's secret (RFC 8446 §7.1 lets an implementation
 *     forget a secret once everything derived from it exists);
 *   - the "derived" salt between two stages lives only on the stack and is wiped at once;
 *   - tls_ks_derive() fans out. It looks the label up in the TLS_SECRET_LIST table and refuses
 *     a label that belongs to another stage (e.g. "c ap traffic" while still at the Handshake
 *     Secret): that would be a state-machine bug, so it is internal_error.
 *
 * Everything below the table is one line of §7.1 / §7.3 / §4.4.4 each.
 */
#include "crypto/key_schedule.h"

#include <string.h>

#include "crypto/hkdf.h"
#include "crypto/util.h"

/* One row per TLS_SECRET_LIST entry, in enum order, so the id indexes the table. */
static const struct tls_secret_info secret_table[TLS_SECRET_COUNT] = {
#define TLS_X_(name, stage, kind, label, nss, span, section) \
    {TLS_SECRET_##name, TLS_KS_##stage, TLS_SECRET_KIND_##kind, #name, label, nss, span, section},
    TLS_SECRET_LIST(TLS_X_)
#undef TLS_X_
};

const struct tls_secret_info *tls_secret_info(enum tls_secret_id id)
{
    if ((unsigned)id >= TLS_SECRET_COUNT) {
        return NULL;
    }
    return &secret_table[id];
}

const struct tls_secret_info *tls_secret_info_by_nss_label(const char *nss_label)
{
    for (size_t i = 0; i < TLS_SECRET_COUNT; i++) {
        if (secret_table[i].nss_label != NULL && strcmp(secret_table[i].nss_label, nss_label) == 0) {
            return &secret_table[i];
        }
    }
    return NULL;
}

/* Hash(""): the Transcript-Hash of no messages, the context of every "derived" step. */
static tls_result empty_hash(enum tls_hash_alg alg, uint8_t out[TLS_MAX_HASH_LEN],
                             struct tls_error *err)
{
    static const uint8_t nothing[1] = {0};
    return tls_hash(alg, nothing, 0, out, err);
}

/*
 * One stage to the next (RFC 8446 §7.1):
 *
 *        Derive-Secret(., "derived", "")
 *              |
 *              v
 *   IKM -> HKDF-Extract = next stage's secret
 *
 * The current secret is replaced in place; the "derived" salt is wiped before returning.
 */
static tls_result next_stage(struct tls_key_schedule *ks, const uint8_t *ikm, size_t ikm_len,
                             enum tls_ks_stage next, struct tls_error *err)
{
    size_t hash_len = tls_hash_len(ks->alg);
    uint8_t empty[TLS_MAX_HASH_LEN];
    uint8_t derived[TLS_MAX_HASH_LEN];
    TRY(empty_hash(ks->alg, empty, err));
    tls_result rc = tls_derive_secret(ks->alg, ks->secret, "derived", empty, derived, err);
    if (rc == TLS_OK) {
        rc = tls_hkdf_extract(ks->alg, derived, hash_len, ikm, ikm_len, ks->secret, err);
    }
    tls_wipe(derived, sizeof(derived));
    if (rc != TLS_OK) {
        tls_ks_wipe(ks); /* RFC 8446 §6: forget secrets of a failed connection */
        return rc;
    }
    ks->stage = next;
    return TLS_OK;
}

/*
 *              0
 *              |
 *              v
 *    PSK ->  HKDF-Extract = Early Secret
 *
 * RFC 8446 §7.1: "If a given secret is not available, then the 0-value consisting of a string
 * of Hash.length bytes set to zeros is used."
 */
tls_result tls_ks_early(struct tls_key_schedule *ks, enum tls_hash_alg alg, const uint8_t *psk,
                        size_t psk_len, struct tls_error *err)
{
    static const uint8_t zeros[TLS_MAX_HASH_LEN] = {0};
    size_t hash_len = tls_hash_len(alg);
    tls_ks_wipe(ks);
    if (hash_len == 0) {
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 8446 §7.1: no hash selected");
    }
    ks->alg = alg;
    if (psk == NULL) {
        psk = zeros; /* no PSK: the 0-value */
        psk_len = hash_len;
    }
    /* salt "0" is also Hash.length zeros; tls_hkdf_extract() treats an absent salt so. */
    tls_result rc = tls_hkdf_extract(alg, NULL, 0, psk, psk_len, ks->secret, err);
    if (rc != TLS_OK) {
        tls_ks_wipe(ks);
        return rc;
    }
    ks->stage = TLS_KS_EARLY;
    return TLS_OK;
}

/*
 *             Early Secret
 *              |
 *              v
 *        Derive-Secret(., "derived", "")
 *              |
 *              v
 *   (EC)DHE -> HKDF-Extract = Handshake Secret
 */
tls_result tls_ks_handshake(struct tls_key_schedule *ks, const uint8_t *ecdhe, size_t ecdhe_len,
                            struct tls_error *err)
{
    if (ks->stage != TLS_KS_EARLY) {
        return tls_fail(err, TLS_ALERT_internal_error,
                        "RFC 8446 §7.1: Handshake Secret needs the Early Secret first");
    }
    return next_stage(ks, ecdhe, ecdhe_len, TLS_KS_HANDSHAKE, err);
}

/*
 *             Handshake Secret
 *              |
 *              v
 *        Derive-Secret(., "derived", "")
 *              |
 *              v
 *   0 -> HKDF-Extract = Master Secret
 */
tls_result tls_ks_master(struct tls_key_schedule *ks, struct tls_error *err)
{
    static const uint8_t zeros[TLS_MAX_HASH_LEN] = {0};
    if (ks->stage != TLS_KS_HANDSHAKE) {
        return tls_fail(err, TLS_ALERT_internal_error,
                        "RFC 8446 §7.1: Master Secret needs the Handshake Secret first");
    }
    return next_stage(ks, zeros, tls_hash_len(ks->alg), TLS_KS_MASTER, err);
}

/*
 * The fan-out of each stage: every arrow to the right is one tls_ks_derive() call, allowed only
 * while the schedule holds that stage's secret (RFC 8446 §7.1, verbatim):
 *
 *   PSK ->  HKDF-Extract = Early Secret
 *             |
 *             +-----> Derive-Secret(., "ext binder" | "res binder", "")
 *             |                     = binder_key
 *             |
 *             +-----> Derive-Secret(., "c e traffic", ClientHello)
 *             |                     = client_early_traffic_secret
 *             |
 *             +-----> Derive-Secret(., "e exp master", ClientHello)
 *             |                     = early_exporter_master_secret
 *
 *   (EC)DHE -> HKDF-Extract = Handshake Secret
 *             |
 *             +-----> Derive-Secret(., "c hs traffic",
 *             |                     ClientHello...ServerHello)
 *             |                     = client_handshake_traffic_secret
 *             |
 *             +-----> Derive-Secret(., "s hs traffic",
 *             |                     ClientHello...ServerHello)
 *             |                     = server_handshake_traffic_secret
 *
 *   0 -> HKDF-Extract = Master Secret
 *             |
 *             +-----> Derive-Secret(., "c ap traffic",
 *             |                     ClientHello...server Finished)
 *             |                     = client_application_traffic_secret_0
 *             |
 *             +-----> Derive-Secret(., "s ap traffic",
 *             |                     ClientHello...server Finished)
 *             |                     = server_application_traffic_secret_0
 *             |
 *             +-----> Derive-Secret(., "exp master",
 *             |                     ClientHello...server Finished)
 *             |                     = exporter_master_secret
 *             |
 *             +-----> Derive-Secret(., "res master",
 *                                   ClientHello...client Finished)
 *                                   = resumption_master_secret
 *
 * The caller brings Transcript-Hash(Messages) for the Messages named on each arrow.
 */
tls_result tls_ks_derive(const struct tls_key_schedule *ks, enum tls_secret_id id,
                         const uint8_t *transcript_hash, uint8_t *out, struct tls_error *err)
{
    const struct tls_secret_info *info = tls_secret_info(id);
    if (info == NULL) {
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 8446 §7.1: unknown secret");
    }
    if (info->kind != TLS_SECRET_KIND_DERIVE) {
        return tls_fail(err, TLS_ALERT_internal_error,
                        "RFC 8446 §7.1: not a Derive-Secret output of the key schedule");
    }
    /* The stages can only be walked in order: a secret of another stage is a caller bug. */
    if (info->stage != ks->stage) {
        return tls_fail(err, TLS_ALERT_internal_error,
                        "RFC 8446 §7.1: secret derived from the wrong stage of the key schedule");
    }
    return tls_derive_secret(ks->alg, ks->secret, info->label, transcript_hash, out, err);
}

void tls_ks_wipe(struct tls_key_schedule *ks)
{
    tls_wipe(ks, sizeof(*ks));
    ks->stage = TLS_KS_NONE;
    ks->alg = TLS_HASH_NONE;
}

/*
 * RFC 8446 §7.3:
 *   [sender]_write_key = HKDF-Expand-Label(Secret, "key", "", key_length)
 *   [sender]_write_iv  = HKDF-Expand-Label(Secret, "iv", "", iv_length)
 */
tls_result tls_traffic_keys_derive(const struct tls_cipher_suite *suite,
                                   const uint8_t *traffic_secret, struct tls_traffic_keys *out,
                                   struct tls_error *err)
{
    tls_traffic_keys_wipe(out);
    out->suite = suite;
    tls_result rc = tls_hkdf_expand_label(suite->hash, traffic_secret, "key", NULL, 0, out->key,
                                          suite->key_len, err);
    if (rc == TLS_OK) {
        rc = tls_hkdf_expand_label(suite->hash, traffic_secret, "iv", NULL, 0, out->iv,
                                   suite->iv_len, err);
    }
    if (rc != TLS_OK) {
        tls_traffic_keys_wipe(out);
    }
    return rc;
}

void tls_traffic_keys_wipe(struct tls_traffic_keys *keys)
{
    tls_wipe(keys, sizeof(*keys));
    keys->suite = NULL;
}

/*
 * RFC 8446 §7.2:
 *   application_traffic_secret_N+1 =
 *       HKDF-Expand-Label(application_traffic_secret_N, "traffic upd", "", Hash.length)
 */
tls_result tls_next_traffic_secret(enum tls_hash_alg alg, const uint8_t *secret, uint8_t *out,
                                   struct tls_error *err)
{
    return tls_hkdf_expand_label(alg, secret, "traffic upd", NULL, 0, out, tls_hash_len(alg), err);
}

/* RFC 8446 §4.4.4: finished_key = HKDF-Expand-Label(BaseKey, "finished", "", Hash.length) */
tls_result tls_finished_key(enum tls_hash_alg alg, const uint8_t *base_key, uint8_t *out,
                            struct tls_error *err)
{
    return tls_finished_key_prefixed(alg, "tls13 ", base_key, out, err);
}

tls_result tls_finished_key_prefixed(enum tls_hash_alg alg, const char *prefix, const uint8_t *base_key,
                                     uint8_t *out, struct tls_error *err)
{
    return tls_hkdf_expand_label_prefixed(alg, prefix, base_key, "finished", NULL, 0, out,
                                          tls_hash_len(alg), err);
}

/*
 * RFC 8446 §4.4.4:
 *   verify_data =
 *       HMAC(finished_key,
 *            Transcript-Hash(Handshake Context, Certificate*, CertificateVerify*))
 */
tls_result tls_finished_verify_data(enum tls_hash_alg alg, const uint8_t *base_key,
                                    const uint8_t *transcript_hash, uint8_t *out,
                                    struct tls_error *err)
{
    return tls_finished_verify_data_prefixed(alg, "tls13 ", base_key, transcript_hash, out, err);
}

tls_result tls_finished_verify_data_prefixed(enum tls_hash_alg alg, const char *prefix,
                                             const uint8_t *base_key, const uint8_t *transcript_hash,
                                             uint8_t *out, struct tls_error *err)
{
    size_t hash_len = tls_hash_len(alg);
    uint8_t finished_key[TLS_MAX_HASH_LEN];
    tls_result rc = tls_finished_key_prefixed(alg, prefix, base_key, finished_key, err);
    if (rc == TLS_OK) {
        rc = tls_hmac(alg, finished_key, hash_len, transcript_hash, hash_len, out, err);
    }
    tls_wipe(finished_key, sizeof(finished_key)); /* used for this one MAC only */
    return rc;
}

/*
 * RFC 8446 §4.6.1:
 *   HKDF-Expand-Label(resumption_master_secret, "resumption", ticket_nonce, Hash.length)
 */
tls_result tls_resumption_psk(enum tls_hash_alg alg, const uint8_t *resumption_master_secret,
                              const uint8_t *nonce, size_t nonce_len, uint8_t *out,
                              struct tls_error *err)
{
    return tls_hkdf_expand_label(alg, resumption_master_secret, "resumption", nonce, nonce_len,
                                 out, tls_hash_len(alg), err);
}

/*
 * RFC 8446 §7.5:
 *   TLS-Exporter(label, context_value, key_length) =
 *       HKDF-Expand-Label(Derive-Secret(Secret, label, ""),
 *                         "exporter", Hash(context_value), key_length)
 */
tls_result tls_exporter(enum tls_hash_alg alg, const uint8_t *exporter_master_secret,
                        const char *label, const uint8_t *context, size_t context_len,
                        uint8_t *out, size_t out_len, struct tls_error *err)
{
    size_t hash_len = tls_hash_len(alg);
    uint8_t empty[TLS_MAX_HASH_LEN];
    uint8_t context_hash[TLS_MAX_HASH_LEN];
    uint8_t derived[TLS_MAX_HASH_LEN];
    TRY(empty_hash(alg, empty, err));
    TRY(tls_hash(alg, context, context_len, context_hash, err));
    tls_result rc = tls_derive_secret(alg, exporter_master_secret, label, empty, derived, err);
    if (rc == TLS_OK) {
        rc = tls_hkdf_expand_label(alg, derived, "exporter", context_hash, hash_len, out, out_len, err);
    }
    tls_wipe(derived, sizeof(derived));
    return rc;
}
