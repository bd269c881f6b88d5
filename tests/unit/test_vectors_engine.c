/*
 * test_vectors_engine.c — the vector checker's engine (src/cli/vectors_check.c) on RFC 8448.
 *
 * 1. The RFC text as published (tests/vectors/rfc/rfc8448.txt) checks clean, with the exact
 *    counts measured below.
 * 2. Sensitivity: for EVERY value the engine checks, a copy of the RFC text with one hex digit
 *    of that value changed gives exactly one FAIL, naming that value (section, step, label,
 *    line). This is what proves the engine derives each value from inputs only: a checker that
 *    fed the trace's own values forward would fail many times, or not at all.
 * 3. A section on its own (§4 without the §3 it resumes) degrades to inputs, never to FAILs.
 */
#include "support/testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/trace_rfc8448.h"
#include "cli/vectors_check.h"

/* The RFC's 551 values (tests/vectors/rfc8448/ JSON files agree) split into: */
/*
 * 493 checked: 488 recomputed (public keys, every secret, info, hash, key, iv, Finished value
 * and message, binder, resumption PSK, record payload and bytes) and the 5 CertificateVerify
 * messages, whose signatures (randomized RSA-PSS, and ECDSA) are verified rather than recomputed.
 */
#define RFC8448_CHECKED 493
#define RFC8448_CERTIFICATE_VERIFIES 5
/*
 * 58 inputs: §2's 8 RSA key values; 11 ephemeral private keys; 24 handshake messages that a
 * side builds from its own choices (ClientHello x6, ServerHello x6 incl. the HRR,
 * EncryptedExtensions x5, CertificateRequest, Certificate x5, NewSessionTicket); 15
 * application_data and alert payloads.
 */
#define RFC8448_INPUTS 58

struct collected {
    size_t fails;
    const struct trace_value *fail_value;
    const struct trace_step *fail_step;
    char first_fail[400];
    /* values that were checked, in order (filled by the clean run) */
    const struct trace_value **checked;
    size_t checked_count;
};

static void collect(void *ctx, const struct vc_result *r)
{
    struct collected *c = ctx;
    if (r->status == VC_FAIL) {
        if (c->fails++ == 0) {
            c->fail_value = r->value;
            c->fail_step = r->step;
            snprintf(c->first_fail, sizeof(c->first_fail), "§%s line %u {%s} %s: %s",
                     r->section->number, r->value->line, trace_side_name(r->step->side),
                     r->step->heading, r->value->label);
        }
    }
    if (r->status != VC_INPUT && c->checked != NULL) {
        c->checked[c->checked_count++] = r->value;
    }
}

static void rfc8448_checks_clean(void **state)
{
    (void)state;
    size_t len;
    uint8_t *text = test_read_vector_file("rfc/rfc8448.txt", &len);
    struct trace t;
    struct trace_parse_error err;
    assert_true(trace_parse((const char *)text, len, &t, &err));
    struct collected c = {0};
    struct vc_summary sum;
    assert_true(vc_check_trace(&t, collect, &c, &sum));
    if (c.fails > 0) {
        print_error("first FAIL: %s\n", c.first_fail);
    }
    assert_int_equal(sum.failed, 0);
    assert_int_equal(sum.checked, RFC8448_CHECKED);
    assert_int_equal(sum.passed, RFC8448_CHECKED);
    assert_int_equal(sum.inputs, RFC8448_INPUTS);
    assert_int_equal(sum.checked + sum.inputs, t.value_count);
    trace_free(&t);
    free(text);
}

/*
 * Byte offset of the first hex digit of octet `octet` of the value whose label is on line
 * `line` (from 1); the octet must be on the label's line.
 */
static size_t digit_of_value(const uint8_t *text, size_t len, unsigned line, size_t octet)
{
    size_t k = 0;
    for (unsigned l = 1; l < line && k < len; k++) {
        l += text[k] == '\n';
    }
    /* the value's content starts after ":  " */
    while (k + 2 < len && !(text[k] == ':' && text[k + 1] == ' ' && text[k + 2] == ' ')) {
        k++;
    }
    k += 3;
    while (k < len && text[k] == ' ') {
        k++;
    }
    return k + 3 * octet; /* "xx " per octet */
}

static const struct trace_step *step_of(const struct trace *t, const struct trace_value *v)
{
    size_t index = (size_t)(v - t->values);
    for (size_t i = 0; i < t->step_count; i++) {
        if (index >= t->steps[i].first_value && index < t->steps[i].first_value + t->steps[i].value_count) {
            return &t->steps[i];
        }
    }
    fail_msg("value on line %u belongs to no step", v->line);
    return NULL;
}

