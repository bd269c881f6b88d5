/*
 * input.c — one entry point for every decoder input: pcap, pcapng or token trace.
 *
 * Implementation notes
 * --------------------
 * The format is told by content, never by file name (a capture saved as .txt is still a
 * capture). The first four bytes decide:
 *   a1b2c3d4  pcap, microsecond timestamps    a1b23c4d  pcap, nanosecond timestamps
 *   a1b2cd34  pcap, Kuznetzov's patched format (each also byte-swapped: d4c3b2a1, ...)
 *   0a0d0d0a  pcapng Section Header Block type
 * and anything else is read as a token trace. libpcap opens captures by path; a trace is read
 * here, whole, up to TLS_STREAM_MAX_TRACE_SIZE, and parsed by the pure tls_token_trace_read().
 * Besides src/cli, src/decoder is the one layer allowed to open files, for exactly this.
 */
#include "decoder/stream.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decoder/input_internal.h"

tls_result tls_input_fail(struct tls_input_error *ie, enum tls_alert_description alert,
                          const char *reason, unsigned long line, const char *format, ...)
{
    if (ie == NULL) {
        return TLS_E_ALERT(alert);
    }
    tls_result rc = tls_fail(&ie->err, alert, reason);
    ie->line = line;
    va_list ap;
    va_start(ap, format);
    vsnprintf(ie->message, sizeof(ie->message), format, ap);
    va_end(ap);
    return rc;
}

enum tls_input_format tls_input_detect_format(const uint8_t *head, size_t len)
{
    static const uint8_t magics[][4] = {
        {0xa1, 0xb2, 0xc3, 0xd4}, {0xd4, 0xc3, 0xb2, 0xa1},
        {0xa1, 0xb2, 0x3c, 0x4d}, {0x4d, 0x3c, 0xb2, 0xa1},
        {0xa1, 0xb2, 0xcd, 0x34}, {0x34, 0xcd, 0xb2, 0xa1},
    };
    static const uint8_t shb[4] = {0x0a, 0x0d, 0x0d, 0x0a};
    if (len < 4) {
        return TLS_INPUT_TOKEN_TRACE;
    }
    for (size_t i = 0; i < sizeof(magics) / sizeof(magics[0]); i++) {
        if (memcmp(head, magics[i], 4) == 0) {
            return TLS_INPUT_PCAP;
        }
    }
    return memcmp(head, shb, 4) == 0 ? TLS_INPUT_PCAPNG : TLS_INPUT_TOKEN_TRACE;
}

/* The whole of a (trace) file, at most TLS_STREAM_MAX_TRACE_SIZE bytes, in a heap buffer. */
static tls_result read_whole(FILE *f, const char *path, char **out, size_t *out_len,
                             struct tls_input_error *ie)
{
    size_t cap = 1u << 16, n = 0;
    char *buf = malloc(cap);
    while (buf != NULL) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap) {
            break;
        }
        if (cap >= TLS_STREAM_MAX_TRACE_SIZE) {
            free(buf);
            return tls_input_fail(ie, TLS_ALERT_decode_error, "token trace: file too large", 0,
                                  "%s: larger than %u bytes, the largest token trace read", path,
                                  TLS_STREAM_MAX_TRACE_SIZE);
        }
        char *bigger = realloc(buf, cap * 2);
        if (bigger == NULL) {
            free(buf);
        }
        buf = bigger;
        cap *= 2;
    }
    if (buf == NULL) {
        return tls_input_fail(ie, TLS_ALERT_internal_error, "input: out of memory", 0, "out of memory");
    }
    if (ferror(f)) {
        free(buf);
        return tls_input_fail(ie, TLS_ALERT_internal_error, "input: read error", 0, "%s: read error", path);
    }
    *out = buf;
    *out_len = n;
    return TLS_OK;
}

tls_result tls_decoder_read_input(const char *path, const struct tls_stream_callbacks *cb,
                                  struct tls_input_error *ie)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return tls_input_fail(ie, TLS_ALERT_internal_error, "input: cannot open the file", 0,
                              "%s: cannot open", path);
    }
    uint8_t head[4];
    size_t got = fread(head, 1, sizeof(head), f);
    if (tls_input_detect_format(head, got) != TLS_INPUT_TOKEN_TRACE) {
        fclose(f);
        return tls_pcap_read_file(path, cb, ie);
    }
    rewind(f);
    char *text = NULL;
    size_t len = 0;
    tls_result rc = read_whole(f, path, &text, &len, ie);
    fclose(f);
    TRY(rc);
    rc = tls_token_trace_read(text, len, cb, ie);
    free(text);
    return rc;
}
