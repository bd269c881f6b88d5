/*
 * session_file.c — the text form of a stored ticket (RFC 8446 §4.6.1) for --sess-out/--sess-in.
 * Format and rules: session_file.h and docs/session-file.md.
 */
#include "handshake/session_file.h"

#include "common/hex.h"

#include <string.h>

#include "crypto/suite.h"
#include "crypto/util.h"

/* §4.6.1: "Servers MUST NOT use any value greater than 604800 seconds (7 days)". */
#define MAX_TICKET_LIFETIME 604800u

enum session_key {
    KEY_cipher_suite,
    KEY_ticket_lifetime,
    KEY_ticket_age_add,
    KEY_max_early_data_size,
    KEY_received_at_ms,
    KEY_server_name,
    KEY_alpn,
    KEY_psk,
    KEY_ticket,
    KEY_COUNT,
};

/* In file order (the order tls_session_file_encode() writes). */
static const char *const key_names[KEY_COUNT] = {
    "cipher_suite", "ticket_lifetime", "ticket_age_add", "max_early_data_size", "received_at_ms",
    "server_name",  "alpn",            "psk",            "ticket",
};

static const char hex_digits[] = "0123456789abcdef";

/* ---- encoding ------------------------------------------------------------------------------- */

static void write_text(struct tls_writer *w, const char *s)
{
    tls_write_bytes(w, (const uint8_t *)s, strlen(s));
}

static void write_key(struct tls_writer *w, enum session_key key)
{
    write_text(w, key_names[key]);
    tls_write_u8(w, ':');
}

static void write_decimal(struct tls_writer *w, enum session_key key, uint64_t v)
{
    char digits[20];
    size_t n = 0;
    do {
        digits[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v > 0);
    write_key(w, key);
    tls_write_u8(w, ' ');
    while (n > 0) {
        tls_write_u8(w, (uint8_t)digits[--n]);
    }
    tls_write_u8(w, '\n');
}

static void write_hex(struct tls_writer *w, enum session_key key, const uint8_t *p, size_t n)
{
    write_key(w, key);
    tls_write_u8(w, ' ');
    for (size_t i = 0; i < n; i++) {
        tls_write_u8(w, (uint8_t)hex_digits[p[i] >> 4]);
        tls_write_u8(w, (uint8_t)hex_digits[p[i] & 15]);
    }
    tls_write_u8(w, '\n');
}

/* A text value: printable ASCII without spaces, so it survives the line format unchanged. */
static bool printable(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] < 0x21 || s[i] > 0x7e) {
            return false;
        }
    }
    return true;
}

/* Empty text is written as "key:" with no trailing space. */
static void write_string(struct tls_writer *w, enum session_key key, const char *s)
{
    write_key(w, key);
    if (s[0] != '\0') {
        tls_write_u8(w, ' ');
        write_text(w, s);
    }
    tls_write_u8(w, '\n');
}

/* Length of a C string in a fixed buffer, cap if it has no NUL. */
static size_t bounded_len(const char *s, size_t cap)
{
    const char *nul = memchr(s, '\0', cap);
    return nul != NULL ? (size_t)(nul - s) : cap;
}

/* Can t be written so that parsing gives t back? NULL if so, else why not. */
static const char *unstorable(const struct tls_ticket *t)
{
    const struct tls_cipher_suite *suite = tls_cipher_suite_find(t->cipher_suite);
    if (suite == NULL || t->psk_len != tls_hash_len(suite->hash)) {
        return "session file: unknown cipher suite, or PSK length is not its Hash.length";
    }
    if (t->ticket_len == 0 || t->ticket_len > TLS_MAX_TICKET_LEN) {
        return "session file: ticket empty or longer than 2048 bytes";
    }
    if (t->ticket_lifetime > MAX_TICKET_LIFETIME) {
        return "RFC 8446 §4.6.1: ticket_lifetime over 604800 seconds";
    }
    size_t name_len = bounded_len(t->server_name, sizeof(t->server_name));
    size_t alpn_len = bounded_len(t->alpn, sizeof(t->alpn));
    if (name_len == sizeof(t->server_name) || alpn_len == sizeof(t->alpn) ||
        !printable(t->server_name, name_len) || !printable(t->alpn, alpn_len)) {
        return "session file: server_name or alpn is not printable ASCII without spaces";
    }
    return NULL;
}

