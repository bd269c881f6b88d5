/*
 * key_changes.h — which key protects the next record, each way: RFC 8446 Appendix A.1's
 * right-hand side ("K_recv = handshake", "K_send = application", ...) and §4.6.3, as one table.
 *
 * Implementation notes
 * --------------------
 * A handshake message changes the key of the next record of its sender (a Finished: the
 * sender's application key) and sometimes of its receiver (a ServerHello: the client's
 * handshake key too). The client (client.c: after each row of its state table, and after each
 * message it sends), the passive decoder (decoder/decode_tls13.c) and anything else following a
 * TLS 1.3 connection ask tls13_key_changes() instead of deciding it again.
 */
#ifndef TLS13_HANDSHAKE_KEY_CHANGES_H
#define TLS13_HANDSHAKE_KEY_CHANGES_H

#include <stdint.h>

#include "common/direction.h"

enum tls_key_change {
    TLS_KEY_KEEP = 0,
    TLS_KEY_TO_PLAINTEXT_IF_EARLY,          /* HelloRetryRequest: 0-RTT rejected, the client
                                             * writes ClientHello2 in plaintext (§4.2.10) */
    TLS_KEY_TO_HANDSHAKE,                   /* [sender]_handshake_traffic_secret */
    TLS_KEY_TO_HANDSHAKE_UNLESS_EARLY,      /* ServerHello: a client writing 0-RTT data keeps
                                             * its early key ("K_send = early data") */
    TLS_KEY_TO_HANDSHAKE_IF_EARLY_REJECTED, /* EncryptedExtensions without early_data (§4.2.10) */
    TLS_KEY_TO_APPLICATION,                 /* [sender]_application_traffic_secret_0 */
    TLS_KEY_TO_NEXT_GENERATION,             /* KeyUpdate: application_traffic_secret_N+1 (§7.2) */
};

const char *tls_key_change_name(enum tls_key_change change);

/* The key changes after a handshake message of msg_type sent by sender (a HelloRetryRequest is
 * TLS_HT_hello_retry_request): for the sender's next record (*sender_writes) and the
 * receiver's (*receiver_writes). Messages that change nothing give TLS_KEY_KEEP twice. */
void tls13_key_changes(enum tls_direction sender, uint8_t msg_type,
                       enum tls_key_change *sender_writes, enum tls_key_change *receiver_writes);

#endif
