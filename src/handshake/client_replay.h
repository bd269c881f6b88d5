/*
 * client_replay.h — replaying a recorded handshake with the client core (tests, RFC 8448).
 *
 * Not part of the public API (handshake/client.h): a test that replays RFC 8448 must send the
 * RFC's own ClientHello and key share, so it starts the client with tls_client_init_replay()
 * instead of tls_client_init(). Randomness needs nothing special (tls_client_config.rng is a
 * callback); only the ClientHello and its key share private keys come from here.
 */
#ifndef TLS13_HANDSHAKE_CLIENT_REPLAY_H
#define TLS13_HANDSHAKE_CLIENT_REPLAY_H

#include "handshake/client.h"

/*
 * Replaying a recorded trace (tests only, e.g. RFC 8448): our ClientHellos are taken byte for
 * byte from here instead of being built, and our key shares from the given private keys. The
 * client still parses them to learn what it offered, and checks the server against that.
 */
struct tls_client_replay {
    const uint8_t *client_hello[2];      /* ClientHello1, and ClientHello2 after an HRR (whole messages) */
    size_t client_hello_len[2];
    const uint8_t *key_share_private[2]; /* private key of each one's (first) key_share entry */
    size_t key_share_private_len[2];
    /*
     * false: the ClientHellos are sent exactly as recorded (and may not carry pre_shared_key).
     * true: each recorded ClientHello is a TEMPLATE. Its random, legacy_session_id,
     * cipher_suites and extensions (raw, in their order) are kept, but the client writes two
     * extensions itself: pre_shared_key from config.ticket (its identity, obfuscated_ticket_age
     * from the now_ms given to tls_client_handshake, and a binder it computes; dropped if the
     * ticket may not be offered),
     * and early_data (kept only when config.early_data is sent, and never in ClientHello2).
     * In ClientHello2 the cookie is also the client's: the one the HelloRetryRequest carried.
     * The recorded binder is ignored, so comparing the output with the recording checks ours.
     */
    bool client_hello_is_template;
};

/* tls_client_init(), then every ClientHello comes from replay (which must stay valid for the
 * connection's life) instead of being built. */
tls_result tls_client_init_replay(struct tls_client *c, const struct tls_client_config *config,
                                  const struct tls_client_replay *replay, uint64_t now_ms);

#endif
