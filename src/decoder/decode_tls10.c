/*
 * decode_tls10.c — the handshake hashes of an observed connection: the transcript of RFC 8446
 * §4.4.1 / RFC 5246 §7.4.9 and, for TLS 1.0 and 1.1 (RFC 2246 §7.4.9, RFC 4346 §7.4.9) and
 * DTLS 1.0 (RFC 4347 §4.2.6), MD5 + SHA-1 of the same messages.
 *
 * Implementation notes
 * --------------------
 * A TLS 1.0 or 1.1 Finished is
 *     verify_data = PRF(master_secret, finished_label,
 *                       MD5(handshake_messages) + SHA-1(handshake_messages))[0..11]
 * and which version a connection has is known only from the ServerHello, after the ClientHello
 * has gone by. So every connection hashes its handshake messages with MD5 and SHA-1 as well
 * (struct tls_md5_sha1, no heap) until a ServerHello names a version that does not use them;
 * then that state is wiped. Every place that restarts or feeds the transcript goes through
 * these three calls, so the two hashes always cover the same messages (the SSL 2.0-format
 * ClientHello of decode_sslv2.c, the DTLS restart after a HelloVerifyRequest of dtls_decode.c).
 */
#include "decoder/decode_internal.h"
#include "decoder/dtls.h"

bool dec_version_prf10(uint16_t version)
{
    return version == TLS_VERSION_1_0 || version == TLS_VERSION_1_1 || version == DTLS_VERSION_1_0;
}

void dec_transcript_wipe(struct dec_conn *c)
{
    tls_transcript_wipe(&c->transcript);
    c->transcript_ok = false;
    if (c->legacy_th_ok) {
        tls_md5_sha1_wipe(&c->legacy_th);
        c->legacy_th_ok = false;
    }
}

void dec_transcript_start(struct dec_conn *c)
{
    dec_transcript_wipe(c);
    c->transcript_ok = tls_transcript_init(&c->transcript, NULL) == TLS_OK;
    c->legacy_th_ok = tls_md5_sha1_init(&c->legacy_th, NULL) == TLS_OK;
}

void dec_transcript_add(struct dec_conn *c, const uint8_t *msg, size_t len)
{
    if (c->transcript_ok) {
        c->transcript_ok = tls_transcript_add(&c->transcript, msg, len, NULL) == TLS_OK;
    }
    if (c->legacy_th_ok && c->have_server_hello && !dec_version_prf10(c->version)) {
        tls_md5_sha1_wipe(&c->legacy_th); /* TLS 1.2 or 1.3: not needed */
        c->legacy_th_ok = false;
    }
    if (c->legacy_th_ok) {
        c->legacy_th_ok = tls_md5_sha1_update(&c->legacy_th, msg, len, NULL) == TLS_OK;
    }
}
