/*
 * trace_writer.c — token traces: what the client sent (C:) and received (S:), in hex, one token
 * per send()/recv() buffer. The format is the decoder's input (DESIGN.md "Token trace format").
 */
#include "cli/trace_writer.h"

void trace_write_comment(FILE *out, const char *text)
{
    fputs("# ", out);
    for (const char *p = text; *p != '\0'; p++) {
        fputc(*p, out);
        /* a newline inside the comment must not end it: start another comment line */
        if (*p == '\n' && p[1] != '\0') {
            fputs("# ", out);
        }
    }
    fputc('\n', out);
    fflush(out);
}

void trace_write_token(FILE *out, char side, const uint8_t *bytes, size_t len)
{
    if (len == 0) {
        return;
    }
    fprintf(out, "%c:", side);
    for (size_t i = 0; i < len; i++) {
        if (i % TRACE_BYTES_PER_LINE == 0) {
            /* first line continues after "C:", the others are indented to line up with it */
            fputs(i == 0 ? " " : "\n   ", out);
        }
        fprintf(out, "%02x", bytes[i]);
    }
    fputc('\n', out);
    /* flushed per token: a trace of a connection that hangs is still complete up to there */
    fflush(out);
}
