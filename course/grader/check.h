/*
 * check.h — the grader's checks: each exercise's student functions called with values read from
 * an RFC 8448-format trace (RFC 8448 §3 itself, or a per-student variant with the same headings),
 * stopping at the first value that differs and saying what a teaching assistant would say:
 * which value, which RFC step produced it, expected and got in hex, and where to look.
 *
 * Values are looked up by (side, step heading, label, occurrence) exactly as RFC 8448 writes
 * them, e.g. ({server}, derive secret "tls13 c hs traffic", expanded, 0), through the project's
 * own parser of the format (src/cli/trace_rfc8448.h): a trace that `tls13 vectors` accepts plugs
 * in unchanged.
 */
#ifndef TLS13_COURSE_CHECK_H
#define TLS13_COURSE_CHECK_H

#include "cli/trace_rfc8448.h"
#include "course_internal.h"

/* One value of the trace, with where it came from (for messages). */
struct tv {
    const uint8_t *p;
    size_t len;
    char source[200]; /* "RFC 8448 §3, {server} derive secret "tls13 c hs traffic": expanded" */
};

/* Every value the checks use, read once. */
struct vectors {
    const struct course_suite *suite;
    struct tv client_hello, client_hello_record, server_hello, server_hello_record;
    struct tv encrypted_extensions, certificate, certificate_verify, server_finished;
    struct tv server_flight_payload, server_flight_record;
    struct tv client_finished, client_finished_record;
    struct tv nst_payload, nst_record;
    struct tv server_data_payload, server_data_record, server_alert_payload, server_alert_record;
    struct tv client_data_payload, client_data_record, client_alert_payload, client_alert_record;
    struct tv early_secret, derived_prk, derived_hash, derived_secret;
    struct tv shared_secret, handshake_secret;
    struct tv c_hs_prk, c_hs_hash, c_hs_traffic, s_hs_traffic;
    struct tv master_secret, c_ap_hash, c_ap_traffic, s_ap_traffic, res_master_hash;
    struct tv server_hs_key, server_hs_iv, server_hs_key_prk, client_hs_key, client_hs_iv;
    struct tv server_ap_key, server_ap_iv, client_ap_key, client_ap_iv;
    struct tv server_finished_key, server_verify_data, client_finished_key, client_verify_data;
    /* RFC 8448 §5 (HelloRetryRequest), present only when the trace has that section */
    bool have_hrr;
    struct tv hrr_client_hello1, hrr_retry_request, hrr_client_hello2, hrr_server_hello;
    struct tv hrr_hello_hash;
};

struct check {
    const char *exercise;
    const struct vectors *v;
    const char *trace_name; /* "RFC 8448" or "variant trace (student ID)" */
    bool failed;
};

/* Prints "FAIL exercise: summary" (the verdict line) and marks the check failed. */
void ck_fail(struct check *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* An indented line of feedback under the verdict. */
void ck_note(struct check *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * A student call returned got where want was due. call: "get_handshake_cipher()"; what: why
 * want is right (the RFC rule, with its section). False (and FAIL printed) on a mismatch.
 */
bool ck_rc(struct check *c, course_result got, course_result want, const char *call,
           const char *what);

/*
 * A value the student computed. name: "client_handshake_traffic_secret"; call: which student
 * function produced it; step: the RFC step that defines it ("Derive-Secret(Handshake Secret,
 * "c hs traffic", ClientHello..ServerHello), RFC 8446 §7.1"); hint: where to look. False (and
 * FAIL printed with expected/got in hex and the first differing byte) on a mismatch.
 */
bool ck_bytes(struct check *c, const char *name, const char *call, const char *step,
              const struct tv *expected, const uint8_t *got, size_t got_len, const char *hint);

/* The same with an expected value computed by the project (source says how). */
bool ck_bytes_computed(struct check *c, const char *name, const char *call, const char *step,
                       const uint8_t *expected, size_t expected_len, const char *source,
                       const uint8_t *got, size_t got_len, const char *hint);

/* Loads v from trace t, section. False with a message on stderr when a value is missing. */
bool vectors_load(struct vectors *v, const struct trace *t, const char *section,
                  const char *trace_name);

/* One exercise's checks: true when everything passed (PASS printed by the caller). */
bool check_records(struct check *c);
bool check_handshake_keys(struct check *c);
bool check_decrypt(struct check *c);
bool check_transcript(struct check *c);
bool check_finished(struct check *c);
bool check_application_keys(struct check *c);
bool check_post_handshake(struct check *c);

#endif
