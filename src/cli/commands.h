/* commands.h — entry points of the tls13 subcommands; each takes argv from its own name on. */
#ifndef TLS13_CLI_COMMANDS_H
#define TLS13_CLI_COMMANDS_H

int tls13_cmd_connect(int argc, char **argv);
int tls13_cmd_vectors(int argc, char **argv);
int tls13_cmd_decode(int argc, char **argv);
int tls13_cmd_variant(int argc, char **argv);

#endif
