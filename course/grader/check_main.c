/*
 * check_main.c — `tls-course check EXERCISE [--trace FILE] [--section N] [--name TEXT]`:
 * loads the trace (RFC 8448 by default: tests/vectors/rfc/rfc8448.txt of the tree the course
 * was built from), runs one exercise's checks and prints the verdict line
 *     PASS records          or      FAIL records: <the first thing that is wrong>
 * followed, on failure, by indented feedback. Exit 0 = pass, 1 = fail, 3 = the grader itself
 * could not run (unreadable trace, missing value).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cli/file_read.h"

#ifndef COURSE_RFC8448_PATH
#error "COURSE_RFC8448_PATH must name tests/vectors/rfc/rfc8448.txt"
#endif

void ck_fail(struct check *c, const char *fmt, ...)
{
    va_list ap;
    if (c->failed) {
        return;
    }
    c->failed = true;
    printf("FAIL %s: ", c->exercise);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    fflush(stdout);
}

void ck_note(struct check *c, const char *fmt, ...)
{
    va_list ap;
    (void)c;
    printf("    ");
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    fflush(stdout);
}

bool ck_rc(struct check *c, course_result got, course_result want, const char *call,
           const char *what)
{
    char g[80], w[80];
    if (got == want) {
        return true;
    }
    if (got == COURSE_TODO) {
        ck_fail(c, "%s is not written yet (TODO in %s.c)", call, c->exercise);
        ck_note(c, "it returns COURSE_TODO, as the skeleton does: replace the TODO with your code");
        return false;
    }
    ck_fail(c, "%s returned %s, expected %s", call, course_result_name(got, g, sizeof(g)),
            course_result_name(want, w, sizeof(w)));
    ck_note(c, "why:      %s", what);
    return false;
}

static bool compare(struct check *c, const char *name, const char *call, const char *step,
                    const uint8_t *exp, size_t exp_len, const char *source, const uint8_t *got,
                    size_t got_len, const char *hint)
{
    static char he[8192], hg[8192];
    if (got_len == exp_len && memcmp(exp, got, exp_len) == 0) {
        return true;
    }
    size_t i = 0;
    while (i < exp_len && i < got_len && exp[i] == got[i]) {
        i++;
    }
    ck_fail(c, "%s differs from %s (%s)", name, c->trace_name, call);
    ck_note(c, "value:    %s, computed by %s", name, call);
    ck_note(c, "step:     %s", step);
    ck_note(c, "expected: %s", course_hex(exp, exp_len, he, sizeof(he)));
    ck_note(c, "          (%zu bytes; %s)", exp_len, source);
    ck_note(c, "got:      %s", course_hex(got, got_len, hg, sizeof(hg)));
    ck_note(c, "          (%zu bytes)", got_len);
    if (i < exp_len && i < got_len) {
        ck_note(c, "first difference at byte %zu: expected %02x, got %02x", i, exp[i], got[i]);
    } else {
        ck_note(c, "the first %zu bytes agree; the lengths differ", i);
    }
    if (hint != NULL) {
        ck_note(c, "look at:  %s", hint);
    }
    return false;
}

bool ck_bytes(struct check *c, const char *name, const char *call, const char *step,
              const struct tv *expected, const uint8_t *got, size_t got_len, const char *hint)
{
    return compare(c, name, call, step, expected->p, expected->len, expected->source, got, got_len,
                   hint);
}

bool ck_bytes_computed(struct check *c, const char *name, const char *call, const char *step,
                       const uint8_t *expected, size_t expected_len, const char *source,
                       const uint8_t *got, size_t got_len, const char *hint)
{
    return compare(c, name, call, step, expected, expected_len, source, got, got_len, hint);
}

/* --- reading the trace ----------------------------------------------------------------- */

struct finder {
    const struct trace *t;
    const char *section;
    const char *trace_name;
    bool ok;
};

static const struct trace_section *find_section(const struct trace *t, const char *number)
{
    for (size_t i = 0; i < t->section_count; i++) {
        if (strcmp(t->sections[i].number, number) == 0) {
            return &t->sections[i];
        }
    }
    return NULL;
}

/* The occurrence-th value labelled label in steps "{side}  heading" of the section. */
static void find(struct finder *f, struct tv *out, const char *side, const char *heading,
                 const char *label, unsigned occurrence)
{
    const struct trace_section *s = find_section(f->t, f->section);
    unsigned seen = 0;
    snprintf(out->source, sizeof(out->source), "%s §%s, {%s} %s: %s%s", f->trace_name, f->section,
             side, heading, label, occurrence == 0 ? "" : occurrence == 1 ? " (2nd)" : " (3rd)");
    for (size_t i = 0; s != NULL && i < s->step_count; i++) {
        const struct trace_step *st = &f->t->steps[s->first_step + i];
        if (strcmp(trace_side_name(st->side), side) != 0 || strcmp(st->heading, heading) != 0) {
            continue;
        }
        for (size_t k = 0; k < st->value_count; k++) {
            const struct trace_value *v = &f->t->values[st->first_value + k];
            if (strcmp(v->label, label) == 0 && seen++ == occurrence) {
                out->p = trace_value_bytes(f->t, v);
                out->len = v->len;
                return;
            }
        }
    }
    if (f->ok) {
        fprintf(stderr, "grader: the trace has no value %s\n", out->source);
    }
    f->ok = false;
    out->p = (const uint8_t *)"";
    out->len = 0;
}

