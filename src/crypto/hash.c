/*
 * hash.c — SHA-256 / SHA-384 (FIPS 180-4), HMAC (RFC 2104) and the running transcript hash
 * of RFC 8446 §4.4.1.
 *
 * Implementation notes
 * --------------------
 * SHA-384 is SHA-512 with other initial values, truncated: Mbed TLS runs both through
 * mbedtls_sha512_context with an "is384" flag, so a struct tls_hash holds one of two contexts
 * in its opaque state block. The _Static_asserts below prove they fit, so no connection struct
 * ever needs the heap (or an mbedtls header) to hold a transcript.
 *
 * RFC 8446 §4.4.1 reads the transcript hash several times while the handshake goes on
 * ("Hash(ClientHello..ServerHello)", later "Hash(ClientHello..server Finished)"), so
 * tls_hash_peek() finishes a copy and the original keeps absorbing messages.
 */
#include "crypto/hash.h"

#include <string.h>

#include <mbedtls/md.h>
#include <mbedtls/sha256.h>
#include <mbedtls/sha512.h>

#include "crypto/mbedtls_compat.h"
#include "crypto/crypto_internal.h"
#include "crypto/util.h"

_Static_assert(sizeof(mbedtls_sha256_context) <= sizeof(((struct tls_hash *)0)->state),
               "struct tls_hash.state too small for mbedtls_sha256_context");
_Static_assert(sizeof(mbedtls_sha512_context) <= sizeof(((struct tls_hash *)0)->state),
               "struct tls_hash.state too small for mbedtls_sha512_context");

size_t tls_hash_len(enum tls_hash_alg alg)
{
    switch (alg) {
    case TLS_HASH_SHA256:
        return 32;
    case TLS_HASH_SHA384:
        return 48;
    case TLS_HASH_NONE:
    default:
        return 0;
    }
}

const char *tls_hash_name(enum tls_hash_alg alg)
{
    switch (alg) {
    case TLS_HASH_SHA256:
        return "SHA-256";
    case TLS_HASH_SHA384:
        return "SHA-384";
    case TLS_HASH_NONE:
    default:
        return "none";
    }
}

/* The opaque block viewed as the context of its algorithm. */
static mbedtls_sha256_context *sha256_of(struct tls_hash *h)
{
    return (mbedtls_sha256_context *)(void *)h->state;
}

static mbedtls_sha512_context *sha512_of(struct tls_hash *h)
{
    return (mbedtls_sha512_context *)(void *)h->state;
}

static const mbedtls_sha256_context *sha256_of_const(const struct tls_hash *h)
{
    return (const mbedtls_sha256_context *)(const void *)h->state;
}

static const mbedtls_sha512_context *sha512_of_const(const struct tls_hash *h)
{
    return (const mbedtls_sha512_context *)(const void *)h->state;
}

tls_result tls_hash_init(struct tls_hash *h, enum tls_hash_alg alg, struct tls_error *err)
{
    memset(h, 0, sizeof(*h));
    h->alg = alg;
    switch (alg) {
    case TLS_HASH_SHA256:
        mbedtls_sha256_init(sha256_of(h));
        if (tls_mbed_sha256_starts(sha256_of(h), 0) != 0) {
            return tls_fail(err, TLS_ALERT_internal_error, "RFC 8446 §4.4.1: SHA-256 start failed");
        }
        return TLS_OK;
    case TLS_HASH_SHA384:
        mbedtls_sha512_init(sha512_of(h));
        /* is384 = 1: the SHA-384 initial values (FIPS 180-4 §5.3.4) */
        if (tls_mbed_sha512_starts(sha512_of(h), 1) != 0) {
            return tls_fail(err, TLS_ALERT_internal_error, "RFC 8446 §4.4.1: SHA-384 start failed");
        }
        return TLS_OK;
    case TLS_HASH_NONE:
    default:
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 8446 §B.4: no hash selected");
    }
}

tls_result tls_hash_update(struct tls_hash *h, const uint8_t *data, size_t len,
                           struct tls_error *err)
{
    if (len == 0) {
        return TLS_OK; /* nothing to absorb; data may be NULL */
    }
    int rc = -1;
    switch (h->alg) {
    case TLS_HASH_SHA256:
        rc = tls_mbed_sha256_update(sha256_of(h), data, len);
        break;
    case TLS_HASH_SHA384:
        rc = tls_mbed_sha512_update(sha512_of(h), data, len);
        break;
    case TLS_HASH_NONE:
    default:
        break;
    }
    if (rc != 0) {
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 8446 §4.4.1: transcript hash update failed");
    }
    return TLS_OK;
}

