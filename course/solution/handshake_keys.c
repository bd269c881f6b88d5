/*
 * handshake_keys.c — exercise 2: HKDF-Expand-Label, Derive-Secret and the handshake traffic
 * keys (RFC 8446 §7.1, §7.3). Reference solution.
 */
#include <string.h>

#include "course.h"

course_result hkdf_expand_label(size_t hash_len, const uint8_t *secret, const char *label,
                                const uint8_t *context, size_t context_len, uint8_t *out,
                                size_t out_len)
{
    static const char prefix[] = "tls13 ";
    size_t label_len = strlen(label);
    size_t full_len = sizeof(prefix) - 1 + label_len;
    if (full_len < 7 || full_len > 255 || context_len > 255 || out_len > 0xffff) {
        return COURSE_ALERT(ALERT_INTERNAL_ERROR);
    }
    /* struct { uint16 length; opaque label<7..255>; opaque context<0..255>; } HkdfLabel; */
    uint8_t info[2 + 1 + 255 + 1 + 255];
    size_t n = 0;
    info[n++] = (uint8_t)(out_len >> 8);
    info[n++] = (uint8_t)out_len;
    info[n++] = (uint8_t)full_len;
    memcpy(info + n, prefix, sizeof(prefix) - 1);
    n += sizeof(prefix) - 1;
    memcpy(info + n, label, label_len);
    n += label_len;
    info[n++] = (uint8_t)context_len;
    if (context_len > 0) {
        memcpy(info + n, context, context_len);
        n += context_len;
    }
    return course_hkdf_expand(hash_len, secret, info, n, out, out_len);
}

course_result derive_secret(size_t hash_len, const uint8_t *secret, const char *label,
                            const uint8_t *transcript_hash, uint8_t *out)
{
    /* Derive-Secret(Secret, Label, Messages) =
     *     HKDF-Expand-Label(Secret, Label, Transcript-Hash(Messages), Hash.length) */
    return hkdf_expand_label(hash_len, secret, label, transcript_hash, hash_len, out, hash_len);
}

/* §7.3: the key and iv of one direction, from its traffic secret. */
static course_result traffic_keys(const struct course_suite *suite, struct course_direction *d)
{
    d->suite = suite;
    d->seq = 0;
    course_result rc = hkdf_expand_label(suite->hash_len, d->secret, "key", NULL, 0, d->key,
                                         suite->key_len);
    if (rc != COURSE_OK) {
        return rc;
    }
    return hkdf_expand_label(suite->hash_len, d->secret, "iv", NULL, 0, d->iv, suite->iv_len);
}

course_result get_handshake_cipher(const struct course_suite *suite, const uint8_t *shared_secret,
                                   size_t shared_secret_len, const uint8_t *hello_hash,
                                   struct course_handshake_keys *out)
{
    size_t hl = suite->hash_len;
    uint8_t zeros[COURSE_MAX_HASH_LEN] = {0};
    uint8_t early_secret[COURSE_MAX_HASH_LEN], empty_hash[COURSE_MAX_HASH_LEN];
    uint8_t derived[COURSE_MAX_HASH_LEN];
    course_result rc;

    /* Early Secret = HKDF-Extract(salt 0, PSK = Hash.length zeros when there is no PSK) */
    if ((rc = course_hkdf_extract(hl, zeros, hl, zeros, hl, early_secret)) != COURSE_OK ||
        /* Derive-Secret(Early Secret, "derived", "") -- the hash of no messages */
        (rc = course_hash(hl, NULL, 0, empty_hash)) != COURSE_OK ||
        (rc = derive_secret(hl, early_secret, "derived", empty_hash, derived)) != COURSE_OK ||
        /* Handshake Secret = HKDF-Extract(derived, (EC)DHE) */
        (rc = course_hkdf_extract(hl, derived, hl, shared_secret, shared_secret_len,
                                  out->handshake_secret)) != COURSE_OK ||
        (rc = derive_secret(hl, out->handshake_secret, "c hs traffic", hello_hash,
                            out->client.secret)) != COURSE_OK ||
        (rc = derive_secret(hl, out->handshake_secret, "s hs traffic", hello_hash,
                            out->server.secret)) != COURSE_OK ||
        (rc = traffic_keys(suite, &out->client)) != COURSE_OK) {
        return rc;
    }
    return traffic_keys(suite, &out->server);
}
