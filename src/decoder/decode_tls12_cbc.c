/*
 * decode_tls12_cbc.c — decrypting TLS 1.0, 1.1 and 1.2 (and DTLS 1.0 and 1.2) records of the
 * CBC suites from the logged master secret (RFC 5246 §6.2.3.2 GenericBlockCipher, §6.3 key
 * block; RFC 2246 §6.2.3.2 and RFC 4346 §6.2.3.2 for the IVs; RFC 7366 encrypt_then_mac).
 *
 * Implementation notes
 * --------------------
 * A CBC suite has a MAC key besides its encryption key; the key block (§6.3) is
 *     client_write_MAC_key + server_write_MAC_key + client_write_key + server_write_key
 * and, for TLS 1.0 only, + client_write_IV + server_write_IV (RFC 2246 §6.3). TLS 1.1 and
 * 1.2 send an explicit IV in front of every record (RFC 4346 §6.2.3.2); TLS 1.0 has none: the
 * first record after the ChangeCipherSpec uses the write_IV of the key block, every later one
 * "the last ciphertext block from the previous record" (RFC 2246 §6.2.3.2), so each direction
 * keeps its last ciphertext block (tls10_iv), whether the record opened or not. DTLS 1.0 is
 * TLS 1.1's record protection with epoch || sequence_number (RFC 4347 §4.1), explicit IV.
 *
 * A record is, without encrypt_then_mac (MAC-then-encrypt, RFC 5246 §6.2.3.2):
 *     IV (one block; none in TLS 1.0) || CBC( content || MAC || padding || padding_length )
 *     MAC = HMAC(MAC_write_key, seq_num + type + version + length(content) + content)
 * every padding byte equals padding_length, and the whole encrypted part is a multiple of the
 * block (16 for AES, 8 for 3DES).
 * With encrypt_then_mac (RFC 7366 §3, negotiated when the ServerHello echoes extension 22):
 *     IV || CBC( content || padding || padding_length ) || MAC
 *     MAC = HMAC(MAC_write_key, seq_num + type + version + length(IV + ciphertext) + IV + ciphertext)
 * The MAC is then checked before anything is decrypted. Either way the record counts in the
 * sequence number whether or not it verifies (decode_tls12_keys.c).
 *
 * TLS 1.0 and 1.1 derive the key block with their own PRF (RFC 2246 §5, dec_tls12_prf); the
 * MAC is computed the same way in all three versions. The _SHA256/_SHA384 suites exist in TLS
 * 1.2 only (RFC 5246 Appendix C); an older connection that names one is left encrypted.
 */
#include <string.h>

#include "common/names.h"
#include "crypto/cbc.h"
#include "crypto/util.h"
#include "decoder/decode_internal.h"
#include "decoder/dtls.h"

/* What a CBC suite needs (RFC 5246 Appendix C; RFC 5289 for the _SHA256/_SHA384 ECDHE ones;
   RFC 4492 §6 for ECDHE_RSA 3DES). */
struct cbc_suite {
    uint16_t suite;
    enum tls_block_cipher cipher;
    uint8_t key_len;          /* AES-128: 16, AES-256: 32, 3DES: 24 */
    enum tls_mac_alg mac;
    enum tls_hash_alg prf;    /* RFC 5246 §5: SHA-256 unless the suite says otherwise */
};

