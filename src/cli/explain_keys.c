/*
 * explain_keys.c — `--explain`'s key schedule steps (RFC 8446 §7.1, §7.3, §4.4.4), printed as the
 * client derives each secret (explain.h, explain_key_steps).
 *
 * Implementation notes
 * --------------------
 * The client reports its secrets (early_secret, the (EC)DHE shared secret, handshake_secret,
 * the traffic secrets, master_secret, ...) through its observer; this file recomputes, from each
 * value and with the project's own HKDF (src/crypto), what the RFC derives from it next, so every
 * intermediate value of the diagram below is on screen:
 *
 *              0
 *              |
 *              v
 *    PSK ->  HKDF-Extract = Early Secret
 *              +-----> Derive-Secret(., "derived", "")
 *              v
 *    (EC)DHE -> HKDF-Extract = Handshake Secret
 *              +-----> Derive-Secret(., "c hs traffic", ClientHello...ServerHello)
 *              +-----> Derive-Secret(., "s hs traffic", ClientHello...ServerHello)
 *              +-----> Derive-Secret(., "derived", "")
 *              v
 *    0 -> HKDF-Extract = Master Secret
 *
 *   HKDF-Expand-Label(Secret, Label, Context, Length) = HKDF-Expand(Secret, HkdfLabel, Length)
 *   struct { uint16 length = Length; opaque label<7..255> = "tls13 " + Label;
 *            opaque context<0..255> = Context; } HkdfLabel;
 */
#include <string.h>

#include "cli/explain.h"
#include "crypto/hash.h"
#include "crypto/hkdf.h"
#include "crypto/key_schedule.h"
#include "crypto/suite.h"
#include "crypto/util.h"

/* The first time a label is used: the HkdfLabel bytes, field by field. */
static void show_label(struct explain *ex, const char *label, const uint8_t *context,
                       size_t context_len, size_t length)
{
    for (size_t i = 0; i < ex->label_count; i++) {
        if (strcmp(ex->labels_seen[i], label) == 0) {
            return;
        }
    }
    if (ex->label_count < EXPLAIN_MAX_LABELS) {
        ex->labels_seen[ex->label_count++] = label;
    }
    uint8_t info[2 + 1 + 255 + 1 + 255];
    size_t n = 0;
    if (tls_hkdf_label(label, context, context_len, length, info, sizeof(info), &n, NULL) != TLS_OK) {
        return;
    }
    char title[64];
    snprintf(title, sizeof(title), "HkdfLabel \"%s\"", label);
    fprintf(ex->out, "           %s, first use (RFC 8446 §7.1): HKDF-Expand(Secret, HkdfLabel, %zu)\n",
            title, length);
    size_t label_len = info[2];
    explain_hex(ex->out, "  length", info, 2, 2);
    explain_hex(ex->out, "  label", info + 2, 1 + label_len, 1 + label_len);
    fprintf(ex->out, "           %-18s(1-byte length, then \"tls13 %s\")\n", "", label);
    explain_hex(ex->out, "  context", info + 3 + label_len, 1 + context_len, 1 + context_len);
}

/* Derive-Secret(Secret, "derived", "") = HKDF-Expand-Label(Secret, "derived", Hash(""), L). */
static void show_derived(struct explain *ex, enum tls_hash_alg alg, const uint8_t *secret,
                         const char *next)
{
    uint8_t empty_hash[TLS_MAX_HASH_LEN], salt[TLS_MAX_HASH_LEN];
    size_t hl = tls_hash_len(alg);
    if (tls_hash(alg, NULL, 0, empty_hash, NULL) != TLS_OK ||
        tls_derive_secret(alg, secret, "derived", empty_hash, salt, NULL) != TLS_OK) {
        return;
    }
    show_label(ex, "derived", empty_hash, hl, hl);
    fprintf(ex->out, "           derived = Derive-Secret(., \"derived\", \"\"): the salt of the %s\n", next);
    explain_hex(ex->out, "  Hash(\"\")", empty_hash, hl, 64);
    explain_hex(ex->out, "  derived", salt, hl, 64);
    tls_wipe(salt, sizeof(salt));
}

