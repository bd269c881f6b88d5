/*
 * key_update.c — KeyUpdate (RFC 8446 §4.6.3). See key_update.h.
 */
#include "handshake/key_update.h"

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
tls_result tls_key_update_parse(const uint8_t *body, size_t len,
                                enum tls_key_update_request *request_update, struct tls_error *err)
{
    /* One byte, no more, no less (checklist PH-03): a length problem is decode_error. */
    if (len != 1) {
        return tls_hs_fail(err, TLS_ALERT_decode_error, "KeyUpdate",
                           "RFC 8446 §4.6.3: KeyUpdate body must be exactly one byte");
    }
    /* §4.6.3: "If an implementation receives any other value, it MUST terminate the connection
     * with an "illegal_parameter" alert." */
    if (body[0] > TLS_KEY_UPDATE_update_requested) {
        return tls_hs_fail(err, TLS_ALERT_illegal_parameter, "KeyUpdate.request_update",
                           "RFC 8446 §4.6.3: request_update must be 0 or 1");
    }
    *request_update = (enum tls_key_update_request)body[0];
    return TLS_OK;
}

tls_result tls_key_update_encode(struct tls_writer *w, enum tls_key_update_request request_update,
                                 struct tls_error *err)
{
    struct tls_vector_mark msg = tls_handshake_msg_begin(w, TLS_HT_key_update);
    tls_write_u8(w, (uint8_t)request_update);
    tls_handshake_msg_end(w, msg);
    return tls_writer_result(w, err);
}
