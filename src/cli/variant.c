/*
 * variant.c — `tls13 variant ID [--out FILE]`: writes RFC 8448 §3 with fresh values derived
 * from ID (variant.h says how), for a course to give each student their own expected values.
 *
 * This file parses the arguments and writes the text; variant_s3.c / variant_s5.c make it.
 * Exit status: 0 when the trace was written, 1 if it could not be made or written, 2 on a
 * usage error (no ID, an empty or unprintable ID, an unknown option).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/variant.h"
#include "cli/variant_hs.h"

static void usage(FILE *out)
{
    fputs("usage: tls13 variant [--hrr] [--out FILE] ID\n"
          "\n"
          "Writes a handshake trace in the text format of RFC 8448, shaped exactly like its\n"
          "section 3 \"Simple 1-RTT Handshake\" (same section number, title, step headings,\n"
          "labels and octet counts) but with fresh values derived from ID: the client and\n"
          "server randoms, both x25519 private keys, the RSA-PSS salt of the CertificateVerify\n"
          "and the session ticket are HKDF-Expand(seed, name, length) with\n"
          "seed = SHA-256(\"tls13 variant of RFC 8448 section 3\" || 0x00 || ID).\n"
          "Everything else is computed from them by this program: the x25519 shared secret,\n"
          "the whole key schedule, traffic keys, the CertificateVerify (signed with RFC 8448\n"
          "section 2's RSA key), both Finished, and every record, protected as RFC 8446 says.\n"
          "The same ID always gives the same bytes; another ID gives other values.\n"
          "`tls13 vectors FILE` checks the result like RFC 8448 itself.\n"
          "\n"
          "With --hrr the trace is shaped like section 5 \"HelloRetryRequest\" instead: an\n"
          "x25519 offer, a HelloRetryRequest for P-256 with a cookie, a second ClientHello,\n"
          "and the transcript's message_hash; its seed uses \"... section 5\", and the P-256\n"
          "private keys and the cookie are generated too.\n"
          "\n"
          "ID is 1 to 128 bytes without control characters (a student's login, say).\n"
          "\n"
          "options:\n"
          "      --hrr        RFC 8448 section 5 (HelloRetryRequest) instead of section 3\n"
          "  -o, --out FILE   write the trace to FILE instead of standard output\n"
          "  -h, --help       print this help\n"
          "\n"
          "exit status: 0 if the trace was written; 1 if it could not be made or written;\n"
          "2 on a usage error (no ID, an empty or unusable ID, an unknown option).\n",
          out);
}

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

int tls13_cmd_variant(int argc, char **argv)
{
    const char *id = NULL, *out = NULL;
    enum variant_section section = VARIANT_S3_SIMPLE_1RTT;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        }
        if (strcmp(a, "--hrr") == 0) {
            section = VARIANT_S5_HELLO_RETRY;
        } else if (strcmp(a, "--out") == 0 || strcmp(a, "-o") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "tls13 variant: %s needs a FILE\n", a);
                return 2;
            }
            out = argv[++i];
        } else if (strcmp(a, "--") == 0 && i + 2 == argc && id == NULL) {
            id = argv[++i]; /* an ID that starts with '-' */
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "tls13 variant: unknown option '%s' (see tls13 variant --help)\n", a);
            return 2;
        } else if (id == NULL) {
            id = a;
        } else {
            fprintf(stderr, "tls13 variant: one ID only (see tls13 variant --help)\n");
            return 2;
        }
    }
    if (id == NULL) {
        fprintf(stderr,
                "tls13 variant: missing ID (usage: tls13 variant [--hrr] [--out FILE] ID)\n");
        return 2;
    }
    const char *problem = variant_id_problem(id);
    if (problem != NULL) {
        fprintf(stderr, "tls13 variant: %s (an ID is 1 to 128 bytes, no control characters)\n",
                problem);
        return 2;
    }
    struct variant_text text = {0};
    struct tls_error err = {0};
    if (variant_generate(section, id, &text, &err) != TLS_OK) {
        fprintf(stderr, "tls13 variant: %s\n", err.reason != NULL ? err.reason : "failed");
        variant_text_free(&text);
        return 1;
    }
    bool written = write_out(out, &text);
    variant_text_free(&text);
    return written ? 0 : 1;
}
