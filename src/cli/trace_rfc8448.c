/*
 * trace_rfc8448.c — parser of RFC 8448's text format (see trace_rfc8448.h for the format).
 *
 * Implementation notes
 * --------------------
 * The input is first cut into lines; the parser then walks them once, deciding by indentation:
 *
 *   column 0       a section title ("3.  Simple 1-RTT Handshake") or page furniture, skipped
 *   indent 1..5    a step heading "{client}  ..." / "{server}  ...", a §2-style value outside any
 *                  step ("modulus (public):  b4 bb ..."), or prose (which ends the current step)
 *   indent 6+      inside a step: a value "label (N octets):  hex"; outside: prose, skipped
 *
 * A value with a declared octet count is read until that many octets are collected, skipping
 * blank lines and page breaks in between; one without a count (§2) ends at the first line that
 * is not hex. Both ways, a count that does not match what is written is an error, because a
 * checker that silently read a different value would report nonsense.
 */
#include "cli/trace_rfc8448.h"

#include "common/hex.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct line {
    const char *p;
    size_t len;
};

struct parser {
    const struct line *lines;
    size_t count;
    size_t i;                 /* index of the line being looked at */
    struct trace *t;
    struct trace_parse_error *err;
    size_t step;              /* index of the current step, or SIZE_MAX outside a step */
};

#define NO_STEP ((size_t)-1)

static bool fail(struct parser *ps, size_t line_index, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ps->err->message, sizeof(ps->err->message), fmt, ap);
    va_end(ap);
    ps->err->line = (unsigned)(line_index + 1);
    return false;
}

/* Makes room for need elements of size elem in *arr (capacity *cap), doubling. */
static bool grow(void **arr, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap) {
        return true;
    }
    size_t n = *cap ? *cap : 16;
    while (n < need) {
        n *= 2;
    }
    void *p = realloc(*arr, n * elem);
    if (p == NULL) {
        return false;
    }
    *arr = p;
    *cap = n;
    return true;
}

static size_t indent_of(const struct line *l)
{
    size_t n = 0;
    while (n < l->len && l->p[n] == ' ') {
        n++;
    }
    return n;
}

static bool is_blank(const struct line *l)
{
    for (size_t k = 0; k < l->len; k++) {
        if (l->p[k] != ' ' && l->p[k] != '\t' && l->p[k] != '\f') {
            return false;
        }
    }
    return true;
}

/* True when p[0..n) is one or more space-separated two-digit hex octets. */
static bool is_hex_run(const char *p, size_t n)
{
    size_t k = 0, octets = 0;
    while (k < n) {
        if (p[k] == ' ') {
            k++;
            continue;
        }
        if (k + 1 >= n || tls_hex_value(p[k]) < 0 || tls_hex_value(p[k + 1]) < 0 ||
            (k + 2 < n && p[k + 2] != ' ')) {
            return false;
        }
        k += 2;
        octets++;
    }
    return octets > 0;
}

/* Appends the octets of the hex run p[0..n) to the trace; every token must be two hex digits. */
static bool append_hex(struct parser *ps, size_t li, const char *p, size_t n, const char *label)
{
    struct trace *t = ps->t;
    size_t k = 0;
    while (k < n) {
        if (p[k] == ' ') {
            k++;
            continue;
        }
        size_t start = k;
        while (k < n && p[k] != ' ') {
            k++;
        }
        if (k - start != 2 || tls_hex_value(p[start]) < 0 || tls_hex_value(p[start + 1]) < 0) {
            return fail(ps, li, "'%s': \"%.*s\" is not a two-digit hex octet", label,
                        (int)(k - start > 16 ? 16 : k - start), p + start);
        }
        if (t->octet_len >= TRACE_MAX_OCTETS ||
            !grow((void **)&t->octets, &t->octet_cap, t->octet_len + 1, 1)) {
            return fail(ps, li, "too many octets (limit %u)", TRACE_MAX_OCTETS);
        }
        t->octets[t->octet_len++] = (uint8_t)(tls_hex_value(p[start]) * 16 + tls_hex_value(p[start + 1]));
    }
    return true;
}

