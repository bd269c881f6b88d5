/*
 * test_variant.c — per-student variants of RFC 8448 §3 and §5 (src/cli/variant*.c,
 * `tls13 variant [--hrr]`). Every test runs for both sections.
 *
 * 1. A variant checks clean with `tls13 vectors`' engine, for several IDs, with the same number
 *    of checked values and inputs as the RFC section itself (§3: 98 and 11; §5: 95 and 11), the
 *    CertificateVerify signature verified with the certificate's key.
 * 2. The same ID gives the same bytes; two IDs give different values for every value that
 *    depends on what was generated (keys, secrets, traffic keys, Finished, records).
 * 3. Its structure is the RFC section's: number and title, every step's side and heading, every
 *    value's label, form and octet count, in order, as the trace parser reads them.
 * 4. Sensitivity, as test_vectors_engine does for the RFC: one hex digit changed in any checked
 *    value of a variant gives exactly one FAIL, at that value.
 * 5. IDs that cannot name a variant are refused.
 */
#include "support/testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/trace_rfc8448.h"
#include "cli/variant.h"
#include "cli/vectors_check.h"

struct section {
    enum variant_section which;
    const char *number;
    unsigned first_line, last_line; /* of the section in rfc/rfc8448.txt */
    size_t checked, inputs;         /* what the engine makes of it */
    size_t generated;               /* values that must differ between two IDs */
};

/*
 * §3, lines 152-856: 98 values recomputed or verified (the CertificateVerify), 11 inputs:
 * 2 private keys, ClientHello, ServerHello, EncryptedExtensions, Certificate,
 * NewSessionTicket, 2 application data and 2 alert payloads. Generated: 2 key pairs (private,
 * public); 6 messages (ClientHello, ServerHello, CertificateVerify, 2 Finished,
 * NewSessionTicket); 9 complete records; the handshake and master secrets; 10 expanded
 * (derived for master, c/s hs traffic, c/s ap traffic, exp master, res master, 2 finished
 * keys, resumption PSK); 2 finished; 4 traffic key steps (key and iv).
 */
static const struct section s3 = {VARIANT_S3_SIMPLE_1RTT, "3", 152, 856, 98, 11,
                                   4 + 6 + 9 + 2 + 10 + 2 + 8};
/*
 * §5, lines 1589-2358: 95 checked, 11 inputs: 3 private keys, 2 ClientHello, HelloRetryRequest
 * and ServerHello, EncryptedExtensions, Certificate, 2 alert payloads. Generated: 3 key pairs;
 * 7 messages (2 ClientHello, HelloRetryRequest, ServerHello, CertificateVerify, 2 Finished);
 * 8 complete records; the handshake and master secrets; 9 expanded (§3's but the resumption
 * PSK); 2 finished; 4 traffic key steps (key and iv).
 */
static const struct section s5 = {VARIANT_S5_HELLO_RETRY, "5", 1589, 2358, 95, 11,
                                  6 + 7 + 8 + 2 + 9 + 2 + 8};

#define ID_64 "0123456789012345678901234567890123456789012345678901234567890123"
static const char *const ids[] = {
    "alice", "bob", "student-0042", "x", "Jane Doe <jane@example.edu>", "ünïcödé",
    ID_64 ID_64, /* 128 bytes, the longest ID */
};

static char *variant(const struct section *sec, const char *id, size_t *len)
{
    struct variant_text text = {0};
    struct tls_error err = {0};
    tls_result rc = variant_generate(sec->which, id, &text, &err);
    if (rc != TLS_OK) {
        fail_msg("variant '%s': %s", id, err.reason);
    }
    *len = text.len;
    return text.p; /* freed with free() (variant_text_free frees p) */
}

static void parse(const char *text, size_t len, struct trace *t)
{
    struct trace_parse_error err;
    if (!trace_parse(text, len, t, &err)) {
        fail_msg("parse: line %u: %s", err.line, err.message);
    }
}

