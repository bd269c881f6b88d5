/*
 * key_update.h — KeyUpdate (RFC 8446 §4.6.3).
 *
 * The body is exactly one byte (decode_error otherwise, PH-03) and it must be 0 or 1:
 * §4.6.3 "If an implementation receives any other value, it MUST terminate the connection with an
 * illegal_parameter alert" (PH-02).
 */
#ifndef TLS13_HANDSHAKE_KEY_UPDATE_H
#define TLS13_HANDSHAKE_KEY_UPDATE_H

#include <stddef.h>
#include <stdint.h>

#include "handshake/handshake_msg.h"

/*
 * RFC 8446 §4.6.3:
 *     enum {
 *         update_not_requested(0), update_requested(1), (255)
 *     } KeyUpdateRequest;
 *
 *     struct {
 *         KeyUpdateRequest request_update;
 *     } KeyUpdate;
 */
enum tls_key_update_request {
    TLS_KEY_UPDATE_update_not_requested = 0,
    TLS_KEY_UPDATE_update_requested = 1,
};

tls_result tls_key_update_parse(const uint8_t *body, size_t len,
                                enum tls_key_update_request *request_update, struct tls_error *err);

tls_result tls_key_update_encode(struct tls_writer *w, enum tls_key_update_request request_update,
                                 struct tls_error *err);

#endif
