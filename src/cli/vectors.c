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

#include "cli/commands.h"
#include "cli/trace_rfc8448.h"
#include "cli/vectors_check.h"

#define MAX_TRACE_FILE (16u * 1024u * 1024u)

static void usage(FILE *out)
{
    fputs("usage: tls13 vectors [--quiet] FILE\n"
          "\n"
          "Reads FILE, a handshake trace in the text format of RFC 8448 (the RFC text itself\n"
          "works: page headers, footers and prose are skipped), recomputes every value that\n"
          "follows from the trace's inputs (public keys, shared secrets, every key schedule\n"
          "secret, HkdfLabel info, transcript hashes, traffic keys and IVs, Finished values and\n"
          "messages, PSK binders, the resumption PSK, plaintext and protected records) and\n"
          "compares it with the value printed in the trace. CertificateVerify signatures,\n"
          "which cannot be recomputed, are verified with the key of that side's Certificate.\n"
          "Values of a later section may depend on an earlier one (a resumption PSK).\n"
          "\n"
          "Prints one line per value: PASS or FAIL (with both values in hex), or INPUT for a\n"
          "value that cannot be derived (private keys, hello messages, certificates, data),\n"
          "each with its section, line number, step heading and label; then a summary.\n"
          "\n"
          "options:\n"
          "  -q, --quiet   print only the FAIL lines and the summary\n"
          "  -h, --help    print this help\n"
          "\n"
          "exit status: 0 if at least one value was checked and all matched; 1 if any value\n"
          "differs or none could be checked; 2 on a usage error, an unreadable file or a\n"
          "malformed trace.\n",
          out);
}

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

static uint8_t *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "tls13 vectors: cannot open %s: %s\n", path, strerror(errno));
        return NULL;
    }
    uint8_t *buf = malloc(MAX_TRACE_FILE + 1);
    size_t n = buf != NULL ? fread(buf, 1, MAX_TRACE_FILE + 1, f) : 0;
    bool bad = buf == NULL || ferror(f) || n > MAX_TRACE_FILE;
    fclose(f);
    if (bad) {
        fprintf(stderr, "tls13 vectors: cannot read %s (%s)\n", path,
                buf == NULL ? "out of memory" : n > MAX_TRACE_FILE ? "larger than 16 MiB" : "read error");
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

int tls13_cmd_vectors(int argc, char **argv)
{
    struct printer pr = {false};
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        }
        if (strcmp(argv[i], "--quiet") == 0 || strcmp(argv[i], "-q") == 0) {
            pr.quiet = true;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            fprintf(stderr, "tls13 vectors: unknown option '%s'\n", argv[i]);
            usage(stderr);
            return 2;
        } else if (path == NULL) {
            path = argv[i];
        } else {
            fprintf(stderr, "tls13 vectors: one FILE only\n");
            return 2;
        }
    }
    if (path == NULL) {
        usage(stderr);
        return 2;
    }
    size_t len;
    uint8_t *text = read_file(path, &len);
    if (text == NULL) {
        return 2;
    }
    struct trace t;
    struct trace_parse_error err;
    bool parsed = trace_parse((const char *)text, len, &t, &err);
    free(text);
    if (!parsed) {
        fprintf(stderr, "tls13 vectors: %s:%u: %s\n", path, err.line, err.message);
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
