/*
 * fuzz_certificate_verify.c — CertificateVerify parser (RFC 8446 §4.4.3).
 * Input: a message body. Oracles: the error contract and the round trip.
 */
#include "fuzz.h"
#include "handshake/certificate_verify.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct tls_error err = {0};
    struct tls_certificate_verify cv;
    tls_result rc = tls_certificate_verify_parse(data, size, &cv, &err);
    fuzz_check_result(rc, &err);
    if (rc != TLS_OK) {
        return 0;
    }
    static uint8_t out[70000];
    struct tls_writer w;
    tls_writer_init(&w, out, sizeof(out));
    struct tls_error enc_err = {0};
    FUZZ_CHECK(tls_certificate_verify_encode(&w, cv.algorithm, cv.signature.data, cv.signature.len,
                                             &enc_err) == TLS_OK,
               "re-encoding failed");
    fuzz_check_reencoded(TLS_HT_certificate_verify, data, size, out, w.len);
    return 0;
}
