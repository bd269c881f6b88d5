/*
 * mbedtls_compat.h — the only place that knows which Mbed TLS major version we build against.
 *
 * Implementation notes
 * --------------------
 * The project targets Debian's Mbed TLS 2.28. Mbed TLS 3.x renamed or reshaped a handful of
 * the calls src/crypto uses:
 *
 *   2.28                                  3.x
 *   mbedtls_sha256_starts_ret(...)        mbedtls_sha256_starts(...)       (same for update/finish,
 *   mbedtls_sha512_starts_ret(...)        mbedtls_sha512_starts(...)        and the one-shot calls;
 *   mbedtls_sha1_starts_ret(...)          mbedtls_sha1_starts(...)          SHA-1: TLS 1.2 CBC MACs;
 *   mbedtls_md5_starts_ret(...)           mbedtls_md5_starts(...)           MD5: TLS 1.0/1.1 PRF)
 *   keypair->grp.id                       keypair->MBEDTLS_PRIVATE(grp).id (private struct fields)
 *   mbedtls_pk_parse_key(pk, k, n, p, pn) mbedtls_pk_parse_key(..., f_rng, p_rng)
 *
 * Every .c file in src/crypto calls the tls_mbed_* names below instead, so a port to 3.x edits
 * this header and nothing else, and no function body carries an #if (STYLE.md).
 *
 * Everything that is the same in both versions (GCM, ChaCha20-Poly1305, HKDF, HMAC, ECDH,
 * pk_verify_ext, x509_crt_verify) is called directly.
 */
#ifndef TLS13_CRYPTO_MBEDTLS_COMPAT_H
#define TLS13_CRYPTO_MBEDTLS_COMPAT_H

#include <stddef.h>

#include <mbedtls/ecp.h>
#include <mbedtls/md5.h>
#include <mbedtls/pk.h>
#include <mbedtls/sha1.h>
#include <mbedtls/sha256.h>
#include <mbedtls/sha512.h>
#include <mbedtls/version.h>

#if MBEDTLS_VERSION_MAJOR >= 3

#define TLS_MBED_PRIVATE(member) MBEDTLS_PRIVATE(member)

static inline int tls_mbed_sha256_starts(mbedtls_sha256_context *ctx, int is224)
{
    return mbedtls_sha256_starts(ctx, is224);
}
static inline int tls_mbed_sha256_update(mbedtls_sha256_context *ctx, const unsigned char *in,
                                         size_t len)
{
    return mbedtls_sha256_update(ctx, in, len);
}
static inline int tls_mbed_sha256_finish(mbedtls_sha256_context *ctx, unsigned char *out)
{
    return mbedtls_sha256_finish(ctx, out);
}
static inline int tls_mbed_sha512_starts(mbedtls_sha512_context *ctx, int is384)
{
    return mbedtls_sha512_starts(ctx, is384);
}
static inline int tls_mbed_sha512_update(mbedtls_sha512_context *ctx, const unsigned char *in,
                                         size_t len)
{
    return mbedtls_sha512_update(ctx, in, len);
}
static inline int tls_mbed_sha512_finish(mbedtls_sha512_context *ctx, unsigned char *out)
{
    return mbedtls_sha512_finish(ctx, out);
}

static inline int tls_mbed_sha1_starts(mbedtls_sha1_context *ctx)
{
    return mbedtls_sha1_starts(ctx);
}
static inline int tls_mbed_sha1_update(mbedtls_sha1_context *ctx, const unsigned char *in, size_t len)
{
    return mbedtls_sha1_update(ctx, in, len);
}
static inline int tls_mbed_sha1_finish(mbedtls_sha1_context *ctx, unsigned char *out)
{
    return mbedtls_sha1_finish(ctx, out);
}

static inline int tls_mbed_md5_starts(mbedtls_md5_context *ctx)
{
    return mbedtls_md5_starts(ctx);
}
static inline int tls_mbed_md5_update(mbedtls_md5_context *ctx, const unsigned char *in, size_t len)
{
    return mbedtls_md5_update(ctx, in, len);
}
static inline int tls_mbed_md5_finish(mbedtls_md5_context *ctx, unsigned char *out)
{
    return mbedtls_md5_finish(ctx, out);
}

#else /* Mbed TLS 2.x */

#define TLS_MBED_PRIVATE(member) member

static inline int tls_mbed_sha256_starts(mbedtls_sha256_context *ctx, int is224)
{
    return mbedtls_sha256_starts_ret(ctx, is224);
}
static inline int tls_mbed_sha256_update(mbedtls_sha256_context *ctx, const unsigned char *in,
                                         size_t len)
{
    return mbedtls_sha256_update_ret(ctx, in, len);
}
static inline int tls_mbed_sha256_finish(mbedtls_sha256_context *ctx, unsigned char *out)
{
    return mbedtls_sha256_finish_ret(ctx, out);
}
static inline int tls_mbed_sha512_starts(mbedtls_sha512_context *ctx, int is384)
{
    return mbedtls_sha512_starts_ret(ctx, is384);
}
static inline int tls_mbed_sha512_update(mbedtls_sha512_context *ctx, const unsigned char *in,
                                         size_t len)
{
    return mbedtls_sha512_update_ret(ctx, in, len);
}
static inline int tls_mbed_sha512_finish(mbedtls_sha512_context *ctx, unsigned char *out)
{
    return mbedtls_sha512_finish_ret(ctx, out);
}
static inline int tls_mbed_sha1_starts(mbedtls_sha1_context *ctx)
{
    return mbedtls_sha1_starts_ret(ctx);
}
static inline int tls_mbed_sha1_update(mbedtls_sha1_context *ctx, const unsigned char *in, size_t len)
{
    return mbedtls_sha1_update_ret(ctx, in, len);
}
static inline int tls_mbed_sha1_finish(mbedtls_sha1_context *ctx, unsigned char *out)
{
    return mbedtls_sha1_finish_ret(ctx, out);
}

static inline int tls_mbed_md5_starts(mbedtls_md5_context *ctx)
{
    return mbedtls_md5_starts_ret(ctx);
}
static inline int tls_mbed_md5_update(mbedtls_md5_context *ctx, const unsigned char *in, size_t len)
{
    return mbedtls_md5_update_ret(ctx, in, len);
}
static inline int tls_mbed_md5_finish(mbedtls_md5_context *ctx, unsigned char *out)
{
    return mbedtls_md5_finish_ret(ctx, out);
}

#endif

/* The curve of an EC key held by a pk context (a private field in 3.x). */
static inline mbedtls_ecp_group_id tls_mbed_pk_ec_group_id(const mbedtls_pk_context *pk)
{
    const mbedtls_ecp_keypair *ec = mbedtls_pk_ec(*pk);
    return ec->TLS_MBED_PRIVATE(grp).id;
}

#endif
