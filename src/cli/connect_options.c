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

#include "cli/cli_spec.h"
#include "cli/commands.h"
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

/* The options of `tls13 connect`; --help, the man page and the parser all read this table. */
enum {
    OPT_SERVERNAME = CLI_OPT_FIRST,
    OPT_CAFILE,
    OPT_INSECURE,
    OPT_CIPHERS,
    OPT_GROUPS,
    OPT_ALPN,
    OPT_KEYLOG,
    OPT_TRACE,
    OPT_HTML,
    OPT_EXPLAIN,
    OPT_KEY_UPDATE,
    OPT_SESS_OUT,
    OPT_SESS_IN,
    OPT_EARLY_DATA,
};

static const struct cli_option connect_options_table[] = {
    {OPT_SERVERNAME, "servername", 0, "NAME", NULL,
     "server_name (SNI) and the name the certificate must match (default: HOST; required when "
     "HOST is an IP address, unless --insecure)."},
    {OPT_CAFILE, "cafile", 0, "FILE", NULL,
     "Trusted CA certificates, PEM (default: " CONNECT_DEFAULT_CAFILE ")."},
    {OPT_INSECURE, "insecure", 0, NULL, NULL,
     "Do not check the chain or the name (CertificateVerify is still checked)."},
    {OPT_CIPHERS, "ciphers", 0, "LIST", NULL,
     "Cipher suites to offer, comma-separated IANA names, in order of preference (default: "
     "TLS_AES_128_GCM_SHA256,TLS_AES_256_GCM_SHA384,TLS_CHACHA20_POLY1305_SHA256)."},
    {OPT_GROUPS, "groups", 0, "LIST", NULL,
     "Key exchange groups to offer (default: x25519,secp256r1,secp384r1); the first gets a "
     "key share."},
    {OPT_ALPN, "alpn", 0, "LIST", NULL, "ALPN protocol names to offer, e.g. h2,http/1.1."},
    {OPT_KEYLOG, "keylog", 0, "FILE", NULL,
     "Append NSS key log lines (default: $SSLKEYLOGFILE if set)."},
    {OPT_TRACE, "trace", 0, "FILE", NULL,
     "Write the exchanged bytes as a token trace (C:/S: hex lines) that tls13 decode reads."},
    {OPT_HTML, "html", 0, "FILE", NULL,
     "Write the illustrated page of the connection to FILE: every record's bytes in named fields, "
     "the key schedule, the checks (as tls13 decode --format html; docs/decoder-html.md)."},
    {OPT_EXPLAIN, "explain", 0, NULL, NULL,
     "Explain every record, message, secret and state on stderr, with its RFC 8446 section."},
    {OPT_KEY_UPDATE, "key-update", 0, NULL, NULL,
     "Send a KeyUpdate (update_requested) once connected."},
    {OPT_SESS_OUT, "sess-out", 0, "FILE", NULL,
     "Save the server's last NewSessionTicket (the file holds a secret)."},
    {OPT_SESS_IN, "sess-in", 0, "FILE", NULL,
     "Offer a saved ticket for resumption (RFC 8446 §4.6.1)."},
    {OPT_EARLY_DATA, "early-data", 0, "FILE", NULL,
     "Send FILE as 0-RTT data with --sess-in (RFC 8446 §4.2.10). When the server does not "
     "resume or refuses 0-RTT: a note on stderr, a full handshake, and FILE is sent as "
     "ordinary data afterwards."},
    CLI_COMMON_OPTIONS,
};

static const struct cli_exit_status connect_exits[] = {
    {CONNECT_EXIT_OK, "verified handshake, and the server's close_notify was received"},
    {CONNECT_EXIT_TLS,
     "handshake or protocol failure: an alert was sent or received (reason on stderr, naming "
     "the alert and the RFC rule)"},
    {CONNECT_EXIT_USAGE, "usage error"},
    {CONNECT_EXIT_TRUNCATED, "connection closed without close_notify: truncated (RFC 8446 §6.1)"},
    {CONNECT_EXIT_NETWORK,
     "network or file error (name resolution, connect refused, unreadable file)"},
    {-1, NULL},
};

