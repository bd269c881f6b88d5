/* harness_support.c — the oracles every harness shares (see fuzz.h). */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Noreturn void fuzz_fail(const char *file, int line, const char *what)
{
    fprintf(stderr, "%s:%d: fuzz check failed: %s\n", file, line, what);
    abort();
}

void fuzz_check_result(tls_result rc, const struct tls_error *err)
{
    if (rc == TLS_OK) {
        FUZZ_CHECK(err->code == TLS_OK && err->reason == NULL, "TLS_OK but an error was recorded");
        return;
    }
    FUZZ_CHECK(err->code == rc, "returned code differs from the recorded one");
    FUZZ_CHECK(err->reason != NULL, "failure without a reason");
    FUZZ_CHECK(strstr(err->reason, "RFC") != NULL, "failure reason names no RFC section");
    FUZZ_CHECK(TLS_IS_LOCAL_ALERT(rc), "a parser failure must be an alert we send");
}

void fuzz_check_reencoded(uint8_t msg_type, const uint8_t *body, size_t len, const uint8_t *encoded,
                          size_t encoded_len)
{
    FUZZ_CHECK(encoded_len == len + 4, "re-encoded message has a different length");
    FUZZ_CHECK(encoded[0] == msg_type, "re-encoded message has another msg_type");
    size_t hdr_len = ((size_t)encoded[1] << 16) | ((size_t)encoded[2] << 8) | encoded[3];
    FUZZ_CHECK(hdr_len == len, "re-encoded Handshake.length is wrong");
    FUZZ_CHECK(len == 0 || memcmp(encoded + 4, body, len) == 0, "re-encoded body differs");
}
