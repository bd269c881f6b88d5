/*
 * ip_text.c — IP address literals to bytes (ip_text.h).
 */
#include "common/ip_text.h"

#include <string.h>

/* One decimal number 0..255 without a leading zero; *p moves past it. */
static bool decimal_octet(const char **p, uint8_t *out)
{
    const char *s = *p;
    unsigned v = 0;
    size_t digits = 0;
    while (s[digits] >= '0' && s[digits] <= '9' && digits < 3) {
        v = v * 10 + (unsigned)(s[digits] - '0');
        digits++;
    }
    if (digits == 0 || v > 255 || (digits > 1 && s[0] == '0') ||
        (s[digits] >= '0' && s[digits] <= '9')) {
        return false;
    }
    *out = (uint8_t)v;
    *p = s + digits;
    return true;
}

/* a.b.c.d up to the end of the text. */
static bool ipv4(const char *s, uint8_t out[4])
{
    for (size_t i = 0; i < 4; i++) {
        if (!decimal_octet(&s, &out[i]) || *s != (i < 3 ? '.' : '\0')) {
            return false;
        }
        s += i < 3;
    }
    return true;
}

static int hex_digit(char c)
{
    return c >= '0' && c <= '9' ? c - '0'
         : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                : -1;
}

/*
 * RFC 4291 §2.2: x:x:x:x:x:x:x:x, "::" for one run of zero groups, and x:x:x:x:x:x:d.d.d.d.
 * The groups before "::" go to the front, those after it to the back, zeros in between.
 */
static bool ipv6(const char *s, uint8_t out[16])
{
    uint8_t front[16], back[16];
    size_t nf = 0, nb = 0;
    bool gap = false;
    if (s[0] == ':') {
        if (s[1] != ':') {
            return false;
        }
        gap = true;
        s += 2;
    }
    while (*s != '\0') {
        uint8_t *dst = gap ? back : front;
        size_t *n = gap ? &nb : &nf;
        const char *colon = strchr(s, ':');
        if (colon == NULL && strchr(s, '.') != NULL) {
            /* the last 32 bits written as IPv4 */
            if (*n + 4 > 16 || !ipv4(s, dst + *n)) {
                return false;
            }
            *n += 4;
            break;
        }
        unsigned v = 0;
        size_t digits = 0;
        for (; hex_digit(s[digits]) >= 0; digits++) {
            v = v << 4 | (unsigned)hex_digit(s[digits]);
        }
        if (digits == 0 || digits > 4 || *n + 2 > 16) {
            return false;
        }
        dst[(*n)++] = (uint8_t)(v >> 8);
        dst[(*n)++] = (uint8_t)v;
        s += digits;
        if (s[0] == ':' && s[1] == ':') {
            if (gap) {
                return false; /* a second "::" */
            }
            gap = true;
            s += 2;
        } else if (s[0] == ':') {
            s++;
            if (*s == '\0') {
                return false; /* a trailing single ':' */
            }
        } else if (*s != '\0') {
            return false;
        }
    }
    if (gap ? nf + nb > 14 : nf != 16) {
        return false; /* "::" stands for at least one zero group */
    }
    memset(out, 0, 16);
    memcpy(out, front, nf);
    memcpy(out + 16 - nb, back, nb);
    return true;
}

bool tls_ip_from_text(const char *text, uint8_t out[16], size_t *out_len)
{
    if (ipv4(text, out)) {
        *out_len = 4;
        return true;
    }
    if (strchr(text, ':') != NULL && ipv6(text, out)) {
        *out_len = 16;
        return true;
    }
    return false;
}
