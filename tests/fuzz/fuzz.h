/*
 * fuzz.h — what every fuzz harness in tests/fuzz shares.
 *
 * Each harness is one file defining the libFuzzer entry point
 *
 *     int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
 *
 * which must accept ANY bytes: a parser may refuse them (that is what parsers are for), but it
 * must not read outside them, write outside its own buffers, overflow an integer or hang. The
 * sanitizers catch the memory and undefined-behaviour faults; the checks below are the "oracles"
 * that catch a wrong answer that does not crash: a failure without an alert and an RFC reason,
 * or a message that does not re-encode to the bytes it was parsed from.
 *
 * The same harness is linked either with libFuzzer (clang, -DTLS13_FUZZ=ON) or with
 * standalone_main.c, which replays its seed corpus and a fixed set of mutations on every test run.
 */
#ifndef TLS13_TESTS_FUZZ_FUZZ_H
#define TLS13_TESTS_FUZZ_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "common/error.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Prints what broke and aborts: libFuzzer and the standalone driver both report an abort as a crash. */
_Noreturn void fuzz_fail(const char *file, int line, const char *what);

#define FUZZ_CHECK(cond, what)                      \
    do {                                            \
        if (!(cond)) {                              \
            fuzz_fail(__FILE__, __LINE__, (what));  \
        }                                           \
    } while (0)

/*
 * The error contract of every parser (common/error.h): TLS_OK leaves err untouched; a failure
 * returns the code it recorded in err, with a constant reason, and a local alert (a parser never
 * claims the peer sent an alert).
 */
void fuzz_check_result(tls_result rc, const struct tls_error *err);

/*
 * Round trip (STYLE.md, rustls): encoding what was parsed must give back the bytes it came from.
 * encoded/encoded_len is an encoder's output (a whole message, 4-byte header included); body/len
 * is the body that was parsed.
 */
void fuzz_check_reencoded(uint8_t msg_type, const uint8_t *body, size_t len, const uint8_t *encoded,
                          size_t encoded_len);

#endif
