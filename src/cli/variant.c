/*
 * variant.c — `tls13 variant [--hrr] [--out FILE] ID`: writes RFC 8448 §3 (or §5) with fresh
 * values derived from ID (variant.h says how), for a course to give each student their own
 * expected values. Its options are described once, in tls13_variant_command.
 *
 * This file parses the arguments and writes the text; variant_s3.c / variant_s5.c make it.
 * Exit status: 0 when the trace was written, 1 if it could not be made or written, 2 on a
 * usage error (no ID, an empty or unprintable ID, an unknown option).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli_spec.h"
#include "cli/commands.h"
#include "cli/variant.h"
#include "cli/variant_hs.h"

enum {
    OPT_HRR = CLI_OPT_FIRST,
    OPT_OUT,
};

static const struct cli_option variant_options[] = {
    {OPT_HRR, "hrr", 0, NULL, NULL, "RFC 8448 section 5 (HelloRetryRequest) instead of section 3."},
    {OPT_OUT, "out", 'o', "FILE", NULL, "Write the trace to FILE instead of standard output."},
    CLI_COMMON_OPTIONS,
};

static const struct cli_exit_status variant_exits[] = {
    {0, "the trace was written"},
    {1, "it could not be made or written"},
    {2, "usage error (no ID, an empty or unusable ID, an unknown option)"},
    {-1, NULL},
};

const struct cli_command tls13_variant_command = {
    .name = "variant",
    .operands = "ID",
    .summary = "RFC 8448 §3 (§5 with --hrr) again, with fresh keys derived from ID",
    .description =
        "Writes a handshake trace in the text format of RFC 8448, shaped exactly like its section "
        "3 \"Simple 1-RTT Handshake\" (same section number, title, step headings, labels and "
        "octet counts) but with fresh values derived from ID: the client and server randoms, both "
        "x25519 private keys, the RSA-PSS salt of the CertificateVerify and the session ticket "
        "are HKDF-Expand(seed, name, length) with seed = SHA-256(\"tls13 variant of RFC 8448 "
        "section 3\" || 0x00 || ID). Everything else is computed from them by this program: the "
        "x25519 shared secret, the whole key schedule, traffic keys, the CertificateVerify "
        "(signed with RFC 8448 section 2's RSA key), both Finished, and every record, protected "
        "as RFC 8446 says. The same ID always gives the same bytes; another ID gives other "
        "values. `tls13 vectors FILE` checks the result like RFC 8448 itself.\n\n"
        "With --hrr the trace is shaped like section 5 \"HelloRetryRequest\" instead: an x25519 "
        "offer, a HelloRetryRequest for P-256 with a cookie, a second ClientHello, and the "
        "transcript's message_hash; its seed uses \"... section 5\", and the P-256 private keys "
        "and the cookie are generated too.\n\n"
        "ID is 1 to 128 bytes without control characters (a student's login, say); -- before it "
        "lets an ID start with '-'.",
    .options = variant_options,
    .exits = variant_exits,
    .examples = "tls13 variant alice > alice.txt && tls13 vectors --quiet alice.txt\n\n"
                "tls13 variant --hrr --out bob-hrr.txt bob",
    .run = tls13_cmd_variant,
};

tls_result variant_generate(enum variant_section section, const char *id,
                            struct variant_text *out, struct tls_error *err)
{
    switch (section) {
    case VARIANT_S3_SIMPLE_1RTT:
        return variant_generate_s3(id, out, err);
    case VARIANT_S5_HELLO_RETRY:
        return variant_generate_s5(id, out, err);
    default:
        return tls_fail(err, TLS_ALERT_internal_error, "variant: no such section");
    }
}

const char *variant_id_problem(const char *id)
{
    size_t n = strlen(id);
    if (n == 0) {
        return "the ID is empty";
    }
    if (n > VARIANT_ID_MAX) {
        return "the ID is longer than 128 bytes";
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)id[i];
        if (c < 0x20 || c == 0x7f) {
            return "the ID contains a control character";
        }
    }
    return NULL;
}

void variant_text_free(struct variant_text *t)
{
    free(t->p);
    memset(t, 0, sizeof(*t));
}

/* Writes text to path (or stdout when NULL); false with a message on failure. */
static bool write_out(const char *path, const struct variant_text *text)
{
    FILE *f = path != NULL ? fopen(path, "wb") : stdout;
    if (f == NULL) {
        fprintf(stderr, "tls13 variant: cannot open %s: %s\n", path, strerror(errno));
        return false;
    }
    bool ok = fwrite(text->p, 1, text->len, f) == text->len;
    ok = (path != NULL ? fclose(f) : fflush(f)) == 0 && ok;
    if (!ok) {
        fprintf(stderr, "tls13 variant: cannot write %s\n",
                path != NULL ? path : "standard output");
    }
    return ok;
}

struct variant_args {
    enum variant_section section;
    const char *out;
};

static int apply_option(void *ctx, const struct cli_option *opt, const char *value, char *err,
                        size_t cap)
{
    struct variant_args *v = ctx;
    switch (opt->id) {
    case OPT_HRR:
        v->section = VARIANT_S5_HELLO_RETRY;
        return 0;
    case OPT_OUT:
        v->out = value;
        return 0;
    default:
        snprintf(err, cap, "unknown option --%s", opt->name);
        return CLI_EXIT_USAGE;
    }
}

int tls13_cmd_variant(int argc, char **argv)
{
    struct variant_args v = {.section = VARIANT_S3_SIMPLE_1RTT};
    const char *operands[2];
    struct cli_args args = {.operands = operands, .operand_cap = 2};
    char err[200] = "";
    int rc = cli_parse(&tls13_variant_command, argc, argv, apply_option, &v, &args, err,
                       sizeof(err));
    if (rc == 0 && !args.help && !args.version && args.operand_count != 1) {
        snprintf(err, sizeof(err), "%s", args.operand_count == 0 ? "missing ID" : "one ID only");
        rc = CLI_EXIT_USAGE;
    }
    if (rc != 0) {
        fprintf(stderr, "tls13 variant: %s (see tls13 variant --help)\n", err);
        return CLI_EXIT_USAGE;
    }
    if (args.help) {
        cli_print_help(&tls13_variant_command, stdout);
        return 0;
    }
    if (args.version) {
        puts(tls13_version());
        return 0;
    }
    const char *id = operands[0];
    enum variant_section section = v.section;
    const char *out = v.out;
    const char *problem = variant_id_problem(id);
    if (problem != NULL) {
        fprintf(stderr, "tls13 variant: %s (an ID is 1 to 128 bytes, no control characters)\n",
                problem);
        return 2;
    }
    struct variant_text text = {0};
    struct tls_error gen_err = {0};
    if (variant_generate(section, id, &text, &gen_err) != TLS_OK) {
        fprintf(stderr, "tls13 variant: %s\n", gen_err.reason != NULL ? gen_err.reason : "failed");
        variant_text_free(&text);
        return 1;
    }
    bool written = write_out(out, &text);
    variant_text_free(&text);
    return written ? 0 : 1;
}
