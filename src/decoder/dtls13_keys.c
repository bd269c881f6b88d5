/*
 * dtls13_keys.c — DTLS 1.3 protected records opened with a key log (RFC 9147 §4, §4.2.2,
 * §4.2.3, §5.2, §5.9); dtls13_keys.h has the steps and the contracts.
 */
#include "decoder/dtls13_keys.h"

#include <string.h>

#include "crypto/util.h"
#include "decoder/decode_internal.h"
#include "decoder/dtls_internal.h"
#include "decoder/keylog.h"
#include "handshake/extensions.h"
#include "handshake/server_hello.h"

#define DTLS_VERSION_1_3_DRAFT43 0x7f2bu /* 0x7f00 | 43: draft-ietf-tls-dtls13-43 */

bool dtls13_version(uint16_t version)
{
    return version == DTLS_VERSION_1_3 || version == DTLS_VERSION_1_3_DRAFT43;
}

bool dtls13_nss_draft(uint16_t version)
{
    return version == DTLS_VERSION_1_3_DRAFT43;
}

const char *dtls13_version_label(uint16_t version)
{
    return version == DTLS_VERSION_1_3_DRAFT43 ? "DTLS 1.3 draft 43 (0x7f2b, NSS 3.87)" : "DTLS 1.3";
}

/* The version a ServerHello (or HelloRetryRequest) selects (RFC 8446 §4.2.1), or 0. */
static uint16_t selected_version(const uint8_t *body, size_t len)
{
    struct tls_server_hello sh;
    uint16_t v = 0;
    if (tls_server_hello_parse_any_version(body, len, &sh, NULL) != TLS_OK) {
        return 0;
    }
    const struct tls_extension *sv = tls_extensions_find(&sh.extensions, TLS_EXT_supported_versions);
    if (sv == NULL || tls_ext_supported_versions_parse_sh(sv, &v, NULL) != TLS_OK) {
        return 0;
    }
    return v;
}

void dtls13_hello(struct dec_conn *c, uint8_t msg_type, const uint8_t *body, size_t len)
{
    struct dec_dtls13 *d = &c->dtls->d13;
    if (msg_type == TLS_HT_client_hello && len <= DTLS_MAX_MESSAGE_LEN) {
        /* §5.2: the transcript holds the message as TLS 1.3 would: msg_type, uint24 length, body
           (the DTLS ClientHello body, legacy_cookie included). */
        d->client_hello[0] = msg_type;
        d->client_hello[1] = (uint8_t)(len >> 16);
        d->client_hello[2] = (uint8_t)(len >> 8);
        d->client_hello[3] = (uint8_t)len;
        memcpy(d->client_hello + 4, body, len);
        d->client_hello_len = 4 + len;
        return;
    }
    uint16_t v = msg_type == TLS_HT_server_hello && !d->active ? selected_version(body, len) : 0;
    if (!dtls13_version(v)) {
        return;
    }
    d->active = true;
    if (dtls13_nss_draft(v)) {
        /* NSS 3.87 (draft 43) hashes every message with its 12-byte DTLS header, as DTLS 1.2 does
           (RFC 6347 §4.2.6): the transcript so far is already that one. */
        return;
    }
    /* The first ServerHello (or HelloRetryRequest) that chooses DTLS 1.3: until now the
       transcript followed the DTLS 1.2 rule (12-byte headers, RFC 6347 §4.2.6); it restarts with
       the ClientHello in the DTLS 1.3 form. */
    d->tls_form_transcript = true;
    tls_transcript_wipe(&c->transcript);
    c->transcript_ok = d->client_hello_len > 0 && tls_transcript_init(&c->transcript, NULL) == TLS_OK &&
                       tls_transcript_add(&c->transcript, d->client_hello, d->client_hello_len, NULL) == TLS_OK;
}

