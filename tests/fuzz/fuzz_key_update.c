/*
 * fuzz_key_update.c — KeyUpdate parser (RFC 8446 §4.6.3).
 * Input: a message body. Oracles: the error contract, only 0 or 1 accepted, and the round trip.
 */
#include "fuzz.h"
#include "handshake/key_update.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct tls_error err = {0};
    enum tls_key_update_request request_update;
    tls_result rc = tls_key_update_parse(data, size, &request_update, &err);
    fuzz_check_result(rc, &err);
    if (rc != TLS_OK) {
        return 0;
    }
    FUZZ_CHECK(request_update == TLS_KEY_UPDATE_update_not_requested ||
                   request_update == TLS_KEY_UPDATE_update_requested,
               "§4.6.3: a request_update other than 0 or 1 accepted");
    uint8_t out[8];
    struct tls_writer w;
    tls_writer_init(&w, out, sizeof(out));
    struct tls_error enc_err = {0};
    FUZZ_CHECK(tls_key_update_encode(&w, request_update, &enc_err) == TLS_OK, "re-encoding failed");
    fuzz_check_reencoded(TLS_HT_key_update, data, size, out, w.len);
    return 0;
}
