/*
 * session_file.h — --sess-out / --sess-in: a NewSessionTicket and its PSK saved as text
 * (RFC 8446 §4.6.1, §2.2).
 *
 * Implementation notes
 * --------------------
 * The file is "key value" lines, so a student can read what resumption keeps: the ticket (opaque
 * to the client), the PSK derived from resumption_master_secret and the ticket_nonce, the suite
 * it may be used with, and the ticket's age data. The PSK is a secret: the file is created with
 * mode 0600 and the in-memory copies are wiped.
 */
#ifndef TLS13_CLI_SESSION_FILE_H
#define TLS13_CLI_SESSION_FILE_H

#include <stddef.h>
#include <stdio.h>

#include "handshake/client.h"

/* Writes t as text to out. */
void session_file_format(FILE *out, const struct tls_ticket *t);

/* Parses the text form into t. 0, or -1 with a one-line reason in err. */
int session_file_parse(const char *text, size_t len, struct tls_ticket *t, char *err, size_t cap);

/* Save (mode 0600) and load by path. 0, or -1 with a reason in err. */
int session_file_save(const char *path, const struct tls_ticket *t, char *err, size_t cap);
int session_file_load(const char *path, struct tls_ticket *t, char *err, size_t cap);

#endif
