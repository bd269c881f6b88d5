/*
 * keylog.c — NSS key log lines to secrets (see keylog.h; labels from RFC 8446 §7.1 via
 * TLS_SECRET_LIST).
 */
#include "decoder/keylog.h"

#include "common/hex.h"

#include <stdlib.h>
#include <string.h>

#include "crypto/util.h"

void tls_keylog_init(struct tls_keylog *kl)
{
    memset(kl, 0, sizeof(*kl));
}

/* Decodes exactly n hex digits into out (n / 2 bytes); false on a bad digit or odd n. */
static bool hex_decode(const char *s, size_t n, uint8_t *out, size_t cap)
{
    if (n % 2 != 0 || n / 2 > cap) {
        return false;
    }
    for (size_t i = 0; i < n; i += 2) {
        int hi = tls_hex_value(s[i]);
        int lo = tls_hex_value(s[i + 1]);
        if (hi < 0 || lo < 0) {
            return false;
        }
        out[i / 2] = (uint8_t)(hi * 16 + lo);
    }
    return true;
}

/* Splits line[0..len) into up to 3 space-separated words. Returns how many were found. */
static size_t split_words(const char *line, size_t len, const char **w, size_t *wl)
{
    size_t n = 0;
    size_t i = 0;
    while (i < len && n < 3) {
        while (i < len && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) {
            i++;
        }
        if (i == len) {
            break;
        }
        w[n] = line + i;
        while (i < len && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') {
            i++;
        }
        wl[n] = (size_t)(line + i - w[n]);
        n++;
    }
    return n;
}

static tls_result keylog_append(struct tls_keylog *kl, const struct tls_keylog_entry *e,
                                struct tls_error *err)
{
    /* Doubling: the key log's size is known only once it is read (the decoder layer may
       allocate; its size follows the key log, not the capture). */
    if (kl->count == kl->cap) {
        size_t cap = kl->cap == 0 ? 16 : kl->cap * 2;
        /* Not realloc: the old block holds secrets and must be wiped before it is freed. */
        struct tls_keylog_entry *grown = malloc(cap * sizeof(*grown));
        if (grown == NULL) {
            return tls_fail(err, TLS_ALERT_internal_error, "key log: out of memory");
        }
        if (kl->entries != NULL) {
            memcpy(grown, kl->entries, kl->count * sizeof(*grown));
            tls_wipe(kl->entries, kl->cap * sizeof(*grown));
            free(kl->entries);
        }
        kl->entries = grown;
        kl->cap = cap;
    }
    kl->entries[kl->count++] = *e;
    return TLS_OK;
}

/* One line: skipped (comment, blank, unused label) or added; failure on malformed values. */
static tls_result keylog_line(struct tls_keylog *kl, const char *line, size_t len,
                              struct tls_error *err)
{
    const char *w[3];
    size_t wl[3];
    size_t n = split_words(line, len, w, wl);
    /* NSS: "Lines starting with # are comments"; blank lines carry nothing either. */
    if (n == 0 || w[0][0] == '#') {
        return TLS_OK;
    }
    char label[64];
    if (n != 3 || wl[0] >= sizeof(label)) {
        return tls_fail(err, TLS_ALERT_decode_error,
                        "key log: a line must be LABEL CLIENT_RANDOM SECRET (NSS key log format)");
    }
    memcpy(label, w[0], wl[0]);
    label[wl[0]] = '\0';
    const struct tls_secret_info *info = tls_secret_info_by_nss_label(label);
    bool master = strcmp(label, "CLIENT_RANDOM") == 0;
    if (info == NULL && !master) {
        /* *_TRAFFIC_SECRET_N and the like: later secrets are derived, not read. */
        kl->skipped++;
        return TLS_OK;
    }
    struct tls_keylog_entry e;
    memset(&e, 0, sizeof(e));
    e.tls12_master_secret = master;
    e.id = master ? TLS_SECRET_COUNT : info->id;
    if (wl[1] != 2 * TLS_KEYLOG_RANDOM_LEN ||
        !hex_decode(w[1], wl[1], e.client_random, sizeof(e.client_random))) {
        return tls_fail(err, TLS_ALERT_decode_error,
                        "key log: the client random must be 64 hex digits (RFC 8446 §4.1.2: 32 bytes)");
    }
    /* Secrets are Hash.length bytes (RFC 8446 §7.1): 32 for SHA-256, 48 for SHA-384. */
    if ((wl[2] != 64 && wl[2] != 96) || !hex_decode(w[2], wl[2], e.secret, sizeof(e.secret))) {
        return tls_fail(err, TLS_ALERT_decode_error,
                        "key log: a secret must be 64 or 96 hex digits (RFC 8446 §7.1: Hash.length)");
    }
    e.secret_len = wl[2] / 2;
    /* RFC 5246 §8.1: "The master secret is always exactly 48 bytes in length." */
    if (master && e.secret_len != 48) {
        return tls_fail(err, TLS_ALERT_decode_error,
                        "key log: a CLIENT_RANDOM master secret is 48 bytes (RFC 5246 §8.1)");
    }
    tls_result rc = keylog_append(kl, &e, err);
    tls_wipe(&e, sizeof(e));
    return rc;
}

tls_result tls_keylog_parse(struct tls_keylog *kl, const char *text, size_t len,
                            unsigned long *bad_line, struct tls_error *err)
{
    unsigned long line_no = 0;
    size_t pos = 0;
    while (pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t line_len = nl != NULL ? (size_t)(nl - (text + pos)) : len - pos;
        line_no++;
        tls_result rc = keylog_line(kl, text + pos, line_len, err);
        if (rc != TLS_OK) {
            *bad_line = line_no;
            return rc;
        }
        pos += line_len + (nl != NULL ? 1 : 0);
    }
    return TLS_OK;
}

const struct tls_keylog_entry *tls_keylog_find(const struct tls_keylog *kl,
                                               const uint8_t *client_random,
                                               enum tls_secret_id id)
{
    const struct tls_keylog_entry *found = NULL;
    for (size_t i = 0; kl != NULL && i < kl->count; i++) {
        if (!kl->entries[i].tls12_master_secret && kl->entries[i].id == id &&
            memcmp(kl->entries[i].client_random, client_random, TLS_KEYLOG_RANDOM_LEN) == 0) {
            found = &kl->entries[i];
        }
    }
    return found;
}

const struct tls_keylog_entry *tls_keylog_find_master(const struct tls_keylog *kl,
                                                      const uint8_t *client_random)
{
    const struct tls_keylog_entry *found = NULL;
    for (size_t i = 0; kl != NULL && i < kl->count; i++) {
        if (kl->entries[i].tls12_master_secret &&
            memcmp(kl->entries[i].client_random, client_random, TLS_KEYLOG_RANDOM_LEN) == 0) {
            found = &kl->entries[i];
        }
    }
    return found;
}

void tls_keylog_free(struct tls_keylog *kl)
{
    if (kl->entries != NULL) {
        tls_wipe(kl->entries, kl->cap * sizeof(*kl->entries));
        free(kl->entries);
    }
    memset(kl, 0, sizeof(*kl));
}
