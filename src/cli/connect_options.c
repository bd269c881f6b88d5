/*
 * connect_options.c — the command line of `tls13 connect`, parsed without side effects.
 *
 * Implementation notes
 * --------------------
 * Options are GNU style: `--name VALUE` or `--name=VALUE`. Lists are comma-separated names as
 * they appear in the IANA registries (RFC 8446 §B.4 cipher suites, §4.2.7 groups), so what a
 * user types can be grepped in the RFC. Only what this client implements is accepted: a name
 * that is valid IANA but not implemented (TLS_AES_128_CCM_SHA256, x448) is refused here with a
 * clear message, rather than offered and never negotiated.
 *
 * Defaults follow client.h: the three suites, groups x25519, secp256r1, secp384r1 with a key
 * share for the first one only (a server preferring another group answers with a
 * HelloRetryRequest, RFC 8446 §4.1.4).
 */
#include "cli/connect.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/names.h"

static int usage_error(char *err, size_t cap, const char *what, const char *value)
{
    snprintf(err, cap, "%s%s%s", what, value ? ": " : "", value ? value : "");
    return CONNECT_EXIT_USAGE;
}

/* True when host is an IPv4 or IPv6 address literal (RFC 6066 §3: no SNI for those). */
static bool is_ip_literal(const char *host)
{
    unsigned char addr[16];
    return inet_pton(AF_INET, host, addr) == 1 || inet_pton(AF_INET6, host, addr) == 1;
}

/* "443" -> 443; digits only, 1..65535. */
static bool parse_port(const char *s, uint16_t *port)
{
    if (*s == '\0' || strlen(s) > 5) {
        return false;
    }
    unsigned long v = 0;
    for (const char *p = s; *p != '\0'; p++) {
        if (*p < '0' || *p > '9') {
            return false;
        }
        v = v * 10 + (unsigned long)(*p - '0');
    }
    if (v == 0 || v > 65535) {
        return false;
    }
    *port = (uint16_t)v;
    return true;
}

static int set_host(struct connect_options *o, const char *host, size_t len, char *err, size_t cap)
{
    if (len == 0 || len > CONNECT_MAX_HOST) {
        return usage_error(err, cap, "bad host (empty or longer than 255)", NULL);
    }
    memcpy(o->host, host, len);
    o->host[len] = '\0';
    o->host_is_ip = is_ip_literal(o->host);
    return CONNECT_EXIT_OK;
}

int connect_parse_target(const char *arg, struct connect_options *o, char *err, size_t cap)
{
    o->port = CONNECT_DEFAULT_PORT;
    const char *port = NULL;
    if (arg[0] == '[') {
        /* [IPv6]:PORT, the URI form of RFC 3986 §3.2.2 */
        const char *close = strchr(arg, ']');
        if (close == NULL || (close[1] != '\0' && close[1] != ':')) {
            return usage_error(err, cap, "bad target, expected [IPv6]:PORT", arg);
        }
        if (set_host(o, arg + 1, (size_t)(close - arg - 1), err, cap) != CONNECT_EXIT_OK) {
            return CONNECT_EXIT_USAGE;
        }
        if (!o->host_is_ip || strchr(o->host, ':') == NULL) {
            return usage_error(err, cap, "not an IPv6 literal inside brackets", arg);
        }
        port = close[1] == ':' ? close + 2 : NULL;
    } else {
        const char *colon = strchr(arg, ':');
        if (colon != NULL && strchr(colon + 1, ':') != NULL) {
            /* several colons: a bare IPv6 literal, default port */
            colon = NULL;
        }
        size_t host_len = colon != NULL ? (size_t)(colon - arg) : strlen(arg);
        if (set_host(o, arg, host_len, err, cap) != CONNECT_EXIT_OK) {
            return CONNECT_EXIT_USAGE;
        }
        if (colon == NULL && strchr(arg, ':') != NULL && !o->host_is_ip) {
            return usage_error(err, cap, "bad target (IPv6 literals go in brackets: [::1]:443)",
                               arg);
        }
        port = colon != NULL ? colon + 1 : NULL;
    }
    if (port != NULL && !parse_port(port, &o->port)) {
        return usage_error(err, cap, "bad port (1..65535)", port);
    }
    return CONNECT_EXIT_OK;
}

/*
 * Splits a comma-separated list and calls one(item) for each; rejects empty items.
 * item is copied into a bounded buffer because argv must not be modified.
 */
typedef int (*list_item_fn)(struct connect_options *o, const char *item, char *err, size_t cap);

