/*
 * commands.h — the tls13 subcommands: each one's description (struct cli_command, next to its
 * code) and entry point, which takes argv from the command's own name on.
 */
#ifndef TLS13_CLI_COMMANDS_H
#define TLS13_CLI_COMMANDS_H

#include "cli/cli_spec.h"

extern const struct cli_command tls13_connect_command;
extern const struct cli_command tls13_decode_command;
extern const struct cli_command tls13_vectors_command;
extern const struct cli_command tls13_variant_command;
extern const struct cli_command tls13_compare_command;

int tls13_cmd_connect(int argc, char **argv);
int tls13_cmd_vectors(int argc, char **argv);
int tls13_cmd_decode(int argc, char **argv);
int tls13_cmd_variant(int argc, char **argv);
int tls13_cmd_compare(int argc, char **argv);

#endif
