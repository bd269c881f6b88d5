/*
 * prf10.c — the TLS 1.0/1.1 PRF (RFC 2246 §5) and the MD5 + SHA-1 handshake hash (§7.4.9).
 * See prf10.h.
 *
 * Implementation notes
 * --------------------
 * The two P_hash expansions run side by side, one output block at a time: P_MD5 makes 16
 * bytes per step and P_SHA-1 20, so each is written into out (MD5 first, then SHA-1 XORed over
 * it) by its own loop. The HMACs are cbc.c's, which allocate nothing; the A(i) chain and the
 * output blocks live on the stack and are wiped.
 */
#include "crypto/prf10.h"

#include <string.h>

#include <mbedtls/md5.h>
#include <mbedtls/sha1.h>

#include "crypto/cbc.h"
#include "crypto/mbedtls_compat.h"
#include "crypto/util.h"

#define PRF10_MAX_LABEL_SEED 128u

struct md5_sha1_state {
    mbedtls_md5_context md5;
    mbedtls_sha1_context sha1;
};

_Static_assert(sizeof(struct md5_sha1_state) <= sizeof(((struct tls_md5_sha1 *)0)->state),
               "struct tls_md5_sha1.state too small for the MD5 and SHA-1 contexts");
_Static_assert(_Alignof(struct md5_sha1_state) <= 16, "struct tls_md5_sha1.state under-aligned");

static struct md5_sha1_state *state_of(struct tls_md5_sha1 *h)
{
    return (struct md5_sha1_state *)(void *)h->state;
}

tls_result tls_md5_sha1_init(struct tls_md5_sha1 *h, struct tls_error *err)
{
    memset(h, 0, sizeof(*h));
    struct md5_sha1_state *s = state_of(h);
    mbedtls_md5_init(&s->md5);
    mbedtls_sha1_init(&s->sha1);
    if (tls_mbed_md5_starts(&s->md5) != 0 || tls_mbed_sha1_starts(&s->sha1) != 0) {
        tls_md5_sha1_wipe(h);
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 2246 §7.4.9: MD5/SHA-1 start failed");
    }
    return TLS_OK;
}

tls_result tls_md5_sha1_update(struct tls_md5_sha1 *h, const uint8_t *data, size_t len,
                               struct tls_error *err)
{
    struct md5_sha1_state *s = state_of(h);
    if (len != 0 && (tls_mbed_md5_update(&s->md5, data, len) != 0 ||
                     tls_mbed_sha1_update(&s->sha1, data, len) != 0)) {
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 2246 §7.4.9: MD5/SHA-1 update failed");
    }
    return TLS_OK;
}

tls_result tls_md5_sha1_peek(const struct tls_md5_sha1 *h, uint8_t out[TLS_MD5_SHA1_LEN],
                             struct tls_error *err)
{
    const struct md5_sha1_state *s = (const struct md5_sha1_state *)(const void *)h->state;
    struct md5_sha1_state copy;
    mbedtls_md5_init(&copy.md5);
    mbedtls_sha1_init(&copy.sha1);
    mbedtls_md5_clone(&copy.md5, &s->md5);
    mbedtls_sha1_clone(&copy.sha1, &s->sha1);
    int rc = tls_mbed_md5_finish(&copy.md5, out);
    rc = rc != 0 ? rc : tls_mbed_sha1_finish(&copy.sha1, out + 16);
    mbedtls_md5_free(&copy.md5);
    mbedtls_sha1_free(&copy.sha1);
    if (rc != 0) {
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 2246 §7.4.9: MD5/SHA-1 finish failed");
    }
    return TLS_OK;
}

void tls_md5_sha1_wipe(struct tls_md5_sha1 *h)
{
    struct md5_sha1_state *s = state_of(h);
    mbedtls_md5_free(&s->md5);
    mbedtls_sha1_free(&s->sha1);
    tls_wipe(h, sizeof(*h));
}

/* out[0..out_len) ^= P_hash(secret, label_seed) (RFC 2246 §5), or = when first. */
static tls_result p_hash(enum tls_mac_alg alg, const uint8_t *secret, size_t secret_len,
                         const uint8_t *label_seed, size_t ls_len, uint8_t *out, size_t out_len,
                         int first, struct tls_error *err)
{
    uint8_t a[TLS_MAX_MAC_LEN + PRF10_MAX_LABEL_SEED]; /* A(i) + label + seed */
    uint8_t block[TLS_MAX_MAC_LEN];
    size_t hl = tls_mac_len(alg);
    tls_result rc = tls_mac_hmac(alg, secret, secret_len, label_seed, ls_len, a, err); /* A(1) */
    for (size_t done = 0; rc == TLS_OK && done < out_len; done += hl) {
        memcpy(a + hl, label_seed, ls_len);
        rc = tls_mac_hmac(alg, secret, secret_len, a, hl + ls_len, block, err);
        size_t n = out_len - done < hl ? out_len - done : hl;
        for (size_t i = 0; rc == TLS_OK && i < n; i++) {
            out[done + i] = first ? block[i] : (uint8_t)(out[done + i] ^ block[i]);
        }
        if (rc == TLS_OK) {
            rc = tls_mac_hmac(alg, secret, secret_len, a, hl, block, err); /* A(i+1) */
            memcpy(a, block, hl);
        }
    }
    tls_wipe(a, sizeof(a));
    tls_wipe(block, sizeof(block));
    return rc;
}

tls_result tls_prf10(const uint8_t *secret, size_t secret_len, const char *label, const uint8_t *seed,
                     size_t seed_len, uint8_t *out, size_t out_len, struct tls_error *err)
{
    uint8_t label_seed[PRF10_MAX_LABEL_SEED];
    size_t ll = strlen(label);
    if (ll + seed_len > sizeof(label_seed)) {
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 2246 §5: PRF label and seed too long");
    }
    memcpy(label_seed, label, ll);
    memcpy(label_seed + ll, seed, seed_len);
    /* S1 is the first and S2 the last ceil(L_S / 2) bytes: they share one byte when L_S is odd. */
    size_t half = (secret_len + 1) / 2;
    tls_result rc = p_hash(TLS_MAC_HMAC_MD5, secret, half, label_seed, ll + seed_len, out, out_len, 1, err);
    if (rc == TLS_OK) {
        rc = p_hash(TLS_MAC_HMAC_SHA1, secret + (secret_len - half), half, label_seed, ll + seed_len, out,
                    out_len, 0, err);
    }
    tls_wipe(label_seed, sizeof(label_seed));
    if (rc != TLS_OK) {
        tls_wipe(out, out_len);
    }
    return rc;
}
