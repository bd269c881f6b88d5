/* record_vectors.c — picking RFC 8448 values out of the JSON files (see record_vectors.h).
 *
 * The JSON layout is fixed (tests/vectors/README.md): one object per entry with "step",
 * "label", "hex", "occurrence" and "line". A full JSON parser is not needed to read it: each
 * entry starts with its "index" key, and within one entry the fields are found by name. */
#include "support/record_vectors.h"

#include "support/testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* Copies the JSON string value of "key": "..." found in [obj, end) into out; 0 if absent. */
static int string_field(const char *obj, const char *end, const char *key, char *out, size_t cap)
{
    char pattern[64];
    snprintf(pattern, sizeof(pattern), "\"%s\": \"", key);
    const char *p = strstr(obj, pattern);
    if (p == NULL || p >= end) {
        return 0;
    }
    p += strlen(pattern);
    size_t n = 0;
    for (; p < end && *p != '"'; p++) {
        if (*p == '\\' && p + 1 < end) {
            p++; /* \" inside a step name: keep the quote */
        }
        if (n + 1 >= cap) {
            fail_msg("JSON field %s longer than %zu", key, cap);
        }
        out[n++] = *p;
    }
    out[n] = '\0';
    return 1;
}

static long number_field(const char *obj, const char *end, const char *key)
{
    char pattern[64];
    snprintf(pattern, sizeof(pattern), "\"%s\": ", key);
    const char *p = strstr(obj, pattern);
    if (p == NULL || p >= end) {
        return -1;
    }
    return strtol(p + strlen(pattern), NULL, 10);
}

void record_vector_load(const char *json, const char *step, const char *label,
                        unsigned occurrence, struct record_vector *v)
{
    size_t len;
    uint8_t *raw = test_read_vector_file(json, &len);
    char *text = malloc(len + 1);
    memcpy(text, raw, len);
    text[len] = '\0';
    free(raw);

    static char hex[2 * RECORD_VECTOR_MAX + 1];
    char got_step[200], got_label[100];
    for (const char *obj = strstr(text, "\"index\": "); obj != NULL;) {
        const char *next = strstr(obj + 1, "\"index\": ");
        const char *end = next != NULL ? next : text + len;
        if (string_field(obj, end, "step", got_step, sizeof(got_step)) &&
            string_field(obj, end, "label", got_label, sizeof(got_label)) &&
            strcmp(got_step, step) == 0 && strcmp(got_label, label) == 0 &&
            number_field(obj, end, "occurrence") == (long)occurrence) {
            assert_true(string_field(obj, end, "hex", hex, sizeof(hex)));
            v->len = test_hex(hex, v->bytes, sizeof(v->bytes));
            v->line = (unsigned)number_field(obj, end, "line");
            /* The section is in the file name: rfc8448/rfc8448-<section>-....json */
            const char *name = strrchr(json, '/');
            int section = name != NULL ? atoi(name + strlen("/rfc8448-")) : 0;
            snprintf(v->what, sizeof(v->what), "RFC 8448 §%d line %u: %s / %s", section, v->line,
                     step, label);
            free(text);
            return;
        }
        obj = next;
    }
    free(text);
    fail_msg("no entry '%s' / '%s' #%u in %s", step, label, occurrence, json);
}
