/*
 * variant_emit.c — the RFC 8448 text writer and the key schedule steps of a variant trace
 * (see variant_emit.h for the layout and variant.h for what a variant is).
 */
#include "cli/variant_emit.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/hkdf.h"
#include "crypto/suite.h"
#include "crypto/util.h"

#define VT_COLUMNS 72 /* RFC 8448's hex lines end at or before column 72 */

bool vt_ok(struct vt *g, tls_result rc, const char *reason)
{
    if (rc == TLS_OK) {
        return true;
    }
    if (g->failed == TLS_OK) {
        g->failed = rc;
        if (g->err.reason == NULL) {
            g->err.reason = reason;
        }
    }
    return false;
}

void vt_fresh(struct vt *g, const char *name, uint8_t *out, size_t len)
{
    /* RFC 5869 §2.3 with the seed as PRK: a different name gives an unrelated value, so
     * adding a generated value later never changes the existing ones. */
    memset(out, 0, len);
    (void)vt_ok(g, tls_hkdf_expand(TLS_HASH_SHA256, g->seed, sizeof(g->seed), (const uint8_t *)name,
                                   strlen(name), out, len, NULL),
                "variant: HKDF-Expand of the seed failed");
}

/* Appends n bytes to the text, growing it (doubling); sets oom on failure. */
static void append(struct variant_text *t, const char *s, size_t n)
{
    if (t->oom) {
        return;
    }
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 16384;
        while (cap < t->len + n + 1) {
            cap *= 2;
        }
        char *p = realloc(t->p, cap);
        if (p == NULL) {
            t->oom = true;
            return;
        }
        t->p = p;
        t->cap = cap;
    }
    memcpy(t->p + t->len, s, n);
    t->len += n;
    t->p[t->len] = '\0';
}

void vt_text(struct vt *g, const char *fmt, ...)
{
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof(line)) {
        (void)vt_ok(g, TLS_E_INTERNAL, "variant: a line of text is too long");
        return;
    }
    append(g->out, line, (size_t)n);
}

void vt_step(struct vt *g, const char *side, const char *heading)
{
    vt_text(g, "   {%s}  %s:\n\n", side, heading);
}

void vt_same(struct vt *g, const char *side, const char *heading)
{
    vt_text(g, "   {%s}  %s\n\n", side, heading);
}

void vt_value(struct vt *g, const char *label, const uint8_t *p, size_t n)
{
    char line[VT_COLUMNS + 8];
    int used = snprintf(line, sizeof(line), "      %s (%zu octets):  ", label, n);
    if (used < 0 || (size_t)used >= sizeof(line)) {
        (void)vt_ok(g, TLS_E_INTERNAL, "variant: a value label is too long");
        return;
    }
    size_t len = (size_t)used;
    if (n == 0) {
        vt_text(g, "%s(empty)\n\n", line);
        return;
    }
    bool space = false; /* an octet follows ":  " or the indent directly, others after a space */
    for (size_t k = 0; k < n; k++) {
        if (len + (space ? 3 : 2) > VT_COLUMNS) {
            append(g->out, line, len);
            append(g->out, "\n", 1);
            memset(line, ' ', 9); /* continuation lines: indent 9 */
            len = 9;
            space = false;
        }
        len += (size_t)snprintf(line + len, sizeof(line) - len, "%s%02x", space ? " " : "", p[k]);
        space = true;
    }
    append(g->out, line, len);
    append(g->out, "\n\n", 2);
}

void vt_zero_salt(struct vt *g)
{
    vt_text(g, "      salt:  0 (all zero octets)\n\n");
}

void vt_transcript_add(struct vt *g, const uint8_t *msg, size_t len)
{
    if (len > sizeof(g->transcript) - g->transcript_len) {
        (void)vt_ok(g, TLS_E_INTERNAL, "variant: transcript buffer too small");
        return;
    }
    memcpy(g->transcript + g->transcript_len, msg, len);
    g->transcript_len += len;
}

void vt_transcript_hash(struct vt *g, uint8_t *out)
{
    /* RFC 8446 §4.4.1: Transcript-Hash(M1, M2, ... Mn) = Hash(M1 || M2 || ... || Mn) */
    (void)vt_ok(g, tls_hash(g->alg, g->transcript, g->transcript_len, out, NULL),
                "variant: transcript hash failed");
}

void vt_extract(struct vt *g, const char *side, const char *heading, const uint8_t *salt,
                const uint8_t *ikm, size_t ikm_len, uint8_t *secret)
{
    vt_step(g, side, heading);
    if (salt == NULL) {
        vt_zero_salt(g); /* §7.1: "0" is a string of Hash.length zero bytes */
    } else {
        vt_value(g, "salt", salt, g->hlen);
    }
    vt_value(g, "IKM", ikm, ikm_len);
    memset(secret, 0, g->hlen);
    (void)vt_ok(g, tls_hkdf_extract(g->alg, salt, salt != NULL ? g->hlen : 0, ikm, ikm_len, secret, NULL),
                "variant: HKDF-Extract failed");
    vt_value(g, "secret", secret, g->hlen);
}

