/* crypto_rfc8448_text.c — values read from the RFC 8448 text (see crypto_rfc8448_text.h). */
#include "support/crypto_rfc8448_text.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/testutil.h"

/* The text, loaded once per test program. */
static const char *rfc_text(size_t *len)
{
    static uint8_t *text;
    static size_t text_len;
    if (text == NULL) {
        text = test_read_vector_file("rfc/rfc8448.txt", &text_len);
    }
    *len = text_len;
    return (const char *)text;
}

/* Page furniture that may interrupt a value: blank lines, footers, headers, form feeds. */
static bool is_page_break_line(const char *p, size_t n)
{
    bool blank = true;
    for (size_t i = 0; i < n; i++) {
        if (!isspace((unsigned char)p[i])) {
            blank = false;
        }
    }
    if (blank || memchr(p, '\f', n) != NULL) {
        return true;
    }
    char buf[128];
    size_t m = n < sizeof(buf) - 1 ? n : sizeof(buf) - 1;
    memcpy(buf, p, m);
    buf[m] = '\0';
    return strstr(buf, "[Page ") != NULL || strncmp(buf, "RFC 8448", 8) == 0;
}

/* Appends the hex pairs of one line to out; false if the line holds anything else. */
static bool take_hex_line(const char *p, size_t n, uint8_t *out, size_t *got, size_t want)
{
    size_t i = 0;
    while (i < n) {
        if (isspace((unsigned char)p[i])) {
            i++;
            continue;
        }
        if (i + 1 >= n || !isxdigit((unsigned char)p[i]) || !isxdigit((unsigned char)p[i + 1]) ||
            (i + 2 < n && !isspace((unsigned char)p[i + 2])) || *got >= want) {
            return false;
        }
        char pair[3] = {p[i], p[i + 1], '\0'};
        out[(*got)++] = (uint8_t)strtoul(pair, NULL, 16);
        i += 2;
    }
    return true;
}

size_t rfc8448_text_value(int line, uint8_t *out, size_t cap)
{
    size_t len;
    const char *text = rfc_text(&len);
    const char *p = text, *end = text + len;
    for (int l = 1; l < line && p < end; l++) { /* find the start of the line */
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        p = nl != NULL ? nl + 1 : end;
    }
    const char *eol = memchr(p, '\n', (size_t)(end - p));
    eol = eol != NULL ? eol : end;
    char head[200];
    size_t hl = (size_t)(eol - p) < sizeof(head) - 1 ? (size_t)(eol - p) : sizeof(head) - 1;
    memcpy(head, p, hl);
    head[hl] = '\0';
    const char *lab = strstr(head, " octets):");
    const char *open = lab != NULL ? strrchr(head, '(') : NULL;
    if (lab == NULL || open == NULL) {
        fail_msg("rfc8448.txt line %d has no \"(N octets):\" label", line);
    }
    size_t want = strtoul(open + 1, NULL, 10);
    if (want > cap) {
        fail_msg("rfc8448.txt line %d: %zu octets do not fit in %zu", line, want, cap);
    }
    size_t got = 0;
    const char *first = p + (lab - head) + strlen(" octets):");
    if (!take_hex_line(first, (size_t)(eol - first), out, &got, want)) {
        fail_msg("rfc8448.txt line %d: bad hex after the label", line);
    }
    int l = line;
    while (got < want && eol < end) {
        p = eol + 1;
        l++;
        eol = memchr(p, '\n', (size_t)(end - p));
        eol = eol != NULL ? eol : end;
        if (is_page_break_line(p, (size_t)(eol - p))) {
            continue;
        }
        if (!take_hex_line(p, (size_t)(eol - p), out, &got, want)) {
            fail_msg("rfc8448.txt line %d: value of line %d ends after %zu of %zu octets", l, line,
                     got, want);
        }
    }
    if (got != want) {
        fail_msg("rfc8448.txt line %d: %zu of %zu octets", line, got, want);
    }
    return got;
}
