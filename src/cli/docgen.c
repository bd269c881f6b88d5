/*
 * docgen.c — a build tool (not installed): writes the man pages and the bash completion from the
 * commands' own descriptions (cli_spec.h), so that they say what --help says.
 *
 *   tls13_docgen OUT man            tls13(1) into the file OUT
 *   tls13_docgen OUT man COMMAND    tls13-COMMAND(1)
 *   tls13_docgen OUT completion     the bash completion script
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli_spec.h"

int main(int argc, char **argv)
{
    const struct cli_command *cmd = argc == 4 ? cli_find_command(argv[3]) : NULL;
    bool man = argc >= 3 && strcmp(argv[2], "man") == 0 && (argc == 3 || cmd != NULL);
    bool completion = argc == 3 && strcmp(argv[2], "completion") == 0;
    if (!man && !completion) {
        fputs("usage: tls13_docgen OUT man [COMMAND] | OUT completion\n", stderr);
        return CLI_EXIT_USAGE;
    }
    FILE *out = fopen(argv[1], "w");
    if (out == NULL) {
        perror(argv[1]);
        return 1;
    }
    if (completion) {
        cli_print_completion(out);
    } else if (cmd != NULL) {
        cli_print_man(cmd, out);
    } else {
        cli_print_program_man(out);
    }
    return fclose(out) == 0 ? 0 : 1;
}
