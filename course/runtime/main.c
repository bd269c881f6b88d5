/*
 * main.c — the `tls-course` program: the student's exercises linked with the course runtime.
 *
 *   tls-course connect HOST[:PORT] --cafile CA.pem [--only EX,..] [-v]   a real handshake
 *   tls-course check EXERCISE [--trace FILE] [--section N]              the grader's checks
 *   tls-course list                                                    the exercises, in order
 */
#include <stdio.h>
#include <string.h>

#include "course_internal.h"

static void usage(void)
{
    fprintf(stderr,
            "usage: tls-course connect HOST[:PORT] --cafile CA.pem [--servername NAME] [--send TEXT]\n"
            "                  [--keylog FILE] [--only EX,..] [--project EX,..] [-v]\n"
            "       tls-course check EXERCISE [--trace FILE] [--section N]\n"
            "       tls-course list\n"
            "connect runs a TLS 1.3 handshake with your code for every exercise (--only: just those,\n"
            "the project's code for the others; --project: the project's code for those). check runs\n"
            "one exercise's graded checks against RFC 8448 (or the trace given).\n");
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "connect") == 0) {
        return course_connect_main(argc - 2, argv + 2);
    }
    if (argc >= 2 && strcmp(argv[1], "check") == 0) {
        return course_check_main(argc - 2, argv + 2);
    }
    if (argc >= 2 && strcmp(argv[1], "list") == 0) {
        for (int ex = 0; ex < EX_COUNT; ex++) {
            printf("%d %s\n", ex + 1, course_exercise_names[ex]);
        }
        return 0;
    }
    usage();
    return 2;
}
