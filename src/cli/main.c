/*
 * main.c — the tls13 program: `tls13 connect`, `tls13 decode`, `tls13 vectors`, `tls13 variant`.
 * The only layer that touches files, sockets, stdio, time and the environment.
 */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"

static void usage(FILE *out)
{
    fputs("usage: tls13 COMMAND [OPTIONS] ARGS\n"
          "\n"
          "commands:\n"
          "  connect HOST[:PORT] connect with TLS 1.3; stdin is sent, received data goes to stdout\n"
          "  vectors FILE        recompute and check every value of an RFC 8448-format trace\n"
          "  decode INPUT...     explain the TLS records of a pcap, pcapng or token trace\n"
          "  variant ID          write RFC 8448 section 3 with fresh values derived from ID\n"
          "\n"
          "Run 'tls13 COMMAND --help' for a command's options.\n",
          out);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(cmd, "connect") == 0) {
        return tls13_cmd_connect(argc - 1, argv + 1);
    }
    if (strcmp(cmd, "decode") == 0) {
        return tls13_cmd_decode(argc - 1, argv + 1);
    }
    if (strcmp(cmd, "vectors") == 0) {
        return tls13_cmd_vectors(argc - 1, argv + 1);
    }
    if (strcmp(cmd, "variant") == 0) {
        return tls13_cmd_variant(argc - 1, argv + 1);
    }
    fprintf(stderr, "tls13: unknown command '%s'\n", cmd);
    usage(stderr);
    return 2;
}
