/*
 * fuzz_finished.c — Finished parser (RFC 8446 §4.4.4) for both hash lengths (SHA-256, SHA-384).
 * Input: a message body. Oracles: the error contract, verify_data is exactly Hash.length, and
 * the round trip.
 */
#include "fuzz.h"
#include "handshake/finished.h"

static void parse_with(const uint8_t *data, size_t size, size_t hash_len)
{
    struct tls_error err = {0};
    struct tls_bytes verify_data;
    tls_result rc = tls_finished_parse(data, size, hash_len, &verify_data, &err);
    fuzz_check_result(rc, &err);
    if (rc != TLS_OK) {
        return;
    }
    FUZZ_CHECK(verify_data.len == hash_len, "§4.4.4: verify_data is not Hash.length bytes");
    uint8_t out[64];
    struct tls_writer w;
    tls_writer_init(&w, out, sizeof(out));
    struct tls_error enc_err = {0};
    FUZZ_CHECK(tls_finished_encode(&w, verify_data.data, hash_len, &enc_err) == TLS_OK,
               "re-encoding failed");
    fuzz_check_reencoded(TLS_HT_finished, data, size, out, w.len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    parse_with(data, size, 32);
    parse_with(data, size, 48);
    return 0;
}