static const struct cbc_suite cbc_suites[] = {
    {TLS_SUITE_TLS_RSA_WITH_3DES_EDE_CBC_SHA, TLS_CBC_3DES, 24, TLS_MAC_HMAC_SHA1, TLS_HASH_SHA256},
    {TLS_SUITE_TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA, TLS_CBC_3DES, 24, TLS_MAC_HMAC_SHA1, TLS_HASH_SHA256},
    {TLS_SUITE_TLS_RSA_WITH_AES_128_CBC_SHA, TLS_CBC_AES, 16, TLS_MAC_HMAC_SHA1, TLS_HASH_SHA256},
    {TLS_SUITE_TLS_RSA_WITH_AES_256_CBC_SHA, TLS_CBC_AES, 32, TLS_MAC_HMAC_SHA1, TLS_HASH_SHA256},
    {TLS_SUITE_TLS_RSA_WITH_AES_128_CBC_SHA256, TLS_CBC_AES, 16, TLS_MAC_HMAC_SHA256, TLS_HASH_SHA256},
    {TLS_SUITE_TLS_RSA_WITH_AES_256_CBC_SHA256, TLS_CBC_AES, 32, TLS_MAC_HMAC_SHA256, TLS_HASH_SHA256},
    {TLS_SUITE_TLS_DHE_RSA_WITH_AES_128_CBC_SHA, TLS_CBC_AES, 16, TLS_MAC_HMAC_SHA1, TLS_HASH_SHA256},
    {TLS_SUITE_TLS_DHE_RSA_WITH_AES_256_CBC_SHA, TLS_CBC_AES, 32, TLS_MAC_HMAC_SHA1, TLS_HASH_SHA256},
    {TLS_SUITE_TLS_DHE_RSA_WITH_AES_128_CBC_SHA256, TLS_CBC_AES, 16, TLS_MAC_HMAC_SHA256, TLS_HASH_SHA256},
    {TLS_SUITE_TLS_DHE_RSA_WITH_AES_256_CBC_SHA256, TLS_CBC_AES, 32, TLS_MAC_HMAC_SHA256, TLS_HASH_SHA256},
    {TLS_SUITE_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, TLS_CBC_AES, 16, TLS_MAC_HMAC_SHA1, TLS_HASH_SHA256},
    {TLS_SUITE_TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA, TLS_CBC_AES, 32, TLS_MAC_HMAC_SHA1, TLS_HASH_SHA256},
    {TLS_SUITE_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, TLS_CBC_AES, 16, TLS_MAC_HMAC_SHA1, TLS_HASH_SHA256},
    {TLS_SUITE_TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA, TLS_CBC_AES, 32, TLS_MAC_HMAC_SHA1, TLS_HASH_SHA256},
    {TLS_SUITE_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, TLS_CBC_AES, 16, TLS_MAC_HMAC_SHA256, TLS_HASH_SHA256},
    {TLS_SUITE_TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384, TLS_CBC_AES, 32, TLS_MAC_HMAC_SHA384, TLS_HASH_SHA384},
    {TLS_SUITE_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256, TLS_CBC_AES, 16, TLS_MAC_HMAC_SHA256, TLS_HASH_SHA256},
    {TLS_SUITE_TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384, TLS_CBC_AES, 32, TLS_MAC_HMAC_SHA384, TLS_HASH_SHA384},
};

static const struct cbc_suite *cbc_suite_find(uint16_t suite)
{
    for (size_t i = 0; i < sizeof(cbc_suites) / sizeof(cbc_suites[0]); i++) {
        if (cbc_suites[i].suite == suite) {
            return &cbc_suites[i];
        }
    }
    return NULL;
}

static const char *version_name(uint16_t version)
{
    return tls_version_name(version) != NULL ? tls_version_name(version) : "this version";
}

bool dec_tls12_cbc_derive_keys(struct dec_conn *c, const uint8_t *master, size_t master_len)
{
    const struct cbc_suite *s = cbc_suite_find(c->cipher_suite);
    if (s == NULL) {
        return false;
    }
    bool tls10 = c->version == TLS_VERSION_1_0;
    if (c->prf10 && s->mac != TLS_MAC_HMAC_SHA1) {
        dec_conn_note(c, "%s with %s: a TLS 1.2 suite (RFC 5246 Appendix C), not decrypted",
                      version_name(c->version), tls_cipher_suite_name(c->cipher_suite));
        return true;
    }
    if (!c->prf10 && c->version != TLS_VERSION_1_2 && c->version != DTLS_VERSION_1_2) {
        dec_conn_note(c, "%s: CBC records are not decrypted here", version_name(c->version));
        return true;
    }
    memcpy(c->master_secret, master, sizeof(c->master_secret));
    c->prf_hash = s->prf;
    /* RFC 5246 §6.3: key_block = PRF(master_secret, "key expansion", server_random + client_random) */
    uint8_t seed[64];
    memcpy(seed, c->server_random, 32);
    memcpy(seed + 32, c->client_random, 32);
    size_t ml = tls_mac_len(s->mac);
    size_t bl = tls_cbc_block_len(s->cipher);
    size_t ivl = tls10 ? bl : 0; /* RFC 2246 §6.3: the write IVs, TLS 1.0 only */
    uint8_t kb[2 * TLS_MAX_MAC_LEN + 2 * 32 + 2 * TLS_MAX_BLOCK_LEN];
    if (dec_tls12_prf(c, master, master_len, "key expansion", seed, sizeof(seed), kb,
                      2 * ml + 2u * s->key_len + 2 * ivl) != TLS_OK) {
        tls_wipe(kb, sizeof(kb));
        return true;
    }
    for (int dir = 0; dir < 2; dir++) {
        /* client_write_MAC_key, server_write_MAC_key, client_write_key, server_write_key
           (, client_write_IV, server_write_IV) */
        struct dec_direction *d = &c->dir[dir];
        tls_traffic_keys_wipe(&d->tls12_keys);
        memcpy(d->tls12_mac_key, kb + (size_t)dir * ml, ml);
        memcpy(d->tls12_keys.key, kb + 2 * ml + (size_t)dir * s->key_len, s->key_len);
        memcpy(d->tls10_iv, kb + 2 * ml + 2u * s->key_len + (size_t)dir * ivl, ivl);
    }
    tls_wipe(kb, sizeof(kb));
    c->tls12_cbc = true;
    c->tls10_implicit_iv = tls10;
    c->tls12_cipher = s->cipher;
    c->tls12_mac = s->mac;
    c->tls12_key_len = s->key_len;
    c->have_master_secret = true;
    return true;
}