/* Finishes h itself (h is spent afterwards). */
static tls_result hash_finish(struct tls_hash *h, uint8_t *out, struct tls_error *err)
{
    int rc = -1;
    uint8_t full[64]; /* mbedtls documents a 64-byte output buffer for SHA-384 too */
    switch (h->alg) {
    case TLS_HASH_SHA256:
        rc = tls_mbed_sha256_finish(sha256_of(h), out);
        break;
    case TLS_HASH_SHA384:
        rc = tls_mbed_sha512_finish(sha512_of(h), full);
        memcpy(out, full, 48);
        tls_wipe(full, sizeof(full));
        break;
    case TLS_HASH_NONE:
    default:
        break;
    }
    if (rc != 0) {
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 8446 §4.4.1: transcript hash finish failed");
    }
    return TLS_OK;
}

tls_result tls_hash_peek(const struct tls_hash *h, uint8_t *out, struct tls_error *err)
{
    /* Finish a clone: the running transcript keeps going (RFC 8446 §4.4.1). */
    struct tls_hash copy;
    tls_hash_clone(&copy, h);
    tls_result rc = hash_finish(&copy, out, err);
    tls_hash_wipe(&copy);
    return rc;
}

void tls_hash_clone(struct tls_hash *dst, const struct tls_hash *src)
{
    /* The mbedtls clone functions are the supported way to copy a context. */
    memset(dst, 0, sizeof(*dst));
    dst->alg = src->alg;
    switch (src->alg) {
    case TLS_HASH_SHA256:
        mbedtls_sha256_init(sha256_of(dst));
        mbedtls_sha256_clone(sha256_of(dst), sha256_of_const(src));
        break;
    case TLS_HASH_SHA384:
        mbedtls_sha512_init(sha512_of(dst));
        mbedtls_sha512_clone(sha512_of(dst), sha512_of_const(src));
        break;
    case TLS_HASH_NONE:
    default:
        break;
    }
}

void tls_hash_wipe(struct tls_hash *h)
{
    switch (h->alg) {
    case TLS_HASH_SHA256:
        mbedtls_sha256_free(sha256_of(h));
        break;
    case TLS_HASH_SHA384:
        mbedtls_sha512_free(sha512_of(h));
        break;
    case TLS_HASH_NONE:
    default:
        break;
    }
    tls_wipe(h, sizeof(*h));
}

tls_result tls_hash(enum tls_hash_alg alg, const uint8_t *data, size_t len, uint8_t *out,
                    struct tls_error *err)
{
    struct tls_hash h;
    TRY(tls_hash_init(&h, alg, err));
    tls_result rc = tls_hash_update(&h, data, len, err);
    if (rc == TLS_OK) {
        rc = hash_finish(&h, out, err);
    }
    tls_hash_wipe(&h);
    return rc;
}

/* The mbedtls description of a TLS hash (crypto_internal.h). */
const mbedtls_md_info_t *tls_md_info(enum tls_hash_alg alg)
{
    switch (alg) {
    case TLS_HASH_SHA256:
        return mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
    case TLS_HASH_SHA384:
        return mbedtls_md_info_from_type(MBEDTLS_MD_SHA384);
    case TLS_HASH_NONE:
    default:
        return NULL;
    }
}

tls_result tls_hmac(enum tls_hash_alg alg, const uint8_t *key, size_t key_len,
                    const uint8_t *data, size_t len, uint8_t *out, struct tls_error *err)
{
    static const uint8_t empty[1] = {0};
    const mbedtls_md_info_t *md = tls_md_info(alg);
    if (md == NULL) {
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 8446 §B.4: no hash selected");
    }
    /* An empty key or message is legal HMAC input; never hand mbedtls a NULL pointer. */
    if (mbedtls_md_hmac(md, key != NULL ? key : empty, key_len, data != NULL ? data : empty, len,
                        out) != 0) {
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 8446 §4.4.4: HMAC failed");
    }
    return TLS_OK;
}
