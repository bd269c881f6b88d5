/*
 * test_trace_rfc8448.c — the parser of RFC 8448's text format (src/cli/trace_rfc8448.c).
 *
 * The positive test parses the RFC as published (tests/vectors/rfc/rfc8448.txt) and checks the
 * counts against tests/vectors/rfc8448/ (one JSON file per section), which were extracted independently: 551 values
 * (8 + 109 + 125 + 106 + 101 + 102 in §2..§7) under 272 "{client}/{server}" headings, plus one
 * side-less step holding §2's RSA key. The negative tests feed truncations at every line and at
 * many byte offsets, garbage, bad hex and wrong octet counts: each must give a trace or an error
 * naming a line, never a crash (the tests run under ASan/UBSan).
 */
#include "support/testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/trace_rfc8448.h"

static const struct trace_value *find_value(const struct trace *t, unsigned line)
{
    for (size_t i = 0; i < t->value_count; i++) {
        if (t->values[i].line == line) {
            return &t->values[i];
        }
    }
    return NULL;
}

static void parses_rfc8448_as_published(void **state)
{
    (void)state;
    size_t len;
    uint8_t *text = test_read_vector_file("rfc/rfc8448.txt", &len);
    struct trace t;
    struct trace_parse_error err;
    assert_true(trace_parse((const char *)text, len, &t, &err));

    /* Counts from tests/vectors/rfc8448/ (one JSON file per section): 551 entries, 272 headings (+1 for §2's key). */
    assert_int_equal(t.value_count, 551);
    assert_int_equal(t.step_count, 273);
    static const struct {
        const char *number;
        size_t values;
    } per_section[] = {{"2", 8}, {"3", 109}, {"4", 125}, {"5", 106}, {"6", 101}, {"7", 102}};
    for (size_t k = 0; k < sizeof(per_section) / sizeof(per_section[0]); k++) {
        size_t found = 0;
        for (size_t s = 0; s < t.section_count; s++) {
            if (strcmp(t.sections[s].number, per_section[k].number) != 0) {
                continue;
            }
            for (size_t i = 0; i < t.sections[s].step_count; i++) {
                found += t.steps[t.sections[s].first_step + i].value_count;
            }
        }
        assert_int_equal(found, per_section[k].values);
    }

    /* RFC 8448 §3 line 162: {client} private key, first and last octets. */
    const struct trace_value *v = find_value(&t, 162);
    assert_non_null(v);
    assert_string_equal(v->label, "private key");
    assert_int_equal(v->len, 32);
    uint8_t want[32];
    test_hex("49af42ba7f7994852d713ef2784bcbcaa7911de26adc5642cb634540e7ea5005", want, 32);
    assert_bytes_equal(trace_value_bytes(&t, v), v->len, want, 32,
                       "RFC 8448 §3 line 162: {client} create an ephemeral x25519 key pair: private key");

    /* §3 line 214: "salt:  0 (all zero octets)"; line 428: "hash (0 octets):  (empty)". */
    v = find_value(&t, 214);
    assert_non_null(v);
    assert_int_equal(v->form, TRACE_VALUE_ZERO_SALT);
    v = find_value(&t, 428);
    assert_non_null(v);
    assert_int_equal(v->form, TRACE_VALUE_EMPTY);
    assert_string_equal(v->label, "hash");

    /* §5 line 1687: a record value continued across a page break ("04" after [Page 30]). */
    v = find_value(&t, 1687);
    assert_non_null(v);
    assert_string_equal(v->label, "complete record");
    assert_int_equal(v->len, 181);
    assert_int_equal(trace_value_bytes(&t, v)[180], 0x04);

    /* A wrapped "(same as ...)" heading is joined; the headings keep the RFC's wording. */
    bool wrapped = false;
    for (size_t i = 0; i < t.step_count; i++) {
        if (t.steps[i].line == 638) {
            assert_string_equal(t.steps[i].heading,
                                "extract secret \"handshake\" (same as server handshake secret)");
            assert_int_equal(t.steps[i].side, TRACE_SIDE_CLIENT);
            assert_int_equal(t.steps[i].value_count, 0);
            wrapped = true;
        }
    }
    assert_true(wrapped);
    trace_free(&t);
    free(text);
}

/*
 * Parses text from an exact-size heap copy (so ASan sees any read past its end: the parser
 * gets a buffer, not a C string); on failure the error must name a line inside the text.
 */
static bool parse_checked(const char *text, size_t len, struct trace_parse_error *err)
{
    struct trace t;
    char *copy = malloc(len ? len : 1);
    assert_non_null(copy);
    memcpy(copy, text, len);
    bool ok = trace_parse(copy, len, &t, err);
    free(copy);
    if (ok) {
        trace_free(&t);
        return true;
    }
    size_t lines = 1;
    for (size_t k = 0; k < len; k++) {
        lines += text[k] == '\n';
    }
    assert_true(err->line >= 1 && err->line <= lines);
    assert_true(strlen(err->message) > 0);
    return false;
}

