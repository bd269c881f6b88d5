/*
 * connect_main.c — `tls-course connect HOST[:PORT] ...`: options, which exercises run the
 * student's code (--only / --project), and the TCP connection (10 s receive timeout, so a
 * student's client waiting for bytes that never come fails instead of hanging).
 */
#define _POSIX_C_SOURCE 200809L

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "client.h"

static int open_socket(const char *host, const char *port)
{
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(host, port, &hints, &res) != 0) {
        fprintf(stderr, "tls-course: cannot resolve %s\n", host);
        return -1;
    }
    int fd = -1;
    for (struct addrinfo *ai = res; ai != NULL && fd < 0; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
        if (fd >= 0 && connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(res);
    if (fd < 0) {
        fprintf(stderr, "tls-course: cannot connect to %s port %s\n", host, port);
        return -1;
    }
    int one = 1;
    struct timeval tv = {10, 0};
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    return fd;
}

/* "records,decrypt" -> mask; -1 on an unknown name. */
static long parse_mask(const char *list)
{
    long mask = 0;
    char buf[256];
    snprintf(buf, sizeof(buf), "%s", list);
    for (char *tok = strtok(buf, ","); tok != NULL; tok = strtok(NULL, ",")) {
        int ex = course_exercise_find(tok);
        if (ex < 0) {
            fprintf(stderr, "tls-course: no exercise named '%s'\n", tok);
            return -1;
        }
        mask |= 1L << ex;
    }
    return mask;
}

int course_connect_main(int argc, char **argv)
{
    struct options o = {NULL, "443", NULL, NULL, NULL, NULL, false};
    static struct conn c;
    unsigned all = (1u << EX_COUNT) - 1;
    memset(&c, 0, sizeof(c));
    c.student_mask = all;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--cafile") == 0 && v) {
            o.cafile = v;
            i++;
        } else if (strcmp(a, "--servername") == 0 && v) {
            o.servername = v;
            i++;
        } else if (strcmp(a, "--keylog") == 0 && v) {
            o.keylog = v;
            i++;
        } else if (strcmp(a, "--send") == 0 && v) {
            o.send = v;
            i++;
        } else if ((strcmp(a, "--only") == 0 || strcmp(a, "--project") == 0) && v) {
            long m = parse_mask(v);
            if (m < 0) {
                return 2;
            }
            c.student_mask = a[2] == 'o' ? (unsigned)m : all & ~(unsigned)m;
            i++;
        } else if (strcmp(a, "--insecure") == 0) {
            o.insecure = true;
        } else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
            c.verbose = true;
        } else if (a[0] != '-' && o.host == NULL) {
            static char host[256];
            snprintf(host, sizeof(host), "%s", a);
            char *colon = strrchr(host, ':');
            if (colon != NULL) {
                *colon = '\0';
                o.port = colon + 1;
            }
            o.host = host;
        } else {
            fprintf(stderr, "tls-course: unknown argument '%s'\n", a);
            return 2;
        }
    }
    if (o.host == NULL || (o.cafile == NULL && !o.insecure)) {
        fprintf(stderr, "usage: tls-course connect HOST[:PORT] (--cafile CA.pem | --insecure) "
                        "[--servername NAME] [--send TEXT] [--keylog FILE] [--only EX,..] [--project EX,..] [-v]\n");
        return 2;
    }
    course_impl_select(&c.impl, c.student_mask);
    fprintf(stderr, "tls-course: your code for:");
    for (int ex = 0; ex < EX_COUNT; ex++) {
        if (c.student_mask & (1u << ex)) {
            fprintf(stderr, " %s", course_exercise_names[ex]);
        }
    }
    fprintf(stderr, "%s\n", c.student_mask == 0 ? " nothing (the project's code runs)" : "");
    c.fd = open_socket(o.host, o.port);
    if (c.fd < 0) {
        return 1;
    }
    if (o.keylog != NULL && (c.keylog = fopen(o.keylog, "a")) == NULL) {
        fprintf(stderr, "tls-course: cannot write the key log %s\n", o.keylog);
        close(c.fd);
        return 2;
    }
    int r = course_client_run(&c, &o);
    if (c.keylog != NULL) {
        fclose(c.keylog);
    }
    close(c.fd);
    return r;
}
