/*
 * session_file.c — --sess-out / --sess-in files (see session_file.h; the format itself is in
 * handshake/session_file.c and docs/session-file.md).
 */
#define _POSIX_C_SOURCE 200809L

#include "cli/session_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "crypto/util.h"
#include "handshake/session_file.h"

static int fail(char *err, size_t cap, const char *what)
{
    snprintf(err, cap, "%s", what);
    return -1;
}

/* The reason a parse or encode failed, as one line. */
static int fail_tls(char *err, size_t cap, const struct tls_error *e)
{
    snprintf(err, cap, "%s%s%s", e->field != NULL ? e->field : "", e->field != NULL ? ": " : "",
             e->reason != NULL ? e->reason : "invalid session file");
    return -1;
}

int session_file_save(const char *path, const struct tls_ticket *t, char *err, size_t cap)
{
    static uint8_t text[TLS_SESSION_FILE_MAX_LEN];
    struct tls_writer w;
    struct tls_error e = {0};
    tls_writer_init(&w, text, sizeof(text));
    if (tls_session_file_encode(t, &w, &e) != TLS_OK) {
        tls_wipe(text, sizeof(text));
        return fail_tls(err, cap, &e);
    }
    /* 0600: the file holds the PSK */
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) {
        tls_wipe(text, sizeof(text));
        return fail(err, cap, strerror(errno));
    }
    size_t done = 0;
    while (done < w.len) {
        ssize_t n = write(fd, text + done, w.len - done);
        if (n <= 0) {
            close(fd);
            tls_wipe(text, sizeof(text));
            return fail(err, cap, strerror(errno));
        }
        done += (size_t)n;
    }
    tls_wipe(text, sizeof(text));
    return close(fd) == 0 ? 0 : fail(err, cap, strerror(errno));
}

int session_file_load(const char *path, struct tls_ticket *t, char *err, size_t cap)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return fail(err, cap, strerror(errno));
    }
    /* One byte more than the format allows, to tell "too long" from "exactly the maximum". */
    static uint8_t text[TLS_SESSION_FILE_MAX_LEN + 1];
    size_t n = fread(text, 1, sizeof(text), f);
    fclose(f);
    if (n > TLS_SESSION_FILE_MAX_LEN) {
        tls_wipe(text, sizeof(text));
        return fail(err, cap, "larger than a session file can be (8192 bytes)");
    }
    struct tls_error e = {0};
    tls_result rc = tls_session_file_parse(text, n, t, &e);
    tls_wipe(text, sizeof(text)); /* it held the PSK */
    return rc == TLS_OK ? 0 : fail_tls(err, cap, &e);
}
