/*
 * fuzz_trace_rfc8448.c — the parser of RFC 8448's text format (src/cli/trace_rfc8448.h), the
 * first input of `tls13 vectors`. Parsing only; fuzz_vectors.c adds the checking engine.
 *
 * Input: trace text (need not be NUL-terminated). Oracles (trace_rfc8448.h): on failure, a
 * terminated message and a line inside the input (or 0); on success, every section, step and
 * value index and every value's octets lie inside the arrays, labels and headings are
 * terminated strings, lines never go backwards, and every value's bytes are readable.
 */
#include <string.h>

#include "cli/trace_rfc8448.h"
#include "fuzz.h"

static volatile uint8_t sink;

static unsigned count_lines(const uint8_t *data, size_t size)
{
    unsigned lines = 1;
    for (size_t i = 0; i < size; i++) {
        lines += data[i] == '\n';
    }
    return lines;
}

static void check_trace(const struct trace *t)
{
    for (size_t s = 0; s < t->section_count; s++) {
        const struct trace_section *sec = &t->sections[s];
        FUZZ_CHECK(sec->first_step + sec->step_count <= t->step_count, "section steps out of range");
        FUZZ_CHECK(memchr(sec->number, '\0', sizeof(sec->number)) != NULL &&
                       memchr(sec->title, '\0', sizeof(sec->title)) != NULL,
                   "section number or title not terminated");
    }
    unsigned last_line = 0;
    for (size_t i = 0; i < t->step_count; i++) {
        const struct trace_step *st = &t->steps[i];
        FUZZ_CHECK(st->first_value + st->value_count <= t->value_count, "step values out of range");
        FUZZ_CHECK(t->section_count == 0 || st->section < t->section_count, "step in no section");
        FUZZ_CHECK(memchr(st->heading, '\0', sizeof(st->heading)) != NULL, "heading not terminated");
        FUZZ_CHECK(st->line >= last_line, "steps out of line order");
        last_line = st->line;
    }
    for (size_t i = 0; i < t->value_count; i++) {
        const struct trace_value *v = &t->values[i];
        FUZZ_CHECK(memchr(v->label, '\0', sizeof(v->label)) != NULL, "label not terminated");
        FUZZ_CHECK(v->offset <= t->octet_len && v->len <= t->octet_len - v->offset,
                   "value octets outside the trace");
        if (v->len > 0) {
            const uint8_t *b = trace_value_bytes(t, v);
            sink = (uint8_t)(b[0] ^ b[v->len - 1]);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct trace t;
    struct trace_parse_error err;
    memset(&err, 0, sizeof(err));
    if (!trace_parse((const char *)data, size, &t, &err)) {
        FUZZ_CHECK(memchr(err.message, '\0', sizeof(err.message)) != NULL, "message not terminated");
        FUZZ_CHECK(err.line <= count_lines(data, size), "error names a line past the end");
        return 0;
    }
    check_trace(&t);
    trace_free(&t);
    return 0;
}
