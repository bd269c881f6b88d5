/*
 * connect_io.h — the blocking socket loop of `tls13 connect` (see connect_io.c).
 */
#ifndef TLS13_CLI_CONNECT_IO_H
#define TLS13_CLI_CONNECT_IO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cli/connect.h"
#include "handshake/client.h"

/*
 * RFC 8446 §5.2: a TLSCiphertext is at most 5 + 2^14 + 256 bytes. in holds two, so a whole
 * record always fits behind a partial one; out holds the sealing of one stdin read (at most
 * 2^14 bytes, one record) or a handshake flight.
 */
#define CONNECT_RECORD_MAX (5 + 16384 + 256)
#define CONNECT_IN_CAP (2 * CONNECT_RECORD_MAX)
#define CONNECT_OUT_CAP (4 * CONNECT_RECORD_MAX)
#define CONNECT_STDIN_CHUNK 16384

struct connect_io {
    int fd;                        /* the TCP socket, -1 when closed */
    FILE *trace;                   /* --trace, or NULL */
    uint8_t in[CONNECT_IN_CAP];    /* received, not yet consumed by the core */
    size_t in_len;
    uint8_t out[CONNECT_OUT_CAP];  /* what the core appended, to send */
    uint8_t plain[CONNECT_STDIN_CHUNK];
    const uint8_t *early_data;     /* --early-data contents (owned by the caller), or NULL */
    size_t early_data_len;
    bool close_sent;               /* our close_notify went out */
    bool peer_closed;              /* the server's close_notify came in */
    int unsent_errno;              /* our close_notify or KeyUpdate reply could not be sent
                                      because the peer closed or reset TCP (EPIPE, ECONNRESET):
                                      an error only if the peer's close_notify never arrives */
};

/* Resolves opt->host and connects to opt->port. CONNECT_EXIT_NETWORK with a message on failure. */
int connect_io_open(struct connect_io *io, const struct connect_options *opt);

/* Runs the handshake, the data phase and the closure. Returns a connect_exit status. */
int connect_io_run(struct connect_io *io, struct tls_client *c, const struct connect_options *opt);

/* Closes the socket and the trace file. */
void connect_io_close(struct connect_io *io);

/* The wall clock in milliseconds (for ticket ages: the core reads no clock). */
uint64_t connect_now_ms(void);

/* Prints "tls13: <alert> (<sent|received>): <RFC reason>" for a failure (connect_format_failure);
 * connect_report_failure() for the connection's first failure (tls_client_error()). */
void connect_report_error(const struct tls_error *e);
void connect_report_failure(const struct tls_client *c);

/* Same line, formatted into buf (for tests). */
void connect_format_failure(char *buf, size_t cap, const struct tls_error *e);

#endif
