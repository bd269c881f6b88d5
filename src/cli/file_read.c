/*
 * file_read.c — reading a whole file, bounded (file_read.h).
 */
#include "cli/file_read.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "decoder/keylog.h"

uint8_t *cli_read_file(const char *path, size_t max_len, size_t *len)
{
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    uint8_t *buf = malloc(cap + 1);
    int fail = buf == NULL ? ENOMEM : 0;
    while (fail == 0) {
        n += fread(buf + n, 1, cap - n, f);
        if (ferror(f)) {
            fail = EIO;
        } else if (n > max_len) {
            fail = EFBIG;
        } else if (n < cap) {
            break; /* end of file */
        } else {
            uint8_t *bigger = realloc(buf, cap * 2 + 1);
            fail = bigger == NULL ? ENOMEM : 0;
            buf = bigger != NULL ? bigger : buf;
            cap *= 2;
        }
    }
    fclose(f);
    if (fail != 0) {
        free(buf);
        errno = fail;
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

int cli_load_keylog(const char *command, const char *path, struct tls_keylog *kl)
{
    size_t len = 0;
    char *text = (char *)cli_read_file(path, CLI_MAX_KEYLOG, &len);
    if (text == NULL) {
        fprintf(stderr, "tls13 %s: cannot read key log %s\n", command, path);
        return 1;
    }
    struct tls_error err = {0};
    unsigned long line = 0;
    tls_result rc = tls_keylog_parse(kl, text, len, &line, &err);
    free(text);
    if (rc != TLS_OK) {
        fprintf(stderr, "tls13 %s: %s line %lu: %s\n", command, path, line, err.reason);
        return 1;
    }
    return 0;
}