/* §7.3: [sender]_write_key = HKDF-Expand-Label(Secret, "key", "", key_length), _iv likewise. */
static void show_traffic_keys(struct explain *ex, const uint8_t *secret, bool handshake,
                              enum tls_hash_alg alg)
{
    const struct tls_cipher_suite *suite = tls_cipher_suite_find(ex->cipher_suite);
    struct tls_traffic_keys keys;
    if (suite != NULL && suite->hash == alg && tls_traffic_keys_derive(suite, secret, &keys, NULL) == TLS_OK) {
        show_label(ex, "key", NULL, 0, suite->key_len);
        explain_hex(ex->out, "write_key (§7.3)", keys.key, suite->key_len, 64);
        show_label(ex, "iv", NULL, 0, TLS_IV_LEN);
        explain_hex(ex->out, "write_iv (§7.3)", keys.iv, TLS_IV_LEN, 64);
        tls_traffic_keys_wipe(&keys);
    }
    /* §4.4.4: finished_key = HKDF-Expand-Label(BaseKey, "finished", "", Hash.length) */
    uint8_t fk[TLS_MAX_HASH_LEN];
    if (handshake && tls_finished_key(alg, secret, fk, NULL) == TLS_OK) {
        show_label(ex, "finished", NULL, 0, tls_hash_len(alg));
        explain_hex(ex->out, "finished_key", fk, tls_hash_len(alg), 64);
        tls_wipe(fk, sizeof(fk));
    }
}

void explain_key_steps(struct explain *ex, enum tls_secret_id id, const uint8_t *secret,
                       size_t secret_len, const uint8_t *transcript_hash, size_t hash_len)
{
    enum tls_hash_alg alg = secret_len == 48 ? TLS_HASH_SHA384 : TLS_HASH_SHA256;
    const struct tls_secret_info *info = tls_secret_info(id);
    switch (id) {
    case TLS_SECRET_ecdhe_shared_secret:
        fprintf(ex->out, "           the IKM of HKDF-Extract for the Handshake Secret (§7.1, §7.4)\n");
        return;
    case TLS_SECRET_early_secret:
        show_derived(ex, alg, secret, "Handshake Secret");
        return;
    case TLS_SECRET_handshake_secret:
        show_derived(ex, alg, secret, "Master Secret");
        return;
    default:
        break;
    }
    if (info != NULL && info->kind == TLS_SECRET_KIND_DERIVE && transcript_hash != NULL) {
        /* Derive-Secret(Secret, Label, Messages) =
             HKDF-Expand-Label(Secret, Label, Transcript-Hash(Messages), Hash.length) */
        show_label(ex, info->label, transcript_hash, hash_len, secret_len);
    }
    switch (id) {
    case TLS_SECRET_client_early_traffic_secret:
    case TLS_SECRET_client_application_traffic_secret_0:
    case TLS_SECRET_server_application_traffic_secret_0:
    case TLS_SECRET_client_application_traffic_secret_N:
    case TLS_SECRET_server_application_traffic_secret_N:
        show_traffic_keys(ex, secret, false, alg);
        return;
    case TLS_SECRET_client_handshake_traffic_secret:
    case TLS_SECRET_server_handshake_traffic_secret:
        show_traffic_keys(ex, secret, true, alg); /* also its finished_key (§4.4.4) */
        return;
    default:
        return;
    }
}

void explain_note_server_hello(struct explain *ex, const uint8_t *body, size_t len)
{
    /* legacy_version(2) random(32) legacy_session_id_echo<0..32> cipher_suite(2) (§4.1.3) */
    if (len < 35 || len < 35u + body[34] + 2u) {
        return;
    }
    size_t at = 35u + body[34];
    ex->cipher_suite = (uint16_t)(body[at] << 8 | body[at + 1]);
}
