/*
 * key_changes.c — RFC 8446 Appendix A.1's key changes, one row per message that makes one.
 *
 * From the client's diagram (App. A.1), right-hand side, with S the server and C the client:
 *
 *     Send ClientHello            [K_send = early data]        (client_psk.c, with 0-RTT data)
 *     Recv HelloRetryRequest      (0-RTT rejected: ClientHello2 in plaintext, §4.2.10)
 *     Recv ServerHello            K_recv = handshake           (K_send too, unless 0-RTT)
 *     Recv EncryptedExtensions    (no early_data: 0-RTT rejected, K_send = handshake)
 *     Recv Finished               K_recv = application
 *     [Send EndOfEarlyData]       K_send = handshake
 *     Send Finished               K_send = application
 *     KeyUpdate (either side)     its sender's next records use generation N+1 (§4.6.3, §7.2)
 */
#include "handshake/key_changes.h"

#include <stddef.h>

#include "common/names.h"

#define K(name) TLS_KEY_##name

static const struct {
    enum tls_direction sender;
    uint8_t msg_type;
    enum tls_key_change sender_writes;   /* the key of the sender's next record */
    enum tls_key_change receiver_writes; /* the key of the receiver's next record */
} rows[] = {
    /* sender                    message                           sender's next record   receiver's next record */
    {TLS_DIR_SERVER_TO_CLIENT, TLS_HT_hello_retry_request,   K(KEEP),               K(TO_PLAINTEXT_IF_EARLY)},
    {TLS_DIR_SERVER_TO_CLIENT, TLS_HT_server_hello,          K(TO_HANDSHAKE),       K(TO_HANDSHAKE_UNLESS_EARLY)},
    {TLS_DIR_SERVER_TO_CLIENT, TLS_HT_encrypted_extensions,  K(KEEP),               K(TO_HANDSHAKE_IF_EARLY_REJECTED)},
    {TLS_DIR_SERVER_TO_CLIENT, TLS_HT_finished,              K(TO_APPLICATION),     K(KEEP)},
    {TLS_DIR_SERVER_TO_CLIENT, TLS_HT_key_update,            K(TO_NEXT_GENERATION), K(KEEP)},
    {TLS_DIR_CLIENT_TO_SERVER, TLS_HT_end_of_early_data,     K(TO_HANDSHAKE),       K(KEEP)},
    {TLS_DIR_CLIENT_TO_SERVER, TLS_HT_finished,              K(TO_APPLICATION),     K(KEEP)},
    {TLS_DIR_CLIENT_TO_SERVER, TLS_HT_key_update,            K(TO_NEXT_GENERATION), K(KEEP)},
};

#undef K

void tls13_key_changes(enum tls_direction sender, uint8_t msg_type,
                       enum tls_key_change *sender_writes, enum tls_key_change *receiver_writes)
{
    *sender_writes = TLS_KEY_KEEP;
    *receiver_writes = TLS_KEY_KEEP;
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        if (rows[i].sender == sender && rows[i].msg_type == msg_type) {
            *sender_writes = rows[i].sender_writes;
            *receiver_writes = rows[i].receiver_writes;
            return;
        }
    }
}

const char *tls_key_change_name(enum tls_key_change change)
{
    switch (change) {
    case TLS_KEY_KEEP:
        return "keep";
    case TLS_KEY_TO_PLAINTEXT_IF_EARLY:
        return "plaintext (if writing 0-RTT data)";
    case TLS_KEY_TO_HANDSHAKE:
        return "handshake";
    case TLS_KEY_TO_HANDSHAKE_UNLESS_EARLY:
        return "handshake (unless writing 0-RTT data)";
    case TLS_KEY_TO_HANDSHAKE_IF_EARLY_REJECTED:
        return "handshake (if 0-RTT data was rejected)";
    case TLS_KEY_TO_APPLICATION:
        return "application";
    case TLS_KEY_TO_NEXT_GENERATION:
        return "application, next generation";
    default:
        return "?";
    }
}
