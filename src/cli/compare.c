/*
 * compare.c — `tls13 compare [--keylog FILE]... [--format text|json|html] A[#N] B[#M]`
 * (options anywhere; described once in tls13_compare_command)
 *
 * Each operand is an input the decoder reads (pcap, pcapng or token trace), optionally followed
 * by "#N": the N-th connection in it (1 by default; the numbering of `tls13 decode`). Each is
 * decoded on its own with the key logs given, through the decoder's observers only
 * (src/decoder/profile.h), then the two profiles are compared and rendered (compare.h).
 */
#define _POSIX_C_SOURCE 200809L /* isatty, fileno */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli/cli_spec.h"
#include "cli/commands.h"
#include "cli/compare.h"
#include "cli/file_read.h"
#include "decoder/decode.h"
#include "decoder/keylog.h"
#include "decoder/profile.h"

enum {
    OPT_KEYLOG = CLI_OPT_FIRST,
    OPT_FORMAT,
    OPT_LAYOUT,
};

static const char *const formats[] = {"text", "json", "html", NULL};
static const char *const layouts[] = {"auto", "columns", "list", NULL};

static const struct cli_option compare_options[] = {
    {OPT_KEYLOG, "keylog", 0, "FILE", NULL,
     "NSS key log (SSLKEYLOGFILE format) for either input; sessions are matched by client "
     "random. May be given more than once."},
    {OPT_FORMAT, "format", 0, "FORMAT", formats,
     "text (default), json (docs/compare-json.md: both profiles and the list of differences, "
     "empty when there is none) or html (one self-contained page: the two ladders side by "
     "side, differences highlighted)."},
    {OPT_LAYOUT, "layout", 0, "LAYOUT", layouts,
     "Text only: columns (A and B side by side, every item compared), list (only the "
     "differences, diff-like), or auto (default: columns on a terminal, list otherwise)."},
    CLI_COMMON_OPTIONS,
};

static const struct cli_exit_status compare_exits[] = {
    {0, "both connections were read and compared (whether or not they differ)"},
    {1, "an input or a key log could not be read, or holds no connection #N"},
    {2, "usage error"},
    {-1, NULL},
};

const struct cli_command tls13_compare_command = {
    .name = "compare",
    .operands = "A[#N] B[#M]",
    .summary = "two TLS or DTLS connections side by side: offers, choices, flights, closing",
    .description =
        "Compares two connections, each from a pcap, pcapng or token trace (the same file twice "
        "is fine); #N picks the N-th connection of an input, as numbered by tls13 decode (1 by "
        "default).\n\n"
        "Compared: the ClientHello offers in wire order (cipher suites, versions, groups, key "
        "shares, signature algorithms, every extension with its value), with what is only in A, "
        "only in B, or in both at another position or with another value; what was negotiated "
        "(version, suite, group, signature scheme, HelloRetryRequest, resumption and PSK mode, "
        "ALPN, 0-RTT, extended master secret for TLS 1.2); the shape of each flight (records, "
        "their types and sizes, ChangeCipherSpec placement, messages sharing a record, padding "
        "when decrypted), with what each size is made of; and what came after the handshake "
        "(NewSessionTickets, KeyUpdates, application data, who closed first and how: "
        "close_notify, FIN or RST).\n\n"
        "Without --keylog, protected records are compared as the decoder infers them (marked "
        "'?'). TLS 1.2 and TLS 1.3 connections compare on the items that apply to both.\n\n"
        "DTLS connections compare too: the ClientHello's cookie and the HelloVerifyRequest "
        "exchange, datagrams per flight, how each handshake message was cut into fragments, "
        "retransmitted records, and each side's largest datagram against Schannel's default "
        "DTLS MTU (1096 bytes). A TLS connection against a DTLS one says so in one line "
        "(transport) and compares the items both have.",
    .options = compare_options,
    .exits = compare_exits,
    .examples = "tls13 compare --keylog ours.keylog ours.trace schannel.pcap\n\n"
                "tls13 compare --format json capture.pcap#1 capture.pcap#2\n\n"
                "tls13 compare --format html a.pcapng b.pcapng > compare.html",
    .run = tls13_cmd_compare,
};

struct compare_args {
    struct tls_keylog kl;
    bool have_keylog;
    int format;   /* index into formats */
    int layout;   /* index into layouts */
};

static int apply_option(void *ctx, const struct cli_option *o, const char *value, char *err,
                        size_t cap)
{
    struct compare_args *c = ctx;
    switch (o->id) {
    case OPT_KEYLOG:
        c->have_keylog = true;
        return cli_load_keylog("compare", value, &c->kl) == 0 ? 0 : -1;
    case OPT_FORMAT:
        c->format = strcmp(value, "json") == 0 ? 1 : strcmp(value, "html") == 0 ? 2 : 0;
        return 0;
    case OPT_LAYOUT:
        c->layout = strcmp(value, "columns") == 0 ? 1 : strcmp(value, "list") == 0 ? 2 : 0;
        return 0;
    default:
        snprintf(err, cap, "unknown option --%s", o->name);
        return CLI_EXIT_USAGE;
    }
}

