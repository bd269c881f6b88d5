/*
 * transcript.c — the transcript hash (RFC 8446 §4.4.1). See transcript.h for why both
 * SHA-256 and SHA-384 run until the cipher suite is known.
 */
#include "handshake/transcript.h"

#include "common/names.h"
#include "handshake/handshake_msg.h"

/* The running hash for alg, or NULL when it is not (or no longer) kept. */
static const struct tls_hash *running(const struct tls_transcript *t, enum tls_hash_alg alg)
{
    if (t->alg != TLS_HASH_NONE && t->alg != alg) {
        return NULL; /* dropped by tls_transcript_select() */
    }
    switch (alg) {
    case TLS_HASH_SHA256:
        return &t->sha256;
    case TLS_HASH_SHA384:
        return &t->sha384;
    default:
        return NULL;
    }
}

tls_result tls_transcript_init(struct tls_transcript *t, struct tls_error *err)
{
    /* Both hashes start: the ClientHello is hashed before anyone knows which one the server's
     * cipher_suite will name (TLS_AES_256_GCM_SHA384 -> SHA-384, the others -> SHA-256). */
    t->alg = TLS_HASH_NONE;
    t->messages = 0;
    if (tls_hash_init(&t->sha256, TLS_HASH_SHA256, err) != TLS_OK ||
        tls_hash_init(&t->sha384, TLS_HASH_SHA384, err) != TLS_OK) {
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 8446 §4.4.1: transcript hash init failed");
    }
    return TLS_OK;
}

/* Feeds bytes to every hash still kept. */
static tls_result update_all(struct tls_transcript *t, const uint8_t *p, size_t n,
                             struct tls_error *err)
{
    tls_result rc = TLS_OK;
    /* Before select() both run; after it, running() returns NULL for the dropped one. */
    if (running(t, TLS_HASH_SHA256) != NULL) {
        rc = tls_hash_update(&t->sha256, p, n, err);
    }
    if (rc == TLS_OK && running(t, TLS_HASH_SHA384) != NULL) {
        rc = tls_hash_update(&t->sha384, p, n, err);
    }
    if (rc != TLS_OK) {
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 8446 §4.4.1: transcript hash update failed");
    }
    return TLS_OK;
}

tls_result tls_transcript_add(struct tls_transcript *t, const uint8_t *msg, size_t len,
                              struct tls_error *err)
{
    /* §4.4.1: the hash covers whole Handshake structures, header included, in order. */
    TRY(update_all(t, msg, len, err));
    t->messages++;
    return TLS_OK;
}

tls_result tls_transcript_select(struct tls_transcript *t, enum tls_hash_alg alg,
                                 struct tls_error *err)
{
    /* Selecting twice is allowed only with the same hash (HRR, then ServerHello: §4.1.4 makes
     * the server keep its cipher_suite, which the state machine checks). */
    if (running(t, alg) == NULL) {
        return tls_fail(err, TLS_ALERT_internal_error,
                        "RFC 8446 §4.4.1: transcript hash already chosen, or not SHA-256/SHA-384");
    }
    t->alg = alg;
    /* The other hash will never be needed: drop its state. */
    if (alg == TLS_HASH_SHA256) {
        tls_hash_wipe(&t->sha384);
    } else {
        tls_hash_wipe(&t->sha256);
    }
    return TLS_OK;
}

tls_result tls_transcript_replace_client_hello1(struct tls_transcript *t, struct tls_error *err)
{
    uint8_t ch1_hash[TLS_MAX_HASH_LEN];
    size_t hash_len = 0;
    if (t->messages != 1 || t->alg == TLS_HASH_NONE) {
        return tls_fail(err, TLS_ALERT_internal_error,
                        "RFC 8446 §4.4.1: message_hash needs exactly ClientHello1 and a chosen hash");
    }
    /* With only ClientHello1 added, the running digest IS Hash(ClientHello1). */
    TRY(tls_transcript_peek(t, ch1_hash, &hash_len, err));
    struct tls_hash *h = t->alg == TLS_HASH_SHA256 ? &t->sha256 : &t->sha384;
    tls_hash_wipe(h);
    if (tls_hash_init(h, t->alg, err) != TLS_OK) {
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 8446 §4.4.1: transcript hash init failed");
    }
    /* §4.4.1: "a special synthetic handshake message of handshake type "message_hash"
     * containing Hash(ClientHello1)": the 4-byte header  FE 00 00 Hash.length  then the hash. */
    const uint8_t header[TLS_HANDSHAKE_HEADER_LEN] = {TLS_HT_message_hash, 0, 0, (uint8_t)hash_len};
    t->messages = 0;
    TRY(tls_transcript_add(t, header, sizeof(header), err));
    TRY(update_all(t, ch1_hash, hash_len, err));
    return TLS_OK;
}

tls_result tls_transcript_peek(const struct tls_transcript *t, uint8_t *out, size_t *out_len,
                               struct tls_error *err)
{
    /* Every hash the key schedule uses comes after ServerHello, so reading before select()
     * means the caller forgot it; peek_with() names the hash explicitly for the PSK binder. */
    if (t->alg == TLS_HASH_NONE) {
        return tls_fail(err, TLS_ALERT_internal_error,
                        "RFC 8446 §4.4.1: transcript hash read before the cipher suite is known");
    }
    return tls_transcript_peek_with(t, t->alg, NULL, 0, out, out_len, err);
}

tls_result tls_transcript_peek_with(const struct tls_transcript *t, enum tls_hash_alg alg,
                                    const uint8_t *extra, size_t extra_len, uint8_t *out,
                                    size_t *out_len, struct tls_error *err)
{
    const struct tls_hash *h = running(t, alg);
    struct tls_hash copy;
    if (h == NULL) {
        return tls_fail(err, TLS_ALERT_internal_error,
                        "RFC 8446 §4.4.1: this hash of the transcript is not kept");
    }
    /* Hash a copy so the running transcript is untouched (e.g. Truncate(ClientHello) for a
     * PSK binder, §4.2.11.2, is hashed but never added). */
    tls_hash_clone(&copy, h);
    tls_result rc = extra_len > 0 ? tls_hash_update(&copy, extra, extra_len, err) : TLS_OK;
    if (rc == TLS_OK) {
        rc = tls_hash_peek(&copy, out, err);
    }
    tls_hash_wipe(&copy);
    if (rc != TLS_OK) {
        return tls_fail(err, TLS_ALERT_internal_error, "RFC 8446 §4.4.1: transcript hash failed");
    }
    *out_len = tls_hash_len(alg);
    return TLS_OK;
}

void tls_transcript_wipe(struct tls_transcript *t)
{
    /* The hash state is not secret by itself, but it is derived from the handshake, and wiping
     * at the end of every stage is the house rule (STYLE.md "Memory"). */
    tls_hash_wipe(&t->sha256);
    tls_hash_wipe(&t->sha384);
    t->alg = TLS_HASH_NONE;
    t->messages = 0;
}
