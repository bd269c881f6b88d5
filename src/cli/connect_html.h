/*
 * connect_html.h — `tls13 connect --html FILE`: the illustrated page of the connection just made.
 *
 * Implementation notes
 * --------------------
 * The page comes from the same model and renderer as `tls13 decode --format html`: while the
 * client runs, the exchanged bytes are kept as a token trace (one token per send or receive
 * call, as --trace writes them) and the secrets as NSS key log lines, both in memory; at the end
 * the decoder reads that trace with those keys and writes the page. So the page shows the
 * connection as a passive observer with the key log would, byte for byte what went on the wire,
 * plus what only the client knows: its Early, Handshake and Master Secrets and the (EC)DHE shared
 * secret, handed to the decoder (struct tls_decode_stage_secrets) so the key schedule panel
 * shows every §7.1 step, as --explain does.
 */
#ifndef TLS13_CLI_CONNECT_HTML_H
#define TLS13_CLI_CONNECT_HTML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "cli/keylog.h"
#include "decoder/decode.h"

struct connect_html {
    const char *path;        /* --html FILE, or NULL */
    FILE *page;              /* opened at the start, so a bad path fails before connecting */
    FILE *trace;             /* memory stream of the token trace (NULL when --trace is used) */
    char *trace_buf;
    size_t trace_len;
    struct keylog keys;      /* memory stream of the key log lines */
    char *keys_buf;
    size_t keys_len;
    struct tls_decode_stage_secrets stages; /* the §7.1 values no key log carries */
};

/* Opens FILE and the memory streams; *trace receives the trace stream when none is set yet.
   Returns 0, or -1 with errno set. */
int connect_html_open(struct connect_html *h, const char *path, FILE **trace);

/* The observer's secret callback: keeps the early, handshake and master secrets and the (EC)DHE
   shared secret (the key log lines take the traffic secrets). */
void connect_html_on_secret(struct connect_html *h, enum tls_secret_id id,
                            const uint8_t *client_random, const uint8_t *secret,
                            size_t secret_len);

/* After the connection (whatever its end): decodes the kept trace (or the --trace file) with the
   kept keys into the page. name labels the input on the page. Returns 0 or -1 (message on
   stderr). */
int connect_html_write(struct connect_html *h, const char *trace_path, const char *name);

/* Releases everything (also on failure paths). */
void connect_html_free(struct connect_html *h);

#endif