/* The RFC 8448 section alone, from the RFC text. */
static void parse_rfc(const struct section *sec, struct trace *t)
{
    size_t len, start = 0, end = 0, line = 1;
    uint8_t *text = test_read_vector_file("rfc/rfc8448.txt", &len);
    for (size_t k = 0; k < len && end == 0; k++) {
        if (line == sec->first_line && start == 0) {
            start = k;
        }
        line += text[k] == '\n';
        if (line == sec->last_line + 1) {
            end = k + 1;
        }
    }
    parse((const char *)text + start, end - start, t);
    free(text);
}

struct collected {
    size_t fails;
    const struct trace_value *fail_value;
    char first_fail[400];
    const struct trace_value **checked; /* optional: every checked value, in order */
    size_t checked_count;
};

static void collect(void *ctx, const struct vc_result *r)
{
    struct collected *c = ctx;
    if (r->status == VC_FAIL && c->fails++ == 0) {
        c->fail_value = r->value;
        snprintf(c->first_fail, sizeof(c->first_fail), "line %u {%s} %s: %s (%s)", r->value->line,
                 trace_side_name(r->step->side), r->step->heading, r->value->label, r->how);
    }
    if (r->status != VC_INPUT && c->checked != NULL) {
        c->checked[c->checked_count++] = r->value;
    }
}

static void rfc_counts_are_the_reference(void **state)
{
    const struct section *sec = *state;
    struct trace t;
    struct vc_summary sum;
    parse_rfc(sec, &t);
    assert_true(vc_check_trace(&t, NULL, NULL, &sum));
    assert_int_equal(sum.failed, 0);
    assert_int_equal(sum.checked, sec->checked);
    assert_int_equal(sum.inputs, sec->inputs);
    trace_free(&t);
}

static void variants_check_clean(void **state)
{
    const struct section *sec = *state;
    for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
        size_t len;
        char *text = variant(sec, ids[i], &len);
        struct trace t;
        parse(text, len, &t);
        struct collected c = {0};
        struct vc_summary sum;
        assert_true(vc_check_trace(&t, collect, &c, &sum));
        if (c.fails > 0) {
            print_error("variant '%s': first FAIL %s\n", ids[i], c.first_fail);
        }
        assert_int_equal(sum.failed, 0);
        assert_int_equal(sum.checked, sec->checked);
        assert_int_equal(sum.passed, sec->checked);
        assert_int_equal(sum.inputs, sec->inputs);
        trace_free(&t);
        free(text);
    }
}

static void same_id_same_bytes(void **state)
{
    const struct section *sec = *state;
    size_t a_len, b_len;
    char *a = variant(sec, "alice", &a_len);
    char *b = variant(sec, "alice", &b_len);
    assert_int_equal(a_len, b_len);
    assert_memory_equal(a, b, a_len);
    /* and the ID is named in the header comment */
    assert_non_null(strstr(a, "for the ID \"alice\""));
    /* and the other section's variant of the same ID has other values (its own seed) */
    size_t c_len;
    char *c = variant(sec == &s3 ? &s5 : &s3, "alice", &c_len);
    const char *label = "public key (32 octets):  ";
    assert_non_null(strstr(a, label));
    assert_non_null(strstr(c, label));
    assert_memory_not_equal(strstr(a, label), strstr(c, label), strlen(label) + 3 * 32 - 1);
    free(a);
    free(b);
    free(c);
}

/* Steps whose values do not depend on anything generated: no PSK, so the early secret and
 * the "derived" salt after it are §3's for every ID. */
static bool id_independent_step(const char *heading)
{
    return strncmp(heading, "extract secret \"early\"", 22) == 0 ||
           strcmp(heading, "derive secret for handshake \"tls13 derived\"") == 0;
}

/* Labels of values that follow from generated ones (keys, secrets, messages, records). */
static bool generated_label(const char *label)
{
    static const char *const labels[] = {
        "private key", "public key", "secret", "expanded", "key expanded", "iv expanded",
        "finished", "complete record", "ClientHello", "ServerHello", "CertificateVerify",
        "Finished", "NewSessionTicket",
    };
    for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++) {
        if (strcmp(label, labels[i]) == 0) {
            return true;
        }
    }
    return false;
}