static char flip_digit(char c)
{
    static const char digits[] = "0123456789abcdef";
    int v = (c >= '0' && c <= '9') ? c - '0' : c - 'a' + 10;
    return digits[v ^ 1];
}

/*
 * Every checked value, one at a time: change the second hex digit of its first octet in a
 * copy of the RFC text, parse the copy, run the engine, expect exactly that one FAIL.
 * CertificateVerify messages are the exception: the digit changed is in the signature (octet
 * 8) and the message also feeds the transcript, so the FAIL at the message comes first and the
 * transcript hashes after it fail too.
 */
static void every_changed_value_fails_alone(void **state)
{
    (void)state;
    size_t len;
    uint8_t *text = test_read_vector_file("rfc/rfc8448.txt", &len);
    struct trace clean;
    struct trace_parse_error err;
    assert_true(trace_parse((const char *)text, len, &clean, &err));
    struct collected base = {0};
    base.checked = calloc(clean.value_count, sizeof(*base.checked));
    assert_non_null(base.checked);
    struct vc_summary sum;
    assert_true(vc_check_trace(&clean, collect, &base, &sum));
    assert_int_equal(base.checked_count, RFC8448_CHECKED);

    uint8_t *copy = malloc(len);
    assert_non_null(copy);
    size_t mutated = 0, cv_mutated = 0, eligible = 0;
    size_t stride = test_stride();
    for (size_t i = 0; i < base.checked_count; i++) {
        const struct trace_value *v = base.checked[i];
        if (v->len == 0) {
            continue; /* "(empty)" and "0 (all zero octets)": no digit to change */
        }
        if (eligible++ % stride != 0) {
            continue; /* TLS13_TEST_STRIDE (valgrind pass): a sample */
        }
        memcpy(copy, text, len);
        bool is_cv = strcmp(v->label, "CertificateVerify") == 0;
        size_t at = digit_of_value(text, len, v->line, is_cv ? 8 : 0) + 1;
        assert_true(at < len);
        copy[at] = (uint8_t)flip_digit((char)copy[at]);

        struct trace t;
        assert_true(trace_parse((const char *)copy, len, &t, &err));
        struct collected c = {0};
        assert_true(vc_check_trace(&t, collect, &c, &sum));
        char what[200];
        snprintf(what, sizeof(what), "RFC 8448 line %u '%s' changed", v->line, v->label);
        if ((c.fails != 1 && !is_cv) || c.fails == 0 || c.fail_value->line != v->line) {
            print_error("%s: %zu FAILs, first: %s\n", what, c.fails, c.first_fail);
        }
        if (is_cv) {
            assert_true(c.fails > 1);
            cv_mutated++;
        } else {
            assert_int_equal(c.fails, 1);
            assert_int_equal(sum.failed, 1);
        }
        assert_int_equal(c.fail_value->line, v->line);
        assert_string_equal(c.fail_value->label, v->label);
        assert_string_equal(c.fail_step->heading, step_of(&clean, v)->heading);
        trace_free(&t);
        mutated++;
    }
    /* every checked value but the 16 without digits: "(empty)" contexts and "0" salts */
    assert_int_equal(eligible, RFC8448_CHECKED - 16);
    assert_int_equal(mutated, (eligible + stride - 1) / stride);
    if (stride == 1) {
        assert_int_equal(cv_mutated, RFC8448_CERTIFICATE_VERIFIES);
    }
    free(copy);
    free(base.checked);
    trace_free(&clean);
    free(text);
}

/* §4 alone: without §3 there is no resumption PSK; what depends on it becomes input. */
static void section_4_alone_degrades_to_inputs(void **state)
{
    (void)state;
    size_t len;
    uint8_t *text = test_read_vector_file("rfc/rfc8448.txt", &len);
    /* lines 857 ("4.  Resumed 0-RTT Handshake") to 1588, the end of §4 */
    size_t start = 0, end = 0, line = 1;
    for (size_t k = 0; k < len; k++) {
        if (line == 857 && start == 0) {
            start = k;
        }
        if (line == 1589) {
            end = k;
            break;
        }
        line += text[k] == '\n';
    }
    struct trace t;
    struct trace_parse_error err;
    assert_true(trace_parse((const char *)text + start, end - start, &t, &err));
    struct collected c = {0};
    struct vc_summary sum;
    assert_true(vc_check_trace(&t, collect, &c, &sum));
    assert_int_equal(sum.failed, 0);
    /*
     * §4 has 125 values (no CertificateVerify); in the whole RFC 10 of them are inputs (2 private keys, ClientHello,
     * ServerHello, EncryptedExtensions, 5 payloads). Alone, 2 more: the early secret's IKM (the
     * PSK, which came from §3) and the binder key (which "res binder" or "ext binder" it is
     * depends on where the PSK came from). The 113 others are still derived, and all pass.
     */
    assert_int_equal(sum.inputs, 12);
    assert_int_equal(sum.checked, 113);
    trace_free(&t);
    free(text);
}