#define SRV "server"
#define CLI "client"

bool vectors_load(struct vectors *v, const struct trace *t, const char *section,
                  const char *trace_name)
{
    struct finder f = {t, section, trace_name, true};
    memset(v, 0, sizeof(*v));
    if (find_section(t, section) == NULL) {
        fprintf(stderr, "grader: the trace has no section %s\n", section);
        return false;
    }
    find(&f, &v->client_hello, CLI, "construct a ClientHello handshake message", "ClientHello", 0);
    find(&f, &v->client_hello_record, CLI, "send handshake record", "complete record", 0);
    find(&f, &v->server_hello, SRV, "construct a ServerHello handshake message", "ServerHello", 0);
    find(&f, &v->server_hello_record, SRV, "send handshake record", "complete record", 0);
    find(&f, &v->encrypted_extensions, SRV, "construct an EncryptedExtensions handshake message",
         "EncryptedExtensions", 0);
    find(&f, &v->certificate, SRV, "construct a Certificate handshake message", "Certificate", 0);
    find(&f, &v->certificate_verify, SRV, "construct a CertificateVerify handshake message",
         "CertificateVerify", 0);
    find(&f, &v->server_finished, SRV, "construct a Finished handshake message", "Finished", 0);
    find(&f, &v->server_flight_payload, SRV, "send handshake record", "payload", 1);
    find(&f, &v->server_flight_record, SRV, "send handshake record", "complete record", 1);
    find(&f, &v->client_finished, CLI, "construct a Finished handshake message", "Finished", 0);
    find(&f, &v->client_finished_record, CLI, "send handshake record", "complete record", 1);
    find(&f, &v->nst_payload, SRV, "send handshake record", "payload", 2);
    find(&f, &v->nst_record, SRV, "send handshake record", "complete record", 2);
    find(&f, &v->server_data_payload, SRV, "send application_data record", "payload", 0);
    find(&f, &v->server_data_record, SRV, "send application_data record", "complete record", 0);
    find(&f, &v->server_alert_payload, SRV, "send alert record", "payload", 0);
    find(&f, &v->server_alert_record, SRV, "send alert record", "complete record", 0);
    find(&f, &v->client_data_payload, CLI, "send application_data record", "payload", 0);
    find(&f, &v->client_data_record, CLI, "send application_data record", "complete record", 0);
    find(&f, &v->client_alert_payload, CLI, "send alert record", "payload", 0);
    find(&f, &v->client_alert_record, CLI, "send alert record", "complete record", 0);
    find(&f, &v->early_secret, SRV, "extract secret \"early\"", "secret", 0);
    find(&f, &v->derived_prk, SRV, "derive secret for handshake \"tls13 derived\"", "PRK", 0);
    find(&f, &v->derived_hash, SRV, "derive secret for handshake \"tls13 derived\"", "hash", 0);
    find(&f, &v->derived_secret, SRV, "derive secret for handshake \"tls13 derived\"", "expanded", 0);
    find(&f, &v->shared_secret, SRV, "extract secret \"handshake\"", "IKM", 0);
    find(&f, &v->handshake_secret, SRV, "extract secret \"handshake\"", "secret", 0);
    find(&f, &v->c_hs_prk, SRV, "derive secret \"tls13 c hs traffic\"", "PRK", 0);
    find(&f, &v->c_hs_hash, SRV, "derive secret \"tls13 c hs traffic\"", "hash", 0);
    find(&f, &v->c_hs_traffic, SRV, "derive secret \"tls13 c hs traffic\"", "expanded", 0);
    find(&f, &v->s_hs_traffic, SRV, "derive secret \"tls13 s hs traffic\"", "expanded", 0);
    find(&f, &v->master_secret, SRV, "extract secret \"master\"", "secret", 0);
    find(&f, &v->c_ap_hash, SRV, "derive secret \"tls13 c ap traffic\"", "hash", 0);
    find(&f, &v->c_ap_traffic, SRV, "derive secret \"tls13 c ap traffic\"", "expanded", 0);
    find(&f, &v->s_ap_traffic, SRV, "derive secret \"tls13 s ap traffic\"", "expanded", 0);
    find(&f, &v->res_master_hash, CLI, "derive secret \"tls13 res master\"", "hash", 0);
    find(&f, &v->server_hs_key_prk, SRV, "derive write traffic keys for handshake data", "PRK", 0);
    find(&f, &v->server_hs_key, SRV, "derive write traffic keys for handshake data", "key expanded", 0);
    find(&f, &v->server_hs_iv, SRV, "derive write traffic keys for handshake data", "iv expanded", 0);
    find(&f, &v->client_hs_key, SRV, "derive read traffic keys for handshake data", "key expanded", 0);
    find(&f, &v->client_hs_iv, SRV, "derive read traffic keys for handshake data", "iv expanded", 0);
    find(&f, &v->server_ap_key, SRV, "derive write traffic keys for application data", "key expanded", 0);
    find(&f, &v->server_ap_iv, SRV, "derive write traffic keys for application data", "iv expanded", 0);
    find(&f, &v->client_ap_key, CLI, "derive write traffic keys for application data", "key expanded", 0);
    find(&f, &v->client_ap_iv, CLI, "derive write traffic keys for application data", "iv expanded", 0);
    find(&f, &v->server_finished_key, SRV, "calculate finished \"tls13 finished\"", "expanded", 0);
    find(&f, &v->server_verify_data, SRV, "calculate finished \"tls13 finished\"", "finished", 0);
    find(&f, &v->client_finished_key, CLI, "calculate finished \"tls13 finished\"", "expanded", 0);
    find(&f, &v->client_verify_data, CLI, "calculate finished \"tls13 finished\"", "finished", 0);
    if (!f.ok) {
        return false;
    }
    /* The suite, from the ServerHello: legacy_version(2) random(32) session_id<0..32> suite(2) */
    const uint8_t *sh = v->server_hello.p;
    size_t at = 4 + 2 + 32;
    if (v->server_hello.len > at && v->server_hello.len >= at + 1 + sh[at] + 2) {
        at += 1 + sh[at];
        v->suite = course_suite_find((uint16_t)(sh[at] << 8 | sh[at + 1]));
    }
    if (v->suite == NULL) {
        fprintf(stderr, "grader: cannot read a known cipher suite from the trace's ServerHello\n");
        return false;
    }
    /* RFC 8448 §5: only for the HelloRetryRequest check of exercise transcript */
    if (find_section(t, "5") != NULL) {
        struct finder f5 = {t, "5", trace_name, true};
        find(&f5, &v->hrr_client_hello1, CLI, "construct a ClientHello handshake message", "ClientHello", 0);
        find(&f5, &v->hrr_retry_request, SRV, "construct a ServerHello handshake message", "ServerHello", 0);
        find(&f5, &v->hrr_client_hello2, CLI, "construct a ClientHello handshake message", "ClientHello", 1);
        find(&f5, &v->hrr_server_hello, SRV, "construct a ServerHello handshake message", "ServerHello", 1);
        find(&f5, &v->hrr_hello_hash, SRV, "derive secret \"tls13 c hs traffic\"", "hash", 0);
        v->have_hrr = f5.ok;
    }
    return true;
}

