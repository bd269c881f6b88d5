/*
 * fuzz_server_hello.c — ServerHello / HelloRetryRequest parser (RFC 8446 §4.1.3, §4.1.4).
 * Input: a message body. Oracles: the error contract, and for a TLS 1.3-shaped hello (with an
 * extensions block) decode-then-encode gives back the same bytes.
 */
#include <string.h>

#include "fuzz.h"
#include "handshake/server_hello.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct tls_error err = {0};
    struct tls_server_hello sh;
    tls_result rc = tls_server_hello_parse(data, size, &sh, &err);
    fuzz_check_result(rc, &err);
    if (rc != TLS_OK) {
        return 0;
    }
    FUZZ_CHECK(sh.is_hello_retry_request ==
                   (memcmp(sh.random, tls_hello_retry_request_random, TLS_RANDOM_LEN) == 0),
               "is_hello_retry_request disagrees with the random (§4.1.3)");
    if (!sh.extensions_present) {
        /* A TLS 1.2 hello ending after legacy_compression_method: nothing to re-encode. */
        FUZZ_CHECK(sh.extensions.count == 0, "extensions without an extensions block");
        return 0;
    }
    const struct tls_server_hello_config cfg = {
        .legacy_version = sh.legacy_version,
        .random = sh.random,
        .legacy_session_id_echo = sh.legacy_session_id_echo,
        .cipher_suite = sh.cipher_suite,
        .legacy_compression_method = sh.legacy_compression_method,
        .extensions = sh.extensions.list,
        .extensions_count = sh.extensions.count,
    };
    static uint8_t out[70000];
    struct tls_writer w;
    tls_writer_init(&w, out, sizeof(out));
    struct tls_error enc_err = {0};
    FUZZ_CHECK(tls_server_hello_encode(&w, &cfg, &enc_err) == TLS_OK, "re-encoding failed");
    fuzz_check_reencoded(TLS_HT_server_hello, data, size, out, w.len);
    return 0;
}
