/*
 * fuzz_encrypted_extensions.c — EncryptedExtensions parser (RFC 8446 §4.3.1).
 * Input: a message body. Oracles: the error contract and the round trip.
 */
#include "fuzz.h"
#include "handshake/encrypted_extensions.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct tls_error err = {0};
    struct tls_encrypted_extensions ee;
    tls_result rc = tls_encrypted_extensions_parse(data, size, &ee, &err);
    fuzz_check_result(rc, &err);
    if (rc != TLS_OK) {
        return 0;
    }
    static uint8_t out[70000];
    struct tls_writer w;
    tls_writer_init(&w, out, sizeof(out));
    struct tls_error enc_err = {0};
    FUZZ_CHECK(tls_encrypted_extensions_encode(&w, ee.extensions.list, ee.extensions.count,
                                               &enc_err) == TLS_OK,
               "re-encoding failed");
    fuzz_check_reencoded(TLS_HT_encrypted_extensions, data, size, out, w.len);
    return 0;
}
