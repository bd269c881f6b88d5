/*
 * fuzz_vectors.c — libFuzzer harness for `tls13 vectors`: the RFC 8448 text parser
 * (src/cli/trace_rfc8448.c) and, on whatever parses, the checking engine (vectors_check.c).
 *
 * Build and run by hand (not part of ctest; the seed is the RFC itself):
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Isrc tests/fuzz/fuzz_vectors.c \
 *       src/cli/trace_rfc8448.c src/cli/vectors_*.c build/test-clang/libtls13_crypto.a \
 *       build/test-clang/libtls13_common.a -lmbedcrypto -lmbedx509 -lmbedtls -o /tmp/fuzz_vectors
 *   mkdir -p /tmp/corpus && cp tests/vectors/rfc/rfc8448.txt /tmp/corpus/
 *   /tmp/fuzz_vectors -max_len=300000 /tmp/corpus
 */
#include <stddef.h>
#include <stdint.h>

#include "cli/trace_rfc8448.h"
#include "cli/vectors_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct trace t;
    struct trace_parse_error err;
    if (!trace_parse((const char *)data, size, &t, &err)) {
        return 0;
    }
    struct vc_summary sum;
    (void)vc_check_trace(&t, NULL, NULL, &sum);
    trace_free(&t);
    return 0;
}
