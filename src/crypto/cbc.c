/*
 * cbc.c — TLS 1.0-1.2 block-cipher record primitives: HMAC (RFC 2104) as the record MAC of
 * RFC 5246 §6.2.3.1 (and as the P_hash of the TLS 1.0 PRF, prf10.c), and CBC decryption
 * (NIST SP 800-38A §6.2) with AES or 3DES (TDEA, NIST SP 800-67) for §6.2.3.2. See cbc.h.
 *
 * Implementation notes
 * --------------------
 * HMAC is written out here rather than through mbedtls_md_hmac(), which allocates its context
 * on every call: the decoder MACs every record, and no allocation is allowed per record.
 *     HMAC(K, m) = H((K' ^ opad) || H((K' ^ ipad) || m))
 * where K' is K padded with zeros to the hash's block size (64 bytes for SHA-1 and SHA-256,
 * 128 for SHA-384), or H(K) first when K is longer (never the case for TLS MAC keys, whose
 * length is the hash length; the TLS 1.0 PRF's half-secrets are at most 24 bytes). SHA-256 and
 * SHA-384 go through struct tls_hash (hash.h); SHA-1 and MD5, used by TLS for nothing but these
 * MACs and the TLS 1.0/1.1 PRF, through Mbed TLS directly.
 */
#include "crypto/cbc.h"

#include <string.h>

#include <mbedtls/aes.h>
#include <mbedtls/des.h>
#include <mbedtls/md5.h>

#include "crypto/hash.h"
#include "crypto/mbedtls_compat.h"
#include "crypto/util.h"

#define HMAC_MAX_BLOCK 128u /* SHA-384's block size */

size_t tls_mac_len(enum tls_mac_alg alg)
{
    switch (alg) {
    case TLS_MAC_HMAC_MD5:
        return 16;
    case TLS_MAC_HMAC_SHA1:
        return 20;
    case TLS_MAC_HMAC_SHA256:
        return 32;
    case TLS_MAC_HMAC_SHA384:
        return 48;
    case TLS_MAC_NONE:
    default:
        return 0;
    }
}

const char *tls_mac_name(enum tls_mac_alg alg)
{
    switch (alg) {
    case TLS_MAC_HMAC_MD5:
        return "HMAC-MD5";
    case TLS_MAC_HMAC_SHA1:
        return "HMAC-SHA1";
    case TLS_MAC_HMAC_SHA256:
        return "HMAC-SHA256";
    case TLS_MAC_HMAC_SHA384:
        return "HMAC-SHA384";
    case TLS_MAC_NONE:
    default:
        return "none";
    }
}

/* One running hash of the MAC's algorithm: MD5 and SHA-1 directly, the others as struct tls_hash. */
struct mac_hash {
    enum tls_mac_alg alg;
    mbedtls_md5_context md5;
    mbedtls_sha1_context sha1;
    struct tls_hash h;
};

static int mh_start(struct mac_hash *m, enum tls_mac_alg alg)
{
    m->alg = alg;
    if (alg == TLS_MAC_HMAC_MD5) {
        mbedtls_md5_init(&m->md5);
        return tls_mbed_md5_starts(&m->md5);
    }
    if (alg == TLS_MAC_HMAC_SHA1) {
        mbedtls_sha1_init(&m->sha1);
        return tls_mbed_sha1_starts(&m->sha1);
    }
    return tls_hash_init(&m->h, alg == TLS_MAC_HMAC_SHA384 ? TLS_HASH_SHA384 : TLS_HASH_SHA256, NULL) == TLS_OK
               ? 0 : -1;
}

static int mh_update(struct mac_hash *m, const uint8_t *p, size_t n)
{
    if (m->alg == TLS_MAC_HMAC_MD5) {
        return n == 0 ? 0 : tls_mbed_md5_update(&m->md5, p, n);
    }
    if (m->alg == TLS_MAC_HMAC_SHA1) {
        return n == 0 ? 0 : tls_mbed_sha1_update(&m->sha1, p, n);
    }
    return tls_hash_update(&m->h, p, n, NULL) == TLS_OK ? 0 : -1;
}

/* Finishes and frees the running hash. */
static int mh_finish(struct mac_hash *m, uint8_t *out)
{
    int rc;
    if (m->alg == TLS_MAC_HMAC_MD5) {
        rc = tls_mbed_md5_finish(&m->md5, out);
        mbedtls_md5_free(&m->md5);
        return rc;
    }
    if (m->alg == TLS_MAC_HMAC_SHA1) {
        rc = tls_mbed_sha1_finish(&m->sha1, out);
        mbedtls_sha1_free(&m->sha1);
        return rc;
    }
    rc = tls_hash_peek(&m->h, out, NULL) == TLS_OK ? 0 : -1;
    tls_hash_wipe(&m->h);
    return rc;
}

/* HMAC(key, a[alen] || b[blen]) (RFC 2104 §2); 0 on success. A key longer than the block is
   hashed first (§2: "applications that use keys longer than B bytes will first hash the key"). */
