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

#endif
