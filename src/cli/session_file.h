/*
 * session_file.h — --sess-out / --sess-in: reading and writing a saved session ticket.
 *
 * The format ("tls13-session v1", docs/session-file.md) is encoded and parsed by the pure
 * functions of handshake/session_file.h; this file only moves the text to and from disk. The
 * file holds the PSK, a secret: it is created with mode 0600 and every in-memory copy is wiped.
 */
#ifndef TLS13_CLI_SESSION_FILE_H
#define TLS13_CLI_SESSION_FILE_H

#include <stddef.h>

#include "handshake/client.h"

/* Save (mode 0600) and load by path. 0, or -1 with a one-line reason in err. */
int session_file_save(const char *path, const struct tls_ticket *t, char *err, size_t cap);
int session_file_load(const char *path, struct tls_ticket *t, char *err, size_t cap);

#endif