/* "3.  Simple 1-RTT Handshake": digits, a dot, a space, a title. 1 if one, 0 if not, -1 error. */
static int parse_section_title(struct parser *ps, const struct line *l)
{
    size_t k = 0;
    while (k < l->len && k < 4 && l->p[k] >= '0' && l->p[k] <= '9') {
        k++;
    }
    if (k == 0 || k >= l->len || l->p[k] != '.' || k + 1 >= l->len || l->p[k + 1] != ' ') {
        return 0;
    }
    struct trace *t = ps->t;
    if (!grow((void **)&t->sections, &t->section_cap, t->section_count + 1, sizeof(*t->sections))) {
        (void)fail(ps, ps->i, "out of memory");
        return -1;
    }
    struct trace_section *s = &t->sections[t->section_count++];
    memset(s, 0, sizeof(*s));
    snprintf(s->number, sizeof(s->number), "%.*s", (int)k, l->p);
    size_t title = k + 1;
    while (title < l->len && l->p[title] == ' ') {
        title++;
    }
    snprintf(s->title, sizeof(s->title), "%.*s", (int)(l->len - title), l->p + title);
    s->line = (unsigned)(ps->i + 1);
    s->first_step = t->step_count;
    ps->step = NO_STEP;
    return 1;
}

/* Steps before any numbered title (a trace from another stack) go into an unnamed section. */
static bool ensure_section(struct parser *ps)
{
    struct trace *t = ps->t;
    if (t->section_count > 0) {
        return true;
    }
    if (!grow((void **)&t->sections, &t->section_cap, 1, sizeof(*t->sections))) {
        return fail(ps, ps->i, "out of memory");
    }
    memset(&t->sections[0], 0, sizeof(t->sections[0]));
    t->sections[0].line = (unsigned)(ps->i + 1);
    t->section_count = 1;
    return true;
}

static bool new_step(struct parser *ps, enum trace_side side, const char *heading)
{
    struct trace *t = ps->t;
    if (!ensure_section(ps)) {
        return false;
    }
    if (!grow((void **)&t->steps, &t->step_cap, t->step_count + 1, sizeof(*t->steps))) {
        return fail(ps, ps->i, "out of memory");
    }
    struct trace_step *st = &t->steps[t->step_count];
    memset(st, 0, sizeof(*st));
    st->side = side;
    snprintf(st->heading, sizeof(st->heading), "%s", heading);
    st->line = (unsigned)(ps->i + 1);
    st->section = t->section_count - 1;
    st->first_value = t->value_count;
    ps->step = t->step_count++;
    t->sections[st->section].step_count++;
    return true;
}

/* Net count of '(' over ')' in p[0..n), to see whether a heading continues on the next line. */
static int paren_depth(const char *p, size_t n)
{
    int depth = 0;
    for (size_t k = 0; k < n; k++) {
        depth += (p[k] == '(') - (p[k] == ')');
    }
    return depth;
}

/*
 * "{server}  derive read traffic keys for application data (same as\n      client ...)":
 * the heading text after the side, wrapped lines joined with one space, final ':' removed.
 */
static bool parse_heading(struct parser *ps, enum trace_side side, const char *p, size_t n)
{
    char heading[TRACE_HEADING_CAP];
    size_t used = 0, first_line = ps->i;
    int depth = 0;
    for (int wraps = 0;; wraps++) {
        while (n > 0 && p[0] == ' ') {
            p++;
            n--;
        }
        if (used + n + 2 > sizeof(heading)) {
            return fail(ps, ps->i, "step heading longer than %zu characters", sizeof(heading) - 2);
        }
        if (used > 0) {
            heading[used++] = ' ';
        }
        memcpy(heading + used, p, n);
        used += n;
        depth += paren_depth(p, n);
        /* An open parenthesis continues on the next line when that line is more indented. */
        if (depth <= 0 || wraps == 3 || ps->i + 1 >= ps->count || is_blank(&ps->lines[ps->i + 1]) ||
            indent_of(&ps->lines[ps->i + 1]) < 4) {
            break;
        }
        ps->i++;
        p = ps->lines[ps->i].p;
        n = ps->lines[ps->i].len;
    }
    while (used > 0 && (heading[used - 1] == ':' || heading[used - 1] == ' ')) {
        used--;
    }
    heading[used] = '\0';
    if (!new_step(ps, side, heading)) {
        return false;
    }
    ps->t->steps[ps->step].line = (unsigned)(first_line + 1); /* where the heading starts */
    return true;
}

