/*
 * file_read.h — the one way the program reads a whole file (a CA bundle, a key log, a trace,
 * early data): into a heap buffer, bounded, with errno saying why when it fails.
 */
#ifndef TLS13_CLI_FILE_READ_H
#define TLS13_CLI_FILE_READ_H

#include <stddef.h>
#include <stdint.h>

/*
 * Reads all of path into a new buffer (free() it), with one NUL byte after the *len bytes so
 * text can be used as a C string. NULL on failure with errno set: from fopen/fread, ENOMEM, or
 * EFBIG when the file holds more than max_len bytes.
 */
uint8_t *cli_read_file(const char *path, size_t max_len, size_t *len);

struct tls_keylog;

/*
 * Reads an NSS key log (SSLKEYLOGFILE format, at most CLI_MAX_KEYLOG bytes) into kl, adding to
 * what it holds. Returns 0, or 1 after a one-line message "tls13 COMMAND: ..." on stderr that
 * names the file (and the line of a bad entry). `command` is "decode", "compare", ...
 */
#define CLI_MAX_KEYLOG (256u << 20) /* a key log of a very long capture session */
int cli_load_keylog(const char *command, const char *path, struct tls_keylog *kl);

#endif
