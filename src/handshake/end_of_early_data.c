/*
 * end_of_early_data.c — EndOfEarlyData (RFC 8446 §4.5). See end_of_early_data.h.
 */
#include "handshake/end_of_early_data.h"

/*
 * RFC 8446 §4.5:
 *     struct {} EndOfEarlyData;
 */
tls_result tls_end_of_early_data_parse(const uint8_t *body, size_t len, struct tls_error *err)
{
    (void)body;
    /* An empty struct: any byte in the body is a trailing byte (§6 decode_error). */
    if (len != 0) {
        return tls_hs_fail(err, TLS_ALERT_decode_error, "EndOfEarlyData",
                           "RFC 8446 §4.5: EndOfEarlyData has an empty body");
    }
    return TLS_OK;
}

tls_result tls_end_of_early_data_encode(struct tls_writer *w, struct tls_error *err)
{
    struct tls_vector_mark msg = tls_handshake_msg_begin(w, TLS_HT_end_of_early_data);
    tls_handshake_msg_end(w, msg);
    return tls_writer_result(w, err);
}