static bool mac_equal(struct dec_conn *c, const struct dec_direction *d, uint64_t seq,
                      const struct tls_record *rec, const uint8_t *data, size_t len,
                      const uint8_t *mac)
{
    uint8_t h[TLS_MAC_HEADER_LEN];
    uint8_t want[TLS_MAX_MAC_LEN];
    size_t ml = tls_mac_len(c->tls12_mac);
    dec_tls12_header13(seq, rec, len, h);
    bool same = tls_record_mac(c->tls12_mac, d->tls12_mac_key, ml, h, data, len, want, NULL) == TLS_OK &&
                tls_ct_equal(want, mac, ml);
    tls_wipe(want, sizeof(want));
    return same;
}

/* RFC 5246 §6.2.3.2: "Each uint8 in the padding data vector MUST be filled with the padding
   length value." Returns the padding plus its length byte, or 0 when the padding is wrong. */
static size_t padding_total(const uint8_t *plain, size_t len)
{
    size_t pad = plain[len - 1];
    if (pad + 1 > len) {
        return 0;
    }
    for (size_t i = len - 1 - pad; i < len - 1; i++) {
        if (plain[i] != pad) {
            return 0;
        }
    }
    return pad + 1;
}

/* TLS 1.0: the next record's IV is this record's last ciphertext block (RFC 2246 §6.2.3.2),
   whatever became of this record; enc_len is the length of its CBC part. */
static void chain_iv(struct dec_conn *c, struct dec_direction *d, const uint8_t *frag, size_t enc_len)
{
    size_t bl = tls_cbc_block_len(c->tls12_cipher);
    if (c->tls10_implicit_iv && enc_len >= bl) {
        memcpy(d->tls10_iv, frag + enc_len - bl, bl);
    }
}

bool dec_tls12_cbc_open(struct dec_conn *c, enum tls_direction dir, uint64_t seq,
                        const struct tls_record *rec, uint8_t *out, size_t *out_len)
{
    struct dec_direction *d = &c->dir[dir];
    size_t ml = tls_mac_len(c->tls12_mac);
    size_t bl = tls_cbc_block_len(c->tls12_cipher);
    size_t iv = c->tls10_implicit_iv ? 0 : bl; /* explicit IV in front: TLS 1.1, 1.2, DTLS */
    size_t enc_len = c->sh_etm ? (rec->length >= ml ? rec->length - ml : 0) : rec->length;
    const uint8_t *frag = rec->fragment;
    uint8_t iv_block[TLS_MAX_BLOCK_LEN];
    memcpy(iv_block, c->tls10_implicit_iv ? d->tls10_iv : frag, c->tls10_implicit_iv || enc_len >= bl ? bl : 0);
    chain_iv(c, d, frag, enc_len);
    c->tls12_failure = "the record is too short or not a whole number of blocks";
    /* The IV (if sent) and at least one block; whole blocks (§6.2.3.2). */
    if (enc_len < iv + bl || (enc_len - iv) % bl != 0 || (!c->sh_etm && enc_len - iv < ml + 1)) {
        return false;
    }
    if (c->sh_etm && !mac_equal(c, d, seq, rec, frag, enc_len, frag + enc_len)) {
        c->tls12_failure = "bad MAC (encrypt_then_mac, RFC 7366 §3)";
        return false;
    }
    size_t plain_len = enc_len - iv;
    if (tls_cbc_decrypt(c->tls12_cipher, d->tls12_keys.key, c->tls12_key_len, iv_block, frag + iv, plain_len,
                        out, NULL) != TLS_OK) {
        c->tls12_failure = "CBC decryption failed";
        return false;
    }
    size_t pad = padding_total(out, plain_len);
    if (pad == 0 || (!c->sh_etm && pad + ml > plain_len)) {
        tls_wipe(out, plain_len);
        c->tls12_failure = "bad padding (RFC 5246 §6.2.3.2)";
        return false;
    }
    size_t content_len = plain_len - pad - (c->sh_etm ? 0 : ml);
    if (!c->sh_etm && !mac_equal(c, d, seq, rec, out, content_len, out + content_len)) {
        tls_wipe(out, plain_len);
        c->tls12_failure = "bad MAC (RFC 5246 §6.2.3.1)";
        return false;
    }
    tls_wipe(out + content_len, plain_len - content_len);
    c->tls12_failure = NULL;
    c->tls12_padding = pad;
    *out_len = content_len;
    return true;
}