const struct cli_command tls13_connect_command = {
    .name = "connect",
    .operands = "HOST[:PORT]",
    .summary = "connect with TLS 1.3; stdin is sent, received data goes to stdout",
    .description =
        "Connects with TLS 1.3 (RFC 8446) to HOST (default port 443; IPv6 as [::1]:4433), "
        "sends stdin and writes what the server sends to stdout. At the end of stdin it sends "
        "close_notify and reads on until the server's close_notify (RFC 8446 §6.1).\n\n"
        "The handshake is verified: the certificate chain against --cafile, the name against "
        "--servername, the CertificateVerify signature and the server's Finished. A failure is "
        "reported in one line naming the alert and the RFC rule that was broken.",
    .options = connect_options_table,
    .exits = connect_exits,
    .examples = "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | tls13 connect example.com --explain\n\n"
                "tls13 connect localhost:4433 --cafile ca.pem --keylog keys.txt --trace hs.trace",
    .run = tls13_cmd_connect,
};

static int set_string(const char **field, const char *value)
{
    *field = value;
    return CONNECT_EXIT_OK;
}

/* A list given on the command line replaces the default list (the last one given wins). */
static int set_list(struct connect_options *o, size_t *count, const char *value, list_item_fn one,
                    const char *option, char *err, size_t cap)
{
    *count = 0;
    return parse_list(o, value, one, option, err, cap);
}

static int apply_option(void *ctx, const struct cli_option *opt, const char *value, char *err,
                        size_t cap)
{
    struct connect_options *o = ctx;
    switch (opt->id) {
    case OPT_SERVERNAME:
        return set_string(&o->servername, value);
    case OPT_CAFILE:
        return set_string(&o->cafile, value);
    case OPT_KEYLOG:
        return set_string(&o->keylog, value);
    case OPT_TRACE:
        return set_string(&o->trace, value);
    case OPT_HTML:
        return set_string(&o->html, value);
    case OPT_SESS_OUT:
        return set_string(&o->sess_out, value);
    case OPT_SESS_IN:
        return set_string(&o->sess_in, value);
    case OPT_EARLY_DATA:
        return set_string(&o->early_data, value);
    case OPT_CIPHERS:
        return set_list(o, &o->cipher_suite_count, value, add_suite, "--ciphers", err, cap);
    case OPT_GROUPS:
        return set_list(o, &o->group_count, value, add_group, "--groups", err, cap);
    case OPT_ALPN:
        return set_list(o, &o->alpn_count, value, add_alpn, "--alpn", err, cap);
    case OPT_INSECURE:
        o->insecure = true;
        return CONNECT_EXIT_OK;
    case OPT_EXPLAIN:
        o->explain = true;
        return CONNECT_EXIT_OK;
    case OPT_KEY_UPDATE:
        o->key_update = true;
        return CONNECT_EXIT_OK;
    default:
        return usage_error(err, cap, "unknown option", opt->name);
    }
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
    const char *operands[2];
    struct cli_args args = {.operands = operands, .operand_cap = 2};
    if (cli_parse(&tls13_connect_command, argc, argv, apply_option, o, &args, err, cap) != 0) {
        return CONNECT_EXIT_USAGE;
    }
    o->help = args.help;
    o->version = args.version;
    if (o->help || o->version) {
        return CONNECT_EXIT_OK;
    }
    if (args.operand_count > 1) {
        return usage_error(err, cap, "more than one HOST[:PORT]", operands[1]);
    }
    if (args.operand_count == 1 &&
        connect_parse_target(operands[0], o, err, cap) != CONNECT_EXIT_OK) {
        return CONNECT_EXIT_USAGE;
    }
    return finish(o, args.operand_count == 1, err, cap);
}