/* "label (N octets)" -> label and N; "label" -> label and no count. */
static bool split_label(const char *p, size_t n, char *label, bool *counted, size_t *count)
{
    *counted = false;
    size_t end = n;
    const char *suffixes[] = {" octets)", " octet)"};
    for (size_t s = 0; s < 2; s++) {
        size_t sl = strlen(suffixes[s]);
        if (n <= sl || memcmp(p + n - sl, suffixes[s], sl) != 0) {
            continue;
        }
        size_t k = n - sl, digits_end = k;
        while (k > 0 && p[k - 1] >= '0' && p[k - 1] <= '9' && digits_end - k < 9) {
            k--;
        }
        if (k == digits_end || k < 2 || p[k - 1] != '(' || p[k - 2] != ' ') {
            continue;
        }
        *count = 0;
        for (size_t d = k; d < digits_end; d++) {
            *count = *count * 10 + (size_t)(p[d] - '0');
        }
        *counted = true;
        end = k - 2;
        break;
    }
    if (end == 0 || end >= TRACE_LABEL_CAP) {
        return false;
    }
    for (size_t k = 0; k < end; k++) {
        char c = p[k];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == ' ' || c == '-' || c == '_' || c == '(' || c == ')' || c == '.';
        if (!ok) {
            return false;
        }
    }
    memcpy(label, p, end);
    label[end] = '\0';
    return true;
}

/* Where "label...:  content" splits: the index of the ':' followed by a space, or n. */
static size_t find_colon(const char *p, size_t n)
{
    for (size_t k = 0; k + 1 < n; k++) {
        if (p[k] == ':' && p[k + 1] == ' ') {
            return k;
        }
    }
    return n;
}

/* Reads the continuation lines of a value until it holds want octets (counted form). */
static bool read_counted_rest(struct parser *ps, struct trace_value *v, size_t want)
{
    size_t label_line = ps->i;
    while (ps->t->octet_len - v->offset < want) {
        size_t next = ps->i + 1;
        /* blank lines and page furniture (column 0) may sit inside a value */
        while (next < ps->count && (is_blank(&ps->lines[next]) || ps->lines[next].p[0] != ' ')) {
            next++;
        }
        const struct line *l = next < ps->count ? &ps->lines[next] : NULL;
        size_t ind = l ? indent_of(l) : 0;
        if (l == NULL || ind < 6 || !is_hex_run(l->p + ind, l->len - ind)) {
            return fail(ps, label_line, "'%s' declares %zu octets but %zu are given", v->label,
                        want, ps->t->octet_len - v->offset);
        }
        ps->i = next;
        if (!append_hex(ps, next, l->p + ind, l->len - ind, v->label)) {
            return false;
        }
    }
    if (ps->t->octet_len - v->offset > want) {
        return fail(ps, ps->i, "'%s' declares %zu octets but %zu are given", v->label, want,
                    ps->t->octet_len - v->offset);
    }
    return true;
}

/* Reads the continuation lines of a value without a count: more-indented hex lines. */
static bool read_uncounted_rest(struct parser *ps, struct trace_value *v, size_t label_indent)
{
    while (ps->i + 1 < ps->count) {
        const struct line *l = &ps->lines[ps->i + 1];
        size_t ind = indent_of(l);
        if (ind <= label_indent || !is_hex_run(l->p + ind, l->len - ind)) {
            return true;
        }
        ps->i++;
        if (!append_hex(ps, ps->i, l->p + ind, l->len - ind, v->label)) {
            return false;
        }
    }
    return true;
}

/*
 * The content of a value line c[0..cn): "(empty)", "0 (all zero octets)" or hex octets, the
 * latter continued on the next lines. count: the declared octet count, or NULL if none.
 */
