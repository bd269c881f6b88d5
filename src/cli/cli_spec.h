/*
 * cli_spec.h — one description of each tls13 command, from which its parser, its --help text,
 * its man page and its bash completion are all made.
 *
 * Implementation notes
 * --------------------
 * A command line is read the way GNU getopt_long reads one, so that tls13 behaves like the tools
 * its users already know (openssl, tshark, curl):
 *
 *   - options may stand anywhere: `tls13 decode CAP --keylog K` is the same as
 *     `tls13 decode --keylog K CAP`;
 *   - a value follows its option as `--name=value` or `--name value` (`-q` style short options
 *     take `-x value` or `-xvalue`);
 *   - `--` ends the options: what follows is an operand even if it starts with '-' (a file
 *     named "-x.pcap");
 *   - an unknown option, a missing value or a value outside an option's fixed choices is a usage
 *     error (exit status 2) whose one-line message names the option and the allowed values.
 *
 * The help text, the man page and the completion are printed from the same struct cli_command
 * that the parser reads, so what `--help` says and what the parser accepts cannot drift apart.
 * Each command keeps its description next to its code (connect_options.c, decode.c, vectors.c);
 * commands.c lists them.
 */
#ifndef TLS13_CLI_CLI_SPEC_H
#define TLS13_CLI_CLI_SPEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Exit status for a bad command line, the same for every command. */
#define CLI_EXIT_USAGE 2

/* Option ids every command understands (a command's own ids start at CLI_OPT_FIRST). */
enum {
    CLI_OPT_HELP = 1,
    CLI_OPT_VERSION,
    CLI_OPT_FIRST,
};

struct cli_option {
    int id;                     /* handed to the command's callback */
    const char *name;           /* long name without the dashes: "keylog" for --keylog */
    char short_name;            /* 'q' for -q, or 0 */
    const char *value;          /* the value's name in help ("FILE"), or NULL for a flag */
    const char *const *choices; /* the only values accepted (NULL-terminated), or NULL */
    const char *help;           /* what it does: sentences, wrapped by the printers */
};

/* The two options of every command; a command's table ends with CLI_COMMON_OPTIONS. */
#define CLI_COMMON_OPTIONS                                                     \
    {CLI_OPT_HELP, "help", 'h', NULL, NULL, "Print this help and exit."},      \
    {CLI_OPT_VERSION, "version", 0, NULL, NULL, "Print the version and exit."}, \
    {0, NULL, 0, NULL, NULL, NULL}

struct cli_exit_status {
    int status;          /* -1 ends the list */
    const char *meaning;
};

struct cli_command {
    const char *name;                        /* "decode" */
    const char *operands;                    /* "INPUT..." as in the synopsis */
    const char *summary;                     /* one line, lower case, no full stop */
    const char *description;                 /* paragraphs, separated by "\n\n" */
    const struct cli_option *options;        /* ends with CLI_COMMON_OPTIONS */
    const struct cli_exit_status *exits;     /* ends with {-1, NULL} */
    const char *examples;                    /* lines "COMMAND LINE\tWHAT IT DOES", or NULL */
    int (*run)(int argc, char **argv);       /* the entry point; argv[0] is the command's name */
};

/*
 * Called once per option, in command-line order, with its value (NULL for a flag). Returns 0,
 * or CLI_EXIT_USAGE after writing a one-line reason into err (it should name the option).
 */
typedef int (*cli_option_fn)(void *ctx, const struct cli_option *opt, const char *value,
                             char *err, size_t err_cap);

struct cli_args {
    const char **operands; /* caller's array: the arguments that are not options, in order */
    size_t operand_cap;
    size_t operand_count;
    bool help;             /* --help was given: the caller prints help and exits 0 */
    bool version;          /* --version was given */
};

/*
 * Reads argv[1..argc-1] (argv[0] is the command's name) against cmd's options: each option goes
 * to fn (except --help and --version, which only set args->help / args->version), each operand
 * into args->operands. Returns 0; CLI_EXIT_USAGE with a one-line message in err; or the
 * non-zero value fn returned (a command's own failure while taking an option).
 * Nothing is modified in argv.
 */
int cli_parse(const struct cli_command *cmd, int argc, char **argv, cli_option_fn fn, void *ctx,
              struct cli_args *args, char *err, size_t err_cap);

/* The printers (cli_doc.c). */
void cli_print_help(const struct cli_command *cmd, FILE *out);
void cli_print_usage_line(const struct cli_command *cmd, FILE *out);
void cli_print_man(const struct cli_command *cmd, FILE *out);
void cli_print_program_help(FILE *out);
void cli_print_program_man(FILE *out);
void cli_print_completion(FILE *out);

/* The commands, in the order `tls13 --help` lists them (commands.c); NULL-terminated. */
extern const struct cli_command *const tls13_commands[];
const struct cli_command *cli_find_command(const char *name);

/* "tls13 0.1.0" (the project's version, from CMake). */
const char *tls13_version(void);

#endif
