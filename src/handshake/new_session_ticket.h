/*
 * new_session_ticket.h — NewSessionTicket (RFC 8446 §4.6.1).
 *
 * Judged from the bytes: framing and bounds (ticket<1..2^16-1>: an empty ticket is decode_error,
 * PH-06), duplicate extensions (illegal_parameter, SH-05), a malformed early_data extension
 * (decode_error). Reported, not judged: ticket_lifetime above 604800 seconds (§4.6.1 "Servers
 * MUST NOT use any value greater than 604800 seconds"; the flag lets the state machine decide).
 * Views into the message body.
 */
#ifndef TLS13_HANDSHAKE_NEW_SESSION_TICKET_H
#define TLS13_HANDSHAKE_NEW_SESSION_TICKET_H

#include <stdbool.h>
#include <stdint.h>

#include "handshake/extensions.h"

/* §4.6.1: "Servers MUST NOT use any value greater than 604800 seconds (7 days)." */
#define TLS_MAX_TICKET_LIFETIME 604800u

/*
 * RFC 8446 §4.6.1:
 *     struct {
 *         uint32 ticket_lifetime;
 *         uint32 ticket_age_add;
 *         opaque ticket_nonce<0..255>;
 *         opaque ticket<1..2^16-1>;
 *         Extension extensions<0..2^16-2>;
 *     } NewSessionTicket;
 */
struct tls_new_session_ticket {
    uint32_t ticket_lifetime;
    uint32_t ticket_age_add;
    struct tls_bytes ticket_nonce;
    struct tls_bytes ticket;
    struct tls_extensions extensions;
    bool lifetime_too_long;       /* ticket_lifetime > TLS_MAX_TICKET_LIFETIME */
    bool has_early_data;          /* an early_data extension is present */
    uint32_t max_early_data_size; /* its value (0 without one) */
};

tls_result tls_new_session_ticket_parse(const uint8_t *body, size_t len,
                                        struct tls_new_session_ticket *nst, struct tls_error *err);

/* Writes a whole NewSessionTicket; extensions (raw, in order) may be NULL/0. */
tls_result tls_new_session_ticket_encode(struct tls_writer *w, uint32_t ticket_lifetime,
                                         uint32_t ticket_age_add, const struct tls_bytes *ticket_nonce,
                                         const struct tls_bytes *ticket,
                                         const struct tls_extension *exts, size_t n,
                                         struct tls_error *err);

#endif
