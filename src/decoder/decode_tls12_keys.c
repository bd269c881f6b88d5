/*
 * decode_tls12_keys.c — decrypting a TLS 1.2 connection from its logged master secret
 * (RFC 5246 §5 PRF, §6.3 key block, §7.4.9 Finished; RFC 5288 AES-GCM; RFC 7905 ChaCha20-Poly1305).
 *
 * Implementation notes
 * --------------------
 * The NSS key log line "CLIENT_RANDOM <client_random> <master_secret>" gives the 48-byte master
 * secret; everything else follows from RFC 5246:
 *
 *     PRF(secret, label, seed) = P_<hash>(secret, label + seed)
 *     P_hash(secret, seed) = HMAC(secret, A(1) + seed) + HMAC(secret, A(2) + seed) + ...
 *         A(0) = seed, A(i) = HMAC(secret, A(i-1))
 *     key_block = PRF(master_secret, "key expansion", server_random + client_random)
 *               = client_write_MAC_key (none for AEAD) + server_write_MAC_key (none)
 *                 + client_write_key + server_write_key + client_write_IV + server_write_IV
 *     verify_data = PRF(master_secret, "client finished" | "server finished",
 *                       Hash(handshake_messages))[0..11]
 *
 * <hash> is SHA-384 for the _SHA384 suites, SHA-256 otherwise. AEAD suites are decrypted here;
 * the CBC suites, whose key block starts with MAC keys, in decode_tls12_cbc.c. TLS 1.0 and 1.1
 * (and DTLS 1.0) have the PRF of RFC 2246 §5, P_MD5 XOR P_SHA-1 (crypto/prf10.c), and hash
 * the handshake messages with MD5 + SHA-1 for their Finished (decode_tls10.c):
 *     verify_data = PRF(master_secret, finished_label, MD5(handshake_messages) +
 *                                                      SHA-1(handshake_messages))[0..11]
 *
 * Record nonces differ from TLS 1.3 (§5.3 there): AES-GCM (RFC 5288 §3) uses a 4-byte implicit
 * salt (the IV from the key block) and an 8-byte explicit nonce sent in front of each record;
 * ChaCha20-Poly1305 (RFC 7905 §2) XORs the sequence number into a 12-byte IV, as TLS 1.3 does.
 * Both fit tls_aead_open()'s "iv XOR seq": for GCM the iv is salt || 0^8 and the "sequence
 * number" passed is the explicit nonce. The additional data (RFC 5246 §6.2.3.3) is
 *     seq_num (8) + type (1) + version (2) + length of the plaintext (2).
 */
#include <string.h>

#include "common/names.h"
#include "crypto/aead.h"
#include "crypto/util.h"
#include "decoder/decode_internal.h"

#define TLS12_VERIFY_DATA_LEN 12u /* RFC 5246 §7.4.9: verify_data_length 12 */
#define TLS12_GCM_EXPLICIT_LEN 8u /* RFC 5288 §3: nonce_explicit */

/* What a TLS 1.2 AEAD suite needs: its AEAD (as the TLS 1.3 suite with the same AEAD) and
   its PRF hash; NULL for suites not decrypted here. */
static const struct tls_cipher_suite *tls12_aead(uint16_t suite, enum tls_hash_alg *prf, bool *gcm)
{
    *gcm = true;
    *prf = TLS_HASH_SHA256;
    switch (suite) {
    case TLS_SUITE_TLS_RSA_WITH_AES_128_GCM_SHA256:
    case TLS_SUITE_TLS_DHE_RSA_WITH_AES_128_GCM_SHA256:
    case TLS_SUITE_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256:
    case TLS_SUITE_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256:
        return tls_cipher_suite_find(TLS_SUITE_TLS_AES_128_GCM_SHA256);
    case TLS_SUITE_TLS_RSA_WITH_AES_256_GCM_SHA384:
    case TLS_SUITE_TLS_DHE_RSA_WITH_AES_256_GCM_SHA384:
    case TLS_SUITE_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384:
    case TLS_SUITE_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384:
        *prf = TLS_HASH_SHA384;
        return tls_cipher_suite_find(TLS_SUITE_TLS_AES_256_GCM_SHA384);
    case TLS_SUITE_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256:
    case TLS_SUITE_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256:
    case TLS_SUITE_TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256:
        *gcm = false;
        return tls_cipher_suite_find(TLS_SUITE_TLS_CHACHA20_POLY1305_SHA256);
    default:
        return NULL;
    }
}