/* "PATH#N": splits off N when the text after the last '#' is a number. 0 or usage error. */
static int split_operand(const char *operand, char *path, size_t cap, unsigned *n, char *err,
                         size_t err_cap)
{
    const char *hash = strrchr(operand, '#');
    *n = 1;
    size_t len = strlen(operand);
    if (hash != NULL && hash[1] != '\0' && strspn(hash + 1, "0123456789") == strlen(hash + 1)) {
        unsigned long v = strtoul(hash + 1, NULL, 10);
        if (v == 0 || v > TLS_STREAM_MAX_CONNECTIONS) {
            snprintf(err, err_cap, "'%s': connections are numbered from 1 to %u", operand,
                     TLS_STREAM_MAX_CONNECTIONS);
            return CLI_EXIT_USAGE;
        }
        *n = (unsigned)v;
        len = (size_t)(hash - operand);
    }
    if (len == 0 || len >= cap) {
        snprintf(err, err_cap, "'%s': no input file named", operand);
        return CLI_EXIT_USAGE;
    }
    memcpy(path, operand, len);
    path[len] = '\0';
    return 0;
}

static void discard(void *ctx, const char *text, size_t len)
{
    (void)ctx;
    (void)text;
    (void)len;
}

/* Decodes one input and keeps connection n's profile. 0, or 1 after a one-line message. */
static int collect(const char *operand, const char *path, unsigned n,
                   const struct tls_keylog *kl, struct tls_profile *out)
{
    /* JSON: the decoder then builds no text details, which nobody reads here. */
    struct tls_decode_options opt = {.format = TLS_DECODE_JSON, .keylog = kl, .write = discard};
    struct tls_profile_collector pc;
    tls_profile_collector_init(&pc, out, n, operand);
    tls_profile_observe(&pc, &opt);
    struct tls_decoder *dec = tls_decoder_new(&opt);
    if (dec == NULL) {
        fprintf(stderr, "tls13 compare: out of memory\n");
        return 1;
    }
    struct tls_input_error ie;
    memset(&ie, 0, sizeof(ie));
    tls_result rc = tls_decoder_decode_file(dec, path, &ie);
    tls_decoder_finish(dec);
    tls_decoder_free(dec);
    if (rc != TLS_OK) {
        const char *why = ie.message[0] != '\0' ? ie.message
                          : ie.err.reason != NULL ? ie.err.reason
                                                  : "cannot be read";
        if (strncmp(why, path, strlen(path)) == 0) {
            fprintf(stderr, "tls13 compare: %s\n", why);
        } else {
            fprintf(stderr, "tls13 compare: %s: %s\n", path, why);
        }
        return 1;
    }
    if (!out->ended) {
        if (pc.connections == 0) {
            fprintf(stderr, "tls13 compare: %s: no TLS connection in it\n", path);
        } else {
            fprintf(stderr, "tls13 compare: %s: no connection #%u (it holds %u)\n", operand, n,
                    pc.connections);
        }
        return 1;
    }
    return 0;
}

static unsigned terminal_width(void)
{
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 60) {
        return ws.ws_col;
    }
    return 120;
}

static int run(struct compare_args *c, const char *const *operands)
{
    char path[2][1024];
    unsigned n[2];
    char err[300];
    for (int s = 0; s < 2; s++) {
        if (split_operand(operands[s], path[s], sizeof(path[s]), &n[s], err, sizeof(err)) != 0) {
            fprintf(stderr, "tls13 compare: %s\n", err);
            cli_print_usage_line(&tls13_compare_command, stderr);
            return CLI_EXIT_USAGE;
        }
    }
    struct tls_profile *p = calloc(2, sizeof(*p));
    struct tls_profile_diff *d = calloc(1, sizeof(*d));
    int rc = p == NULL || d == NULL ? 1 : 0;
    if (rc != 0) {
        fprintf(stderr, "tls13 compare: out of memory\n");
    }
    const struct tls_keylog *kl = c->have_keylog ? &c->kl : NULL;
    for (int s = 0; rc == 0 && s < 2; s++) {
        rc = collect(operands[s], path[s], n[s], kl, &p[s]);
    }
    if (rc == 0) {
        tls_profile_diff(&p[0], &p[1], d);
        bool tty = isatty(STDOUT_FILENO) == 1;
        if (c->format == 1) {
            compare_print_json(stdout, &p[0], &p[1], d);
        } else if (c->format == 2) {
            compare_print_html(stdout, &p[0], &p[1], d);
        } else if (c->layout == 1 || (c->layout == 0 && tty)) {
            compare_print_columns(stdout, &p[0], &p[1], d, terminal_width());
        } else {
            compare_print_list(stdout, &p[0], &p[1], d);
        }
        fflush(stdout);
    }
    free(p);
    free(d);
    return rc;
}

int tls13_cmd_compare(int argc, char **argv)
{
    struct compare_args c = {.format = 0};
    tls_keylog_init(&c.kl);
    const char *operands[3] = {NULL, NULL, NULL};
    struct cli_args args = {.operands = operands, .operand_cap = 3};
    char err[200] = "";
    int rc = cli_parse(&tls13_compare_command, argc, argv, apply_option, &c, &args, err, sizeof(err));
    if (rc == 0 && !args.help && !args.version && args.operand_count != 2) {
        snprintf(err, sizeof(err), "%s", args.operand_count < 2 ? "two inputs are needed (A and B)"
                                                               : "more than two inputs given");
        rc = CLI_EXIT_USAGE;
    }
    if (rc == CLI_EXIT_USAGE) {
        fprintf(stderr, "tls13 compare: %s\n", err);
        cli_print_usage_line(&tls13_compare_command, stderr);
        fputs("Run 'tls13 compare --help' for the options.\n", stderr);
    } else if (rc == 0 && args.help) {
        cli_print_help(&tls13_compare_command, stdout);
    } else if (rc == 0 && args.version) {
        puts(tls13_version());
    } else if (rc == 0) {
        rc = run(&c, operands);
    }
    tls_keylog_free(&c.kl);
    return rc < 0 ? 1 : rc;
}