int course_check_main(int argc, char **argv)
{
    const char *path = COURSE_RFC8448_PATH, *section = "3", *name = "RFC 8448";
    static bool (*const checks[EX_COUNT])(struct check *) = {
        check_records,  check_handshake_keys,   check_decrypt,        check_transcript,
        check_finished, check_application_keys, check_post_handshake,
    };
    int ex = argc >= 1 ? course_exercise_find(argv[0]) : -1;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--trace") == 0) {
            path = argv[i + 1];
            name = "the variant trace";
        } else if (strcmp(argv[i], "--section") == 0) {
            section = argv[i + 1];
        } else if (strcmp(argv[i], "--name") == 0) {
            name = argv[i + 1];
        }
    }
    if (ex < 0) {
        fprintf(stderr, "usage: tls-course check EXERCISE [--trace FILE] [--section N] [--name TEXT]\n");
        return 2;
    }
    size_t len = 0;
    char *text = (char *)cli_read_file(path, 16u << 20, &len);
    struct trace t;
    struct trace_parse_error perr;
    struct vectors *v = calloc(1, sizeof(*v));
    if (text == NULL || v == NULL || !trace_parse(text, len, &t, &perr)) {
        printf("FAIL %s: grader error: cannot read the trace %s%s%s\n", argv[0], path,
               text != NULL ? ": " : "", text != NULL ? perr.message : "");
        free(text);
        free(v);
        return 3;
    }
    int rc = 3;
    if (!vectors_load(v, &t, section, name)) {
        printf("FAIL %s: grader error: the trace %s lacks values (see above)\n", argv[0], path);
    } else {
        struct check c = {argv[0], v, name, false};
        bool ok = checks[ex](&c);
        if (ok && !c.failed) {
            printf("PASS %s\n", argv[0]);
            rc = 0;
        } else {
            if (!c.failed) {
                ck_fail(&c, "a check failed without saying why (a grader bug)");
            }
            rc = 1;
        }
    }
    trace_free(&t);
    free(text);
    free(v);
    return rc;
}
