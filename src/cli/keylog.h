/*
 * keylog.h — the NSS key log writer (SSLKEYLOGFILE), an observer of derived secrets.
 *
 * Implementation notes
 * --------------------
 * The NSS key log format is one line per secret:
 *
 *     <LABEL> <client_random, 64 hex digits> <secret, 2*HashLen hex digits>
 *
 * with the TLS 1.3 labels of TLS_SECRET_LIST (CLIENT_HANDSHAKE_TRAFFIC_SECRET,
 * SERVER_TRAFFIC_SECRET_0, ...). Wireshark and tshark read it to decrypt a capture; the decoder
 * of this project reads it too. The client random identifies the connection, because it is the
 * one value both the capture (in the ClientHello) and the key log contain.
 *
 * Only secrets that have an NSS name are written: binder keys and the resumption master secret
 * have none (the observer passes nss_label NULL for them).
 */
#ifndef TLS13_CLI_KEYLOG_H
#define TLS13_CLI_KEYLOG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "crypto/key_schedule.h"

/*
 * Formats one key log line, newline included, NUL-terminated, into buf. Returns its length
 * (without the NUL), or 0 when nss_label is NULL or the line does not fit in cap.
 */
size_t keylog_format_line(char *buf, size_t cap, const char *nss_label,
                          const uint8_t client_random[32], const uint8_t *secret,
                          size_t secret_len);

/* Observer context: the open key log file (appended to, flushed after every line). */
struct keylog {
    FILE *file;
    size_t lines; /* lines written, for --explain and tests */
};

/* The tls_observer.secret callback: writes the line if the secret has an NSS name. */
void keylog_on_secret(void *ctx, enum tls_secret_id id, unsigned generation,
                      const uint8_t *client_random, const uint8_t *secret, size_t secret_len,
                      const uint8_t *transcript_hash, size_t hash_len);

#endif
