/*
 * rfc8448.c — loads the RFC 8448 JSON vector files (see rfc8448.h).
 *
 * A minimal reader for exactly the JSON these files use (objects, arrays, strings with simple
 * escapes, numbers, null): it is test support, not a general JSON parser.
 */
#include "support/rfc8448.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/testutil.h"

struct json {
    const char *p;
    const char *end;
};

static void skip_ws(struct json *j)
{
    while (j->p < j->end && (*j->p == ' ' || *j->p == '\n' || *j->p == '\r' || *j->p == '\t')) {
        j->p++;
    }
}

static int expect(struct json *j, char c)
{
    skip_ws(j);
    if (j->p < j->end && *j->p == c) {
        j->p++;
        return 1;
    }
    return 0;
}

/* Reads a string into a new heap buffer (escapes: \" \\ \/ \n \t, \uXXXX kept as '?'). */
static char *read_string(struct json *j)
{
    skip_ws(j);
    if (j->p >= j->end || *j->p != '"') {
        fail_msg("rfc8448: expected a JSON string");
    }
    j->p++;
    size_t cap = 64, n = 0;
    char *s = malloc(cap);
    while (j->p < j->end && *j->p != '"') {
        char c = *j->p++;
        if (c == '\\' && j->p < j->end) {
            char e = *j->p++;
            c = e == 'n' ? '\n' : e == 't' ? '\t' : e;
            if (e == 'u') {
                j->p += 4;
                c = '?';
            }
        }
        if (n + 1 >= cap) {
            cap *= 2;
            s = realloc(s, cap);
        }
        s[n++] = c;
    }
    j->p++;
    s[n] = '\0';
    return s;
}

/* Skips any value (used for the fields this loader does not need). */
static void skip_value(struct json *j)
{
    skip_ws(j);
    if (j->p >= j->end) {
        return;
    }
    if (*j->p == '"') {
        free(read_string(j));
        return;
    }
    if (*j->p == '{' || *j->p == '[') {
        int depth = 0;
        int in_string = 0;
        for (; j->p < j->end; j->p++) {
            char c = *j->p;
            if (in_string) {
                if (c == '\\') {
                    j->p++;
                } else if (c == '"') {
                    in_string = 0;
                }
                continue;
            }
            if (c == '"') {
                in_string = 1;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (--depth == 0) {
                    j->p++;
                    return;
                }
            }
        }
        return;
    }
    while (j->p < j->end && *j->p != ',' && *j->p != '}' && *j->p != ']') {
        j->p++;
    }
}

static long read_number(struct json *j)
{
    skip_ws(j);
    char *endp;
    long v = strtol(j->p, &endp, 10);
    j->p = endp;
    return v;
}

static void read_entry(struct json *j, struct rfc8448_entry *e)
{
    char *hex = NULL;
    if (!expect(j, '{')) {
        fail_msg("rfc8448: expected an entry object");
    }
    while (!expect(j, '}')) {
        expect(j, ',');
        char *key = read_string(j);
        expect(j, ':');
        if (strcmp(key, "step") == 0) {
            e->step = read_string(j);
        } else if (strcmp(key, "label") == 0) {
            e->label = read_string(j);
        } else if (strcmp(key, "hex") == 0) {
            hex = read_string(j);
        } else if (strcmp(key, "occurrence") == 0) {
            e->occurrence = (int)read_number(j);
        } else if (strcmp(key, "line") == 0) {
            e->line = (int)read_number(j);
        } else {
            skip_value(j);
        }
        free(key);
    }
    size_t n = hex != NULL ? strlen(hex) / 2 : 0;
    e->bytes = malloc(n + 1);
    e->len = hex != NULL ? test_hex(hex, e->bytes, n + 1) : 0;
    free(hex);
}

struct rfc8448 *rfc8448_load(const char *file)
{
    char path[256];
    snprintf(path, sizeof(path), "rfc8448/%s", file);
    size_t len;
    uint8_t *text = test_read_vector_file(path, &len);
    struct json j = {(const char *)text, (const char *)text + len};
    struct rfc8448 *v = calloc(1, sizeof(*v));
    size_t cap = 0;
    expect(&j, '{');
    while (!expect(&j, '}') && j.p < j.end) {
        expect(&j, ',');
        char *key = read_string(&j);
        expect(&j, ':');
        if (strcmp(key, "section") == 0) {
            v->section = read_string(&j);
        } else if (strcmp(key, "entries") == 0) {
            expect(&j, '[');
            while (!expect(&j, ']')) {
                expect(&j, ',');
                if (v->count == cap) {
                    cap = cap ? cap * 2 : 128;
                    v->entries = realloc(v->entries, cap * sizeof(*v->entries));
                }
                memset(&v->entries[v->count], 0, sizeof(v->entries[0]));
                read_entry(&j, &v->entries[v->count++]);
            }
        } else {
            skip_value(&j);
        }
        free(key);
    }
    free(text);
    if (v->count == 0) {
        fail_msg("rfc8448: no entries in %s", file);
    }
    return v;
}

void rfc8448_free(struct rfc8448 *v)
{
    for (size_t i = 0; i < v->count; i++) {
        free(v->entries[i].step);
        free(v->entries[i].label);
        free(v->entries[i].bytes);
    }
    free(v->entries);
    free(v->section);
    free(v);
}

const struct rfc8448_entry *rfc8448_find(const struct rfc8448 *v, const char *step_part,
                                         const char *label, int occurrence)
{
    for (size_t i = 0; i < v->count; i++) {
        const struct rfc8448_entry *e = &v->entries[i];
        if (e->step != NULL && strstr(e->step, step_part) != NULL && e->label != NULL &&
            strcmp(e->label, label) == 0 && e->occurrence == occurrence) {
            return e;
        }
    }
    fail_msg("RFC 8448 §%s has no value '%s' / '%s' #%d", v->section, step_part, label, occurrence);
    return NULL;
}

const char *rfc8448_source(const struct rfc8448 *v, const struct rfc8448_entry *e)
{
    static char buf[512];
    snprintf(buf, sizeof(buf), "RFC 8448 §%s line %d: %s / %s", v->section, e->line, e->step,
             e->label);
    return buf;
}

const uint8_t *rfc8448_value(const struct rfc8448 *v, const char *step_part, const char *label,
                             int occurrence, size_t *len)
{
    const struct rfc8448_entry *e = rfc8448_find(v, step_part, label, occurrence);
    *len = e->len;
    return e->bytes;
}
