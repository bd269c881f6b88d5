/*
 * fuzz_client_hello.c — ClientHello parser (RFC 8446 §4.1.2), used by the decoder on captured
 * client bytes, and Truncate(ClientHello) for PSK binders (§4.2.11.2).
 * Input: a message body. Oracles: the error contract; a pre_shared_key, when accepted, is the
 * last extension (§4.2.11), and the truncated length lies inside the message.
 */
#include <stdlib.h>
#include <string.h>

#include "common/names.h"
#include "fuzz.h"
#include "handshake/client_hello.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct tls_error err = {0};
    struct tls_client_hello ch;
    tls_result rc = tls_client_hello_parse(data, size, &ch, &err);
    fuzz_check_result(rc, &err);
    if (rc != TLS_OK) {
        return 0;
    }
    for (size_t i = 0; i + 1 < ch.extensions.count; i++) {
        FUZZ_CHECK(ch.extensions.list[i].extension_type != TLS_EXT_pre_shared_key,
                   "§4.2.11: pre_shared_key accepted before the last extension");
    }
    /* The whole message (header + body), as tls_client_hello_truncated_len() wants it. */
    if (size > 0xffffff) {
        return 0;
    }
    uint8_t *msg = malloc(size + 4);
    FUZZ_CHECK(msg != NULL, "out of memory");
    msg[0] = TLS_HT_client_hello;
    msg[1] = (uint8_t)(size >> 16);
    msg[2] = (uint8_t)(size >> 8);
    msg[3] = (uint8_t)size;
    memcpy(msg + 4, data, size);
    struct tls_error trunc_err = {0};
    size_t truncated_len = 0;
    rc = tls_client_hello_truncated_len(msg, size + 4, &truncated_len, &trunc_err);
    fuzz_check_result(rc, &trunc_err);
    if (rc == TLS_OK) {
        FUZZ_CHECK(truncated_len > 4 && truncated_len < size + 4,
                   "§4.2.11.2: Truncate(ClientHello) outside the message");
    }
    free(msg);
    return 0;
}
