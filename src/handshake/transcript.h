/*
 * transcript.h — the transcript hash (RFC 8446 §4.4.1), including the HelloRetryRequest rule.
 *
 * Implementation notes
 * --------------------
 * "Transcript-Hash(M1, M2, ... Mn) = Hash(M1 || M2 || ... || Mn)" over whole handshake messages
 * (header included), in the order sent and received. The hash is the cipher suite's, which the
 * client learns only from ServerHello (or HelloRetryRequest) — after it has sent ClientHello.
 * Without a heap we cannot buffer an arbitrarily large ClientHello, so the transcript runs BOTH
 * SHA-256 and SHA-384 until tls_transcript_select() names the suite's hash; the other is then
 * wiped and dropped.
 *
 * HelloRetryRequest (§4.4.1): "the value of ClientHello1 is replaced with a special synthetic
 * handshake message of handshake type "message_hash" containing Hash(ClientHello1)":
 *     Transcript-Hash(ClientHello1, HelloRetryRequest, ... Mn) =
 *         Hash(message_hash ||         (Handshake type)
 *              00 00 Hash.length  ||   (Handshake message length (bytes))
 *              Hash(ClientHello1) ||   (Hash of ClientHello1)
 *              HelloRetryRequest  || ... || Mn)
 * Call order for an HRR:
 *     add(CH1); select(hash of HRR.cipher_suite); replace_client_hello1(); add(HRR); add(CH2); ...
 *
 * No views are kept: the transcript hashes bytes as they are added.
 */
#ifndef TLS13_HANDSHAKE_TRANSCRIPT_H
#define TLS13_HANDSHAKE_TRANSCRIPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "crypto/hash.h"

struct tls_transcript {
    enum tls_hash_alg alg;    /* TLS_HASH_NONE until tls_transcript_select() */
    size_t messages;          /* how many messages were added (message_hash counts as one) */
    struct tls_hash sha256;   /* running while alg is NONE or SHA256 */
    struct tls_hash sha384;   /* running while alg is NONE or SHA384 */
};

tls_result tls_transcript_init(struct tls_transcript *t, struct tls_error *err);

/* Adds one whole handshake message (header + body). */
tls_result tls_transcript_add(struct tls_transcript *t, const uint8_t *msg, size_t len,
                              struct tls_error *err);

/* Keeps only alg's hash (SHA-256 or SHA-384) from now on. internal_error if already selected
 * differently or alg is NONE. */
tls_result tls_transcript_select(struct tls_transcript *t, enum tls_hash_alg alg,
                                 struct tls_error *err);

/* §4.4.1 HRR rule: the transcript must hold exactly ClientHello1 and a hash must be selected;
 * restarts it as message_hash(Hash(ClientHello1)). internal_error otherwise. */
tls_result tls_transcript_replace_client_hello1(struct tls_transcript *t, struct tls_error *err);

/* Current Transcript-Hash (selected alg) into out (tls_hash_len bytes); *out_len set. The
 * transcript keeps running. internal_error if no hash is selected yet. */
tls_result tls_transcript_peek(const struct tls_transcript *t, uint8_t *out, size_t *out_len,
                               struct tls_error *err);

/* Like peek, for a given alg (usable before select: e.g. a PSK binder hash, §4.2.11.2), over
 * the transcript followed by extra[0..extra_len) — which is NOT added. */
tls_result tls_transcript_peek_with(const struct tls_transcript *t, enum tls_hash_alg alg,
                                    const uint8_t *extra, size_t extra_len, uint8_t *out,
                                    size_t *out_len, struct tls_error *err);

/* Wipes both hash states (end of handshake, failure). */
void tls_transcript_wipe(struct tls_transcript *t);

#endif
