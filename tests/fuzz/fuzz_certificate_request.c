/*
 * fuzz_certificate_request.c — CertificateRequest parser (RFC 8446 §4.3.2), in the handshake and
 * post-handshake (§4.6.2). Input: a message body. Oracles: the error contract, the mandatory
 * signature_algorithms list is non-empty, and the round trip.
 */
#include "fuzz.h"
#include "handshake/certificate_request.h"

static void parse_as(const uint8_t *data, size_t size, bool in_handshake)
{
    struct tls_error err = {0};
    struct tls_certificate_request cr;
    tls_result rc = tls_certificate_request_parse(data, size, in_handshake, &cr, &err);
    fuzz_check_result(rc, &err);
    if (rc != TLS_OK) {
        return;
    }
    FUZZ_CHECK(cr.signature_algorithms.count > 0,
               "§4.3.2: accepted without signature_algorithms");
    static uint8_t out[70000];
    struct tls_writer w;
    tls_writer_init(&w, out, sizeof(out));
    struct tls_error enc_err = {0};
    FUZZ_CHECK(tls_certificate_request_encode(&w, cr.certificate_request_context.data,
                                              cr.certificate_request_context.len,
                                              cr.extensions.list, cr.extensions.count,
                                              &enc_err) == TLS_OK,
               "re-encoding failed");
    fuzz_check_reencoded(TLS_HT_certificate_request, data, size, out, w.len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    parse_as(data, size, true);
    parse_as(data, size, false);
    return 0;
}
