/* vectors.c — `tls13 vectors FILE` (placeholder until the crypto layer lands). */
#include <stdio.h>

#include "cli/commands.h"

int tls13_cmd_vectors(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("tls13 vectors: not implemented yet\n", stderr);
    return 2;
}