static int parse_list(struct connect_options *o, const char *list, list_item_fn one,
                      const char *option, char *err, size_t cap)
{
    char item[128];
    const char *p = list;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t n = comma != NULL ? (size_t)(comma - p) : strlen(p);
        if (n == 0 || n >= sizeof(item)) {
            return usage_error(err, cap, option, "empty or overlong list item");
        }
        memcpy(item, p, n);
        item[n] = '\0';
        if (one(o, item, err, cap) != CONNECT_EXIT_OK) {
            return CONNECT_EXIT_USAGE;
        }
        if (comma == NULL) {
            return CONNECT_EXIT_OK;
        }
        p = comma + 1;
    }
}

static bool contains(const uint16_t *list, size_t n, uint16_t v)
{
    for (size_t i = 0; i < n; i++) {
        if (list[i] == v) {
            return true;
        }
    }
    return false;
}

static int add_suite(struct connect_options *o, const char *name, char *err, size_t cap)
{
    uint16_t v = 0;
    if (!tls_cipher_suite_from_name(name, &v)) {
        return usage_error(err, cap, "--ciphers: unknown cipher suite", name);
    }
    /* The three suites of RFC 8446 §9.1 this client implements. */
    if (v != TLS_SUITE_TLS_AES_128_GCM_SHA256 && v != TLS_SUITE_TLS_AES_256_GCM_SHA384 &&
        v != TLS_SUITE_TLS_CHACHA20_POLY1305_SHA256) {
        return usage_error(err, cap, "--ciphers: not a cipher suite this client implements", name);
    }
    if (contains(o->cipher_suites, o->cipher_suite_count, v) ||
        o->cipher_suite_count == TLS_MAX_SUITES) {
        return usage_error(err, cap, "--ciphers: repeated cipher suite", name);
    }
    o->cipher_suites[o->cipher_suite_count++] = v;
    return CONNECT_EXIT_OK;
}

static int add_group(struct connect_options *o, const char *name, char *err, size_t cap)
{
    uint16_t v = 0;
    if (!tls_group_from_name(name, &v)) {
        return usage_error(err, cap, "--groups: unknown group", name);
    }
    if (v != TLS_GROUP_x25519 && v != TLS_GROUP_secp256r1 && v != TLS_GROUP_secp384r1) {
        return usage_error(err, cap, "--groups: not a group this client implements", name);
    }
    if (contains(o->groups, o->group_count, v) || o->group_count == TLS_MAX_GROUPS) {
        return usage_error(err, cap, "--groups: repeated group", name);
    }
    o->groups[o->group_count++] = v;
    return CONNECT_EXIT_OK;
}

/* RFC 7301 §3.1: opaque ProtocolName<1..2^8-1>; this client keeps up to TLS_MAX_ALPN_LEN. */
static int add_alpn(struct connect_options *o, const char *name, char *err, size_t cap)
{
    if (strlen(name) > TLS_MAX_ALPN_LEN) {
        return usage_error(err, cap, "--alpn: protocol name longer than 64 bytes", name);
    }
    if (o->alpn_count == TLS_MAX_ALPN) {
        return usage_error(err, cap, "--alpn: at most 4 protocols", name);
    }
    strcpy(o->alpn_names[o->alpn_count], name);
    o->alpn[o->alpn_count] = o->alpn_names[o->alpn_count];
    o->alpn_count++;
    return CONNECT_EXIT_OK;
}

static void set_defaults(struct connect_options *o)
{
    memset(o, 0, sizeof(*o));
    o->port = CONNECT_DEFAULT_PORT;
    o->cafile = CONNECT_DEFAULT_CAFILE;
    o->cipher_suites[0] = TLS_SUITE_TLS_AES_128_GCM_SHA256;
    o->cipher_suites[1] = TLS_SUITE_TLS_AES_256_GCM_SHA384;
    o->cipher_suites[2] = TLS_SUITE_TLS_CHACHA20_POLY1305_SHA256;
    o->cipher_suite_count = 3;
    o->groups[0] = TLS_GROUP_x25519;
    o->groups[1] = TLS_GROUP_secp256r1;
    o->groups[2] = TLS_GROUP_secp384r1;
    o->group_count = 3;
}

/* Options that take a value: where it goes, or the list parser that takes it. */
struct value_option {
    const char *name;
    size_t string_offset; /* offsetof the const char * field, when list is NULL */
    list_item_fn list;
    size_t count_offset;  /* the list's count, reset when the option is given */
};

static const struct value_option value_options[] = {
    {"--servername", offsetof(struct connect_options, servername), NULL, 0},
    {"--cafile", offsetof(struct connect_options, cafile), NULL, 0},
    {"--keylog", offsetof(struct connect_options, keylog), NULL, 0},
    {"--trace", offsetof(struct connect_options, trace), NULL, 0},
    {"--sess-out", offsetof(struct connect_options, sess_out), NULL, 0},
    {"--sess-in", offsetof(struct connect_options, sess_in), NULL, 0},
    {"--early-data", offsetof(struct connect_options, early_data), NULL, 0},
    {"--ciphers", 0, add_suite, offsetof(struct connect_options, cipher_suite_count)},
    {"--groups", 0, add_group, offsetof(struct connect_options, group_count)},
    {"--alpn", 0, add_alpn, offsetof(struct connect_options, alpn_count)},
};

