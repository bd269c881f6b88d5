/*
 * vectors.c — `tls13 vectors [--quiet] FILE`: recompute and check every value of a trace in
 * RFC 8448's text format (the RFC itself is accepted as published).
 *
 * The parsing is trace_rfc8448.c, the checking vectors_check.c; this file reads the file,
 * prints one line per value (PASS, FAIL with both values in hex, or INPUT for values that are
 * not derivable) and a summary, and sets the exit status: 0 when at least one value was
 * checked and all matched, 1 on any mismatch (or nothing checkable), 2 on usage or file errors.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli_spec.h"
#include "cli/commands.h"
#include "cli/file_read.h"
#include "cli/trace_rfc8448.h"
#include "cli/vectors_check.h"

#define MAX_TRACE_FILE (16u * 1024u * 1024u)

enum {
    OPT_QUIET = CLI_OPT_FIRST,
};

static const struct cli_option vectors_options[] = {
    {OPT_QUIET, "quiet", 'q', NULL, NULL, "Print only the FAIL lines and the summary."},
    CLI_COMMON_OPTIONS,
};

static const struct cli_exit_status vectors_exits[] = {
    {0, "at least one value was checked and all matched"},
    {1, "a value differs, or none could be checked"},
    {2, "usage error, an unreadable file or a malformed trace"},
    {-1, NULL},
};

const struct cli_command tls13_vectors_command = {
    .name = "vectors",
    .operands = "FILE",
    .summary = "recompute and check every value of an RFC 8448-format trace",
    .description =
        "Reads FILE, a handshake trace in the text format of RFC 8448 (the RFC text itself works: "
        "page headers, footers and prose are skipped), recomputes every value that follows from "
        "the trace's inputs (public keys, shared secrets, every key schedule secret, HkdfLabel "
        "info, transcript hashes, traffic keys and IVs, Finished values and messages, PSK "
        "binders, the resumption PSK, plaintext and protected records) and compares it with the "
        "value printed in the trace. CertificateVerify signatures, which cannot be recomputed, "
        "are verified with the key of that side's Certificate. Values of a later section may "
        "depend on an earlier one (a resumption PSK).\n\n"
        "Prints one line per value: PASS or FAIL (with both values in hex), or INPUT for a value "
        "that cannot be derived (private keys, hello messages, certificates, data), each with its "
        "section, line number, step heading and label; then a summary.",
    .options = vectors_options,
    .exits = vectors_exits,
    .examples = "tls13 vectors rfc8448.txt\n\ntls13 vectors --quiet my-stack-trace.txt",
    .run = tls13_cmd_vectors,
};

struct printer {
    bool quiet;
};

static void print_hex_block(const char *title, const uint8_t *p, size_t n)
{
    printf("        %-12s", title);
    if (n == 0) {
        printf("(empty)");
    }
    for (size_t k = 0; k < n; k++) {
        if (k > 0 && k % 32 == 0) {
            printf("\n                    ");
        }
        printf("%02x", p[k]);
    }
    printf("\n");
}

static void print_result(void *ctx, const struct vc_result *r)
{
    const struct printer *pr = ctx;
    static const char *const tags[] = {"PASS ", "FAIL ", "INPUT"};
    if (pr->quiet && r->status != VC_FAIL) {
        return;
    }
    const char *side = trace_side_name(r->step->side);
    printf("%s  §%s line %u  ", tags[r->status], r->section->number[0] ? r->section->number : "-",
           r->value->line);
    if (side[0] != '\0') {
        printf("{%s}  %s: ", side, r->step->heading);
    }
    printf("%s", r->value->label);
    if (r->status == VC_INPUT) {
        printf("  (%s)\n", r->how);
        return;
    }
    if (r->status == VC_PASS) {
        printf("  = %s\n", r->how);
        return;
    }
    printf("\n");
    if (r->computed == NULL) {
        printf("        %s\n", r->how); /* a verification, nothing to show side by side */
        return;
    }
    size_t first = 0;
    print_hex_block("trace:", r->trace_bytes, r->trace_len);
    print_hex_block("recomputed:", r->computed, r->computed_len);
    while (first < r->trace_len && first < r->computed_len && r->trace_bytes[first] == r->computed[first]) {
        first++;
    }
    printf("        first difference at octet %zu; recomputed as %s\n", first, r->how);
}

/* The trace file, or NULL after saying why on stderr. */
static uint8_t *read_trace(const char *path, size_t *len)
{
    uint8_t *text = cli_read_file(path, MAX_TRACE_FILE, len);
    bool read_failed = errno == EFBIG || errno == EIO || errno == ENOMEM; /* opened, not read */
    if (text == NULL && !read_failed) {
        fprintf(stderr, "tls13 vectors: cannot open %s: %s\n", path, strerror(errno));
    } else if (text == NULL) {
        fprintf(stderr, "tls13 vectors: cannot read %s (%s)\n", path,
                errno == EFBIG ? "larger than 16 MiB" : strerror(errno));
    }
    return text;
}

static int apply_option(void *ctx, const struct cli_option *opt, const char *value, char *err,
                        size_t cap)
{
    struct printer *pr = ctx;
    (void)value;
    if (opt->id != OPT_QUIET) {
        snprintf(err, cap, "unknown option --%s", opt->name);
        return CLI_EXIT_USAGE;
    }
    pr->quiet = true;
    return 0;
}

int tls13_cmd_vectors(int argc, char **argv)
{
    struct printer pr = {false};
    const char *operands[2];
    struct cli_args args = {.operands = operands, .operand_cap = 2};
    char err[200] = "";
    int rc = cli_parse(&tls13_vectors_command, argc, argv, apply_option, &pr, &args, err,
                       sizeof(err));
    if (rc == 0 && !args.help && !args.version && args.operand_count != 1) {
        snprintf(err, sizeof(err), "%s", args.operand_count == 0 ? "no FILE given" : "one FILE only");
        rc = CLI_EXIT_USAGE;
    }
    if (rc != 0) {
        fprintf(stderr, "tls13 vectors: %s\n", err);
        cli_print_usage_line(&tls13_vectors_command, stderr);
        return CLI_EXIT_USAGE;
    }
    if (args.help || args.version) {
        if (args.help) {
            cli_print_help(&tls13_vectors_command, stdout);
        } else {
            puts(tls13_version());
        }
        return 0;
    }
    const char *path = operands[0];
    size_t len;
    uint8_t *text = read_trace(path, &len);
    if (text == NULL) {
        return 2;
    }
    struct trace t;
    struct trace_parse_error perr;
    bool parsed = trace_parse((const char *)text, len, &t, &perr);
    free(text);
    if (!parsed) {
        fprintf(stderr, "tls13 vectors: %s:%u: %s\n", path, perr.line, perr.message);
        return 2;
    }
    struct vc_summary sum;
    bool ok = vc_check_trace(&t, print_result, &pr, &sum);
    trace_free(&t);
    printf("%zu values checked, %zu passed, %zu failed; %zu values not derivable (inputs)\n",
           sum.checked, sum.passed, sum.failed, sum.inputs);
    if (!ok) {
        fprintf(stderr, "tls13 vectors: out of memory\n");
        return 2;
    }
    if (sum.failed > 0) {
        return 1;
    }
    if (sum.checked == 0) {
        fprintf(stderr, "tls13 vectors: %s: no value could be checked\n", path);
        return 1;
    }
    return 0;
}
