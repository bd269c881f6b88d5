/*
 * main.c — the tls13 program: `tls13 connect`, `tls13 decode`, `tls13 compare`, `tls13 vectors`,
 * `tls13 variant`, and `tls13 help [COMMAND]` / `tls13 --version`. Each command describes itself in a struct
 * cli_command (cli_spec.h), from which its help, man page and parser come.
 * The only layer that touches files, sockets, stdio, time and the environment.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli_spec.h"
#include "cli/commands.h"

static int help(int argc, char **argv)
{
    if (argc < 3) {
        cli_print_program_help(stdout);
        return 0;
    }
    const struct cli_command *cmd = cli_find_command(argv[2]);
    if (cmd == NULL || argc > 3) {
        fprintf(stderr, "tls13 help: %s '%s'\n", cmd == NULL ? "unknown command" : "one command only",
                argv[cmd == NULL ? 2 : 3]);
        cli_print_program_help(stderr);
        return CLI_EXIT_USAGE;
    }
    cli_print_help(cmd, stdout);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        cli_print_program_help(stderr);
        return CLI_EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
        return help(argc, argv);
    }
    if (strcmp(name, "--version") == 0) {
        puts(tls13_version());
        return 0;
    }
    const struct cli_command *cmd = cli_find_command(name);
    if (cmd == NULL) {
        fprintf(stderr, "tls13: unknown command '%s'\n", name);
        cli_print_program_help(stderr);
        return CLI_EXIT_USAGE;
    }
    return cmd->run(argc - 1, argv + 1);
}