tls_result tls_session_file_encode(const struct tls_ticket *t, struct tls_writer *w,
                                   struct tls_error *err)
{
    const char *why = unstorable(t);
    if (why != NULL) {
        return tls_fail(err, TLS_ALERT_internal_error, why);
    }
    write_text(w, TLS_SESSION_FILE_VERSION_LINE "\n");
    write_key(w, KEY_cipher_suite);
    write_text(w, " 0x");
    for (int shift = 12; shift >= 0; shift -= 4) {
        tls_write_u8(w, (uint8_t)hex_digits[(t->cipher_suite >> shift) & 15]);
    }
    tls_write_u8(w, '\n');
    write_decimal(w, KEY_ticket_lifetime, t->ticket_lifetime);
    write_decimal(w, KEY_ticket_age_add, t->ticket_age_add);
    write_decimal(w, KEY_max_early_data_size, t->max_early_data_size);
    write_decimal(w, KEY_received_at_ms, t->received_at_ms);
    write_string(w, KEY_server_name, t->server_name);
    write_string(w, KEY_alpn, t->alpn);
    write_hex(w, KEY_psk, t->psk, t->psk_len);
    write_hex(w, KEY_ticket, t->ticket, t->ticket_len);
    return tls_writer_result(w, err);
}

/* ---- parsing -------------------------------------------------------------------------------- */

/* Hex digits (no separators) into out[0..cap); *n set. False on odd length, bad digit, too long. */
static bool parse_hex(const uint8_t *v, size_t len, uint8_t *out, size_t cap, size_t *n)
{
    if (len % 2 != 0 || len / 2 > cap) {
        return false;
    }
    for (size_t i = 0; i < len; i += 2) {
        int hi = tls_hex_value(v[i]);
        int lo = tls_hex_value(v[i + 1]);
        if (hi < 0 || lo < 0) {
            return false;
        }
        out[i / 2] = (uint8_t)(hi << 4 | lo);
    }
    *n = len / 2;
    return true;
}

/* 1..20 decimal digits without leading zeros (one spelling per number), value <= max. */
static bool parse_decimal(const uint8_t *v, size_t len, uint64_t max, uint64_t *out)
{
    uint64_t x = 0;
    if (len == 0 || len > 20 || (len > 1 && v[0] == '0')) {
        return false;
    }
    for (size_t i = 0; i < len; i++) {
        if (v[i] < '0' || v[i] > '9') {
            return false;
        }
        uint64_t d = (uint64_t)(v[i] - '0');
        if (x > (max - d) / 10) {
            return false; /* would exceed max (and never overflows 64 bits) */
        }
        x = x * 10 + d;
    }
    *out = x;
    return true;
}

/* Printable text into a NUL-terminated buffer of cap bytes. */
static bool parse_string(const uint8_t *v, size_t len, char *out, size_t cap)
{
    if (len >= cap || !printable((const char *)v, len)) {
        return false;
    }
    memcpy(out, v, len);
    out[len] = '\0';
    return true;
}

/* "0x" and exactly four hex digits, a suite this client implements. */
static bool parse_suite(const uint8_t *v, size_t len, uint16_t *suite)
{
    uint8_t b[2];
    size_t n;
    if (len != 6 || v[0] != '0' || v[1] != 'x' || !parse_hex(v + 2, 4, b, 2, &n)) {
        return false;
    }
    *suite = (uint16_t)(b[0] << 8 | b[1]);
    return tls_cipher_suite_find(*suite) != NULL;
}

/* One value into its field of t. */
static bool parse_value(enum session_key key, const uint8_t *v, size_t len, struct tls_ticket *t)
{
    uint64_t x = 0;
    bool ok;
    switch (key) {
    case KEY_cipher_suite:
        return parse_suite(v, len, &t->cipher_suite);
    case KEY_ticket_lifetime:
        ok = parse_decimal(v, len, MAX_TICKET_LIFETIME, &x);
        t->ticket_lifetime = (uint32_t)x;
        return ok;
    case KEY_ticket_age_add:
        ok = parse_decimal(v, len, UINT32_MAX, &x);
        t->ticket_age_add = (uint32_t)x;
        return ok;
    case KEY_max_early_data_size:
        ok = parse_decimal(v, len, UINT32_MAX, &x);
        t->max_early_data_size = (uint32_t)x;
        return ok;
    case KEY_received_at_ms:
        return parse_decimal(v, len, UINT64_MAX, &t->received_at_ms);
    case KEY_server_name:
        return parse_string(v, len, t->server_name, sizeof(t->server_name));
    case KEY_alpn:
        return parse_string(v, len, t->alpn, sizeof(t->alpn));
    case KEY_psk:
        return parse_hex(v, len, t->psk, sizeof(t->psk), &t->psk_len);
    case KEY_ticket:
        return parse_hex(v, len, t->ticket, sizeof(t->ticket), &t->ticket_len) && t->ticket_len > 0;
    default:
        return false;
    }
}

