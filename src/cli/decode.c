/*
 * decode.c — `tls13 decode [--keylog FILE] [--format text|json|html] [--show-data] INPUT...
 * (options anywhere; described once in tls13_decode_command)
 *
 * Reads the key log (NSS format, SSLKEYLOGFILE) and hands each INPUT (pcap, pcapng or token
 * trace, detected from its content) to the decoder (src/decoder/decode.h), which writes to
 * stdout. Exit status: 0 when every input could be read, 1 when one could not, 2 on usage.
 */
#define _POSIX_C_SOURCE 200809L /* isatty, stat, clock_gettime */

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli_spec.h"
#include "cli/commands.h"
#include "cli/file_read.h"
#include "decoder/decode.h"
#include "decoder/keylog.h"

enum {
    OPT_KEYLOG = CLI_OPT_FIRST,
    OPT_FORMAT,
    OPT_SHOW_DATA,
};

static const char *const formats[] = {"text", "json", "html", NULL};

static const struct cli_option decode_options[] = {
    {OPT_KEYLOG, "keylog", 0, "FILE", NULL,
     "NSS key log (SSLKEYLOGFILE format); sessions are matched by client random. May be given "
     "more than once."},
    {OPT_FORMAT, "format", 0, "FORMAT", formats,
     "text (default: the ladder, then every record), json (docs/decoder-json.md) or html (one "
     "self-contained page: every byte in its field, the key schedule, the checks; "
     "docs/decoder-html.md)."},
    {OPT_SHOW_DATA, "show-data", 0, NULL, NULL, "Print decrypted application data (hex and text)."},
    CLI_COMMON_OPTIONS,
};

static const struct cli_exit_status decode_exits[] = {
    {0, "every input was read (whatever it held)"},
    {1, "an input or the key log could not be read"},
    {130, "interrupted (Ctrl-C): what was decoded until then is written, as valid JSON with "
          "--format json"},
    {2, "usage error"},
    {-1, NULL},
};

const struct cli_command tls13_decode_command = {
    .name = "decode",
    .operands = "INPUT...",
    .summary = "explain the TLS records of a pcap, pcapng or token trace",
    .description =
        "Explains every TLS record and handshake message of each INPUT: a pcap or pcapng capture "
        "(TCP is reassembled; TLS is found by content on any port) or a token trace (the buffers "
        "Schannel's InitializeSecurityContext and AcceptSecurityContext exchanged, as C:/S: hex "
        "lines). The format is detected from the content.\n\n"
        "Without --keylog, protected records are inferred from their position and size (marked "
        "'?'); with it, they are decrypted and both Finished values are checked.\n\n"
        "While a capture is read, a progress line (bytes and connections) is shown on stderr when "
        "stderr is a terminal.",
    .options = decode_options,
    .exits = decode_exits,
    .examples = "tls13 decode capture.pcapng\n\n"
                "tls13 decode --keylog keys.txt --format json capture.pcap",
    .run = tls13_cmd_decode,
};

static void write_stdout(void *ctx, const char *text, size_t len)
{
    (void)ctx;
    fwrite(text, 1, len, stdout);
}

struct decode_args {
    struct tls_decode_options opt;
    struct tls_keylog kl;
    bool have_keylog;
};

/*
 * Ctrl-C during a long decode: the handler only sets a flag; the decoder sees it at its next
 * progress call and stops reading, and what was decoded is still written and closed (valid
 * JSON). Exit status 130, as a shell reports a command ended by SIGINT.
 */
#define DECODE_EXIT_INTERRUPTED 130

static volatile sig_atomic_t interrupted;

static void on_sigint(int sig)
{
    (void)sig;
    interrupted = 1;
}

/* Progress on stderr, only when it is a terminal (like pv or curl): input, bytes, connections. */
struct progress {
    bool tty;               /* stderr is a terminal: show the line */
    const char *input;
    uint64_t size;          /* the input file's size, for a percentage (0: unknown) */
    struct timespec last;   /* when the line was last written */
    bool shown;
};

static bool show_progress(void *ctx, uint64_t bytes_read, unsigned connections)
{
    struct progress *p = ctx;
    if (interrupted) {
        return false;
    }
    if (!p->tty) {
        return true;
    }
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double since = (double)(now.tv_sec - p->last.tv_sec) + (double)(now.tv_nsec - p->last.tv_nsec) / 1e9;
    bool whole_file = p->size > 0 && bytes_read >= p->size; /* the last call for this input */
    if (since < 0.25 && !whole_file) {
        return true;
    }
    p->last = now;
    p->shown = true;
    fprintf(stderr, "\r%s: %.1f MB", p->input, (double)bytes_read / 1e6);
    if (p->size > 0) {
        fprintf(stderr, " of %.1f MB (%u%%)", (double)p->size / 1e6,
                (unsigned)(bytes_read * 100 / p->size));
    }
    fprintf(stderr, ", %u connection%s  ", connections, connections == 1 ? "" : "s");
    return true;
}