struct flag_option {
    const char *name;
    size_t offset; /* offsetof the bool field */
};

static const struct flag_option flag_options[] = {
    {"--insecure", offsetof(struct connect_options, insecure)},
    {"--explain", offsetof(struct connect_options, explain)},
    {"--key-update", offsetof(struct connect_options, key_update)},
    {"--help", offsetof(struct connect_options, help)},
    {"-h", offsetof(struct connect_options, help)},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static int apply_value(struct connect_options *o, const struct value_option *opt,
                       const char *value, char *err, size_t cap)
{
    char *base = (char *)o;
    if (opt->list == NULL) {
        if (value[0] == '\0') {
            return usage_error(err, cap, opt->name, "empty value");
        }
        memcpy(base + opt->string_offset, &value, sizeof(value));
        return CONNECT_EXIT_OK;
    }
    /* a list given on the command line replaces the default list */
    size_t zero = 0;
    memcpy(base + opt->count_offset, &zero, sizeof(zero));
    return parse_list(o, value, opt->list, opt->name, err, cap);
}

/* Handles argv[*i], an option; advances *i past its value. */
static int parse_option(int argc, char **argv, int *i, struct connect_options *o, char *err,
                        size_t cap)
{
    const char *arg = argv[*i];
    const char *eq = strchr(arg, '=');
    size_t name_len = eq != NULL ? (size_t)(eq - arg) : strlen(arg);
    for (size_t k = 0; k < COUNT(flag_options); k++) {
        if (eq == NULL && strcmp(arg, flag_options[k].name) == 0) {
            bool yes = true;
            memcpy((char *)o + flag_options[k].offset, &yes, sizeof(yes));
            return CONNECT_EXIT_OK;
        }
    }
    for (size_t k = 0; k < COUNT(value_options); k++) {
        const struct value_option *opt = &value_options[k];
        if (strlen(opt->name) != name_len || strncmp(arg, opt->name, name_len) != 0) {
            continue;
        }
        if (eq != NULL) {
            return apply_value(o, opt, eq + 1, err, cap);
        }
        if (*i + 1 >= argc) {
            return usage_error(err, cap, "option needs a value", opt->name);
        }
        *i += 1;
        return apply_value(o, opt, argv[*i], err, cap);
    }
    return usage_error(err, cap, "unknown option", arg);
}

/* Checks that need every option: the name to verify, and what --sess-in / --early-data need. */
static int finish(struct connect_options *o, bool have_target, char *err, size_t cap)
{
    if (!have_target) {
        return usage_error(err, cap, "missing HOST[:PORT]", NULL);
    }
    if (o->servername == NULL && !o->host_is_ip) {
        o->servername = o->host;
    }
    /* RFC 6066 §3: "Literal IPv4 and IPv6 addresses are not permitted in HostName." Without a
     * name there is nothing to check the certificate against, so ask for one. */
    if (o->servername == NULL && !o->insecure) {
        return usage_error(err, cap,
                           "HOST is an IP address: give --servername NAME (or --insecure)", NULL);
    }
    if (o->servername != NULL && is_ip_literal(o->servername)) {
        return usage_error(err, cap, "--servername must be a DNS name (RFC 6066 §3)",
                           o->servername);
    }
    if (o->early_data != NULL && o->sess_in == NULL) {
        return usage_error(err, cap, "--early-data needs --sess-in (0-RTT uses a ticket, RFC 8446 §4.2.10)",
                           NULL);
    }
    return CONNECT_EXIT_OK;
}

int connect_parse_args(int argc, char **argv, struct connect_options *o, char *err, size_t cap)
{
    set_defaults(o);
    err[0] = '\0';
    bool have_target = false;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (arg[0] == '-' && arg[1] != '\0') {
            if (parse_option(argc, argv, &i, o, err, cap) != CONNECT_EXIT_OK) {
                return CONNECT_EXIT_USAGE;
            }
            continue;
        }
        if (have_target) {
            return usage_error(err, cap, "more than one HOST[:PORT]", arg);
        }
        if (connect_parse_target(arg, o, err, cap) != CONNECT_EXIT_OK) {
            return CONNECT_EXIT_USAGE;
        }
        have_target = true;
    }
    if (o->help) {
        return CONNECT_EXIT_OK;
    }
    return finish(o, have_target, err, cap);
}
