/*
 * fuzz_tls_start.c — where TLS starts in a captured stream (src/decoder/stream.h,
 * tls_find_tls_start: HTTP CONNECT, RDP TPKT and STARTTLS prefixes, or a scan for a plausible
 * record).
 *
 * Input: the first bytes of one direction. Oracles: a found offset lies inside the input and a
 * plausible record header (RFC 8446 §5.1) starts there, whatever prefix was skipped.
 */
#include "decoder/stream.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct tls_start start;
    tls_find_tls_start(data, size, &start);
    if (start.status != TLS_START_FOUND) {
        return 0;
    }
    FUZZ_CHECK(start.offset < size, "TLS start beyond the input");
    FUZZ_CHECK(tls_plausible_record_header(data + start.offset, size - start.offset),
               "TLS start is not a plausible record header");
    if (start.prefix == TLS_PREFIX_NONE) {
        FUZZ_CHECK(start.offset == 0, "no prefix but TLS does not start at 0");
    }
    return 0;
}
