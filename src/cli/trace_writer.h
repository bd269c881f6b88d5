/*
 * trace_writer.h — writing the bytes of a connection as a token trace (format in DESIGN.md).
 *
 * Implementation notes
 * --------------------
 * A token trace is text: `#` starts a comment line; `C:` or `S:` starts a token sent by the
 * client or the server, followed by its bytes in hex on the same and following lines. A token is
 * one buffer handed over in one call: here, one send() buffer of the client or one recv() chunk
 * from the server, so a token may hold several records and a record may span tokens, exactly as
 * the network delivered them. `tls13 decode` reads the file back.
 *
 * Lines hold 32 bytes (64 hex digits); continuation lines are indented by three spaces so the
 * hex lines up under the first line's.
 */
#ifndef TLS13_CLI_TRACE_WRITER_H
#define TLS13_CLI_TRACE_WRITER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define TRACE_BYTES_PER_LINE 32

/* Writes "# text" (one line; newlines inside text start new comment lines). */
void trace_write_comment(FILE *out, const char *text);

/* Writes one token: side 'C' (client sent) or 'S' (server sent). Nothing for len 0. */
void trace_write_token(FILE *out, char side, const uint8_t *bytes, size_t len);

#endif