/* Step 1-2: the keys of (dir, epoch), from the key log, once. */
static struct dtls13_epoch_keys *epoch_keys(struct dec_conn *c, enum tls_direction dir, uint16_t epoch,
                                            const char **why)
{
    struct dec_dtls13 *d = &c->dtls->d13;
    if (epoch != DTLS13_EPOCH_HANDSHAKE && epoch != DTLS13_EPOCH_APPLICATION) {
        *why = epoch == 1 ? "epoch 1 (0-RTT early data) is not opened here"
                          : "epochs after 3 (after a KeyUpdate, §8) are not opened here";
        return NULL;
    }
    struct dtls13_epoch_keys *k = &d->keys[dir][epoch - DTLS13_EPOCH_HANDSHAKE];
    if (k->tried) {
        *why = "the key log has no secret for this epoch and direction";
        return k->ready ? k : NULL;
    }
    k->tried = true;
    *why = "the key log has no secret for this epoch and direction";
    bool client = dir == TLS_DIR_CLIENT_TO_SERVER;
    enum tls_secret_id id = epoch == DTLS13_EPOCH_HANDSHAKE
                                ? (client ? TLS_SECRET_client_handshake_traffic_secret
                                          : TLS_SECRET_server_handshake_traffic_secret)
                                : (client ? TLS_SECRET_client_application_traffic_secret_0
                                          : TLS_SECRET_server_application_traffic_secret_0);
    if (c->dec->opt.keylog == NULL || c->suite == NULL || !c->have_client_hello) {
        *why = c->suite == NULL ? "no cipher suite of ours was negotiated" : "no key log";
        return NULL;
    }
    const struct tls_keylog_entry *e = tls_keylog_find(c->dec->opt.keylog, c->client_random, id);
    if (e == NULL || e->secret_len != tls_hash_len(c->suite->hash)) {
        return NULL;
    }
    struct tls_dtls13_keys keys;
    memset(&keys, 0, sizeof(keys));
    if (tls_dtls13_keys_derive(c->suite, e->secret, &keys, NULL) == TLS_OK &&
        tls_aead_setup(&k->aead, &keys.aead, NULL) == TLS_OK) {
        memcpy(k->sn_key, keys.sn_key, sizeof(k->sn_key));
        k->ready = true;
    }
    tls_dtls13_keys_wipe(&keys);
    return k->ready ? k : NULL;
}

/* Step 4 (§4.2.2): the sequence number closest to top + 1 whose low `bits` bits are `low`. */
static uint64_t reconstruct(const struct dtls13_epoch_keys *k, uint64_t low, unsigned bits)
{
    uint64_t span = (uint64_t)1 << bits;
    uint64_t expected = k->any ? k->top + 1 : 0;
    uint64_t candidate = (expected & ~(span - 1)) | low;
    uint64_t best = candidate;
    uint64_t best_dist = candidate > expected ? candidate - expected : expected - candidate;
    if (candidate >= span) {
        uint64_t lower = candidate - span;
        if (expected - lower < best_dist) { /* lower < expected here */
            best = lower;
            best_dist = expected - lower;
        }
    }
    if (candidate + span > candidate) {
        uint64_t upper = candidate + span;
        if (upper - expected < best_dist) {
            best = upper;
        }
    }
    return best;
}

