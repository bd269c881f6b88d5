/*
 * vectors_check.h — recomputes the values of an RFC 8448-format trace (RFC 8446 §4.4, §5.2,
 * §7.1, §7.3, §4.2.11.2, §4.6.1), the engine of `tls13 vectors`.
 *
 * Implementation notes
 * --------------------
 * A trace mixes two kinds of values. Inputs are what a run chose or received: ephemeral
 * private keys, the hello messages, certificates, application data. Everything else follows
 * from the inputs by the RFC's formulas: public keys, shared secrets, every secret of the key
 * schedule, HkdfLabel "info" structures, transcript hashes, traffic keys, Finished values and
 * messages, PSK binders, the resumption PSK, and the bytes of every record, protected or not.
 *
 * The engine walks the steps in the trace's order and keeps, per section, its OWN chain of
 * values computed from the inputs only: a derived value printed in the trace is compared and
 * never used further. So one wrong value in a trace gives exactly one FAIL, at that value, and
 * not a cascade after it. (One exception: a CertificateVerify message is an input to the
 * transcript, but its signature can be verified with the key of the Certificate before it,
 * so it is checked; a wrong one fails there and in every transcript hash after it.)
 * When a value cannot be derived (the trace leaves out what it needs),
 * the trace's value is taken as an input instead and reported as such.
 *
 * What is carried across sections: the resumption PSK (§4.6.1) computed in a section with a
 * NewSessionTicket becomes the early-secret IKM of a later section whose ClientHello offers a
 * pre_shared_key (RFC 8448 §4 resumes §3).
 *
 * Results go to a callback, one per value, in trace order; printing is the caller's business.
 */
#ifndef TLS13_CLI_VECTORS_CHECK_H
#define TLS13_CLI_VECTORS_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cli/trace_rfc8448.h"

enum vc_status {
    VC_PASS,  /* recomputed, equal to the trace */
    VC_FAIL,  /* recomputed, different from the trace */
    VC_INPUT, /* not derivable: an input of the run, or missing what it derives from */
};

struct vc_result {
    enum vc_status status;
    const struct trace_section *section;
    const struct trace_step *step;
    const struct trace_value *value;
    /* PASS/FAIL: how the value was recomputed, e.g. "HKDF-Extract(salt, IKM)".
       INPUT: why it was not, e.g. "input: ephemeral private key". Never NULL. */
    const char *how;
    /* PASS/FAIL: the recomputed value (valid during the callback only); NULL for a value
       checked by verification instead (a CertificateVerify signature). */
    const uint8_t *computed;
    size_t computed_len;
    /* The trace's value ("0 (all zero octets)" reads as no octets here). */
    const uint8_t *trace_bytes;
    size_t trace_len;
};

typedef void (*vc_report_fn)(void *ctx, const struct vc_result *result);

struct vc_summary {
    size_t checked; /* passed + failed */
    size_t passed;
    size_t failed;
    size_t inputs;  /* values not derivable */
};

/*
 * Checks every value of t, calling report (which may be NULL) once per value in trace order.
 * Returns false only when memory runs out (the summary then covers what was done).
 */
bool vc_check_trace(const struct trace *t, vc_report_fn report, void *ctx,
                    struct vc_summary *summary);

#endif
