/* fake_main.c — `tls13_fakecore ARGS` = `tls13 connect ARGS`, linked with the toy core. */
#include "cli/commands.h"

int main(int argc, char **argv)
{
    return tls13_cmd_connect(argc, argv);
}