/* The key named by line[0..len), or KEY_COUNT. */
static enum session_key find_key(const uint8_t *line, size_t len)
{
    for (int k = 0; k < KEY_COUNT; k++) {
        if (strlen(key_names[k]) == len && memcmp(key_names[k], line, len) == 0) {
            return (enum session_key)k;
        }
    }
    return KEY_COUNT;
}

/* One "key: value" line (without its "\n"); seen[] marks keys already read. */
static tls_result parse_line(const uint8_t *line, size_t len, bool *seen, struct tls_ticket *t,
                             struct tls_error *err)
{
    const uint8_t *colon = memchr(line, ':', len);
    if (colon == NULL) {
        return tls_fail(err, TLS_ALERT_decode_error, "session file: a line is not \"key: value\"");
    }
    enum session_key key = find_key(line, (size_t)(colon - line));
    if (key == KEY_COUNT) {
        return tls_fail(err, TLS_ALERT_decode_error, "session file: unknown key (this is version 1)");
    }
    if (seen[key]) {
        return tls_fail(err, TLS_ALERT_decode_error, "session file: a key appears twice");
    }
    seen[key] = true;
    /* The encoder's form exactly: "key:" alone (empty text), or "key: " and a value. */
    const uint8_t *v = colon + 1;
    size_t value_len = (size_t)(line + len - v);
    if (value_len > 0) {
        if (v[0] != ' ' || value_len == 1) {
            return tls_fail(err, TLS_ALERT_decode_error,
                            "session file: the value must follow \": \" (one space)");
        }
        v++;
        value_len--;
    }
    if (!parse_value(key, v, value_len, t)) {
        return tls_fail(err, TLS_ALERT_decode_error,
                        "session file: a value is malformed or out of range (see docs/session-file.md)");
    }
    return TLS_OK;
}

static tls_result parse_lines(const uint8_t *text, size_t len, struct tls_ticket *t,
                              struct tls_error *err)
{
    const size_t version_len = sizeof(TLS_SESSION_FILE_VERSION_LINE) - 1;
    if (len > TLS_SESSION_FILE_MAX_LEN) {
        return tls_fail(err, TLS_ALERT_decode_error, "session file: larger than 8192 bytes");
    }
    if (len < version_len + 1 || memcmp(text, TLS_SESSION_FILE_VERSION_LINE "\n", version_len + 1) != 0) {
        return tls_fail(err, TLS_ALERT_decode_error,
                        "session file: first line is not \"tls13-session v1\" (other format or version)");
    }
    bool seen[KEY_COUNT] = {false};
    size_t pos = version_len + 1;
    while (pos < len) {
        const uint8_t *nl = memchr(text + pos, '\n', len - pos);
        if (nl == NULL) {
            return tls_fail(err, TLS_ALERT_decode_error,
                            "session file: the last line does not end in a newline (truncated?)");
        }
        TRY(parse_line(text + pos, (size_t)(nl - (text + pos)), seen, t, err));
        pos = (size_t)(nl - text) + 1;
    }
    for (int k = 0; k < KEY_COUNT; k++) {
        if (!seen[k]) {
            return tls_fail(err, TLS_ALERT_decode_error, "session file: a key is missing (truncated?)");
        }
    }
    /* §4.6.1: the PSK is HKDF-Expand-Label(..., Hash.length) of the ticket's suite. */
    if (t->psk_len != tls_hash_len(tls_cipher_suite_find(t->cipher_suite)->hash)) {
        return tls_fail(err, TLS_ALERT_decode_error,
                        "session file: psk length is not the cipher suite's Hash.length");
    }
    return TLS_OK;
}

tls_result tls_session_file_parse(const uint8_t *text, size_t len, struct tls_ticket *t,
                                  struct tls_error *err)
{
    memset(t, 0, sizeof(*t));
    tls_result rc = parse_lines(text, len, t, err);
    if (rc != TLS_OK) {
        tls_wipe(t, sizeof(*t)); /* a half-read PSK is not left behind */
    }
    return rc;
}
