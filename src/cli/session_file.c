/*
 * session_file.c — the text form of a saved session ticket (RFC 8446 §4.6.1): what --sess-out
 * writes and --sess-in reads back.
 */
#define _POSIX_C_SOURCE 200809L

#include "cli/session_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crypto/util.h"

#define SESSION_MAGIC "tls13-session 1"

static void put_hex_line(FILE *out, const char *key, const uint8_t *p, size_t n)
{
    fprintf(out, "%s ", key);
    for (size_t i = 0; i < n; i++) {
        fprintf(out, "%02x", p[i]);
    }
    fputc('\n', out);
}

void session_file_format(FILE *out, const struct tls_ticket *t)
{
    fprintf(out, "%s\n", SESSION_MAGIC);
    fputs("# NewSessionTicket (RFC 8446 §4.6.1) and its PSK: keep this file secret\n", out);
    fprintf(out, "cipher_suite %04x\n", (unsigned)t->cipher_suite);
    fprintf(out, "ticket_lifetime %lu\n", (unsigned long)t->ticket_lifetime);
    fprintf(out, "ticket_age_add %lu\n", (unsigned long)t->ticket_age_add);
    fprintf(out, "max_early_data_size %lu\n", (unsigned long)t->max_early_data_size);
    fprintf(out, "received_at_ms %llu\n", (unsigned long long)t->received_at_ms);
    put_hex_line(out, "psk", t->psk, t->psk_len);
    put_hex_line(out, "ticket", t->ticket, t->ticket_len);
    fprintf(out, "server_name %s\n", t->server_name);
    fprintf(out, "alpn %s\n", t->alpn);
}

static int fail(char *err, size_t cap, const char *what, const char *key)
{
    snprintf(err, cap, "%s%s%s", what, key != NULL ? ": " : "", key != NULL ? key : "");
    return -1;
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

static bool parse_hex(const char *v, size_t vlen, uint8_t *out, size_t cap, size_t *n)
{
    if (vlen % 2 != 0 || vlen / 2 > cap) {
        return false;
    }
    for (size_t i = 0; i < vlen / 2; i++) {
        int hi = hex_value(v[2 * i]), lo = hex_value(v[2 * i + 1]);
        if (hi < 0 || lo < 0) {
            return false;
        }
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    *n = vlen / 2;
    return true;
}

/* A decimal (or, with base 16, hex) number that fits in max. */
static bool parse_number(const char *v, size_t vlen, int base, unsigned long long max,
                         unsigned long long *out)
{
    char buf[24];
    if (vlen == 0 || vlen >= sizeof(buf)) {
        return false;
    }
    memcpy(buf, v, vlen);
    buf[vlen] = '\0';
    char *end = NULL;
    errno = 0;
    unsigned long long x = strtoull(buf, &end, base);
    if (errno != 0 || *end != '\0' || buf[0] == '-' || x > max) {
        return false;
    }
    *out = x;
    return true;
}

static bool copy_string(const char *v, size_t vlen, char *out, size_t cap)
{
    if (vlen >= cap) {
        return false;
    }
    memcpy(out, v, vlen);
    out[vlen] = '\0';
    return true;
}

/* One "key value" line. */
static int parse_line(const char *key, size_t klen, const char *v, size_t vlen,
                      struct tls_ticket *t, unsigned *seen)
{
    unsigned long long x = 0;
#define KEY_IS(k) (klen == strlen(k) && memcmp(key, k, klen) == 0)
    if (KEY_IS("cipher_suite") && parse_number(v, vlen, 16, 0xffff, &x)) {
        t->cipher_suite = (uint16_t)x;
    } else if (KEY_IS("ticket_lifetime") && parse_number(v, vlen, 10, 0xffffffffu, &x)) {
        t->ticket_lifetime = (uint32_t)x;
    } else if (KEY_IS("ticket_age_add") && parse_number(v, vlen, 10, 0xffffffffu, &x)) {
        t->ticket_age_add = (uint32_t)x;
    } else if (KEY_IS("max_early_data_size") && parse_number(v, vlen, 10, 0xffffffffu, &x)) {
        t->max_early_data_size = (uint32_t)x;
    } else if (KEY_IS("received_at_ms") && parse_number(v, vlen, 10, UINT64_MAX, &x)) {
        t->received_at_ms = (uint64_t)x;
    } else if (KEY_IS("psk") && parse_hex(v, vlen, t->psk, sizeof(t->psk), &t->psk_len)) {
        *seen |= 1;
    } else if (KEY_IS("ticket") && parse_hex(v, vlen, t->ticket, sizeof(t->ticket), &t->ticket_len)) {
        *seen |= 2;
    } else if (KEY_IS("server_name")) {
        return copy_string(v, vlen, t->server_name, sizeof(t->server_name)) ? 0 : -1;
    } else if (KEY_IS("alpn")) {
        return copy_string(v, vlen, t->alpn, sizeof(t->alpn)) ? 0 : -1;
    } else {
        return -1;
    }
#undef KEY_IS
    return 0;
}

int session_file_parse(const char *text, size_t len, struct tls_ticket *t, char *err, size_t cap)
{
    memset(t, 0, sizeof(*t));
    size_t magic = strlen(SESSION_MAGIC);
    if (len <= magic || memcmp(text, SESSION_MAGIC, magic) != 0 || text[magic] != '\n') {
        return fail(err, cap, "not a tls13 session file", NULL);
    }
    unsigned seen = 0;
    for (size_t pos = 0; pos < len;) {
        const char *line = text + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t n = nl != NULL ? (size_t)(nl - line) : len - pos;
        pos += n + 1;
        if (n == 0 || line[0] == '#' || (line == text)) {
            continue; /* blank, comment, or the magic line */
        }
        const char *sp = memchr(line, ' ', n);
        size_t klen = sp != NULL ? (size_t)(sp - line) : n;
        const char *v = sp != NULL ? sp + 1 : line + n;
        if (parse_line(line, klen, v, n - klen - (sp != NULL ? 1 : 0), t, &seen) != 0) {
            tls_wipe(t, sizeof(*t));
            return fail(err, cap, "bad line", "see --sess-out for the format");
        }
    }
    if (seen != 3 || t->psk_len == 0 || t->ticket_len == 0) {
        tls_wipe(t, sizeof(*t));
        return fail(err, cap, "psk or ticket missing", NULL);
    }
    return 0;
}

int session_file_save(const char *path, const struct tls_ticket *t, char *err, size_t cap)
{
    /* 0600: the file holds the PSK */
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (f == NULL) {
        if (fd >= 0) {
            close(fd);
        }
        return fail(err, cap, strerror(errno), NULL);
    }
    session_file_format(f, t);
    if (fclose(f) != 0) {
        return fail(err, cap, strerror(errno), NULL);
    }
    return 0;
}

int session_file_load(const char *path, struct tls_ticket *t, char *err, size_t cap)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return fail(err, cap, strerror(errno), NULL);
    }
    static char text[3 * TLS_MAX_TICKET_LEN + 2048];
    size_t n = fread(text, 1, sizeof(text), f);
    fclose(f);
    int rc = session_file_parse(text, n, t, err, cap);
    tls_wipe(text, sizeof(text)); /* it held the PSK */
    return rc;
}