bool dtls13_open(struct dec_conn *c, enum tls_direction dir, const struct dtls_record *rec,
                 struct dtls13_opened *out, const char **why)
{
    memset(out, 0, sizeof(*out));
    /* Step 1: during the handshake the two bits name the epoch unambiguously (§4.2.2). */
    uint16_t epoch = rec->epoch & DTLS_UH_EPOCH;
    if (epoch == 0) {
        epoch = 4;
    }
    struct dtls13_epoch_keys *k = epoch_keys(c, dir, epoch, why);
    if (k == NULL) {
        return false;
    }
    /* Step 3: the mask, from the first 16 bytes of encrypted_record (§4.2.3). */
    uint8_t mask[TLS_DTLS13_MASK_SAMPLE];
    struct tls_error err = {0};
    if (tls_dtls13_record_number_mask(c->suite, k->sn_key, rec->fragment, rec->length, mask, &err) != TLS_OK) {
        *why = "fewer than 16 bytes of ciphertext: no record number mask (RFC 9147 §4.2.3)";
        return false;
    }
    size_t seq_len = rec->seq_bits / 8;
    size_t seq_at = 1 + rec->cid_len;
    uint8_t aad[1 + DTLS_MAX_CID_LEN + 2 + 2];
    if (rec->header_len > sizeof(aad) || seq_at + seq_len > rec->header_len) {
        *why = "unified header too long";
        return false;
    }
    memcpy(aad, rec->header, rec->header_len);
    uint64_t low = 0;
    for (size_t i = 0; i < seq_len; i++) {
        aad[seq_at + i] ^= mask[i];
        low = low << 8 | aad[seq_at + i];
    }
    tls_wipe(mask, sizeof(mask));
    uint64_t seq = reconstruct(k, low, rec->seq_bits);
    if (rec->length < TLS_AEAD_TAG_LEN + 1) {
        *why = "shorter than a tag and a content type (RFC 9147 §4)";
        return false;
    }
    /* Step 5: the RFC nonce first, then NSS 3.87's (the last one that worked goes first). */
    uint8_t *plain = c->dec->open_buf;
    size_t plain_len = rec->length - TLS_AEAD_TAG_LEN;
    enum dtls13_nonce order[2] = {k->nonce, k->nonce == DTLS13_NONCE_RFC9147 ? DTLS13_NONCE_EPOCH_SEQ
                                                                              : DTLS13_NONCE_RFC9147};
    bool opened = false;
    for (size_t i = 0; i < 2 && !opened; i++) {
        uint64_t nonce_seq = order[i] == DTLS13_NONCE_RFC9147 ? seq : ((uint64_t)epoch << 48 | (seq & 0xffffffffffffu));
        if (tls_aead_ctx_open(&k->aead, nonce_seq, aad, rec->header_len, rec->fragment, rec->length, plain,
                              NULL) == TLS_OK) {
            opened = true;
            out->nonce = order[i];
        }
    }
    if (!opened) {
        *why = "does not authenticate with the logged secret (AEAD tag, RFC 9147 §4)";
        return false;
    }
    /* Step 6: DTLSInnerPlaintext = content || type || zeros. */
    size_t n = plain_len;
    while (n > 0 && plain[n - 1] == 0) {
        n--;
    }
    if (n == 0) {
        tls_wipe(plain, plain_len);
        *why = "DTLSInnerPlaintext is all zeros: no content type (RFC 8446 §5.4)";
        return false;
    }
    k->nonce = out->nonce;
    if (!k->any || seq > k->top) {
        k->top = seq;
    }
    k->any = true;
    out->epoch = epoch;
    out->sequence_number = seq;
    out->type = plain[n - 1];
    out->content = plain;
    out->content_len = n - 1;
    out->padding_len = plain_len - n;
    return true;
}

bool dtls13_draft_message_hash(struct dec_conn *c)
{
    uint8_t h[TLS_MAX_HASH_LEN];
    size_t hl = 0;
    enum tls_hash_alg alg = c->transcript.alg;
    if (c->transcript.messages != 1 || tls_transcript_peek(&c->transcript, h, &hl, NULL) != TLS_OK) {
        return false;
    }
    const uint8_t header[DTLS_HANDSHAKE_HEADER_LEN] = {TLS_HT_message_hash, 0, 0, (uint8_t)hl, 0, 0,
                                                       0, 0, 0, 0, 0, (uint8_t)hl};
    tls_transcript_wipe(&c->transcript);
    return tls_transcript_init(&c->transcript, NULL) == TLS_OK &&
           tls_transcript_select(&c->transcript, alg, NULL) == TLS_OK &&
           tls_transcript_add(&c->transcript, header, sizeof(header), NULL) == TLS_OK &&
           tls_transcript_add(&c->transcript, h, hl, NULL) == TLS_OK;
}

void dtls13_free(struct dec_dtls13 *d)
{
    for (size_t dir = 0; dir < 2; dir++) {
        for (size_t e = 0; e < 2; e++) {
            tls_aead_free(&d->keys[dir][e].aead);
        }
    }
    tls_wipe(d, sizeof(*d));
}