static void two_ids_differ_in_every_generated_value(void **state)
{
    const struct section *sec = *state;
    size_t a_len, b_len, compared = 0;
    char *a_text = variant(sec, "alice", &a_len);
    char *b_text = variant(sec, "bob", &b_len);
    struct trace a, b;
    parse(a_text, a_len, &a);
    parse(b_text, b_len, &b);
    assert_int_equal(a.value_count, b.value_count);
    for (size_t s = 0; s < a.step_count; s++) {
        const struct trace_step *st = &a.steps[s];
        if (id_independent_step(st->heading)) {
            continue;
        }
        for (size_t k = 0; k < st->value_count; k++) {
            const struct trace_value *va = &a.values[st->first_value + k];
            const struct trace_value *vb = &b.values[st->first_value + k];
            if (!generated_label(va->label)) {
                continue;
            }
            assert_int_equal(va->len, vb->len);
            if (memcmp(trace_value_bytes(&a, va), trace_value_bytes(&b, vb), va->len) == 0) {
                fail_msg("line %u {%s} %s: %s is the same for 'alice' and 'bob'", va->line,
                         trace_side_name(st->side), st->heading, va->label);
            }
            compared++;
        }
    }
    assert_int_equal(compared, sec->generated);
    trace_free(&a);
    trace_free(&b);
    free(a_text);
    free(b_text);
}

static void structure_is_the_sections(void **state)
{
    const struct section *sec = *state;
    size_t len;
    char *text = variant(sec, "student-0042", &len);
    struct trace v, r;
    parse(text, len, &v);
    parse_rfc(sec, &r);
    assert_int_equal(v.section_count, 1);
    assert_int_equal(r.section_count, 1);
    assert_string_equal(v.sections[0].number, sec->number);
    assert_string_equal(v.sections[0].title, r.sections[0].title);
    assert_int_equal(v.step_count, r.step_count);
    for (size_t s = 0; s < r.step_count; s++) {
        const struct trace_step *vs = &v.steps[s], *rs = &r.steps[s];
        if (vs->side != rs->side || strcmp(vs->heading, rs->heading) != 0 ||
            vs->value_count != rs->value_count) {
            fail_msg("step %zu: variant {%s} %s (%zu values), RFC line %u {%s} %s (%zu values)", s,
                     trace_side_name(vs->side), vs->heading, vs->value_count, rs->line,
                     trace_side_name(rs->side), rs->heading, rs->value_count);
        }
    }
    assert_int_equal(v.value_count, r.value_count);
    for (size_t i = 0; i < r.value_count; i++) {
        const struct trace_value *vv = &v.values[i], *rv = &r.values[i];
        if (strcmp(vv->label, rv->label) != 0 || vv->form != rv->form || vv->len != rv->len) {
            fail_msg("value %zu: variant '%s' (%zu octets), RFC line %u '%s' (%zu octets)", i,
                     vv->label, vv->len, rv->line, rv->label, rv->len);
        }
    }
    trace_free(&v);
    trace_free(&r);
    free(text);
}

/* Offset of the first hex digit of octet `octet` of the value whose label is on `line`. */
static size_t digit_of_value(const char *text, size_t len, unsigned line, size_t octet)
{
    size_t k = 0;
    for (unsigned l = 1; l < line && k < len; k++) {
        l += text[k] == '\n';
    }
    while (k + 2 < len && !(text[k] == ':' && text[k + 1] == ' ' && text[k + 2] == ' ')) {
        k++;
    }
    return k + 3 + 3 * octet; /* after ":  ", "xx " per octet */
}

static char flip_digit(char c)
{
    static const char digits[] = "0123456789abcdef";
    int v = (c >= '0' && c <= '9') ? c - '0' : c - 'a' + 10;
    return digits[v ^ 1];
}

