/*
 * fuzz_vectors.c — libFuzzer harness for `tls13 vectors`: the RFC 8448 text parser
 * (src/cli/trace_rfc8448.c) and, on whatever parses, the checking engine (vectors_check.c).
 *
 * Built by tests/fuzz/CMakeLists.txt like every harness here: as the ctest test fuzz_vectors
 * (seeds in corpus/vectors/: RFC 8448 §3's text) and, with -DTLS13_FUZZ=ON, as
 * fuzz_vectors_libfuzzer (scripts/fuzz.sh vectors). See tests/fuzz/README.md.
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
