/*
 * token_trace.h — a token trace (tests/vectors/traces: "C: hex" / "S: hex", one token a line)
 * loaded into memory, and written back as text with one token cut or one bit flipped: how the
 * decoder tests feed every truncation and corruption of a stored handshake.
 */
#ifndef TLS13_TEST_TOKEN_TRACE_H
#define TLS13_TEST_TOKEN_TRACE_H

#include <stddef.h>
#include <stdint.h>

#define TEST_MAX_TOKENS 64u

struct test_tokens {
    size_t n;
    char dir[TEST_MAX_TOKENS];         /* 'C' or 'S' */
    uint8_t *bytes[TEST_MAX_TOKENS];   /* owned: test_tokens_free() */
    size_t len[TEST_MAX_TOKENS];
};

/* Reads the trace below tests/vectors; fails the test on a bad line or too many tokens. */
void test_tokens_load(struct test_tokens *t, const char *relative_path);
void test_tokens_free(struct test_tokens *t);

/*
 * The trace text of tokens order[0..n) (order NULL: the first n in order), with token cut_token
 * cut to cut_len bytes and bit flip_bit (bit 0 = the first byte's least significant) of token
 * flip_token flipped; SIZE_MAX for either: none. A token cut to 0 bytes is left out. The caller
 * frees the text.
 */
char *test_tokens_text(const struct test_tokens *t, const size_t *order, size_t n, size_t cut_token,
                       size_t cut_len, size_t flip_token, size_t flip_bit);

#endif