/* Every checked value of a variant, one at a time, one hex digit changed: one FAIL, there. */
static void every_changed_value_fails_alone(void **state)
{
    const struct section *sec = *state;
    size_t len, eligible = 0, mutated = 0, stride = test_stride();
    char *text = variant(sec, "alice", &len);
    struct trace clean;
    parse(text, len, &clean);
    struct collected base = {0};
    base.checked = calloc(clean.value_count, sizeof(*base.checked));
    assert_non_null(base.checked);
    struct vc_summary sum;
    assert_true(vc_check_trace(&clean, collect, &base, &sum));
    assert_int_equal(base.checked_count, sec->checked);
    char *copy = malloc(len);
    assert_non_null(copy);
    for (size_t i = 0; i < base.checked_count; i++) {
        const struct trace_value *v = base.checked[i];
        if (v->len == 0 || eligible++ % stride != 0) {
            continue; /* "(empty)" and zero salts have no digit; TLS13_TEST_STRIDE samples */
        }
        /* a CertificateVerify's digit is in its signature (octet 8): the message also feeds
         * the transcript, so the hashes after it fail too, but its FAIL comes first */
        bool is_cv = strcmp(v->label, "CertificateVerify") == 0;
        memcpy(copy, text, len);
        size_t at = digit_of_value(text, len, v->line, is_cv ? 8 : 0) + 1;
        assert_true(at < len);
        copy[at] = flip_digit(copy[at]);
        struct trace t;
        parse(copy, len, &t);
        struct collected c = {0};
        assert_true(vc_check_trace(&t, collect, &c, &sum));
        if (c.fails == 0 || (c.fails != 1 && !is_cv) || c.fail_value->line != v->line) {
            fail_msg("line %u '%s' changed: %zu FAILs, first %s", v->line, v->label, c.fails,
                     c.first_fail);
        }
        assert_string_equal(c.fail_value->label, v->label);
        trace_free(&t);
        mutated++;
    }
    /* every checked value but the 3 without digits: the early secret's zero salt and the
     * two finished steps' "hash (0 octets):  (empty)" */
    assert_int_equal(eligible, sec->checked - 3);
    assert_int_equal(mutated, (eligible + stride - 1) / stride);
    free(copy);
    free(base.checked);
    trace_free(&clean);
    free(text);
}

static void unusable_ids_are_refused(void **state)
{
    (void)state;
    char long_id[VARIANT_ID_MAX + 2];
    memset(long_id, 'a', sizeof(long_id) - 1);
    long_id[sizeof(long_id) - 1] = '\0';
    static const char *const bad[] = {"", "a\nb", "tab\there", "del\x7f"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_non_null(variant_id_problem(bad[i]));
        struct variant_text text = {0};
        struct tls_error err = {0};
        assert_int_not_equal(variant_generate(VARIANT_S3_SIMPLE_1RTT, bad[i], &text, &err), TLS_OK);
        assert_int_not_equal(variant_generate(VARIANT_S5_HELLO_RETRY, bad[i], &text, &err), TLS_OK);
        assert_non_null(err.reason);
        assert_int_equal(text.len, 0);
        variant_text_free(&text);
    }
    assert_non_null(variant_id_problem(long_id));
    long_id[VARIANT_ID_MAX] = '\0';
    assert_null(variant_id_problem(long_id));
}

int main(void)
{
#define BOTH(test)                                                                                 \
    cmocka_unit_test_prestate(test, (void *)&s3), cmocka_unit_test_prestate(test, (void *)&s5)
    const struct CMUnitTest tests[] = {
        BOTH(rfc_counts_are_the_reference),
        BOTH(variants_check_clean),
        BOTH(same_id_same_bytes),
        BOTH(two_ids_differ_in_every_generated_value),
        BOTH(structure_is_the_sections),
        BOTH(every_changed_value_fails_alone),
        cmocka_unit_test(unusable_ids_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
