/*
 * trace_rfc8448.h — a parser for the text format of RFC 8448 ("Example Handshake Traces for
 * TLS 1.3"), the input of `tls13 vectors`.
 *
 * Implementation notes
 * --------------------
 * RFC 8448 writes a handshake as numbered sections, each a list of steps; a step is a heading
 * naming who acts and what is done, followed by labelled values in hex:
 *
 *    3.  Simple 1-RTT Handshake                                  <- section
 *
 *       {server}  derive secret "tls13 c hs traffic":             <- step (indent 3)
 *
 *          PRK (32 octets):  1d c8 26 e9 36 06 aa 6f dc 0a ...    <- value (indent 6)
 *             04 6a a6 b9 9f 69 1e d2 21 a9 f0 ca 04 3f be ac     <- continued (indent 9)
 *
 * Besides "label (N octets):  hex", two other forms occur: "salt:  0 (all zero octets)" (RFC
 * 8446 §7.1: a string of Hash.length zero bytes) and "hash (0 octets):  (empty)". Headings
 * of steps that repeat another side's work ("(same as server)") carry no values and may wrap
 * onto a second line; they are kept, since a checker still has to act on them (a side switching
 * to new traffic keys). Section 2 lists the server's RSA key as values outside any step.
 *
 * The RFC text itself is accepted as it is published: page footers and headers (lines starting
 * in column 0 that are not section titles), form feeds and prose are skipped; a value may be
 * continued across a page break, and the declared octet count says where it ends.
 *
 * The parser is pure (it reads a buffer, never a file) and bounded: every field has a fixed
 * capacity, counts are capped, and any input gives either a trace or an error naming the line.
 * The parsed trace is allocated on the heap (this is src/cli); trace_free() releases it.
 */
#ifndef TLS13_CLI_TRACE_RFC8448_H
#define TLS13_CLI_TRACE_RFC8448_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TRACE_LABEL_CAP 64      /* "complete record", "ClientHello prefix", ... */
#define TRACE_HEADING_CAP 192   /* a step heading, wrapped lines joined */
#define TRACE_TITLE_CAP 96      /* a section title */
#define TRACE_MAX_VALUES 100000 /* caps that keep a hostile input from growing without bound */
#define TRACE_MAX_OCTETS (16u * 1024u * 1024u)

enum trace_side {
    TRACE_SIDE_NONE = 0, /* a value outside any step (RFC 8448 §2's private key) */
    TRACE_SIDE_CLIENT,
    TRACE_SIDE_SERVER,
};

enum trace_value_form {
    TRACE_VALUE_HEX,       /* "label (N octets):  01 02 ..." or "label:  01 02 ..." */
    TRACE_VALUE_EMPTY,     /* "label (0 octets):  (empty)" */
    TRACE_VALUE_ZERO_SALT, /* "salt:  0 (all zero octets)": Hash.length zeros (RFC 8446 §7.1) */
};

struct trace_value {
    char label[TRACE_LABEL_CAP]; /* "expanded", "key info", "public key", "ClientHello" */
    enum trace_value_form form;
    size_t offset;               /* where the octets start in trace.octets */
    size_t len;                  /* how many octets (0 for EMPTY and ZERO_SALT) */
    unsigned line;               /* line of the label in the input, from 1 */
};

struct trace_step {
    enum trace_side side;
    char heading[TRACE_HEADING_CAP]; /* after the side, without the colon:
                                        "derive secret \"tls13 c hs traffic\"" */
    unsigned line;
    size_t section;                  /* index into trace.sections */
    size_t first_value;              /* index into trace.values */
    size_t value_count;
};

struct trace_section {
    char number[8];                /* "3" */
    char title[TRACE_TITLE_CAP];   /* "Simple 1-RTT Handshake" */
    unsigned line;
    size_t first_step;
    size_t step_count;
};

struct trace {
    struct trace_section *sections;
    size_t section_count;
    struct trace_step *steps;
    size_t step_count;
    struct trace_value *values;
    size_t value_count;
    uint8_t *octets;   /* every value's bytes, one after the other */
    size_t octet_len;
    /* capacities of the arrays above (growth bookkeeping) */
    size_t section_cap, step_cap, value_cap, octet_cap;
};

struct trace_parse_error {
    unsigned line;       /* 0 when the error is not tied to a line (out of memory) */
    char message[160];
};

/*
 * Parses text (len bytes; need not be NUL-terminated) into *out. On failure *out is left empty
 * (nothing to free) and err says which line and why. Returns true on success.
 */
bool trace_parse(const char *text, size_t len, struct trace *out, struct trace_parse_error *err);

void trace_free(struct trace *t);

/* The bytes of v (v->len of them); a view into t, valid until trace_free. */
const uint8_t *trace_value_bytes(const struct trace *t, const struct trace_value *v);

/* "client", "server" or "" */
const char *trace_side_name(enum trace_side side);

#endif
