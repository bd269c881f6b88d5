/* testutil.c — hex parsing, vector files and byte comparisons for the tests (see testutil.h). */
#include "support/testutil.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int hex_value(int c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    c = tolower(c);
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    return -1;
}

size_t test_hex(const char *hex, uint8_t *out, size_t cap)
{
    size_t n = 0;
    int hi = -1;
    for (const char *p = hex; *p != '\0'; p++) {
        if (isspace((unsigned char)*p) || *p == ':') {
            continue;
        }
        int v = hex_value((unsigned char)*p);
        if (v < 0) {
            fail_msg("bad hex character '%c'", *p);
        }
        if (hi < 0) {
            hi = v;
            continue;
        }
        if (n >= cap) {
            fail_msg("hex longer than %zu bytes", cap);
        }
        out[n++] = (uint8_t)(hi << 4 | v);
        hi = -1;
    }
    if (hi >= 0) {
        fail_msg("odd number of hex digits");
    }
    return n;
}

uint8_t *test_read_vector_file(const char *relative_path, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/%s", TLS13_VECTORS_DIR, relative_path);
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fail_msg("cannot open %s", path);
    }
    size_t cap = 1 << 16, n = 0;
    uint8_t *buf = malloc(cap);
    for (;;) {
        if (n == cap) {
            cap *= 2;
            buf = realloc(buf, cap);
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        if (got == 0) {
            break;
        }
        n += got;
    }
    fclose(f);
    *len = n;
    return buf;
}

static void print_hex(const char *label, const uint8_t *p, size_t n)
{
    print_error("  %s (%zu bytes): ", label, n);
    for (size_t i = 0; i < n; i++) {
        print_error("%02x", p[i]);
    }
    print_error("\n");
}

void test_assert_bytes_equal(const uint8_t *got, size_t got_len, const uint8_t *want,
                             size_t want_len, const char *what, const char *file, int line)
{
    if (got_len == want_len && (got_len == 0 || memcmp(got, want, got_len) == 0)) {
        return;
    }
    print_error("%s:%d: mismatch: %s\n", file, line, what);
    print_hex("got ", got, got_len);
    print_hex("want", want, want_len);
    fail();
}

size_t test_stride(void)
{
    const char *v = getenv("TLS13_TEST_STRIDE");
    long n = v != NULL ? strtol(v, NULL, 10) : 1;
    return n > 1 ? (size_t)n : 1;
}
