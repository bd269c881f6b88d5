/*
 * decode_tls12_cbc.c — decrypting TLS 1.2 records of the CBC suites from the logged master
 * secret (RFC 5246 §6.2.3.2 GenericBlockCipher, §6.3 key block; RFC 7366 encrypt_then_mac).
 *
 * Implementation notes
 * --------------------
 * A CBC suite has a MAC key besides its encryption key; the key block (§6.3) is
 *     client_write_MAC_key + server_write_MAC_key + client_write_key + server_write_key
 * (the write IVs that follow are used by TLS 1.0 only: TLS 1.1 and 1.2 send an explicit IV
 * in front of every record, §6.2.3.2, so they are not derived here).
 *
 * A record is, without encrypt_then_mac (MAC-then-encrypt, RFC 5246 §6.2.3.2):
 *     IV (16) || AES-CBC( content || MAC || padding || padding_length )
 *     MAC = HMAC(MAC_write_key, seq_num + type + version + length(content) + content)
 * every padding byte equals padding_length, and the whole encrypted part is a multiple of 16.
 * With encrypt_then_mac (RFC 7366 §3, negotiated when the ServerHello echoes extension 22):
 *     IV (16) || AES-CBC( content || padding || padding_length ) || MAC
 *     MAC = HMAC(MAC_write_key, seq_num + type + version + length(IV + ciphertext) + IV + ciphertext)
 * The MAC is then checked before anything is decrypted. Either way the record counts in the
 * sequence number whether or not it verifies (decode_tls12_keys.c).
 *
 * TLS 1.0 and 1.1 CBC connections use the MD5/SHA-1 PRF (RFC 2246 §5) and, for 1.0, the IV
 * chained from the previous record: they stay encrypted and inferred, with a note.
 */
#include <string.h>

#include "common/names.h"
#include "crypto/cbc.h"
#include "crypto/util.h"
#include "decoder/decode_internal.h"

/* What a CBC suite needs (RFC 5246 Appendix C; RFC 5289 for the _SHA256/_SHA384 ECDHE ones). */
struct cbc_suite {
    uint16_t suite;
    uint8_t key_len;          /* AES-128: 16, AES-256: 32 */
    enum tls_mac_alg mac;
    enum tls_hash_alg prf;    /* RFC 5246 §5: SHA-256 unless the suite says otherwise */
};

