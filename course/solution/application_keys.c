/*
 * application_keys.c — exercise 6: the Master Secret and the application traffic keys
 * (RFC 8446 §7.1, §7.3). Reference solution.
 */
#include "course.h"

static course_result traffic_keys(const struct course_suite *suite, struct course_direction *d)
{
    d->suite = suite;
    d->seq = 0;
    course_result rc = course_hkdf_expand_label(suite->hash_len, d->secret, "key", NULL, 0, d->key,
                                                suite->key_len);
    if (rc != COURSE_OK) {
        return rc;
    }
    return course_hkdf_expand_label(suite->hash_len, d->secret, "iv", NULL, 0, d->iv,
                                    suite->iv_len);
}

course_result get_application_cipher(const struct course_suite *suite,
                                     const uint8_t *handshake_secret,
                                     const uint8_t *handshake_hash,
                                     struct course_application_keys *out)
{
    size_t hl = suite->hash_len;
    uint8_t zeros[COURSE_MAX_HASH_LEN] = {0}, empty_hash[COURSE_MAX_HASH_LEN];
    uint8_t derived[COURSE_MAX_HASH_LEN];
    course_result rc;
    /* Master Secret = HKDF-Extract(Derive-Secret(Handshake Secret, "derived", ""), 0) */
    if ((rc = course_hash(hl, NULL, 0, empty_hash)) != COURSE_OK ||
        (rc = course_derive_secret(hl, handshake_secret, "derived", empty_hash, derived)) != COURSE_OK ||
        (rc = course_hkdf_extract(hl, derived, hl, zeros, hl, out->master_secret)) != COURSE_OK ||
        /* the application secrets hash ClientHello..server Finished */
        (rc = course_derive_secret(hl, out->master_secret, "c ap traffic", handshake_hash,
                                   out->client.secret)) != COURSE_OK ||
        (rc = course_derive_secret(hl, out->master_secret, "s ap traffic", handshake_hash,
                                   out->server.secret)) != COURSE_OK ||
        (rc = traffic_keys(suite, &out->client)) != COURSE_OK) {
        return rc;
    }
    return traffic_keys(suite, &out->server);
}