static bool read_content(struct parser *ps, struct trace_value *v, const char *c, size_t cn,
                         const size_t *count, size_t label_indent)
{
    if (cn == 7 && memcmp(c, "(empty)", 7) == 0) {
        v->form = TRACE_VALUE_EMPTY;
        if (count != NULL && *count != 0) {
            return fail(ps, ps->i, "'%s' declares %zu octets but is (empty)", v->label, *count);
        }
        return true;
    }
    if (cn == 19 && memcmp(c, "0 (all zero octets)", 19) == 0) {
        v->form = TRACE_VALUE_ZERO_SALT;
        return true;
    }
    if (cn == 0 && count != NULL && *count == 0) {
        v->form = TRACE_VALUE_EMPTY;
        return true;
    }
    if (cn == 0) {
        return fail(ps, ps->i, "'%s' has no value", v->label);
    }
    /* hex octets; append_hex names the first token that is not one */
    v->form = TRACE_VALUE_HEX;
    if (!append_hex(ps, ps->i, c, cn, v->label)) {
        return false;
    }
    if (!is_hex_run(c, cn)) {
        return fail(ps, ps->i, "'%s' is not in hex", v->label);
    }
    return count != NULL ? read_counted_rest(ps, v, *count) : read_uncounted_rest(ps, v, label_indent);
}

/*
 * Tries to read line ps->i as a value "label (N octets):  content". Returns 1 if it was one
 * (and stored it), 0 if the line is not a value line, -1 on an error (err set).
 * hex_only: accept only hex content (for §2-style values outside steps, told apart from prose).
 */
static int parse_value(struct parser *ps, bool hex_only)
{
    const struct line *l = &ps->lines[ps->i];
    size_t ind = indent_of(l);
    const char *p = l->p + ind;
    size_t n = l->len - ind;
    size_t colon = find_colon(p, n);
    struct trace_value v;
    memset(&v, 0, sizeof(v));
    bool counted;
    size_t count = 0;
    if (colon == n || !split_label(p, colon, v.label, &counted, &count)) {
        return 0;
    }
    const char *c = p + colon + 1;
    size_t cn = n - colon - 1;
    while (cn > 0 && c[0] == ' ') {
        c++;
        cn--;
    }
    while (cn > 0 && c[cn - 1] == ' ') {
        cn--;
    }
    if (hex_only && !is_hex_run(c, cn)) {
        return 0;
    }
    struct trace *t = ps->t;
    if (t->value_count >= TRACE_MAX_VALUES ||
        !grow((void **)&t->values, &t->value_cap, t->value_count + 1, sizeof(*t->values))) {
        (void)fail(ps, ps->i, "too many values (limit %d)", TRACE_MAX_VALUES);
        return -1;
    }
    v.offset = t->octet_len;
    v.line = (unsigned)(ps->i + 1);
    if (!read_content(ps, &v, c, cn, counted ? &count : NULL, ind)) {
        return -1;
    }
    v.len = t->octet_len - v.offset;
    t->values[t->value_count++] = v;
    t->steps[ps->step].value_count++;
    return 1;
}

/* A §2-style value outside a step is kept in a side-less step of its own section. */
static int parse_loose_value(struct parser *ps)
{
    size_t saved_step = ps->step;
    struct trace *t = ps->t;
    bool need_step = ps->step == NO_STEP || t->steps[ps->step].side != TRACE_SIDE_NONE ||
                     t->section_count == 0 || t->steps[ps->step].section != t->section_count - 1;
    if (need_step) {
        /* Only create the step once we know the line is a value. */
        const struct line *l = &ps->lines[ps->i];
        size_t ind = indent_of(l);
        size_t colon = find_colon(l->p + ind, l->len - ind);
        char label[TRACE_LABEL_CAP];
        bool counted;
        size_t count;
        if (colon == l->len - ind || !split_label(l->p + ind, colon, label, &counted, &count)) {
            return 0;
        }
        size_t c = ind + colon + 1;
        while (c < l->len && l->p[c] == ' ') {
            c++;
        }
        if (!is_hex_run(l->p + c, l->len - c)) {
            return 0;
        }
        if (!new_step(ps, TRACE_SIDE_NONE, "")) {
            return -1;
        }
    }
    int rc = parse_value(ps, true);
    if (rc == 0) {
        ps->step = saved_step;
    }
    return rc;
}