/* RFC 5246 §5: PRF(secret, label, seed) into out[0..out_len). */
static tls_result prf(enum tls_hash_alg alg, const uint8_t *secret, size_t secret_len,
                      const char *label, const uint8_t *seed, size_t seed_len, uint8_t *out,
                      size_t out_len)
{
    uint8_t label_seed[32 + 2 * 32];
    uint8_t a[TLS_MAX_HASH_LEN + sizeof(label_seed)]; /* A(i) + label + seed */
    uint8_t block[TLS_MAX_HASH_LEN];
    size_t hl = tls_hash_len(alg);
    size_t ll = strlen(label);
    if (ll + seed_len > sizeof(label_seed)) {
        return TLS_E_INTERNAL;
    }
    memcpy(label_seed, label, ll);
    memcpy(label_seed + ll, seed, seed_len);
    size_t ls_len = ll + seed_len;
    /* A(1) = HMAC(secret, A(0)), A(0) = label + seed */
    TRY(tls_hmac(alg, secret, secret_len, label_seed, ls_len, a, NULL));
    for (size_t done = 0; done < out_len; done += hl) {
        memcpy(a + hl, label_seed, ls_len);
        TRY(tls_hmac(alg, secret, secret_len, a, hl + ls_len, block, NULL));
        size_t n = out_len - done < hl ? out_len - done : hl;
        memcpy(out + done, block, n);
        TRY(tls_hmac(alg, secret, secret_len, a, hl, block, NULL)); /* A(i+1) = HMAC(secret, A(i)) */
        memcpy(a, block, hl);
    }
    tls_wipe(block, sizeof(block));
    tls_wipe(a, sizeof(a));
    return TLS_OK;
}

void dec_tls12_derive_keys(struct dec_conn *c)
{
    const struct tls_keylog_entry *e = tls_keylog_find_master(c->dec->opt.keylog, c->client_random);
    bool gcm = true;
    enum tls_hash_alg prf_hash = TLS_HASH_SHA256;
    const struct tls_cipher_suite *aead = tls12_aead(c->cipher_suite, &prf_hash, &gcm);
    c->prf10 = dec_version_prf10(c->version);
    if (e != NULL && aead == NULL && dec_tls12_cbc_derive_keys(c, e->secret, e->secret_len)) {
        return; /* a CBC suite (decode_tls12_cbc.c) */
    }
    if (e != NULL && aead != NULL && c->prf10) {
        dec_conn_note(c, "%s with the TLS 1.2 suite %s: not decrypted (AEAD suites need TLS 1.2, RFC 5246 §6.2.3.3)",
                      tls_version_name(c->version) != NULL ? tls_version_name(c->version) : "old version",
                      tls_cipher_suite_name(c->cipher_suite) != NULL ? tls_cipher_suite_name(c->cipher_suite)
                                                                      : "unknown");
        return;
    }
    if (e == NULL || aead == NULL) {
        if (e != NULL) {
            dec_conn_note(c, "suite %s is not decrypted here (AEAD, AES-CBC and 3DES-CBC suites only)",
                          tls_cipher_suite_name(c->cipher_suite) != NULL
                              ? tls_cipher_suite_name(c->cipher_suite) : "unknown");
        } else if (c->dec->opt.keylog != NULL) {
            dec_conn_note(c, "the key log has no CLIENT_RANDOM line (master secret) for this client random");
        }
        return;
    }
    memcpy(c->master_secret, e->secret, sizeof(c->master_secret));
    c->prf_hash = prf_hash;
    c->have_master_secret = true;
    /* RFC 5246 §6.3: key_block = PRF(master_secret, "key expansion", server_random + client_random) */
    uint8_t seed[64];
    memcpy(seed, c->server_random, 32);
    memcpy(seed + 32, c->client_random, 32);
    size_t iv_len = gcm ? 4u : TLS_IV_LEN; /* RFC 5288 §3 salt; RFC 7905 §2 iv */
    uint8_t kb[2 * TLS_MAX_KEY_LEN + 2 * TLS_IV_LEN];
    size_t kl = aead->key_len;
    if (dec_tls12_prf(c, e->secret, e->secret_len, "key expansion", seed, sizeof(seed), kb,
                      2 * kl + 2 * iv_len) != TLS_OK) {
        return;
    }
    for (int dir = 0; dir < 2; dir++) {
        /* client_write_* comes first, then server_write_* (RFC 5246 §6.3). */
        struct tls_traffic_keys *k = &c->dir[dir].tls12_keys;
        memset(k, 0, sizeof(*k));
        k->suite = aead;
        memcpy(k->key, kb + (size_t)dir * kl, kl);
        memcpy(k->iv, kb + 2 * kl + (size_t)dir * iv_len, iv_len); /* GCM: salt || 0^8 */
    }
    tls_wipe(kb, sizeof(kb));
    c->tls12_gcm = gcm;
    dec_model_tls12_keys(c); /* the page's key schedule panel, when a page is written */
}

/* seq_num || type || version || length: what the MAC covers before the content (RFC 5246
   §6.2.3.1) and, the same 13 bytes, the AEAD additional_data (§6.2.3.3). DTLS puts
   epoch || sequence_number in seq_num (RFC 6347 §4.1.2.1). */
void dec_tls12_header13(uint64_t seq, const struct tls_record *rec, size_t len,
                        uint8_t out[DEC_TLS12_HEADER13_LEN])
{
    for (int i = 0; i < 8; i++) {
        out[i] = (uint8_t)(seq >> (56 - 8 * i));
    }
    out[8] = rec->type;
    out[9] = (uint8_t)(rec->legacy_record_version >> 8);
    out[10] = (uint8_t)rec->legacy_record_version;
    out[11] = (uint8_t)(len >> 8);
    out[12] = (uint8_t)len;
}

