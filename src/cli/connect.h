/*
 * connect.h — `tls13 connect`: its options and exit statuses.
 *
 * Implementation notes
 * --------------------
 * Parsing the command line is a pure function from argv into struct connect_options: it opens
 * no file, reads no environment variable and touches no socket, so the unit tests can check
 * every rule (lists, defaults, HOST:PORT and [IPv6]:PORT forms) without a network. The program
 * (connect.c) then resolves the host, opens the files and runs the client core.
 */
#ifndef TLS13_CLI_CONNECT_H
#define TLS13_CLI_CONNECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "handshake/client.h"

/* Exit statuses of `tls13 connect` (also listed by --help). */
enum connect_exit {
    CONNECT_EXIT_OK = 0,        /* verified handshake, and the peer's close_notify was seen */
    CONNECT_EXIT_TLS = 1,       /* handshake or protocol failure: an alert was sent or received */
    CONNECT_EXIT_USAGE = 2,     /* bad command line */
    CONNECT_EXIT_TRUNCATED = 3, /* the transport ended without close_notify (RFC 8446 §6.1) */
    CONNECT_EXIT_NETWORK = 4,   /* name resolution, connect, send or receive failed; file errors */
};

#define CONNECT_DEFAULT_PORT 443
#define CONNECT_DEFAULT_CAFILE "/etc/ssl/certs/ca-certificates.crt"
#define CONNECT_MAX_HOST 255

struct connect_options {
    char host[CONNECT_MAX_HOST + 1]; /* without brackets: "example.com", "::1", "127.0.0.1" */
    uint16_t port;
    bool host_is_ip;                 /* host is an IPv4 or IPv6 literal */
    const char *servername;          /* SNI and certificate name; NULL = none (IP + --insecure) */
    const char *cafile;              /* trust anchors, PEM */
    bool insecure;                   /* skip chain and name checks */
    uint16_t cipher_suites[TLS_MAX_SUITES];
    size_t cipher_suite_count;
    uint16_t groups[TLS_MAX_GROUPS]; /* the first one gets the key share */
    size_t group_count;
    char alpn_names[TLS_MAX_ALPN][TLS_MAX_ALPN_LEN + 1];
    const char *alpn[TLS_MAX_ALPN];  /* points into alpn_names, for tls_client_config */
    size_t alpn_count;
    const char *keylog;              /* --keylog FILE; NULL = $SSLKEYLOGFILE (read by the program) */
    const char *trace;               /* --trace FILE */
    const char *html;                /* --html FILE: the illustrated page (connect_html.h) */
    bool explain;
    bool key_update;                 /* send a KeyUpdate once connected */
    const char *sess_out;
    const char *sess_in;
    const char *early_data;
    bool help;                       /* --help: print usage, exit 0 */
    bool version;                    /* --version: print the version, exit 0 */
};

/*
 * Fills o from argv (argv[0] is "connect"). Returns CONNECT_EXIT_OK, or CONNECT_EXIT_USAGE with
 * a one-line message (no trailing newline) in err. After --help or --version the other fields
 * are not checked. The options themselves are described once, in tls13_connect_command.
 */
int connect_parse_args(int argc, char **argv, struct connect_options *o, char *err, size_t err_cap);

/* Splits "HOST", "HOST:PORT", "[V6]", "[V6]:PORT" or a bare IPv6 literal. Same returns. */
int connect_parse_target(const char *arg, struct connect_options *o, char *err, size_t err_cap);

#endif