static const struct cbc_suite cbc_suites[] = {
    {TLS_SUITE_TLS_RSA_WITH_AES_128_CBC_SHA, 16, TLS_MAC_HMAC_SHA1, TLS_HASH_SHA256},
    {TLS_SUITE_TLS_RSA_WITH_AES_256_CBC_SHA, 32, TLS_MAC_HMAC_SHA1, TLS_HASH_SHA256},
    {TLS_SUITE_TLS_RSA_WITH_AES_128_CBC_SHA256, 16, TLS_MAC_HMAC_SHA256, TLS_HASH_SHA256},
    {TLS_SUITE_TLS_RSA_WITH_AES_256_CBC_SHA256, 32, TLS_MAC_HMAC_SHA256, TLS_HASH_SHA256},
    {TLS_SUITE_TLS_DHE_RSA_WITH_AES_128_CBC_SHA, 16, TLS_MAC_HMAC_SHA1, TLS_HASH_SHA256},
    {TLS_SUITE_TLS_DHE_RSA_WITH_AES_256_CBC_SHA, 32, TLS_MAC_HMAC_SHA1, TLS_HASH_SHA256},
    {TLS_SUITE_TLS_DHE_RSA_WITH_AES_128_CBC_SHA256, 16, TLS_MAC_HMAC_SHA256, TLS_HASH_SHA256},
    {TLS_SUITE_TLS_DHE_RSA_WITH_AES_256_CBC_SHA256, 32, TLS_MAC_HMAC_SHA256, TLS_HASH_SHA256},
    {TLS_SUITE_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, 16, TLS_MAC_HMAC_SHA1, TLS_HASH_SHA256},
    {TLS_SUITE_TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA, 32, TLS_MAC_HMAC_SHA1, TLS_HASH_SHA256},
    {TLS_SUITE_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, 16, TLS_MAC_HMAC_SHA1, TLS_HASH_SHA256},
    {TLS_SUITE_TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA, 32, TLS_MAC_HMAC_SHA1, TLS_HASH_SHA256},
    {TLS_SUITE_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, 16, TLS_MAC_HMAC_SHA256, TLS_HASH_SHA256},
    {TLS_SUITE_TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384, 32, TLS_MAC_HMAC_SHA384, TLS_HASH_SHA384},
    {TLS_SUITE_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256, 16, TLS_MAC_HMAC_SHA256, TLS_HASH_SHA256},
    {TLS_SUITE_TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384, 32, TLS_MAC_HMAC_SHA384, TLS_HASH_SHA384},
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

bool dec_tls12_cbc_derive_keys(struct dec_conn *c, const uint8_t *master, size_t master_len)
{
    const struct cbc_suite *s = cbc_suite_find(c->cipher_suite);
    if (s == NULL) {
        return false;
    }
    if (c->version != TLS_VERSION_1_2) {
        dec_conn_note(c, "%s: CBC records of TLS 1.0/1.1 are not decrypted here (their PRF is "
                         "MD5/SHA-1, RFC 2246 §5)", tls_version_name(c->version) != NULL
                                                          ? tls_version_name(c->version) : "old version");
        return true;
    }
    memcpy(c->master_secret, master, sizeof(c->master_secret));
    c->prf_hash = s->prf;
    /* RFC 5246 §6.3: key_block = PRF(master_secret, "key expansion", server_random + client_random) */
    uint8_t seed[64];
    memcpy(seed, c->server_random, 32);
    memcpy(seed + 32, c->client_random, 32);
    size_t ml = tls_mac_len(s->mac);
    uint8_t kb[2 * TLS_MAX_MAC_LEN + 2 * 32];
    if (dec_tls12_prf(s->prf, master, master_len, "key expansion", seed, sizeof(seed), kb,
                      2 * ml + 2u * s->key_len) != TLS_OK) {
        tls_wipe(kb, sizeof(kb));
        return true;
    }
    for (int dir = 0; dir < 2; dir++) {
        /* client_write_MAC_key, server_write_MAC_key, client_write_key, server_write_key */
        struct dec_direction *d = &c->dir[dir];
        tls_traffic_keys_wipe(&d->tls12_keys);
        memcpy(d->tls12_mac_key, kb + (size_t)dir * ml, ml);
        memcpy(d->tls12_keys.key, kb + 2 * ml + (size_t)dir * s->key_len, s->key_len);
    }
    tls_wipe(kb, sizeof(kb));
    c->tls12_cbc = true;
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

bool dec_tls12_cbc_open(struct dec_conn *c, enum tls_direction dir, uint64_t seq,
                        const struct tls_record *rec, uint8_t *out, size_t *out_len)
{
    struct dec_direction *d = &c->dir[dir];
    size_t ml = tls_mac_len(c->tls12_mac);
    size_t iv = TLS_AES_BLOCK_LEN;
    size_t enc_len = c->sh_etm ? (rec->length >= ml ? rec->length - ml : 0) : rec->length;
    c->tls12_failure = "the record is too short or not a whole number of blocks";
    /* At least the IV and one block; whole blocks after the IV (§6.2.3.2). */
    if (enc_len < iv + TLS_AES_BLOCK_LEN || (enc_len - iv) % TLS_AES_BLOCK_LEN != 0 ||
        (!c->sh_etm && enc_len - iv < ml + 1)) {
        return false;
    }
    const uint8_t *frag = rec->fragment;
    if (c->sh_etm && !mac_equal(c, d, seq, rec, frag, enc_len, frag + enc_len)) {
        c->tls12_failure = "bad MAC (encrypt_then_mac, RFC 7366 §3)";
        return false;
    }
    size_t plain_len = enc_len - iv;
    if (tls_aes_cbc_decrypt(d->tls12_keys.key, c->tls12_key_len, frag, frag + iv, plain_len, out, NULL) != TLS_OK) {
        c->tls12_failure = "AES-CBC failed";
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