/* info and expanded of HKDF-Expand-Label(prk, label, context, length), under two labels. */
static void expand_values(struct vt *g, const uint8_t *prk, const char *label,
                          const uint8_t *context, size_t context_len, size_t length,
                          const char *info_label, const char *out_label, uint8_t *out)
{
    uint8_t info[2 + 1 + 255 + 1 + 255];
    size_t info_len = 0;
    memset(out, 0, length);
    if (vt_ok(g, tls_hkdf_label(label, context, context_len, length, info, sizeof(info), &info_len, NULL),
              "variant: HkdfLabel too long")) {
        (void)vt_ok(g, tls_hkdf_expand(g->alg, prk, g->hlen, info, info_len, out, length, NULL),
                    "variant: HKDF-Expand failed");
    }
    vt_value(g, info_label, info, info_len);
    vt_value(g, out_label, out, length);
}

void vt_expand_label(struct vt *g, const char *side, const char *heading, const uint8_t *prk,
                     const char *label, const uint8_t *context, size_t context_len, uint8_t *out)
{
    vt_step(g, side, heading);
    vt_value(g, "PRK", prk, g->hlen);
    vt_value(g, "hash", context, context_len);
    expand_values(g, prk, label, context, context_len, g->hlen, "info", "expanded", out);
}

void vt_derive_secret(struct vt *g, const char *side, const char *heading, const uint8_t *prk,
                      const char *label, uint8_t *out)
{
    /* §7.1: Derive-Secret(Secret, Label, Messages) =
     *         HKDF-Expand-Label(Secret, Label, Transcript-Hash(Messages), Hash.length) */
    uint8_t hash[TLS_MAX_HASH_LEN];
    vt_transcript_hash(g, hash);
    vt_expand_label(g, side, heading, prk, label, hash, g->hlen, out);
}

void vt_derived(struct vt *g, const char *side, const char *heading, const uint8_t *prk,
                uint8_t *out)
{
    /* §7.1: Derive-Secret(., "derived", "") -- the hash of no messages at all */
    uint8_t empty_hash[TLS_MAX_HASH_LEN];
    (void)vt_ok(g, tls_hash(g->alg, NULL, 0, empty_hash, NULL), "variant: Hash(\"\") failed");
    vt_expand_label(g, side, heading, prk, "derived", empty_hash, g->hlen, out);
}

void vt_traffic_keys(struct vt *g, const char *side, const char *heading,
                     const uint8_t *traffic_secret, struct tls_traffic_keys *keys)
{
    /* §7.3: [sender]_write_key = HKDF-Expand-Label(Secret, "key", "", key_length)
     *       [sender]_write_iv  = HKDF-Expand-Label(Secret, "iv", "", iv_length) */
    memset(keys, 0, sizeof(*keys));
    keys->suite = g->suite;
    vt_step(g, side, heading);
    vt_value(g, "PRK", traffic_secret, g->hlen);
    expand_values(g, traffic_secret, "key", NULL, 0, g->suite->key_len, "key info", "key expanded",
                  keys->key);
    expand_values(g, traffic_secret, "iv", NULL, 0, g->suite->iv_len, "iv info", "iv expanded",
                  keys->iv);
}

void vt_finished(struct vt *g, const char *side, const char *heading, const uint8_t *base_key,
                 uint8_t *out)
{
    /* §4.4.4: finished_key = HKDF-Expand-Label(BaseKey, "finished", "", Hash.length)
     *         verify_data = HMAC(finished_key, Transcript-Hash(Handshake Context,
     *                                       Certificate*, CertificateVerify*)) */
    uint8_t finished_key[TLS_MAX_HASH_LEN], hash[TLS_MAX_HASH_LEN];
    vt_step(g, side, heading);
    vt_value(g, "PRK", base_key, g->hlen);
    vt_value(g, "hash", NULL, 0);
    expand_values(g, base_key, "finished", NULL, 0, g->hlen, "info", "expanded", finished_key);
    vt_transcript_hash(g, hash);
    memset(out, 0, g->hlen);
    (void)vt_ok(g, tls_hmac(g->alg, finished_key, g->hlen, hash, g->hlen, out, NULL),
                "variant: HMAC failed");
    tls_wipe(finished_key, sizeof(finished_key));
    vt_value(g, "finished", out, g->hlen);
}

void vt_record(struct vt *g, const char *side, const char *heading,
               struct tls_record_direction *d, uint8_t type, const uint8_t *payload, size_t len)
{
    /* §5.1 (TLSPlaintext) before keys, §5.2 (TLSCiphertext, TLSInnerPlaintext without
     * padding) after: tls_record_write() knows which and advances the sequence number. */
    struct tls_writer w;
    tls_writer_init(&w, g->record, sizeof(g->record));
    (void)vt_ok(g, tls_record_write(d, type, payload, len, 0, &w, &g->err),
                "variant: record protection failed");
    vt_step(g, side, heading);
    vt_value(g, "payload", payload, len);
    vt_value(g, "complete record", g->record, w.len);
}