/* One line at indent 1..5: a step heading, a loose value, or prose. */
static bool parse_shallow_line(struct parser *ps, const struct line *l, size_t ind)
{
    const char *p = l->p + ind;
    size_t n = l->len - ind;
    if (n >= 8 && (memcmp(p, "{client}", 8) == 0 || memcmp(p, "{server}", 8) == 0)) {
        enum trace_side side = p[1] == 'c' ? TRACE_SIDE_CLIENT : TRACE_SIDE_SERVER;
        return parse_heading(ps, side, p + 8, n - 8);
    }
    int rc = parse_loose_value(ps);
    if (rc < 0) {
        return false;
    }
    if (rc == 0) {
        ps->step = NO_STEP; /* prose ends a step */
    }
    return true;
}

static bool parse_lines(struct parser *ps)
{
    for (ps->i = 0; ps->i < ps->count; ps->i++) {
        const struct line *l = &ps->lines[ps->i];
        if (is_blank(l)) {
            continue;
        }
        if (l->p[0] != ' ') {
            /* column 0: a section title, or a page header/footer ("RFC 8448 ... January 2019") */
            if (parse_section_title(ps, l) < 0) {
                return false;
            }
            continue;
        }
        size_t ind = indent_of(l);
        if (ind < 6) {
            if (!parse_shallow_line(ps, l, ind)) {
                return false;
            }
            continue;
        }
        if (ps->step == NO_STEP) {
            continue; /* indented prose between steps */
        }
        int rc = parse_value(ps, false);
        if (rc < 0) {
            return false;
        }
        if (rc == 0) {
            /* the line is a view into the input, not NUL-terminated: quote at most 40 bytes */
            size_t shown = l->len - ind < 40 ? l->len - ind : 40;
            return fail(ps, ps->i, "expected a value such as 'label (N octets):  01 02 ...' in "
                        "step \"%.60s\", found \"%.*s\"", ps->t->steps[ps->step].heading,
                        (int)shown, l->p + ind);
        }
    }
    return true;
}

bool trace_parse(const char *text, size_t len, struct trace *out, struct trace_parse_error *err)
{
    memset(out, 0, sizeof(*out));
    memset(err, 0, sizeof(*err));
    /* Cut the text into lines ('\n', with a '\r' before it dropped). */
    size_t count = 1;
    for (size_t k = 0; k < len; k++) {
        count += text[k] == '\n';
    }
    struct line *lines = calloc(count, sizeof(*lines));
    if (lines == NULL) {
        snprintf(err->message, sizeof(err->message), "out of memory");
        return false;
    }
    size_t n = 0, start = 0;
    for (size_t k = 0; k <= len; k++) {
        if (k == len || text[k] == '\n') {
            size_t end = k;
            if (end > start && text[end - 1] == '\r') {
                end--;
            }
            lines[n].p = text + start;
            lines[n].len = end - start;
            n++;
            start = k + 1;
        }
    }
    struct parser ps = {lines, n, 0, out, err, NO_STEP};
    bool ok = parse_lines(&ps);
    free(lines);
    if (!ok) {
        trace_free(out);
        return false;
    }
    return true;
}

void trace_free(struct trace *t)
{
    free(t->sections);
    free(t->steps);
    free(t->values);
    free(t->octets);
    memset(t, 0, sizeof(*t));
}

const uint8_t *trace_value_bytes(const struct trace *t, const struct trace_value *v)
{
    /* A trace whose values are all empty ("(empty)", "0 (all zero octets)") never allocates
     * octets, and NULL + 0 is undefined behaviour (C11 §6.5.6p8: pointer arithmetic needs an
     * array object). Such a value has no bytes to read: hand out a valid empty view instead. */
    static const uint8_t no_octets[1];
    if (t->octets == NULL) {
        return no_octets;
    }
    return t->octets + v->offset;
}

const char *trace_side_name(enum trace_side side)
{
    switch (side) {
    case TRACE_SIDE_CLIENT:
        return "client";
    case TRACE_SIDE_SERVER:
        return "server";
    case TRACE_SIDE_NONE:
    default:
        return "";
    }
}