/* Opens one TLS 1.2 AEAD record (RFC 5246 §6.2.3.3) into out; false when it does not verify. */
bool dec_tls12_open(struct dec_conn *c, enum tls_direction dir, const struct tls_record *rec,
                    uint8_t *out, size_t *out_len)
{
    struct dec_direction *d = &c->dir[dir];
    uint64_t seq = d->tls12_seq++; /* every record after the CCS counts, opened or not */
    if (c->dtls != NULL) {
        seq = d->dtls_record_seq; /* RFC 6347 §4.1.2.1: epoch || sequence_number, from the header */
    }
    if (c->tls12_cbc) {
        return dec_tls12_cbc_open(c, dir, seq, rec, out, out_len);
    }
    size_t explicit_len = c->tls12_gcm ? TLS12_GCM_EXPLICIT_LEN : 0;
    if (!c->have_master_secret || rec->length < explicit_len + TLS_AEAD_TAG_LEN) {
        return false;
    }
    size_t plain_len = rec->length - explicit_len - TLS_AEAD_TAG_LEN;
    uint8_t aad[DEC_TLS12_HEADER13_LEN];
    dec_tls12_header13(seq, rec, plain_len, aad);
    /* GCM: nonce = salt || nonce_explicit, given as iv (salt || 0^8) XOR "seq" = explicit. */
    uint64_t nonce_seq = seq;
    if (c->tls12_gcm) {
        nonce_seq = 0;
        for (size_t i = 0; i < TLS12_GCM_EXPLICIT_LEN; i++) {
            nonce_seq = nonce_seq << 8 | rec->fragment[i];
        }
    }
    if (tls_aead_open(&d->tls12_keys, nonce_seq, aad, sizeof(aad), rec->fragment + explicit_len,
                      rec->length - explicit_len, out, NULL) != TLS_OK) {
        return false;
    }
    *out_len = plain_len;
    return true;
}

tls_result dec_tls12_prf(const struct dec_conn *c, const uint8_t *secret, size_t secret_len,
                         const char *label, const uint8_t *seed, size_t seed_len, uint8_t *out,
                         size_t out_len)
{
    if (c->prf10) {
        return tls_prf10(secret, secret_len, label, seed, seed_len, out, out_len, NULL);
    }
    return prf(c->prf_hash, secret, secret_len, label, seed, seed_len, out, out_len);
}

/* Hash(handshake_messages) of the Finished: MD5 + SHA-1 (RFC 2246 §7.4.9) or the PRF hash. */
static bool finished_hash(const struct dec_conn *c, uint8_t *th, size_t *thl)
{
    if (c->prf10) {
        *thl = TLS_MD5_SHA1_LEN;
        return c->legacy_th_ok && tls_md5_sha1_peek(&c->legacy_th, th, NULL) == TLS_OK;
    }
    return c->transcript_ok &&
           tls_transcript_peek_with(&c->transcript, c->prf_hash, NULL, 0, th, thl, NULL) == TLS_OK;
}

/* RFC 5246 §7.4.9: verify_data = PRF(master_secret, finished_label, Hash(handshake_messages)),
   RFC 2246 §7.4.9 the same with MD5(handshake_messages) + SHA-1(handshake_messages). */
void dec_tls12_verify_finished(struct dec_conn *c, enum tls_direction dir,
                               const struct tls_handshake_message *msg, struct dec_record *rd)
{
    uint8_t th[TLS_MAX_HASH_LEN > TLS_MD5_SHA1_LEN ? TLS_MAX_HASH_LEN : TLS_MD5_SHA1_LEN];
    uint8_t expected[TLS12_VERIFY_DATA_LEN];
    size_t thl = 0;
    enum tls_finished_status st = TLS_FINISHED_UNKNOWN;
    /* verify_data itself is among the message's fields (the describer, render_text.c). */
    if (c->have_master_secret && finished_hash(c, th, &thl) &&
        dec_tls12_prf(c, c->master_secret, sizeof(c->master_secret),
            dir == TLS_DIR_CLIENT_TO_SERVER ? "client finished" : "server finished", th, thl,
            expected, sizeof(expected)) == TLS_OK) {
        bool same = msg->length == TLS12_VERIFY_DATA_LEN && tls_ct_equal(expected, msg->body, sizeof(expected));
        st = same ? TLS_FINISHED_VERIFIED : TLS_FINISHED_FAILED;
        if (c->model != NULL) {
            dec_model_tls12_finished(c, dir, th, thl, expected, sizeof(expected), msg->body,
                                     msg->length, st);
        }
        dec_fact_finished12(rd, c->prf10 ? TLS_HASH_NONE : c->prf_hash, st);
    }
    if (dir == TLS_DIR_CLIENT_TO_SERVER) {
        c->client_finished = st;
    } else {
        c->server_finished = st;
    }
}