static int hmac2(enum tls_mac_alg alg, const uint8_t *key, size_t key_len, const uint8_t *a,
                 size_t alen, const uint8_t *b, size_t blen, uint8_t *out)
{
    size_t hl = tls_mac_len(alg);
    size_t block = alg == TLS_MAC_HMAC_SHA384 ? 128u : 64u;
    uint8_t pad[HMAC_MAX_BLOCK];
    uint8_t inner[TLS_MAX_MAC_LEN];
    uint8_t hashed_key[TLS_MAX_MAC_LEN];
    struct mac_hash m;
    memset(&m, 0, sizeof(m));
    int rc = 0;
    if (key_len > block) {
        rc = mh_start(&m, alg);
        rc = rc != 0 ? rc : mh_update(&m, key, key_len);
        rc = rc != 0 ? rc : mh_finish(&m, hashed_key);
        key = hashed_key;
        key_len = hl;
    }
    /* inner = H((K' ^ ipad) || a || b), ipad = 0x36 repeated (RFC 2104 §2) */
    memset(pad, 0x36, block);
    for (size_t i = 0; i < key_len; i++) {
        pad[i] ^= key[i];
    }
    rc = rc != 0 ? rc : mh_start(&m, alg);
    rc = rc != 0 ? rc : mh_update(&m, pad, block);
    rc = rc != 0 ? rc : mh_update(&m, a, alen);
    rc = rc != 0 ? rc : mh_update(&m, b, blen);
    rc = rc != 0 ? rc : mh_finish(&m, inner);
    /* outer = H((K' ^ opad) || inner), opad = 0x5c repeated */
    memset(pad, 0x5c, block);
    for (size_t i = 0; i < key_len; i++) {
        pad[i] ^= key[i];
    }
    rc = rc != 0 ? rc : mh_start(&m, alg);
    rc = rc != 0 ? rc : mh_update(&m, pad, block);
    rc = rc != 0 ? rc : mh_update(&m, inner, hl);
    rc = rc != 0 ? rc : mh_finish(&m, out);
    tls_wipe(pad, sizeof(pad));
    tls_wipe(inner, sizeof(inner));
    tls_wipe(hashed_key, sizeof(hashed_key));
    tls_wipe(&m, sizeof(m));
    return rc;
}

tls_result tls_record_mac(enum tls_mac_alg alg, const uint8_t *key, size_t key_len,
                          const uint8_t header[TLS_MAC_HEADER_LEN], const uint8_t *data, size_t len,
                          uint8_t *out, struct tls_error *err)
{
    if (tls_mac_len(alg) == 0 || hmac2(alg, key, key_len, header, TLS_MAC_HEADER_LEN, data, len, out) != 0) {
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 5246 §6.2.3.1: no MAC algorithm or HMAC failed");
    }
    return TLS_OK;
}

tls_result tls_mac_hmac(enum tls_mac_alg alg, const uint8_t *key, size_t key_len, const uint8_t *data,
                        size_t len, uint8_t *out, struct tls_error *err)
{
    if (tls_mac_len(alg) == 0 || hmac2(alg, key, key_len, data, len, NULL, 0, out) != 0) {
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 2104: no MAC algorithm or HMAC failed");
    }
    return TLS_OK;
}

size_t tls_cbc_block_len(enum tls_block_cipher cipher)
{
    return cipher == TLS_CBC_3DES ? TLS_DES_BLOCK_LEN : TLS_AES_BLOCK_LEN;
}

/* AES (key 16 or 32 bytes) in CBC mode; mbedtls updates chain in place. */
static int aes_cbc(const uint8_t *key, size_t key_len, uint8_t *chain, const uint8_t *in, size_t len,
                   uint8_t *out)
{
    mbedtls_aes_context aes;
    mbedtls_aes_init(&aes);
    int rc = mbedtls_aes_setkey_dec(&aes, key, (unsigned)(key_len * 8));
    if (rc == 0) {
        rc = mbedtls_aes_crypt_cbc(&aes, MBEDTLS_AES_DECRYPT, len, chain, in, out);
    }
    mbedtls_aes_free(&aes); /* zeroizes the round keys */
    return rc;
}

/* Three-key 3DES, EDE (NIST SP 800-67 §3.2: decryption is D_K1(E_K2(D_K3(c)))), in CBC mode. */
static int des3_cbc(const uint8_t *key, uint8_t *chain, const uint8_t *in, size_t len, uint8_t *out)
{
    mbedtls_des3_context des3;
    mbedtls_des3_init(&des3);
    int rc = mbedtls_des3_set3key_dec(&des3, key);
    if (rc == 0) {
        rc = mbedtls_des3_crypt_cbc(&des3, MBEDTLS_DES_DECRYPT, len, chain, in, out);
    }
    mbedtls_des3_free(&des3); /* zeroizes the subkeys */
    return rc;
}

tls_result tls_cbc_decrypt(enum tls_block_cipher cipher, const uint8_t *key, size_t key_len,
                           const uint8_t *iv, const uint8_t *in, size_t len, uint8_t *out,
                           struct tls_error *err)
{
    size_t bl = tls_cbc_block_len(cipher);
    bool key_ok = cipher == TLS_CBC_3DES ? key_len == TLS_DES3_KEY_LEN : key_len == 16 || key_len == 32;
    if (!key_ok || len % bl != 0) {
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 5246 §6.2.3.2: not a CBC input of this cipher");
    }
    if (len == 0) {
        return TLS_OK;
    }
    uint8_t chain[TLS_MAX_BLOCK_LEN];
    memcpy(chain, iv, bl);
    int rc = cipher == TLS_CBC_3DES ? des3_cbc(key, chain, in, len, out) : aes_cbc(key, key_len, chain, in, len, out);
    tls_wipe(chain, sizeof(chain));
    if (rc != 0) {
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 5246 §6.2.3.2: CBC decryption failed");
    }
    return TLS_OK;
}
