/* token_trace.c — see token_trace.h. */
#include "token_trace.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

void test_tokens_load(struct test_tokens *t, const char *relative_path)
{
    size_t len = 0;
    char *text = (char *)test_read_vector_file(relative_path, &len);
    text = realloc(text, len + 1);
    assert_non_null(text);
    text[len] = '\0';
    memset(t, 0, sizeof(*t));
    for (char *p = text; *p != '\0';) {
        char *nl = strchr(p, '\n');
        size_t n = nl != NULL ? (size_t)(nl - p) : strlen(p);
        if (n > 3 && (p[0] == 'C' || p[0] == 'S') && p[1] == ':') {
            assert_true(t->n < TEST_MAX_TOKENS);
            char save = p[n];
            p[n] = '\0';
            t->dir[t->n] = p[0];
            t->bytes[t->n] = malloc(n / 2);
            assert_non_null(t->bytes[t->n]);
            t->len[t->n] = test_hex(p + 2, t->bytes[t->n], n / 2);
            p[n] = save;
            t->n++;
        }
        p += n + (nl != NULL ? 1 : 0);
    }
    free(text);
}

void test_tokens_free(struct test_tokens *t)
{
    for (size_t i = 0; i < t->n; i++) {
        free(t->bytes[i]);
        t->bytes[i] = NULL;
    }
    t->n = 0;
}

char *test_tokens_text(const struct test_tokens *t, const size_t *order, size_t n, size_t cut_token,
                       size_t cut_len, size_t flip_token, size_t flip_bit)
{
    size_t cap = 64;
    for (size_t i = 0; i < n; i++) {
        cap += 4 + 2 * t->len[order != NULL ? order[i] : i];
    }
    char *out = malloc(cap);
    assert_non_null(out);
    size_t used = 0;
    for (size_t i = 0; i < n; i++) {
        size_t k = order != NULL ? order[i] : i;
        size_t len = k == cut_token && cut_len < t->len[k] ? cut_len : t->len[k];
        if (len == 0) {
            continue; /* a token has at least one byte */
        }
        used += (size_t)snprintf(out + used, cap - used, "%c: ", t->dir[k]);
        for (size_t j = 0; j < len; j++) {
            uint8_t b = t->bytes[k][j];
            if (k == flip_token && j == flip_bit / 8) {
                b ^= (uint8_t)(1u << (flip_bit % 8));
            }
            used += (size_t)snprintf(out + used, cap - used, "%02x", b);
        }
        out[used++] = '\n';
    }
    out[used] = '\0';
    return out;
}
