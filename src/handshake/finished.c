/*
 * finished.c — Finished (RFC 8446 §4.4.4). See finished.h for the decode_error choice (DIV-4).
 */
#include "handshake/finished.h"

#include "common/reader.h"

/*
 * RFC 8446 §4.4.4:
 *     struct {
 *         opaque verify_data[Hash.length];
 *     } Finished;
 */
tls_result tls_finished_parse(const uint8_t *body, size_t len, size_t hash_len,
                              struct tls_bytes *verify_data, struct tls_error *err)
{
    /* verify_data is a fixed-length array, not a vector: the message length is Hash.length
     * exactly. Anything else is the wrong length (§6.2 decode_error), not a wrong value. */
    if (len != hash_len) {
        return tls_hs_fail(err, TLS_ALERT_decode_error, "Finished.verify_data",
                           "RFC 8446 §4.4.4: Finished length differs from Hash.length");
    }
    verify_data->data = body;
    verify_data->len = len;
    return TLS_OK;
}

tls_result tls_finished_encode(struct tls_writer *w, const uint8_t *verify_data, size_t hash_len,
                               struct tls_error *err)
{
    struct tls_vector_mark msg = tls_handshake_msg_begin(w, TLS_HT_finished);
    tls_write_bytes(w, verify_data, hash_len);
    tls_handshake_msg_end(w, msg);
    return tls_writer_result(w, err);
}