/* Lines 1..to of the RFC text, checked; the summary in *sum. */
static void check_first_lines(size_t to, struct vc_summary *sum)
{
    size_t len;
    uint8_t *text = test_read_vector_file("rfc/rfc8448.txt", &len);
    size_t end = 0, line = 1;
    while (end < len && line <= to) {
        line += text[end++] == '\n';
    }
    struct trace t;
    struct trace_parse_error err;
    assert_true(trace_parse((const char *)text, end, &t, &err));
    assert_true(vc_check_trace(&t, NULL, NULL, sum));
    trace_free(&t);
    free(text);
}

/*
 * §3 cut before its ServerHello (line 238): no cipher suite, so no hash and no key schedule.
 * The early secret's salt, IKM and secret become inputs rather than FAILs; what needs no suite
 * is still checked: 2 public keys, the ClientHello record's payload and bytes.
 */
static void no_server_hello_means_no_key_schedule(void **state)
{
    (void)state;
    struct vc_summary sum;
    check_first_lines(238, &sum);
    assert_int_equal(sum.failed, 0);
    assert_int_equal(sum.checked, 4);
    assert_int_equal(sum.inputs, 8 + 2 + 1 + 3); /* §2's key, private keys, ClientHello, extract */
}

/*
 * Inputs are whatever a trace says, so the engine must survive any: each input value of the
 * RFC (private keys, hello messages, certificates, CertificateVerify, NewSessionTicket) in
 * turn replaced by pseudo-random bytes, alternately at full length and cut shorter (down to 0).
 * The engine may report FAILs or inputs; it must not crash or read out of bounds (this runs
 * under ASan/UBSan), and must still report every value exactly once.
 */
static void hostile_inputs_never_crash(void **state)
{
    (void)state;
    static const char *const input_labels[] = {"private key", "ClientHello", "ServerHello",
                                               "Certificate", "CertificateVerify",
                                               "NewSessionTicket"};
    size_t len;
    uint8_t *text = test_read_vector_file("rfc/rfc8448.txt", &len);
    struct trace t;
    struct trace_parse_error err;
    assert_true(trace_parse((const char *)text, len, &t, &err));
    uint8_t *saved = malloc(t.octet_len);
    assert_non_null(saved);
    memcpy(saved, t.octets, t.octet_len);
    uint32_t x = 2024;
    size_t runs = 0;
    for (size_t i = 0; i < t.value_count; i++) {
        struct trace_value *v = &t.values[i];
        bool input = false;
        for (size_t k = 0; k < sizeof(input_labels) / sizeof(input_labels[0]); k++) {
            input = input || strcmp(v->label, input_labels[k]) == 0;
        }
        if (!input) {
            continue;
        }
        size_t full = v->len;
        for (size_t k = 0; k < full; k++) {
            x = x * 1103515245u + 12345u;
            t.octets[v->offset + k] = (uint8_t)(x >> 16);
        }
        x = x * 1103515245u + 12345u;
        v->len = runs % 2 == 0 ? full : (x >> 8) % full;
        struct vc_summary sum;
        assert_true(vc_check_trace(&t, NULL, NULL, &sum));
        assert_int_equal(sum.checked + sum.inputs, t.value_count);
        memcpy(t.octets, saved, t.octet_len);
        v->len = full;
        runs++;
    }
    /* 11 private keys, 6 ClientHello, 6 ServerHello, 5 Certificate, 5 CertificateVerify, 1 NST */
    assert_int_equal(runs, 34);
    free(saved);
    trace_free(&t);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rfc8448_checks_clean),
        cmocka_unit_test(every_changed_value_fails_alone),
        cmocka_unit_test(section_4_alone_degrades_to_inputs),
        cmocka_unit_test(no_server_hello_means_no_key_schedule),
        cmocka_unit_test(hostile_inputs_never_crash),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