static void truncations_give_a_trace_or_an_error(void **state)
{
    (void)state;
    size_t len;
    uint8_t *text = test_read_vector_file("rfc/rfc8448.txt", &len);
    struct trace_parse_error err;
    /*
     * Every line boundary up to the end of §3 (line 856; §3 has every kind of value, and the
     * whole file would take too long under ASan): a shorter trace, or an error when the cut
     * splits a value across lines.
     */
    size_t cuts = 0, whole = 0, n = 0;
    for (; cuts < 856; n++) {
        if (text[n] == '\n') {
            whole += parse_checked((const char *)text, n, &err);
            cuts++;
        }
    }
    assert_true(whole > 0 && whole < cuts);
    /* Cuts inside lines (every 29th byte of §3, every 601st after): a trace or an error. */
    size_t failures = 0;
    for (size_t k = 1; k < len; k += k < n ? 29 : 601) {
        failures += !parse_checked((const char *)text, k, &err);
    }
    assert_true(failures > 0);
    free(text);
}

static void truncated_value_names_its_declared_count(void **state)
{
    (void)state;
    size_t len;
    uint8_t *text = test_read_vector_file("rfc/rfc8448.txt", &len);
    /* Cut after line 177, the first line of "ClientHello (196 octets)" (13 octets on it). */
    size_t n = 0, line = 1;
    while (line <= 177) {
        line += text[n++] == '\n';
    }
    struct trace_parse_error err;
    assert_false(parse_checked((const char *)text, n, &err));
    assert_int_equal(err.line, 177);
    assert_string_equal(err.message, "'ClientHello' declares 196 octets but 13 are given");
    free(text);
}

static void bad_values_are_rejected_with_line(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        unsigned line;
        const char *message;
    } cases[] = {
        {"3.  T\n\n   {client}  step:\n\n      IKM (2 octets):  0 00\n", 5,
         "'IKM': \"0\" is not a two-digit hex octet"},
        {"3.  T\n   {client}  step:\n      IKM (2 octets):  000\n", 3,
         "'IKM': \"000\" is not a two-digit hex octet"},
        {"   {client}  step:\n      IKM (3 octets):  00 01\n\n   {server}  x:\n", 2,
         "'IKM' declares 3 octets but 2 are given"},
        {"   {client}  step:\n      IKM (1 octets):  00 01\n", 2,
         "'IKM' declares 1 octets but 2 are given"},
        {"   {client}  step:\n      IKM (1 octets):  00\n         01\n", 3, NULL},
        {"   {client}  step:\n      hash (2 octets):  (empty)\n", 2,
         "'hash' declares 2 octets but is (empty)"},
        {"   {client}  step:\n      IKM (2 octets):  zz yy\n", 2, NULL},
        {"   {client}  step:\n      this is not a value\n", 2, NULL},
        /* found by fuzzing: quoting the bad line read past an input that ends without '\n' */
        {"   {client}  step:\n      x", 2,
         "expected a value such as 'label (N octets):  01 02 ...' in step \"step\", found \"x\""},
    };
    for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
        struct trace_parse_error err;
        assert_false(parse_checked(cases[k].text, strlen(cases[k].text), &err));
        assert_int_equal(err.line, cases[k].line);
        if (cases[k].message != NULL) {
            assert_string_equal(err.message, cases[k].message);
        }
    }
}

static void garbage_never_crashes(void **state)
{
    (void)state;
    /* Deterministic pseudo-random bytes biased toward the format's own characters. */
    static const char alphabet[] = "   \n\n{client}{server}(octets):0123456789abcdef()\f\r\"x.";
    uint32_t x = 12345;
    char buf[512];
    size_t parsed = 0;
    for (int round = 0; round < 3000; round++) {
        size_t n = (size_t)(round % (int)sizeof(buf));
        for (size_t k = 0; k < n; k++) {
            x = x * 1103515245u + 12345u;
            buf[k] = (round & 1) ? (char)(x >> 24) : alphabet[(x >> 16) % (sizeof(alphabet) - 1)];
        }
        struct trace_parse_error err;
        parsed += parse_checked(buf, n, &err);
    }
    assert_true(parsed > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_rfc8448_as_published),
        cmocka_unit_test(truncations_give_a_trace_or_an_error),
        cmocka_unit_test(truncated_value_names_its_declared_count),
        cmocka_unit_test(bad_values_are_rejected_with_line),
        cmocka_unit_test(garbage_never_crashes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
