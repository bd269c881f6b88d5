/*
 * fuzz_certificate.c — Certificate parser (RFC 8446 §4.4.2), as the server's and as a client's.
 * Input: a message body. Oracles: the error contract, the server rules (empty context, at least
 * one entry, §4.4.2 and §4.4.2.4) whenever the server parse succeeds, and the round trip.
 */
#include "fuzz.h"
#include "handshake/certificate.h"

static void parse_as(const uint8_t *data, size_t size, bool from_server)
{
    struct tls_error err = {0};
    static struct tls_certificate cert;
    tls_result rc = tls_certificate_parse(data, size, from_server, &cert, &err);
    fuzz_check_result(rc, &err);
    if (rc != TLS_OK) {
        return;
    }
    FUZZ_CHECK(cert.count <= TLS_MAX_CERTIFICATES, "more entries than the array holds");
    if (from_server) {
        FUZZ_CHECK(cert.certificate_request_context.len == 0, "§4.4.2: server context not empty");
        FUZZ_CHECK(cert.count > 0, "§4.4.2.4: empty server Certificate accepted");
    }
    static uint8_t out[1u << 17];
    struct tls_writer w;
    tls_writer_init(&w, out, sizeof(out));
    struct tls_error enc_err = {0};
    FUZZ_CHECK(tls_certificate_encode(&w, &cert, &enc_err) == TLS_OK, "re-encoding failed");
    fuzz_check_reencoded(TLS_HT_certificate, data, size, out, w.len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    parse_as(data, size, true);
    parse_as(data, size, false);
    return 0;
}
