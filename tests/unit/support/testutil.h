/*
 * testutil.h — shared helpers for the cmocka tests.
 *
 * Every comparison against a vector goes through assert_bytes_equal(), which prints both values
 * in hex and the vector's source when they differ, so a failure says what and where from.
 */
#ifndef TLS13_TESTUTIL_H
#define TLS13_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>

#include <cmocka.h>

/* Parses hex (whitespace and ':' ignored) into out; returns the byte count; fails the test on bad hex. */
size_t test_hex(const char *hex, uint8_t *out, size_t cap);

/* Reads a whole file below tests/vectors into a static-lifetime buffer the caller frees. */
uint8_t *test_read_vector_file(const char *relative_path, size_t *len);

void test_assert_bytes_equal(const uint8_t *got, size_t got_len, const uint8_t *want,
                             size_t want_len, const char *what, const char *file, int line);

/*
 * Exhaustive loops (every split position, every one-digit corruption) run every case, unless
 * the environment sets TLS13_TEST_STRIDE=N: then only every N-th. The valgrind pass of
 * scripts/test.sh sets it, since valgrind looks for memory errors, which a sample shows as well
 * as the whole; the sanitizer build always runs every case.
 */
size_t test_stride(void);

/* assert_bytes_equal(got, got_len, want, want_len, "RFC 8448 §3: server handshake key") */
#define assert_bytes_equal(got, got_len, want, want_len, what) \
    test_assert_bytes_equal((got), (got_len), (want), (want_len), (what), __FILE__, __LINE__)

#endif
