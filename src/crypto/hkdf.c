/*
 * hkdf.c — HKDF (RFC 5869 §2.2, §2.3) and TLS 1.3's HKDF-Expand-Label / Derive-Secret
 * (RFC 8446 §7.1).
 *
 * Implementation notes
 * --------------------
 * HKDF-Extract and HKDF-Expand are Mbed TLS's (mbedtls_hkdf_extract / _expand). What TLS 1.3
 * adds is only the "info" argument: a small structure, HkdfLabel, that binds every derived
 * value to its purpose ("tls13 c hs traffic") and to the transcript. tls_hkdf_label() builds it
 * with the same writer the handshake messages use, so it reads like the RFC struct above it.
 * RFC 8448 prints this structure as the "info" value of each derivation, which is how the tests
 * check it byte for byte.
 */
#include "crypto/hkdf.h"

#include <string.h>

#include <mbedtls/hkdf.h>
#include <mbedtls/md.h>

#include "common/writer.h"
#include "crypto/crypto_internal.h"
#include "crypto/util.h"

/* RFC 8446 §7.1: every label is prefixed with this (and the prefix counts in label<7..255>). */
static const char tls13_label_prefix[] = "tls13 ";


/* RFC 5869 §2.2: PRK = HMAC-Hash(salt, IKM); absent salt = HashLen zeros. */
tls_result tls_hkdf_extract(enum tls_hash_alg alg, const uint8_t *salt, size_t salt_len,
                            const uint8_t *ikm, size_t ikm_len, uint8_t *prk, struct tls_error *err)
{
    static const uint8_t empty[1] = {0};
    const mbedtls_md_info_t *md = tls_md_info(alg);
    if (md == NULL) {
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 8446 §B.4: no hash selected");
    }
    /* mbedtls substitutes HashLen zeros for a NULL salt, exactly RFC 5869's "not provided". */
    if (mbedtls_hkdf_extract(md, salt_len == 0 ? NULL : salt, salt_len,
                             ikm != NULL ? ikm : empty, ikm_len, prk) != 0) {
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 5869 §2.2: HKDF-Extract failed");
    }
    return TLS_OK;
}

/* RFC 5869 §2.3: OKM = T(1) | T(2) | ..., T(i) = HMAC-Hash(PRK, T(i-1) | info | i); L <= 255*HashLen. */
tls_result tls_hkdf_expand(enum tls_hash_alg alg, const uint8_t *prk, size_t prk_len,
                           const uint8_t *info, size_t info_len, uint8_t *okm, size_t okm_len,
                           struct tls_error *err)
{
    static const uint8_t empty[1] = {0};
    const mbedtls_md_info_t *md = tls_md_info(alg);
    if (md == NULL) {
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 8446 §B.4: no hash selected");
    }
    if (mbedtls_hkdf_expand(md, prk, prk_len, info != NULL ? info : empty, info_len, okm,
                            okm_len) != 0) {
        return tls_fail(err, TLS_ALERT_internal_error,
                        "RFC 5869 §2.3: HKDF-Expand failed (L > 255*HashLen?)");
    }
    return TLS_OK;
}

/*
 * RFC 8446 §7.1:
 *
 *   struct {
 *       uint16 length = Length;
 *       opaque label<7..255> = "tls13 " + Label;
 *       opaque context<0..255> = Context;
 *   } HkdfLabel;
 */
tls_result tls_hkdf_label(const char *label, const uint8_t *context, size_t context_len,
                          size_t length, uint8_t *out, size_t out_cap, size_t *out_len,
                          struct tls_error *err)
{
    return tls_hkdf_label_prefixed(tls13_label_prefix, label, context, context_len, length, out, out_cap,
                                   out_len, err);
}

tls_result tls_hkdf_label_prefixed(const char *prefix, const char *label, const uint8_t *context,
                                   size_t context_len, size_t length, uint8_t *out, size_t out_cap,
                                   size_t *out_len, struct tls_error *err)
{
    size_t prefix_len = strlen(prefix);
    size_t label_len = strlen(label);
    /* The bounds of the struct above, checked before anything is written. */
    if (length > 0xffff) {
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 8446 §7.1: HkdfLabel.length > 2^16-1");
    }
    if (prefix_len + label_len > 255) {
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 8446 §7.1: HkdfLabel.label > 255 bytes");
    }
    if (context_len > 255) {
        return tls_fail(err, TLS_ALERT_internal_error,
                        "RFC 8446 §7.1: HkdfLabel.context > 255 bytes");
    }
    struct tls_writer w;
    tls_writer_init(&w, out, out_cap);
    tls_write_u16(&w, (uint16_t)length); /* uint16 length = Length; */
    struct tls_vector_mark m = tls_write_vector_begin(&w, 255); /* opaque label<7..255> */
    tls_write_bytes(&w, (const uint8_t *)prefix, prefix_len);
    tls_write_bytes(&w, (const uint8_t *)label, label_len);
    tls_write_vector_end(&w, m);
    m = tls_write_vector_begin(&w, 255); /* opaque context<0..255> */
    tls_write_bytes(&w, context, context_len);
    tls_write_vector_end(&w, m);
    TRY(tls_writer_result(&w, NULL));
    *out_len = w.len;
    return TLS_OK;
}

/* RFC 8446 §7.1: HKDF-Expand-Label(Secret, Label, Context, Length) = HKDF-Expand(Secret, HkdfLabel, Length) */
tls_result tls_hkdf_expand_label(enum tls_hash_alg alg, const uint8_t *secret, const char *label,
                                 const uint8_t *context, size_t context_len, uint8_t *out,
                                 size_t out_len, struct tls_error *err)
{
    return tls_hkdf_expand_label_prefixed(alg, tls13_label_prefix, secret, label, context, context_len, out,
                                          out_len, err);
}

tls_result tls_hkdf_expand_label_prefixed(enum tls_hash_alg alg, const char *prefix, const uint8_t *secret,
                                          const char *label, const uint8_t *context, size_t context_len,
                                          uint8_t *out, size_t out_len, struct tls_error *err)
{
    uint8_t info[2 + 1 + 255 + 1 + 255];
    size_t info_len = 0;
    TRY(tls_hkdf_label_prefixed(prefix, label, context, context_len, out_len, info, sizeof(info), &info_len,
                                err));
    return tls_hkdf_expand(alg, secret, tls_hash_len(alg), info, info_len, out, out_len, err);
}

/*
 * RFC 8446 §7.1:
 *   Derive-Secret(Secret, Label, Messages) =
 *        HKDF-Expand-Label(Secret, Label, Transcript-Hash(Messages), Hash.length)
 */
tls_result tls_derive_secret(enum tls_hash_alg alg, const uint8_t *secret, const char *label,
                             const uint8_t *transcript_hash, uint8_t *out, struct tls_error *err)
{
    size_t hash_len = tls_hash_len(alg);
    return tls_hkdf_expand_label(alg, secret, label, transcript_hash, hash_len, out, hash_len, err);
}