static int apply_option(void *ctx, const struct cli_option *o, const char *value, char *err,
                        size_t cap)
{
    struct decode_args *d = ctx;
    switch (o->id) {
    case OPT_KEYLOG:
        /* Read now, in command-line order; a key log that cannot be read ends the run (exit 1). */
        d->have_keylog = true;
        return cli_load_keylog("decode", value, &d->kl) == 0 ? 0 : -1;
    case OPT_FORMAT:
        d->opt.format = strcmp(value, "json") == 0   ? TLS_DECODE_JSON
                        : strcmp(value, "html") == 0 ? TLS_DECODE_HTML
                                                     : TLS_DECODE_TEXT;
        return 0;
    case OPT_SHOW_DATA:
        d->opt.show_data = true;
        return 0;
    default:
        snprintf(err, cap, "unknown option --%s", o->name);
        return CLI_EXIT_USAGE;
    }
}

/* Decodes every input in order; 0, 1 when one could not be read, 130 when interrupted. */
static int decode_inputs(struct tls_decode_options *opt, const char **inputs, size_t count)
{
    struct progress prog = {.tty = isatty(STDERR_FILENO) == 1};
    opt->progress = show_progress;
    opt->progress_ctx = &prog;
    signal(SIGINT, on_sigint);
    struct tls_decoder *dec = tls_decoder_new(opt);
    int status = dec == NULL ? 1 : 0;
    for (size_t i = 0; dec != NULL && i < count && !interrupted; i++) {
        struct stat st;
        prog.input = inputs[i];
        prog.size = stat(inputs[i], &st) == 0 ? (uint64_t)st.st_size : 0;
        struct tls_input_error ie;
        memset(&ie, 0, sizeof(ie));
        if (tls_decoder_decode_file(dec, inputs[i], &ie) != TLS_OK) {
            if (strncmp(ie.message, inputs[i], strlen(inputs[i])) == 0) {
                fprintf(stderr, "tls13 decode: %s\n", ie.message); /* names the file already */
            } else if (ie.message[0] != '\0') {
                fprintf(stderr, "tls13 decode: %s: %s\n", inputs[i], ie.message);
            } else {
                fprintf(stderr, "tls13 decode: %s: %s\n", inputs[i],
                        ie.err.reason != NULL ? ie.err.reason : "cannot be read");
            }
            status = 1;
        }
    }
    if (dec != NULL) {
        tls_decoder_finish(dec);
        tls_decoder_free(dec);
    }
    fflush(stdout);
    if (prog.shown) {
        fputc('\n', stderr);
    }
    if (interrupted) {
        fputs("tls13 decode: interrupted; the output holds what was decoded until then\n", stderr);
        return DECODE_EXIT_INTERRUPTED;
    }
    return status;
}

int tls13_cmd_decode(int argc, char **argv)
{
    struct decode_args d = {.opt = {.format = TLS_DECODE_TEXT, .write = write_stdout}};
    tls_keylog_init(&d.kl);
    const char **inputs = calloc((size_t)argc, sizeof(*inputs));
    struct cli_args args = {.operands = inputs, .operand_cap = (size_t)argc};
    char err[200] = "";
    int rc = inputs == NULL ? 1
                            : cli_parse(&tls13_decode_command, argc, argv, apply_option, &d, &args,
                                        err, sizeof(err));
    if (rc == 0 && !args.help && !args.version && args.operand_count == 0) {
        snprintf(err, sizeof(err), "no INPUT given");
        rc = CLI_EXIT_USAGE;
    }
    if (rc == CLI_EXIT_USAGE) {
        fprintf(stderr, "tls13 decode: %s\n", err);
        cli_print_usage_line(&tls13_decode_command, stderr);
        fputs("Run 'tls13 decode --help' for the options.\n", stderr);
    } else if (rc == 0 && args.help) {
        cli_print_help(&tls13_decode_command, stdout);
    } else if (rc == 0 && args.version) {
        puts(tls13_version());
    } else if (rc == 0) {
        d.opt.keylog = d.have_keylog ? &d.kl : NULL;
        rc = decode_inputs(&d.opt, inputs, args.operand_count);
    }
    free(inputs);
    tls_keylog_free(&d.kl);
    return rc < 0 ? 1 : rc;
}
