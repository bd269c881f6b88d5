/*
 * transcript.c — exercise 4: which bytes go into the transcript, and which do not.
 *
 * RFC 8446 §4.4.1 (The Transcript Hash): "Many of the cryptographic computations in TLS make
 * use of a transcript hash.  This value is computed by hashing the concatenation of each
 * included handshake message, including the handshake message header carrying the handshake
 * message type and length fields, but not including record layer headers.  I.e.,
 *
 *      Transcript-Hash(M1, M2, ... Mn) = Hash(M1 || M2 || ... || Mn)"
 *
 *   "As an exception to this general rule, when the server responds to a ClientHello with a
 *   HelloRetryRequest, the value of ClientHello1 is replaced with a special synthetic handshake
 *   message of handshake type "message_hash" containing Hash(ClientHello1).  I.e.,
 *
 *      Transcript-Hash(ClientHello1, HelloRetryRequest, ... Mn) =
 *          Hash(message_hash ||        (Handshake type)
 *               00 00 Hash.length  ||  (Handshake message length (bytes))
 *               Hash(ClientHello1) ||  (Hash of ClientHello1)
 *               HelloRetryRequest  || ... || Mn)"
 *
 * RFC 8446 §4: "struct { HandshakeType msg_type; uint24 length; ... } Handshake;" and
 * "message_hash(254)".  RFC 8446 §5: ChangeCipherSpec is not a handshake message.
 *
 * The runtime calls update_transcript() with everything it sends and receives during the
 * handshake: handshake messages one at a time (m->bytes is one whole message, header included),
 * and also ChangeCipherSpec, alerts, application data (m->bytes is the record's content). It
 * also gives you the 5-byte header of the record each came in. Keep exactly what the RFC says.
 * The hash is known only after ServerHello, so keep bytes and hash them when asked.
 *
 * The course gives you course_hash() (course.h).
 *
 * Check it: `./tls-course check transcript` (RFC 8448 §3, and §5 for HelloRetryRequest).
 */
#include "course.h"

course_result update_transcript(struct course_transcript *t, const struct course_message *m)
{
    /* TODO: append what belongs in the transcript to t->bytes (t->len bytes used so far). */
    (void)t;
    (void)m;
    return COURSE_TODO;
}

course_result transcript_hash(const struct course_transcript *t, size_t hash_len, uint8_t *out)
{
    /* TODO: the hash of everything kept (hash_len 32: SHA-256, 48: SHA-384). */
    (void)t;
    (void)hash_len;
    (void)out;
    return COURSE_TODO;
}

course_result transcript_hello_retry(struct course_transcript *t, size_t hash_len)
{
    /* TODO: replace ClientHello1 (everything kept so far) by the message_hash message. */
    (void)t;
    (void)hash_len;
    return COURSE_TODO;
}
